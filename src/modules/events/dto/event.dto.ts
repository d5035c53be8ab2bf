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
  ValidateNested,
} from 'class-validator';
import { LANGUAGES, type Language } from '../../../common/languages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import {
  OptionalNotNull,
  OptionalNullable,
  Trimmed,
} from '../../../common/validation/decorators.js';
import { ORGANISATION_KINDS } from '../../organisations/organisation.enums.js';
import { AGE_BANDS, type AgeBand, GENDERS, type Gender } from '../../surveys/survey-contract.js';
import {
  ATTENDANCE_ROLES,
  type AttendanceRole,
  EVENT_KINDS,
  EVENT_STATUSES,
  type EventKind,
  type EventStatus,
  FOCUS_GROUPS,
  type FocusGroup,
  REGISTRATION_STATUSES,
  type RegistrationStatus,
} from '../event.enums.js';
import { IsDateTime } from '../../../common/validation/decorators.js';
import { HasSomeLanguage, LocalisedLongTextDto, LocalisedTitleDto } from './common.dto.js';

export class CreateEventDto {
  @ApiProperty({ enum: EVENT_KINDS })
  @IsIn(EVENT_KINDS)
  kind: EventKind;

  @ApiProperty({ type: LocalisedTitleDto, description: 'The title in one or more languages' })
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedTitleDto)
  title: LocalisedTitleDto;

  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  startsAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Not before startsAt' })
  @IsOptional()
  @IsDateTime()
  endsAt?: string;

  @ApiProperty({ format: 'uuid', description: 'Where it takes place (any level of the tree)' })
  @IsUUID()
  territoryId: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'Ак-Сай айыл өкмөтүнүн залы' })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  place?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The organising organisation. Required unless the caller is a facilitator or admin: then one with networkStatus member that the caller represents',
  })
  @IsOptional()
  @IsUUID()
  organiserOrganisationId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  issueIds?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100000,
    description: 'Places; registrations past it are waitlisted. None: no limit',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'The language it is held in' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({
    enum: FOCUS_GROUPS,
    description:
      'Focus groups only: who was gathered (an extension; mixed when a focus group leaves it out)',
  })
  @IsOptional()
  @IsIn(FOCUS_GROUPS)
  group?: FocusGroup;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 3,
    maximum: 100,
    default: 5,
    description:
      'Statistics cells from 1 to this − 1 are suppressed for viewers other than the organiser and staff',
  })
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(100)
  minCellSize?: number;
}

/** Every field optional; `null` clears an optional one. The kind never changes. */
export class UpdateEventDto {
  @ApiPropertyOptional({ type: LocalisedTitleDto })
  @OptionalNotNull()
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedTitleDto)
  title?: LocalisedTitleDto;

  @ApiPropertyOptional({ format: 'date-time' })
  @OptionalNotNull()
  @IsDateTime()
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  @OptionalNullable()
  @IsDateTime()
  endsAt?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ maxLength: 300, nullable: true, type: String })
  @Trimmed()
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  place?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    description: 'Replaces them',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  issueIds?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100000,
    nullable: true,
    description:
      'Raising it (or null: no limit) promotes the waitlist in order; lowering it moves no one out',
  })
  @OptionalNullable()
  @IsInt()
  @Min(1)
  @Max(100000)
  capacity?: number | null;

  @ApiPropertyOptional({ enum: LANGUAGES, nullable: true, type: String })
  @OptionalNullable()
  @IsIn(LANGUAGES)
  language?: Language | null;

  @ApiPropertyOptional({ enum: FOCUS_GROUPS, description: 'Focus groups only' })
  @OptionalNotNull()
  @IsIn(FOCUS_GROUPS)
  group?: FocusGroup;

  @ApiPropertyOptional({ type: 'integer', minimum: 3, maximum: 100 })
  @OptionalNotNull()
  @IsInt()
  @Min(3)
  @Max(100)
  minCellSize?: number;
}

export class EventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EVENT_KINDS })
  @IsOptional()
  @IsIn(EVENT_KINDS)
  kind?: EventKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Includes the territories below it' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Starting at or after' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Starting before' })
  @IsOptional()
  @IsDateTime()
  to?: string;

  @ApiPropertyOptional({ enum: EVENT_STATUSES })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organiserOrganisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events about this issue' })
  @IsOptional()
  @IsUUID()
  issueId?: string;
}

