import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Set by the global setup: a server where the migrated template database lives. */
export const ADMIN_URL_VAR = 'KENESH_TEST_ADMIN_URL';
export const TEMPLATE_VAR = 'KENESH_TEST_TEMPLATE';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Each test file gets its own database, cloned from the migrated template in milliseconds. */
export async function cloneTemplate(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env[ADMIN_URL_VAR];
  const template = process.env[TEMPLATE_VAR];
  if (!adminUrl || !template)
    throw new Error('The e2e global setup did not run (see jest.config.js)');
  const name = `kenesh_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
