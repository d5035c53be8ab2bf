// For other modules (campaigns): which of these provision ids the legal library does not hold.
import type { EntityManager } from 'typeorm';

export async function missingProvisions(manager: EntityManager, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows: { id: string }[] = await manager.query(
    'SELECT id FROM legal_provisions WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const found = new Set(rows.map((r) => r.id.toLowerCase()));
  return ids.filter((id) => !found.has(id.toLowerCase()));
}
