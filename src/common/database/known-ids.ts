// Ids a request names that must exist: one query, and a field problem per unknown one
// (`issueIds.2`), so a client sees which entries of its list to fix.
import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../errors/app-error.js';

const KINDS = {
  issues: 'field.unknownIssue',
  territories: 'field.unknownTerritory',
} as const;

export async function assertKnownIds(
  db: DataSource | EntityManager,
  table: keyof typeof KINDS,
  ids: readonly string[],
  field: string,
): Promise<void> {
  if (ids.length === 0) return;
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const known = new Set(rows.map((r) => r.id));
  const problems = ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !known.has(id.toLowerCase()))
    .map(({ i }) => ({ field: `${field}.${i}`, key: KINDS[table] }));
  if (problems.length) throw AppError.validation(problems);
}
