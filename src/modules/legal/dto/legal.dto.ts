import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Language } from '../../../common/languages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import {
  OptionalNotNull,
  OptionalNullable,
  Trimmed,
} from '../../../common/validation/decorators.js';
import {
  HasSomeLanguage,
  LocalisedLongTextDto,
  LocalisedTitleDto,
} from '../../events/dto/common.dto.js';
import {
  EID_MAX,
  EID_PATTERN,
  LEGAL_ACT_KINDS,
  LEGAL_ACT_STATUSES,
  LINK_RELATIONS,
  LINK_STATUSES,
  type LegalActKind,
  type LegalActStatus,
  type LinkRelation,
  type LinkStatus,
} from '../legal.enums.js';

type LangText = Partial<Record<Language, string>>;

/** A calendar date, `YYYY-MM-DD` (acts are dated by day, not by instant). */
const DATE = /^(1[89]|2\d)\d{2}-\d{2}-\d{2}$/;

const LANG_TEXT_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'string' },
  example: { ky: '…', ru: '…' },
} as const;

export const MAX_IMPORT_PROVISIONS = 5000;

export class CreateLegalActDto {
  @ApiProperty({ type: LocalisedTitleDto, description: 'The title in one or more languages' })
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedTitleDto)
  title: LocalisedTitleDto;

  @ApiProperty({ enum: LEGAL_ACT_KINDS })
  @IsIn(LEGAL_ACT_KINDS)
  kind: LegalActKind;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    example: '№ 101',
    description: 'The act’s number',
  })
  @Trimmed()
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  number?: string | null;

  @ApiProperty({ format: 'date', example: '2021-10-20', description: 'The day it was adopted' })
  @IsString()
  @Matches(DATE, { message: 'field.mustBeDate' })
  @IsISO8601({ strict: true }, { message: 'field.notRealDate' })
  adoptedAt: string;

  @ApiProperty({ maxLength: 300, example: 'Жогорку Кеңеш', description: 'Who adopted it' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  issuer: string;

  @ApiProperty({ enum: LEGAL_ACT_STATUSES })
  @IsIn(LEGAL_ACT_STATUSES)
  status: LegalActStatus;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'Where the official text is published',
  })
  @OptionalNullable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  sourceUrl?: string | null;

  @ApiPropertyOptional({
    default: false,
    description:
      'Extension: sample (demo) text, never the authoritative wording; clients show a banner',
  })
  @OptionalNotNull()
  @IsBoolean()
  isSample?: boolean;
}

/** Extension: what may change on an act. */
export class UpdateLegalActDto {
  @ApiPropertyOptional({ enum: LEGAL_ACT_STATUSES })
  @OptionalNotNull()
  @IsIn(LEGAL_ACT_STATUSES)
  status?: LegalActStatus;

  @ApiPropertyOptional({ type: LocalisedTitleDto })
  @OptionalNotNull()
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedTitleDto)
  title?: LocalisedTitleDto;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @OptionalNullable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  sourceUrl?: string | null;
}

export class LegalActsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Words of the title, number or issuer' })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: LEGAL_ACT_KINDS })
  @IsOptional()
  @IsIn(LEGAL_ACT_KINDS)
  kind?: LegalActKind;

  @ApiPropertyOptional({ enum: LEGAL_ACT_STATUSES, description: 'Extension' })
  @IsOptional()
  @IsIn(LEGAL_ACT_STATUSES)
  status?: LegalActStatus;
}

export class CreateProvisionDto {
  @ApiProperty({
    maxLength: EID_MAX,
    pattern: EID_PATTERN.source,
    example: 'art_12__para_3',
    description: 'Akoma Ntoso style id, unique within the act',
  })
  @IsString()
  @MaxLength(EID_MAX)
  @Matches(EID_PATTERN, { message: 'legal.eIdPattern' })
  eId: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: EID_MAX,
    pattern: EID_PATTERN.source,
    example: 'art_12',
  })
  @OptionalNullable()
  @IsString()
  @MaxLength(EID_MAX)
  @Matches(EID_PATTERN, { message: 'legal.eIdPattern' })
  parentEId?: string | null;

  @ApiProperty({ type: LocalisedTitleDto, description: 'Heading (e.g. "Статья 12. …")' })
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedTitleDto)
  heading: LocalisedTitleDto;

  @ApiProperty({ type: LocalisedLongTextDto, description: 'The wording, Kyrgyz and Russian' })
  @IsObject()
  @HasSomeLanguage()
  @ValidateNested()
  @Type(() => LocalisedLongTextDto)
  text: LocalisedLongTextDto;
}

/** One act per file: its fields and its provisions by eId, in document order. */
export class ImportLegalActDto extends CreateLegalActDto {
  @ApiProperty({
    type: [CreateProvisionDto],
    minItems: 1,
    maxItems: MAX_IMPORT_PROVISIONS,
    description: 'In document order; a parent before its children',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_PROVISIONS)
  @ValidateNested({ each: true })
  @Type(() => CreateProvisionDto)
  provisions: CreateProvisionDto[];
}

export class ProvisionSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description:
      'Words, in Kyrgyz or Russian; without q every provision (of actId or kind) is listed, rank 0',
  })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Extension: within one act' })
  @IsOptional()
  @IsUUID()
  actId?: string;

  @ApiPropertyOptional({ enum: LEGAL_ACT_KINDS, description: 'Extension' })
  @IsOptional()
  @IsIn(LEGAL_ACT_KINDS)
  kind?: LegalActKind;
}

