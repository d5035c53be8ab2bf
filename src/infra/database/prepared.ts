import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a named prepared statement on the app's own pool. PostgreSQL then parses and plans it
 * once per connection instead of on every call: for the statements on the message path,
 * planning took longer than running them (0.3 ms against 0.05 ms for the send check).
 * List columns explicitly in `text` (no `*`): a cached plan must keep its result shape.
 */
export async function runPrepared<T extends pg.QueryResultRow>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const result = await pool.query<T>({ name, text, values });
  return result.rows;
}
