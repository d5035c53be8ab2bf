import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import {
  IsDateTime,
  LanguageText,
  OptionalNotNull,
  OptionalNullable,
  Trimmed,
} from '../../../common/validation/decorators.js';
import { QUESTION_KEY_PATTERN } from '../form-logic.js';
import {
  AGE_BANDS,
  DEFAULT_MIN_CELL_SIZE,
  GENDERS,
  LOWEST_MIN_CELL_SIZE,
  QUESTION_TYPES,
  SUBMISSION_MODES,
  SURVEY_AUDIENCES,
  SURVEY_STATUSES,
  type AgeBand,
  type AnswerValue,
  type Gender,
  type LogicRule,
  type QuestionType,
  type SubmissionMode,
  type SurveyAudience,
  type SurveyStatus,
} from '../survey-contract.js';

const DATE = /^(19|2\d)\d{2}-\d{2}-\d{2}$/;

/** Text in several languages; at least one present (checked by the service). */
export class LocalisedTextDto {
  @LanguageText(2000)
  ky?: string;

  @LanguageText(2000)
  ru?: string;

  @LanguageText(2000)
  en?: string;

  @LanguageText(2000)
  tg?: string;

  @LanguageText(2000)
  uz?: string;
}

export class SurveyChoiceDto {
  @ApiProperty({ pattern: '^[a-z0-9_]{1,64}$', example: 'canal' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,64}$/)
  code: string;

  @ApiProperty({ type: LocalisedTextDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalisedTextDto)
  label: LocalisedTextDto;
}

const LOGIC_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  description:
    'JSONLogic over earlier answers ({"==": [{"var": "water_source"}, "canal"]}); operators from the allow-list only (docs/surveys.md)',
} as const;

export class SurveyQuestionDto {
  @ApiProperty({ pattern: QUESTION_KEY_PATTERN.source, example: 'water_source' })
  @IsString()
  @Matches(QUESTION_KEY_PATTERN)
  key: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type: QuestionType;

  @ApiProperty({ type: LocalisedTextDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalisedTextDto)
  label: LocalisedTextDto;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({
    type: [SurveyChoiceDto],
    maxItems: 100,
    description: 'For single_choice, multi_choice and rank',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SurveyChoiceDto)
  choices?: SurveyChoiceDto[];

  @ApiPropertyOptional({
    description:
      'Smallest value (numbers, scale), fewest choices (multi_choice, rank) or shortest text',
  })
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min?: number;

  @ApiPropertyOptional({ description: 'Largest value, most choices, or longest text' })
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number;

  @ApiPropertyOptional(LOGIC_SCHEMA)
  @OptionalNotNull()
  @IsObject()
  relevant?: LogicRule;

  @ApiPropertyOptional(LOGIC_SCHEMA)
  @OptionalNotNull()
  @IsObject()
  constraint?: LogicRule;

  @ApiPropertyOptional({
    description:
      'Kept so old answers keep their label; a retired question is not asked. A version that leaves a question out retires it.',
  })
  @OptionalNotNull()
  @IsBoolean()
  retired?: boolean;
}

function QuestionsField(required: boolean): PropertyDecorator {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      type: [SurveyQuestionDto],
      minItems: 1,
      maxItems: 300,
    }),
    ...(required ? [] : [OptionalNotNull()]),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(300),
    ValidateNested({ each: true }),
    Type(() => SurveyQuestionDto),
  );
}

function TextField(required: boolean, nullable = false): PropertyDecorator {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      type: LocalisedTextDto,
      ...(nullable ? { nullable: true } : {}),
    }),
    ...(required ? [] : [nullable ? OptionalNullable() : OptionalNotNull()]),
    IsObject(),
    ValidateNested(),
    Type(() => LocalisedTextDto),
  );
}

export class CreateSurveyDto {
  @TextField(true)
  title: LocalisedTextDto;

  @TextField(false, true)
  description?: LocalisedTextDto | null;

  @ApiProperty({
    description:
      'No user id is stored with a submission; one answer per signed-in person through a keyed mark. Fixed from the first submission.',
  })
  @IsBoolean()
  anonymous: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: LOWEST_MIN_CELL_SIZE,
    maximum: 100,
    default: DEFAULT_MIN_CELL_SIZE,
    description: 'Result cells below this are suppressed. Fixed from the first submission.',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(LOWEST_MIN_CELL_SIZE)
  @Max(100)
  minCellSize?: number;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 50,
    description: "The survey's territories: respondents' villages lie within them",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  territoryIds: string[];

