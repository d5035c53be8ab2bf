// The reach log read back for summaries and the district report (issue 13): rows that count
// (no publication, or an approved one), grouped by language × aiyl aimak × audience × estimated.
import type { EntityManager } from 'typeorm';
import type { Audience } from './campaign.enums.js';
import type { ReachGroup, TerritoryInfo } from './reach-rules.js';

export interface ReachFilter {
  campaignIds: string[];
  /** Only rows in these territories. */
  territoryIds?: string[];
  /** Only rows dated from this day, and before `beforeDay` (YYYY-MM-DD). */
  fromDay?: string;
  beforeDay?: string;
}

/** Each territory's aiyl aimak (itself when it is one, or lies above that level). */
export async function aimakOf(
  manager: EntityManager,
  territoryIds: string[],
): Promise<Map<string, string>> {
  const map = new Map(territoryIds.map((id) => [id, id]));
  if (!territoryIds.length) return map;
  const rows = await manager.query<{ start: string; id: string }[]>(
    `WITH RECURSIVE up AS (
       SELECT t.id AS start, t.id, t.parent_id, t.level FROM territories t
        WHERE t.id = ANY($1::uuid[])
       UNION ALL
       SELECT up.start, p.id, p.parent_id, p.level
         FROM up JOIN territories p ON p.id = up.parent_id
        WHERE up.level <> 'aiyl_aimak')
     SELECT start, id FROM up WHERE level = 'aiyl_aimak'`,
    [territoryIds],
  );
  for (const r of rows) map.set(r.start, r.id);
  return map;
}

export async function territoryInfo(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, TerritoryInfo>> {
  if (!ids.length) return new Map();
  const rows = await manager.query<TerritoryInfo[]>(
    'SELECT id, code, level, name FROM territories WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Counting rows grouped, territories rolled up to aiyl aimak; sorted for a stable answer. */
export async function reachGroups(
  manager: EntityManager,
  filter: ReachFilter,
): Promise<ReachGroup[]> {
  if (!filter.campaignIds.length) return [];
  const params: unknown[] = [filter.campaignIds];
  const where = [
    'r.campaign_id = ANY($1::uuid[])',
    '(r.publication_id IS NULL OR p.approved_at IS NOT NULL)',
  ];
  if (filter.territoryIds) {
    params.push(filter.territoryIds);
    where.push(`r.territory_id = ANY($${params.length}::uuid[])`);
  }
  if (filter.fromDay) {
    params.push(filter.fromDay);
    where.push(`r.date >= $${params.length}::date`);
  }
  if (filter.beforeDay) {
    params.push(filter.beforeDay);
    where.push(`r.date < $${params.length}::date`);
  }
  const raw = await manager.query<
    {
      language: string;
      territory_id: string;
      audience: Audience;
      estimated: boolean;
      female: string;
      male: string;
      undisclosed: string;
      rows: string;
    }[]
  >(
    `SELECT coalesce(p.language, 'unknown') AS language, r.territory_id, r.audience, r.estimated,
            sum(r.female)::bigint AS female, sum(r.male)::bigint AS male,
            sum(r.undisclosed)::bigint AS undisclosed, count(*)::bigint AS rows
       FROM campaign_reach r LEFT JOIN campaign_publications p ON p.id = r.publication_id
      WHERE ${where.join(' AND ')}
      GROUP BY 1, 2, 3, 4`,
    params,
  );
  const aimak = await aimakOf(manager, [...new Set(raw.map((r) => r.territory_id))]);
  const merged = new Map<string, ReachGroup>();
  for (const r of raw) {
    const territoryId = aimak.get(r.territory_id) ?? r.territory_id;
    const key = `${r.language}|${territoryId}|${r.audience}|${r.estimated}`;
    const g = merged.get(key) ?? {
      language: r.language,
      territoryId,
      audience: r.audience,
      estimated: r.estimated,
      female: 0,
      male: 0,
      undisclosed: 0,
      rows: 0,
    };
    g.female += Number(r.female);
    g.male += Number(r.male);
    g.undisclosed += Number(r.undisclosed);
    g.rows += Number(r.rows);
    merged.set(key, g);
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}
