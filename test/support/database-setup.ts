import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { startEmbeddedPostgres } from '../../src/infra/database/embedded-postgres.js';
import { freePort } from './free-port.js';
import { ADMIN_URL_VAR, TEMPLATE_VAR, adminQuery, withDatabase } from './test-database.js';

/**
 * Once per run: a real PostgreSQL (DATABASE_URL's server, or an embedded one on a free port
 * in a temporary folder), and a template database migrated once that each test file clones.
 */
export async function setUpDatabase(): Promise<void> {
  const started = Date.now();
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'kenesh-test-'));
    await chmod(dir, 0o755);
    const embedded = await startEmbeddedPostgres({
      dir: join(dir, 'pg'),
      port: await freePort(),
      database: 'postgres',
      // A throwaway cluster: its files need not survive an operating-system crash, so commits
      // skip the flush to disk (a PostgreSQL process killed by a test loses nothing: the WAL is
      // written to the kernel at each commit all the same).
      settings: { fsync: 'off', full_page_writes: 'off' },
    });
    Object.assign(globalThis, { __keneshPg: embedded, __keneshPgDir: dir });
    adminUrl = embedded.adminUrl;
  }
  const template = `kenesh_template_${process.pid}`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
  // Migrations only: entities need decorator metadata, which this loader (tsx) does not emit.
  const dataSource = new DataSource({
    type: 'postgres',
    url: withDatabase(adminUrl, template),
    migrations: MIGRATIONS,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env[ADMIN_URL_VAR] = adminUrl;
  process.env[TEMPLATE_VAR] = template;
  process.stdout.write(
    `\ne2e database ready in ${Date.now() - started} ms (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded'})\n`,
  );
}
