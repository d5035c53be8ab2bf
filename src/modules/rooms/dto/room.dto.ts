import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { AttachmentViewDto } from '../../attachments/dto/attachment.dto.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { Trimmed } from '../../../common/validation/decorators.js';
import {
  FLAG_ACTIONS,
  FLAG_STATUSES,
  type FlagAction,
  type FlagStatus,
  MESSAGE_MAX_LENGTH,
  ROOM_KINDS,
  type RoomKind,
} from '../room.enums.js';

export class CreateRoomDto {
  @ApiProperty({ minLength: 1, maxLength: 120 })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: ROOM_KINDS })
  @IsIn(ROOM_KINDS)
  kind: RoomKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for kind issue' })
  @IsOptional()
  @IsUUID()
  issueId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for kind organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Invited members of a private room',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class MessagesQueryDto {
  @ApiPropertyOptional({
    description:
      "Opaque cursor from the previous page's nextCursor: continues in that page's direction",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Messages before this seq (older), newest of them last',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  beforeSeq?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Messages after this seq (newer)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSeq?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 500,
    default: 50,
    description: 'Up to 500, unlike other lists: a join’s catch-up continues here',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AddRoomMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class LockDto {
  @ApiProperty()
  @IsBoolean()
  locked: boolean;
}

export class SlowModeDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3600, description: '0 turns slow mode off' })
  @IsInt()
  @Min(0)
  @Max(3600)
  seconds: number;
}

export class MuteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 43200 })
  @IsInt()
  @Min(1)
  @Max(43200)
  minutes: number;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class BanDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class ReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 500 })
  @Trimmed()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class PinDto {
  @ApiProperty({ nullable: true, type: 'integer', description: 'The seq to pin; null unpins' })
  @IsOptional()
  @IsInt()
  @Min(1)
  seq: number | null;
}

export class FlagsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FLAG_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(FLAG_STATUSES)
  status?: FlagStatus;
}

export class ResolveFlagDto {
  @ApiProperty({ enum: FLAG_ACTIONS })
  @IsIn(FLAG_ACTIONS)
  action: FlagAction;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 43200,
    default: 60,
    description: 'For action mute',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(43200)
  minutes?: number;
}

export class MessageViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty({ type: 'integer' })
  seq: number;

  @ApiProperty({ format: 'uuid' })
  clientMsgId: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  authorId: string | null;

  @ApiProperty({
    maxLength: MESSAGE_MAX_LENGTH,
    description: 'Empty when hidden, except for moderators',
  })
  body: string;

  @ApiPropertyOptional({ nullable: true, type: 'integer' })
  replyToSeq: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty()
  hidden: boolean;

  @ApiProperty({
    type: [AttachmentViewDto],
    description:
      'Its files (photos, voice notes, documents) in attach order, with short-lived signed URLs any member of the room can use; empty while the message is hidden',
  })
  attachments: AttachmentViewDto[];
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageViewDto] })
  items: MessageViewDto[];

  @ApiProperty({
    description: 'More messages exist beyond this page in the direction asked (nextCursor set)',
  })
  hasMore: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'Continues where this page ended, in its direction (older from the latest or beforeSeq, ' +
      'newer from afterSeq); null at the first or last message',
  })
  nextCursor: string | null;
}

export class RoomViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ROOM_KINDS })
  kind: RoomKind;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  issueId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organisationId: string | null;

  @ApiProperty()
  locked: boolean;

  @ApiProperty({ type: 'integer' })
  slowModeSeconds: number;

  @ApiProperty({ type: 'integer' })
  lastSeq: number;

  @ApiProperty({ nullable: true, type: 'integer' })
  pinnedSeq: number | null;

  @ApiProperty({ type: 'integer', description: 'Messages after the caller’s read marker' })
  unread: number;

  @ApiProperty({ description: 'The caller moderates this room' })
  moderator: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class RoomPageDto {
  @ApiProperty({ type: [RoomViewDto] })
  items: RoomViewDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class SanctionViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ enum: ['mute', 'ban'] })
  kind: 'mute' | 'ban';

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  until: string | null;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export const FLAG_TARGETS = ['message', 'attachment'] as const;
export type FlagTarget = (typeof FLAG_TARGETS)[number];

export class FlagParentDto {
  @ApiProperty({ enum: ['issue', 'comment', 'escalation', 'message'] })
  type: 'issue' | 'comment' | 'escalation' | 'message';

  @ApiProperty({ format: 'uuid' })
  id: string;
}

/**
 * A flag on a message (`target: message`, the shape it always had) or on a file
 * (`target: attachment`, with `attachmentId`; `messageId`, `roomId` and `seq` then name the
 * message the file is attached to, and are null for a file on an issue, comment or answer).
 */
export class FlagViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: FLAG_TARGETS, description: 'What was flagged' })
  target: FlagTarget;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The flagged message, or the message the flagged file is attached to',
  })
  messageId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  roomId: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  seq: number | null;

  @ApiProperty({
    description:
      'The flagged message as stored (moderators see it even when hidden); for a file, the text of the message it is attached to, else empty',
  })
  body: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who wrote the message, or uploaded the file',
  })
  authorId: string | null;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The flagged file (target attachment)',
  })
  attachmentId: string | null;

  @ApiProperty({
    type: FlagParentDto,
    nullable: true,
    description: 'The item the flagged file is attached to (target attachment)',
  })
  attachmentParent: FlagParentDto | null;

  @ApiProperty({
    description: 'The flagged file has been hidden (target attachment; false for a message)',
  })
  attachmentHidden: boolean;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  reporterId: string | null;

  @ApiProperty()
  reason: string;

  @ApiProperty({ enum: FLAG_STATUSES })
  status: FlagStatus;

  @ApiProperty({ enum: FLAG_ACTIONS, nullable: true })
  action: FlagAction | null;

  @ApiProperty({ nullable: true, type: String })
  resolutionNote: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class FlagPageDto {
  @ApiProperty({ type: [FlagViewDto] })
  items: FlagViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
