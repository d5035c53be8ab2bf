import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { ERROR_CODES, type ErrorCode } from '../../../common/errors/error-code.js';
import { AttachmentIdsField } from '../../../common/validation/attachment-ids.js';
import { MESSAGE_MAX_LENGTH } from '../room.enums.js';
import { MessageViewDto } from './room.dto.js';

/** Messages a join returns at most; the rest is paged over REST. */
export const JOIN_MISSED_LIMIT = 500;

/** Socket payloads are validated exactly like HTTP bodies: unknown fields are refused. */
export class RoomRefPayload {
  @IsUUID()
  roomId: string;
}

export class JoinPayload extends RoomRefPayload {
  @ApiPropertyOptional({
    description: 'The highest seq the client has; without it, the caller’s read marker',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  afterSeq?: number;
}

export class SendPayload extends RoomRefPayload {
  @ApiProperty({ description: 'Made once per message by the client and sent with every retry' })
  @IsUUID()
  clientMsgId: string;

  @ApiPropertyOptional({
    description:
      'The text; not blank, except that a message with files (attachmentIds) may have none (a voice note alone)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MESSAGE_MAX_LENGTH)
  body?: string;

  @ApiPropertyOptional({ description: 'The seq of a message of the same room' })
  @IsOptional()
  @IsInt()
  @Min(1)
  replyToSeq?: number;

  @AttachmentIdsField(
    'Files to send with it (ids from POST /attachments): the sender’s own, not attached to anything yet, in the order to show them. Attached once: a retry with the same clientMsgId attaches nothing again',
  )
  attachmentIds?: string[];
}

export class ReadPayload extends RoomRefPayload {
  @ApiProperty({ description: 'Read up to this seq; the marker only moves forward' })
  @IsInt()
  @Min(0)
  seq: number;
}

// What the server answers and emits on `/rt`. The gateway's handlers and `RealtimeEvents` are
// typed with these, and the AsyncAPI document (`openapi/asyncapi.json`) is built from them.

export class SocketFieldErrorDto {
  @ApiProperty({ example: 'roomId' })
  field: string;

  @ApiProperty({ example: 'roomId must be a UUID' })
  message: string;
}

export class SocketErrorDto {
  @ApiProperty({ enum: ERROR_CODES, description: 'A code of the contract, as in problem details' })
  code: ErrorCode;

  @ApiProperty({ description: 'For people, in English; clients branch on `code`' })
  message: string;

  @ApiPropertyOptional({
    type: [SocketFieldErrorDto],
    description: 'With validation_failed: the fields at fault',
  })
  errors?: SocketFieldErrorDto[];
}

/** A refusal: every client event may be answered with one. */
export class RefusalAckDto {
  @ApiProperty({ enum: [false] })
  ok: false;

  @ApiProperty({ type: SocketErrorDto })
  error: SocketErrorDto;
}

export class OkAckDto {
  @ApiProperty({ enum: [true] })
  ok: true;
}

export class JoinedRoomDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'The highest seq stored in the room when joined' })
  lastSeq: number;

  @ApiProperty()
  locked: boolean;

  @ApiProperty({ type: 'integer', description: '0 when slow mode is off' })
  slowModeSeconds: number;
}

export class JoinAckDto extends OkAckDto {
  @ApiProperty({ type: JoinedRoomDto })
  room: JoinedRoomDto;

  @ApiProperty({
    type: [MessageViewDto],
    description: `Every message after afterSeq (else the read marker), in seq order, up to ${JOIN_MISSED_LIMIT}`,
  })
  missed: MessageViewDto[];

  @ApiProperty({
    description: 'More messages follow `missed`: page them with GET /rooms/:id/messages?afterSeq=',
  })
  hasMore: boolean;
}

export class SendAckDto extends OkAckDto {
  @ApiProperty({
    type: MessageViewDto,
    description: 'The stored message; the same clientMsgId again answers the same message',
  })
  message: MessageViewDto;
}

export class MessageHiddenEventDto {
  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty({ format: 'uuid' })
  messageId: string;

  @ApiProperty({ type: 'integer' })
  seq: number;
}

export class AttachmentHiddenEventDto {
  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty({ format: 'uuid', description: 'The message the file is attached to' })
  messageId: string;

  @ApiProperty({ type: 'integer' })
  seq: number;

  @ApiProperty({ format: 'uuid', description: 'Drop it from the message’s attachments' })
  attachmentId: string;
}

export class RoomUpdatedEventDto {
  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty()
  locked: boolean;

  @ApiProperty({ type: 'integer', description: '0 when slow mode is off' })
  slowModeSeconds: number;

  @ApiProperty({ nullable: true, type: 'integer', description: 'The pinned seq, null when none' })
  pinnedSeq: number | null;
}

export class RoomPresenceEventDto {
  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Users with a socket in the room, on any node',
  })
  online: string[];
}

export class TypingEventDto {
  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;
}

export class RoomMutedEventDto {
  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty({ format: 'date-time' })
  until: string;

  @ApiProperty()
  reason: string;
}

export class RoomBannedEventDto {
  @ApiProperty({ format: 'uuid' })
  roomId: string;

  @ApiProperty()
  reason: string;
}

export class ReasonEventDto {
  @ApiProperty({ description: 'For people, in English' })
  reason: string;
}

export class ConnectErrorDto {
  @ApiProperty({
    enum: ['unauthorized', 'unavailable'],
    description:
      'unauthorized: no valid access token (sign in or refresh); unavailable: the database or ' +
      'Redis does not answer (retry with the same token)',
  })
  message: 'unauthorized' | 'unavailable';
}
