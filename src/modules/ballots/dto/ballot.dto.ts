import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { IsDateTime, Trimmed } from '../../../common/validation/decorators.js';
import { HasSomeLanguage, LocalisedTitleDto } from '../../events/dto/common.dto.js';
import { ISSUE_STATUSES, type IssueStatus } from '../../issues/issue.enums.js';
import {
  ORGANISATION_KINDS,
  type OrganisationKind,
} from '../../organisations/organisation.enums.js';
import {
  BALLOT_METHODS,
  BALLOT_STATUSES,
  type BallotMethod,
  type BallotStatus,
  MAX_BALLOT_ISSUES,
  MAX_DOT_BUDGET,
  MIN_BALLOT_ISSUES,
} from '../ballot.enums.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `{ issueId: n }` with uuid keys and whole, non-negative numbers. */
function IsPointsMap(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPointsMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= MAX_BALLOT_ISSUES &&
          Object.entries(value).every(
            ([k, v]) =>
              UUID.test(k) &&
              typeof v === 'number' &&
              Number.isInteger(v) &&
              v >= 0 &&
              v <= MAX_DOT_BUDGET,
          ),
      },
    },
    { message: 'ballots.pointsMap' },
  );
}

export class CreateBallotDto {
  @ApiProperty({ type: LocalisedTitleDto, description: 'The title in one or more languages' })
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedTitleDto)
  title: LocalisedTitleDto;

  @ApiProperty({ enum: BALLOT_METHODS })
  @IsIn(BALLOT_METHODS)
  method: BallotMethod;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: MIN_BALLOT_ISSUES,
    maxItems: MAX_BALLOT_ISSUES,
    description: 'The issues to choose among, each raised or discussing, in the order shown',
  })
  @IsArray()
  @ArrayMinSize(MIN_BALLOT_ISSUES)
  @ArrayMaxSize(MAX_BALLOT_ISSUES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  issueIds: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description:
      'approval and ranked: how many issues an organisation may choose, at most the number of issues (default: all). Not for dot',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BALLOT_ISSUES)
  maxChoices?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_DOT_BUDGET,
    description: "dot only, and required for it: each organisation's budget of points",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DOT_BUDGET)
  points?: number;

  @ApiProperty({
    format: 'date-time',
    description: 'In the future; the ballot closes by itself then',
  })
  @IsDateTime()
  closesAt: string;
}

export class BallotsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BALLOT_STATUSES })
  @IsOptional()
  @IsIn(BALLOT_STATUSES)
  status?: BallotStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Ballots with this issue on them' })
  @IsOptional()
  @IsUUID()
  issueId?: string;
}

export class CastVoteDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'approval: the issues ticked; ranked: the issues in order, first = most important. Distinct, at most maxChoices',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BALLOT_ISSUES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  choices?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    description: 'dot: points per issue id, whole and non-negative, summing to at most the budget',
    example: { '6f1c2b0e-4d1a-4b5e-9a1f-2c3d4e5f6a7b': 3 },
  })
  @IsOptional()
  @IsPointsMap()
  points?: Record<string, number>;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Facilitators and admins entering a paper ballot for the organisation: required, says where the paper is (an extension). Not for representatives',
  })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note?: string;
}

export class OutcomeDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, description: 'Issues of the ballot' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BALLOT_ISSUES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  selectedIssueIds: string[];

  @ApiProperty({ minLength: 3, maxLength: 5000, description: 'What the network decided, and why' })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  statement: string;
}

export class BallotIssueViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: ISSUE_STATUSES, description: 'Its status today' })
  status: IssueStatus;

  @ApiProperty({ type: 'integer', description: 'Its place on the ballot, from 1' })
  position: number;

  @ApiProperty({ description: 'Chosen by the outcome' })
  selected: boolean;
}

