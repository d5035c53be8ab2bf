// What the ballot screen computes without the hub: the draft of a vote (ticks, an order, dots),
// its moves, and the bars of the results. Pure, unit-tested (web/test/ballots-model.test.ts).

export type Method = 'approval' | 'ranked' | 'dot';

export interface Draft {
  /** approval: the ticked issues (ballot order); ranked: the chosen issues in order. */
  choices: string[];
  /** dot: points per issue. */
  points: Record<string, number>;
}

export const emptyDraft = (): Draft => ({ choices: [], points: {} });

/** The draft a stored vote starts from (or an empty one). */
export function draftOf(
  vote: { choices: string[] | null; points: Record<string, number> | null } | null | undefined,
): Draft {
  return { choices: [...(vote?.choices ?? [])], points: { ...(vote?.points ?? {}) } };
}

/** Ticks or unticks an issue (approval), keeping the ballot's order; never past `max`. */
export function toggle(
  draft: Draft,
  issueId: string,
  order: readonly string[],
  max: number,
): Draft {
  const on = draft.choices.includes(issueId);
  if (!on && draft.choices.length >= max) return draft;
  const next = on ? draft.choices.filter((id) => id !== issueId) : [...draft.choices, issueId];
  return { ...draft, choices: order.filter((id) => next.includes(id)) };
}

/** Adds an issue at the end of the order (ranked); never past `max`. */
export function rankAdd(draft: Draft, issueId: string, max: number): Draft {
  if (draft.choices.includes(issueId) || draft.choices.length >= max) return draft;
  return { ...draft, choices: [...draft.choices, issueId] };
}

export function rankRemove(draft: Draft, issueId: string): Draft {
  return { ...draft, choices: draft.choices.filter((id) => id !== issueId) };
}

/** Moves an issue one place up (−1) or down (+1) in the order. */
export function rankMove(draft: Draft, issueId: string, by: -1 | 1): Draft {
  const i = draft.choices.indexOf(issueId);
  const j = i + by;
  if (i < 0 || j < 0 || j >= draft.choices.length) return draft;
  const choices = [...draft.choices];
  [choices[i], choices[j]] = [choices[j], choices[i]];
  return { ...draft, choices };
}

export function spent(draft: Draft): number {
  return Object.values(draft.points).reduce((a, n) => a + n, 0);
}

/** One dot more (+1) or less (−1) on an issue, within the budget and never below 0. */
export function dot(draft: Draft, issueId: string, by: -1 | 1, budget: number): Draft {
  const now = draft.points[issueId] ?? 0;
  if (by > 0 && spent(draft) >= budget) return draft;
  if (by < 0 && now === 0) return draft;
  const points = { ...draft.points, [issueId]: now + by };
  if (!points[issueId]) delete points[issueId];
  return { ...draft, points };
}

/** Whether the draft can be sent: something chosen, and within the rules. */
export function ready(method: Method, draft: Draft, max: number, budget: number): boolean {
  if (method === 'dot') {
    const n = spent(draft);
    return n > 0 && n <= budget;
  }
  return draft.choices.length > 0 && draft.choices.length <= max;
}

/** The body of `PUT /ballots/:id/votes/:organisationId`. */
export function body(method: Method, draft: Draft, order: readonly string[]) {
  if (method === 'dot') {
    const points: Record<string, number> = {};
    for (const id of order) if (draft.points[id]) points[id] = draft.points[id];
    return { points };
  }
  return { choices: [...draft.choices] };
}

/** Whether the draft says the same as the stored vote (nothing to send). */
export function same(
  draft: Draft,
  vote: { choices: string[] | null; points: Record<string, number> | null } | null | undefined,
): boolean {
  if (!vote) return false;
  const stored = draftOf(vote);
  return (
    JSON.stringify(stored.choices) === JSON.stringify(draft.choices) &&
    JSON.stringify(Object.entries(stored.points).sort()) ===
      JSON.stringify(Object.entries(draft.points).sort())
  );
}

/** A bar's width in percent of the largest score (0 when nothing scored). */
export function barWidth(score: number, top: number): number {
  return top > 0 ? Math.round((score / top) * 100) : 0;
}
