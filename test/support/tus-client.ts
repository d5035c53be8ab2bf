import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SignedUp } from './factories.js';

/**
 * The tus 1.0 protocol as a client speaks it, over plain fetch and http (what tus-js-client
 * does, spelled out so the tests see every header).
 */
export interface TusAnswer {
  status: number;
  headers: Headers;
  text: string;
  json?: Record<string, unknown>;
}

async function answer(res: Response): Promise<TusAnswer> {
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  if (text && /json/.test(res.headers.get('content-type') ?? '')) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, json };
}

export function tusHeaders(as: SignedUp | undefined, extra: Record<string, string> = {}) {
  return {
    'Tus-Resumable': '1.0.0',
    ...(as ? as.auth : {}),
    ...extra,
  };
}

export function metadata(filename: string): string {
  return `filename ${Buffer.from(filename).toString('base64')}`;
}

/** POST /uploads (creation; with `body`, creation-with-upload). */
export async function createUpload(
  baseUrl: string,
  as: SignedUp | undefined,
  length: number,
  options: { filename?: string; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<TusAnswer & { location?: string }> {
  const res = await fetch(`${baseUrl}/api/v1/uploads`, {
    method: 'POST',
    headers: tusHeaders(as, {
      'Upload-Length': String(length),
      ...(options.filename ? { 'Upload-Metadata': metadata(options.filename) } : {}),
      ...(options.body ? { 'Content-Type': 'application/offset+octet-stream' } : {}),
      ...options.headers,
    }),
    body: options.body,
  });
  const result = await answer(res);
  return { ...result, location: res.headers.get('location') ?? undefined };
}

export async function patchUpload(
  baseUrl: string,
  as: SignedUp | undefined,
  location: string,
  offset: number,
  bytes: Buffer,
): Promise<TusAnswer> {
  const res = await fetch(`${baseUrl}${location}`, {
    method: 'PATCH',
    headers: tusHeaders(as, {
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    }),
    body: bytes,
  });
  return answer(res);
}

export async function headUpload(
  baseUrl: string,
  as: SignedUp | undefined,
  location: string,
): Promise<TusAnswer> {
  return answer(await fetch(`${baseUrl}${location}`, { method: 'HEAD', headers: tusHeaders(as) }));
}

export async function deleteUpload(
  baseUrl: string,
  as: SignedUp | undefined,
  location: string,
): Promise<TusAnswer> {
  return answer(
    await fetch(`${baseUrl}${location}`, { method: 'DELETE', headers: tusHeaders(as) }),
  );
}

/** The id at the end of an upload's Location. */
export function uploadIdOf(location: string): string {
  return location.split('/').pop()!;
}

/** A whole file in one creation and one PATCH; answers the upload id. */
export async function uploadFile(
  baseUrl: string,
  as: SignedUp,
  bytes: Buffer,
  filename = 'file.bin',
): Promise<string> {
  const created = await createUpload(baseUrl, as, bytes.length, { filename });
  if (created.status !== 201 || !created.location)
    throw new Error(`upload creation failed: ${created.status} ${created.text}`);
  if (bytes.length) {
    const patched = await patchUpload(baseUrl, as, created.location, 0, bytes);
    if (patched.status !== 204) throw new Error(`PATCH failed: ${patched.status} ${patched.text}`);
  }
  return uploadIdOf(created.location);
}

/**
 * A PATCH whose connection is cut after `sendBytes` of `bytes` went out: a phone losing its
 * signal mid-upload. The socket is destroyed, no answer is awaited.
 */
export async function cutPatch(
  baseUrl: string,
  as: SignedUp,
  location: string,
  offset: number,
  bytes: Buffer,
  sendBytes: number,
): Promise<void> {
  const url = new URL(`${baseUrl}${location}`);
  const req = http.request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'PATCH',
    headers: {
      ...tusHeaders(as, {
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      }),
      'Content-Length': String(bytes.length),
    },
  });
  req.on('error', () => undefined);
  const step = 64 * 1024;
  for (let sent = 0; sent < sendBytes; sent += step) {
    const piece = bytes.subarray(sent, Math.min(sent + step, sendBytes));
    if (!req.write(piece)) await new Promise((resolve) => req.once('drain', resolve));
  }
  // Let the server take in what was sent before the line goes dead.
  await sleep(300);
  req.destroy();
  await sleep(100);
}
