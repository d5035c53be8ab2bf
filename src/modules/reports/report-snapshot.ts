// The frozen register behind a district report pack: read in ONE read-only REPEATABLE READ
// transaction (every section sees the same moment), returned as plain JSON (ISO strings,
// deterministic order) so its canonical form can be hashed. Small cells of people are
// suppressed here, so the snapshot (which anyone on staff may fetch to check the hash) holds
// only what the pack shows.
import type { DataSource, EntityManager } from 'typeorm';
import { ballotsForReport } from '../ballots/ballots-report.js';
import { campaignsForReport } from '../campaigns/campaigns-report.js';
import { ISSUE_STATUSES } from '../issues/issue.enums.js';
import { legalBasisForReport } from '../legal/legal-report.js';
import { strategiesForReport } from '../strategies/strategies-report.js';
import { AGE_BANDS, GENDERS } from '../surveys/survey-contract.js';
import { type Suppression, suppressCells, suppressTable } from '../surveys/results/suppression.js';
import type { TerritoryName } from '../territories/territory.entity.js';
import type {
  BallotSection,
  CampaignSection,
  LangText,
  LegalBasisSection,
  ReportScope,
  StrategySection,
} from './report-sections.js';
import type { ReportKind, ReportLanguage } from './report.entity.js';

/** The network's minimum cell size: events default to it; a stricter event raises it. */
export const DEFAULT_MIN_CELL_SIZE = 5;
export const SNAPSHOT_FORMAT = 'kenesh.district-report/1';

/** A count of people: shown, or hidden (`null`) with why. */
export interface PeopleCount {
  count: number | null;
  suppressed: Suppression | null;
}

export interface ReportSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  kind: ReportKind;
  language: ReportLanguage;
  /** The snapshot transaction's start (PostgreSQL now()), ISO-8601 UTC. */
  takenAt: string;
  district: { id: string; code: string; name: TerritoryName };
  period: { from: string; to: string };
  minCellSize: number;
  /** The district's aiyl aimaks, by code. */
  aiylAimaks: Array<{ id: string; code: string; name: TerritoryName }>;
  keyFigures: {
    issuesRaised: number;
    /** The issues raised in the period by their status at the snapshot (every status listed). */
    issuesByStatus: Array<{ status: string; count: number }>;
    escalationsSent: number;
    escalationsAnswered: number;
    escalationsOverdue: number;
    eventsHeld: number;
    participants: PeopleCount;
    commitments: number;
  };
  /** Issues raised in the period, by category × aiyl aimak (null: the district itself); an
   *  issue affecting two aiyl aimaks counts in both. Non-zero cells only. */
  issuesByCategory: Array<{ category: string; aiylAimakId: string | null; count: number }>;
  /** The scope's issues prioritised in the period or prioritised now. */
  prioritised: Array<{
    id: string;
    title: string;
    category: string;
    status: string;
    prioritisedAt: string | null;
    endorsements: number;
  }>;
  ballots: BallotSection;
  /** Escalations of the scope's issues sent in the period; overdue as of `takenAt`. */
  escalations: Array<{
    id: string;
    issueId: string;
    issueTitle: string;
    authority: string;
    reference: string | null;
    sentAt: string;
    responseDueAt: string;
    respondedAt: string | null;
    overdue: boolean;
  }>;
  legalBasis: LegalBasisSection;
  strategies: StrategySection;
  campaigns: CampaignSection;
  attendance: {
    events: Array<{
      id: string;
      title: LangText;
      kind: string;
      startsAt: string;
      participants: PeopleCount;
    }>;
    /** Gender × age band over every event held (sign-in lines and counts without names). */
    cells: Array<{ gender: string; ageBand: string } & PeopleCount>;
    byGender: Array<{ gender: string } & PeopleCount>;
  };
  /** Commitments made at the events held; overdue as of `takenAt`. */
  commitments: Array<{
    id: string;
    eventId: string;
    eventTitle: LangText;
    text: string;
    owner: string;
    dueAt: string;
  }>;
}

