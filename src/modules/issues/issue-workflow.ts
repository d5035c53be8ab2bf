import type { IssueStatus } from './issue.enums.js';

/**
 * Who may make a move: the issue's author, network staff (facilitators and admins), or a
 * representative of the organisation that raised the issue (only for escalations they sent
 * themselves, issue 13: the network keeps working when the programme's staff are gone).
 */
export type Mover = 'author' | 'staff' | 'representative';

export interface Move {
  from: IssueStatus;
  to: IssueStatus;
  who: readonly Mover[];
  /** A note is required (closing needs a reason). */
  noteRequired?: boolean;
  /**
   * Made only by sending an escalation or recording its answer, never by hand: an
   * `escalated` issue always has an escalation, an `answered` one an answer.
   */
  viaEscalation?: boolean;
}

/** Statuses from which an issue can still be closed. */
export const OPEN_STATUSES: readonly IssueStatus[] = [
  'raised',
  'discussing',
  'prioritised',
  'escalated',
  'answered',
];

/**
 * The whole workflow, in one table. `merged` is reached only through merge, never as a
 * move; `escalated` and `answered` are also set by escalations (sending one, recording its
 * answer), which go through the same table.
 */
export const MOVES: readonly Move[] = [
  { from: 'raised', to: 'discussing', who: ['author', 'staff'] },
  { from: 'discussing', to: 'prioritised', who: ['staff'] },
  { from: 'prioritised', to: 'discussing', who: ['staff'] },
  { from: 'prioritised', to: 'escalated', who: ['staff', 'representative'], viaEscalation: true },
  // The raising organisation may take its own issue to an authority without waiting for staff.
  { from: 'discussing', to: 'escalated', who: ['representative'], viaEscalation: true },
  { from: 'escalated', to: 'answered', who: ['staff'], viaEscalation: true },
  // Not satisfied with the answer: one level higher.
  { from: 'answered', to: 'escalated', who: ['staff'], viaEscalation: true },
  { from: 'answered', to: 'resolved', who: ['author', 'staff'] },
  ...OPEN_STATUSES.map((from): Move => ({
    from,
    to: 'closed',
    who: ['author', 'staff'],
    noteRequired: true,
  })),
  { from: 'closed', to: 'discussing', who: ['author', 'staff'] },
];

export interface Actor {
  isAuthor: boolean;
  isStaff: boolean;
  /** A representative of the issue's raising organisation (`issues.organisation_id`). */
  isRepresentative?: boolean;
}

function allowedFor(move: Move, actor: Actor): boolean {
  return (
    (move.who.includes('author') && actor.isAuthor) ||
    (move.who.includes('staff') && actor.isStaff) ||
    (move.who.includes('representative') && actor.isRepresentative === true)
  );
}

/** How a move is asked for: by hand (`POST /issues/:id/transitions`) or by an escalation. */
export type Channel = 'manual' | 'escalation';

function openOn(move: Move, channel: Channel): boolean {
  return channel === 'escalation' || !move.viaEscalation;
}

/** The moves this actor may make by hand from a status (named in a 409, and shown to clients). */
export function allowedMoves(
  from: IssueStatus,
  actor: Actor,
  channel: Channel = 'manual',
): IssueStatus[] {
  return MOVES.filter((m) => m.from === from && allowedFor(m, actor) && openOn(m, channel)).map(
    (m) => m.to,
  );
}

export type MoveCheck =
  | { ok: true; move: Move }
  | {
      ok: false;
      reason: 'not_in_workflow' | 'not_allowed_for_actor' | 'note_required' | 'via_escalation';
      allowed: IssueStatus[];
    };

/** Decides a requested move; the one place the rules live. */
export function checkMove(
  from: IssueStatus,
  to: IssueStatus,
  actor: Actor,
  note?: string | null,
  channel: Channel = 'manual',
): MoveCheck {
  const allowed = allowedMoves(from, actor, channel);
  const move = MOVES.find((m) => m.from === from && m.to === to);
  if (!move) return { ok: false, reason: 'not_in_workflow', allowed };
  if (!allowedFor(move, actor)) return { ok: false, reason: 'not_allowed_for_actor', allowed };
  if (!openOn(move, channel)) return { ok: false, reason: 'via_escalation', allowed };
  if (move.noteRequired && !note?.trim()) return { ok: false, reason: 'note_required', allowed };
  return { ok: true, move };
}
