/**
 * `npm run bench:realtime [-- --quick] [-- --only=idle,hub,postgres,memory,redis]`: the
 * discussion rooms under load, with real socket.io-client connections against the built hub
 * running as its own process on its embedded PostgreSQL (a temporary data folder, free ports,
 * 127.0.0.1 only). Measures send→receive latency in one room of 200 members and in 50 rooms of 20
 * at 50 messages/s, the highest sustained rate of stored-and-delivered messages, memory per idle
 * connection at 2,000 connections, and delivery across two hub processes on one PostgreSQL
 * through the PostgreSQL adapter; next to a baseline measured the same way in the same run: a
 * minimal socket.io server (bench/realtime-baseline.ts) that only runs the hub's insert statement
 * and the broadcast; then the hub alone with the in-memory adapter, for what the PostgreSQL
 * adapter costs on one node; last, with a private redis-server (skipped when there is none on
 * PATH), the hub with the Redis adapter alone and across two nodes. Prints figures beside the
 * targets of issue #4; asserts nothing. Every process it starts (node A with its PostgreSQL,
 * node B, the baseline, Redis) is stopped and the temporary folder removed however the run
 * ends. See bench/README.md.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  accessSync,
  constants as fsConstants,
  existsSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { delimiter, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createClient } from '@redis/client';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  API,
  call,
  HOST,
  benchNodeArgs,
  freePort,
  hasExited,
  killGroup,
  serverEnv,
  type Hub,
  spawnCaptured,
  INSPECTOR_BANNER,
  isAborted,
  loadAverage,
  log,
  MAIN,
  makeDataDir,
  ms,
  percentile,
  pool,
  rssMiB,
  runBench,
  send,
  startHub,
  stopHub,
  table,
} from './lib.js';

// ---------------------------------------------------------------------------------------------
// Settings

const QUICK = process.argv.includes('--quick');
/**
 * The parts, in the order they run; `--only=a,b` runs only those (set-up always runs):
 * - idle: memory per idle connection, hub and baseline;
 * - hub: one node, the hub (PostgreSQL adapter) and the baseline: latency and sustained rate;
 * - postgres: node A → node B through the PostgreSQL adapter;
 * - memory: node A alone with the in-memory adapter;
 * - redis: a private redis-server, node A alone, then node A → node B, with the Redis adapter.
 */
const PART_NAMES = ['idle', 'hub', 'postgres', 'memory', 'redis'] as const;
type Part = (typeof PART_NAMES)[number];

function selectedParts(): Set<Part> {
  const options = process.argv.filter((arg) => arg === '--only' || arg.startsWith('--only='));
  if (!options.length) return new Set(PART_NAMES);
  const asked = options.flatMap((arg) => arg.slice('--only='.length).split(',')).filter(Boolean);
  const unknown = asked.filter((name) => !(PART_NAMES as readonly string[]).includes(name));
  if (!asked.length || unknown.length) {
    throw new Error(
      `--only takes a comma-separated list of ${PART_NAMES.join(', ')}` +
        (unknown.length ? `; not known: ${unknown.join(', ')}` : ''),
    );
  }
  return new Set(PART_NAMES.filter((name) => asked.includes(name)));
}
/** Registered through the API (one argon2 hash each); sockets beyond that share their tokens. */
const USERS = 200;
const BIG_ROOM_MEMBERS = 200;
const SMALL_ROOMS = 50;
const SMALL_ROOM_MEMBERS = 20;
/** Members of the big room who take turns sending; in a small room every member does. */
const BIG_ROOM_SENDERS = 20;
/** Sender sockets per small room on node A in the cross-node runs. */
const CROSS_SENDERS_PER_SMALL_ROOM = 2;
const LATENCY_RATE = 50;
const LATENCY_SECONDS = QUICK ? 5 : 20;
const IDLE_CONNECTIONS = 2000;
/** Sustained rate: a closed-loop probe with this many messages in flight, then open-loop steps. */
const PROBE_IN_FLIGHT = 64;
const PROBE_SECONDS = QUICK ? 3 : 6;
const WARM_UP_SECONDS = 2;
const STEP_SECONDS = QUICK ? 3 : 8;
/** Offered rates of the steps, as fractions of the probe's rate; lower ones only if all fail. */
const RAMP = [0.5, 0.7, 0.85, 1, 1.15, 1.3, 1.5];
const RAMP_FALLBACK = [0.3, 0.15];
/** "Keeping up": at least this share of the offered messages acked … */
const KEEP_UP_ACKED = 0.95;
/** … every delivery arriving (within the drain) … */
const KEEP_UP_DELIVERED = 0.999;
/** … and the delivery p99 under this. */
const KEEP_UP_P99_MS = 250;
/** Open-loop sends beyond this many unacked messages are not made (and count as not acked). */
const MAX_IN_FLIGHT = 1000;
/** After the last send, how long to wait for outstanding acks and deliveries. */
const DRAIN_MS = 5000;
const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 15_000;
const ACK_TIMEOUT_MS = 15_000;
const PROGRESS_MS = 5000;
/** The client process is considered saturated above this share of one core. */
const CLIENT_SATURATED = 0.9;
/** Other processes using this share of one core or more make a run's figures suspect. */
const OTHER_BUSY = 0.25;
const PASSWORD = 'bench password 0123456789';
/** Whatever happens, the bench gives up and cleans up after this long. */
const OVERALL_TIME_LIMIT_MS = 30 * 60_000;

const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.6;
const TARGET_KB = 20;

const BASELINE_SCRIPT = fileURLToPath(new URL('./realtime-baseline.js', import.meta.url));
/** Shared by node A, node B (which must accept A's tokens) and nothing else. */
const JWT_SECRET = randomBytes(48).toString('base64url');
const HUB_ENV = { KENESH_JWT_SECRET: JWT_SECRET, KENESH_ACCESS_TOKEN_TTL: '86400' };
const INSPECT = '--inspect=127.0.0.1:0';

// ---------------------------------------------------------------------------------------------
// Extra processes (node B, the baseline): lib.ts manages node A only

interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  port: number;
  exited: Promise<void>;
  output: string[];
  /** How many lines it wrote in all, other than Node's inspector banner. */
  logged: { lines: number };
  stopping: boolean;
  /** Stopped after node A (which needs it to shut down cleanly): Redis. */
  stopLast: boolean;
}

const extras = new Set<Proc>();

/**
 * Spawns `command` in its own process group and waits until `ready()` says yes. `stopLast`
 * marks a process the others depend on (Redis): stopped after node A, not before.
 */
async function spawnProc(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  ready: () => Promise<boolean>,
  stopLast = false,
): Promise<Proc> {
  const spawned = await spawnCaptured(name, command, args, env, (code, signal, output) => {
    // Stopped by the bench, or by a signal to the bench, it is expected; otherwise say so.
    if (!proc.stopping && !isAborted()) {
      log(`${name} exited by itself (${code ?? signal}); its last output:\n${output.join('\n')}`);
    }
  });
  const { child, output } = spawned;
  const proc: Proc = { name, ...spawned, port, stopping: false, stopLast };
  extras.add(proc);
  const deadline = performance.now() + 120_000;
  while (!isAborted()) {
    if (hasExited(child)) {
      throw new Error(`${name} exited before it was ready:\n${output.join('\n')}`);
    }
    if (performance.now() > deadline) {
      throw new Error(`${name} was not ready after 120 s:\n${output.join('\n')}`);
    }
    if (await ready()) return proc;
    await sleep(50);
  }
  throw new Error('aborted');
}

/** Spawns `node script` (node B, the baseline) and waits until `readyPath` answers 200. */
async function spawnNode(
  name: string,
  script: string,
  env: Record<string, string>,
  readyPath: string,
  nodeArgs: string[] = [],
): Promise<Proc> {
  const port = await freePort();
  return spawnProc(
    name,
    process.execPath,
    ['--enable-source-maps', ...benchNodeArgs(), ...nodeArgs, script],
    serverEnv(port, env),
    port,
    () =>
      send(false, port, 'GET', readyPath, { timeoutMs: 1000 }).then(
        (reply) => reply.status === 200,
        () => false,
      ),
  );
}

