// Reading a finding's frozen cells and its trace into what the screens draw (no DOM, no words).
import type { FindingView, ResultGroup, ResultGrouping, ResultQuestion, TraceStep } from './api.js';
import { RESULT_GROUPINGS } from '../../../../src/modules/surveys/survey-contract.js';

export interface FrozenTable {
  /** The cited question's table, or every question's when none was cited. */
  questions: ResultQuestion[];
  groups: ResultGroup[];
  by: ResultGrouping[];
  minCellSize: number;
  frozenAt: string | null;
}

const isGrouping = (x: string): x is ResultGrouping =>
  (RESULT_GROUPINGS as readonly string[]).includes(x);

/** The survey cells a finding froze, as tables; null when it cites no survey result. */
export function frozenTable(finding: FindingView): FrozenTable | null {
  const e = finding.evidence;
  const results = e?.results;
  if (!results) return null;
  const cited = e.question ? results.questions.filter((q) => q.key === e.question) : [];
  return {
    questions: cited.length ? cited : results.questions,
    groups: results.groups,
    by: (results.by.length ? results.by : (e.by ?? '').split(',')).filter(isGrouping),
    minCellSize: e.minCellSize ?? results.minCellSize,
    frozenAt: e.frozenAt,
  };
}

/** The trace's steps in time order (the hub's order kept for steps at the same moment). */
export function traceSteps(steps: readonly TraceStep[]): TraceStep[] {
  return steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => (a.step.at < b.step.at ? -1 : a.step.at > b.step.at ? 1 : a.i - b.i))
    .map((x) => x.step);
}
