// The tus client (issue 11): an upload continues where it stopped, after a dropped request, a lost
// answer, a reload (the kept URL) or an offset the hub does not share; refusals are refusals.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client.js';
import { HubUnreachable } from '../src/api/tokens.js';
import { base64, tusUpload, uploadIdOf, type TusOptions } from '../src/attachments/tus.js';
import { fakeTusHub } from './fake-tus-hub.js';

const CHUNK = 1000;

function bytes(n: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251);
}

function options(hub: ReturnType<typeof fakeTusHub>, extra: Partial<TusOptions> = {}) {
  const urls: string[] = [];
  const progress: number[] = [];
  const o: TusOptions = {
    fetch: hub.fetch,
    origin: 'http://hub.test',
    chunkBytes: CHUNK,
    pause: () => Promise.resolve(),
    onUrl: (u) => urls.push(u),
    onProgress: (sent) => progress.push(sent),
    ...extra,
  };
  return { o, urls, progress };
}

describe('tusUpload', () => {
  it('creates an upload, sends it in chunks with progress, and keeps its URL first', async () => {
    const hub = fakeTusHub();
    const data = bytes(3500);
    const { o, urls, progress } = options(hub);
    const url = await tusUpload(
      new Blob([data]),
      { name: 'Канал башы.jpg', type: 'image/jpeg' },
      undefined,
      o,
    );

    expect(url).toBe('http://hub.test/api/v1/uploads/up1');
    expect(urls).toEqual([url]);
    expect(hub.log.filter((l) => l.startsWith('patch'))).toHaveLength(4);
    expect(progress).toEqual([0, 1000, 2000, 3000, 3500]);
    expect(hub.bytesOf('up1')).toEqual(data);
    expect(hub.uploads.get('up1')?.name).toBe('Канал башы.jpg');
    expect(uploadIdOf(url)).toBe('up1');
  });

  it('resumes after a dropped request: HEAD asks the offset, nothing is sent twice', async () => {
    const hub = fakeTusHub();
    const data = bytes(3500);
    hub.drops.push({ kind: 'patch', when: 'before', skip: 1 });
    const { o } = options(hub);
    await tusUpload(new Blob([data]), { name: 'a.pdf', type: 'application/pdf' }, undefined, o);

    expect(hub.log.map((l) => l.split(' ')[0])).toEqual([
      'create',
      'patch',
      'patch', // dropped
      'head',
      'patch',
      'patch',
      'patch',
    ]);
    expect(hub.bytesOf('up1')).toEqual(data);
  });

  it('goes on from the offset HEAD gives when a chunk arrived but its answer was lost', async () => {
    const hub = fakeTusHub();
    const data = bytes(2500);
    hub.drops.push({ kind: 'patch', when: 'after' });
    const { o } = options(hub);
    await tusUpload(new Blob([data]), { name: 'a.pdf', type: 'application/pdf' }, undefined, o);

    // The first chunk was stored; HEAD says 1000, so the next PATCH starts there.
    expect(hub.count('patch')).toBe(3);
    expect(hub.count('head')).toBe(1);
    expect(hub.bytesOf('up1')).toEqual(data);
  });

  it('recovers from a 409 (offsets differ) by asking HEAD', async () => {
    const hub = fakeTusHub();
    const data = bytes(1500);
    hub.conflictNext = true;
    const { o } = options(hub);
    await tusUpload(new Blob([data]), { name: 'a.pdf', type: 'application/pdf' }, undefined, o);
    expect(hub.log.map((l) => l.split(' ')[0])).toEqual([
      'create',
      'patch',
      'head',
      'patch',
      'patch',
    ]);
    expect(hub.bytesOf('up1')).toEqual(data);
  });

  it('resumes a kept URL after a reload, sending only what the hub lacks', async () => {
    const hub = fakeTusHub();
    const data = bytes(3000);
    hub.down = false;
    const first = options(hub);
    hub.drops.push({ kind: 'patch', when: 'before', skip: 2 });
    const stopped = await tusUpload(new Blob([data]), { name: 'a', type: 'image/png' }, undefined, {
      ...first.o,
      retries: 0,
    }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(HubUnreachable);
    const kept = first.urls[0];
    expect(hub.uploads.get('up1')?.offset).toBe(2000);

    hub.log.length = 0;
    const again = options(hub);
    const url = await tusUpload(new Blob([data]), { name: 'a', type: 'image/png' }, kept, again.o);
    expect(url).toBe(kept);
    expect(hub.log.map((l) => l.split(' ')[0])).toEqual(['head', 'patch']);
    expect(again.urls).toEqual([]); // no new upload
    expect(hub.bytesOf('up1')).toEqual(data);
  });

  it('starts again when the hub has forgotten a kept upload (404)', async () => {
    const hub = fakeTusHub();
    const data = bytes(1200);
    const { o, urls } = options(hub);
    const url = await tusUpload(
      new Blob([data]),
      { name: 'a', type: 'image/png' },
      'http://hub.test/api/v1/uploads/gone',
      o,
    );
    expect(urls).toEqual([url]);
    expect(hub.bytesOf(uploadIdOf(url))).toEqual(data);
  });

  it('gives up to the outbox after some failures in a row (HubUnreachable, retried later)', async () => {
    const hub = fakeTusHub();
    const { o } = options(hub, { retries: 2 });
    hub.drops.push(
      { kind: 'patch', when: 'before' },
      { kind: 'head', when: 'before' },
      { kind: 'head', when: 'before' },
    );
    const error = await tusUpload(
      new Blob([bytes(1500)]),
      { name: 'a', type: 'x' },
      undefined,
      o,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubUnreachable);
  });

  it('answers a refusal as the hub’s problem (413 payload_too_large)', async () => {
    const hub = fakeTusHub();
    const { o } = options(hub);
    const big = { size: 20_000_000, slice: () => new Blob([]) } as unknown as Blob;
    const error = await tusUpload(
      big,
      { name: 'big.pdf', type: 'application/pdf' },
      undefined,
      o,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('payload_too_large');
    expect((error as ApiError).problem.detail).toBe('Larger than 10 MB.');
  });

  it('writes metadata as tus says: base64 of UTF-8', () => {
    expect(base64('Суу.jpg')).toBe(Buffer.from('Суу.jpg').toString('base64'));
  });
});
