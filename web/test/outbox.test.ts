// The outbox (issue 10): nothing typed is lost, nothing is sent twice, nothing overtakes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, tokens } from '../src/api/client.js';
import { HubUnreachable } from '../src/api/tokens.js';
import {
  cacheGet,
  cachePut,
  DB_PREFIX,
  dropDraft,
  loadDraft,
  saveDraft,
  tx,
  wipeUser,
} from '../src/offline/db.js';
import {
  Outbox,
  outboxFor,
  requestSender,
  wipeOutbox,
  type OutboxItem,
  type OutboxOptions,
  type RequestPayload,
} from '../src/offline/outbox.js';
import { fakeLocks } from './fake-locks.js';

let users = 0;
const boxes: Outbox[] = [];
/** A fresh user id per test, so tests share no database. */
const newUser = () => `user-${++users}-${crypto.randomUUID().slice(0, 8)}`;

/** An outbox that never retries on its own: the tests call flush() when they mean to. */
function box(userId: string, options: OutboxOptions = {}): Outbox {
  const b = new Outbox(userId, { backoff: () => 60_000, ...options });
  boxes.push(b);
  return b;
}

// The outbox's own timers (a flush soon after add, backoff) fire only when a test moves the
// clock, so each test says exactly which runs happen. IndexedDB (fake-indexeddb) runs on
// setImmediate, which stays real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(async () => {
  for (const b of boxes.splice(0)) b.close();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await tick();
});

const tick = () => new Promise((r) => setImmediate(r));

interface Deferred {
  resolve: (v?: unknown) => void;
  reject: (e: unknown) => void;
}

/** A hub the sender talks to: records what it got; can be down, refuse, or hold an answer. */
function fakeHub() {
  const hub = {
    /** Every attempt, in order: the item's id and its payload. */
    calls: [] as Array<{ id: string; payload: unknown }>,
    down: false,
    /** Ids refused once with this error, then taken. */
    failOnce: new Map<string, Error>(),
    /** Ids always refused with this error. */
    refuse: new Map<string, Error>(),
    /** When set, each attempt waits until the test resolves it. */
    hold: false,
    held: [] as Deferred[],
    sender: async (item: OutboxItem) => {
      hub.calls.push({ id: item.id, payload: item.payload });
      if (hub.hold) await new Promise((resolve, reject) => hub.held.push({ resolve, reject }));
      if (hub.down) throw new HubUnreachable();
      const once = hub.failOnce.get(item.id);
      if (once) {
        hub.failOnce.delete(item.id);
        throw once;
      }
      const refusal = hub.refuse.get(item.id);
      if (refusal) throw refusal;
      return { ok: item.id };
    },
    ids: () => hub.calls.map((c) => c.id),
  };
  return hub;
}

