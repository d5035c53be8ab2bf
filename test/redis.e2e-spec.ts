import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { API, expectProblem, signUp, type SignedUp } from './support/factories.js';
import { freePort } from './support/free-port.js';
import {
  ADAPTER_CHANNEL,
  describeIfRedis,
  roomAdapterChannel,
  shardSubscribers,
  startPrivateRedis,
  testRedisUrl,
  type PrivateRedis,
} from './support/redis-setup.js';
import { ask, connect, next } from './support/socket.js';
import { cloneTemplate } from './support/test-database.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';
import { eventually, sleep } from './support/wait.js';

interface MessageView {
  id: string;
  roomId: string;
  seq: number;
  clientMsgId: string;
  body: string;
}

interface SendAck {
  ok: boolean;
  message?: MessageView;
  error?: { code: string };
}

interface JoinAck {
  ok: boolean;
  room?: { id: string; lastSeq: number };
  missed?: MessageView[];
  hasMore?: boolean;
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Every message:new a socket gets, in arrival order. */
function record(socket: Socket): MessageView[] {
  const log: MessageView[] = [];
  socket.on('message:new', (m: MessageView) => log.push(m));
  return log;
}

const seqsOf = (messages: MessageView[]) => messages.map((m) => m.seq);

// First in the file: a failed start leaves node-redis's reconnect timers (up to 5 s) behind,
// which then run out during the other tests instead of holding jest at the end.
describe('start-up when Redis does not answer', () => {
  it('fails to start, naming Redis, when nothing listens at REDIS_URL', async () => {
    // Nothing listens on a port that was just free. The adapter gives up after the timeout.
    const port = await freePort();
    const database = await cloneTemplate();
    try {
      const started = Date.now();
      await expect(
        startTestAppOn(database.url, {
          REDIS_URL: `redis://127.0.0.1:${port}`,
          KENESH_REDIS_CONNECT_TIMEOUT_SECONDS: '1',
        }),
      ).rejects.toThrow(/Redis at REDIS_URL did not answer within 1 s/);
      // It gave up, not hung: the message names the 1 s timeout, and the start ended long before
      // a hang would (the app's own start takes seconds on a loaded 2-core machine: 5.3 s seen).
      expect(Date.now() - started).toBeLessThan(20_000);
      // The failed start closed what it had opened: no connection to the database is left.
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        expect(rows[0].n).toBe(0);
      } finally {
        await admin.end();
      }
    } finally {
      await database.drop();
    }
  }, 20_000);
});

describeIfRedis('the Redis adapter, on the Redis of the test run', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    // On a shared Redis (KENESH_TEST_REDIS_URL) other files' nodes may be subscribed too:
    // everything below counts only channels of this app's own users.
    url = testRedisUrl()!;
    t = await startTestApp({ REDIS_URL: url });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is chosen by REDIS_URL alone, and /health/ready reports Redis up', async () => {
    expect(t.config.realtimeAdapter).toBe('redis');
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toEqual({
      database: expect.objectContaining({ status: 'up' }),
      realtime: { status: 'up', adapter: 'redis' },
      redis: { status: 'up' },
    });
  });

  it("subscribes the node to a user's channel only while that user has a socket on it", async () => {
    const user = await signUp(t);
    const channel = roomAdapterChannel(`user:${user.id}`);
    expect(await shardSubscribers(url, channel)).toBe(0);
    const socket = await connect(t.baseUrl, user.accessToken);
    try {
      await eventually('the node to subscribe to the user channel', async () => {
        return (await shardSubscribers(url, channel)) === 1;
      });
      // The node also listens on the namespace's own channel (requests, joins, leaves).
      expect(await shardSubscribers(url, ADAPTER_CHANNEL)).toBeGreaterThanOrEqual(1);
    } finally {
      socket.close();
    }
    await eventually('the node to unsubscribe once the socket is gone', async () => {
      return (await shardSubscribers(url, channel)) === 0;
    });
  });
});

