import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { TEST_JWT_SECRET } from './test-app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'dist/src/main.js');
const READY_TIMEOUT_MS = 60_000;

export type LogLine = Record<string, unknown> & { msg?: string; event?: string; step?: string };

/** `node dist/src/main.js` as `npm start` runs it: a real process we can signal. */
export interface HubProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Its KENESH_DATA_DIR (the embedded PostgreSQL's files are in `pg/`). */
  dataDir: string;
  /** Every JSON line it wrote so far (stdout and stderr), in order. */
  logs: LogLine[];
  /** Every line as written, JSON or not: for failure messages and "never logged" checks. */
  output: string[];
  /** Resolves with its exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line (past or future) that `match` accepts. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM if still running (SIGKILL after 10 s), then removes its data folder. */
  kill(): Promise<void>;
}

async function newestSource(dir: string): Promise<number> {
  const entries = await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true });
  let newest = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/**
 * Tests that run the built hub need `dist/` as new as the sources: `npm test` builds it first
 * (the `pretest` script). A test never builds it itself: files running in parallel would start
 * hubs from a half-written `dist/`.
 */
export async function assertFreshBuild(): Promise<void> {
  const sources = Math.max(await newestSource('src'), await newestSource('migrations'));
  const built = await stat(MAIN).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (!built) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does)`);
  if (built < sources)
    throw new Error(`${MAIN} is older than the sources: run \`npm run build\` (npm test does)`);
}

/**
 * Starts the built hub (`npm test` builds `dist` first: the `pretest` script) on free ports
 * with its data folder in a fresh temporary directory, and waits for its `ready` log line.
 * `env` adds to or overrides the defaults, e.g. `DATABASE_URL` to use a given server instead
 * of the embedded one.
 */
export async function startHubProcess(
  env: Record<string, string> = {},
  options: { viaNpm?: boolean } = {},
): Promise<HubProcess> {
  await assertFreshBuild();
  const dir = await mkdtemp(join(tmpdir(), 'kenesh-hub-'));
  // As root the embedded PostgreSQL runs as another user, which must reach the folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();

  const inherited: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('KENESH_') || ['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS'].includes(name))
      continue;
    inherited[name] = value;
  }
  // viaNpm: as a person starts it (`npm run start:prod`, the script `npm start` runs after
  // building), so signals sent to npm are what reaches the hub.
  const [command, args] = options.viaNpm
    ? ['npm', ['run', '--silent', 'start:prod']]
    : [process.execPath, ['--enable-source-maps', MAIN]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      KENESH_DATA_DIR: join(dir, 'data'),
      KENESH_EMBEDDED_PG_PORT: String(pgPort),
      KENESH_JWT_SECRET: TEST_JWT_SECRET,
      KENESH_RATE_LIMITS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Through npm, a process group of its own, so kill() can reach the whole tree.
    detached: options.viaNpm === true,
  });

  const logs: LogLine[] = [];
  const output: string[] = [];
  const waiters = new Set<(line: LogLine) => void>();
  const take = (stream: NodeJS.ReadableStream): void => {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const text of lines) {
        if (!text.trim()) continue;
        output.push(text);
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          continue;
        }
        logs.push(line);
        for (const waiter of waiters) waiter(line);
      }
    });
  };
  take(child.stdout);
  take(child.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 10_000): Promise<LogLine> => {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = (line: LogLine): void => {
        if (!match(line)) return;
        cleanup();
        resolve(line);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no such log line within ${timeoutMs} ms; last output:\n${output.slice(-15).join('\n')}`,
          ),
        );
      }, timeoutMs);
      const gone = (): void => {
        cleanup();
        reject(new Error(`the hub exited; last output:\n${output.slice(-15).join('\n')}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        waiters.delete(waiter);
        child.off('exit', gone);
      };
      waiters.add(waiter);
      child.once('exit', gone);
    });
  };

  const hub: HubProcess = {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir: join(dir, 'data'),
    logs,
    output,
    exited,
    waitForLog,
    signal: (signal) => child.kill(signal),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGTERM first: with the embedded database, SIGKILL would leave PostgreSQL running.
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      // Started through npm: whatever npm left behind (a hub that never got the signal) too.
      if (options.viaNpm && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
          await new Promise((resolve) => setTimeout(resolve, 5_000));
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is gone: nothing was left.
        }
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForLog((line) => line.event === 'ready', READY_TIMEOUT_MS);
  } catch (error) {
    await hub.kill();
    throw error;
  }
  return hub;
}
