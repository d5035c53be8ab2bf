import { describe, expect, it } from 'vitest';
import type { User } from '../src/api/client.js';
import type { OutboxItem } from '../src/offline/outbox.js';
import {
  blankRow,
  commitmentsBody,
  mayAnswer,
  mayEscalate,
  mayOrganise,
  nextRow,
  rowProblems,
  rowRequest,
  sheetCounter,
  statsBlocks,
  anySuppressed,
  toAttendanceRow,
  waitingRows,
  whenRange,
  type EventStats,
  type SheetRow,
} from '../src/screens/events/model.js';

let n = 0;
const makeId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function user(role: User['role'], organisations: User['organisations'] = []): User {
  return { id: 'u1', role, organisations } as unknown as User;
}
const rep = user('member', [{ id: 'org-1', name: 'Ак-Сай АӨ', role: 'representative' }]);
const plain = user('member', [{ id: 'org-1', name: 'Ак-Сай АӨ', role: 'member' }]);
const staff = user('facilitator');

describe('who may, on the events screens and the issue', () => {
  it('lets staff and representatives organise, not plain members', () => {
    expect(mayOrganise(staff)).toBe(true);
    expect(mayOrganise(rep)).toBe(true);
    expect(mayOrganise(plain)).toBe(false);
    expect(mayOrganise(null)).toBe(false);
  });

  it("shows the escalation form to the raising organisation's representatives from discussing or prioritised", () => {
    const issue = (status: string, organisationId: string | null = 'org-1') => ({
      status,
      organisationId,
    });
    expect(mayEscalate(rep, issue('discussing'))).toBe(true);
    expect(mayEscalate(rep, issue('prioritised'))).toBe(true);
    expect(mayEscalate(rep, issue('raised'))).toBe(false);
    expect(mayEscalate(rep, issue('escalated'))).toBe(false);
    expect(mayEscalate(rep, issue('discussing', 'org-2'))).toBe(false);
    expect(mayEscalate(rep, issue('discussing', null))).toBe(false);
    expect(mayEscalate(plain, issue('discussing'))).toBe(false);
    // Staff keep their statuses: not from discussing.
    expect(mayEscalate(staff, issue('discussing'))).toBe(false);
    expect(mayEscalate(staff, issue('prioritised', null))).toBe(true);
    expect(mayEscalate(staff, issue('answered'))).toBe(true);
    expect(mayAnswer(rep, { organisationId: 'org-1' })).toBe(true);
    expect(mayAnswer(plain, { organisationId: 'org-1' })).toBe(false);
    expect(mayAnswer(staff, { organisationId: null })).toBe(true);
  });
});

describe('upcoming and past', () => {
  const now = new Date('2026-06-10T06:00:00Z');
  it('upcoming starts now (or later), past ends now (or earlier)', () => {
    expect(whenRange('upcoming', now)).toEqual({ from: now.toISOString(), to: undefined });
    expect(whenRange('past', now)).toEqual({ from: undefined, to: now.toISOString() });
    expect(whenRange('upcoming', now, '2026-07-01', '2026-07-31')).toEqual({
      from: '2026-06-30T18:00:00.000Z',
      to: '2026-07-31T17:59:59.999Z',
    });
    expect(whenRange('past', now, '2026-01-01', '2026-12-31').to).toBe(now.toISOString());
  });
});

describe('the sign-in sheet row model', () => {
  function filled(): SheetRow {
    return {
      ...blankRow(makeId),
      name: '  Гүлнара Ташиева ',
      organisationId: 'org-1',
      territoryId: 'ter-1',
      gender: 'female',
      ageBand: '30-44',
      role: 'speaker',
    };
  }

  it('needs a person, a gender and an age band', () => {
    expect(rowProblems(blankRow(makeId))).toEqual({
      who: 'who',
      gender: 'gender',
      ageBand: 'ageBand',
    });
    expect(rowProblems(filled())).toEqual({});
    expect(rowProblems({ ...filled(), name: '', userId: 'user-9' })).toEqual({});
  });

  it('"save and next" keeps organisation, territory and role, with a new id and nothing else', () => {
    const first = filled();
    const next = nextRow(first, makeId);
    expect(next.clientRowId).not.toBe(first.clientRowId);
    expect(next).toMatchObject({
      organisationId: 'org-1',
      territoryId: 'ter-1',
      role: 'speaker',
      name: '',
      userId: '',
      gender: '',
      ageBand: '',
    });
  });

  it('sends a name or a user, never both, and leaves empty fields out', () => {
    const row = filled();
    expect(toAttendanceRow(row)).toEqual({
      clientRowId: row.clientRowId,
      name: 'Гүлнара Ташиева',
      organisationId: 'org-1',
      territoryId: 'ter-1',
      gender: 'female',
      ageBand: '30-44',
      role: 'speaker',
    });
    const picked = toAttendanceRow({
      ...row,
      userId: 'user-9',
      organisationId: '',
      territoryId: '',
    });
    expect(picked).toEqual({
      clientRowId: row.clientRowId,
      userId: 'user-9',
      gender: 'female',
      ageBand: '30-44',
      role: 'speaker',
    });
    expect(() => toAttendanceRow(blankRow(makeId))).toThrow();
  });
});

