import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES, type Language } from '../../../common/languages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { Trimmed } from '../../../common/validation/decorators.js';
import { EventEvidenceDto } from '../../events/dto/event.dto.js';
import {
  DECISION_LEVELS,
  type DecisionLevel,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  type IssueCategory,
  type IssueStatus,
} from '../../issues/issue.enums.js';
import { SurveyResultsDto } from '../../surveys/results/dto/survey-results.dto.js';
import { RESULT_GROUPINGS } from '../../surveys/survey-contract.js';
import { TERRITORY_LEVELS, type TerritoryLevel } from '../../territories/territory.entity.js';

const GROUPINGS = RESULT_GROUPINGS.join('|');
/** As the results route takes it: one grouping, or two joined by a comma. */
const BY = new RegExp(`^(${GROUPINGS})(,(${GROUPINGS}))?$`);

export class FindingEvidenceInputDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The survey whose result cells are cited; they are frozen into the finding',
  })
  @IsOptional()
  @IsUUID()
  surveyId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Only this question (its key); all tabulated questions when absent',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  question?: string;

  @ApiPropertyOptional({
    example: 'gender',
    default: 'gender',
    pattern: BY.source,
    description: 'The grouping, as GET /surveys/:id/results takes it',
  })
  @IsOptional()
  @IsString()
  @Matches(BY, { message: 'field.pattern' })
  by?: string;

  @ApiPropertyOptional({ enum: TERRITORY_LEVELS, description: 'With by territory (extension)' })
  @IsOptional()
  @IsIn(TERRITORY_LEVELS)
  territoryLevel?: TerritoryLevel;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    description: 'Focus groups (or other events) cited',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  eventIds?: string[];
}

export class CreateFindingDto {
  @ApiProperty({ minLength: 3, maxLength: 5000, description: 'What was found, plain text' })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  statement: string;

  @ApiProperty({ enum: LANGUAGES, description: 'The language of the statement' })
  @IsIn(LANGUAGES)
  language: Language;

  @ApiProperty({ enum: ISSUE_CATEGORIES })
  @IsIn(ISSUE_CATEGORIES)
  category: IssueCategory;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  territoryIds: string[];

  @ApiProperty({ type: FindingEvidenceInputDto, description: 'A surveyId, eventIds, or both' })
  @IsObject()
  @ValidateNested()
  @Type(() => FindingEvidenceInputDto)
  evidence: FindingEvidenceInputDto;
}

export class RaiseFindingIssueDto {
  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 200,
    description: "The issue's title; default: the statement's beginning",
  })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;

  @ApiProperty({ enum: DECISION_LEVELS })
  @IsIn(DECISION_LEVELS)
  decisionLevel: DecisionLevel;
}

export class FindingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ISSUE_CATEGORIES })
  @IsOptional()
  @IsIn(ISSUE_CATEGORIES)
  category?: IssueCategory;

  @ApiPropertyOptional({ format: 'uuid', description: 'Includes the territories below it' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  surveyId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Citing this event' })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ description: 'true: raised as an issue; false: not yet' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  raised?: boolean;
}

export class FindingEvidenceDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  surveyId: string | null;

  @ApiProperty({ nullable: true, type: String })
  question: string | null;

  @ApiProperty({ nullable: true, type: String })
  by: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The minimum cell size used' })
  minCellSize: number | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the cells were frozen',
  })
  frozenAt: string | null;

  @ApiProperty({
    type: SurveyResultsDto,
    nullable: true,
    description: 'The result cells as they were at frozenAt (suppressed as they were then)',
  })
  results: SurveyResultsDto | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  eventIds: string[];

  @ApiProperty({ type: [EventEvidenceDto], description: 'The cited events as they are now' })
  events: EventEvidenceDto[];
}

export class FindingViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  statement: string;

  @ApiProperty({ enum: LANGUAGES })
  language: Language;

  @ApiProperty({ enum: ISSUE_CATEGORIES })
  category: IssueCategory;

  @ApiProperty({ type: [String], format: 'uuid' })
  territoryIds: string[];

  @ApiProperty({ type: FindingEvidenceDto })
  evidence: FindingEvidenceDto;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The issue it raised' })
  issueId: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  raisedAt: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class FindingPageDto {
  @ApiProperty({ type: [FindingViewDto], description: 'Newest first' })
  items: FindingViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class IssueEvidenceDto {
  @ApiProperty({ format: 'uuid' })
  issueId: string;

  @ApiProperty({
    type: [FindingViewDto],
    description: 'Findings behind the issue (and behind issues merged into it), oldest first',
  })
  findings: FindingViewDto[];
}

export const TRACE_STEP_KINDS = [
  'finding_recorded',
  'issue_raised',
  'transition',
  'escalation_sent',
  'answer_received',
] as const;
export type TraceStepKind = (typeof TRACE_STEP_KINDS)[number];

export class TraceStepDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: TRACE_STEP_KINDS })
  kind: TraceStepKind;

  @ApiPropertyOptional({ format: 'uuid' })
  issueId?: string;

  @ApiPropertyOptional({ enum: ISSUE_STATUSES, nullable: true, type: String })
  fromStatus?: IssueStatus | null;

  @ApiPropertyOptional({ enum: ISSUE_STATUSES })
  toStatus?: IssueStatus;

  @ApiPropertyOptional({ nullable: true, type: String })
  note?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  actorId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  actorName?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  escalationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  authorityOrganisationId?: string;

  @ApiPropertyOptional()
  authorityName?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  reference?: string | null;

  @ApiPropertyOptional({ format: 'date-time' })
  responseDueAt?: string;

  @ApiPropertyOptional()
  responseText?: string;
}

export class FindingTraceDto {
  @ApiProperty({ format: 'uuid' })
  findingId: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  issueId: string | null;

  @ApiProperty({
    type: [TraceStepDto],
    description:
      'In time order: the finding, its issue raised, every status change, escalations sent and answers received (following a merge into another issue)',
  })
  steps: TraceStepDto[];
}