export interface SnapshotRequest {
  kind: ReportKind;
  districtId: string;
  from: Date;
  to: Date;
  language: ReportLanguage;
}

interface TerritoryRow {
  id: string;
  code: string;
  level: string;
  parent_id: string | null;
  name: TerritoryName;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

export type AttendanceTables = Omit<ReportSnapshot['attendance'], 'events'>;

/** Reads the snapshot in one read-only REPEATABLE READ transaction. */
export function takeSnapshot(
  dataSource: DataSource,
  request: SnapshotRequest,
): Promise<ReportSnapshot> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    return readSnapshot(manager, request);
  });
}

/** The snapshot's reads, inside the caller's transaction. */
export async function readSnapshot(
  manager: EntityManager,
  request: SnapshotRequest,
): Promise<ReportSnapshot> {
  const [{ now }] = await manager.query<[{ now: Date }]>('SELECT now() AS now');
  const takenAt = iso(now);
  const tree: TerritoryRow[] = await manager.query(
    `WITH RECURSIVE tree AS (
       SELECT id, code, level, parent_id, name FROM territories WHERE id = $1
       UNION ALL
       SELECT t.id, t.code, t.level, t.parent_id, t.name FROM territories t JOIN tree ON t.parent_id = tree.id
     )
     SELECT * FROM tree`,
    [request.districtId],
  );
  const district = tree.find((t) => t.id === request.districtId);
  if (!district) throw new Error(`territory ${request.districtId} does not exist`);
  if (district.level !== 'district')
    throw new Error(`territory ${district.code} is a ${district.level}, not a district`);

  // Each territory's aiyl aimak (null: the district itself).
  const byId = new Map(tree.map((t) => [t.id, t]));
  const aimakOf = (t: TerritoryRow): string | null => {
    for (
      let at: TerritoryRow | undefined = t;
      at;
      at = at.parent_id ? byId.get(at.parent_id) : undefined
    )
      if (at.level === 'aiyl_aimak') return at.id;
    return null;
  };
  const territoryIds = tree.map((t) => t.id).sort();
  const aimakIds = territoryIds.map((id) => aimakOf(byId.get(id)!));
  const scope: ReportScope = {
    districtId: district.id,
    territoryIds,
    from: iso(request.from),
    to: iso(request.to),
    language: request.language,
  };
  const inScope = `EXISTS (SELECT 1 FROM issue_territories it WHERE it.issue_id = i.id AND it.territory_id = ANY($1::uuid[]))`;
  const period = [territoryIds, scope.from, scope.to];

  const statusRows: { status: string; n: number }[] = await manager.query(
    `SELECT i.status, count(*)::int AS n FROM issues i
      WHERE i.created_at >= $2 AND i.created_at < $3 AND ${inScope}
      GROUP BY 1`,
    period,
  );
  const categoryRows: { category: string; aimak: string | null; n: number }[] = await manager.query(
    `SELECT i.category, m.aimak_id AS aimak, count(DISTINCT i.id)::int AS n
         FROM issues i
         JOIN issue_territories it ON it.issue_id = i.id
         JOIN unnest($1::uuid[], $4::uuid[]) AS m(territory_id, aimak_id) ON m.territory_id = it.territory_id
        WHERE i.created_at >= $2 AND i.created_at < $3
        GROUP BY 1, 2`,
    [...period, aimakIds],
  );
  const prioritisedRows: {
    id: string;
    title: string;
    category: string;
    status: string;
    at: Date | null;
    endorsements: number;
  }[] = await manager.query(
    `SELECT i.id, i.title, i.category, i.status, i.endorsement_count AS endorsements,
            (SELECT max(t.created_at) FROM issue_transitions t
              WHERE t.issue_id = i.id AND t.to_status = 'prioritised' AND t.created_at < $3) AS at
       FROM issues i
      WHERE ${inScope}
        AND (i.status = 'prioritised'
             OR EXISTS (SELECT 1 FROM issue_transitions t
                         WHERE t.issue_id = i.id AND t.to_status = 'prioritised'
                           AND t.created_at >= $2 AND t.created_at < $3))`,
    period,
  );
  const escalationRows: {
    id: string;
    issue_id: string;
    title: string;
    authority: string;
    reference: string | null;
    sent_at: Date;
    response_due_at: Date;
    responded_at: Date | null;
  }[] = await manager.query(
    `SELECT e.id, e.issue_id, i.title, o.name AS authority, e.reference, e.sent_at,
            e.response_due_at, e.responded_at
       FROM escalations e
       JOIN issues i ON i.id = e.issue_id
       JOIN organisations o ON o.id = e.authority_organisation_id
      WHERE e.sent_at >= $2 AND e.sent_at < $3 AND ${inScope}
      ORDER BY e.sent_at, e.id`,
    period,
  );
  const eventRows: {
    id: string;
    title: LangText;
    kind: string;
    starts_at: Date;
    min_cell_size: number;
    n: number;
  }[] = await manager.query(
    `SELECT e.id, e.title, e.kind, e.starts_at, e.min_cell_size,
            (SELECT count(*) FROM event_attendance a WHERE a.event_id = e.id)::int
            + (SELECT coalesce(sum(count), 0) FROM event_tallies t WHERE t.event_id = e.id)::int AS n
       FROM events e
      WHERE e.territory_id = ANY($1::uuid[]) AND e.status = 'held'
        AND e.starts_at >= $2 AND e.starts_at < $3
      ORDER BY e.starts_at, e.id`,
    period,
  );
  const eventIds = eventRows.map((e) => e.id);
  const cubeRows: { gender: string; age_band: string; n: number }[] = eventIds.length
    ? await manager.query(
        `SELECT gender, age_band, sum(n)::int AS n FROM (
           SELECT gender, age_band, count(*) AS n FROM event_attendance
            WHERE event_id = ANY($1::uuid[]) GROUP BY 1, 2
           UNION ALL
           SELECT gender, age_band, count FROM event_tallies WHERE event_id = ANY($1::uuid[])
         ) x GROUP BY 1, 2`,
        [eventIds],
      )
    : [];
  const commitmentRows: {
    id: string;
    event_id: string;
    text: string;
    owner: string;
    due_at: Date;
  }[] = eventIds.length
    ? await manager.query(
        `SELECT c.id, c.event_id, c.text, o.name AS owner, c.due_at
           FROM event_commitments c JOIN organisations o ON o.id = c.owner_organisation_id
          WHERE c.event_id = ANY($1::uuid[])
          ORDER BY c.due_at, c.id`,
        [eventIds],
      )
    : [];

  // The other modules' sections, in the same transaction.
  const ballots = await ballotsForReport(manager, scope);
  const legalBasis = await legalBasisForReport(manager, scope);
  const strategies = await strategiesForReport(manager, scope);
  const campaigns = await campaignsForReport(manager, scope);

  const minCellSize = Math.max(DEFAULT_MIN_CELL_SIZE, ...eventRows.map((e) => e.min_cell_size));
  const attendance = attendanceTables(cubeRows, minCellSize);
  const participants = eventRows.reduce((sum, e) => sum + e.n, 0);
  const eventTitle = new Map(eventRows.map((e) => [e.id, e.title]));
  const statusCount = new Map(statusRows.map((r) => [r.status, r.n]));
  const escalations = escalationRows.map((e) => ({
    id: e.id,
    issueId: e.issue_id,
    issueTitle: e.title,
    authority: e.authority,
    reference: e.reference,
    sentAt: iso(e.sent_at),
    responseDueAt: iso(e.response_due_at),
    respondedAt: e.responded_at ? iso(e.responded_at) : null,
    overdue: !e.responded_at && e.response_due_at < now,
  }));
  const aimakOrder = new Map<string | null, string>(
    tree.filter((t) => t.level === 'aiyl_aimak').map((t) => [t.id, t.code]),
  );

  return {
    format: SNAPSHOT_FORMAT,
    kind: request.kind,
    language: request.language,
    takenAt,
    district: { id: district.id, code: district.code, name: district.name },
    period: { from: scope.from, to: scope.to },
    minCellSize,
    aiylAimaks: tree
      .filter((t) => t.level === 'aiyl_aimak')
      .sort((a, b) => compare(a.code, b.code))
      .map((t) => ({ id: t.id, code: t.code, name: t.name })),
    keyFigures: {
      issuesRaised: statusRows.reduce((sum, r) => sum + r.n, 0),
      issuesByStatus: ISSUE_STATUSES.map((status) => ({
        status,
        count: statusCount.get(status) ?? 0,
      })),
      escalationsSent: escalations.length,
      escalationsAnswered: escalations.filter((e) => e.respondedAt).length,
      escalationsOverdue: escalations.filter((e) => e.overdue).length,
      eventsHeld: eventRows.length,
      participants: people(participants, suppressCells([participants], [], minCellSize)[0]),
      commitments: commitmentRows.length,
    },
    issuesByCategory: categoryRows
      .map((r) => ({ category: r.category, aiylAimakId: r.aimak, count: r.n }))
      .sort(
        (a, b) =>
          compare(a.category, b.category) ||
          compare(aimakOrder.get(a.aiylAimakId) ?? '', aimakOrder.get(b.aiylAimakId) ?? ''),
      ),
    prioritised: prioritisedRows
      .map((r) => ({
        id: r.id,
        title: r.title,
        category: r.category,
        status: r.status,
        prioritisedAt: r.at ? iso(r.at) : null,
        endorsements: r.endorsements,
      }))
      .sort((a, b) => compare(a.prioritisedAt ?? '', b.prioritisedAt ?? '') || compare(a.id, b.id)),
    ballots,
    escalations,
    legalBasis,
    strategies,
    campaigns,
    attendance: {
      events: eventRows.map((e) => ({
        id: e.id,
        title: e.title,
        kind: e.kind,
        startsAt: iso(e.starts_at),
        participants: people(e.n, suppressCells([e.n], [], minCellSize)[0]),
      })),
      ...attendance,
    },
    commitments: commitmentRows.map((c) => ({
      id: c.id,
      eventId: c.event_id,
      eventTitle: eventTitle.get(c.event_id) ?? {},
      text: c.text,
      owner: c.owner,
      dueAt: iso(c.due_at),
    })),
  };
}