export class CreateIssueLinkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  issueId: string;

  @ApiProperty({ enum: LINK_RELATIONS })
  @IsIn(LINK_RELATIONS)
  relation: LinkRelation;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @Trimmed()
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string | null;
}

export class DecideIssueLinkDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why (kept in the audit log)' })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

// ---- answers ----

export class LegalActSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty(LANG_TEXT_SCHEMA) title: LangText;
  @ApiProperty({ enum: LEGAL_ACT_KINDS }) kind: LegalActKind;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ format: 'date' }) adoptedAt: string;
  @ApiProperty() issuer: string;
  @ApiProperty({ enum: LEGAL_ACT_STATUSES }) status: LegalActStatus;
  @ApiProperty({ type: String, nullable: true }) sourceUrl: string | null;
  @ApiProperty({ description: 'Sample text: never the authoritative wording' })
  isSample: boolean;
  @ApiProperty({ type: 'integer' }) provisionCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LegalActPageDto {
  @ApiProperty({ type: [LegalActSummaryDto] }) items: LegalActSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ProvisionNodeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'art_12__para_3' }) eId: string;
  @ApiProperty({ type: String, nullable: true }) parentEId: string | null;
  @ApiProperty(LANG_TEXT_SCHEMA) heading: LangText;
  @ApiProperty(LANG_TEXT_SCHEMA) text: LangText;
  @ApiProperty({ type: () => [ProvisionNodeDto], description: 'In document order' })
  children: ProvisionNodeDto[];
}

export class LegalActViewDto extends LegalActSummaryDto {
  @ApiProperty({
    type: [ProvisionNodeDto],
    description: 'The tree of provisions, nested by parentEId, in document order',
  })
  provisions: ProvisionNodeDto[];
}

export class ProvisionRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() eId: string;
  @ApiProperty(LANG_TEXT_SCHEMA) heading: LangText;
}

export class IssueLinkViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) provisionId: string;
  @ApiProperty({ format: 'uuid' }) issueId: string;
  @ApiProperty() issueTitle: string;
  @ApiProperty({ enum: LINK_RELATIONS }) relation: LinkRelation;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: LINK_STATUSES }) status: LinkStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedById: string | null;
  @ApiProperty({ type: String, nullable: true }) proposedByName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedById: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ProvisionViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() eId: string;
  @ApiProperty({ type: String, nullable: true }) parentEId: string | null;
  @ApiProperty(LANG_TEXT_SCHEMA) heading: LangText;
  @ApiProperty(LANG_TEXT_SCHEMA) text: LangText;
  @ApiProperty({ type: LegalActSummaryDto }) act: LegalActSummaryDto;
  @ApiProperty({ type: [ProvisionRefDto], description: 'Ancestors, outermost first' })
  path: ProvisionRefDto[];
  @ApiProperty({ type: [ProvisionRefDto], description: 'Direct children, in document order' })
  children: ProvisionRefDto[];
  @ApiProperty({
    type: [IssueLinkViewDto],
    description:
      'Links to issues: confirmed ones for everyone; proposed and rejected ones for staff and for their proposer',
  })
  links: IssueLinkViewDto[];
}

export class HighlightRangeDto {
  @ApiProperty({ type: 'integer', description: 'UTF-16 offset into the snippet' }) start: number;
  @ApiProperty({ type: 'integer', description: 'UTF-16 offset, exclusive' }) end: number;
}

export class ProvisionSearchItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actId: string;
  @ApiProperty(LANG_TEXT_SCHEMA) actTitle: LangText;
  @ApiProperty({ enum: LEGAL_ACT_KINDS }) actKind: LegalActKind;
  @ApiProperty({ enum: LEGAL_ACT_STATUSES }) actStatus: LegalActStatus;
  @ApiProperty() isSample: boolean;
  @ApiProperty() eId: string;
  @ApiProperty(LANG_TEXT_SCHEMA) heading: LangText;
  @ApiProperty({ description: 'Plain text (not HTML): an excerpt of the text around the matches' })
  snippet: string;
  @ApiProperty({ enum: ['ky', 'ru', 'en', 'tg', 'uz'], description: 'The language of the snippet' })
  snippetLanguage: string;
  @ApiProperty({ type: [HighlightRangeDto], description: 'The matched words within the snippet' })
  highlights: HighlightRangeDto[];
  @ApiProperty({
    description:
      'The snippet HTML-escaped with the matches in <mark> (for clients that render HTML); the same as snippet + highlights',
  })
  snippetHtml: string;
  @ApiProperty({ type: 'number' }) rank: number;
}

export class ProvisionSearchPageDto {
  @ApiProperty({ type: [ProvisionSearchItemDto] }) items: ProvisionSearchItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class LegalBasisLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LINK_RELATIONS }) relation: LinkRelation;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: LINK_STATUSES }) status: LinkStatus;
  @ApiProperty({ type: LegalActSummaryDto }) act: LegalActSummaryDto;
  @ApiProperty({ type: ProvisionRefDto }) provision: ProvisionRefDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LegalBasisDto {
  @ApiProperty({ format: 'uuid' }) issueId: string;
  @ApiProperty({
    type: [LegalBasisLinkDto],
    description:
      'Confirmed links; proposed ones too for staff and their proposer (status says which)',
  })
  links: LegalBasisLinkDto[];
}

export class ImportResultDto {
  @ApiProperty({ type: LegalActViewDto }) act: LegalActViewDto;
  @ApiProperty({ description: 'Whether the act was new' }) createdAct: boolean;
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) updated: number;
  @ApiProperty({ type: 'integer' }) unchanged: number;
}
