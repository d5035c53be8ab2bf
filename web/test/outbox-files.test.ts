// The outbox with files (issue 11): an item written offline with files keeps their bytes on the
// phone and goes out whole when the hub is back: the files first (each resumed, each attached
// once), then the item with its Idempotency-Key and the attachments' ids, in order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tx } from '../src/offline/db.js';
import { getFile, putFiles } from '../src/attachments/files.js';
import {
  Outbox,
  filesOf,
  requestSender,
  type OutboxFile,
  type OutboxItem,
  type RequestPayload,
} from '../src/offline/outbox.js';
import { uploadDefaults } from '../src/attachments/upload.js';
import { fakeTusHub } from './fake-tus-hub.js';

let users = 0;
const newUser = () => `files-${++users}-${crypto.randomUUID().slice(0, 8)}`;
const boxes: Outbox[] = [];
const tick = () => new Promise((r) => setImmediate(r));

function box(userId: string): Outbox {
  const b = new Outbox(userId, { backoff: () => 60_000 });
  b.register('request', requestSender);
  boxes.push(b);
  return b;
}

let hub: ReturnType<typeof fakeTusHub>;
beforeEach(() => {
  hub = fakeTusHub();
  vi.stubGlobal('fetch', (request: Request) => hub.fetch(request));
  uploadDefaults.pause = () => Promise.resolve();
  uploadDefaults.chunkBytes = 1000;
});
afterEach(async () => {
  for (const b of boxes.splice(0)) b.close();
  vi.unstubAllGlobals();
  await tick();
});

function bytes(n: number, seed = 1): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: n }, (_, i) => (i * seed + 11) % 253);
}

/** Writes an issue with files to the outbox as the raise screen does. */
async function raiseWithFiles(
  b: Outbox,
  files: Array<{ name: string; data: Uint8Array<ArrayBuffer>; caption?: string }>,
) {
  const refs: OutboxFile[] = files.map((f) => ({
    key: crypto.randomUUID(),
    name: f.name,
    type: 'image/jpeg',
    size: f.data.length,
    ...(f.caption ? { caption: f.caption } : {}),
  }));
  await putFiles(
    b.userId,
    refs.map((r, i) => ({ key: r.key, blob: new Blob([files[i].data], { type: 'image/jpeg' }) })),
  );
  const payload: RequestPayload = {
    method: 'POST',
    path: '/api/v1/issues',
    body: { title: 'Канал бузулду' },
    files: refs,
  };
  return b.add('request', 'issues:new', payload);
}

const kept = (b: Outbox, id: string) => b.items.value.find((i) => i.id === id);

