import { applyDecorators } from '@nestjs/common';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import {
  IsDateTime,
  OptionalNotNull,
  OptionalNullable,
  Trimmed,
} from '../../../common/validation/decorators.js';
import {
  HasSomeLanguage,
  LocalisedLongTextDto,
  LocalisedTitleDto,
} from '../../events/dto/common.dto.js';
import { ACTION_STATUSES, type ActionStatus, MAX_WEIGHT } from '../strategy.enums.js';

const Issues = (required: boolean): PropertyDecorator[] => [
  ApiProperty({ type: [String], format: 'uuid', maxItems: 50, required }),
  IsArray(),
  ArrayMaxSize(50),
  ArrayUnique(),
  IsUUID('all', { each: true }),
];

const apply = (...decorators: PropertyDecorator[]): PropertyDecorator =>
  applyDecorators(...decorators);

const Title = (): PropertyDecorator =>
  apply(
    IsObject(),
    HasSomeLanguage(),
    ValidateNested(),
    Type(() => LocalisedTitleDto),
  );
const LongText = (): PropertyDecorator =>
  apply(
    IsObject(),
    HasSomeLanguage(),
    ValidateNested(),
    Type(() => LocalisedLongTextDto),
  );
const Weight = (): PropertyDecorator =>
  apply(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_WEIGHT, default: 1 }),
    IsInt(),
    Min(1),
    Max(MAX_WEIGHT),
  );
const Progress = (): PropertyDecorator => apply(IsInt(), Min(0), Max(100));
const Note = (): PropertyDecorator => apply(Trimmed(), IsString(), MinLength(1), MaxLength(5000));

export class CreateStrategyDto {
  @ApiProperty({ type: LocalisedTitleDto })
  @Title()
  title: LocalisedTitleDto;

  @ApiProperty({ type: LocalisedLongTextDto, description: 'What the network wants to achieve' })
  @LongText()
  goal: LocalisedLongTextDto;

  @apply(...Issues(true), ArrayMinSize(1))
  issueIds: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  territoryIds?: string[];
}

/** Every field optional; lists replace the stored ones. */
export class UpdateStrategyDto {
  @ApiPropertyOptional({ type: LocalisedTitleDto })
  @OptionalNotNull()
  @Title()
  title?: LocalisedTitleDto;

  @ApiPropertyOptional({ type: LocalisedLongTextDto })
  @OptionalNotNull()
  @LongText()
  goal?: LocalisedLongTextDto;

  @OptionalNotNull()
  @apply(...Issues(false), ArrayMinSize(1))
  issueIds?: string[];

  @OptionalNotNull()
  @apply(...Issues(false))
  territoryIds?: string[];
}

export class StrategiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Strategies about this issue' })
  @IsOptional()
  @IsUUID()
  issueId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Strategies covering this territory or one under it, directly or through their issues',
  })
  @IsOptional()
  @IsUUID()
  territoryId?: string;
}

export class CreateObjectiveDto {
  @ApiProperty({ type: LocalisedTitleDto })
  @Title()
  title: LocalisedTitleDto;

  @IsOptional()
  @Weight()
  weight?: number;
}

export class CreateActionDto {
  @ApiPropertyOptional({
    type: LocalisedTitleDto,
    description: "Required, unless commitmentId is given: then the commitment's text",
  })
  @ValidateIf((o: CreateActionDto) => o.commitmentId === undefined || o.title !== undefined)
  @Title()
  title?: LocalisedTitleDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The organisation that does it. Required, unless commitmentId is given: then the commitment's owner",
  })
  @ValidateIf(
    (o: CreateActionDto) => o.commitmentId === undefined || o.ownerOrganisationId !== undefined,
  )
  @IsUUID()
  ownerOrganisationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The authority asked to act: an organisation of kind state_administration or government_body',
  })
  @IsOptional()
  @IsUUID()
  targetAuthorityOrganisationId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "Required, unless commitmentId is given: then the commitment's due date",
  })
  @ValidateIf((o: CreateActionDto) => o.commitmentId === undefined || o.dueAt !== undefined)
  @IsDateTime()
  dueAt?: string;

  @IsOptional()
  @Weight()
  weight?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  issueIds?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An extension: make the action from this event commitment (its text, owner and due date, unless given); a commitment becomes at most one action (409 after)',
  })
  @IsOptional()
  @IsUUID()
  commitmentId?: string;
}

/**
 * The plan's fields (title, owner, target, due date, weight, issues) are for facilitators and
 * admins; note, progress and status for the owner's representatives too, and they add an
 * entry to the timeline as POST /actions/:id/updates does.
 */
export class UpdateActionDto {
  @ApiPropertyOptional({ type: LocalisedTitleDto })
  @OptionalNotNull()
  @Title()
  title?: LocalisedTitleDto;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @IsUUID()
  ownerOrganisationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'null clears it',
  })
  @OptionalNullable()
  @IsUUID()
  targetAuthorityOrganisationId?: string | null;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsDateTime()
  dueAt?: string;

  @OptionalNotNull()
  @Weight()
  weight?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  issueIds?: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 5000 })
  @OptionalNotNull()
  @Note()
  note?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 })
  @OptionalNotNull()
  @Progress()
  progress?: number;

  @ApiPropertyOptional({ enum: ACTION_STATUSES })
  @OptionalNotNull()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;
}