describeIfRedis(
  'when Redis goes away and comes back',
  () => {
    let redis: PrivateRedis;
    let a: TestApp;
    let b: TestApp;
    let alice: SignedUp;
    let bob: SignedUp;
    let roomId: string;
    let aliceOnA: Socket;
    let bobOnB: Socket;

    const ready = async (node: TestApp) => (await node.http.get('/health/ready')).status;
    const send = (socket: Socket, body: string) =>
      ask<SendAck>(socket, 'message:send', { roomId, clientMsgId: randomUUID(), body }, 3000);

    beforeAll(async () => {
      // A Redis of its own: this block kills it.
      redis = await startPrivateRedis();
      a = await startTestApp({ REDIS_URL: redis.url });
      b = await startTestAppOn(a.databaseUrl, { REDIS_URL: redis.url });
      alice = await signUp(a);
      bob = await signUp(b);
      const room = await a.http
        .post(`${API}/rooms`)
        .set(alice.auth)
        .send({ name: 'Суу бөлүштүрүү', kind: 'private', memberIds: [bob.id] });
      expect(room.status).toBe(201);
      roomId = room.body.id;
      aliceOnA = await connect(a.baseUrl, alice.accessToken);
      bobOnB = await connect(b.baseUrl, bob.accessToken);
      expect(await ask(aliceOnA, 'room:join', { roomId })).toMatchObject({ ok: true });
      expect(await ask(bobOnB, 'room:join', { roomId })).toMatchObject({ ok: true });
    }, 30_000);

    afterAll(async () => {
      aliceOnA?.close();
      bobOnB?.close();
      // A node told to stop while its Redis is down never finishes closing (see the report).
      if (redis && !redis.running()) await redis.restart();
      await b?.close();
      await a?.close();
      await redis?.stop();
    });

    it('readiness fails while Redis is down; sends are stored, acked and caught up on, and delivery resumes', async () => {
      const aliceLog = record(aliceOnA);
      const bobLog = record(bobOnB);
      const first = next<MessageView>(bobOnB, 'message:new', (m) => m.body === 'before');
      expect(await send(aliceOnA, 'before')).toMatchObject({ ok: true, message: { seq: 1 } });
      expect((await first).seq).toBe(1);
      expect([await ready(a), await ready(b)]).toEqual([200, 200]);

      await redis.kill();
      // Both nodes say so (the indicator waits 2 s for a PING), and keep serving.
      const [downA, downB] = await Promise.all([
        a.http.get('/health/ready'),
        b.http.get('/health/ready'),
      ]);
      expectProblem(downA, 503, 'unavailable');
      expectProblem(downB, 503, 'unavailable');
      // The problem's detail names what is down (the database is fine).
      for (const down of [downA, downB]) {
        expect(down.body.detail).toMatch(/^Not ready: realtime \(.+\) down$/);
      }
      expect((await b.http.get('/health/live')).status).toBe(200);

      // Sent during the outage: stored and acked (within 3 s: the ack does not wait for Redis).
      const during: MessageView[] = [];
      for (const body of ['during 1', 'during 2']) {
        const ack = await send(aliceOnA, body);
        expect(ack).toMatchObject({ ok: true, message: { body } });
        during.push(ack.message!);
      }
      expect(seqsOf(during)).toEqual([2, 3]);
      const stored = await a.db.query(
        'SELECT seq, body FROM messages WHERE room_id = $1 ORDER BY seq',
        [roomId],
      );
      expect(stored).toEqual([
        { seq: 1, body: 'before' },
        { seq: 2, body: 'during 1' },
        { seq: 3, body: 'during 2' },
      ]);
      // Alice's own node delivers them live (local sockets do not go through Redis). Bob's
      // node cannot hear of them through Redis, but its sweep (every 5 s) finds the room
      // ahead of what it sent and reads them from the database: in order, nothing twice.
      await eventually('alice to get the outage messages', () => aliceLog.length === 3);
      await eventually(
        'bob to get the outage messages by the sweep',
        () => bobLog.length === 3,
        12_000,
      );
      await sleep(300);
      expect(seqsOf(aliceLog)).toEqual([1, 2, 3]);
      expect(seqsOf(bobLog)).toEqual([1, 2, 3]);
      expect(bobLog.slice(1)).toEqual(during);
      // Catching up needs only the database: bob re-joins with the last seq he saw.
      const caughtUp = await ask<JoinAck>(bobOnB, 'room:join', { roomId, afterSeq: 1 });
      expect(caughtUp).toMatchObject({ ok: true, room: { lastSeq: 3 }, hasMore: false });
      expect(caughtUp.missed).toEqual(during);

      await redis.restart();
      await eventually(
        'both nodes to be ready again',
        async () => (await ready(a)) === 200 && (await ready(b)) === 200,
        20_000,
      );
      // Readiness pings the publishing connection only; the subscribing one comes back on
      // its own: wait until both nodes listen on the adapter's channel again.
      await eventually('both nodes to re-subscribe', async () => {
        return (await shardSubscribers(redis.url, ADAPTER_CHANNEL)) === 2;
      });

      // Delivery across nodes works again, both ways (node A's events queued during the
      // outage now reach node B too, and are dropped there as repeats): his live stream is
      // 1..4 in order, nothing twice.
      const toBob = next<MessageView>(bobOnB, 'message:new', (m) => m.body === 'after A');
      const fromA = await send(aliceOnA, 'after A');
      expect(fromA).toMatchObject({ ok: true, message: { seq: 4 } });
      expect(await toBob).toEqual(fromA.message);
      expect(seqsOf(bobLog)).toEqual([1, 2, 3, 4]);
      expect(bobLog.slice(1, 3)).toEqual(during);
      const toAlice = next<MessageView>(aliceOnA, 'message:new', (m) => m.body === 'after B');
      const fromB = await send(bobOnB, 'after B');
      expect(fromB).toMatchObject({ ok: true, message: { seq: 5 } });
      expect(await toAlice).toEqual(fromB.message);
      await sleep(200);
      expect(seqsOf(aliceLog)).toEqual(range(1, 5));
      expect(seqsOf(bobLog)).toEqual(range(1, 5));
    }, 60_000);

    it('a node told to stop while its Redis is down stops within seconds', async () => {
      const c = await startTestAppOn(a.databaseUrl, { REDIS_URL: redis.url });
      await redis.kill();
      try {
        const started = Date.now();
        await c.close();
        // It gave up, not hung: the message names the 1 s timeout, and the start ended long before
        // a hang would (the app's own start takes seconds on a loaded 2-core machine: 5.3 s seen).
        expect(Date.now() - started).toBeLessThan(20_000);
      } finally {
        await redis.restart();
      }
    }, 30_000);
  },
  'server',
);
