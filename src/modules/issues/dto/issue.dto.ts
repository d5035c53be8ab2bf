import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { LANGUAGES, type Language } from '../../../common/languages.js';
import { AttachmentIdsField } from '../../../common/validation/attachment-ids.js';
import { AttachmentViewDto } from '../../attachments/dto/attachment.dto.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import {
  OptionalNotNull,
  OptionalNullable,
  Trimmed,
} from '../../../common/validation/decorators.js';
import {
  DECISION_LEVELS,
  type DecisionLevel,
  ISSUE_CATEGORIES,
  ISSUE_SORTS,
  ISSUE_STATUSES,
  type IssueCategory,
  type IssueSort,
  type IssueStatus,
} from '../issue.enums.js';

export class CreateIssueDto {
  @ApiProperty({ minLength: 3, maxLength: 200, example: 'Сугат суусунун графиги боюнча талаш' })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiProperty({ minLength: 1, maxLength: 20000, description: 'Plain text' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body: string;

  @ApiProperty({ enum: ISSUE_CATEGORIES })
  @IsIn(ISSUE_CATEGORIES)
  category: IssueCategory;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 20,
    description: 'Affected territories',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  territoryIds: string[];

  @ApiProperty({ enum: DECISION_LEVELS, description: 'The level that can decide it' })
  @IsIn(DECISION_LEVELS)
  decisionLevel: DecisionLevel;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Raised on behalf of this organisation; the caller must belong to it',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    description:
      "The language of title and body. When absent it is detected from them, else the author's preferred language",
  })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @AttachmentIdsField(
    'Photos and documents (ids from POST /attachments): the caller’s own, not attached to anything yet, in the order to show them',
  )
  attachmentIds?: string[];
}

/** Every field optional; required ones refuse `null`; `organisationId: null` detaches it. */
export class UpdateIssueDto {
  @ApiPropertyOptional({ minLength: 3, maxLength: 200 })
  @Trimmed()
  @OptionalNotNull()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 20000 })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body?: string;

  @ApiPropertyOptional({ enum: ISSUE_CATEGORIES })
  @OptionalNotNull()
  @IsIn(ISSUE_CATEGORIES)
  category?: IssueCategory;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  territoryIds?: string[];

  @ApiPropertyOptional({ enum: DECISION_LEVELS })
  @OptionalNotNull()
  @IsIn(DECISION_LEVELS)
  decisionLevel?: DecisionLevel;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @OptionalNullable()
  @IsUUID()
  organisationId?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @OptionalNotNull()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class IssuesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ISSUE_STATUSES })
  @IsOptional()
  @IsIn(ISSUE_STATUSES)
  status?: IssueStatus;

  @ApiPropertyOptional({ enum: ISSUE_CATEGORIES })
  @IsOptional()
  @IsIn(ISSUE_CATEGORIES)
  category?: IssueCategory;

  @ApiPropertyOptional({ format: 'uuid', description: 'Affects this territory or one below it' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ enum: DECISION_LEVELS })
  @IsOptional()
  @IsIn(DECISION_LEVELS)
  decisionLevel?: DecisionLevel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Only issues with an escalation past its deadline' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'Full-text search in titles, bodies and comments (Kyrgyz, Russian, Latin), ranked',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: ISSUE_SORTS,
    description: 'Default: newest, or relevance when q is given',
  })
  @IsOptional()
  @IsIn(ISSUE_SORTS)
  sort?: IssueSort;
}

export class TransitionDto {
  @ApiProperty({ enum: ISSUE_STATUSES })
  @IsIn(ISSUE_STATUSES)
  to: IssueStatus;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why; required when closing' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class MergeDto {
  @ApiProperty({ format: 'uuid', description: 'The issue this duplicate is merged into' })
  @IsUUID()
  targetIssueId: string;
}

export class EndorseDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The organisation that co-signs; the caller must belong to it',
  })
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class IssueAuthorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;
}

export class SearchMatchDto {
  @ApiProperty({ enum: ['title', 'body'] })
  field: 'title' | 'body';

  @ApiProperty({ description: 'Start of the match in the field (UTF-16 code units)', minimum: 0 })
  start: number;

  @ApiProperty({ description: 'End of the match in the field, exclusive', minimum: 0 })
  end: number;

  @ApiProperty({ description: 'The matched text as written', example: 'суу' })
  text: string;

  @ApiProperty({
    description: 'The query word, or the thesaurus term, that matched',
    example: 'вода',
  })
  term: string;

  @ApiProperty({
    enum: ['exact', 'thesaurus'],
    description:
      'exact: the words as typed (folded, either script); thesaurus: another term of their concept',
  })
  kind: 'exact' | 'thesaurus';
}

