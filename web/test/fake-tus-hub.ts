// A hub for the upload tests, as fetch: tus 1.0 uploads (POST, HEAD, PATCH) held in memory,
// POST /attachments (repeats by Idempotency-Key answer the same attachment), and any other JSON
// POST (the item: an issue, a comment) recorded with its Idempotency-Key. It can be down (every
// request fails as a dropped connection does), drop the Nth request of a kind before or after
// doing it (the answer lost), or refuse an attach.
import { HubUnreachable } from '../src/api/tokens.js';

export interface Upload {
  id: string;
  length: number;
  name: string;
  bytes: Uint8Array;
  offset: number;
}

type Kind = 'create' | 'head' | 'patch' | 'attach' | 'item';

export function fakeTusHub() {
  let n = 0;
  const hub = {
    uploads: new Map<string, Upload>(),
    attachments: new Map<string, { id: string; uploadId: string; caption?: string }>(),
    items: [] as Array<{ key: string | null; path: string; body: Record<string, unknown> }>,
    log: [] as string[],
    down: false,
    /** Drop the next request of a kind: 'before' it is done, or 'after' (its answer lost). */
    drops: [] as Array<{ kind: Kind; when: 'before' | 'after'; skip?: number }>,
    /** Refuse POST /attachments with this problem (status, code, detail). */
    refuseAttach: null as null | { status: number; code: string; detail: string },
    /** Answer the next PATCH 409 (another offset) without storing it. */
    conflictNext: false,
    fetch: async (request: Request): Promise<Response> => {
      const url = new URL(request.url);
      const kind: Kind =
        request.method === 'POST' && url.pathname === '/api/v1/uploads'
          ? 'create'
          : request.method === 'HEAD'
            ? 'head'
            : request.method === 'PATCH' && url.pathname.startsWith('/api/v1/uploads/')
              ? 'patch'
              : url.pathname === '/api/v1/attachments'
                ? 'attach'
                : 'item';
      hub.log.push(`${kind} ${request.method} ${url.pathname}`);
      if (hub.down) throw new HubUnreachable();
      const drop = hub.drops.find((d) => d.kind === kind);
      let dropNow: 'before' | 'after' | null = null;
      if (drop?.skip) drop.skip -= 1;
      else if (drop) {
        hub.drops.splice(hub.drops.indexOf(drop), 1);
        dropNow = drop.when;
      }
      if (dropNow === 'before') throw new HubUnreachable();
      const res = await answer(kind, request, url);
      if (dropNow === 'after') throw new HubUnreachable();
      return res;
    },
    bytesOf(uploadId: string): Uint8Array {
      const u = hub.uploads.get(uploadId)!;
      return u.bytes.slice(0, u.offset);
    },
    count: (prefix: string) => hub.log.filter((l) => l.startsWith(prefix)).length,
  };

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  async function answer(kind: Kind, request: Request, url: URL): Promise<Response> {
    if (kind === 'create') {
      const length = Number(request.headers.get('upload-length'));
      if (length > 10_000_000)
        return json(413, { code: 'payload_too_large', detail: 'Larger than 10 MB.' });
      const meta = request.headers.get('upload-metadata') ?? '';
      const b64 = /filename ([^,]+)/.exec(meta)?.[1] ?? '';
      const name = new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
      const id = `up${++n}`;
      hub.uploads.set(id, { id, length, name, bytes: new Uint8Array(length), offset: 0 });
      return new Response(null, {
        status: 201,
        // As a hub behind a proxy may: another host; the client keeps only the path.
        headers: { location: `http://internal:3000/api/v1/uploads/${id}` },
      });
    }
    const id = url.pathname.split('/').pop()!;
    if (kind === 'head') {
      const u = hub.uploads.get(id);
      if (!u) return new Response(null, { status: 404 });
      return new Response(null, {
        status: 200,
        headers: { 'upload-offset': String(u.offset), 'upload-length': String(u.length) },
      });
    }
    if (kind === 'patch') {
      const u = hub.uploads.get(id);
      if (!u) return new Response(null, { status: 404 });
      const at = Number(request.headers.get('upload-offset'));
      if (hub.conflictNext || at !== u.offset) {
        hub.conflictNext = false;
        return new Response(null, { status: 409 });
      }
      const chunk = new Uint8Array(await request.arrayBuffer());
      u.bytes.set(chunk, at);
      u.offset = at + chunk.length;
      return new Response(null, { status: 204, headers: { 'upload-offset': String(u.offset) } });
    }
    const body = (await request.json()) as Record<string, unknown>;
    const key = request.headers.get('idempotency-key');
    if (kind === 'attach') {
      if (hub.refuseAttach) {
        const r = hub.refuseAttach;
        return json(r.status, { status: r.status, code: r.code, detail: r.detail });
      }
      const uploadId = String(body.uploadId);
      const u = hub.uploads.get(uploadId);
      if (!u || u.offset !== u.length) return json(404, { code: 'not_found' });
      const seen = key ? hub.attachments.get(key) : undefined;
      const made = seen ?? {
        id: `att-${uploadId}`,
        uploadId,
        caption: body.caption as string | undefined,
      };
      if (key) hub.attachments.set(key, made);
      return json(201, {
        id: made.id,
        kind: 'image',
        mimeType: 'image/jpeg',
        size: u.length,
        sha256: 'x',
        caption: made.caption ?? null,
        urls: { original: `/api/v1/files/${made.id}` },
      });
    }
    const seen = hub.items.find((i) => key && i.key === key);
    if (!seen) hub.items.push({ key, path: url.pathname, body });
    return json(201, { id: `item-${key}` });
  }

  return hub;
}
