import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  BORDER_STATUSES,
  type BorderStatus,
  TERRITORY_LEVELS,
  type TerritoryLevel,
} from '../../../territories/territory.entity.js';
import {
  AGE_BANDS,
  type AgeBand,
  GENDERS,
  type Gender,
  QUESTION_TYPES,
  type QuestionType,
  RESULT_GROUPINGS,
  type ResultGrouping,
} from '../../survey-contract.js';

const GROUPINGS = RESULT_GROUPINGS.join('|');
/** One grouping, or two different ones joined by a comma (a cross-tab: `territory,gender`). */
const BY = new RegExp(`^(${GROUPINGS})(,(${GROUPINGS}))?$`);

export class SurveyResultsQueryDto {
  @ApiProperty({
    description:
      'What the groups (columns) are: gender, ageBand, territory or borderStatus; or two of them joined by a comma for a cross-tab (`territory,gender`), an extension of the contract',
    example: 'territory,gender',
    pattern: BY.source,
  })
  @IsString()
  @Matches(BY, { message: 'surveyResults.by' })
  by: string;

  @ApiPropertyOptional({ description: 'Only this question (its key)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  question?: string;

  @ApiPropertyOptional({
    enum: TERRITORY_LEVELS,
    description:
      'With territory: the level villages are rolled up to (default aiyl_aimak); a respondent placed above that level stays where placed',
  })
  @IsOptional()
  @IsIn(TERRITORY_LEVELS)
  territoryLevel?: TerritoryLevel;
}

export class TerritoryNameDto {
  @ApiProperty()
  ky: string;

  @ApiProperty()
  ru: string;

  @ApiProperty()
  en: string;
}

/** A group: one value of each grouping asked for. */
export class ResultGroupDto {
  @ApiProperty({
    description:
      'Its id in the cells: the values of the groupings joined by "|" (`<territoryId>|female`)',
  })
  key: string;

  @ApiPropertyOptional({ enum: GENDERS })
  gender?: Gender;

  @ApiPropertyOptional({ enum: AGE_BANDS })
  ageBand?: AgeBand;

  @ApiPropertyOptional({ format: 'uuid' })
  territoryId?: string;

  @ApiPropertyOptional({ type: TerritoryNameDto })
  territoryName?: TerritoryNameDto;

  @ApiPropertyOptional({ enum: TERRITORY_LEVELS })
  territoryLevel?: TerritoryLevel;

  @ApiPropertyOptional({ enum: BORDER_STATUSES })
  borderStatus?: BorderStatus;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Submissions in the group; null when from 1 to minCellSize - 1',
  })
  respondents: number | null;
}

export class ResultCellDto {
  @ApiProperty({ description: "The group's key" })
  group: string;

  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' })
  count: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Of the group's respondents who answered the question (one decimal); null when suppressed or nobody answered",
  })
  percent: number | null;

  @ApiPropertyOptional({
    enum: ['primary', 'secondary'],
    description:
      'primary: the count is from 1 to minCellSize - 1, or the whole group is withheld; secondary: hidden so that a primary one cannot be worked out from the totals',
  })
  suppressed?: 'primary' | 'secondary';
}

export class ResultBaseDto {
  @ApiProperty({ description: "The group's key" })
  group: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Respondents of the group who answered the question; null when withheld',
  })
  count: number | null;

  @ApiProperty({ description: 'The base is from 1 to minCellSize - 1: every cell is hidden' })
  withheld: boolean;
}

export class ResultChoiceDto {
  @ApiProperty()
  code: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'By language',
  })
  label: Record<string, string>;

  @ApiProperty({ type: [ResultCellDto], description: 'One per group, in the order of groups' })
  cells: ResultCellDto[];
}

export class ResultQuestionDto {
  @ApiProperty()
  key: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  type: QuestionType;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'By language',
  })
  label: Record<string, string>;

  @ApiProperty({ description: 'Not asked by the current version; its answers still count' })
  retired: boolean;

  @ApiProperty({
    description:
      'true for multi_choice: a respondent may count in several rows, so percentages add up to more than 100',
  })
  multipleAnswers: boolean;

  @ApiProperty({ type: [ResultBaseDto], description: 'One per group, in the order of groups' })
  bases: ResultBaseDto[];

  @ApiProperty({
    type: [ResultChoiceDto],
    description: 'The rows: choices, yes/no, scale points; a rank question counts first choices',
  })
  choices: ResultChoiceDto[];
}

export class SurveyResultsDto {
  @ApiProperty({ format: 'uuid' })
  surveyId: string;

  @ApiProperty({ description: 'The groupings, as asked', example: ['territory', 'gender'] })
  by: ResultGrouping[];

  @ApiProperty({
    enum: TERRITORY_LEVELS,
    nullable: true,
    type: String,
    description: 'The level territories were rolled up to (null when not grouped by territory)',
  })
  territoryLevel: TerritoryLevel | null;

  @ApiProperty({ description: 'The minimum cell size applied' })
  minCellSize: number;

  @ApiProperty({ description: 'Submissions counted, every version together' })
  respondents: number;

  @ApiProperty({ type: [ResultGroupDto], description: 'The columns' })
  groups: ResultGroupDto[];

  @ApiProperty({
    type: [ResultQuestionDto],
    description:
      'Tabulated questions of every version (single_choice, multi_choice, yes_no, scale, rank), keyed by question key; numbers, dates and text are in the export only',
  })
  questions: ResultQuestionDto[];
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_LABELS = ['keys', 'ky', 'ru'] as const;
export type ExportLabels = (typeof EXPORT_LABELS)[number];

export class SurveyExportQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiPropertyOptional({
    enum: EXPORT_LABELS,
    description:
      'keys (default): column names and answers as codes; ky or ru: question and choice labels in that language (codes where a label is missing)',
  })
  @IsOptional()
  @IsIn(EXPORT_LABELS)
  labels?: ExportLabels;
}
