import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createClient } from '@redis/client';
import { freePort } from './free-port.js';

/**
 * Redis for the e2e tests, decided once per run by the global setup and passed to the test
 * workers through the environment (as database-setup.ts does with the PostgreSQL URL):
 * `KENESH_TEST_REDIS_URL` when it is set, otherwise a private `redis-server` (from PATH) on a
 * free port, otherwise none, and the Redis tests skip. The machine's own Redis (port 6379) is
 * never used unless `KENESH_TEST_REDIS_URL` names it.
 */

/** Set by the global setup: the Redis the tests use (unset: none). */
export const REDIS_URL_VAR = 'KENESH_TEST_REDIS';
/** Set by the global setup: why no private redis-server can be started. */
export const NO_SERVER_VAR = 'KENESH_TEST_REDIS_NO_SERVER';
/** Set by the global setup: a `redis-server` 7+ that tests may start private servers with. */
export const REDIS_SERVER_VAR = 'KENESH_TEST_REDIS_SERVER';
/** Given by the person running the tests: a Redis 7+ to use instead of a private one. */
export const GIVEN_REDIS_VAR = 'KENESH_TEST_REDIS_URL';

/** Folders of private servers start with this, in the OS temp folder; each records its pids. */
const DIR_PREFIX = 'kenesh-redis-';
const OWNER_FILE = 'owner.json';
/** The adapter needs sharded pub/sub (SSUBSCRIBE), which came with Redis 7. */
const MIN_MAJOR = 7;

/** The Redis the e2e tests use, or undefined when there is none. */
export function testRedisUrl(): string | undefined {
  return process.env[REDIS_URL_VAR] || undefined;
}

/** Whether tests may start (and kill) Redis servers of their own. */
export function canStartRedis(): boolean {
  return !!process.env[REDIS_SERVER_VAR];
}

/** Why a Redis test skips, as the global setup found it. */
function skipReason(needs: 'any' | 'server'): string {
  const noServer = process.env[NO_SERVER_VAR];
  if (!noServer) return 'the e2e global setup did not run';
  return needs === 'server'
    ? `${noServer}: this test starts and stops a Redis of its own`
    : `${noServer} and ${GIVEN_REDIS_VAR} unset`;
}

/**
 * `describe` when a Redis exists for the tests (`needs: 'server'`: when a private one can be
 * started, e.g. to kill it), otherwise `describe.skip` with the reason in the block's name.
 */
export function describeIfRedis(
  name: string,
  body: () => void,
  needs: 'any' | 'server' = 'any',
): void {
  const available = needs === 'server' ? canStartRedis() : !!testRedisUrl() || canStartRedis();
  if (available) describe(name, body);
  else describe.skip(`${name} [skipped: ${skipReason(needs)}]`, body);
}

/**
 * The Redis adapter's channel for namespace /rt, which every node subscribes to (prefix
 * `kenesh-rt`, fixed in src/infra/realtime/realtime-io.adapter.ts).
 */
export const ADAPTER_CHANNEL = 'kenesh-rt#/rt#';

/** The adapter's own channel for a socket.io room (e.g. `room:<id>`) in namespace /rt. */
export const roomAdapterChannel = (room: string): string => `${ADAPTER_CHANNEL}${room}#`;

/** How many connections are subscribed to a sharded channel (one per node for the adapter's). */
export async function shardSubscribers(url: string, channel: string): Promise<number> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const counts = await client.pubSubShardNumSub(channel);
    return Number(counts[channel] ?? 0);
  } finally {
    client.destroy();
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Whether the server process is running. */
  running(): boolean;
  /** Kills the server (SIGKILL by default) and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port (after `kill`), empty. */
  restart(): Promise<void>;
  /** Stops it for good and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Servers this process started, killed when it exits, even after an uncaught error. That works
 * in jest's main process (the global setup's server); inside a test file `process` is jest's
 * copy, which never emits 'exit'. A process killed outright (SIGKILL, OOM) runs no handler:
 * its servers are found by the owner.json each one leaves and stopped by the next start.
 */
const started = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess): void {
  started.add(child);
  void new Promise((resolve) => child.once('exit', resolve)).then(() => started.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const server of started) server.kill('SIGKILL');
  });
}

/**
 * A `redis-server` of this process's own, on a free port (or `port`), bound to 127.0.0.1,
 * persisting nothing, in a temporary folder. Needs `canStartRedis()` (or `binary`).
 */