  @ApiPropertyOptional({ enum: SURVEY_AUDIENCES, isArray: true, maxItems: 10 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(SURVEY_AUDIENCES, { each: true })
  audiences?: SurveyAudience[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  @OptionalNullable()
  @IsDateTime()
  opensAt?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  @OptionalNullable()
  @IsDateTime()
  closesAt?: string | null;

  @QuestionsField(true)
  questions: SurveyQuestionDto[];
}

/**
 * Every field optional. While draft anything may change (questions replace version 1's);
 * after that questions change through new versions, and `anonymous`, `minCellSize` and
 * `territoryIds` are fixed once a submission exists.
 */
export class UpdateSurveyDto {
  @TextField(false)
  title?: LocalisedTextDto;

  @TextField(false, true)
  description?: LocalisedTextDto | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: LOWEST_MIN_CELL_SIZE, maximum: 100 })
  @OptionalNotNull()
  @IsInt()
  @Min(LOWEST_MIN_CELL_SIZE)
  @Max(100)
  minCellSize?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: 50 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  territoryIds?: string[];

  @ApiPropertyOptional({ enum: SURVEY_AUDIENCES, isArray: true, maxItems: 10 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(SURVEY_AUDIENCES, { each: true })
  audiences?: SurveyAudience[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  @OptionalNullable()
  @IsDateTime()
  opensAt?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  @OptionalNullable()
  @IsDateTime()
  closesAt?: string | null;

  @QuestionsField(false)
  questions?: SurveyQuestionDto[];
}

export const SURVEY_TARGETS = ['open', 'closed', 'archived'] as const;
export type SurveyTarget = (typeof SURVEY_TARGETS)[number];

export class SurveyTransitionDto {
  @ApiProperty({
    enum: SURVEY_TARGETS,
    description:
      'draft → open → closed → archived; closed → open reopens; a draft may be archived unopened',
  })
  @IsIn(SURVEY_TARGETS)
  to: SurveyTarget;
}

export class CreateSurveyVersionDto {
  @QuestionsField(true)
  questions: SurveyQuestionDto[];
}

export class SurveysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SURVEY_STATUSES })
  @IsOptional()
  @IsIn(SURVEY_STATUSES)
  status?: SurveyStatus;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Surveys covering this territory (it, or a territory above it)',
  })
  @IsOptional()
  @IsUUID()
  territoryId?: string;
}

export class RespondentDto {
  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ enum: AGE_BANDS })
  @IsIn(AGE_BANDS)
  ageBand: AgeBand;

  @ApiProperty({
    format: 'uuid',
    description: "The respondent's village (or any territory within the survey's scope)",
  })
  @IsUUID()
  territoryId: string;
}

const ANSWERS_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: {
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
  },
  description:
    'Question key → answer: choice codes as strings, multi_choice and rank as arrays of codes, yes_no as "yes"/"no", numbers as numbers, dates YYYY-MM-DD. Only relevant questions; field errors name answers.<key>.',
  example: { water_source: 'canal', canal_days: 3 },
};

export class SubmitSurveyDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'The version the form was loaded on (any version of the survey is accepted)',
  })
  @IsInt()
  @Min(1)
  @Max(100000)
  version: number;

  @ApiProperty({ enum: SUBMISSION_MODES })
  @IsIn(SUBMISSION_MODES)
  mode: SubmissionMode;

  @ApiProperty({ type: RespondentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RespondentDto)
  respondent: RespondentDto;

  @ApiProperty(ANSWERS_SCHEMA)
  @IsObject()
  answers: Record<string, AnswerValue>;

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'When the paper form was filled (YYYY-MM-DD); not in the future',
  })
  @OptionalNullable()
  @IsString()
  @Matches(DATE, { message: 'field.mustBeDate' })
  @IsISO8601({ strict: true }, { message: 'field.notRealDate' })
  collectedOn?: string | null;
}

export class PublicSubmitSurveyDto {
  @ApiProperty({ type: 'integer', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100000)
  version: number;

  @ApiProperty({ type: RespondentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RespondentDto)
  respondent: RespondentDto;

  @ApiProperty(ANSWERS_SCHEMA)
  @IsObject()
  answers: Record<string, AnswerValue>;
}

export class ReviseSubmissionDto {
  @ApiProperty({ ...ANSWERS_SCHEMA, description: 'The whole corrected set of answers' })
  @IsObject()
  answers: Record<string, AnswerValue>;

  @ApiProperty({ minLength: 1, maxLength: 1000, description: 'Why it was corrected' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class ReconcileDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids: string[];
}

export class CreateSurveyLinkDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'After this the link refuses' })
  @OptionalNotNull()
  @IsDateTime()
  expiresAt?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000000 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1000000)
  maxResponses?: number;
}

// ---- answers ----

export class LocalisedTextViewDto {
  @ApiPropertyOptional()
  ky?: string;
  @ApiPropertyOptional()
  ru?: string;
  @ApiPropertyOptional()
  en?: string;
  @ApiPropertyOptional()
  tg?: string;
  @ApiPropertyOptional()
  uz?: string;
}

export class SurveyChoiceViewDto {
  @ApiProperty()
  code: string;

  @ApiProperty({ type: LocalisedTextViewDto })
  label: LocalisedTextViewDto;
}

