import { rm } from 'node:fs/promises';
import type { EmbeddedPostgresHandle } from '../../src/infra/database/embedded-postgres.js';
import { ADMIN_URL_VAR, TEMPLATE_VAR, adminQuery } from './test-database.js';

export async function tearDownDatabase(): Promise<void> {
  const adminUrl = process.env[ADMIN_URL_VAR];
  const template = process.env[TEMPLATE_VAR];
  if (adminUrl && template) {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(
      () => undefined,
    );
  }
  const state = globalThis as { __keneshPg?: EmbeddedPostgresHandle; __keneshPgDir?: string };
  await state.__keneshPg?.stop();
  if (state.__keneshPgDir) await rm(state.__keneshPgDir, { recursive: true, force: true });
}
