// The pure logic of the events screens, kept apart from Preact so unit tests reach it: who may do
// what (hides controls the hub would refuse; the hub decides in the end), the sign-in sheet's row
// model (one person per row, "save and next" keeping organisation, territory and role), how a row
// goes through the outbox (one request per row, its clientRowId as the Idempotency-Key, so a
// retry stores nothing twice) and comes back out of it as "waiting", and the statistics table
// (gender × age band for each organisation kind, suppressed cells marked).
import type { Schemas, User } from '../../api/client.js';
import type { OutboxItem, RequestPayload } from '../../offline/outbox.js';

export type EventView = Schemas['EventViewDto'];
export type EventKind = EventView['kind'];
export type AttendanceRow = Schemas['AttendanceRowDto'];
export type AttendanceLine = Schemas['AttendanceLineDto'];
export type Registrant = Schemas['EventRegistrantDto'];
export type EventStats = Schemas['EventStatsDto'];
export type StatsCell = Schemas['StatsCellDto'];
export type Gender = AttendanceRow['gender'];
export type AgeBand = AttendanceRow['ageBand'];
export type Role = AttendanceRow['role'];
export type OrgKind = NonNullable<StatsCell['organisationKind']>;

export const KINDS: readonly EventKind[] = [
  'training',
  'round_table',
  'network_meeting',
  'presentation',
  'focus_group',
];
/** The kinds these screens create; focus groups have their own screens. */
export const NEW_KINDS: readonly EventKind[] = [
  'training',
  'round_table',
  'network_meeting',
  'presentation',
];
export const GENDERS: readonly Gender[] = ['female', 'male', 'undisclosed'];
export const AGE_BANDS: readonly AgeBand[] = ['<18', '18-29', '30-44', '45-59', '60+'];
export const ROLES: readonly Role[] = ['participant', 'speaker', 'facilitator'];
export const ORG_KINDS: readonly OrgKind[] = [
  'aiyl_okmotu',
  'aiyl_kenesh',
  'state_administration',
  'government_body',
  'ngo',
  'community_group',
  'international_partner',
  'none',
];

// ---- Who may ---------------------------------------------------------------------------------

export const isStaffUser = (user: User | null): boolean =>
  user?.role === 'facilitator' || user?.role === 'admin';

/** Organisations the user represents (any network status; the form lists the members first). */
export const represented = (user: User | null) =>
  (user?.organisations ?? []).filter((o) => o.role === 'representative');

/** Staff, or a representative of some organisation (the hub checks it is a network member). */
export const mayOrganise = (user: User | null): boolean =>
  isStaffUser(user) || represented(user).length > 0;

/** Where the event screen links a card: focus groups to their own screens. */
export const eventHref = (e: Pick<EventView, 'id' | 'kind'>): string =>
  e.kind === 'focus_group' ? `/focus-groups/${e.id}` : `/events/${e.id}`;

/**
 * Who sees "record an escalation" on an issue (issue 13): staff from prioritised or answered (an
 * escalated issue too: another authority); a representative of the organisation that raised it
 * from discussing or prioritised.
 */
export function mayEscalate(
  user: User | null,
  issue: { status: string; organisationId?: string | null },
): boolean {
  if (!user) return false;
  if (isStaffUser(user)) return ['prioritised', 'answered', 'escalated'].includes(issue.status);
  return (
    !!issue.organisationId &&
    represented(user).some((o) => o.id === issue.organisationId) &&
    ['discussing', 'prioritised'].includes(issue.status)
  );
}

/** Who may record the answer to an escalation: staff, and the raising organisation's representatives. */
export function mayAnswer(user: User | null, issue: { organisationId?: string | null }): boolean {
  if (!user) return false;
  return (
    isStaffUser(user) ||
    (!!issue.organisationId && represented(user).some((o) => o.id === issue.organisationId))
  );
}

