import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { TerritoryNameDto } from '../../territories/dto/territory-view.dto.js';
import { TERRITORY_LEVELS, type TerritoryLevel } from '../../territories/territory.entity.js';
import { IsDateTime, Trimmed } from '../../../common/validation/decorators.js';
import {
  HasSomeLanguage,
  LocalisedLongTextDto,
  LocalisedTitleDto,
} from '../../events/dto/common.dto.js';
import {
  AUDIENCES,
  type Audience,
  MAX_REACH_COUNT,
  PUBLICATION_KINDS,
  PUBLICATION_LANGUAGES,
  type PublicationKind,
  type PublicationLanguage,
  REACH_CHANNELS,
  type ReachChannel,
  UNKNOWN_LANGUAGE,
} from '../campaign.enums.js';

const DAY = /^(19|2\d)\d{2}-\d{2}-\d{2}$/;

// ---- campaigns ---------------------------------------------------------------------------------

export class CreateCampaignDto {
  @ApiProperty({ type: LocalisedTitleDto, description: 'The title in one or more languages' })
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedTitleDto)
  title: LocalisedTitleDto;

  @ApiProperty({
    type: LocalisedLongTextDto,
    description: 'What the campaign wants people to know or do, in one or more languages',
  })
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedLongTextDto)
  objective: LocalisedLongTextDto;

  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  startsAt: string;

  @ApiProperty({ format: 'date-time', description: 'After startsAt' })
  @IsDateTime()
  endsAt: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The strategy it serves (an existing strategy, else 400)',
  })
  @IsOptional()
  @IsUUID()
  strategyId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 50,
    description: 'Provisions of the legal library it explains (each must exist, else 400)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  provisionIds?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The organisation that runs it (an extension). Required unless the caller is a facilitator or admin: then a network-member organisation the caller represents',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class CampaignsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Campaigns of this organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Campaigns serving this strategy' })
  @IsOptional()
  @IsUUID()
  strategyId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Running at or after this moment' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Running before this moment' })
  @IsOptional()
  @IsDateTime()
  to?: string;
}

export class GenderCountsDto {
  @ApiProperty({ type: 'integer' })
  female: number;

  @ApiProperty({ type: 'integer' })
  male: number;

  @ApiProperty({ type: 'integer' })
  undisclosed: number;

  @ApiProperty({ type: 'integer', description: 'female + male + undisclosed' })
  total: number;
}

export class PublicationViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  campaignId: string;

  @ApiProperty({ enum: PUBLICATION_KINDS })
  kind: PublicationKind;

  @ApiProperty({ enum: PUBLICATION_LANGUAGES })
  language: PublicationLanguage;

  @ApiProperty()
  title: string;

  @ApiProperty({ nullable: true, type: String })
  body: string | null;

  @ApiProperty({ enum: AUDIENCES, isArray: true })
  audiences: Audience[];

  @ApiProperty({ type: [String], format: 'uuid' })
  provisionIds: string[];

  @ApiProperty({ description: 'Approved by a facilitator: only then does it count' })
  approved: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  approvedAt: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  approvedById: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CampaignViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: LocalisedTitleDto })
  title: LocalisedTitleDto;

  @ApiProperty({ type: LocalisedLongTextDto })
  objective: LocalisedLongTextDto;

  @ApiProperty({ format: 'date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  endsAt: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  strategyId: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  provisionIds: string[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organisationId: string | null;

  @ApiProperty({ nullable: true, type: String })
  organisationName: string | null;

  @ApiProperty({
    description:
      'The caller may add publications (its creator, its organisation’s representatives, facilitators, admins)',
  })
  canManage: boolean;

  @ApiProperty({ type: 'integer' })
  publicationCount: number;

  @ApiProperty({ type: 'integer' })
  approvedCount: number;

  @ApiProperty({ type: GenderCountsDto, description: 'People reached by the counted rows' })
  reach: GenderCountsDto;

  @ApiPropertyOptional({
    type: [PublicationViewDto],
    description: 'One campaign (GET /campaigns/:id) only: its publications, oldest first',
  })
  publications?: PublicationViewDto[];

  @ApiPropertyOptional({
    type: GenderCountsDto,
    description: 'One campaign only: reached as counted (not estimated)',
  })
  reachCounted?: GenderCountsDto;

  @ApiPropertyOptional({ type: GenderCountsDto, description: 'One campaign only: estimated' })
  reachEstimated?: GenderCountsDto;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignViewDto], description: 'Latest start first' })
  items: CampaignViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

// ---- publications ------------------------------------------------------------------------------

export class CreatePublicationDto {
  @ApiProperty({ enum: PUBLICATION_KINDS })
  @IsIn(PUBLICATION_KINDS)
  kind: PublicationKind;

  @ApiProperty({ enum: PUBLICATION_LANGUAGES })
  @IsIn(PUBLICATION_LANGUAGES)
  language: PublicationLanguage;

  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Чек арадагы жайыттарга укугуңуз' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ maxLength: 20000, description: 'The text (or a radio script)' })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body?: string;

