import type { DataSource } from 'typeorm';

/** Rows one delete statement takes at most: no statement holds many row locks or runs long. */
export const DELETE_BATCH = 5_000;

/**
 * Runs `deleteSql` until it deletes fewer than a batch; returns how many rows went in all.
 * `deleteSql` is a `DELETE … WHERE <key> IN (SELECT <key> … LIMIT $n) RETURNING 1` whose last
 * parameter, `$n`, is the batch size (appended to `params` here).
 */
export async function deleteInBatches(
  dataSource: DataSource,
  deleteSql: string,
  params: unknown[] = [],
): Promise<number> {
  let total = 0;
  for (;;) {
    const rows: { n: number }[] = await dataSource.query(
      `WITH gone AS (${deleteSql}) SELECT count(*)::int AS n FROM gone`,
      [...params, DELETE_BATCH],
    );
    const deleted = rows[0]?.n ?? 0;
    total += deleted;
    if (deleted < DELETE_BATCH) return total;
  }
}