export class SurveyQuestionViewDto {
  @ApiProperty()
  key: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  type: QuestionType;

  @ApiProperty({ type: LocalisedTextViewDto })
  label: LocalisedTextViewDto;

  @ApiPropertyOptional()
  required?: boolean;

  @ApiPropertyOptional({ type: [SurveyChoiceViewDto] })
  choices?: SurveyChoiceViewDto[];

  @ApiPropertyOptional()
  min?: number;

  @ApiPropertyOptional()
  max?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  relevant?: LogicRule;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  constraint?: LogicRule;

  @ApiPropertyOptional()
  retired?: boolean;
}

export class SurveyViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: LocalisedTextViewDto })
  title: LocalisedTextViewDto;

  @ApiProperty({ type: LocalisedTextViewDto, nullable: true })
  description: LocalisedTextViewDto | null;

  @ApiProperty()
  anonymous: boolean;

  @ApiProperty({ type: 'integer' })
  minCellSize: number;

  @ApiProperty({ type: [String], format: 'uuid' })
  territoryIds: string[];

  @ApiProperty({ enum: SURVEY_AUDIENCES, isArray: true })
  audiences: SurveyAudience[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  opensAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  closesAt: string | null;

  @ApiProperty({ enum: SURVEY_STATUSES })
  status: SurveyStatus;

  @ApiProperty({ type: 'integer', description: 'The current version' })
  version: number;

  @ApiProperty({
    type: [SurveyQuestionViewDto],
    description: "The current version's questions, retired ones included, every language",
  })
  questions: SurveyQuestionViewDto[];

  @ApiProperty({
    description: 'Whether submissions exist (anonymous, minCellSize, territoryIds are then fixed)',
  })
  hasSubmissions: boolean;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class SurveyPageDto {
  @ApiProperty({ type: [SurveyViewDto], description: 'Newest first' })
  items: SurveyViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class TerritoryOptionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: LocalisedTextViewDto })
  name: LocalisedTextViewDto;

  @ApiProperty()
  level: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;
}

export class PublicSurveyViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: LocalisedTextViewDto })
  title: LocalisedTextViewDto;

  @ApiProperty({ type: LocalisedTextViewDto, nullable: true })
  description: LocalisedTextViewDto | null;

  @ApiProperty()
  anonymous: boolean;

  @ApiProperty({ type: 'integer' })
  version: number;

  @ApiProperty({ type: [SurveyQuestionViewDto] })
  questions: SurveyQuestionViewDto[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  closesAt: string | null;

  @ApiProperty({
    type: [TerritoryOptionDto],
    description: "The survey's territories and everything under them, to pick a village from",
  })
  territories: TerritoryOptionDto[];
}

export class RespondentViewDto {
  @ApiProperty({ enum: GENDERS })
  gender: Gender;

  @ApiProperty({ enum: AGE_BANDS })
  ageBand: AgeBand;

  @ApiProperty({ format: 'uuid' })
  territoryId: string;
}

export class SubmissionViewDto {
  @ApiProperty({ format: 'uuid', description: "The client's id" })
  id: string;

  @ApiProperty({ format: 'uuid' })
  surveyId: string;

  @ApiProperty({ type: 'integer' })
  version: number;

  @ApiProperty({ enum: SUBMISSION_MODES })
  mode: SubmissionMode;

  @ApiProperty({ type: RespondentViewDto })
  respondent: RespondentViewDto;

  @ApiProperty({ type: 'object', additionalProperties: true })
  answers: Record<string, AnswerValue>;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  collectedOn: string | null;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who entered it; always null in anonymous surveys and for public links',
  })
  enteredById: string | null;

  @ApiProperty({ description: 'Came through a public link' })
  viaLink: boolean;

  @ApiProperty({ type: 'integer', description: 'Corrections made since' })
  revisions: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class SubmissionPageDto {
  @ApiProperty({ type: [SubmissionViewDto], description: 'Oldest first' })
  items: SubmissionViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class ReconcileResultDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Ids the hub has stored' })
  received: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Ids to send again' })
  missing: string[];
}

export class SurveyLinkSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  surveyId: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  maxResponses: number | null;

  @ApiProperty({ type: 'integer' })
  responseCount: number;

  @ApiProperty({ description: 'Past its expiry or its maxResponses' })
  exhausted: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class SurveyLinkPageDto {
  @ApiProperty({
    type: [SurveyLinkSummaryDto],
    description: 'Newest first; tokens are not kept, so not shown',
  })
  items: SurveyLinkSummaryDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class SurveyLinkViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  surveyId: string;

  @ApiProperty({
    description:
      'The secret of the link: shown only in this answer (the hub keeps a hash); the form lives at /s/<token>',
  })
  token: string;

  @ApiProperty({ description: 'Path of the public form in the web client: /s/<token>' })
  path: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  maxResponses: number | null;

  @ApiProperty({ type: 'integer' })
  responseCount: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
