import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification.entity.js';

export class NotificationViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  issueId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;

  @ApiProperty({
    description: 'What happened: ids, the issue title, statuses, a short excerpt',
    type: 'object',
    additionalProperties: true,
  })
  payload: Record<string, unknown>;

  @ApiProperty({
    description: "What happened, in a few words, in the reader's language (see Content-Language)",
    example: 'Жаңы пикир',
  })
  title: string;

  @ApiProperty({
    description:
      "One sentence in the reader's language, names and titles as written, e.g. «Айбек «Сугат суусу» маселесине пикир жазды»",
  })
  summary: string;

  @ApiProperty()
  read: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationViewDto] })
  items: NotificationViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;

  @ApiProperty({ type: 'integer', description: 'Unread notifications of the caller, all pages' })
  unreadCount: number;
}

export class NotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread ones' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;
}

/** Either `ids` or `all: true`. */
export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 500 })
  @ValidateIf((o: MarkReadDto) => o.all === undefined || o.ids !== undefined)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ enum: [true] })
  @ValidateIf((o: MarkReadDto) => o.ids === undefined || o.all !== undefined)
  @IsIn([true], { message: 'field.allMustBeTrue' })
  all?: true;
}

export class UnreadCountDto {
  @ApiProperty({ type: 'integer' })
  unreadCount: number;
}

export class MarkReadResultDto extends UnreadCountDto {
  @ApiProperty({ type: 'integer', description: 'Notifications this call marked read' })
  updated: number;
}