export class AttendanceRowDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    description: "The phone's id for this line; a line already stored is not stored again",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  clientRowId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A member of the hub; or name' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'As written on the sheet; or userId' })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ enum: AGE_BANDS })
  @IsIn(AGE_BANDS)
  ageBand: AgeBand;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiProperty({ enum: ATTENDANCE_ROLES })
  @IsIn(ATTENDANCE_ROLES)
  role: AttendanceRole;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceRowDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRowDto)
  rows: AttendanceRowDto[];
}

export class AttendanceResultDto {
  @ApiProperty({ type: [String], description: 'clientRowIds stored by this request' })
  stored: string[];

  @ApiProperty({
    type: [String],
    description:
      'clientRowIds not stored: the line was stored before (a retry), or its userId is on the sheet already',
  })
  alreadyStored: string[];

  @ApiProperty({ type: 'integer', description: 'Lines on the sheet now' })
  total: number;
}

export class TallyRowDto {
  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ enum: AGE_BANDS })
  @IsIn(AGE_BANDS)
  ageBand: AgeBand;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100000)
  count: number;
}

export class TalliesDto {
  @ApiProperty({
    type: [TallyRowDto],
    maxItems: 15,
    description: 'Replaces every count; one row per gender × age band',
  })
  @IsArray()
  @ArrayMaxSize(15)
  @ValidateNested({ each: true })
  @Type(() => TallyRowDto)
  rows: TallyRowDto[];
}

export class TalliesViewDto {
  @ApiProperty({ type: [TallyRowDto] })
  rows: TallyRowDto[];

  @ApiProperty({ type: 'integer' })
  total: number;
}

export class CommitmentDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerOrganisationId: string;

  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  dueAt: string;
}

export class CloseEventDto {
  @ApiProperty({ type: LocalisedLongTextDto, description: 'Minutes in one or more languages' })
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedLongTextDto)
  minutes: LocalisedLongTextDto;

  @ApiPropertyOptional({ maxLength: 20000, description: 'What was found (focus groups)' })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  findings?: string;

  @ApiPropertyOptional({ type: [CommitmentDto], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CommitmentDto)
  commitments?: CommitmentDto[];
}

export class CommitmentViewDto {
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
}

export class EventViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: EVENT_KINDS })
  kind: EventKind;

  @ApiProperty({ type: LocalisedTitleDto })
  title: LocalisedTitleDto;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  endsAt: string | null;

  @ApiProperty({ format: 'uuid' })
  territoryId: string;

  @ApiProperty({ nullable: true, type: String })
  place: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organiserOrganisationId: string | null;

  @ApiProperty({ nullable: true, type: String })
  organiserName: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  issueIds: string[];

  @ApiProperty({ type: 'integer', nullable: true })
  capacity: number | null;

  @ApiProperty({ enum: LANGUAGES, nullable: true, type: String })
  language: Language | null;

  @ApiProperty({ enum: FOCUS_GROUPS, nullable: true, type: String })
  group: FocusGroup | null;

  @ApiProperty({ type: 'integer' })
  minCellSize: number;

  @ApiProperty({ enum: EVENT_STATUSES })
  status: EventStatus;

  @ApiProperty({ type: 'integer' })
  registeredCount: number;

  @ApiProperty({ type: 'integer' })
  waitlistedCount: number;

  @ApiProperty({
    enum: REGISTRATION_STATUSES,
    nullable: true,
    type: String,
    description: "The caller's registration",
  })
  myRegistration: RegistrationStatus | null;

  @ApiProperty({
    description:
      'The caller may edit, record attendance and tallies, close, and see unsuppressed statistics',
  })
  canManage: boolean;

  @ApiProperty({ type: LocalisedLongTextDto, nullable: true })
  minutes: LocalisedLongTextDto | null;

  @ApiProperty({ nullable: true, type: String })
  findings: string | null;

  @ApiProperty({ type: [CommitmentViewDto] })
  commitments: CommitmentViewDto[];

  @ApiProperty({
    type: [TallyRowDto],
    description:
      'Counts without names, for those who manage the event (empty for others: small cells; they read GET /events/:id/stats)',
  })
  tallies: TallyRowDto[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  closedAt: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class EventPageDto {
  @ApiProperty({ type: [EventViewDto], description: 'Earliest start first' })
  items: EventViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class RegistrationViewDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ enum: REGISTRATION_STATUSES })
  status: RegistrationStatus;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Place in the waitlist (1 = next to be promoted); null when registered',
  })
  waitlistPosition: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export const STATS_ORGANISATION_KINDS = [...ORGANISATION_KINDS, 'none'] as const;
