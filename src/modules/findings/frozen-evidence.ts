import type { ResultGrouping } from '../surveys/survey-contract.js';

/**
 * Survey result cells as a finding froze them: the results the service answered then
 * (narrowed to one question when the finding cites one), the grouping and the minimum cell
 * size in force. Stored as jsonb; never recomputed.
 */
export interface FrozenSurveyEvidence {
  surveyId: string;
  by: ResultGrouping;
  question: string | null;
  minCellSize: number;
  frozenAt: string;
  results: Record<string, unknown>;
}
