// Resumable uploads: the tus 1.0 protocol (core + creation) over fetch, so a 4 MB scan sent on a
// weak signal continues where it stopped instead of starting over. Ours rather than tus-js-client
// (its browser build and dependencies, many times the ~1 KB gzip this is, and its own HTTP stack
// to teach about our tokens): requests go through apiFetch, so they carry the access token and
// get the one refresh-and-retry every API call has.
//
//   const url = await tusUpload(blob, { name, type }, keptUrl, {
//     fetch: apiFetch,
//     onUrl: (url) => keep(url),              // written down before the first byte goes
//     onProgress: (sent, size) => show(sent),
//   });
//
// - No `keptUrl` (or the hub no longer knows it: 404/410): POST creates an upload
//   (`Upload-Length`, `Upload-Metadata: filename <base64>,filetype <base64>`).
// - Then PATCH chunks (256 KB: progress moves, a drop loses little) at `Upload-Offset`.
// - A dropped request or a 5xx: HEAD asks the offset the hub holds, and the upload goes on from
//   there. A 409 (our offset and the hub's differ, e.g. a chunk that arrived though its answer
//   was lost): the same. After `retries` failures in a row it gives up with HubUnreachable, and
//   the outbox tries again later (from the kept URL).
// - A refusal (413 payload_too_large, 400, 403): an ApiError with the hub's problem.
import { ApiError } from '../api/client.js';
import { HubUnreachable } from '../api/tokens.js';

export const TUS_VERSION = '1.0.0';
export const UPLOADS_PATH = '/api/v1/uploads';
export const CHUNK_BYTES = 256 * 1024;

export interface TusOptions {
  /** apiFetch: token, language, refresh on 401; throws HubUnreachable when the hub is not there. */
  fetch: (request: Request) => Promise<Response>;
  /** The hub's origin (location.origin in the browser). */
  origin?: string;
  chunkBytes?: number;
  /** Failures in a row before giving up to the outbox. */
  retries?: number;
  /** Waits before the next try after `failures` failures in a row. */
  pause?: (failures: number) => Promise<void>;
  /** The upload's URL, as soon as it exists (keep it to resume after a reload). */
  onUrl?: (url: string) => unknown;
  onProgress?: (sent: number, size: number) => void;
}

/** The upload's id, as `POST /attachments` takes it: the last segment of its URL. */
export function uploadIdOf(url: string): string {
  return decodeURIComponent(new URL(url, 'http://x').pathname.split('/').filter(Boolean).pop()!);
}

/** Base64 of a UTF-8 string, as tus's Upload-Metadata wants values. */
export function base64(text: string): string {
  let bin = '';
  for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
  return btoa(bin);
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: unknown = {};
  try {
    body = await res.json();
  } catch {
    // Not JSON: the status says enough.
  }
  const problem = (body ?? {}) as ApiError['problem'];
  if (!problem.code) {
    const codes: Record<number, ApiError['problem']['code']> = {
      400: 'validation_failed',
      403: 'forbidden',
      404: 'not_found',
      413: 'payload_too_large',
      415: 'validation_failed',
    };
    if (codes[res.status]) problem.code = codes[res.status];
  }
  return new ApiError(res.status, problem);
}

/** Whether a status is worth trying again later (the hub busy or gone for a moment). */
function passing(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

class Gone extends Error {}

/** Uploads `blob` (resuming `url` when given); answers the upload's URL once every byte is there. */
export async function tusUpload(
  blob: Blob,
  meta: { name: string; type: string },
  url: string | undefined,
  options: TusOptions,
): Promise<string> {
  const origin = options.origin ?? location.origin;
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  const retries = options.retries ?? 3;
  const pause =
    options.pause ?? ((n: number) => new Promise<void>((r) => setTimeout(r, 500 * 2 ** (n - 1))));
  const size = blob.size;
  const call = (method: string, at: string, headers: Record<string, string>, body?: Blob) =>
    options.fetch(
      new Request(at, {
        method,
        headers: { 'tus-resumable': TUS_VERSION, ...headers },
        body,
      }),
    );

  /** The offset the hub holds; Gone when it does not know the upload (any more). */
  async function head(at: string): Promise<number> {
    const res = await call('HEAD', at, {});
    if (res.status === 404 || res.status === 410) throw new Gone();
    if (passing(res.status)) throw new HubUnreachable(res.status);
    if (!res.ok) throw await problemOf(res);
    const offset = Number(res.headers.get('upload-offset'));
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > size) throw new Gone();
    return offset;
  }

  async function create(): Promise<string> {
    const res = await call('POST', origin + UPLOADS_PATH, {
      'upload-length': String(size),
      'upload-metadata': `filename ${base64(meta.name)},filetype ${base64(meta.type)}`,
    });
    if (passing(res.status)) throw new HubUnreachable(res.status);
    if (res.status !== 201) throw await problemOf(res);
    const location = res.headers.get('location');
    if (!location) throw new HubUnreachable(res.status);
    // Its path on our origin: behind a proxy the hub may name another host.
    const made = origin + new URL(location, origin).pathname;
    await options.onUrl?.(made);
    return made;
  }

  let at = url;
  let offset = 0;
  let failures = 0;
  let fresh = !at;
  for (;;) {
    try {
      if (!at) {
        at = await create();
        offset = 0;
        fresh = true;
      } else if (!fresh) {
        offset = await head(at);
      }
      fresh = false;
      options.onProgress?.(offset, size);
      while (offset < size) {
        const res = await call(
          'PATCH',
          at,
          {
            'upload-offset': String(offset),
            'content-type': 'application/offset+octet-stream',
          },
          blob.slice(offset, Math.min(size, offset + chunk)),
        );
        if (res.status === 204) {
          const next = Number(res.headers.get('upload-offset'));
          offset = Number.isSafeInteger(next) && next > offset ? next : await head(at);
          failures = 0;
          options.onProgress?.(offset, size);
          continue;
        }
        if (res.status === 404 || res.status === 410) throw new Gone();
        // Our offset is not the hub's (a chunk whose answer was lost): ask and go on.
        if (res.status === 409) {
          failures += 1;
          if (failures > retries) throw new HubUnreachable(409);
          offset = await head(at);
          continue;
        }
        if (passing(res.status)) throw new HubUnreachable(res.status);
        throw await problemOf(res);
      }
      return at;
    } catch (error) {
      if (error instanceof Gone) {
        // Expired or swept at the hub: start this file again.
        at = undefined;
        failures += 1;
      } else if (error instanceof ApiError) {
        throw error;
      } else {
        failures += 1;
      }
      if (failures > retries) throw error instanceof Gone ? new HubUnreachable() : error;
      await pause(failures);
    }
  }
}