export class VoteViewDto {
  @ApiProperty({ format: 'uuid' })
  ballotId: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ type: [String], format: 'uuid', nullable: true })
  choices: string[] | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
  })
  points: Record<string, number> | null;

  @ApiProperty({ description: 'Entered by a facilitator from a paper ballot' })
  paper: boolean;

  @ApiProperty({ nullable: true, type: String })
  note: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  recordedById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class MyOrganisationDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind: OrganisationKind;

  @ApiProperty({ description: 'On the roll frozen when the ballot opened' })
  onRoll: boolean;

  @ApiProperty({ type: VoteViewDto, nullable: true, description: 'Its current vote' })
  vote: VoteViewDto | null;
}

export class OutcomeViewDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  selectedIssueIds: string[];

  @ApiProperty()
  statement: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  decidedById: string | null;
}

export class BallotViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: LocalisedTitleDto })
  title: LocalisedTitleDto;

  @ApiProperty({ enum: BALLOT_METHODS })
  method: BallotMethod;

  @ApiProperty({ type: 'integer', nullable: true })
  maxChoices: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'dot: the budget of points' })
  points: number | null;

  @ApiProperty({ format: 'date-time' })
  closesAt: string;

  @ApiProperty({ enum: BALLOT_STATUSES, description: 'closed also once closesAt has passed' })
  status: BallotStatus;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  closedAt: string | null;

  @ApiProperty({ type: [BallotIssueViewDto] })
  issues: BallotIssueViewDto[];

  @ApiProperty({ type: 'integer', description: 'Organisations on the roll' })
  voters: number;

  @ApiProperty({ type: 'integer', description: 'Organisations that have voted' })
  voted: number;

  @ApiProperty({
    type: [MyOrganisationDto],
    description: 'The organisations the caller represents, whether they may vote, their votes',
  })
  myOrganisations: MyOrganisationDto[];

  @ApiProperty({ description: 'The caller may close it, enter paper votes and set the outcome' })
  canManage: boolean;

  @ApiProperty({ type: OutcomeViewDto, nullable: true })
  outcome: OutcomeViewDto | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class BallotPageDto {
  @ApiProperty({ type: [BallotViewDto], description: 'Newest first' })
  items: BallotViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class IssueScoreDto {
  @ApiProperty({ format: 'uuid' })
  issueId: string;

  @ApiProperty({ type: 'integer' })
  score: number;
}

export class IssueResultDto extends IssueScoreDto {
  @ApiProperty()
  title: string;

  @ApiProperty({ type: 'integer', description: 'Equal scores share a rank (1, 2, 2, 4)' })
  rank: number;

  @ApiProperty()
  selected: boolean;
}

export class GroupResultDto {
  @ApiProperty({ type: 'integer', description: 'Organisations of the group on the roll' })
  voters: number;

  @ApiProperty({ type: 'integer' })
  voted: number;

  @ApiProperty({ type: [IssueScoreDto], description: "In the ballot's order of issues" })
  scores: IssueScoreDto[];
}

export class KindResultDto extends GroupResultDto {
  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind: OrganisationKind;
}

export class AiylAimakResultDto extends GroupResultDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Null: organisations above the aiyl aimak level',
  })
  aiylAimakId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  name: Record<string, string> | null;
}

export class BallotResultsDto {
  @ApiProperty({ format: 'uuid' })
  ballotId: string;

  @ApiProperty({ enum: BALLOT_METHODS })
  method: BallotMethod;

  @ApiProperty({ format: 'date-time' })
  closedAt: string;

  @ApiProperty({ type: 'integer' })
  voters: number;

  @ApiProperty({ type: 'integer' })
  voted: number;

  @ApiProperty({ description: 'voted / voters, 0 with no voters' })
  turnout: number;

  @ApiProperty({ type: 'integer', description: 'Of them, entered from paper ballots' })
  paperVotes: number;

  @ApiProperty({ type: [IssueResultDto], description: 'By rank, ties in the ballot order' })
  results: IssueResultDto[];

  @ApiProperty({ type: [KindResultDto] })
  byKind: KindResultDto[];

  @ApiProperty({ type: [AiylAimakResultDto] })
  byAiylAimak: AiylAimakResultDto[];
}
