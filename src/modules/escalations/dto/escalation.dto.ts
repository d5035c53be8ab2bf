import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { AttachmentIdsField } from '../../../common/validation/attachment-ids.js';
import { AttachmentViewDto } from '../../attachments/dto/attachment.dto.js';
import {
  IsDateTime,
  OptionalNotNull,
  OptionalNullable,
  Trimmed,
} from '../../../common/validation/decorators.js';

export class CreateEscalationDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The authority: an organisation of kind state_administration or government_body',
  })
  @IsUUID()
  authorityOrganisationId: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When it was sent; not in the future (a few minutes of clock skew are allowed)',
  })
  @IsDateTime()
  sentAt: string;

  @ApiPropertyOptional({
    maxLength: 200,
    nullable: true,
    type: String,
    description: 'Outgoing letter number',
  })
  @Trimmed()
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Deadline for the answer, not before sentAt; default sentAt + KENESH_ESCALATION_RESPONSE_DAYS (30) days',
  })
  @OptionalNotNull()
  @IsDateTime()
  responseDueAt?: string;
}

/**
 * Records the authority's answer (`responseText` and `respondedAt`, always together, once)
 * and/or corrects `reference` and `responseDueAt`. Every field optional.
 */
export class UpdateEscalationDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 20000,
    description: "The authority's answer (plain text); needs respondedAt",
  })
  @Trimmed()
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  responseText?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the answer came; not before sentAt nor in the future; needs responseText',
  })
  @OptionalNotNull()
  @IsDateTime()
  respondedAt?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    nullable: true,
    type: String,
    description: 'Corrects the reference; null clears it',
  })
  @Trimmed()
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Corrects the deadline; not before sentAt',
  })
  @OptionalNotNull()
  @IsDateTime()
  responseDueAt?: string;

  @AttachmentIdsField(
    'The authority’s letter, scanned or photographed (ids from POST /attachments): only with the answer (responseText and respondedAt); the caller’s own files, not attached to anything yet',
  )
  attachmentIds?: string[];
}

export class EscalationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  issueId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  authorityOrganisationId?: string;

  @ApiPropertyOptional({
    description:
      'true: unanswered and past the deadline; false: answered or still within the deadline',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  overdue?: boolean;
}

export class EscalationViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  issueId: string;

  @ApiProperty()
  issueTitle: string;

  @ApiProperty({ format: 'uuid' })
  authorityOrganisationId: string;

  @ApiProperty()
  authorityName: string;

  @ApiProperty({ format: 'date-time' })
  sentAt: string;

  @ApiProperty({ nullable: true, type: String })
  reference: string | null;

  @ApiProperty({ format: 'date-time' })
  responseDueAt: string;

  @ApiProperty({ nullable: true, type: String })
  responseText: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  respondedAt: string | null;

  @ApiProperty({ description: 'Unanswered and past its deadline' })
  overdue: boolean;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    type: [AttachmentViewDto],
    description:
      'The answer’s files (the authority’s letter) in attach order, with short-lived signed URLs',
  })
  attachments: AttachmentViewDto[];
}

export class EscalationPageDto {
  @ApiProperty({ type: [EscalationViewDto], description: 'Soonest deadline first' })
  items: EscalationViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
