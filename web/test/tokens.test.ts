// The session's tokens (issue 10): kept in localStorage, refreshed one at a time across tabs,
// since a refresh token spent twice revokes the login (docs/auth.md).
import { describe, expect, it, vi } from 'vitest';
import {
  HubUnreachable,
  STORAGE_KEY,
  TokenKeeper,
  type KeeperDeps,
  type RefreshAnswer,
  type Session,
} from '../src/api/tokens.js';
import { fakeLocks } from './fake-locks.js';
import { MemoryStorage } from './setup.js';

const HOUR = 3_600_000;

/** A hub's refresh endpoint that rotates pairs: refresh-N answers access-(N+1)/refresh-(N+1). */
function fakeHub() {
  const hub = {
    spent: [] as string[],
    /** What the next answers are, when not a rotation. */
    next: [] as Array<'401' | '503' | '500' | 'network'>,
    /** When set, each refresh waits for this promise (to make refreshes overlap). */
    gate: undefined as Promise<void> | undefined,
    async postRefresh(refreshToken: string): Promise<{ status: number; body?: RefreshAnswer }> {
      hub.spent.push(refreshToken);
      await hub.gate;
      const n = hub.next.shift();
      if (n === 'network') throw new TypeError('Failed to fetch');
      if (n) return { status: Number(n) };
      const i = Number(refreshToken.split('-')[1]) + 1;
      return {
        status: 200,
        body: { accessToken: `access-${i}`, refreshToken: `refresh-${i}`, expiresIn: 900 },
      };
    },
  };
  return hub;
}

function keeper(overrides: Partial<KeeperDeps> & { clock?: { now: number } } = {}) {
  const clock = overrides.clock ?? { now: Date.UTC(2026, 10, 30, 9) };
  const hub = fakeHub();
  const deps: KeeperDeps = {
    storage: new MemoryStorage(),
    postRefresh: (t) => hub.postRefresh(t),
    now: () => clock.now,
    ...overrides,
  };
  return { keeper: new TokenKeeper(deps), hub, clock, deps };
}

const pair = (i: number): RefreshAnswer => ({
  accessToken: `access-${i}`,
  refreshToken: `refresh-${i}`,
  expiresIn: 900,
});

