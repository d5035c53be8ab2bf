/**
 * What the benches share: the built hub as a child process on its embedded PostgreSQL in a
 * temporary data folder, plain HTTP over node:http, percentiles, aligned tables, and the
 * clean-up that runs however a bench ends (success, failure, Ctrl-C, its own time limit).
 * Node built-ins only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/common/net/free-port.js';

export { freePort };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
export const HOST = '127.0.0.1';
export const API = '/api/v1';

const POLL_MS = 50;
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Run state: what the clean-up has to undo

export interface Hub {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Port of its embedded PostgreSQL (user, password and database `kenesh`). */
  pgPort: number;
  exited: Promise<void>;
  /** The last lines it wrote, shown when something goes wrong. */
  output: string[];
  /** How many lines it wrote in all, other than Node's inspector banner. */
  logged: { lines: number };
}

/**
 * What Node prints when started with `--inspect` and when an inspector client (the bench's, for
 * the memory figures) comes and goes: not the hub's own log.
 */
export const INSPECTOR_BANNER =
  /^(Debugger listening on |For help, see: |Debugger attached\.|Debugger ending|Waiting for the debugger to disconnect)/;

let hub: Hub | undefined;
let dataDir: string | undefined;
let aborted = false;
let prefix = 'bench';

/** True once the bench was interrupted or ran out of time: loops should stop. */
export function isAborted(): boolean {
  return aborted;
}

export function log(message: string): void {
  console.log(`${prefix}: ${message}`);
}

/**
 * A fresh temporary data folder, removed by the clean-up. mkdtemp makes it 0700; as root the
 * embedded PostgreSQL runs as another user, so it is opened to 0755.
 */
export async function makeDataDir(): Promise<string> {
  dataDir = await mkdtemp(join(tmpdir(), 'kenesh-bench-'));
  await chmod(dataDir, 0o755);
  return dataDir;
}

// ---------------------------------------------------------------------------------------------
// The hub as a child process

const JWT_SECRET = randomBytes(48).toString('base64url');

/**
 * The environment of a server process the bench starts: the bench's own, minus anything of the
 * caller's set-up that would change what is measured (an inherited DATABASE_URL would measure
 * another server, an inherited REDIS_URL would switch the real-time adapter and use a shared
 * Redis, an inherited KENESH_RATE_LIMITS would throttle the load), plus `extra`.
 */
export function serverEnv(port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const dropped = ['DATABASE_URL', 'REDIS_URL', 'PORT', 'HOST', 'LOG_LEVEL', 'NODE_ENV'];
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('KENESH_') && !dropped.includes(name)) env[name] = value;
  }
  return {
    ...env,
    NODE_ENV: 'production',
    HOST,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    KENESH_RATE_LIMITS: 'off',
    ...extra,
  };
}

function hubEnv(
  dir: string,
  port: number,
  pgPort: number,
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  return serverEnv(port, {
    KENESH_DATA_DIR: dir,
    KENESH_EMBEDDED_PG_PORT: String(pgPort),
    KENESH_JWT_SECRET: JWT_SECRET,
    ...extra,
  });
}

/**
 * Extra node flags for every server process a bench starts (hub nodes, the baseline), from
 * `BENCH_NODE_ARGS`, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
 */
export function benchNodeArgs(): string[] {
  return (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/** A server process the bench started, with the last 40 lines it wrote. */
export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** Resolves when it has exited (or could not start). */
  exited: Promise<void>;
  output: string[];
  /** How many lines it wrote, inspector banners aside (its own log lines). */
  logged: { lines: number };
}

/**
 * Spawns `command` in its own process group (so that if it ever has to be killed, what it
 * started goes too), keeping its last lines of output. `onExit` runs when it exits.
 */
export async function spawnCaptured(
  what: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onExit?: (code: number | null, signal: NodeJS.Signals | null, output: string[]) => void,
): Promise<Spawned> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  const logged = { lines: 0 };
  const remember = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      if (!INSPECTOR_BANNER.test(line)) logged.lines += 1;
      output.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (output.length > 40) output.shift();
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      onExit?.(code, signal, output);
      resolve();
    });
    child.once('error', (error) => {
      output.push(`spawn failed: ${error.message}`);
      resolve();
    });
  });
  if (child.pid === undefined) {
    await exited;
    throw new Error(`could not start ${what}:\n${output.join('\n')}`);
  }
  return { child, pid: child.pid, exited, output, logged };
}

/**
 * Spawns `node dist/src/main.js` (or another build's `main`, to compare with it) and waits
 * until `/health/ready` answers 200. `env` adds to (or overrides) the bench's environment.
 */
export async function startHub(
  dir: string,
  env: Record<string, string> = {},
  main = MAIN,
): Promise<{ hub: Hub; readyMs: number }> {
  const port = await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();
  const started = performance.now();
  const { child, pid, exited, output, logged } = await spawnCaptured(
    'the hub',
    process.execPath,
    ['--enable-source-maps', ...benchNodeArgs(), main],
    hubEnv(dir, port, pgPort, env),
  );
  const handle = { child, pid, port, pgPort, exited, output, logged };
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

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, as an orchestrator would; the hub then stops its PostgreSQL and exits. */
export async function stopHub(): Promise<void> {
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

/** Signals a process group started by `spawnCaptured` (the process and what it started). */
export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Resident memory of one process, from /proc (Linux only). */
export function rssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

export interface Reply {
  status: number;
  body: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
}

export function send(
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
export async function call<T>(
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
export async function pool<T>(
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
// Figures

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');

/** Anything else busy on the machine competes with the hub, its PostgreSQL and this client. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Running a bench

async function cleanUp(): Promise<void> {
  await stopHub().catch(() => undefined);
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    dataDir = undefined;
  }
}

/**
 * Runs `main` and cleans up however it ends: the hub is stopped with SIGTERM and the data
 * folder removed on success, on failure, on SIGINT/SIGTERM, and when `timeLimitMs` runs out.
 * A failure sets exit code 1. `name` prefixes every log line.
 */
export async function runBench(
  name: string,
  timeLimitMs: number,
  main: () => Promise<void>,
): Promise<void> {
  prefix = name;
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
    log(`gave up after ${timeLimitMs / 60_000} minutes`);
    void cleanUp().finally(() => process.exit(1));
  }, timeLimitMs);
  watchdog.unref();

  try {
    await main();
  } catch (error) {
    process.exitCode = 1;
    // Once interrupted, what fails next is only the interruption's echo.
    if (!aborted)
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await cleanUp();
  }
}
