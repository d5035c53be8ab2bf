/**
 * `npm run bench`: how fast the built hub starts on its embedded PostgreSQL, how much memory
 * it holds, and what a handful of API calls cost under load, next to a bare `GET /health/live`
 * measured in the same run. Node built-ins only; everything on 127.0.0.1, in a temporary data
 * folder that is removed at the end. See bench/README.md for how to read the figures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
const HOST = '127.0.0.1';
const API = '/api/v1';

const WARM_RUNS = 3;
const USERS = 50;
const ORGANISATIONS = 30;
const CONCURRENCY = 16;
const REQUESTS = 2000;
/** argon2id makes every login deliberately expensive, so fewer of them. */
const LOGIN_REQUESTS = 200;
const PASSWORD = 'bench password 0123456789';

const POLL_MS = 50;
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 10_000;
const SCENARIO_TIME_LIMIT_MS = 60_000;
/** Whatever happens, the bench gives up and cleans up after this long. */
const OVERALL_TIME_LIMIT_MS = 20 * 60_000;

// ---------------------------------------------------------------------------------------------
// The hub as a child process

interface Hub {
  child: ChildProcess;
  pid: number;
  port: number;
  exited: Promise<void>;
  /** The last lines it wrote, shown when something goes wrong. */
  output: string[];
}

let hub: Hub | undefined;
let dataDir: string | undefined;
let aborted = false;

const JWT_SECRET = randomBytes(48).toString('base64url');

function hubEnv(dir: string, port: number, pgPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Nothing from the caller's own set-up may leak in: an inherited DATABASE_URL would measure
  // another server, an inherited KENESH_RATE_LIMITS would throttle the load.
  const dropped = ['DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL', 'NODE_ENV'];
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('KENESH_') && !dropped.includes(name)) env[name] = value;
  }
  return {
    ...env,
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    KENESH_DATA_DIR: dir,
    KENESH_EMBEDDED_PG_PORT: String(pgPort),
    KENESH_JWT_SECRET: JWT_SECRET,
    LOG_LEVEL: 'warn',
    KENESH_RATE_LIMITS: 'off',
  };
}