export async function startPrivateRedis(
  options: { port?: number; binary?: string } = {},
): Promise<PrivateRedis> {
  const binary = options.binary ?? process.env[REDIS_SERVER_VAR];
  if (!binary) throw new Error(`no redis-server to start (${skipReason('server')})`);
  await sweepOrphans();
  const dir = await mkdtemp(join(tmpdir(), DIR_PREFIX));
  let port = options.port ?? (await freePort());
  let child: ChildProcess;
  for (let attempt = 1; ; attempt += 1) {
    try {
      child = await launch(binary, dir, port);
      break;
    } catch (error) {
      // A free port can be taken by someone else before redis-server binds it: try another.
      if (options.port === undefined && attempt < 3) {
        port = await freePort();
        continue;
      }
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
  let stopped = false;
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (!running()) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(force);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    running,
    kill,
    async restart() {
      if (stopped) throw new Error('this Redis was stopped for good');
      await kill();
      child = await launch(binary, dir, port);
    },
    async stop() {
      stopped = true;
      await kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function launch(binary: string, dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
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
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  killOnExit(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  await spawned;
  // Should this process die without running its exit handler, the next start sweeps it.
  await writeFile(
    join(dir, OWNER_FILE),
    JSON.stringify({ owner: process.pid, server: child.pid, port }),
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server on port ${port} exited while starting:\n${output.join('')}`);
    }
    if ((await ping(url, 500)).ok) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer in 10 s:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Kills private servers whose owning process is gone (it was killed before it could). */
async function sweepOrphans(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(DIR_PREFIX))) {
    const dir = join(tmpdir(), entry);
    let record: { owner?: number; server?: number };
    try {
      record = JSON.parse(await readFile(join(dir, OWNER_FILE), 'utf8')) as typeof record;
    } catch {
      continue; // being set up right now, or not ours
    }
    if (!record.owner || !record.server || isAlive(record.owner)) continue;
    if (isAlive(record.server) && (await commandOf(record.server)).includes('redis-server')) {
      process.kill(record.server, 'SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): Promise<string> {
  return new Promise((resolve) =>
    execFile('ps', ['-o', 'command=', '-p', String(pid)], (error, stdout) =>
      resolve(error ? '' : stdout),
    ),
  );
}

/** One PING (and the server's version), without retrying. */
async function ping(
  url: string,
  timeoutMs: number,
): Promise<{ ok: true; version: string } | { ok: false; error: string }> {
  const client = createClient({
    url,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    const info = await client.info('server');
    return { ok: true, version: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown' };
  } catch (error) {
    return { ok: false, error: (error as Error).message || String(error) };
  } finally {
    try {
      client.destroy();
    } catch {
      // never connected: nothing to destroy
    }
  }
}

const majorOf = (version: string) => Number.parseInt(version, 10) || 0;

/** `redis-server` on PATH and its version, or why there is none that will do. */
async function findRedisServer(): Promise<{ path: string; version: string } | { reason: string }> {
  for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(folder, 'redis-server');
    try {
      await access(candidate, constants.X_OK);
    } catch {
      continue;
    }
    const version = await new Promise<string>((resolve) =>
      execFile(candidate, ['--version'], (error, stdout) =>
        resolve(error ? '' : (/v=(\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? '')),
      ),
    );
    if (majorOf(version) < MIN_MAJOR) {
      return { reason: `${candidate} is Redis ${version || '(unknown version)'}, not 7 or newer` };
    }
    return { path: candidate, version };
  }
  return { reason: 'no redis-server on PATH' };
}

/** A URL fit for a log line: the password masked. */
function shown(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(not a URL)';
  }
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Once per run (jest's global setup): decides which Redis the tests use and says so in one
 * line. A given `KENESH_TEST_REDIS_URL` that does not answer fails the run: it was asked for.
 */
export async function setUpRedis(): Promise<void> {
  for (const name of [REDIS_URL_VAR, NO_SERVER_VAR, REDIS_SERVER_VAR]) delete process.env[name];
  const server = await findRedisServer();
  if ('path' in server) process.env[REDIS_SERVER_VAR] = server.path;
  else process.env[NO_SERVER_VAR] = server.reason;
  const given = process.env[GIVEN_REDIS_VAR];
  let line: string;
  if (given) {
    const answer = await ping(given, 3000);
    if (!answer.ok) {
      throw new Error(`${GIVEN_REDIS_VAR}=${shown(given)} does not answer: ${answer.error}`);
    }
    if (majorOf(answer.version) < MIN_MAJOR) {
      throw new Error(`${GIVEN_REDIS_VAR} is Redis ${answer.version}; the adapter needs 7+`);
    }
    process.env[REDIS_URL_VAR] = given;
    line = `e2e Redis: ${GIVEN_REDIS_VAR} (${shown(given)}, Redis ${answer.version})`;
    if (!('path' in server)) line += `; tests that stop Redis skip (${server.reason})`;
  } else if ('path' in server) {
    const redis = await startPrivateRedis({ binary: server.path });
    Object.assign(globalThis, { __keneshRedis: redis });
    process.env[REDIS_URL_VAR] = redis.url;
    line = `e2e Redis: private redis-server ${server.version} on ${redis.url}`;
  } else {
    line = `e2e Redis: none, the Redis tests are skipped (${skipReason('any')})`;
  }
  process.stdout.write(`${line}\n`);
}

export async function tearDownRedis(): Promise<void> {
  const state = globalThis as { __keneshRedis?: PrivateRedis };
  await state.__keneshRedis?.stop();
  state.__keneshRedis = undefined;
}
