// For other modules (campaigns): which of these provision ids the legal library does not hold.
// Stub until the legal module lands: the legal module keeps this function's name and answer.
import type { EntityManager } from 'typeorm';

export async function missingProvisions(manager: EntityManager, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const [{ exists }]: { exists: boolean }[] = await manager.query(
    "SELECT to_regclass('legal_provisions') IS NOT NULL AS exists",
  );
  if (!exists) return [...ids];
  const rows: { id: string }[] = await manager.query(
    'SELECT id FROM legal_provisions WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}
