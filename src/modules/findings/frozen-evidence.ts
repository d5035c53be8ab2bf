import type { SurveyResultsDto } from '../surveys/results/dto/survey-results.dto.js';
import type { TerritoryLevel } from '../territories/territory.entity.js';

/**
 * Survey result cells as a finding froze them: the results the service answered then
 * (narrowed to one question when the finding cites one), the grouping, and the minimum cell
 * size in force (inside `results` too). Stored as jsonb; never recomputed.
 */
export interface FrozenSurveyEvidence {
  surveyId: string;
  by: string;
  question: string | null;
  territoryLevel: TerritoryLevel | null;
  minCellSize: number;
  frozenAt: string;
  results: SurveyResultsDto;
}