export class PostActionUpdateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 5000, description: 'What happened' })
  @OptionalNotNull()
  @Note()
  note?: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: 'Done always stores 100, whatever is sent',
  })
  @Progress()
  progress: number;

  @ApiProperty({ enum: ACTION_STATUSES })
  @IsIn(ACTION_STATUSES)
  status: ActionStatus;
}

// ---- Views ---------------------------------------------------------------------------------

export class ActionUpdateViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  actionId: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  authorId: string | null;

  @ApiProperty({ nullable: true, type: String })
  authorName: string | null;

  @ApiProperty({ nullable: true, type: String })
  note: string | null;

  @ApiProperty({ type: 'integer' })
  progress: number;

  @ApiProperty({ enum: ACTION_STATUSES })
  status: ActionStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ActionViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  strategyId: string;

  @ApiProperty({ format: 'uuid' })
  objectiveId: string;

  @ApiProperty({ type: LocalisedTitleDto })
  title: LocalisedTitleDto;

  @ApiProperty({ format: 'uuid' })
  ownerOrganisationId: string;

  @ApiProperty()
  ownerName: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  targetAuthorityOrganisationId: string | null;

  @ApiProperty({ nullable: true, type: String })
  targetAuthorityName: string | null;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ type: 'integer' })
  weight: number;

  @ApiProperty({ enum: ACTION_STATUSES })
  status: ActionStatus;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  progress: number;

  @ApiProperty({ description: 'Due date passed, neither done nor dropped' })
  overdue: boolean;

  @ApiProperty({ type: [String], format: 'uuid' })
  issueIds: string[];

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The event commitment it was made from',
  })
  commitmentId: string | null;

  @ApiProperty({
    description: "Whether the caller may post updates (the owner's representatives, staff)",
  })
  canUpdate: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class ActionDetailDto extends ActionViewDto {
  @ApiProperty({ type: LocalisedTitleDto })
  strategyTitle: LocalisedTitleDto;

  @ApiProperty({ type: LocalisedTitleDto })
  objectiveTitle: LocalisedTitleDto;

  @ApiProperty({
    type: [ActionUpdateViewDto],
    description: 'The timeline, newest first (the latest 100; all in GET /actions/:id/updates)',
  })
  updates: ActionUpdateViewDto[];
}

export class ActionUpdatePageDto {
  @ApiProperty({ type: [ActionUpdateViewDto], description: 'Newest first' })
  items: ActionUpdateViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class ObjectiveViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  strategyId: string;

  @ApiProperty({ type: LocalisedTitleDto })
  title: LocalisedTitleDto;

  @ApiProperty({ type: 'integer' })
  weight: number;

  @ApiProperty({ type: 'integer' })
  position: number;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 100,
    description: "Weighted mean of its actions' progress, dropped ones left out; one decimal",
  })
  progress: number;

  @ApiProperty({ type: [ActionViewDto], description: 'Earliest due first' })
  actions: ActionViewDto[];
}

export class StrategySummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: LocalisedTitleDto })
  title: LocalisedTitleDto;

  @ApiProperty({ type: LocalisedLongTextDto })
  goal: LocalisedLongTextDto;

  @ApiProperty({ type: [String], format: 'uuid' })
  issueIds: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  territoryIds: string[];

  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 100,
    description: "Weighted mean of its objectives' progress; one decimal",
  })
  progress: number;

  @ApiProperty({ type: 'integer' })
  objectiveCount: number;

  @ApiProperty({ type: 'integer' })
  actionCount: number;

  @ApiProperty({ type: 'integer' })
  overdueCount: number;

  @ApiProperty({ description: 'Whether the caller may add objectives and actions (staff)' })
  canManage: boolean;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class StrategyViewDto extends StrategySummaryDto {
  @ApiProperty({ type: [ObjectiveViewDto], description: 'In the order they were added' })
  objectives: ObjectiveViewDto[];

  @ApiProperty({
    type: [ActionViewDto],
    description:
      'Actions whose due date passed and that are neither done nor dropped, earliest due first',
  })
  overdueActions: ActionViewDto[];
}

export class StrategyPageDto {
  @ApiProperty({ type: [StrategySummaryDto], description: 'Newest first' })
  items: StrategySummaryDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class CommitmentActionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ format: 'uuid' })
  ownerOrganisationId: string;

  @ApiProperty()
  ownerName: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The strategy action made from it',
  })
  actionId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  strategyId: string | null;
}

export class CommitmentActionPageDto {
  @ApiProperty({ type: [CommitmentActionDto], description: 'In the order of the minutes' })
  items: CommitmentActionDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