/** Spawns `node dist/src/main.js` and waits until `/health/ready` answers 200. */
async function startHub(dir: string): Promise<{ hub: Hub; readyMs: number }> {
  const port = await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();
  const started = performance.now();
  // Its own process group, so that if it ever has to be killed, its PostgreSQL goes too.
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN], {
    cwd: ROOT,
    env: hubEnv(dir, port, pgPort),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  const remember = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      output.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (output.length > 40) output.shift();
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      output.push(`spawn failed: ${error.message}`);
      resolve();
    });
  });
  if (child.pid === undefined) {
    await exited;
    throw new Error(`could not start the hub:\n${output.join('\n')}`);
  }
  const handle = { child, pid: child.pid, port, exited, output };
  hub = handle;

  const deadline = started + START_TIMEOUT_MS;
  while (!aborted) {
    if (hasExited(child)) {
      throw new Error(
        `the hub exited before it was ready (code ${child.exitCode ?? child.signalCode}):\n${output.join('\n')}`,
      );
    }
    if (performance.now() > deadline) {
      throw new Error(
        `the hub was not ready after ${START_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`,
      );
    }
    const status = await send(false, port, 'GET', '/health/ready', { timeoutMs: 1000 }).then(
      (reply) => reply.status,
      () => 0,
    );
    if (status === 200) return { hub: handle, readyMs: performance.now() - started };
    await sleep(POLL_MS);
  }
  throw new Error('aborted');
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, as an orchestrator would; the hub then stops its PostgreSQL and exits. */
async function stopHub(): Promise<void> {
  const current = hub;
  if (!current) return;
  if (!hasExited(current.child)) {
    current.child.kill('SIGTERM');
    const stopped = await Promise.race([
      current.exited.then(() => true),
      sleep(STOP_TIMEOUT_MS).then(() => false),
    ]);
    if (!stopped) {
      log(`the hub did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing its process group`);
      killGroup(current.pid);
      await Promise.race([current.exited, sleep(5000)]);
    }
  }
  hub = undefined;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Resident memory of one process, from /proc (Linux only). */
function rssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface Reply {
  status: number;
  body: string;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

function send(
  agent: http.Agent | false,
  port: number,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const timeout = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: HOST,
        port,
        method,
        path,
        agent,
        timeout,
        headers: {
          accept: 'application/json',
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${path} got no answer within ${timeout} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** One request during set-up: anything but the expected status stops the bench. */
async function call<T>(
  port: number,
  spec: RequestSpec,
  expected: number,
  agent: http.Agent | false = false,
): Promise<T> {
  const reply = await send(agent, port, spec.method, spec.path, spec);
  if (reply.status !== expected) {
    throw new Error(
      `${spec.method} ${spec.path}: expected ${expected}, got ${reply.status}: ${reply.body.slice(0, 300)}`,
    );
  }
  return JSON.parse(reply.body) as T;
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(
  count: number,
  limit: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !aborted) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  if (aborted) throw new Error('aborted');
  return results;
}

// ---------------------------------------------------------------------------------------------
// Load

interface Scenario {
  name: string;
  requests: number;
  expected: number;
  /** Builds the next request of worker `w` (0 … CONCURRENCY - 1). */
  request: (w: number) => RequestSpec;
  onReply?: (w: number, reply: Reply) => void;
}

interface Result {
  name: string;
  done: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  rps: number;
  truncated: boolean;
  firstError?: string;
}

async function runScenario(port: number, scenario: Scenario, requests: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + SCENARIO_TIME_LIMIT_MS;
  const worker = async (w: number): Promise<void> => {
    while (issued < requests && !aborted && performance.now() < deadline) {
      issued += 1;
      const spec = scenario.request(w);
      const t0 = performance.now();
      try {
        const reply = await send(agent, port, spec.method, spec.path, spec);
        latencies.push(performance.now() - t0);
        if (reply.status === scenario.expected) {
          scenario.onReply?.(w, reply);
        } else {
          errors += 1;
          firstError ??= `${reply.status} ${reply.body.slice(0, 200)}`;
        }
      } catch (error) {
        latencies.push(performance.now() - t0);
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  } finally {
    agent.destroy();
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    done: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    rps: latencies.length / (elapsed / 1000),
    truncated: latencies.length < requests,
    firstError,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Account {
  email: string;
  accessToken: string;
  refreshToken: string;
}

interface AuthResult {
  accessToken: string;
  refreshToken: string;
}

async function prepare(port: number): Promise<Account[]> {
  log(`registering ${USERS} users`);
  const run = randomBytes(3).toString('hex');
  const accounts = await pool(USERS, 8, async (i) => {
    const email = `bench-${run}-${i}@example.kg`;
    const result = await call<AuthResult>(
      port,
      {
        method: 'POST',
        path: `${API}/auth/register`,
        body: { email, password: PASSWORD, displayName: `Bench user ${i}` },
      },
      201,
    );
    return { email, accessToken: result.accessToken, refreshToken: result.refreshToken };
  });

  const territories = await call<{ items: { id: string }[] }>(
    port,
    { method: 'GET', path: `${API}/territories?level=aiyl_aimak&limit=100` },
    200,
  );
  if (!territories.items.length) throw new Error('no aiyl aimak territories were seeded');
  log(`creating ${ORGANISATIONS} organisations across ${territories.items.length} aiyl aimaks`);
  const kinds = ['aiyl_okmotu', 'aiyl_kenesh', 'ngo', 'community_group'];
  await pool(ORGANISATIONS, 8, (i) =>
    call(
      port,
      {
        method: 'POST',
        path: `${API}/organisations`,
        token: accounts[i % accounts.length].accessToken,
        body: {
          name: `Bench organisation ${run}-${i}`,
          kind: kinds[i % kinds.length],
          territoryId: territories.items[i % territories.items.length].id,
        },
      },
      201,
    ),
  );
  return accounts;
}

function scenarios(accounts: Account[]): Scenario[] {
  const account = (w: number): Account => accounts[w % accounts.length];
  let logins = 0;
  // Each worker refreshes its own login; the answer's new token is the one to spend next.
  const refreshTokens = Array.from({ length: CONCURRENCY }, (_, w) => account(w).refreshToken);
  return [
    {
      name: 'GET /health/live (baseline)',
      requests: REQUESTS,
      expected: 200,
      request: () => ({ method: 'GET', path: '/health/live' }),
    },
    {
      name: 'GET /api/v1/me',
      requests: REQUESTS,
      expected: 200,
      request: (w) => ({ method: 'GET', path: `${API}/me`, token: account(w).accessToken }),
    },
    {
      name: 'GET /api/v1/organisations?limit=20',
      requests: REQUESTS,
      expected: 200,
      request: (w) => ({
        method: 'GET',
        path: `${API}/organisations?limit=20`,
        token: account(w).accessToken,
      }),
    },
    {
      name: 'GET /api/v1/members?limit=20',
      requests: REQUESTS,
      expected: 200,
      request: (w) => ({
        method: 'GET',
        path: `${API}/members?limit=20`,
        token: account(w).accessToken,
      }),
    },
    {
      name: 'POST /api/v1/auth/login',
      requests: LOGIN_REQUESTS,
      expected: 200,
      request: () => ({
        method: 'POST',
        path: `${API}/auth/login`,
        body: { email: accounts[logins++ % accounts.length].email, password: PASSWORD },
      }),
    },
    {
      name: 'POST /api/v1/auth/refresh',
      requests: REQUESTS,
      expected: 200,
      request: (w) => ({
        method: 'POST',
        path: `${API}/auth/refresh`,
        body: { refreshToken: refreshTokens[w] },
      }),
      onReply: (w, reply) => {
        refreshTokens[w] = (JSON.parse(reply.body) as AuthResult).refreshToken;
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Report

function log(message: string): void {
  console.log(`bench: ${message}`);
}

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const mib = (value: number | undefined): string =>
  value === undefined ? 'n/a (no /proc)' : `${value.toFixed(1)} MiB`;

/** Anything else busy on the machine competes with the hub, its PostgreSQL and this client. */
function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  dataDir = await mkdtemp(join(tmpdir(), 'kenesh-bench-'));
  // mkdtemp makes the folder 0700; as root the embedded PostgreSQL runs as another user.
  await chmod(dataDir, 0o755);
  log(
    `node ${process.version}, ${availableParallelism()} CPUs, load average ${loadAverage()}, data in ${dataDir}`,
  );
  log(`concurrency ${CONCURRENCY}, ${REQUESTS} requests a scenario (${LOGIN_REQUESTS} for login)`);

  log('cold start (initdb + migrations) …');
  const cold = await startHub(dataDir);
  log(`cold start ready in ${ms(cold.readyMs)} ms`);
  await stopHub();

  const warm: number[] = [];
  let running: Hub | undefined;
  for (let run = 1; run <= WARM_RUNS; run++) {
    const started = await startHub(dataDir);
    warm.push(started.readyMs);
    log(`warm start ${run} ready in ${ms(started.readyMs)} ms`);
    if (run < WARM_RUNS) await stopHub();
    else running = started.hub;
  }
  if (!running) throw new Error('no hub is running');
  const rssAtReady = rssMiB(running.pid);
  log(`hub RSS after warm start: ${mib(rssAtReady)}`);

  const accounts = await prepare(running.port);
  const results: Result[] = [];
  for (const scenario of scenarios(accounts)) {
    // Unmeasured first: the JIT and the connection pools settle before anything counts.
    const warmUp = Math.max(CONCURRENCY, Math.round(scenario.requests / 4));
    log(`${scenario.name}: ${warmUp} warm-up, then ${scenario.requests} measured requests …`);
    await runScenario(running.port, scenario, warmUp);
    const result = await runScenario(running.port, scenario, scenario.requests);
    results.push(result);
    log(
      `${scenario.name}: p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, ${result.rps.toFixed(0)} req/s` +
        (result.errors ? `, ${result.errors} errors (first: ${result.firstError})` : ''),
    );
    if (aborted) throw new Error('aborted');
  }
  const rssAfterLoad = rssMiB(running.pid);

  log(`stopping the hub; load average now ${loadAverage()}`);
  await stopHub();

  const average = warm.reduce((a, b) => a + b, 0) / warm.length;
  console.log('\nStart-up to ready, embedded PostgreSQL');
  console.log(
    table(
      ['run', 'ms'],
      [
        ['cold (initdb + migrations)', ms(cold.readyMs)],
        ...warm.map((value, i) => [`warm ${i + 1}`, ms(value)]),
        ['warm average', ms(average)],
      ],
    ),
  );
  console.log('\nMemory of the hub process (VmRSS; its PostgreSQL not included)');
  console.log(
    table(
      ['when', 'RSS'],
      [
        ['after warm start', mib(rssAtReady)],
        ['after the load below', mib(rssAfterLoad)],
      ],
    ),
  );
  const baseline = results[0];
  console.log(`\nLoad, concurrency ${CONCURRENCY}, keep-alive, latencies in ms`);
  console.log(
    table(
      ['scenario', 'requests', 'errors', 'p50', 'p99', 'max', 'req/s', 'p50 - live'],
      results.map((r, i) => [
        r.name + (r.truncated ? ' (time limit)' : ''),
        String(r.done),
        String(r.errors),
        ms(r.p50),
        ms(r.p99),
        ms(r.max),
        r.rps.toFixed(0),
        i === 0 ? '-' : `+${ms(r.p50 - baseline.p50)}`,
      ]),
    ),
  );
  const failed = results.filter((r) => r.errors > 0);
  if (failed.length) {
    process.exitCode = 1;
    for (const r of failed) console.log(`\n${r.name}: ${r.errors} errors, first: ${r.firstError}`);
  }
}

async function cleanUp(): Promise<void> {
  await stopHub().catch(() => undefined);
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    dataDir = undefined;
  }
}

// Last resort if the bench itself dies abruptly: no orphaned hub or PostgreSQL, no temp folder.
process.on('exit', () => {
  if (hub && !hasExited(hub.child)) killGroup(hub.pid);
  try {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  } catch {
    // Nothing more can be done while exiting.
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    aborted = true;
    log(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  aborted = true;
  log(`gave up after ${OVERALL_TIME_LIMIT_MS / 60_000} minutes`);
  void cleanUp().finally(() => process.exit(1));
}, OVERALL_TIME_LIMIT_MS);
watchdog.unref();

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanUp();
}
