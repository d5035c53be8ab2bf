// The needs-assessment vocabulary of the API contract (issue 12), in one place for the
// surveys, results, export, events and findings code and for the web client, which imports
// this file as it is: keep it free of Node, Nest and TypeORM imports.
import type { Language } from '../../common/languages.js';

export const QUESTION_TYPES = [
  'single_choice',
  'multi_choice',
  'yes_no',
  'scale',
  'integer',
  'decimal',
  'date',
  'text',
  'long_text',
  'rank',
  'note',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Types whose answers are codes from `choices` (yes_no's codes are fixed: yes, no). */
export const CHOICE_TYPES: readonly QuestionType[] = ['single_choice', 'multi_choice', 'rank'];

export const AGE_BANDS = ['<18', '18-29', '30-44', '45-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const GENDERS = ['female', 'male', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

export const SUBMISSION_MODES = ['online', 'in_person', 'paper'] as const;
export type SubmissionMode = (typeof SUBMISSION_MODES)[number];

export const SURVEY_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Who a survey is for (free to extend; the contract leaves the list open). */
export const SURVEY_AUDIENCES = [
  'residents',
  'women',
  'youth',
  'lsg_staff',
  'ngo_members',
] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

export const RESULT_GROUPINGS = ['gender', 'ageBand', 'territory', 'borderStatus'] as const;
export type ResultGrouping = (typeof RESULT_GROUPINGS)[number];

export const DEFAULT_MIN_CELL_SIZE = 5;
export const LOWEST_MIN_CELL_SIZE = 3;

/** Multilingual text: at least one language present. */
export type LocalisedText = Partial<Record<Language, string>>;

export interface SurveyChoice {
  code: string;
  label: LocalisedText;
}

/** JSONLogic over earlier answers: `{"==": [{"var": "water_source"}, "canal"]}`. */
export type LogicRule = Record<string, unknown>;

export interface SurveyQuestion {
  key: string;
  type: QuestionType;
  label: LocalisedText;
  required?: boolean;
  choices?: SurveyChoice[];
  min?: number;
  max?: number;
  relevant?: LogicRule;
  constraint?: LogicRule;
  /** Set by a later version that retired the question; kept so old answers keep a label. */
  retired?: boolean;
}

/** An answer as the API carries it. */
export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

export interface Respondent {
  gender: Gender;
  ageBand: AgeBand;
  territoryId: string;
}

/** Operators a rule may use; anything else is refused when the survey is saved. */
export const LOGIC_OPERATORS = [
  'var',
  'missing',
  'missing_some',
  '==',
  '!=',
  '===',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!',
  '!!',
  'and',
  'or',
  'if',
  'in',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'some',
  'all',
  'none',
] as const;

/** One cell of a result table: a choice (row) in a group (column). */
export interface ResultCell {
  group: string;
  count: number | null;
  percent: number | null;
  suppressed?: 'primary' | 'secondary';
}
