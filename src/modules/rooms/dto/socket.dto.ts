import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { MESSAGE_MAX_LENGTH } from '../room.enums.js';

/** Socket payloads are validated exactly like HTTP bodies: unknown fields are refused. */
export class RoomRefPayload {
  @IsUUID()
  roomId: string;
}

export class JoinPayload extends RoomRefPayload {
  @IsOptional()
  @IsInt()
  @Min(0)
  afterSeq?: number;
}

export class SendPayload extends RoomRefPayload {
  @IsUUID()
  clientMsgId: string;

  @IsString()
  @MinLength(1)
  @MaxLength(MESSAGE_MAX_LENGTH)
  body: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  replyToSeq?: number;
}

export class ReadPayload extends RoomRefPayload {
  @IsInt()
  @Min(0)
  seq: number;
}
