/**
 * How a strategy's progress rolls up (Decidim's rule for results: a parent's progress is the
 * weighted mean of its children's). One function, used by the API's views and the district
 * report alike, so the two can never disagree. See docs/strategies.md.
 *
 * - An action's progress is its own, 0–100 (done is always 100).
 * - An objective's is the weighted mean of its actions' (weight default 1). Dropped actions are
 *   left out: work the network decided not to do is neither done nor undone. An objective with
 *   no action counted has progress 0.
 * - The strategy's is the weighted mean of its objectives' (an objective with no action counts
 *   as 0: nothing of it is done yet). A strategy with no objective has progress 0.
 * - Means are computed from the unrounded values below them; only the figures shown are rounded,
 *   to one decimal (`roundProgress`), so rounding never accumulates.
 */
import type { ActionStatus } from './strategy.enums.js';

export interface RollupAction {
  weight: number;
  progress: number;
  status: ActionStatus;
}

export interface RollupObjective<A extends RollupAction = RollupAction> {
  weight: number;
  actions: A[];
}

export interface Rollup {
  /** Unrounded. */
  progress: number;
  /** Each objective's, unrounded, in the order given. */
  objectives: number[];
}

function weightedMean(items: { weight: number; value: number }[]): number {
  let weights = 0;
  let sum = 0;
  for (const { weight, value } of items) {
    weights += weight;
    sum += weight * value;
  }
  return weights > 0 ? sum / weights : 0;
}

export function objectiveProgress(actions: RollupAction[]): number {
  return weightedMean(
    actions
      .filter((a) => a.status !== 'dropped')
      .map((a) => ({ weight: a.weight, value: a.status === 'done' ? 100 : a.progress })),
  );
}

export function rollup(objectives: RollupObjective[]): Rollup {
  const values = objectives.map((o) => objectiveProgress(o.actions));
  return {
    progress: weightedMean(objectives.map((o, i) => ({ weight: o.weight, value: values[i] }))),
    objectives: values,
  };
}

/** The figure shown: one decimal, half away from zero. */
export function roundProgress(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Overdue: the due date has passed and the action is neither done nor dropped. */
export function isOverdue(action: { dueAt: Date; status: ActionStatus }, now: Date): boolean {
  return (
    action.dueAt.getTime() < now.getTime() &&
    action.status !== 'done' &&
    action.status !== 'dropped'
  );
}