async function until(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What IndexedDB holds for the user's outbox, in order. */
async function stored(userId: string): Promise<OutboxItem[]> {
  const all = await tx(userId, 'outbox', 'readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
  return all.sort((a, b) => a.seq - b.seq);
}

async function databases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

const refusal = (status: number, code: string) =>
  new ApiError(status, { status, code: code as 'forbidden', title: code, detail: code });

describe('the outbox', () => {
  it('keeps an item under the id it was made with across every retry', async () => {
    const user = newUser();
    const hub = fakeHub();
    hub.down = true;
    const b = box(user);
    b.register('comment', hub.sender);
    const item = await b.add('comment', 'issue:1', { text: 'Суу жок' });
    const given = await b.add('comment', 'issue:1', { text: 'given id' }, 'my-own-id');
    expect(given.id).toBe('my-own-id');

    await b.flush();
    await b.flush();
    expect(b.items.value.map((i) => [i.id, i.state, i.attempts])).toEqual([
      [item.id, 'pending', 2],
      [given.id, 'pending', 0],
    ]);
    hub.down = false;
    await b.flush();

    expect(hub.ids()).toEqual([item.id, item.id, item.id, given.id]);
    expect(b.items.value).toEqual([]);
    expect(await stored(user)).toEqual([]);
  });

  it('stops at an item the hub could not take, so later ones never overtake it', async () => {
    const hub = fakeHub();
    const b = box(newUser());
    b.register('comment', hub.sender);
    const [a, second, c] = [
      await b.add('comment', 'issue:1', 'a'),
      await b.add('comment', 'issue:1', 'b'),
      await b.add('comment', 'issue:2', 'c'),
    ];
    hub.failOnce.set(second.id, new HubUnreachable(503));
    await b.flush();
    expect(hub.ids()).toEqual([a.id, second.id]);
    expect(b.items.value.map((i) => i.id)).toEqual([second.id, c.id]);
    expect(b.forScope('issue:2').map((i) => i.payload)).toEqual(['c']);

    await b.flush();
    expect(hub.ids()).toEqual([a.id, second.id, second.id, c.id]);
    expect(b.items.value).toEqual([]);
  });

  it('sends an item soon after it is added, and retries after the backoff', async () => {
    const hub = fakeHub();
    const b = box(newUser(), { backoff: (attempt) => attempt * 1000 });
    b.register('comment', hub.sender);
    hub.down = true;
    const item = await b.add('comment', 'room:1', 'hi');
    expect(hub.calls).toEqual([]);
    vi.advanceTimersByTime(0);
    await until(() => b.items.value[0]?.state === 'pending' && hub.calls.length === 1, 'try 1');
    await tick();
    hub.down = false;
    vi.advanceTimersByTime(999);
    for (let i = 0; i < 20; i++) await tick();
    expect(hub.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await until(() => b.items.value.length === 0, 'the retry');
    expect(hub.ids()).toEqual([item.id, item.id]);
  });

  it('treats a 5xx, 408 and 429 as "later" and other 4xx as a refusal', async () => {
    const hub = fakeHub();
    const b = box(newUser());
    b.register('comment', hub.sender);
    const later = [500, 503, 408, 429];
    for (const status of later) {
      const item = await b.add('comment', 'issue:1', status);
      hub.failOnce.set(item.id, refusal(status, 'unavailable'));
      await b.flush();
      expect(b.items.value.find((i) => i.id === item.id)?.state).toBe('pending');
      await b.flush();
      expect(b.items.value.find((i) => i.id === item.id)).toBeUndefined();
    }
  });

  it('marks a refused item failed with the problem code and still sends the ones after it', async () => {
    const hub = fakeHub();
    const user = newUser();
    const b = box(user);
    b.register('comment', hub.sender);
    const muted = await b.add('comment', 'room:1', 'first');
    const after = await b.add('comment', 'room:1', 'second');
    hub.refuse.set(muted.id, refusal(403, 'muted'));
    await b.flush();

    expect(hub.ids()).toEqual([muted.id, after.id]);
    expect(b.items.value).toMatchObject([{ id: muted.id, state: 'failed', error: 'muted' }]);
    expect(await stored(user)).toMatchObject([{ id: muted.id, state: 'failed', error: 'muted' }]);
    // A failed item waits for the user: another flush does not send it again.
    await b.flush();
    expect(hub.ids()).toEqual([muted.id, after.id]);
  });

  it('sends a failed item again on retry(), under the same id', async () => {
    const hub = fakeHub();
    const b = box(newUser());
    b.register('comment', hub.sender);
    const item = await b.add('comment', 'room:1', 'x');
    hub.failOnce.set(item.id, refusal(423, 'room_locked'));
    await b.flush();
    expect(b.items.value[0]).toMatchObject({ state: 'failed', error: 'room_locked' });

    await b.retry(item.id);
    expect(b.items.value[0]).toMatchObject({ state: 'pending' });
    expect(b.items.value[0]?.error).toBeUndefined();
    await b.flush();
    expect(hub.ids()).toEqual([item.id, item.id]);
    expect(b.items.value).toEqual([]);
  });

  it('forgets a discarded item, here and in IndexedDB, and never sends it', async () => {
    const hub = fakeHub();
    const user = newUser();
    const b = box(user);
    b.register('comment', hub.sender);
    hub.down = true;
    const gone = await b.add('comment', 'room:1', 'typo');
    const kept = await b.add('comment', 'room:1', 'fixed');
    await b.flush();
    await b.discard(gone.id);
    expect(b.items.value.map((i) => i.id)).toEqual([kept.id]);
    expect((await stored(user)).map((i) => i.id)).toEqual([kept.id]);

    hub.down = false;
    await b.flush();
    expect(hub.ids()).toEqual([gone.id, kept.id]);
  });

  it('does not send an item discarded while an earlier one was on its way', async () => {
    const hub = fakeHub();
    const b = box(newUser());
    b.register('comment', hub.sender);
    hub.hold = true;
    const first = await b.add('comment', 'room:1', 'first');
    const gone = await b.add('comment', 'room:1', 'discarded');
    const run = b.flush();
    await until(() => hub.held.length === 1, 'the first send');
    await b.discard(gone.id);
    hub.hold = false;
    hub.held[0]?.resolve();
    await run;
    expect(hub.ids()).toEqual([first.id]);
    expect(b.items.value).toEqual([]);
  });

  it('sends each item once when flushes race (add, register, reconnect, timer)', async () => {
    const hub = fakeHub();
    const b = box(newUser());
    hub.hold = true;
    const items = [
      await b.add('comment', 'room:1', 1),
      await b.add('comment', 'room:1', 2),
      await b.add('comment', 'room:1', 3),
    ];
    b.register('comment', hub.sender);
    const runs = [b.flush(), b.flush()];
    await until(() => hub.held.length === 1, 'the first send');
    runs.push(b.flush());
    hub.hold = false;
    for (const h of hub.held) h.resolve();
    await Promise.all(runs);
    await until(() => b.items.value.length === 0, 'the outbox to empty');
    await b.flush();
    expect(hub.ids()).toEqual(items.map((i) => i.id));
  });

  it('answers flush() only after the items added during a run under way were tried too', async () => {
    const hub = fakeHub();
    const b = box(newUser());
    b.register('comment', hub.sender);
    hub.hold = true;
    const a = await b.add('comment', 'room:1', 'a');
    const running = b.flush();
    await until(() => hub.held.length === 1, 'the first send');
    const later = await b.add('comment', 'room:1', 'b');
    const flushed = b.flush();
    hub.hold = false;
    hub.held[0]?.resolve();
    await flushed;
    await running;
    expect(hub.ids()).toEqual([a.id, later.id]);
    expect(b.items.value).toEqual([]);
  });

  it('sends each item once when two tabs flush the same outbox (Web Locks)', async () => {
    const user = newUser();
    const locks = fakeLocks();
    const hub = fakeHub();
    const tabA = box(user, { locks });
    const tabB = box(user, { locks });
    const items = [];
    for (let i = 0; i < 4; i++) items.push(await tabA.add('comment', 'room:1', i));
    tabA.register('comment', hub.sender);
    tabB.register('comment', hub.sender);
    await Promise.all([tabA.flush(), tabB.flush(), tabA.flush(), tabB.flush()]);
    await until(() => locks.active.get(`kenesh.outbox.${user}`) === 0, 'the locks to go');
    expect(hub.ids()).toEqual(items.map((i) => i.id));
    expect(locks.maxActive).toBe(1);
    expect(await stored(user)).toEqual([]);
  });

  it('tells onSent listeners once per item, and a listener that throws sends nothing again', async () => {
    const hub = fakeHub();
    const b = box(newUser());
    b.register('comment', hub.sender);
    const seen: unknown[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    b.onSent(() => {
      throw new Error('a screen went wrong');
    });
    const stop = b.onSent((item, result) => seen.push([item.payload, result]));
    const item = await b.add('comment', 'room:1', 'hello');
    await b.flush();
    await b.flush();
    expect(hub.ids()).toEqual([item.id]);
    expect(seen).toEqual([['hello', { ok: item.id }]]);
    expect(b.items.value).toEqual([]);
    stop();
    error.mockRestore();
  });
});

describe('the outbox across reloads', () => {
  it('is read back from IndexedDB by the next page load, in order', async () => {
    const user = newUser();
    const first = box(user);
    // Ids that sort the other way round: the order is the order of making, not of the ids.
    const a = await first.add('comment', 'issue:7', { text: 'a' }, 'zz-made-first');
    const c = await first.add('endorse', 'issue:7', { support: true }, 'aa-made-second');
    first.close();

    const hub = fakeHub();
    const next = box(user);
    await next.flush(); // no senders yet: loads only
    expect(next.items.value.map((i) => [i.id, i.kind, i.state])).toEqual([
      [a.id, 'comment', 'pending'],
      [c.id, 'endorse', 'pending'],
    ]);
    next.register('comment', hub.sender);
    next.register('endorse', hub.sender);
    await next.flush();
    expect(hub.ids()).toEqual([a.id, c.id]);
  });

  it('sends again an item a closed tab left `sending`, under its id', async () => {
    const user = newUser();
    const orphan: OutboxItem = {
      id: 'orphan-id',
      seq: 1,
      kind: 'comment',
      scope: 'issue:1',
      payload: 'was on its way',
      state: 'sending',
      attempts: 1,
      createdAt: 1,
    };
    await tx(user, 'outbox', 'readwrite', (s) => s.put(orphan));
    const b = box(user);
    await b.flush();
    expect(b.items.value).toMatchObject([{ id: 'orphan-id', state: 'pending' }]);
    const hub = fakeHub();
    b.register('comment', hub.sender);
    await b.flush();
    expect(hub.ids()).toEqual(['orphan-id']);
  });

  it('keeps one outbox per user: another user neither sees nor sends it', async () => {
    const alice = newUser();
    const bob = newUser();
    const hub = fakeHub();
    const a = box(alice);
    const item = await a.add('comment', 'issue:1', 'Alice wrote this');
    a.close();
    const b = box(bob);
    b.register('comment', hub.sender);
    await b.flush();
    expect(b.items.value).toEqual([]);
    expect(hub.calls).toEqual([]);
    expect((await stored(alice)).map((i) => i.id)).toEqual([item.id]);
  });

  it('wipeUser deletes everything the user kept', async () => {
    const user = newUser();
    const b = box(user);
    await b.add('comment', 'issue:1', 'secret');
    b.close();
    expect(await databases()).toContain(DB_PREFIX + user);
    await wipeUser(user);
    expect(await databases()).not.toContain(DB_PREFIX + user);
    const again = box(user);
    await again.flush();
    expect(again.items.value).toEqual([]);
  });

  it('wipeOutbox stops the signed-in outbox and deletes it, even with a send under way', async () => {
    const user = newUser();
    const b = outboxFor(user)!;
    expect(outboxFor(user)).toBe(b);
    const hub = fakeHub();
    hub.hold = true;
    b.register('comment', hub.sender);
    await b.add('comment', 'issue:1', 'on its way at sign-out');
    await b.add('comment', 'issue:1', 'never sent');
    vi.advanceTimersByTime(0);
    await until(() => hub.held.length === 1, 'the first send');

    await wipeOutbox(user);
    hub.held[0]?.reject(new HubUnreachable());
    for (let i = 0; i < 20; i++) await tick();

    expect(hub.calls).toHaveLength(1);
    expect(await databases()).not.toContain(DB_PREFIX + user);
    expect(outboxFor(user)).not.toBe(b);
    await wipeOutbox(user);
  });
});

describe('the per-user database', () => {
  it('keeps drafts and cached lists per user, and wipes them with the user', async () => {
    const alice = newUser();
    const bob = newUser();
    await saveDraft(alice, 'comment:i1', { text: 'half-typed' });
    await cachePut(alice, 'issues:first', [{ id: 'i1' }]);
    expect(await loadDraft(alice, 'comment:i1')).toEqual({ text: 'half-typed' });
    expect(await cacheGet(alice, 'issues:first')).toEqual([{ id: 'i1' }]);
    expect(await loadDraft(bob, 'comment:i1')).toBeUndefined();
    await dropDraft(alice, 'comment:i1');
    expect(await loadDraft(alice, 'comment:i1')).toBeUndefined();
    await wipeUser(alice);
    expect(await cacheGet(alice, 'issues:first')).toBeUndefined();
  });

  it('opens the database again after another tab deleted it (sign-out there)', async () => {
    const user = newUser();
    await saveDraft(user, 'k', 1);
    // Another tab's wipe: this tab's connection gets `versionchange` and closes.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(DB_PREFIX + user);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error('delete failed'));
    });
    expect(await loadDraft(user, 'k')).toBeUndefined();
    await saveDraft(user, 'k', 2);
    expect(await loadDraft(user, 'k')).toBe(2);
  });

  it('rejects with the request error when a write is refused', async () => {
    const user = newUser();
    await saveDraft(user, 'k', 1);
    await expect(
      tx(user, 'drafts', 'readwrite', (s) => s.add({ key: 'k', value: 2 })),
    ).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await loadDraft(user, 'k')).toBe(1);
  });
});

describe('requestSender', () => {
  const session = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 };

  function stubFetch(...answers: Array<() => Response>) {
    const requests: Request[] = [];
    const fetch = vi.fn(async (input: Request) => {
      requests.push(input);
      const answer = answers.shift();
      if (!answer) throw new TypeError('Failed to fetch');
      return Promise.resolve(answer());
    });
    vi.stubGlobal('fetch', fetch);
    return requests;
  }

  const json =
    (status: number, body: unknown, headers: Record<string, string> = {}) =>
    () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      });

  it('sends the item with its id as the Idempotency-Key, the token and the body', async () => {
    tokens.store(session, 'u1');
    const requests = stubFetch(json(201, { id: 'comment-1' }));
    const b = box(newUser());
    b.register('request', requestSender);
    const sent: unknown[] = [];
    b.onSent((_item, result) => sent.push(result));
    const payload: RequestPayload = {
      method: 'POST',
      path: '/api/v1/issues/i1/comments',
      body: { body: 'Көпүрө бузулду' },
    };
    const item = await b.add('request', 'issue:i1', payload);
    await b.flush();

    expect(requests).toHaveLength(1);
    const [req] = requests;
    if (!req) throw new Error('no request');
    expect(req.method).toBe('POST');
    expect(req.url).toBe('http://hub.test/api/v1/issues/i1/comments');
    expect(req.headers.get('idempotency-key')).toBe(item.id);
    expect(req.headers.get('authorization')).toBe('Bearer access-1');
    expect(req.headers.get('content-type')).toBe('application/json');
    expect(await req.json()).toEqual({ body: 'Көпүрө бузулду' });
    expect(sent).toEqual([{ id: 'comment-1' }]);
  });

  it('retries after a network failure with the same key', async () => {
    tokens.store(session, 'u1');
    const requests = stubFetch(); // the first attempt finds no network
    const b = box(newUser());
    b.register('request', requestSender);
    const item = await b.add('request', 'issue:i1', { method: 'POST', path: '/api/v1/x' });
    await b.flush();
    expect(b.items.value[0]).toMatchObject({ state: 'pending', attempts: 1 });

    stubFetch(json(200, {}));
    await b.flush();
    expect(b.items.value).toEqual([]);
    expect(requests[0]?.headers.get('idempotency-key')).toBe(item.id);
    expect(requests[0]?.body).toBeNull();
  });

  it('keeps an item whose key the hub is still working on (409 with Retry-After)', async () => {
    tokens.store(session, 'u1');
    stubFetch(json(409, { status: 409, code: 'conflict' }, { 'retry-after': '1' }));
    const b = box(newUser());
    b.register('request', requestSender);
    await b.add('request', 'issue:i1', { method: 'POST', path: '/api/v1/x', body: {} });
    await b.flush();
    expect(b.items.value[0]).toMatchObject({ state: 'pending' });
  });

  it('keeps a refusal as failed with its code, even when its body is not JSON', async () => {
    tokens.store(session, 'u1');
    stubFetch(
      json(409, { status: 409, code: 'conflict' }),
      () => new Response('<html>413 Request Entity Too Large</html>', { status: 413 }),
    );
    const b = box(newUser());
    b.register('request', requestSender);
    await b.add('request', 'issue:i1', { method: 'POST', path: '/api/v1/x', body: {} });
    await b.add('request', 'issue:i1', { method: 'POST', path: '/api/v1/y', body: {} });
    await b.flush();
    expect(b.items.value).toMatchObject([
      { state: 'failed', error: 'conflict' },
      { state: 'failed', error: 'internal' },
    ]);
  });
});
