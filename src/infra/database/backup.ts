import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * A logical backup: every table of the `public` schema in PostgreSQL's COPY text format
 * (gzip), read inside one REPEATABLE READ snapshot, so the tables agree with each other at
 * one instant while the hub keeps writing. See docs/ops/backups.md for why logical and not
 * a base backup of the data folder.
 */
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_PREFIX = 'kenesh-backup-';
export const MANIFEST_FILE = 'manifest.json';
/** The migration runner's own bookkeeping: a restore recreates it by running the migrations. */
const SKIPPED_TABLES = new Set(['migrations']);

export interface BackupTable {
  name: string;
  /** In the order they were written; generated columns are left out (PostgreSQL fills them). */
  columns: string[];
  rows: number;
  /** Size of the COPY text before compression. */
  bytes: number;
  file: string;
  /** sha256 of the gzip file as written. */
  sha256: string;
}

export interface BackupManifest {
  formatVersion: number;
  createdAt: string;
  /** `now()` of the snapshot transaction: rows committed before it are in the backup. */
  snapshotAt: string;
  postgresVersion: string;
  database: string;
  /** Names from the `migrations` table, in the order they were applied. */
  migrations: string[];
  tables: BackupTable[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  durationMs: number;
}

export interface BackupLog {
  (fields: Record<string, unknown>): void;
}

export interface BackupOptions {
  /** The backup folder to create; must not exist yet. */
  folder: string;
  log?: BackupLog;
}

/** `kenesh-backup-2026-11-30T12-50-43-120Z`: sorts by time, safe in every file system. */
export function backupFolderName(at = new Date()): string {
  return `${BACKUP_PREFIX}${at.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Writes the backup into `<folder>.partial` and renames it to `folder` once the manifest is
 * in place, so a folder without `.partial` is always complete.
 */
export async function createBackup(url: string, options: BackupOptions): Promise<BackupManifest> {
  const log = options.log ?? (() => undefined);
  const startedAt = performance.now();
  const folder = options.folder;
  if (await exists(folder)) throw new Error(`${folder} already exists; name a new folder`);
  const partial = `${folder}.partial`;
  await rm(partial, { recursive: true, force: true });
  // Password hashes, emails and phone numbers: readable by the owner only.
  await mkdir(partial, { recursive: true, mode: 0o700 });
  const client = new pg.Client({ connectionString: url, application_name: 'kenesh-backup' });
  try {
    await client.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The snapshot is taken by the first query of the transaction.
    const head = await client.query<{ now: Date; version: string; database: string }>(
      `SELECT now() AS now, current_setting('server_version') AS version, current_database() AS database`,
    );
    const { now, version, database } = head.rows[0];
    const migrations = await client
      .query<{ name: string }>('SELECT name FROM "migrations" ORDER BY id')
      .then((r) => r.rows.map((row) => row.name))
      .catch(() => {
        throw new Error('the database has no migrations table: is it a Kenesh database?');
      });
    const tables = await listTables(client);
    const sequences = await listSequences(client);
    log({ event: 'backup_started', folder, tables: tables.length, snapshotAt: now });

    const written: BackupTable[] = [];
    let totalBytes = 0;
    for (const [index, table] of tables.entries()) {
      const file = `${String(index + 1).padStart(3, '0')}-${table.name}.copy.gz`;
      const entry = await exportTable(client, table.name, table.columns, join(partial, file));
      written.push({ name: table.name, columns: table.columns, file, ...entry });
      totalBytes += entry.bytes;
      log({
        event: 'backup_progress',
        table: table.name,
        rows: entry.rows,
        done: index + 1,
        total: tables.length,
        bytes: totalBytes,
      });
    }
    await client.query('COMMIT');

    const manifest: BackupManifest = {
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      snapshotAt: now.toISOString(),
      postgresVersion: version,
      database,
      migrations,
      tables: written,
      sequences,
      durationMs: Math.round(performance.now() - startedAt),
    };
    await writeFile(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
    });
    await rename(partial, folder);
    log({
      event: 'backup_finished',
      folder,
      tables: written.length,
      rows: written.reduce((sum, t) => sum + t.rows, 0),
      bytes: totalBytes,
      compressedBytes: await folderSize(folder),
      durationMs: manifest.durationMs,
    });
    return manifest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Ordinary tables of `public` with their stored columns (not dropped, not generated). */
async function listTables(client: pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                          AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      GROUP BY c.relname
      ORDER BY c.relname`,
  );
  return rows.filter((t) => !SKIPPED_TABLES.has(t.name));
}

async function listSequences(client: pg.Client): Promise<BackupManifest['sequences']> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const sequences: BackupManifest['sequences'] = [];
  for (const { name } of rows) {
    // Sequences are outside transactions: this value may be a little past the snapshot,
    // which only leaves a gap in the numbers after a restore.
    const value = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM public.${quoteIdent(name)}`,
    );
    sequences.push({
      name,
      lastValue: value.rows[0].last_value,
      isCalled: value.rows[0].is_called,
    });
  }
  return sequences;
}

async function exportTable(
  client: pg.Client,
  table: string,
  columns: string[],
  path: string,
): Promise<{ rows: number; bytes: number; sha256: string }> {
  const source = client.query(
    copyTo(`COPY public.${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) TO STDOUT`),
  );
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const hash = createHash('sha256');
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(
    source,
    counter,
    createGzip({ level: 6 }),
    hasher,
    createWriteStream(path, { mode: 0o600 }),
  );
  return { rows: source.rowCount, bytes, sha256: hash.digest('hex') };
}

/**
 * Keeps the newest `keep` complete backups in `dir` (by name, which is by time) and removes
 * the rest, and any half-written `.partial` folder older than a day (a backup that was cut
 * off). Returns the folders removed.
 */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const complete = entries
    .filter(
      (e) => e.isDirectory() && e.name.startsWith(BACKUP_PREFIX) && !e.name.endsWith('.partial'),
    )
    .map((e) => e.name)
    .sort();
  const removed: string[] = [];
  for (const name of complete.slice(0, Math.max(0, complete.length - keep))) {
    if (!(await exists(join(dir, name, MANIFEST_FILE)))) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.endsWith('.partial')) continue;
    const info = await stat(join(dir, entry.name));
    if (Date.now() - info.mtimeMs > 24 * 3600_000) {
      await rm(join(dir, entry.name), { recursive: true, force: true });
      removed.push(entry.name);
    }
  }
  return removed;
}

/** A backup into `dir/kenesh-backup-<time>`, then the retention of `keep` backups. */
export async function backupToDefaultFolder(
  url: string,
  dir: string,
  keep: number,
  log?: BackupLog,
): Promise<{ manifest: BackupManifest; folder: string; removed: string[] }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const folder = join(dir, backupFolderName());
  const manifest = await createBackup(url, { folder, log });
  const removed = await pruneBackups(dir, keep);
  if (removed.length) log?.({ event: 'backups_pruned', dir, removed, keep });
  return { manifest, folder, removed };
}

export async function readManifest(folder: string): Promise<BackupManifest> {
  let raw: string;
  try {
    raw = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    throw new Error(
      `${folder} has no ${MANIFEST_FILE}: not a Kenesh backup${folder.endsWith('.partial') ? ' (this one was never finished)' : ''}`,
    );
  }
  const manifest = JSON.parse(raw) as BackupManifest;
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new Error(
      `${basename(folder)} has backup format ${manifest.formatVersion}; this hub reads format ${BACKUP_FORMAT_VERSION}`,
    );
  return manifest;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function folderSize(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += (await stat(join(folder, name))).size;
  return total;
}
