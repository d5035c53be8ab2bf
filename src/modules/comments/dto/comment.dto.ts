import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { LANGUAGES, type Language } from '../../../common/languages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { AttachmentIdsField } from '../../../common/validation/attachment-ids.js';
import { Trimmed } from '../../../common/validation/decorators.js';
import { AttachmentViewDto } from '../../attachments/dto/attachment.dto.js';

export const COMMENT_MAX_LENGTH = 10000;

export class CreateCommentDto {
  @ApiPropertyOptional({
    maxLength: COMMENT_MAX_LENGTH,
    description:
      'Plain text, trimmed; not blank, except that a comment with files (attachmentIds) may have no text. Mention a member with `@[Display Name]` or `@{member id}`; they get a `mention` notification',
    example: 'Бизде да ушундай: канал үч күндөн бери жабык.',
  })
  @Trimmed()
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX_LENGTH)
  body?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Reply to this comment of the same issue. Replies go one level deep: a reply cannot be replied to',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    description:
      "The language of the body. When absent it is detected from it, else the author's preferred language",
  })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @AttachmentIdsField(
    'Photos, documents or voice notes (ids from POST /attachments): the caller’s own, not attached to anything yet, in the order to show them',
  )
  attachmentIds?: string[];
}

export class UpdateCommentDto {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_MAX_LENGTH, description: 'The new text' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_MAX_LENGTH)
  body: string;
}

export class HideCommentDto {
  @ApiProperty({ minLength: 3, maxLength: 500, description: 'Why it is hidden; shown to staff' })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class CommentsQueryDto extends PageQueryDto {}

export class CommentAuthorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;
}

export class CommentViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  issueId: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The comment this one replies to',
  })
  parentId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  authorId: string | null;

  @ApiProperty({ type: CommentAuthorDto, nullable: true })
  author: CommentAuthorDto | null;

  @ApiProperty({
    description:
      'Empty for a deleted comment, and for a hidden one unless the caller is a facilitator or admin',
  })
  body: string;

  @ApiProperty({ enum: LANGUAGES })
  language: Language;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  editedAt: string | null;

  @ApiProperty({ description: 'Deleted by its author: a tombstone kept so replies make sense' })
  deleted: boolean;

  @ApiProperty({ description: 'Hidden by a facilitator or admin' })
  hidden: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why it was hidden; present only for facilitators and admins',
  })
  hiddenReason?: string | null;

  @ApiProperty({
    type: [AttachmentViewDto],
    description:
      'Its files in attach order, with short-lived signed URLs; empty for a deleted comment, and for a hidden one while it is hidden',
  })
  attachments: AttachmentViewDto[];
}

export class CommentPageDto {
  @ApiProperty({ type: [CommentViewDto], description: 'Oldest first, replies included' })
  items: CommentViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class CommentRevisionViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The text the comment had before this edit (or its deletion)' })
  body: string;

  @ApiProperty({ format: 'date-time', description: 'When it was replaced' })
  createdAt: string;
}

export class CommentRevisionListDto {
  @ApiProperty({ type: [CommentRevisionViewDto], description: 'Oldest first' })
  items: CommentRevisionViewDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}