describe('the outbox with files', () => {
  it('keeps files offline, then sends them first and the item once with their ids, in order', async () => {
    const b = box(newUser());
    hub.down = true;
    const photo = bytes(2500, 3);
    const scan = bytes(1800, 5);
    const item = await raiseWithFiles(b, [
      { name: 'photo.jpg', data: photo, caption: 'Канал башы' },
      { name: 'scan.jpg', data: scan },
    ]);
    await b.flush();
    expect(kept(b, item.id)?.state).toBe('pending');
    expect(hub.items).toEqual([]);
    const keys = filesOf(item.payload).map((f) => f.key);
    expect(await getFile(b.userId, keys[0])).toBeInstanceOf(Blob);

    hub.down = false;
    hub.log.length = 0;
    await b.flush();

    // Files first, in order, then the item.
    const kinds = hub.log.map((l) => l.split(' ')[0]);
    expect(kinds.indexOf('item')).toBe(kinds.length - 1);
    expect(kinds.filter((k) => k === 'create')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'attach')).toHaveLength(2);
    expect(hub.bytesOf('up1')).toEqual(photo);
    expect(hub.bytesOf('up2')).toEqual(scan);
    expect(hub.items).toEqual([
      {
        key: item.id,
        path: '/api/v1/issues',
        body: { title: 'Канал бузулду', attachmentIds: ['att-up1', 'att-up2'] },
      },
    ]);
    expect([...hub.attachments.values()].map((a) => a.caption)).toEqual(['Канал башы', undefined]);
    // Sent: gone from the outbox and its bytes from the phone.
    expect(b.items.value).toEqual([]);
    expect(await getFile(b.userId, keys[0])).toBeUndefined();
    expect(await getFile(b.userId, keys[1])).toBeUndefined();
  });

  it('resumes an upload after a reload from its kept URL instead of starting over', async () => {
    const user = newUser();
    const first = box(user);
    const data = bytes(4000, 7);
    const item = await raiseWithFiles(first, [{ name: 'scan.jpg', data }]);
    // The link drops after two chunks: everything after fails.
    let patches = 0;
    const realFetch = hub.fetch;
    vi.stubGlobal('fetch', async (r: Request) => {
      if (r.method === 'PATCH' && ++patches > 2) hub.down = true;
      return realFetch(r);
    });
    await first.flush();
    expect(hub.uploads.get('up1')?.offset).toBe(2000);
    const saved = await tx(
      user,
      'outbox',
      'readonly',
      (s) => s.get(item.id) as IDBRequest<OutboxItem>,
    );
    expect(filesOf(saved.payload)[0]?.uploadUrl).toBe('http://hub.test/api/v1/uploads/up1');
    first.close();

    // A reload: a new outbox over the same database; the hub is back.
    hub.down = false;
    vi.stubGlobal('fetch', (r: Request) => hub.fetch(r));
    hub.log.length = 0;
    const second = box(user);
    await second.flush();

    expect(hub.count('create')).toBe(0);
    expect(hub.log.map((l) => l.split(' ')[0])).toEqual([
      'head',
      'patch',
      'patch',
      'attach',
      'item',
    ]);
    expect(hub.bytesOf('up1')).toEqual(data);
    expect(hub.items.map((i) => i.body.attachmentIds)).toEqual([['att-up1']]);
  });

  it('attaches once: a lost answer is replayed by its key, a known id is never asked again', async () => {
    const user = newUser();
    const first = box(user);
    const item = await raiseWithFiles(first, [{ name: 'a.jpg', data: bytes(1200) }]);
    // The attach is done at the hub but its answer is lost.
    hub.drops.push({ kind: 'attach', when: 'after' });
    await first.flush();
    expect(hub.attachments.size).toBe(1);
    expect(filesOf(kept(first, item.id)?.payload)[0]?.attachmentId).toBeUndefined();

    // Again: the same Idempotency-Key answers the same attachment; then the item goes but its
    // answer is lost too.
    hub.drops.push({ kind: 'item', when: 'before' });
    await first.flush();
    expect(hub.attachments.size).toBe(1);
    expect(filesOf(kept(first, item.id)?.payload)[0]?.attachmentId).toBe('att-up1');
    first.close();

    // After a reload only the item goes: the file is attached already.
    hub.log.length = 0;
    const second = box(user);
    await second.flush();
    expect(hub.log.map((l) => l.split(' ')[0])).toEqual(['item']);
    expect(hub.items).toHaveLength(1);
    expect(hub.items[0]?.body.attachmentIds).toEqual(['att-up1']);
    expect(second.items.value).toEqual([]);
  });

  it('shows a refused file as failed with the hub’s words; without it the item goes', async () => {
    const b = box(newUser());
    const item = await raiseWithFiles(b, [
      { name: 'ok.jpg', data: bytes(900) },
      { name: 'page.html.jpg', data: bytes(300) },
    ]);
    let attaches = 0;
    const realFetch = hub.fetch;
    vi.stubGlobal('fetch', async (r: Request) => {
      if (new URL(r.url).pathname === '/api/v1/attachments' && ++attaches === 2)
        hub.refuseAttach = { status: 400, code: 'validation_failed', detail: 'Not a photo.' };
      const res = await realFetch(r);
      hub.refuseAttach = null;
      return res;
    });
    await b.flush();
    const failed = kept(b, item.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.error).toBe('validation_failed');
    const [good, bad] = filesOf(failed.payload);
    expect(good?.attachmentId).toBe('att-up1');
    expect(bad).toMatchObject({ error: 'validation_failed', detail: 'Not a photo.' });
    expect(hub.items).toEqual([]);

    await b.removeFile(item.id, bad.key);
    expect(await getFile(b.userId, bad.key)).toBeUndefined();
    await b.retry(item.id);
    await b.flush();
    expect(hub.items.map((i) => i.body.attachmentIds)).toEqual([['att-up1']]);
    expect(b.items.value).toEqual([]);
  });

  it('keeps the order: an item with files holds back the items after it', async () => {
    const b = box(newUser());
    const withFile = await raiseWithFiles(b, [{ name: 'a.jpg', data: bytes(1500) }]);
    const plain = await b.add('request', 'issues:new', {
      method: 'POST',
      path: '/api/v1/issues',
      body: { title: 'Экинчи' },
    } satisfies RequestPayload);
    hub.drops.push({ kind: 'patch', when: 'before' }, { kind: 'head', when: 'before' });
    uploadDefaults.pause = () => {
      hub.down = true;
      return Promise.resolve();
    };
    await b.flush();
    expect(b.items.value.map((i) => i.id)).toEqual([withFile.id, plain.id]);
    expect(hub.items).toEqual([]);

    hub.down = false;
    uploadDefaults.pause = () => Promise.resolve();
    await b.flush();
    expect(hub.items.map((i) => i.key)).toEqual([withFile.id, plain.id]);
    expect(hub.items[1]?.body).toEqual({ title: 'Экинчи' });
  });

  it('forgets the files’ bytes when their item is discarded', async () => {
    const b = box(newUser());
    hub.down = true;
    const item = await raiseWithFiles(b, [{ name: 'a.jpg', data: bytes(100) }]);
    const key = filesOf(item.payload)[0].key;
    expect(await getFile(b.userId, key)).toBeDefined();
    await b.discard(item.id);
    expect(await getFile(b.userId, key)).toBeUndefined();
  });
});
