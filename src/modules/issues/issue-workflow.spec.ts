import { ISSUE_STATUSES, type IssueStatus } from './issue.enums.js';
import { MOVES, OPEN_STATUSES, allowedMoves, checkMove } from './issue-workflow.js';

const author = { isAuthor: true, isStaff: false };
const staff = { isAuthor: false, isStaff: true };
const stranger = { isAuthor: false, isStaff: false };

describe('issue workflow table', () => {
  it('follows the path raised → discussing → prioritised → escalated → answered → resolved', () => {
    const path: IssueStatus[] = [
      'raised',
      'discussing',
      'prioritised',
      'escalated',
      'answered',
      'resolved',
    ];
    for (let i = 0; i < path.length - 1; i += 1) {
      expect(checkMove(path[i], path[i + 1], staff, null, 'escalation').ok).toBe(true);
    }
  });

  it('lets an answered issue go one level higher', () => {
    expect(checkMove('answered', 'escalated', staff, null, 'escalation').ok).toBe(true);
  });

  it('escalates and answers only through escalations, never by hand', () => {
    for (const [from, to] of [
      ['prioritised', 'escalated'],
      ['escalated', 'answered'],
      ['answered', 'escalated'],
    ] as const) {
      expect(checkMove(from, to, staff)).toMatchObject({ ok: false, reason: 'via_escalation' });
      expect(checkMove(from, to, staff, null, 'escalation').ok).toBe(true);
    }
    expect(allowedMoves('prioritised', staff)).toEqual(['discussing', 'closed']);
    expect(allowedMoves('prioritised', staff, 'escalation')).toEqual([
      'discussing',
      'escalated',
      'closed',
    ]);
  });

  it('closes any open issue with a note, and reopens a closed one into discussion', () => {
    for (const from of OPEN_STATUSES) {
      expect(checkMove(from, 'closed', author, 'duplicate of a solved one').ok).toBe(true);
      expect(checkMove(from, 'closed', author)).toMatchObject({
        ok: false,
        reason: 'note_required',
      });
      expect(checkMove(from, 'closed', author, '   ')).toMatchObject({
        ok: false,
        reason: 'note_required',
      });
    }
    expect(checkMove('closed', 'discussing', author).ok).toBe(true);
    expect(checkMove('resolved', 'closed', staff, 'x').ok).toBe(false);
  });

  it('never moves to merged, and never out of merged', () => {
    for (const from of ISSUE_STATUSES) expect(checkMove(from, 'merged', staff).ok).toBe(false);
    for (const to of ISSUE_STATUSES) expect(checkMove('merged', to, staff).ok).toBe(false);
  });

  it('lets only staff prioritise and escalate; the author may start discussion, close and resolve', () => {
    expect(checkMove('discussing', 'prioritised', author)).toMatchObject({
      ok: false,
      reason: 'not_allowed_for_actor',
    });
    expect(checkMove('prioritised', 'escalated', author).ok).toBe(false);
    expect(checkMove('raised', 'discussing', author).ok).toBe(true);
    expect(checkMove('answered', 'resolved', author).ok).toBe(true);
  });

  it("lets the raising organisation's representative escalate from discussing or prioritised, only by sending", () => {
    const representative = { isAuthor: false, isStaff: false, isRepresentative: true };
    for (const from of ['discussing', 'prioritised'] as const) {
      expect(checkMove(from, 'escalated', representative, null, 'escalation').ok).toBe(true);
      expect(checkMove(from, 'escalated', representative)).toMatchObject({ ok: false });
    }
    expect(checkMove('raised', 'escalated', representative, null, 'escalation').ok).toBe(false);
    expect(checkMove('answered', 'escalated', representative, null, 'escalation').ok).toBe(false);
    expect(allowedMoves('discussing', representative)).toEqual([]);
    // Staff keep their own rights: no escalation straight from discussion.
    expect(checkMove('discussing', 'escalated', staff, null, 'escalation').ok).toBe(false);
  });

  it('gives a stranger no moves at all', () => {
    for (const from of ISSUE_STATUSES) expect(allowedMoves(from, stranger)).toEqual([]);
  });

  it('names the allowed moves when refusing one', () => {
    expect(checkMove('raised', 'resolved', staff)).toEqual({
      ok: false,
      reason: 'not_in_workflow',
      allowed: ['discussing', 'closed'],
    });
  });

  it('has no duplicate moves', () => {
    const keys = MOVES.map((m) => `${m.from}->${m.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
