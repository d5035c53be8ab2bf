import type { BallotMethod } from './ballot.enums.js';

/** One organisation's vote: the issues in order (approval, ranked) or points per issue (dot). */
export interface CastVote {
  choices?: readonly string[] | null;
  points?: Readonly<Record<string, number>> | null;
}

export interface IssueScore {
  issueId: string;
  score: number;
  /** Competition ranking (1, 2, 2, 4): equal scores share a rank. */
  rank: number;
}

/**
 * The score each issue earns from the votes, in the ballot's order of issues, ranked.
 * - approval: one point per organisation that ticked it;
 * - ranked: Loomio's rule, `n − rank + 1` points where n is the number of issues on the
 *   ballot and rank the position (1-based) in the organisation's order; unranked issues get 0;
 * - dot: the sum of the points given to it.
 * Choices naming an issue not on the ballot are ignored (they are refused when cast).
 */
export function scoreBallot(
  method: BallotMethod,
  issueIds: readonly string[],
  votes: readonly CastVote[],
): IssueScore[] {
  const totals = new Map(issueIds.map((id) => [id, 0]));
  const n = issueIds.length;
  for (const vote of votes) {
    if (method === 'dot') {
      for (const [id, points] of Object.entries(vote.points ?? {}))
        if (totals.has(id)) totals.set(id, totals.get(id)! + points);
      continue;
    }
    (vote.choices ?? []).forEach((id, i) => {
      if (!totals.has(id)) return;
      totals.set(id, totals.get(id)! + (method === 'ranked' ? n - (i + 1) + 1 : 1));
    });
  }
  const scores = issueIds.map((issueId) => ({ issueId, score: totals.get(issueId)! }));
  return scores.map((s) => ({
    ...s,
    rank: 1 + scores.filter((o) => o.score > s.score).length,
  }));
}

/** Issue ids ordered by rank, ties in the ballot's order. */
export function byRank<T extends IssueScore>(scores: readonly T[]): T[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.rank - b.s.rank || a.i - b.i)
    .map(({ s }) => s);
}