export type StatsOrganisationKind = (typeof STATS_ORGANISATION_KINDS)[number];

export class StatsCellDto {
  @ApiPropertyOptional({ enum: GENDERS })
  gender?: Gender;

  @ApiPropertyOptional({ enum: AGE_BANDS })
  ageBand?: AgeBand;

  @ApiPropertyOptional({
    enum: STATS_ORGANISATION_KINDS,
    description:
      "The participant's organisation's kind; none: no organisation, or counted without names",
  })
  organisationKind?: StatsOrganisationKind;

  @ApiProperty({ type: 'integer', nullable: true, description: 'null when suppressed' })
  count: number | null;

  @ApiPropertyOptional({ enum: ['primary', 'secondary'] })
  suppressed?: 'primary' | 'secondary';
}

export class EventStatsDto {
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ type: 'integer' })
  minCellSize: number;

  @ApiProperty({
    description:
      'Whether small cells were suppressed for this caller (not for staff and the organiser)',
  })
  suppressionApplied: boolean;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Sheet lines plus counts without names; null when withheld',
  })
  total: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Lines of the sign-in sheet; null when withheld or, for other readers than the organiser and staff, from 1 to minCellSize − 1',
  })
  attendanceRows: number | null;

  @ApiProperty({
    type: [StatsCellDto],
    description:
      'gender × ageBand × organisationKind, non-empty or suppressed cells only; all empty when the whole base is withheld',
  })
  cells: StatsCellDto[];

  @ApiProperty({ type: [StatsCellDto] })
  byGender: StatsCellDto[];

  @ApiProperty({ type: [StatsCellDto] })
  byAgeBand: StatsCellDto[];

  @ApiProperty({ type: [StatsCellDto] })
  byOrganisationKind: StatsCellDto[];
}

/** An event as a finding's evidence shows it (focus groups above all). */
export class EventEvidenceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: EVENT_KINDS })
  kind: EventKind;

  @ApiProperty({ type: LocalisedTitleDto })
  title: LocalisedTitleDto;

  @ApiProperty({ enum: FOCUS_GROUPS, nullable: true, type: String })
  group: FocusGroup | null;

  @ApiProperty({ nullable: true, type: String })
  place: string | null;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'uuid' })
  territoryId: string;

  @ApiProperty({ enum: EVENT_STATUSES })
  status: EventStatus;

  @ApiProperty({ nullable: true, type: String, description: 'What the event found' })
  findings: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Participants (sheet lines and counts without names); null when under the minimum cell size, except for its organiser and staff',
  })
  participants: number | null;
}

// ---- Extensions for the organiser's screens (issue 13) ----------------------------------------

export class EventRegistrantDto extends RegistrationViewDto {
  @ApiProperty()
  displayName: string;
}

export class EventRegistrantPageDto {
  @ApiProperty({
    type: [EventRegistrantDto],
    description: 'Registered first, then the waitlist in its order; oldest first within each',
  })
  items: EventRegistrantDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class AttendanceLineDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: "The phone's id for this line" })
  clientRowId: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  userId: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "The name as written, or the member's display name",
  })
  name: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organisationId: string | null;

  @ApiProperty({ nullable: true, type: String })
  organisationName: string | null;

  @ApiProperty({ enum: GENDERS })
  gender: Gender;

  @ApiProperty({ enum: AGE_BANDS })
  ageBand: AgeBand;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  territoryId: string | null;

  @ApiProperty({ enum: ATTENDANCE_ROLES })
  role: AttendanceRole;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class AttendancePageDto {
  @ApiProperty({ type: [AttendanceLineDto], description: 'In the order they were stored' })
  items: AttendanceLineDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
