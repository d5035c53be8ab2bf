import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'room.mute' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'field.auditAction' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roomId?: string;
}

export class AuditEntryViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;

  @ApiProperty({ example: 'room.mute' })
  action: string;

  @ApiProperty({ example: 'user' })
  targetType: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  targetId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  roomId: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the action changed, depending on the action',
  })
  details: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryViewDto] })
  items: AuditEntryViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