describe('rows through the outbox', () => {
  const item = (id: string, seq: number, body: unknown, scope = 'sheet:ev-1'): OutboxItem => ({
    id,
    seq,
    kind: 'request',
    scope,
    payload: { method: 'POST', path: '/api/v1/events/ev-1/attendance', body },
    state: 'pending',
    attempts: 0,
    createdAt: seq,
  });

  it("makes one request per row, keyed by the row's clientRowId", () => {
    const row = {
      ...blankRow(makeId),
      name: 'Азамат',
      gender: 'male' as const,
      ageBand: '45-59' as const,
    };
    const req = rowRequest('ev-1', row);
    expect(req.id).toBe(row.clientRowId);
    expect(req.payload).toEqual({
      method: 'POST',
      path: '/api/v1/events/ev-1/attendance',
      body: { rows: [expect.objectContaining({ clientRowId: row.clientRowId, name: 'Азамат' })] },
    });
  });

  it("reads the sheet's waiting rows back out of the outbox, in order, for this event only", () => {
    const a = rowRequest('ev-1', {
      ...blankRow(makeId),
      name: 'A',
      gender: 'female',
      ageBand: '<18',
    });
    const b = rowRequest('ev-1', {
      ...blankRow(makeId),
      name: 'B',
      gender: 'male',
      ageBand: '60+',
    });
    const items = [
      item(b.id, 2, b.payload.body),
      item(a.id, 1, a.payload.body),
      item('other', 3, { rows: [{ clientRowId: 'x' }] }, 'sheet:ev-2'),
      item('comment', 4, { body: 'hi' }, 'issue:ev-1'),
    ];
    const waiting = waitingRows(items, 'ev-1');
    expect(waiting.map((w) => w.row.name)).toEqual(['A', 'B']);
  });

  it('counts entered and waiting without counting a row the hub has twice', () => {
    const a = rowRequest('ev-1', {
      ...blankRow(makeId),
      name: 'A',
      gender: 'female',
      ageBand: '<18',
    });
    const b = rowRequest('ev-1', {
      ...blankRow(makeId),
      name: 'B',
      gender: 'male',
      ageBand: '60+',
    });
    const waiting = waitingRows(
      [item(a.id, 1, a.payload.body), item(b.id, 2, b.payload.body)],
      'ev-1',
    );
    expect(sheetCounter({ total: 4, clientRowIds: new Set() }, waiting)).toEqual({
      stored: 4,
      waiting: 2,
      entered: 6,
    });
    // The hub answered for A, but its outbox item is not gone yet.
    expect(sheetCounter({ total: 5, clientRowIds: new Set([a.id]) }, waiting)).toEqual({
      stored: 5,
      waiting: 1,
      entered: 6,
    });
  });
});

describe('statistics and commitments', () => {
  const stats: EventStats = {
    eventId: 'ev-1',
    minCellSize: 5,
    suppressionApplied: true,
    total: 12,
    attendanceRows: 12,
    cells: [
      { gender: 'female', ageBand: '30-44', organisationKind: 'aiyl_okmotu', count: 7 },
      // The secondary step may hide a zero of a kind with nobody in it (not in the margin).
      {
        gender: 'male',
        ageBand: '60+',
        organisationKind: 'community_group',
        count: null,
        suppressed: 'secondary',
      },
      {
        gender: 'female',
        ageBand: '30-44',
        organisationKind: 'aiyl_kenesh',
        count: null,
        suppressed: 'secondary',
      },
      {
        gender: 'male',
        ageBand: '30-44',
        organisationKind: 'aiyl_okmotu',
        count: null,
        suppressed: 'primary',
      },
      {
        gender: 'female',
        ageBand: '18-29',
        organisationKind: 'ngo',
        count: null,
        suppressed: 'secondary',
      },
    ],
    byGender: [],
    byAgeBand: [],
    byOrganisationKind: [
      { organisationKind: 'aiyl_kenesh', count: 0 },
      { organisationKind: 'aiyl_okmotu', count: 9 },
      { organisationKind: 'ngo', count: null, suppressed: 'primary' },
    ],
  };

  it('makes one gender × age table per organisation kind present (none for a kind with 0), suppressed cells marked', () => {
    const blocks = statsBlocks(stats);
    expect(blocks.map((b) => b.organisationKind)).toEqual(['aiyl_okmotu', 'ngo']);
    expect(blocks[0].cells.female['30-44']).toEqual({ kind: 'count', count: 7 });
    expect(blocks[0].cells.male['30-44']).toEqual({ kind: 'suppressed' });
    expect(blocks[0].cells.male['<18']).toEqual({ kind: 'count', count: 0 });
    expect(blocks[0].total).toEqual({ kind: 'count', count: 9 });
    expect(blocks[1].total).toEqual({ kind: 'suppressed' });
    expect(anySuppressed(stats)).toBe(true);
    expect(anySuppressed({ ...stats, cells: [], byOrganisationKind: [] })).toBe(false);
  });

  it('sends commitments with an end-of-day due time and skips empty drafts', () => {
    expect(
      commitmentsBody([
        { key: '1', text: ' Canal cleaned ', ownerOrganisationId: 'org-1', due: '2026-07-15' },
        { key: '2', text: '', ownerOrganisationId: '', due: '' },
      ]),
    ).toEqual([
      { text: 'Canal cleaned', ownerOrganisationId: 'org-1', dueAt: '2026-07-15T17:59:00.000Z' },
    ]);
  });
});
