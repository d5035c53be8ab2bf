import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { RateLimitWindows } from '../src/common/rate-limit/rate-limit-windows.service.js';
import { SEND_BURST } from '../src/modules/rooms/rooms.service.js';
import {
  API,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
} from './support/factories.js';
import {
  describeIfRedis,
  testRedisUrl,
  startPrivateRedis,
  type PrivateRedis,
} from './support/redis-setup.js';
import { ask, connect } from './support/socket.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';
import { sleep } from './support/wait.js';

/** Low enough to reach in a test; the sign-ups of a file (from 127.0.0.1) stay below it. */
const AUTH_RATE = 4;

const LIMITS_ON = {
  KENESH_RATE_LIMITS: 'on',
  KENESH_TRUST_PROXY: 'loopback',
  KENESH_AUTH_RATE_PER_MINUTE: String(AUTH_RATE),
};

interface SendAck {
  ok: boolean;
  error?: { code: string };
}

let nextAddress = 1;
/** A client address of its own for each test (the app believes X-Forwarded-For from loopback). */
const address = () => `198.51.100.${nextAddress++}`;

/** Fixed one-minute windows: keep a test's requests out of a window's last seconds. */
async function awayFromMinuteEnd(): Promise<void> {
  const second = new Date().getSeconds();
  if (second >= 50) await sleep((61 - second) * 1000);
}

/** The limits of two nodes on one database (and on one Redis when `env` names one). */
function limitsAcrossNodes(env: Record<string, string>): void {
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await startTestApp({ ...LIMITS_ON, ...env });
    b = await startTestAppOn(a.databaseUrl, { ...LIMITS_ON, ...env });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts /auth requests of one address on both nodes together', async () => {
    await awayFromMinuteEnd();
    const from = address();
    const logout = (node: TestApp) =>
      node.http
        .post(`${API}/auth/logout`)
        .set('X-Forwarded-For', from)
        .send({ refreshToken: 'not-a-token' });
    for (let i = 0; i < AUTH_RATE; i += 1) {
      expect((await logout(i % 2 ? b : a)).status).toBe(204);
    }
    for (const node of [a, b]) {
      const refused = await logout(node);
      expectProblem(refused, 429, 'rate_limited');
      const wait = Number(refused.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
    }
    // Counted where the nodes share it: Redis when REDIS_URL is set, else PostgreSQL.
    const rows: unknown[] = await a.db.query('SELECT 1 FROM rate_limit_windows WHERE key = $1', [
      `auth:${from}`,
    ]);
    expect(rows.length).toBe(env.REDIS_URL ? 0 : 1);
    // Another address is not limited by that one's count.
    expect(
      (
        await a.http
          .post(`${API}/auth/logout`)
          .set('X-Forwarded-For', address())
          .send({ refreshToken: 'not-a-token' })
      ).status,
    ).toBe(204);
  });

  it("counts a member's messages on both nodes together: the burst is for the cluster, not per node", async () => {
    const staff = await signUp(a, { role: 'facilitator' });
    const member: SignedUp = await signUp(a);
    await makeOrganisation(a, member, { networkStatus: 'member' });
    const room = await a.http
      .post(`${API}/rooms`)
      .set(staff.auth)
      .send({ name: 'Чек ара', kind: 'network' });
    expect(room.status).toBe(201);
    const roomId = room.body.id as string;
    const onA = await connect(a.baseUrl, member.accessToken);
    const onB = await connect(b.baseUrl, member.accessToken);
    sockets.push(onA, onB);
    for (const socket of [onA, onB]) {
      expect(await ask(socket, 'room:join', { roomId })).toMatchObject({ ok: true });
    }
    const acks: SendAck[] = [];
    for (let i = 0; i < SEND_BURST + 2; i += 1) {
      const socket = i % 2 ? onB : onA;
      acks.push(
        await ask<SendAck>(socket, 'message:send', {
          roomId,
          clientMsgId: randomUUID(),
          body: `${i}`,
        }),
      );
    }
    expect(acks.slice(0, SEND_BURST).every((ack) => ack.ok)).toBe(true);
    expect(acks.slice(SEND_BURST)).toEqual([
      { ok: false, error: { code: 'rate_limited', message: expect.any(String) } },
      { ok: false, error: { code: 'rate_limited', message: expect.any(String) } },
    ]);
    // Someone else in the room is not limited by that member's count.
    const staffOnB = await connect(b.baseUrl, staff.accessToken);
    sockets.push(staffOnB);
    await ask(staffOnB, 'room:join', { roomId });
    expect(
      await ask(staffOnB, 'message:send', { roomId, clientMsgId: randomUUID(), body: 'тынч' }),
    ).toMatchObject({ ok: true });
  });

  it('a burst sent all at once on one node meets the limit exactly', async () => {
    const staff = await signUp(b, { role: 'facilitator' });
    const room = await b.http
      .post(`${API}/rooms`)
      .set(staff.auth)
      .send({ name: 'Суу', kind: 'network' });
    const roomId = room.body.id as string;
    const socket = await connect(b.baseUrl, staff.accessToken);
    sockets.push(socket);
    await ask(socket, 'room:join', { roomId });
    const acks = await Promise.all(
      Array.from({ length: SEND_BURST + 5 }, (_, i) =>
        ask<SendAck>(socket, 'message:send', { roomId, clientMsgId: randomUUID(), body: `${i}` }),
      ),
    );
    expect(acks.filter((ack) => ack.ok).length).toBe(SEND_BURST);
    expect(acks.filter((ack) => ack.error?.code === 'rate_limited').length).toBe(5);
  });
}

describe('rate limits across nodes, counted in PostgreSQL', () => {
  limitsAcrossNodes({});
});

describe('rate limit windows in PostgreSQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(LIMITS_ON);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pruneExpired() deletes the windows that are over and keeps the current ones', async () => {
    await awayFromMinuteEnd();
    const from = address();
    await t.http
      .post(`${API}/auth/logout`)
      .set('X-Forwarded-For', from)
      .send({ refreshToken: 'not-a-token' });
    await t.db.query(
      `INSERT INTO rate_limit_windows (key, window_start, count, expires_at)
       VALUES ('auth:192.0.2.1', now() - interval '2 minutes', 3, now() - interval '1 minute')`,
    );
    expect(await t.app.get(RateLimitWindows).pruneExpired()).toBeGreaterThanOrEqual(1);
    const left: { key: string }[] = await t.db.query('SELECT key FROM rate_limit_windows');
    expect(left.map((row) => row.key)).toContain(`auth:${from}`);
    expect(left.map((row) => row.key)).not.toContain('auth:192.0.2.1');
  });
});

describeIfRedis('rate limits across nodes, counted in Redis (REDIS_URL)', () => {
  let redis: PrivateRedis | undefined;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    let url = testRedisUrl();
    if (!url) {
      redis = await startPrivateRedis();
      url = redis.url;
    }
    // Keys of their own on a Redis other test files may share.
    Object.assign(env, {
      REDIS_URL: url,
      KENESH_REDIS_CHANNEL_PREFIX: `kenesh-limits-${randomUUID().slice(0, 8)}`,
    });
  });
  afterAll(async () => {
    await redis?.stop();
  });

  limitsAcrossNodes(env);
});