/** Code-unit order, the same in every locale (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function people(count: number, suppressed: Suppression | null): PeopleCount {
  return suppressed ? { count: null, suppressed } : { count, suppressed: null };
}

/**
 * Gender × age band with the genders' totals, suppressed by the one rule (suppressTable): rows
 * are genders (their totals shown), columns age bands. The age bands' totals are not given: with
 * both margins and the grand total known, the rule's secondary cells (a zero hidden beside a
 * small count) can be worked out again from the other margin, and the small count with them.
 */
export function attendanceTables(
  rows: ReadonlyArray<{ gender: string; age_band: string; n: number }>,
  minCellSize: number,
): AttendanceTables {
  const counts = GENDERS.map((g) =>
    AGE_BANDS.map((a) =>
      rows.filter((r) => r.gender === g && r.age_band === a).reduce((s, r) => s + r.n, 0),
    ),
  );
  const total = counts.flat().reduce((a, b) => a + b, 0);
  if (total === 0) return { cells: [], byGender: [] };
  const { cells: marks } = suppressTable({
    counts,
    minCellSize,
    rowTotalsKnown: true,
    columnTotalsKnown: false,
  });
  const genderTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const genderMarks = suppressCells(genderTotals, [genderTotals.map((_, i) => i)], minCellSize);
  return {
    cells: GENDERS.flatMap((gender, g) =>
      AGE_BANDS.map((ageBand, a) => ({ gender, ageBand, ...people(counts[g][a], marks[g][a]) })),
    ),
    byGender: GENDERS.map((gender, g) => ({ gender, ...people(genderTotals[g], genderMarks[g]) })),
  };
}