export class SearchHitDto {
  @ApiProperty({ description: 'Relevance; higher is better' })
  rank: number;

  @ApiProperty({ description: 'Title with matches in <mark>…</mark>; the rest is HTML-escaped' })
  titleHighlight: string;

  @ApiProperty({
    description: 'Fragments of the body with matches in <mark>…</mark>; the rest is HTML-escaped',
  })
  snippet: string;

  @ApiProperty({
    type: [SearchMatchDto],
    description: 'What matched in the title and body (up to 20); empty when only a comment matched',
  })
  matches: SearchMatchDto[];
}

export class IssueViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  body: string;

  @ApiProperty({ enum: ISSUE_CATEGORIES })
  category: IssueCategory;

  @ApiProperty({ enum: DECISION_LEVELS })
  decisionLevel: DecisionLevel;

  @ApiProperty({ enum: ISSUE_STATUSES })
  status: IssueStatus;

  @ApiProperty({ enum: LANGUAGES })
  language: Language;

  @ApiProperty({ type: [String], format: 'uuid' })
  territoryIds: string[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  authorId: string | null;

  @ApiProperty({ type: IssueAuthorDto, nullable: true })
  author: IssueAuthorDto | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organisationId: string | null;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Set when status is merged',
  })
  mergedIntoId: string | null;

  @ApiProperty({ type: 'integer' })
  endorsementCount: number;

  @ApiProperty({ type: 'integer' })
  commentCount: number;

  @ApiProperty({ type: 'integer' })
  followerCount: number;

  @ApiProperty({ description: 'The caller follows it' })
  following: boolean;

  @ApiProperty({ description: 'An escalation of it is past its response deadline' })
  overdue: boolean;

  @ApiProperty({
    enum: ISSUE_STATUSES,
    isArray: true,
    description: 'Moves the caller may make now',
  })
  allowedTransitions: IssueStatus[];

  @ApiProperty({ format: 'date-time' })
  lastActivityAt: string;

  @ApiProperty({ format: 'date-time' })
  statusChangedAt: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({
    type: [AttachmentViewDto],
    description:
      'Its files in attach order, with short-lived signed URLs (a card in a list shows the thumbnails); hidden ones are left out',
  })
  attachments: AttachmentViewDto[];

  @ApiPropertyOptional({
    type: SearchHitDto,
    description: 'Present when the list was searched (q)',
  })
  search?: SearchHitDto;
}

/** An issue as a list shows it: its card, with the start of the body instead of all of it. */
export class IssueCardDto extends OmitType(IssueViewDto, ['body'] as const) {
  @ApiProperty({
    description:
      'The body with whitespace folded, cut at a word boundary within its first 240 characters and ended with … when cut. The whole body is on GET /issues/{id}.',
    maxLength: 241,
    example: 'Since the spring floods the canal above Kok-Tash carries half its water…',
  })
  excerpt: string;
}

export class IssuePageDto {
  @ApiProperty({ type: [IssueCardDto] })
  items: IssueCardDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class TransitionViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ISSUE_STATUSES, nullable: true })
  fromStatus: IssueStatus | null;

  @ApiProperty({ enum: ISSUE_STATUSES })
  toStatus: IssueStatus;

  @ApiProperty({ type: IssueAuthorDto, nullable: true })
  actor: IssueAuthorDto | null;

  @ApiProperty({ nullable: true, type: String })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** An edited field's value: text, an id, null, or a list of ids (territoryIds). */
const CHANGED_VALUE = {
  oneOf: [{ type: 'string' }, { type: 'null' }, { type: 'array', items: { type: 'string' } }],
};

export class RevisionViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: IssueAuthorDto, nullable: true })
  editor: IssueAuthorDto | null;

  @ApiProperty({
    description: 'For each changed field: { from, to }',
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['from', 'to'],
      properties: { from: CHANGED_VALUE, to: CHANGED_VALUE },
    },
  })
  changes: Record<string, { from: unknown; to: unknown }>;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class HistoryDto {
  @ApiProperty({ type: [TransitionViewDto], description: 'Status changes, oldest first, paged' })
  items: TransitionViewDto[];

  @ApiProperty({
    type: [RevisionViewDto],
    description: 'Every edit, oldest first, on every page (edits are few; not paged)',
  })
  revisions: RevisionViewDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class EndorsementViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  issueId: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  endorsedById: string | null;

  @ApiProperty({ nullable: true, type: String })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class EndorsementListDto {
  @ApiProperty({ type: [EndorsementViewDto] })
  items: EndorsementViewDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class FollowStateDto {
  @ApiProperty()
  following: boolean;

  @ApiProperty({ type: 'integer' })
  followerCount: number;
}
