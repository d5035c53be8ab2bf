import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { embeddedDatabaseUrl, isAlive } from './embedded-postgres.js';

/**
 * The URL of the embedded server a running hub keeps on `dir`, from its `postmaster.pid`
 * (pid on the first line, port on the fourth), if that server is alive and answers.
 */
export async function runningEmbedded(dir: string): Promise<string | undefined> {
  const lines = await readFile(join(dir, 'postmaster.pid'), 'utf8').then(
    (text) => text.split('\n'),
    () => undefined,
  );
  if (!lines) return undefined;
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  const url = embeddedDatabaseUrl(port);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