async function stopProc(proc: Proc): Promise<void> {
  proc.stopping = true;
  if (!hasExited(proc.child)) {
    proc.child.kill('SIGTERM');
    const stopped = await Promise.race([
      proc.exited.then(() => true),
      sleep(15_000).then(() => false),
    ]);
    if (!stopped) {
      log(`${proc.name} did not stop within 15 s; killing it`);
      killGroup(proc.pid, 'SIGKILL');
      await Promise.race([proc.exited, sleep(5000)]);
    }
  }
  extras.delete(proc);
  if (!proc.stopLast) reportLog(proc.name, proc.output, proc.logged);
}

/**
 * The server logs (LOG_LEVEL=warn: warnings and errors only), one entry per process that wrote
 * any, printed with the notes at the end; the last lines also go to the log at once.
 */
const serverLogs: string[] = [];

function reportLog(name: string, output: string[], logged: { lines: number }): void {
  if (!logged.lines) return;
  const last = output.filter((line) => !INSPECTOR_BANNER.test(line)).slice(-5);
  serverLogs.push(`${name}: ${logged.lines} line(s), the last: ${last.at(-1) ?? ''}`);
  log(
    `${name} wrote ${logged.lines} log line(s) (warnings, errors); the last ${last.length}:\n    ` +
      last.join('\n    '),
  );
}

/** Every extra process, or (`last`) only those node A needs until it has stopped. */
async function stopExtras(last: boolean): Promise<void> {
  await Promise.all([...extras].filter((p) => p.stopLast === last).map((p) => stopProc(p)));
}

/**
 * On Ctrl-C or a kill, lib.ts stops node A and exits; the extra processes go first, except Redis,
 * which node A needs to shut down cleanly: it goes when the bench exits.
 */
function guardExtras(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const proc of extras) {
        if (!proc.stopLast && !hasExited(proc.child)) killGroup(proc.pid, 'SIGTERM');
      }
    });
  }
  process.on('exit', () => {
    for (const proc of extras) if (!hasExited(proc.child)) killGroup(proc.pid, 'SIGKILL');
  });
}

// ---------------------------------------------------------------------------------------------
// A private Redis for the Redis adapter's runs

/** Redis 7 or newer: the adapter uses sharded pub/sub (SSUBSCRIBE, SPUBLISH). */
const REDIS_MIN_MAJOR = 7;

/** The full path of `name` if an executable of that name is on PATH. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** A fresh connection to the Redis on `port`, without retries; close it with `destroy()`. */
function redisClient(port: number) {
  const client = createClient({
    url: `redis://${HOST}:${port}`,
    socket: { connectTimeout: 2000, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  return client;
}

/** A field of `INFO section` (`redis_version`, `connected_clients`, …). */
async function redisInfo(port: number, section: string, field: string): Promise<string> {
  const client = redisClient(port);
  try {
    await client.connect();
    const info = await client.info(section);
    return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Whether the Redis on `port` answers PING. */
async function redisAnswers(port: number): Promise<boolean> {
  const client = redisClient(port);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/**
 * `redis-server` on a free port of 127.0.0.1, nothing saved (`--save ''`, no AOF), its working
 * folder in `dir` (inside the bench's temporary folder). Undefined, with the reason logged, when
 * there is no `redis-server` on PATH or it is older than 7: the Redis scenarios are then skipped.
 * Never the machine's own Redis.
 */
async function startRedis(dir: string): Promise<Proc | undefined> {
  const binary = onPath('redis-server');
  if (!binary) {
    log('redis-server is not on PATH: the Redis scenarios are skipped');
    return undefined;
  }
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  log(`starting a private Redis (${binary}, port ${port}) …`);
  const redis = await spawnProc(
    'redis',
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ],
    { ...process.env },
    port,
    () => redisAnswers(port),
    true,
  );
  const version = await redisInfo(port, 'server', 'redis_version');
  if (!(Number(version.split('.')[0]) >= REDIS_MIN_MAJOR)) {
    log(
      `redis-server is version ${version || '?'}; the adapter needs ${REDIS_MIN_MAJOR} or newer ` +
        '(sharded pub/sub): the Redis scenarios are skipped',
    );
    await stopProc(redis);
    return undefined;
  }
  log(`Redis ${version} ready (pid ${redis.pid})`);
  return redis;
}

/** How many connections Redis has besides the one asking: the hub nodes' publish/subscribe pairs. */
async function redisClients(port: number): Promise<number> {
  return Number(await redisInfo(port, 'clients', 'connected_clients')) - 1;
}

// ---------------------------------------------------------------------------------------------
// CPU from /proc

/** utime + stime (clock ticks of 10 ms) of every process, and its parent. */
function procTicks(): { ticks: Map<number, number>; parents: Map<number, number> } {
  const ticks = new Map<number, number>();
  const parents = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return { ticks, parents };
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After "pid (comm) ": state, ppid, … utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // Gone meanwhile.
    }
  }
  return { ticks, parents };
}

interface CpuShare {
  /** Shares of one core over the run: the server process(es), PostgreSQL, this client. */
  server: number;
  pg: number;
  client: number;
  /** The bench's private redis-server, in the Redis adapter's runs (undefined in the others). */
  redis?: number;
  /** Everything else the machine ran meanwhile (all busy CPU time less the above). */
  other: number;
}

/** Busy clock ticks of the whole machine, all CPUs (first line of /proc/stat). */
function machineTicks(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    // cpu user nice system idle iowait irq softirq …
    return [1, 2, 3, 6, 7].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  } catch {
    return NaN;
  }
}

/**
 * Starts measuring; the returned function gives the shares since. PostgreSQL is every process
 * below node A other than node A itself (postmaster and backends, also those serving node B and
 * the baseline); Redis is `redisPid` (all its threads).
 */
function cpuMeter(serverPids: number[], pgRoot: number, redisPid?: number): () => CpuShare {
  const started = performance.now();
  const before = procTicks().ticks;
  const machineBefore = machineTicks();
  const own = process.cpuUsage();
  return () => {
    const { ticks, parents } = procTicks();
    const machine = machineTicks() - machineBefore;
    const seconds = (performance.now() - started) / 1000;
    const delta = (pid: number): number => (ticks.get(pid) ?? 0) - (before.get(pid) ?? 0);
    let server = 0;
    for (const pid of serverPids) server += delta(pid);
    let pgTicks = 0;
    for (const pid of ticks.keys()) {
      if (pid === pgRoot) continue;
      let p = pid;
      for (let hops = 0; p > 1 && p !== pgRoot && hops < 10; hops++) p = parents.get(p) ?? 0;
      if (p === pgRoot) pgTicks += delta(pid);
    }
    const client = process.cpuUsage(own);
    const clientShare = (client.user + client.system) / 1e6 / seconds;
    const serverShare = (server * 10) / 1000 / seconds;
    const pgShare = (pgTicks * 10) / 1000 / seconds;
    const redisShare = redisPid === undefined ? undefined : (delta(redisPid) * 10) / 1000 / seconds;
    return {
      server: serverShare,
      pg: pgShare,
      client: clientShare,
      redis: redisShare,
      other: Math.max(
        0,
        (machine * 10) / 1000 / seconds - serverShare - pgShare - clientShare - (redisShare ?? 0),
      ),
    };
  };
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;

// ---------------------------------------------------------------------------------------------
// Clients

interface Client {
  id: number;
  socket: Socket;
  /** Highest seq seen (each receiving socket is in one room): an older one after it is reordered. */
  lastSeq: number;
}

interface Sender {
  client: Client;
  userId: string;
}

interface LoadRoom {
  id: string;
  /** Sockets joined to the room, whose `message:new` are measured. */
  receivers: Client[];
  receiverIds: Set<number>;
  senders: Sender[];
}

interface Load {
  rooms: LoadRoom[];
  /** The baseline has no authentication: the author goes in the payload. */
  authorInPayload: boolean;
}

interface Delivered {
  clientMsgId: string;
  seq: number;
}

let nextClientId = 0;
/** Every open client socket, so that a failed run closes them too. */
const openClients = new Set<Client>();
let current: Run | undefined;
let unexpectedDisconnects = 0;

/** A socket.io client on /rt, as the app's clients connect: websocket only, no reconnection. */
function connect(port: number, token: string | undefined): Promise<Client> {
  const socket = io(`http://${HOST}:${port}/rt`, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: CONNECT_TIMEOUT_MS,
  });
  const client: Client = { id: nextClientId++, socket, lastSeq: 0 };
  socket.on('message:new', (message: Delivered) => current?.delivery(client, message));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no connection within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      openClients.add(client);
      socket.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') unexpectedDisconnects += 1;
      });
      resolve(client);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`connect_error: ${error.message}`));
    });
  });
}

