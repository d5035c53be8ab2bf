import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { type BackupLog, type BackupManifest, quoteIdent, readManifest } from './backup.js';
import { dataSourceOptions } from './data-source.js';

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  rows: number;
  durationMs: number;
}

/**
 * Restores a backup into an empty database: checks every file against the manifest, runs
 * exactly the migrations the backup was taken at (so the tables have the columns its files
 * hold), loads every table with COPY in one transaction with triggers and foreign-key checks
 * off (`session_replication_role = replica`: the rows were consistent when exported, and the
 * search triggers' columns are in the files already), builds the plain indexes once after the
 * load, sets the sequences, and compares each
 * table's row count with the manifest before it commits. Newer migrations run at the hub's
 * next start, as after any upgrade.
 */
export async function restoreBackup(
  folder: string,
  url: string,
  log: BackupLog = () => undefined,
): Promise<RestoreResult> {
  const startedAt = performance.now();
  const manifest = await readManifest(folder);
  const migrations = migrationsOf(manifest);
  await verifyFiles(folder, manifest);
  await assertEmpty(url);
  log({
    event: 'restore_started',
    folder,
    migrations: migrations.length,
    tables: manifest.tables.length,
  });

  const dataSource = new DataSource({ ...dataSourceOptions(url), entities: [], migrations });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }

  const client = new pg.Client({ connectionString: url, application_name: 'kenesh-restore' });
  await client.connect();
  let rows = 0;
  try {
    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL session_replication_role = replica');
    } catch (error) {
      throw new RestoreRefused(
        `restore needs a role that may set session_replication_role (a superuser, or GRANT SET ON PARAMETER session_replication_role on PostgreSQL 15+): ${(error as Error).message}`,
      );
    }
    // Migrations seed some tables (territories, search terms): the backup's rows replace them.
    await client.query(
      `TRUNCATE ${manifest.tables.map((t) => `public.${quoteIdent(t.name)}`).join(', ')}`,
    );
    // Building an index once over the loaded rows is several times faster than updating it
    // row by row during COPY (the search indexes above all). Indexes behind constraints
    // (primary keys, unique keys that foreign keys point to) stay.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    for (const [index, table] of manifest.tables.entries()) {
      const sink = client.query(
        copyFrom(
          `COPY public.${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`,
        ),
      );
      await pipeline(createReadStream(join(folder, table.file)), createGunzip(), sink);
      const counted = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM public.${quoteIdent(table.name)}`,
      );
      if (Number(counted.rows[0].n) !== table.rows)
        throw new Error(
          `${table.name}: ${counted.rows[0].n} rows loaded, the manifest says ${table.rows}`,
        );
      rows += table.rows;
      log({
        event: 'restore_progress',
        table: table.name,
        rows: table.rows,
        done: index + 1,
        total: manifest.tables.length,
      });
    }
    const indexedAt = performance.now();
    for (const index of indexes) await client.query(index.definition);
    log({
      event: 'restore_indexes',
      indexes: indexes.length,
      durationMs: Math.round(performance.now() - indexedAt),
    });
    for (const sequence of manifest.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        `public.${quoteIdent(sequence.name)}`,
        sequence.lastValue,
        sequence.isCalled,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  // Fresh planner statistics, as after a bulk load; outside the transaction.
  await withClient(url, (c) => c.query('ANALYZE'));
  const durationMs = Math.round(performance.now() - startedAt);
  log({ event: 'restore_finished', folder, tables: manifest.tables.length, rows, durationMs });
  return { manifest, rows, durationMs };
}

/** The migrations the backup lists, in the code's order; refuses one this code lacks. */
function migrationsOf(manifest: BackupManifest): (typeof MIGRATIONS)[number][] {
  const known = new Map(MIGRATIONS.map((m) => [new m().name ?? m.name, m]));
  const missing = manifest.migrations.filter((name) => !known.has(name));
  if (missing.length)
    throw new RestoreRefused(
      `the backup was taken by a newer Kenesh (migrations ${missing.join(', ')} are unknown here); restore it with that version or a later one`,
    );
  const listed = new Set(manifest.migrations);
  return MIGRATIONS.filter((m) => listed.has(new m().name ?? m.name));
}

async function verifyFiles(folder: string, manifest: BackupManifest): Promise<void> {
  for (const table of manifest.tables) {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(join(folder, table.file)))
        hash.update(chunk as Buffer);
    } catch {
      throw new RestoreRefused(`${table.file} is missing from the backup`);
    }
    if (hash.digest('hex') !== table.sha256)
      throw new RestoreRefused(`${table.file} does not match its checksum: the backup is damaged`);
  }
}

async function assertEmpty(url: string): Promise<void> {
  const { rows } = await withClient(url, (c) =>
    c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p')`,
    ),
  );
  if (rows[0].n > 0)
    throw new RestoreRefused(
      `the target database ${new URL(url).pathname.slice(1)} is not empty (${rows[0].n} tables); restore only into a new data folder or an empty database`,
    );
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'kenesh-restore' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