// ---- Upcoming and past -----------------------------------------------------------------------

/** The `from`/`to` of the list's query for "upcoming" (from now) or "past" (up to now). */
export function whenRange(
  when: 'upcoming' | 'past',
  now: Date,
  from?: string,
  to?: string,
): { from?: string; to?: string } {
  const day = (d: string | undefined, end: boolean) =>
    d ? new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}+06:00`).toISOString() : undefined;
  const f = day(from, false);
  const t = day(to, true);
  const n = now.toISOString();
  if (when === 'upcoming') return { from: f && f > n ? f : n, to: t };
  return { from: f, to: t && t < n ? t : n };
}

// ---- The sign-in sheet -----------------------------------------------------------------------

/** One row as typed on the phone (strings as the inputs hold them). */
export interface SheetRow {
  clientRowId: string;
  /** A registered member picked from the list, or empty for a name as written. */
  userId: string;
  name: string;
  organisationId: string;
  gender: Gender | '';
  ageBand: AgeBand | '';
  territoryId: string;
  role: Role;
}

export function blankRow(makeId: () => string): SheetRow {
  return {
    clientRowId: makeId(),
    userId: '',
    name: '',
    organisationId: '',
    gender: '',
    ageBand: '',
    territoryId: '',
    role: 'participant',
  };
}

/** "Save and next": a new row (new id) keeping the organisation, territory and role typed last. */
export function nextRow(previous: SheetRow, makeId: () => string): SheetRow {
  return {
    ...blankRow(makeId),
    organisationId: previous.organisationId,
    territoryId: previous.territoryId,
    role: previous.role,
  };
}

export type RowProblem = 'who' | 'gender' | 'ageBand';

/** What the row still needs before it can be saved (field → problem), empty when ready. */
export function rowProblems(
  row: SheetRow,
): Partial<Record<'who' | 'gender' | 'ageBand', RowProblem>> {
  const problems: Partial<Record<'who' | 'gender' | 'ageBand', RowProblem>> = {};
  if (!row.userId && !row.name.trim()) problems.who = 'who';
  if (!row.gender) problems.gender = 'gender';
  if (!row.ageBand) problems.ageBand = 'ageBand';
  return problems;
}

/** The row as the hub takes it: a user or a name (never both), optional fields left out. */
export function toAttendanceRow(row: SheetRow): AttendanceRow {
  if (!row.gender || !row.ageBand) throw new Error('row not ready');
  const out: AttendanceRow = {
    clientRowId: row.clientRowId,
    gender: row.gender,
    ageBand: row.ageBand,
    role: row.role,
  };
  if (row.userId) out.userId = row.userId;
  else out.name = row.name.trim();
  if (row.organisationId) out.organisationId = row.organisationId;
  if (row.territoryId) out.territoryId = row.territoryId;
  return out;
}

/** The outbox scope of an event's sheet. */
export const sheetScope = (eventId: string): string => `sheet:${eventId}`;

/**
 * One row, one outbox item: `POST /events/:id/attendance` with that row alone, added under the
 * row's clientRowId as the item id (the Idempotency-Key). Kept on the phone while offline; a
 * retry after a lost answer is answered from the key, and the row itself is stored once by its
 * clientRowId whatever happens to the key.
 */
export function rowRequest(
  eventId: string,
  row: SheetRow,
): { id: string; payload: RequestPayload } {
  return {
    id: row.clientRowId,
    payload: {
      method: 'POST',
      path: `/api/v1/events/${eventId}/attendance`,
      body: { rows: [toAttendanceRow(row)] },
    },
  };
}

/** A row still in the outbox, with its state (waiting, sending, refused). */
export interface WaitingRow {
  item: OutboxItem;
  row: AttendanceRow;
}

/** The sheet's rows still on the phone, oldest first. */
export function waitingRows(items: readonly OutboxItem[], eventId: string): WaitingRow[] {
  const scope = sheetScope(eventId);
  const out: WaitingRow[] = [];
  for (const item of items) {
    if (item.scope !== scope || item.kind !== 'request') continue;
    const body = (item.payload as RequestPayload).body as { rows?: AttendanceRow[] } | undefined;
    for (const row of body?.rows ?? []) out.push({ item, row });
  }
  return out.sort((a, b) => a.item.seq - b.item.seq);
}

/**
 * The counter: rows the hub has (its total, or the lines read back), rows waiting on the phone
 * that the hub does not list yet (a row the hub has is never counted twice), and the sum.
 */
export function sheetCounter(
  stored: { total: number; clientRowIds: ReadonlySet<string> },
  waiting: readonly WaitingRow[],
): { stored: number; waiting: number; entered: number } {
  const pending = waiting.filter((w) => !stored.clientRowIds.has(w.row.clientRowId)).length;
  return { stored: stored.total, waiting: pending, entered: stored.total + pending };
}

// ---- Statistics ------------------------------------------------------------------------------

/** A shown cell: a number, nothing (0), or suppressed (×). */
export type Shown = { kind: 'count'; count: number } | { kind: 'suppressed' };

export interface StatsBlock {
  organisationKind: OrgKind;
  /** gender → age band → shown cell (missing: 0). */
  cells: Record<string, Record<string, Shown>>;
  total: Shown;
}

const shown = (c: StatsCell | undefined): Shown =>
  c?.suppressed || (c && c.count === null)
    ? { kind: 'suppressed' }
    : { kind: 'count', count: c?.count ?? 0 };

/**
 * The cube as one small gender × age band table per organisation kind that has anyone (or a
 * suppressed cell), in the fixed order of kinds; its total from the organisation-kind margin.
 */
export function statsBlocks(stats: EventStats): StatsBlock[] {
  const blocks: StatsBlock[] = [];
  for (const kind of ORG_KINDS) {
    const own = stats.cells.filter((c) => c.organisationKind === kind);
    const margin = stats.byOrganisationKind.find((c) => c.organisationKind === kind);
    // The organisation-kind margin lists every kind with someone (or hidden); a kind it leaves
    // out has nobody, and its cells (zeros the secondary step may have hidden) say nothing.
    const present =
      !!margin && (margin.suppressed !== undefined || margin.count === null || margin.count > 0);
    if (!present) continue;
    const cells: StatsBlock['cells'] = {};
    for (const g of GENDERS) {
      cells[g] = {};
      for (const a of AGE_BANDS)
        cells[g][a] = shown(own.find((c) => c.gender === g && c.ageBand === a));
    }
    blocks.push({ organisationKind: kind, cells, total: shown(margin) });
  }
  return blocks;
}

/** Whether anything in the statistics was suppressed (the legend is shown then). */
export const anySuppressed = (stats: EventStats): boolean =>
  [...stats.cells, ...stats.byGender, ...stats.byAgeBand, ...stats.byOrganisationKind].some(
    (c) => c.suppressed !== undefined || c.count === null,
  );

// ---- Commitments at closing ------------------------------------------------------------------

export interface CommitmentDraft {
  key: string;
  text: string;
  ownerOrganisationId: string;
  /** YYYY-MM-DD */
  due: string;
}

/** The commitments as the hub takes them; drafts with no text at all are left out. */
export function commitmentsBody(
  drafts: readonly CommitmentDraft[],
): { text: string; ownerOrganisationId: string; dueAt: string }[] {
  return drafts
    .filter((d) => d.text.trim() || d.ownerOrganisationId || d.due)
    .map((d) => ({
      text: d.text.trim(),
      ownerOrganisationId: d.ownerOrganisationId,
      // End of the day in Bishkek: "due on the 15th" means the whole of the 15th.
      dueAt: d.due ? new Date(`${d.due}T23:59:00+06:00`).toISOString() : '',
    }));
}