/** A refused handshake (`unauthorized`) is final; anything else is tried twice more. */
async function connectRetrying(port: number, token: string | undefined): Promise<Client> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect(port, token);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= 3 || message.includes('unauthorized') || isAborted()) {
        throw new Error(`connecting to port ${port}: ${message} (attempt ${attempt})`);
      }
      await sleep(500);
    }
  }
}

function connectMany(port: number, tokens: (string | undefined)[]): Promise<Client[]> {
  return pool(tokens.length, CONNECT_CONCURRENCY, (i) => connectRetrying(port, tokens[i]));
}

async function closeAll(clients: Iterable<Client>): Promise<void> {
  for (const client of clients) {
    client.socket.disconnect();
    openClients.delete(client);
  }
  // Let the servers see the disconnects before the next measurement.
  await sleep(1000);
}

async function ask(socket: Socket, event: string, payload: unknown): Promise<void> {
  const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as {
    ok: boolean;
    error?: { code: string; message: string };
  };
  if (!answer.ok) throw new Error(`${event}: ${answer.error?.code} ${answer.error?.message}`);
}

/** Joins every receiver of every room (at the room's current seq, so nothing is replayed). */
async function joinAll(db: pg.Pool, load: Load): Promise<void> {
  const rows = await db.query<{ id: string; last_seq: number }>(
    'SELECT id, last_seq FROM rooms WHERE id = ANY($1::uuid[])',
    [load.rooms.map((r) => r.id)],
  );
  const lastSeq = new Map(rows.rows.map((r) => [r.id, r.last_seq]));
  const joins = load.rooms.flatMap((room) => room.receivers.map((client) => ({ room, client })));
  await pool(joins.length, CONNECT_CONCURRENCY, (i) =>
    ask(joins[i].client.socket, 'room:join', {
      roomId: joins[i].room.id,
      afterSeq: lastSeq.get(joins[i].room.id) ?? 0,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Load and measurement

interface Pending {
  t0: number;
  sender: number;
  expected: number;
}

interface Answer {
  ok: boolean;
  error?: { code: string; message: string };
}

/** How many messages each room got acked over the whole bench: checked against the table. */
const ackedByRoom = new Map<string, number>();

/** One measured run: what was sent, acked and delivered, and when. */
class Run {
  readonly pending = new Map<string, Pending>();
  readonly latencies: number[] = [];
  readonly ackLatencies: number[] = [];
  offered = 0;
  acked = 0;
  failed = 0;
  inFlight = 0;
  expected = 0;
  delivered = 0;
  /** Deliveries of a lower seq than one the socket already had. */
  reordered = 0;
  firstError?: string;

  constructor(private readonly load: Load) {}

  /** `message:new` on a receiving socket: every socket in the room but the sender's counts. */
  delivery(client: Client, message: Delivered): void {
    if (message.seq < client.lastSeq) this.reordered += 1;
    else client.lastSeq = message.seq;
    const pending = this.pending.get(message.clientMsgId);
    if (!pending || pending.sender === client.id) return;
    this.latencies.push(performance.now() - pending.t0);
    this.delivered += 1;
  }

  /** Message `n` goes to room `n mod rooms`, whose senders take turns. */
  send(n: number, onAck?: () => void): void {
    const rooms = this.load.rooms;
    const room = rooms[n % rooms.length];
    const sender = room.senders[Math.floor(n / rooms.length) % room.senders.length];
    const clientMsgId = randomUUID();
    const expected = room.receivers.length - (room.receiverIds.has(sender.client.id) ? 1 : 0);
    const body = `Бүгүн кечинде суу маселеси боюнча жыйын болот, келгиле (${n})`;
    const payload = this.load.authorInPayload
      ? { roomId: room.id, clientMsgId, body, authorId: sender.userId }
      : { roomId: room.id, clientMsgId, body };
    const t0 = performance.now();
    this.pending.set(clientMsgId, { t0, sender: sender.client.id, expected });
    this.inFlight += 1;
    this.expected += expected;
    sender.client.socket.emit('message:send', payload, (answer: Answer) => {
      this.inFlight -= 1;
      if (answer.ok) {
        this.acked += 1;
        this.ackLatencies.push(performance.now() - t0);
        ackedByRoom.set(room.id, (ackedByRoom.get(room.id) ?? 0) + 1);
      } else {
        this.failed += 1;
        this.expected -= expected;
        this.firstError ??= `${answer.error?.code}: ${answer.error?.message}`;
      }
      onAck?.();
    });
  }
}

interface Ctx {
  /** The server as the tables name it. */
  server: string;
  /** Its node processes, for CPU. */
  pids: number[];
  /** Node A, whose descendants are PostgreSQL. */
  pgRoot: number;
  /** The private redis-server, when the servers use the Redis adapter. */
  redisPid?: number;
}

interface Result {
  server: string;
  scenario: string;
  load: string;
  seconds: number;
  offered: number;
  acked: number;
  failed: number;
  ackedRate: number;
  delivered: number;
  expected: number;
  reordered: number;
  deliveryRate: number;
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
  ackP99: number;
  cpu: CpuShare;
  loopP99: number;
  keptUp: boolean;
  firstError?: string;
}

async function measure(
  ctx: Ctx,
  scenario: string,
  loadText: string,
  load: Load,
  drive: (run: Run) => Promise<void>,
): Promise<Result> {
  const run = new Run(load);
  current = run;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = cpuMeter(ctx.pids, ctx.pgRoot, ctx.redisPid);
  const started = performance.now();
  const progress = setInterval(
    () =>
      log(
        `  … ${run.acked} acked, ${run.delivered} of ${run.expected} deliveries, ${run.inFlight} in flight`,
      ),
    PROGRESS_MS,
  );
  let seconds: number;
  let share: CpuShare;
  try {
    await drive(run);
    seconds = (performance.now() - started) / 1000;
    share = cpu();
    // What is still on its way arrives now (bounded): late deliveries count, and their latency.
    const drainEnd = performance.now() + DRAIN_MS;
    while (
      (run.inFlight > 0 || run.delivered < run.expected) &&
      performance.now() < drainEnd &&
      !isAborted()
    ) {
      await sleep(20);
    }
  } finally {
    clearInterval(progress);
    loop.disable();
    current = undefined;
  }
  if (isAborted()) throw new Error('aborted');
  run.latencies.sort((a, b) => a - b);
  run.ackLatencies.sort((a, b) => a - b);
  const p99 = percentile(run.latencies, 99);
  const result: Result = {
    server: ctx.server,
    scenario,
    load: loadText,
    seconds,
    offered: run.offered,
    acked: run.acked,
    failed: run.failed,
    ackedRate: run.acked / seconds,
    delivered: run.delivered,
    expected: run.expected,
    reordered: run.reordered,
    deliveryRate: run.delivered / seconds,
    p50: percentile(run.latencies, 50),
    p99,
    max: run.latencies[run.latencies.length - 1] ?? NaN,
    ackP50: percentile(run.ackLatencies, 50),
    ackP99: percentile(run.ackLatencies, 99),
    cpu: share,
    loopP99: loop.percentile(99) / 1e6,
    keptUp:
      run.failed === 0 &&
      run.acked >= KEEP_UP_ACKED * run.offered &&
      run.delivered >= KEEP_UP_DELIVERED * run.expected &&
      p99 <= KEEP_UP_P99_MS,
    firstError: run.firstError,
  };
  log(
    `  ${ctx.server}, ${scenario}, ${loadText}: ${result.acked}/${result.offered} acked ` +
      `(${result.ackedRate.toFixed(0)}/s), ${result.delivered}/${result.expected} delivered, ` +
      `p50 ${ms(result.p50)} p99 ${ms(result.p99)} max ${ms(result.max)} ms, ` +
      `ack p50 ${ms(result.ackP50)} ms; CPU server ${pct(share.server)} pg ${pct(share.pg)} ` +
      (share.redis === undefined ? '' : `redis ${pct(share.redis)} `) +
      `client ${pct(share.client)}, other processes ${pct(share.other)}, ` +
      `client loop delay p99 ${ms(result.loopP99)} ms` +
      (result.reordered ? `; ${result.reordered} reordered` : '') +
      (result.failed ? `; ${result.failed} refused (first: ${result.firstError})` : '') +
      (result.keptUp ? '' : '; NOT keeping up'),
  );
  return result;
}

/** `rate` messages per second for `seconds`, on a schedule, whatever the answers. */
function openLoop(
  ctx: Ctx,
  scenario: string,
  load: Load,
  rate: number,
  seconds: number,
): Promise<Result> {
  log(`${ctx.server}: ${scenario}, ${rate} msg/s for ${seconds} s …`);
  return measure(ctx, scenario, `${rate} msg/s`, load, async (run) => {
    const total = Math.round(rate * seconds);
    const start = performance.now();
    let n = 0;
    while (n < total && !isAborted()) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      for (; n < due; n++) {
        // Past the cap the server is far behind: the message is not sent and counts as lost.
        if (run.inFlight < MAX_IN_FLIGHT) run.send(n);
      }
      run.offered = n;
      await sleep(2);
    }
  });
}

/** `inFlight` senders, each sending its next message when the last is acked. */
function closedLoop(
  ctx: Ctx,
  scenario: string,
  load: Load,
  inFlight: number,
  seconds: number,
): Promise<Result> {
  log(`${ctx.server}: ${scenario}, ${inFlight} in flight for ${seconds} s …`);
  return measure(ctx, scenario, `${inFlight} in flight`, load, (run) => {
    const end = performance.now() + seconds * 1000;
    let lanes = inFlight;
    return new Promise<void>((resolve) => {
      // Bounded even if an ack never comes.
      const safety = setTimeout(resolve, seconds * 1000 + ACK_TIMEOUT_MS);
      const lane = (): void => {
        if (performance.now() >= end || isAborted()) {
          lanes -= 1;
          if (lanes === 0) {
            clearTimeout(safety);
            resolve();
          }
          return;
        }
        run.send(run.offered++, lane);
      };
      for (let i = 0; i < inFlight; i++) lane();
    });
  });
}

interface Sustained {
  probe: Result;
  steps: Result[];
  best?: Result;
}

interface Target {
  ctx: Ctx;
  load: Load;
}

interface Climb extends Target, Sustained {}

/**
 * The highest offered rate each server keeps up with: a closed-loop probe gives its capacity,
 * then open-loop steps around it, upwards until one does not keep up (downwards if none does).
 * With several servers the steps alternate between them, so that whatever else the machine is
 * doing meanwhile falls on all of them alike.
 */
async function sustained(scenario: string, targets: Target[]): Promise<Sustained[]> {
  const states: Climb[] = [];
  for (const { ctx, load } of targets) {
    await closedLoop(ctx, `${scenario} (warm-up)`, load, PROBE_IN_FLIGHT, WARM_UP_SECONDS);
    await sleep(1000);
  }
  for (const { ctx, load } of targets) {
    const probe = await closedLoop(ctx, `${scenario} probe`, load, PROBE_IN_FLIGHT, PROBE_SECONDS);
    states.push({ ctx, load, probe, steps: [] });
    await sleep(1000);
  }
  const step = async (state: Climb, fraction: number): Promise<Result> => {
    const rate = Math.max(1, Math.round(state.probe.ackedRate * fraction));
    const result = await openLoop(state.ctx, `${scenario} step`, state.load, rate, STEP_SECONDS);
    state.steps.push(result);
    await sleep(1000);
    return result;
  };
  const climbing = new Set(states);
  for (const fraction of RAMP) {
    for (const state of states) {
      if (!climbing.has(state)) continue;
      const result = await step(state, fraction);
      if (result.keptUp) state.best = result;
      else climbing.delete(state);
    }
  }
  for (const state of states) {
    if (state.best) continue;
    for (const fraction of RAMP_FALLBACK) {
      const result = await step(state, fraction);
      if (result.keptUp) {
        state.best = result;
        break;
      }
    }
  }
  for (const state of states) {
    log(
      `${state.ctx.server}: sustained ${state.best ? `${state.best.ackedRate.toFixed(0)} msg/s` : 'n/a'} ` +
        `(closed-loop probe ${state.probe.ackedRate.toFixed(0)} msg/s)`,
    );
  }
  return states.map(({ probe, steps, best }) => ({ probe, steps, best }));
}

// ---------------------------------------------------------------------------------------------
// Set-up

interface Users {
  ids: string[];
  tokens: string[];
}

interface Layout {
  big: string;
  small: string[];
}

interface AuthResult {
  user: { id: string };
  accessToken: string;
}

/** Users in small room `r`: 20 consecutive ones, wrapping around (each user is in five). */
const smallMembers = (r: number): number[] =>
  Array.from({ length: SMALL_ROOM_MEMBERS }, (_, j) => (r * SMALL_ROOM_MEMBERS + j) % USERS);

async function registerUsers(port: number): Promise<Users> {
  const run = randomBytes(3).toString('hex');
  const started = performance.now();
  const results = await pool(USERS, 4, (i) =>
    call<AuthResult>(
      port,
      {
        method: 'POST',
        path: `${API}/auth/register`,
        body: {
          email: `rt-${run}-${i}@example.kg`,
          password: PASSWORD,
          displayName: `Realtime bench ${i}`,
        },
      },
      201,
    ),
  );
  log(`registered ${USERS} users in ${ms(performance.now() - started)} ms`);
  return { ids: results.map((r) => r.user.id), tokens: results.map((r) => r.accessToken) };
}

/** Private rooms through the API: one of 200 members and 50 of 20. */
async function createHubRooms(port: number, users: Users): Promise<Layout> {
  const create = async (name: string, members: number[]): Promise<string> => {
    const room = await call<{ id: string }>(
      port,
      {
        method: 'POST',
        path: `${API}/rooms`,
        token: users.tokens[members[0]],
        body: { name, kind: 'private', memberIds: members.slice(1).map((u) => users.ids[u]) },
      },
      201,
    );
    return room.id;
  };
  const big = await create(
    'Realtime bench: 200 members',
    Array.from({ length: BIG_ROOM_MEMBERS }, (_, u) => u),
  );
  const small = await pool(SMALL_ROOMS, 4, (r) => create(`Realtime bench ${r}`, smallMembers(r)));
  return { big, small };
}

/** The baseline checks nothing, so its rooms are bare rows (its own, with their own seq). */
async function createBaselineRooms(db: pg.Pool, users: Users): Promise<Layout> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO rooms (name, kind, created_by)
     SELECT 'Realtime baseline ' || g, 'private', $1 FROM generate_series(0, $2::int) g
     RETURNING id`,
    [users.ids[0], SMALL_ROOMS],
  );
  const ids = rows.rows.map((r) => r.id);
  return { big: ids[0], small: ids.slice(1) };
}

interface Connected {
  big: Load;
  small: Load;
  clients: Client[];
}

/**
 * One socket per member of every room, joined, on `receiverPort`. Senders are members' sockets
 * in the room (same node) or, with `senderPort`, sockets of the same members on that node which
 * join nothing (cross-node: everything they send reaches the room only through the adapter).
 */
async function connectLayout(
  label: string,
  layout: Layout,
  users: Users,
  authenticated: boolean,
  receiverPort: number,
  senderPort?: number,
): Promise<Connected> {
  const started = performance.now();
  const tokenOf = (u: number): string | undefined => (authenticated ? users.tokens[u] : undefined);
  const bigMembers = Array.from({ length: BIG_ROOM_MEMBERS }, (_, u) => u);
  const memberLists = [bigMembers, ...layout.small.map((_, r) => smallMembers(r))];
  const flat = memberLists.flat();
  const sockets = await connectMany(receiverPort, flat.map(tokenOf));
  const clients = [...sockets];
  let offset = 0;
  const receiverLists = memberLists.map((members) => {
    const list = sockets.slice(offset, offset + members.length);
    offset += members.length;
    return list;
  });
  const senderLists: Sender[][] = [];
  if (senderPort === undefined) {
    senderLists.push(
      bigMembers
        .slice(0, BIG_ROOM_SENDERS)
        .map((u, i) => ({ client: receiverLists[0][i], userId: users.ids[u] })),
    );
    layout.small.forEach((_, r) =>
      senderLists.push(
        smallMembers(r).map((u, i) => ({ client: receiverLists[r + 1][i], userId: users.ids[u] })),
      ),
    );
  } else {
    const senderUsers = [
      bigMembers.slice(0, BIG_ROOM_SENDERS),
      ...layout.small.map((_, r) => smallMembers(r).slice(0, CROSS_SENDERS_PER_SMALL_ROOM)),
    ];
    const senderSockets = await connectMany(senderPort, senderUsers.flat().map(tokenOf));
    clients.push(...senderSockets);
    let at = 0;
    for (const list of senderUsers) {
      senderLists.push(list.map((u) => ({ client: senderSockets[at++], userId: users.ids[u] })));
    }
  }
  const roomIds = [layout.big, ...layout.small];
  const rooms: LoadRoom[] = roomIds.map((id, i) => ({
    id,
    receivers: receiverLists[i],
    receiverIds: new Set(receiverLists[i].map((c) => c.id)),
    senders: senderLists[i],
  }));
  const big: Load = { rooms: [rooms[0]], authorInPayload: !authenticated };
  const small: Load = { rooms: rooms.slice(1), authorInPayload: !authenticated };
  log(
    `${label}: ${clients.length} sockets connected in ${ms(performance.now() - started)} ms; joining …`,
  );
  return { big, small, clients };
}

async function joinRooms(db: pg.Pool, connected: Connected): Promise<void> {
  const started = performance.now();
  await joinAll(db, connected.big);
  await joinAll(db, connected.small);
  log(
    `  ${connected.big.rooms[0].receivers.length + connected.small.rooms.length * SMALL_ROOM_MEMBERS} joins in ${ms(performance.now() - started)} ms`,
  );
  // Presence updates after the joins are coalesced over 300 ms: let them pass.
  await sleep(1500);
}

// ---------------------------------------------------------------------------------------------
// Memory

interface Usage {
  heapUsed: number;
  external: number;
}

interface Memory {
  server: string;
  beforeMiB: number;
  afterMiB: number;
  kbPerConnection: number;
  /** Heap + external after a full GC: what the connections really hold. */
  retainedKb?: number;
  /** Heap + external after a full GC once they are closed, against before (MiB): a leak shows. */
  closedDeltaMiB?: number;
  connectMs: number;
}

/** Median of a few samples: RSS moves a little by itself. */
async function rssSample(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(rssMiB(pid) ?? NaN);
    await sleep(500);
  }
  return samples.sort((a, b) => a - b)[1];
}

/** The servers run with `--inspect=127.0.0.1:0`; this is the address they printed. */
function inspectorUrl(output: string[]): string | undefined {
  for (const line of output) {
    const url = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(line)?.[0];
    if (url) return url;
  }
  return undefined;
}

/**
 * Through the server's V8 inspector: a full garbage collection, then its
 * `process.memoryUsage()`. A minimal WebSocket client (text frames, masked as a client must),
 * enough for two requests and their answers.
 */
function collectAndMeasure(url: string): Promise<Usage> {
  const { hostname, port, pathname } = new URL(url);
  const frame = (message: unknown): Buffer => {
    const payload = Buffer.from(JSON.stringify(message));
    const mask = randomBytes(4);
    const header =
      payload.length < 126
        ? Buffer.from([0x81, 0x80 | payload.length])
        : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
    return Buffer.concat([header, mask, payload]);
  };
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: hostname,
      port,
      path: pathname,
      timeout: 30_000,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    });
    req.on('timeout', () => req.destroy(new Error('the inspector did not answer')));
    req.on('error', reject);
    req.on('upgrade', (_res, socket) => {
      socket.setTimeout(30_000, () => socket.destroy(new Error('the inspector did not answer')));
      socket.on('error', reject);
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 2) {
          let length = buffer[1] & 0x7f;
          let offset = 2;
          if (length === 126) {
            if (buffer.length < 4) return;
            length = buffer.readUInt16BE(2);
            offset = 4;
          } else if (length === 127) {
            if (buffer.length < 10) return;
            length = Number(buffer.readBigUInt64BE(2));
            offset = 10;
          }
          if (buffer.length < offset + length) return;
          const text = buffer.subarray(offset, offset + length).toString('utf8');
          buffer = buffer.subarray(offset + length);
          const message = JSON.parse(text) as {
            id?: number;
            result?: { result?: { value?: string } };
          };
          if (message.id === 1) {
            socket.write(
              frame({
                id: 2,
                method: 'Runtime.evaluate',
                params: {
                  expression: 'JSON.stringify(process.memoryUsage())',
                  returnByValue: true,
                },
              }),
            );
          } else if (message.id === 2) {
            socket.end();
            const value = message.result?.result?.value;
            if (value) resolve(JSON.parse(value) as Usage);
            else reject(new Error('no memory usage from the inspector'));
          }
        }
      });
      socket.write(frame({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    });
    req.end();
  });
}

async function retainedMiB(url: string | undefined): Promise<number | undefined> {
  if (!url) return undefined;
  try {
    const usage = await collectAndMeasure(url);
    return (usage.heapUsed + usage.external) / 1024 / 1024;
  } catch (error) {
    log(`  (no heap figure: ${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

/**
 * RSS before and with `IDLE_CONNECTIONS` idle connections (connected, authenticated, in no
 * room), divided. RSS also counts the heap V8 grew into while the connections were made, not
 * all of it held by them; so, through the inspector, the heap and external memory after a full
 * GC as well, and again once they are closed.
 */
async function idleMemory(
  server: string,
  port: number,
  pid: number,
  inspector: string | undefined,
  tokens: (string | undefined)[],
): Promise<Memory> {
  log(`${server}: memory, ${IDLE_CONNECTIONS} idle connections …`);
  // The set-up's garbage is collected first, so it is not freed into the measurement.
  const heapBefore = await retainedMiB(inspector);
  await sleep(2000);
  const beforeMiB = await rssSample(pid);
  const started = performance.now();
  const clients = await connectMany(
    port,
    Array.from({ length: IDLE_CONNECTIONS }, (_, i) => tokens[i % tokens.length]),
  );
  const connectMs = performance.now() - started;
  await sleep(5000);
  const afterMiB = await rssSample(pid);
  const heapAfter = await retainedMiB(inspector);
  await closeAll(clients);
  await sleep(2000);
  const heapClosed = await retainedMiB(inspector);
  const kbPerConnection = ((afterMiB - beforeMiB) * 1024) / IDLE_CONNECTIONS;
  const retainedKb =
    heapBefore !== undefined && heapAfter !== undefined
      ? ((heapAfter - heapBefore) * 1024) / IDLE_CONNECTIONS
      : undefined;
  const closedDeltaMiB =
    heapBefore !== undefined && heapClosed !== undefined ? heapClosed - heapBefore : undefined;
  log(
    `  ${server}: RSS ${beforeMiB.toFixed(1)} → ${afterMiB.toFixed(1)} MiB with ${IDLE_CONNECTIONS} connections ` +
      `(${kbPerConnection.toFixed(1)} KB each; connected in ${ms(connectMs)} ms)` +
      (retainedKb === undefined
        ? ''
        : `; heap + external after full GC ${heapBefore?.toFixed(1)} → ${heapAfter?.toFixed(1)} MiB ` +
          `(${retainedKb.toFixed(1)} KB each), ${heapClosed?.toFixed(1)} MiB once closed`),
  );
  return { server, beforeMiB, afterMiB, kbPerConnection, retainedKb, closedDeltaMiB, connectMs };
}

// ---------------------------------------------------------------------------------------------
// Stored check

/** Every acked message is a row, and each room's seq runs 1 … n with no gaps. */
async function storedCheck(db: pg.Pool): Promise<string> {
  const rooms = [...ackedByRoom.keys()];
  const rows = await db.query<{ room_id: string; n: number; lo: number; hi: number }>(
    `SELECT room_id, count(*)::int AS n, min(seq) AS lo, max(seq) AS hi
       FROM messages WHERE room_id = ANY($1::uuid[]) GROUP BY room_id`,
    [rooms],
  );
  let acked = 0;
  let stored = 0;
  let mismatched = 0;
  let gaps = 0;
  const found = new Map(rows.rows.map((r) => [r.room_id, r]));
  for (const room of rooms) {
    const want = ackedByRoom.get(room) ?? 0;
    const row = found.get(room);
    acked += want;
    stored += row?.n ?? 0;
    if ((row?.n ?? 0) !== want) mismatched += 1;
    if (row && (row.lo !== 1 || row.hi !== row.n)) gaps += 1;
  }
  return (
    `${acked} messages acked, ${stored} rows in their ${rooms.length} rooms; ` +
    `${mismatched} rooms where rows ≠ acked, ${gaps} rooms whose seq is not 1…n`
  );
}

// ---------------------------------------------------------------------------------------------
// Report

const rate = (r: Result | undefined): string => (r ? r.ackedRate.toFixed(0) : 'n/a');
const p50p99 = (r: Result | undefined): string => (r ? `${ms(r.p50)} / ${ms(r.p99)}` : 'n/a');
const share = (r: Result): string =>
  r.expected ? `${((100 * r.delivered) / r.expected).toFixed(1)}%` : 'n/a';
const verdict = (ok: boolean | undefined): string =>
  ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS';

/** CPU milliseconds per acked message. */
const perMessage = (cpuShare: number, r: Result): string =>
  r.acked ? ((cpuShare * r.seconds * 1000) / r.acked).toFixed(2) : 'n/a';

function printRuns(results: Result[]): void {
  console.log(
    '\nEvery run. Latency: emit → message:new on the other members’ sockets, ms. CPU: share of ' +
      'one core (server = its node process(es), pg = all PostgreSQL processes, client = this ' +
      'process, redis = the private redis-server in the Redis adapter’s runs) and milliseconds ' +
      'per acked message. loop p99: this process’s event-loop delay. ' +
      'cpu other: everything else the machine ran meanwhile.',
  );
  console.log(
    table(
      [
        'server',
        'scenario',
        'offered',
        's',
        'acked/s',
        'delivered',
        'reordered',
        'p50',
        'p99',
        'ack p50',
        'cpu server',
        'cpu pg',
        'cpu client',
        'cpu redis',
        'server ms/msg',
        'pg ms/msg',
        'redis ms/msg',
        'loop p99',
        'cpu other',
        'keeps up',
      ],
      results.map((r) => [
        r.server,
        r.scenario,
        r.load,
        r.seconds.toFixed(1),
        r.ackedRate.toFixed(0),
        share(r),
        String(r.reordered),
        ms(r.p50),
        ms(r.p99),
        ms(r.ackP50),
        pct(r.cpu.server),
        pct(r.cpu.pg),
        pct(r.cpu.client),
        r.cpu.redis === undefined ? '-' : pct(r.cpu.redis),
        perMessage(r.cpu.server, r),
        perMessage(r.cpu.pg, r),
        r.cpu.redis === undefined ? '-' : perMessage(r.cpu.redis, r),
        ms(r.loopP99),
        pct(r.cpu.other),
        r.keptUp ? 'yes' : 'no',
      ]),
    ),
  );
}

/** Latency into the 200-member room and the sustained-rate search, on one set-up. */
interface AdapterRun {
  big: Result;
  rated: Sustained;
}

/** The hub or the baseline on one node: both latency runs and the sustained rate. */
interface OneNode extends AdapterRun {
  small: Result;
}

interface Figures {
  hub?: OneNode;
  baseline?: OneNode;
  memory: Memory[];
  postgresCross?: AdapterRun;
  memoryAdapter?: AdapterRun;
  redisOne?: AdapterRun;
  redisCross?: AdapterRun;
  /** Why the Redis scenarios did not run, when they were asked for. */
  redisSkipped?: string;
}

/** CPU milliseconds per message at the sustained rate: node(s) / PostgreSQL [/ Redis]. */
function costText(r: Result | undefined): string {
  if (!r) return '';
  const parts = [perMessage(r.cpu.server, r), perMessage(r.cpu.pg, r)];
  if (r.cpu.redis !== undefined) parts.push(perMessage(r.cpu.redis, r));
  return `CPU ms/msg ${parts.join(' / ')}`;
}

/** `a`'s sustained rate as a share of `b`'s, e.g. "104% of PostgreSQL adapter's". */
function against(a: Sustained, b: Sustained | undefined, what: string): string {
  const x = a.best?.ackedRate;
  const y = b?.best?.ackedRate;
  return x !== undefined && y ? `${Math.round((100 * x) / y)}% of ${what}` : '';
}

function printSummary(f: Figures): void {
  const hubMem = f.memory.find((m) => m.server === 'hub');
  const baseMem = f.memory.find((m) => m.server === 'baseline');
  const kb = (m: Memory | undefined): string => (m ? m.kbPerConnection.toFixed(1) : 'n/a');
  const retained = (m: Memory | undefined): string =>
    m?.retainedKb === undefined ? 'n/a' : m.retainedKb.toFixed(1);
  const sustainedText = (s: Sustained): string =>
    s.best ? `${rate(s.best)} (p99 ${ms(s.best.p99)} ms)` : 'n/a';
  const deliveries = (s: Sustained): string =>
    s.best ? `${s.best.deliveryRate.toFixed(0)} deliveries/s` : '';
  const joined = (...texts: string[]): string => texts.filter(Boolean).join('; ');
  const rows: string[][] = [];
  if (f.hub && f.baseline) {
    const hubRate = f.hub.rated.best?.ackedRate;
    const baseRate = f.baseline.rated.best?.ackedRate;
    const ratio = hubRate !== undefined && baseRate ? hubRate / baseRate : undefined;
    rows.push(
      [
        'p50 / p99, 1 room × 200 members, 50 msg/s',
        p50p99(f.hub.big),
        p50p99(f.baseline.big),
        `p99 < ${TARGET_P99_MS} ms`,
        verdict(f.hub.big.p99 < TARGET_P99_MS && f.hub.big.delivered === f.hub.big.expected),
      ],
      [
        'p50 / p99, 50 rooms × 20 members, 50 msg/s',
        p50p99(f.hub.small),
        p50p99(f.baseline.small),
        '-',
        '',
      ],
      [
        'sustained msg/s stored + delivered (50 × 20)',
        sustainedText(f.hub.rated),
        sustainedText(f.baseline.rated),
        `≥ ${TARGET_RATIO * 100}% of baseline` +
          (baseRate ? ` (≥ ${(TARGET_RATIO * baseRate).toFixed(0)})` : ''),
        ratio === undefined
          ? 'n/a'
          : `${verdict(ratio >= TARGET_RATIO)} (${(ratio * 100).toFixed(0)}%)`,
      ],
      [
        '  CPU ms/msg at that rate: node / PostgreSQL',
        costText(f.hub.rated.best).replace('CPU ms/msg ', ''),
        costText(f.baseline.rated.best).replace('CPU ms/msg ', ''),
        '-',
        '',
      ],
      [
        `closed-loop peak msg/s, ${PROBE_IN_FLIGHT} in flight`,
        rate(f.hub.rated.probe),
        rate(f.baseline.rated.probe),
        '-',
        '',
      ],
    );
  }
  if (f.memory.length) {
    rows.push(
      [
        `KB per idle connection at ${IDLE_CONNECTIONS} (RSS)`,
        kb(hubMem),
        kb(baseMem),
        `< ${TARGET_KB} KB`,
        verdict(hubMem ? hubMem.kbPerConnection < TARGET_KB : undefined),
      ],
      [
        '  of which held after a full GC (heap + external)',
        retained(hubMem),
        retained(baseMem),
        `< ${TARGET_KB} KB`,
        verdict(hubMem?.retainedKb === undefined ? undefined : hubMem.retainedKb < TARGET_KB),
      ],
    );
  }
  /** The two rows of one adapter scenario: 200-member latency, and the sustained rate. */
  const scenarioRows = (
    label: string,
    latencyLabel: string,
    run: AdapterRun,
    ...notes: string[]
  ): string[][] => [
    [
      `${label}: p50 / p99, ${latencyLabel}`,
      p50p99(run.big),
      '-',
      '-',
      `${share(run.big)} delivered`,
    ],
    [
      `${label}: sustained msg/s${label.includes('A→B') ? ' (50 × 20)' : ''}`,
      sustainedText(run.rated),
      '-',
      '-',
      joined(...notes, costText(run.rated.best)),
    ],
  ];
  if (f.postgresCross) {
    rows.push(
      ...scenarioRows(
        'PostgreSQL adapter, A→B',
        '200 members, 50 msg/s',
        f.postgresCross,
        deliveries(f.postgresCross.rated),
      ),
    );
  }
  if (f.memoryAdapter) {
    rows.push(
      ...scenarioRows(
        'memory adapter (one node)',
        '200 members',
        f.memoryAdapter,
        against(f.memoryAdapter.rated, f.hub?.rated, 'PostgreSQL adapter'),
      ),
    );
  }
  if (f.redisOne) {
    rows.push(
      ...scenarioRows(
        'Redis adapter (one node)',
        '200 members',
        f.redisOne,
        against(f.redisOne.rated, f.hub?.rated, 'PostgreSQL adapter'),
      ),
    );
  }
  if (f.redisCross) {
    rows.push(
      ...scenarioRows(
        'Redis adapter, A→B',
        '200 members, 50 msg/s',
        f.redisCross,
        deliveries(f.redisCross.rated),
        against(f.redisCross.rated, f.postgresCross?.rated, 'PostgreSQL A→B'),
      ),
    );
  }
  if (f.redisSkipped) {
    rows.push(['Redis adapter', `skipped: ${f.redisSkipped}`, '-', '-', '']);
  }
  console.log(
    `\nSummary (targets from issue #4; printed, not asserted). Hub: node A, PostgreSQL adapter ` +
      `unless said; A→B: senders on node A, members on node B; baseline: ` +
      `bench/realtime-baseline.ts. Latencies in ms. CPU ms/msg: node(s) / PostgreSQL / Redis.`,
  );
  console.log(table(['figure', 'hub', 'baseline', 'target', 'result'], rows));
}

function printNotes(results: Result[]): void {
  const saturated = results.filter((r) => r.cpu.client >= CLIENT_SATURATED);
  if (saturated.length) {
    console.log(
      `\nThe client (this one process) used ≥ ${pct(CLIENT_SATURATED)} of a core in ${saturated.length} run(s): ` +
        saturated.map((r) => `${r.server} ${r.scenario} ${r.load}`).join('; ') +
        '. There the client, not the server, may be the limit, and its own delay is in the latencies.',
    );
  } else {
    console.log(
      `\nThe client (this one process) stayed under ${pct(CLIENT_SATURATED)} of a core in every run.`,
    );
  }
  const refused = results.filter((r) => r.failed > 0);
  for (const r of refused) {
    console.log(`${r.server} ${r.scenario} ${r.load}: ${r.failed} refused, first: ${r.firstError}`);
  }
  // The hub promises message:new in seq order per socket (MessageFanout); the baseline does not.
  for (const [label, rows] of [
    ['hub', results.filter((r) => r.server !== 'baseline')],
    ['baseline', results.filter((r) => r.server === 'baseline')],
  ] as const) {
    const reordered = rows.reduce((sum, r) => sum + r.reordered, 0);
    const delivered = rows.reduce((sum, r) => sum + r.delivered, 0);
    console.log(
      `${label}: ${reordered} of ${delivered} deliveries arrived after a higher seq of the same room on the same socket` +
        (label === 'hub' ? ' (promised: 0).' : ' (not promised).'),
    );
  }
  const busy = results.filter((r) => r.cpu.other >= OTHER_BUSY);
  if (busy.length) {
    console.log(
      `In ${busy.length} of ${results.length} runs other processes used ${pct(OTHER_BUSY)} of a core or more ` +
        '(cpu other): they took CPU from the servers, PostgreSQL and the client, so those figures ' +
        'are low by an unknown amount. Compare runs made on a quiet machine.',
    );
  } else {
    console.log(`Other processes used under ${pct(OTHER_BUSY)} of a core in every run.`);
  }
  if (serverLogs.length) {
    console.log(
      `The servers wrote warnings or errors (LOG_LEVEL=warn; the lines are in the log above):\n  ` +
        serverLogs.join('\n  '),
    );
  } else {
    console.log('No server wrote a warning or an error (LOG_LEVEL=warn).');
  }
  if (unexpectedDisconnects) {
    console.log(`${unexpectedDisconnects} sockets were disconnected by the server during the run.`);
  }
}

// ---------------------------------------------------------------------------------------------

const databaseUrl = (hub: Hub): string => `postgres://kenesh:kenesh@127.0.0.1:${hub.pgPort}/kenesh`;

function sqlPool(hub: Hub): pg.Pool {
  const db = new pg.Pool({
    connectionString: databaseUrl(hub),
    max: 4,
    application_name: 'kenesh-bench',
  });
  db.on('error', () => undefined);
  return db;
}

/** Every measured run, in order, for the table at the end. */
const results: Result[] = [];

function keep(r: Result): Result {
  results.push(r);
  return r;
}

function keepAll(s: Sustained): Sustained {
  results.push(s.probe, ...s.steps);
  return s;
}

/** An open-loop run at the latency rate, kept, then a second's pause. */
async function latencyRun(ctx: Ctx, scenario: string, load: Load): Promise<Result> {
  const result = keep(await openLoop(ctx, scenario, load, LATENCY_RATE, LATENCY_SECONDS));
  await sleep(1000);
  return result;
}

/** What the parts share: node A (restarted by some parts) and the hub's users and rooms. */
interface Stage {
  dataDir: string;
  hub: Hub;
  db: pg.Pool;
  users: Users;
  rooms: Layout;
}

/** How the hub's nodes carry events between them, and what that needs in their environment. */
interface Adapter {
  name: 'PostgreSQL' | 'memory' | 'Redis';
  env: Record<string, string>;
  /** The private redis-server of the Redis adapter. */
  redis?: Proc;
}

/** Joins the connected sockets, then the 200-member latency run and the sustained rate. */
async function latencyAndSustained(
  db: pg.Pool,
  ctx: Ctx,
  connected: Connected,
): Promise<AdapterRun> {
  try {
    await joinRooms(db, connected);
    const big = await latencyRun(ctx, '1 room × 200', connected.big);
    const [rated] = (await sustained('50 rooms × 20', [{ ctx, load: connected.small }])).map(
      keepAll,
    );
    return { big, rated };
  } finally {
    await closeAll(connected.clients);
  }
}

/** Node A alone, already (re)started with `adapter`: every socket on it. */
async function oneNode(stage: Stage, adapter: Adapter): Promise<AdapterRun> {
  const ctx: Ctx = {
    server: `hub (${adapter.name} adapter)`,
    pids: [stage.hub.pid],
    pgRoot: stage.hub.pid,
    redisPid: adapter.redis?.pid,
  };
  const connected = await connectLayout(ctx.server, stage.rooms, stage.users, true, stage.hub.port);
  return latencyAndSustained(stage.db, ctx, connected);
}

/**
 * Node B on node A's PostgreSQL with the same adapter as node A: the members' sockets on B, the
 * senders (the same users' sockets, in no room) on A, so every delivery crosses the adapter.
 * Node B is stopped afterwards.
 */
async function crossNode(stage: Stage, adapter: Adapter): Promise<AdapterRun> {
  log(`starting node B on node A’s PostgreSQL, ${adapter.name} adapter …`);
  const nodeBDir = join(stage.dataDir, `node-b-${adapter.name.toLowerCase()}`);
  await mkdir(nodeBDir, { recursive: true });
  const nodeB = await spawnNode(
    'node B',
    MAIN,
    {
      ...HUB_ENV,
      ...adapter.env,
      DATABASE_URL: databaseUrl(stage.hub),
      KENESH_MIGRATIONS_RUN: 'false',
      KENESH_DATA_DIR: nodeBDir,
    },
    '/health/ready',
  );
  try {
    if (adapter.redis) {
      log(`  Redis now has ${await redisClients(adapter.redis.port)} hub connections (A and B)`);
    }
    const ctx: Ctx = {
      server: `hub A→B (${adapter.name} adapter)`,
      pids: [stage.hub.pid, nodeB.pid],
      pgRoot: stage.hub.pid,
      redisPid: adapter.redis?.pid,
    };
    const cross = await connectLayout(
      ctx.server,
      stage.rooms,
      stage.users,
      true,
      nodeB.port,
      stage.hub.port,
    );
    return await latencyAndSustained(stage.db, ctx, cross);
  } finally {
    await stopProc(nodeB);
  }
}

async function main(): Promise<void> {
  const parts = selectedParts();
  const runs = (part: Part): boolean => parts.has(part);
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  if (!existsSync(BASELINE_SCRIPT)) throw new Error(`${BASELINE_SCRIPT} is missing: build first`);
  guardExtras();
  const dataDir = await makeDataDir();
  log(
    `node ${process.version}, ${availableParallelism()} CPUs, load average ${loadAverage()}, data in ${dataDir}` +
      (QUICK ? ' (--quick: shorter runs)' : '') +
      (parts.size < PART_NAMES.length ? `; only: ${[...parts].join(', ')}` : ''),
  );
  if (loadavg()[0] > availableParallelism()) {
    log(
      `the machine is busy (load average ${loadAverage()} on ${availableParallelism()} CPUs): ` +
        'the figures will be low; a quiet machine gives comparable ones',
    );
  }
  log('starting node A (embedded PostgreSQL, PostgreSQL adapter) …');
  // The inspector (127.0.0.1, a free port) only serves the memory figures: a full GC on demand.
  const first = await startHub(dataDir, { ...HUB_ENV, NODE_OPTIONS: INSPECT });
  const hubInspector = inspectorUrl(first.hub.output);
  log(`node A ready (port ${first.hub.port}, PostgreSQL ${first.hub.pgPort})`);
  const stage: Stage = {
    dataDir,
    hub: first.hub,
    db: sqlPool(first.hub),
    users: { ids: [], tokens: [] },
    rooms: { big: '', small: [] },
  };
  let nodeA = 'node A (PostgreSQL adapter)';
  /** Node A again on the same data, with `adapter`. */
  const restartA = async (adapter: Adapter): Promise<void> => {
    log(`restarting node A with the ${adapter.name} adapter …`);
    await stage.db.end();
    const before = stage.hub;
    await stopHub();
    reportLog(nodeA, before.output, before.logged);
    nodeA = `node A (${adapter.name} adapter)`;
    stage.hub = (await startHub(dataDir, { ...HUB_ENV, ...adapter.env })).hub;
    stage.db = sqlPool(stage.hub);
    log(`node A ready (port ${stage.hub.port})`);
  };
  const figures: Figures = { memory: [] };
  try {
    const hub = stage.hub;
    const db = stage.db;
    stage.users = await registerUsers(hub.port);
    stage.rooms = await createHubRooms(hub.port, stage.users);
    const { users } = stage;
    log(`hub rooms: 1 × ${BIG_ROOM_MEMBERS} and ${SMALL_ROOMS} × ${SMALL_ROOM_MEMBERS}`);

    if (runs('idle') || runs('hub')) {
      const baselineRooms = await createBaselineRooms(db, users);
      log('starting the baseline (its own rooms, the same layout) …');
      const baseline = await spawnNode(
        'baseline',
        BASELINE_SCRIPT,
        { DATABASE_URL: databaseUrl(hub) },
        '/health',
        [INSPECT],
      );

      // 1. Memory, on fresh processes.
      if (runs('idle')) {
        figures.memory = [
          await idleMemory('hub', hub.port, hub.pid, hubInspector, users.tokens),
          await idleMemory('baseline', baseline.port, baseline.pid, inspectorUrl(baseline.output), [
            undefined,
          ]),
        ];
      }

      // 2. One node: latency and sustained rate, the hub and the baseline in turns.
      if (runs('hub')) {
        const hubCtx: Ctx = { server: 'hub', pids: [hub.pid], pgRoot: hub.pid };
        const baseCtx: Ctx = { server: 'baseline', pids: [baseline.pid], pgRoot: hub.pid };
        const hubSockets = await connectLayout('hub', stage.rooms, users, true, hub.port);
        const baseSockets = await connectLayout(
          'baseline',
          baselineRooms,
          users,
          false,
          baseline.port,
        );
        try {
          await joinRooms(db, hubSockets);
          await joinRooms(db, baseSockets);
          const hubBig = await latencyRun(hubCtx, '1 room × 200', hubSockets.big);
          const baseBig = await latencyRun(baseCtx, '1 room × 200', baseSockets.big);
          const hubSmall = await latencyRun(hubCtx, '50 rooms × 20', hubSockets.small);
          const baseSmall = await latencyRun(baseCtx, '50 rooms × 20', baseSockets.small);
          const [hubRated, baseRated] = (
            await sustained('50 rooms × 20', [
              { ctx: hubCtx, load: hubSockets.small },
              { ctx: baseCtx, load: baseSockets.small },
            ])
          ).map(keepAll);
          figures.hub = { big: hubBig, small: hubSmall, rated: hubRated };
          figures.baseline = { big: baseBig, small: baseSmall, rated: baseRated };
        } finally {
          await closeAll([...hubSockets.clients, ...baseSockets.clients]);
        }
      }
      await stopProc(baseline);
    }

    // 3. Two nodes on one PostgreSQL through the PostgreSQL adapter: senders on A, receivers on B.
    if (runs('postgres')) {
      figures.postgresCross = await crossNode(stage, { name: 'PostgreSQL', env: {} });
    }

    // 4. For comparison: node A alone with the in-memory adapter (one node only).
    if (runs('memory')) {
      const memoryAdapter: Adapter = {
        name: 'memory',
        env: { KENESH_REALTIME_ADAPTER: 'memory' },
      };
      await restartA(memoryAdapter);
      figures.memoryAdapter = await oneNode(stage, memoryAdapter);
    }

    // 5. The Redis adapter (REDIS_URL, sharded pub/sub) on a private redis-server: node A alone,
    //    then node A → node B as in 3.
    if (runs('redis')) {
      const redis = await startRedis(join(dataDir, 'redis'));
      if (!redis) {
        figures.redisSkipped = 'no redis-server 7 or newer on PATH';
      } else {
        const redisAdapter: Adapter = {
          name: 'Redis',
          // KENESH_REALTIME_ADAPTER is left to its default, which is `redis` with REDIS_URL set.
          env: { REDIS_URL: `redis://127.0.0.1:${redis.port}` },
          redis,
        };
        await restartA(redisAdapter);
        const connections = await redisClients(redis.port);
        log(`  Redis has ${connections} connections from node A (publish and subscribe)`);
        if (connections < 2) {
          throw new Error('node A started with REDIS_URL but did not connect to Redis');
        }
        figures.redisOne = await oneNode(stage, redisAdapter);
        figures.redisCross = await crossNode(stage, redisAdapter);
        log(
          `Redis: ${await redisInfo(redis.port, 'stats', 'total_commands_processed')} commands ` +
            `processed in all, used memory ${await redisInfo(redis.port, 'memory', 'used_memory_human')}`,
        );
      }
    }

    const stored = await storedCheck(stage.db);
    log(`stored: ${stored}`);
    reportLog(nodeA, stage.hub.output, stage.hub.logged);
    log(`done; load average now ${loadAverage()}`);

    printRuns(results);
    printSummary(figures);
    if (figures.memory.length) {
      console.log(
        `\nMemory (VmRSS of the server process): ` +
          figures.memory
            .map(
              (m) =>
                `${m.server} ${m.beforeMiB.toFixed(1)} → ${m.afterMiB.toFixed(1)} MiB with ${IDLE_CONNECTIONS} idle connections` +
                (m.closedDeltaMiB === undefined
                  ? ''
                  : ` (heap + external after closing them: ${m.closedDeltaMiB >= 0 ? '+' : ''}${m.closedDeltaMiB.toFixed(1)} MiB against before)`),
            )
            .join('; '),
      );
    }
    console.log(`Stored: ${stored}.`);
    console.log(
      `Sustained: the highest open-loop step (${RAMP.map((f) => `${Math.round(f * 100)}%`).join(', ')} of the closed-loop probe) ` +
        `with ≥ ${KEEP_UP_ACKED * 100}% acked, ≥ ${KEEP_UP_DELIVERED * 100}% delivered and delivery p99 ≤ ${KEEP_UP_P99_MS} ms.`,
    );
    printNotes(results);
    console.log(`Machine: ${availableParallelism()} CPUs, load average ${loadAverage()}.`);
  } finally {
    for (const client of openClients) client.socket.disconnect();
    openClients.clear();
    await stopExtras(false);
    await stage.db.end().catch(() => undefined);
    // Redis goes last: node A (connected to it in the Redis part) is stopped first.
    if ([...extras].some((p) => p.stopLast)) {
      await stopHub();
      await stopExtras(true);
    }
  }
}

await runBench('bench:realtime', OVERALL_TIME_LIMIT_MS, main);