  @ApiProperty({ enum: AUDIENCES, isArray: true, minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AUDIENCES.length)
  @ArrayUnique()
  @IsIn(AUDIENCES, { each: true })
  audiences: Audience[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  provisionIds?: string[];
}

// ---- reach -------------------------------------------------------------------------------------

export class CreateReachDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    description:
      "The phone's id for this line: sent again with the same content, 200 and nothing stored; with other content, 409",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_-]+$/)
  clientRowId: string;

  @ApiProperty({
    format: 'date',
    description: "The day (YYYY-MM-DD, Kyrgyzstan's calendar), within the campaign's period",
  })
  @IsString()
  @Matches(DAY, { message: 'field.mustBeDate' })
  @IsISO8601({ strict: true }, { message: 'field.notRealDate' })
  date: string;

  @ApiProperty({
    format: 'uuid',
    description: 'Where (any level; summaries roll up to aiyl aimak)',
  })
  @IsUUID()
  territoryId: string;

  @ApiProperty({ enum: REACH_CHANNELS })
  @IsIn(REACH_CHANNELS)
  channel: ReachChannel;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An approved publication of this campaign that was spread',
  })
  @IsOptional()
  @IsUUID()
  publicationId?: string;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES)
  audience: Audience;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_REACH_COUNT })
  @IsInt()
  @Min(0)
  @Max(MAX_REACH_COUNT)
  female: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_REACH_COUNT })
  @IsInt()
  @Min(0)
  @Max(MAX_REACH_COUNT)
  male: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_REACH_COUNT })
  @IsInt()
  @Min(0)
  @Max(MAX_REACH_COUNT)
  undisclosed: number;

  @ApiProperty({ description: 'true: an estimate; false: counted' })
  @IsBoolean()
  estimated: boolean;

  @ApiProperty({ format: 'uuid', description: 'The organisation that spread it; the caller’s own' })
  @IsUUID()
  organisationId: string;
}

export class ReachViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  campaignId: string;

  @ApiProperty()
  clientRowId: string;

  @ApiProperty({ format: 'date' })
  date: string;

  @ApiProperty({ format: 'uuid' })
  territoryId: string;

  @ApiProperty({ enum: REACH_CHANNELS })
  channel: ReachChannel;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  publicationId: string | null;

  @ApiProperty({ enum: AUDIENCES })
  audience: Audience;

  @ApiProperty({ type: 'integer' })
  female: number;

  @ApiProperty({ type: 'integer' })
  male: number;

  @ApiProperty({ type: 'integer' })
  undisclosed: number;

  @ApiProperty({ type: 'integer' })
  total: number;

  @ApiProperty()
  estimated: boolean;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  enteredById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ReachQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Rows of this organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class ReachPageDto {
  @ApiProperty({ type: [ReachViewDto], description: 'Oldest first' })
  items: ReachViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

// ---- summary -----------------------------------------------------------------------------------

export class CountedEstimatedDto {
  @ApiProperty({ type: GenderCountsDto })
  counted: GenderCountsDto;

  @ApiProperty({ type: GenderCountsDto })
  estimated: GenderCountsDto;
}

export class LanguageReachDto extends CountedEstimatedDto {
  @ApiProperty({
    enum: [...PUBLICATION_LANGUAGES, UNKNOWN_LANGUAGE],
    description: 'The publication’s language; unknown for rows without one',
  })
  language: PublicationLanguage | typeof UNKNOWN_LANGUAGE;

  @ApiProperty({ type: 'integer', description: 'Approved publications in this language' })
  publications: number;
}

export class TerritoryReachDto extends CountedEstimatedDto {
  @ApiProperty({ format: 'uuid', description: 'The aiyl aimak (or the place, when above one)' })
  territoryId: string;

  @ApiProperty({ enum: TERRITORY_LEVELS })
  level: TerritoryLevel;

  @ApiProperty({ type: TerritoryNameDto, description: 'Its name in ky, ru, en' })
  name: TerritoryNameDto;
}

export class AudienceReachDto extends CountedEstimatedDto {
  @ApiProperty({ enum: AUDIENCES })
  audience: Audience;
}

export class GenderReachDto {
  @ApiProperty({ enum: ['female', 'male', 'undisclosed'] })
  gender: 'female' | 'male' | 'undisclosed';

  @ApiProperty({ type: 'integer' })
  counted: number;

  @ApiProperty({ type: 'integer' })
  estimated: number;
}

export class ReachSummaryDto {
  @ApiProperty({ format: 'uuid' })
  campaignId: string;

  @ApiProperty({
    type: 'integer',
    description: 'Reach rows counted (without a publication, or with an approved one)',
  })
  rows: number;

  @ApiProperty({ type: CountedEstimatedDto })
  total: CountedEstimatedDto;

  @ApiProperty({ type: [LanguageReachDto], description: 'ky, ru, tg, uz, en, unknown' })
  byLanguage: LanguageReachDto[];

  @ApiProperty({ type: [TerritoryReachDto], description: 'By territory code' })
  byTerritory: TerritoryReachDto[];

  @ApiProperty({ type: [AudienceReachDto], description: 'In the vocabulary’s order' })
  byAudience: AudienceReachDto[];

  @ApiProperty({ type: [GenderReachDto], description: 'female, male, undisclosed' })
  byGender: GenderReachDto[];
}