describe('TokenKeeper', () => {
  it('keeps the pair in storage, and forgets it', () => {
    const { keeper: k, deps, clock } = keeper();
    const seen: Array<Session | null> = [];
    k.onChange((s) => seen.push(s));
    const s = k.store(pair(1), 'user-1');
    expect(s).toEqual({
      userId: 'user-1',
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      accessExpiresAt: clock.now + 900_000 - 30_000,
    });
    expect(JSON.parse(deps.storage.getItem(STORAGE_KEY) ?? 'null')).toEqual(s);
    expect(k.read()).toEqual(s);
    k.clear();
    expect(k.read()).toBeNull();
    expect(deps.storage.getItem(STORAGE_KEY)).toBeNull();
    expect(seen).toEqual([s, null]);
  });

  it('answers null for a stored value that is not a session', () => {
    const { keeper: k, deps } = keeper();
    for (const raw of ['{not json', 'null', '"access"', '42', '{"accessToken":1}', '[]']) {
      deps.storage.setItem(STORAGE_KEY, raw);
      expect(k.read()).toBeNull();
    }
  });

  it('hands out the stored access token while it is fresh, without a refresh', async () => {
    const { keeper: k, hub, clock } = keeper();
    k.store(pair(1), 'user-1');
    clock.now += 14 * 60_000; // 14 of 15 minutes: still fresh (30 s early margin)
    expect(await k.accessToken()).toBe('access-1');
    expect(hub.spent).toEqual([]);
  });

  it('refreshes an expired access token and keeps the new pair', async () => {
    const { keeper: k, hub, clock } = keeper();
    k.store(pair(1), 'user-1');
    clock.now += 14.5 * 60_000 + 1; // inside the 30-second margin
    expect(await k.accessToken()).toBe('access-2');
    expect(hub.spent).toEqual(['refresh-1']);
    expect(k.read()).toMatchObject({ userId: 'user-1', refreshToken: 'refresh-2' });
    expect(await k.accessToken()).toBe('access-2');
    expect(hub.spent).toEqual(['refresh-1']);
  });

  it('answers null and refreshes nothing when nobody is signed in', async () => {
    const { keeper: k, hub } = keeper();
    expect(await k.accessToken()).toBeNull();
    expect(await k.refresh('access-1')).toBeNull();
    expect(hub.spent).toEqual([]);
  });

  it('makes one refresh for many callers in one tab', async () => {
    const { keeper: k, hub, clock } = keeper();
    k.store(pair(1), 'user-1');
    clock.now += HOUR;
    let open!: () => void;
    hub.gate = new Promise((r) => (open = r));
    const all = Promise.all([
      k.accessToken(),
      k.accessToken(),
      k.refresh('access-1'),
      k.accessToken(),
    ]);
    open();
    const answers = await all;
    expect(answers.map((a) => (typeof a === 'string' ? a : a?.accessToken))).toEqual([
      'access-2',
      'access-2',
      'access-2',
      'access-2',
    ]);
    expect(hub.spent).toEqual(['refresh-1']);
    // A caller still holding the old token later gets the new pair, not a second refresh.
    expect((await k.refresh('access-1'))?.accessToken).toBe('access-2');
    expect(hub.spent).toEqual(['refresh-1']);
  });

  it('lets a second tab use the pair the first rotated instead of spending the old refresh token', async () => {
    const storage = new MemoryStorage();
    const locks = fakeLocks();
    const clock = { now: Date.UTC(2026, 10, 30, 9) };
    const tabA = keeper({ storage, locks, clock });
    const tabB = keeper({ storage, locks, clock });
    tabA.keeper.store(pair(1), 'user-1');
    clock.now += HOUR;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    tabA.hub.gate = gate;
    tabB.hub.gate = gate;
    // Both tabs find access-1 expired at once.
    const a = tabA.keeper.accessToken();
    const b = tabB.keeper.accessToken();
    open();
    expect(await Promise.all([a, b])).toEqual(['access-2', 'access-2']);
    expect([...tabA.hub.spent, ...tabB.hub.spent]).toEqual(['refresh-1']);
    expect(locks.maxActive).toBe(1);
    expect(tabB.keeper.read()).toMatchObject({ refreshToken: 'refresh-2' });
  });

  it('signs out when the hub refuses the refresh token (401), and tells the listeners', async () => {
    const { keeper: k, hub, clock } = keeper();
    k.store(pair(1), 'user-1');
    const seen: Array<Session | null> = [];
    k.onChange((s) => seen.push(s));
    clock.now += HOUR;
    hub.next.push('401');
    expect(await k.accessToken()).toBeNull();
    expect(k.read()).toBeNull();
    expect(seen).toEqual([null]);
  });

  it.each(['network', '503', '500'] as const)(
    'keeps the session when the hub cannot be reached (%s) and says so',
    async (failure) => {
      const { keeper: k, hub, clock } = keeper();
      const listener = vi.fn();
      const before = k.store(pair(1), 'user-1');
      k.onChange(listener);
      clock.now += HOUR;
      hub.next.push(failure);
      const error: unknown = await k.accessToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubUnreachable);
      if (failure !== 'network') expect((error as HubUnreachable).status).toBe(Number(failure));
      expect(k.read()).toEqual(before);
      expect(listener).not.toHaveBeenCalled();
      // Back online: the same refresh token is spent once, successfully.
      expect(await k.accessToken()).toBe('access-2');
      expect(hub.spent).toEqual(['refresh-1', 'refresh-1']);
    },
  );

  it('tells listeners when another tab changed the stored session', () => {
    const storage = new MemoryStorage();
    const tabA = keeper({ storage }).keeper;
    const tabB = keeper({ storage }).keeper;
    const seen: Array<Session | null> = [];
    tabB.onChange((s) => seen.push(s));
    const s = tabA.store(pair(3), 'user-1');
    tabB.storageChanged();
    tabA.clear();
    tabB.storageChanged();
    expect(seen).toEqual([s, null]);
  });
});
