import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { RealtimeEvents } from '../src/modules/rooms/realtime-events.js';
import { API, type SignedUp, signUp, TERRITORY, uniqueEmail } from './support/factories.js';
import { freePort } from './support/free-port.js';
import { assertFreshBuild } from './support/hub-process.js';
import {
  ADAPTER_CHANNEL,
  canStartRedis,
  describeIfRedis,
  shardSubscribers,
  startPrivateRedis,
  testRedisUrl,
} from './support/redis-setup.js';
import { ask, connect, next } from './support/socket.js';
import { cloneTemplate } from './support/test-database.js';
import { startTestApp, startTestAppOn, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';
import { eventually, sleep } from './support/wait.js';

interface MessageView {
  id: string;
  roomId: string;
  seq: number;
  clientMsgId: string;
  authorId: string;
  body: string;
}

interface SendAck {
  ok: boolean;
  message?: MessageView;
  error?: { code: string; message: string };
}

interface JoinAck {
  ok: boolean;
  room?: { id: string; lastSeq: number };
  missed?: MessageView[];
  hasMore?: boolean;
  error?: { code: string };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN_JS = join(ROOT, 'dist', 'src', 'main.js');

/** `promise`, or a failure naming `what` after `ms` (the timer never outlives the wait). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Consecutive integers from..to, inclusive. */
const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Sockets opened by a test; closed in afterAll whatever happened. */
const openSockets = new Set<Socket>();
function track(socket: Socket): Socket {
  openSockets.add(socket);
  return socket;
}
function closeAllSockets(): void {
  for (const socket of openSockets) socket.close();
  openSockets.clear();
}

type AdapterKind = 'postgres' | 'redis';

/** What both nodes of a suite are configured with, and what to stop after it. */
interface Link {
  env: Record<string, string>;
  /** The Redis both nodes use (Redis adapter only). */
  redisUrl?: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL: nothing to add, the nodes share the database. Redis: a private server for this
 * suite when one can be started. The adapter's channel prefix is fixed (`kenesh-rt`), so every
 * node on one Redis takes part in every other node's fetchSockets (presence): two test files
 * on a shared Redis would wait on each other's nodes, and one stopping mid-request would make
 * the other's presence time out. Only without a redis-server binary (KENESH_TEST_REDIS_URL
 * alone) is the run's shared Redis used, with that risk.
 */
async function linkFor(adapter: AdapterKind): Promise<Link> {
  if (adapter === 'postgres') return { env: {}, close: () => Promise.resolve() };
  if (canStartRedis()) {
    const redis = await startPrivateRedis();
    return { env: { REDIS_URL: redis.url }, redisUrl: redis.url, close: () => redis.stop() };
  }
  const url = testRedisUrl();
  if (!url) throw new Error('no Redis for the tests (describeIfRedis should have skipped)');
  return { env: { REDIS_URL: url }, redisUrl: url, close: () => Promise.resolve() };
}

/** The multi-node behaviour, the same with either adapter between the nodes. */
function twoNodes(adapter: AdapterKind): void {
  let link: Link;
  let a: TestApp;
  let b: TestApp;
  let staff: SignedUp;
  let alice: SignedUp;
  let bob: SignedUp;
  let carol: SignedUp;
  let roomId: string;
  /** alice on node A, bob on node B, both joined to the room. */
  let aliceOnA: Socket;
  let bobOnB: Socket;

  /** Every message:new each long-lived client got, in arrival order: nothing may come twice. */
  const deliveries = new Map<string, MessageView[]>();
  const watch = (socket: Socket, label: string): MessageView[] => {
    const log: MessageView[] = [];
    deliveries.set(label, log);
    socket.on('message:new', (m: MessageView) => log.push(m));
    return log;
  };
  let aliceLog: MessageView[];
  let bobLog: MessageView[];

  const onlineSeenBy = (node: TestApp) => node.app.get(RealtimeEvents).online(roomId);

  beforeAll(async () => {
    link = await linkFor(adapter);
    a = await startTestApp(link.env);
    b = await startTestAppOn(a.databaseUrl, link.env);
    staff = await signUp(a, { role: 'facilitator' });
    alice = await signUp(a);
    bob = await signUp(b);
    carol = await signUp(b);
    const room = await a.http
      .post(`${API}/rooms`)
      .set(alice.auth)
      .send({ name: 'Чек ара суусу', kind: 'private', memberIds: [bob.id, carol.id] });
    expect(room.status).toBe(201);
    roomId = room.body.id;

    aliceOnA = track(await connect(a.baseUrl, alice.accessToken));
    bobOnB = track(await connect(b.baseUrl, bob.accessToken));
    aliceLog = watch(aliceOnA, 'alice on node A');
    bobLog = watch(bobOnB, 'bob on node B');
    expect(await ask(aliceOnA, 'room:join', { roomId })).toMatchObject({ ok: true });
    expect(await ask(bobOnB, 'room:join', { roomId })).toMatchObject({ ok: true });
    // Wait until each node counts the other's socket among the room's members (with
    // PostgreSQL the nodes find each other through heartbeats on the shared database).
    await eventually('node A to see bob on node B', async () =>
      (await onlineSeenBy(a)).includes(bob.id),
    );
    await eventually('node B to see alice on node A', async () =>
      (await onlineSeenBy(b)).includes(alice.id),
    );
  }, 60_000);

  afterEach(() => {
    for (const [label, log] of deliveries) {
      const seqs = log.map((m) => m.seq);
      const twice = seqs.filter((seq, i) => seqs.indexOf(seq) !== i);
      expect({ label, deliveredTwice: twice }).toEqual({ label, deliveredTwice: [] });
    }
  });

  afterAll(async () => {
    closeAllSockets();
    await b?.close();
    await a?.close();
    await link?.close();
  });

  it(`both nodes carry their events over ${adapter === 'redis' ? 'Redis' : 'PostgreSQL'}`, async () => {
    for (const node of [a, b]) {
      const ready = await node.http.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.realtime).toEqual({ status: 'up', adapter });
    }
    if (link.redisUrl) {
      const nodes = await shardSubscribers(link.redisUrl, ADAPTER_CHANNEL);
      // Exactly these two on a private Redis; a shared one may have other files' nodes.
      if (canStartRedis()) expect(nodes).toBe(2);
      else expect(nodes).toBeGreaterThanOrEqual(2);
    }
  });

  it('delivers a message sent through one node to clients of the other, both ways', async () => {
    const fromA = randomUUID();
    const onB = next<MessageView>(bobOnB, 'message:new', (m) => m.clientMsgId === fromA);
    const ackA = await ask<SendAck>(aliceOnA, 'message:send', {
      roomId,
      clientMsgId: fromA,
      body: 'Салам, B түйүнү',
    });
    expect(ackA).toMatchObject({ ok: true, message: { clientMsgId: fromA } });
    expect(await onB).toEqual(ackA.message);

    const fromB = randomUUID();
    const onA = next<MessageView>(aliceOnA, 'message:new', (m) => m.clientMsgId === fromB);
    const ackB = await ask<SendAck>(bobOnB, 'message:send', {
      roomId,
      clientMsgId: fromB,
      body: 'Салам, A түйүнү',
    });
    expect(ackB).toMatchObject({ ok: true, message: { clientMsgId: fromB } });
    expect(await onA).toEqual(ackB.message);
    expect(ackB.message!.seq).toBe(ackA.message!.seq + 1);
  });

  it('carries a message of 4,000 Cyrillic letters across nodes (8,000 bytes of UTF-8: more than one NOTIFY takes)', async () => {
    const body = 'Суумаселеси'.repeat(400).slice(0, 4000);
    expect(Buffer.byteLength(body)).toBe(8000);
    const clientMsgId = randomUUID();
    const onB = next<MessageView>(bobOnB, 'message:new', (m) => m.clientMsgId === clientMsgId);
    const ack = await ask<SendAck>(aliceOnA, 'message:send', { roomId, clientMsgId, body });
    expect(ack).toMatchObject({ ok: true, message: { clientMsgId } });
    const got = await onB;
    expect(got.body).toBe(body);
    expect(got).toEqual(ack.message);
  });

  it('keeps seq gap-free and unique with concurrent senders on both nodes (2 × 30)', async () => {
    const [{ last_seq: before }] = await a.db.query('SELECT last_seq FROM rooms WHERE id = $1', [
      roomId,
    ]);
    const fromA = aliceLog.length;
    const fromB = bobLog.length;
    const burst = (socket: Socket, who: string) =>
      Promise.all(
        range(1, 30).map((i) =>
          ask<SendAck>(
            socket,
            'message:send',
            { roomId, clientMsgId: randomUUID(), body: `${who} ${i}` },
            15_000,
          ),
        ),
      );
    const acks = (await Promise.all([burst(aliceOnA, 'alice'), burst(bobOnB, 'bob')])).flat();
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
    const seqs = acks.map((ack) => ack.message!.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(range(before + 1, before + 60));

    // Every client, on either node, gets all 60, each as it was acked (and none twice: afterEach).
    const byClientId = new Map(acks.map((ack) => [ack.message!.clientMsgId, ack.message!]));
    const burstOf = (log: MessageView[], from: number) =>
      log.slice(from).filter((m) => byClientId.has(m.clientMsgId));
    await eventually('both clients to receive the 60 messages', () => {
      return burstOf(aliceLog, fromA).length >= 60 && burstOf(bobLog, fromB).length >= 60;
    });
    await sleep(200);
    for (const received of [burstOf(aliceLog, fromA), burstOf(bobLog, fromB)]) {
      expect(received.map((m) => m.seq).sort((x, y) => x - y)).toEqual(seqs);
      for (const m of received) expect(m).toEqual(byClientId.get(m.clientMsgId));
    }
    const [stored] = await a.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs, min(seq) AS min, max(seq) AS max,
              (SELECT last_seq FROM rooms WHERE id = $1) AS last
         FROM messages WHERE room_id = $1`,
      [roomId],
    );
    expect(stored).toEqual({
      n: before + 60,
      seqs: before + 60,
      min: 1,
      max: before + 60,
      last: before + 60,
    });
  }, 30_000);

  it('lists in presence the users connected to either node', async () => {
    const onA = next<{ roomId: string; online: string[] }>(
      aliceOnA,
      'room:presence',
      (p) =>
        p.roomId === roomId && [alice.id, bob.id, carol.id].every((id) => p.online.includes(id)),
      8000,
    );
    const onB = next<{ roomId: string; online: string[] }>(
      bobOnB,
      'room:presence',
      (p) =>
        p.roomId === roomId && [alice.id, bob.id, carol.id].every((id) => p.online.includes(id)),
      8000,
    );
    const carolOnB = track(await connect(b.baseUrl, carol.accessToken));
    expect(await ask(carolOnB, 'room:join', { roomId })).toMatchObject({ ok: true });
    const [seenOnA, seenOnB] = await Promise.all([onA, onB]);
    expect(new Set(seenOnA.online)).toEqual(new Set([alice.id, bob.id, carol.id]));
    expect(new Set(seenOnB.online)).toEqual(new Set([alice.id, bob.id, carol.id]));

    // Leaving on node B is seen on node A.
    const afterLeave = next<{ roomId: string; online: string[] }>(
      aliceOnA,
      'room:presence',
      (p) => p.roomId === roomId && !p.online.includes(carol.id),
      8000,
    );
    carolOnB.close();
    expect(new Set((await afterLeave).online)).toEqual(new Set([alice.id, bob.id]));
  }, 20_000);

  it("a ban issued on node A takes the member's socket on node B out of the room", async () => {
    const carolOnB = track(await connect(b.baseUrl, carol.accessToken));
    expect(await ask(carolOnB, 'room:join', { roomId })).toMatchObject({ ok: true });
    await eventually('node A to see carol on node B', async () =>
      (await onlineSeenBy(a)).includes(carol.id),
    );
    // Before the ban carol gets messages sent through node A.
    const probe = randomUUID();
    const probeArrived = next<MessageView>(carolOnB, 'message:new', (m) => m.clientMsgId === probe);
    await ask(aliceOnA, 'message:send', { roomId, clientMsgId: probe, body: 'Баары угуп жатабы?' });
    await probeArrived;

    const told = next<{ roomId: string; reason: string }>(carolOnB, 'room:banned');
    const ban = await a.http
      .post(`${API}/rooms/${roomId}/bans`)
      .set(staff.auth)
      .send({ userId: carol.id, reason: 'Кордоо' });
    expect(ban.status).toBe(201);
    expect(await told).toEqual({ roomId, reason: 'Кордоо' });
    await eventually('carol to leave the room channel on every node', async () => {
      const [seenByA, seenByB] = await Promise.all([onlineSeenBy(a), onlineSeenBy(b)]);
      return !seenByA.includes(carol.id) && !seenByB.includes(carol.id);
    });

    const carolGot: MessageView[] = [];
    carolOnB.on('message:new', (m: MessageView) => carolGot.push(m));
    const after = randomUUID();
    // bob is on the same node as carol: when his copy arrives, hers would have too.
    const bobGot = next<MessageView>(bobOnB, 'message:new', (m) => m.clientMsgId === after);
    expect(
      await ask(aliceOnA, 'message:send', { roomId, clientMsgId: after, body: 'Тынч сүйлөшөлү' }),
    ).toMatchObject({ ok: true });
    await bobGot;
    await sleep(300);
    expect(carolGot).toEqual([]);
    // And she cannot come back or write, on either node.
    expect(await ask(carolOnB, 'room:join', { roomId })).toMatchObject({
      ok: false,
      error: { code: 'banned' },
    });
    expect(
      await ask(carolOnB, 'message:send', { roomId, clientMsgId: randomUUID(), body: 'мен' }),
    ).toMatchObject({ ok: false, error: { code: 'banned' } });
    carolOnB.close();
  }, 20_000);

  it("pushes a notification created on node A to the recipient's socket on node B", async () => {
    const aliceOnB = track(await connect(b.baseUrl, alice.accessToken));
    const issue = await b.http
      .post(`${API}/issues`)
      .set(alice.auth)
      .send({
        title: 'Сугат суусунун кезеги',
        body: 'Суу кезеги боюнча талаш күчөп жатат.',
        category: 'land_pasture',
        territoryIds: [TERRITORY.akSaiVillage],
        decisionLevel: 'aiyl_aimak',
      });
    expect(issue.status).toBe(201);
    const bobNotifications: unknown[] = [];
    bobOnB.on('notification', (n: unknown) => bobNotifications.push(n));

    const pushed = next<{ kind: string; issueId: string; actorId: string }>(
      aliceOnB,
      'notification',
      (n) => n.issueId === issue.body.id,
    );
    // The facilitator moves the issue through node A: the notification is stored and
    // published there, and reaches alice's socket on node B.
    const moved = await a.http
      .post(`${API}/issues/${issue.body.id}/transitions`)
      .set(staff.auth)
      .send({ to: 'discussing', note: 'Талкуулайбыз' });
    expect(moved.status).toBe(200);
    expect(await pushed).toMatchObject({
      kind: 'status_changed',
      issueId: issue.body.id,
      actorId: staff.id,
    });
    await sleep(200);
    expect(bobNotifications).toEqual([]);
    aliceOnB.close();
  }, 20_000);
}

describe('two app instances on one database (PostgreSQL adapter)', () => twoNodes('postgres'));
describeIfRedis('two app instances on one database (Redis adapter)', () => twoNodes('redis'));

/* ---------------------------------------------------------------------------------------- */
/* A real hub process: `node dist/src/main.js`, killed and restarted.                         */
/* ---------------------------------------------------------------------------------------- */

interface Hub {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote (LOG_LEVEL=warn: warnings and errors only). */
  output: string[];
}

/** The error and fatal log lines a hub wrote. */
function errorsOf(hub: Hub): string[] {
  return hub.output
    .join('')
    .split('\n')
    .filter((line) => {
      if (!line.trim()) return false;
      try {
        const { level } = JSON.parse(line) as { level?: unknown };
        return typeof level !== 'number' || level >= 50;
      } catch {
        return true;
      }
    });
}

const hubs = new Set<Hub>();

/** Starts `node dist/src/main.js` on the database and port given; resolves once ready. */
async function startHub(databaseUrl: string, port: number): Promise<Hub> {
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN_JS], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      KENESH_MIGRATIONS_RUN: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      KENESH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'warn',
      KENESH_RATE_LIMITS: 'off',
    },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const hub: Hub = { child, exited, output };
  hubs.add(hub);
  void exited.then(() => hubs.delete(hub));

  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone) throw new Error(`the hub exited while starting:\n${output.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the hub did not get ready in 30 s:\n${output.join('')}`);
    }
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) return hub;
    await sleep(100);
  }
}

/** Stops a hub with `signal` and waits for the process to be gone (SIGKILL after 15 s). */
async function stopHub(hub: Hub, signal: NodeJS.Signals) {
  hub.child.kill(signal);
  const timer = setTimeout(() => hub.child.kill('SIGKILL'), 15_000);
  try {
    return await hub.exited;
  } finally {
    clearTimeout(timer);
  }
}

async function register(
  baseUrl: string,
): Promise<{ id: string; token: string; auth: { Authorization: string } }> {
  const res = await request(baseUrl)
    .post(`${API}/auth/register`)
    .send({ email: uniqueEmail('hub'), password: 'correct horse battery', displayName: 'Hub' });
  expect(res.status).toBe(201);
  return {
    id: res.body.user.id,
    token: res.body.accessToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

/** Every message of a room through REST, paging forward with afterSeq. */
async function history(
  baseUrl: string,
  auth: { Authorization: string },
  roomId: string,
): Promise<MessageView[]> {
  const all: MessageView[] = [];
  let afterSeq = 0;
  for (let page = 0; page < 100; page += 1) {
    const res = await request(baseUrl)
      .get(`${API}/rooms/${roomId}/messages`)
      .set(auth)
      .query({ afterSeq, limit: 20 });
    expect(res.status).toBe(200);
    const items = res.body.items as MessageView[];
    all.push(...items);
    if (!res.body.hasMore) return all;
    afterSeq = items[items.length - 1].seq;
  }
  throw new Error('history did not end');
}

describe('a hub process killed and restarted', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: pg.Client;
  let port: number;
  let baseUrl: string;

  beforeAll(async () => {
    await assertFreshBuild();
    database = await cloneTemplate();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
  }, 180_000);

  afterAll(async () => {
    closeAllSockets();
    await Promise.all([...hubs].map((hub) => stopHub(hub, 'SIGKILL')));
    await db?.end();
    await database?.drop();
  });

  it('keeps every acked message exactly once after a SIGKILL mid-stream', async () => {
    let hub = await startHub(database.url, port);
    const sender = await register(baseUrl);
    const room = await request(baseUrl)
      .post(`${API}/rooms`)
      .set(sender.auth)
      .send({ name: 'Түнкү талкуу', kind: 'private' });
    expect(room.status).toBe(201);
    const roomId: string = room.body.id;
    const first = track(await connect(baseUrl, sender.token));
    expect(await ask(first, 'room:join', { roomId })).toMatchObject({ ok: true });

    // Eight senders keep messages in flight; 2 ms after the 50th ack the process is killed,
    // in the middle of others' sends (some stored but not yet acked, some not stored).
    const sent = new Map<string, string>();
    const acked = new Map<string, number>();
    let killed = false;
    let killing = false;
    const refusals: unknown[] = [];
    // An ack that can no longer come fails as soon as the connection drops.
    const dropped = new Promise<never>((_, reject) =>
      first.once('disconnect', (reason) => reject(new Error(`disconnected: ${reason}`))),
    );
    dropped.catch(() => undefined);
    const worker = async (w: number) => {
      for (let i = 0; !killed; i += 1) {
        const clientMsgId = randomUUID();
        const body = `sender ${w} message ${i}`;
        sent.set(clientMsgId, body);
        let ack: SendAck;
        try {
          ack = await Promise.race([
            ask<SendAck>(first, 'message:send', { roomId, clientMsgId, body }, 5000),
            dropped,
          ]);
        } catch (error) {
          if (killed) return;
          throw error;
        }
        if (!ack.ok) {
          refusals.push(ack.error);
          return;
        }
        acked.set(clientMsgId, ack.message!.seq);
        if (acked.size >= 50 && !killing) {
          killing = true;
          setTimeout(() => {
            killed = true;
            hub.child.kill('SIGKILL');
          }, 2);
        }
      }
    };
    await Promise.all(range(1, 8).map(worker));
    expect(refusals).toEqual([]);
    expect(await hub.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(errorsOf(hub)).toEqual([]);
    first.close();
    expect(acked.size).toBeGreaterThanOrEqual(50);
    const ackedSeqs = [...acked.values()].sort((x, y) => x - y);
    expect(new Set(ackedSeqs).size).toBe(acked.size);

    // Restart on the same database and port; the client comes back and retries what it
    // never saw acked, with the same clientMsgId.
    hub = await startHub(database.url, port);
    const again = track(await connect(baseUrl, sender.token));
    const rejoin = await ask<JoinAck>(again, 'room:join', { roomId, afterSeq: 0 });
    expect(rejoin.ok).toBe(true);
    const storedBeforeRetry = rejoin.room!.lastSeq;
    expect(storedBeforeRetry).toBeGreaterThanOrEqual(acked.size);
    expect(storedBeforeRetry).toBeLessThanOrEqual(sent.size);
    const unacked = [...sent.keys()].filter((id) => !acked.has(id));
    const retried = new Map<string, number>();
    for (const clientMsgId of unacked) {
      const ack = await ask<SendAck>(again, 'message:send', {
        roomId,
        clientMsgId,
        body: sent.get(clientMsgId),
      });
      expect(ack).toMatchObject({ ok: true, message: { clientMsgId } });
      retried.set(clientMsgId, ack.message!.seq);
    }
    // A retry of something stored before the crash returns it; the others take the next seqs.
    const newSeqs = [...retried.values()].filter((seq) => seq > storedBeforeRetry);
    expect(newSeqs.sort((x, y) => x - y)).toEqual(range(storedBeforeRetry + 1, sent.size));

    const messages = await history(baseUrl, sender.auth, roomId);
    expect(messages.map((m) => m.seq)).toEqual(range(1, sent.size));
    expect(new Set(messages.map((m) => m.clientMsgId)).size).toBe(messages.length);
    const byClientId = new Map(messages.map((m) => [m.clientMsgId, m]));
    for (const [clientMsgId, seq] of [...acked, ...retried]) {
      expect(byClientId.get(clientMsgId)).toMatchObject({
        seq,
        body: sent.get(clientMsgId),
        authorId: sender.id,
      });
    }

    const { rows } = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT client_msg_id)::int AS ids,
              count(DISTINCT seq)::int AS seqs, min(seq) AS min, max(seq) AS max,
              (SELECT last_seq FROM rooms WHERE id = $1) AS last
         FROM messages WHERE room_id = $1`,
      [roomId],
    );
    expect(rows[0]).toEqual({
      n: sent.size,
      ids: sent.size,
      seqs: sent.size,
      min: 1,
      max: sent.size,
      last: sent.size,
    });
    const acknowledged = await db.query(
      `SELECT client_msg_id, seq FROM messages WHERE room_id = $1 AND client_msg_id = ANY($2::uuid[])`,
      [roomId, [...acked.keys()]],
    );
    expect(
      new Map(
        acknowledged.rows.map((r: { client_msg_id: string; seq: number }) => [
          r.client_msg_id,
          r.seq,
        ]),
      ),
    ).toEqual(acked);
    again.close();
    expect(await stopHub(hub, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(errorsOf(hub)).toEqual([]);
  }, 90_000);

  it('a client reconnecting by itself after a restart re-joins and gets exactly what it missed', async () => {
    let hub = await startHub(database.url, port);
    const writer = await register(baseUrl);
    const reader = await register(baseUrl);
    const room = await request(baseUrl)
      .post(`${API}/rooms`)
      .set(writer.auth)
      .send({ name: 'Айыл кеңеши', kind: 'private', memberIds: [reader.id] });
    expect(room.status).toBe(201);
    const roomId: string = room.body.id;

    // The reader's client: socket.io-client's own reconnection, remembering the last seq seen.
    const client = track(
      io(`${baseUrl}/rt`, {
        auth: { token: reader.token },
        transports: ['websocket'],
        reconnection: true,
        reconnectionDelay: 100,
        reconnectionDelayMax: 500,
        randomizationFactor: 0,
        forceNew: true,
      }),
    );
    const live: MessageView[] = [];
    let lastSeq = 0;
    client.on('message:new', (m: MessageView) => {
      live.push(m);
      lastSeq = Math.max(lastSeq, m.seq);
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    expect(await ask(client, 'room:join', { roomId, afterSeq: 0 })).toMatchObject({
      ok: true,
      missed: [],
    });

    const send = async (socket: Socket, body: string) => {
      const ack = await ask<SendAck>(socket, 'message:send', {
        roomId,
        clientMsgId: randomUUID(),
        body,
      });
      expect(ack.ok).toBe(true);
      return ack.message!;
    };
    let writerSocket = track(await connect(baseUrl, writer.token));
    for (const i of range(1, 5)) await send(writerSocket, `before ${i}`);
    await eventually('the reader to see the first five', () => live.length === 5);
    expect(lastSeq).toBe(5);

    // The server restarts (a deploy: SIGTERM, graceful); the client reconnects by itself.
    let managerReconnected = false;
    client.io.once('reconnect', () => (managerReconnected = true));
    const disconnected = new Promise<string>((resolve) => client.once('disconnect', resolve));
    expect(await stopHub(hub, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(errorsOf(hub)).toEqual([]);
    // Not 'io server disconnect', after which socket.io-client would not reconnect by itself.
    expect(await disconnected).toBe('transport close');
    const reconnected = new Promise<void>((resolve) => client.once('connect', () => resolve()));
    writerSocket.close();
    hub = await startHub(database.url, port);
    await within(reconnected, 20_000, 'the client to reconnect');
    expect(managerReconnected).toBe(true);
    expect(client.connected).toBe(true);

    // Reconnected but not yet re-joined: what is sent now is missed, not pushed.
    writerSocket = track(await connect(baseUrl, writer.token));
    const missedSent: MessageView[] = [];
    for (const i of range(1, 4)) missedSent.push(await send(writerSocket, `while away ${i}`));
    await sleep(300);
    expect(live).toHaveLength(5);

    const rejoin = await ask<JoinAck>(client, 'room:join', { roomId, afterSeq: lastSeq });
    expect(rejoin).toEqual({
      ok: true,
      room: expect.objectContaining({ id: roomId, lastSeq: 9 }),
      missed: missedSent.map((m) =>
        expect.objectContaining({ seq: m.seq, id: m.id, body: m.body }),
      ),
      hasMore: false,
    });
    expect(rejoin.missed!.map((m) => m.seq)).toEqual([6, 7, 8, 9]);

    // After the re-join, delivery is live again and nothing comes twice.
    const tenth = next<MessageView>(client, 'message:new', (m) => m.seq === 10);
    await send(writerSocket, 'after');
    await tenth;
    await sleep(200);
    expect([...live, ...rejoin.missed!].map((m) => m.seq).sort((x, y) => x - y)).toEqual(
      range(1, 10),
    );
    client.close();
    writerSocket.close();
    expect(await stopHub(hub, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(errorsOf(hub)).toEqual([]);
  }, 90_000);
});
