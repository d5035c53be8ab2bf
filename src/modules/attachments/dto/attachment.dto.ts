import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { OptionalNullable, Trimmed } from '../../../common/validation/decorators.js';
import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  type AttachmentView,
} from '../attachment-parents.js';

export class CreateAttachmentDto {
  @ApiProperty({ format: 'uuid', description: 'A finished tus upload of the caller' })
  @IsUUID()
  uploadId: string;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String })
  @Trimmed()
  @OptionalNullable()
  @IsString()
  @MaxLength(1000)
  caption?: string | null;
}

export class AttachmentUrlsDto {
  @ApiProperty({
    description:
      'Signed, expires in minutes: `/api/v1/files/{id}/original?exp=…&sig=…`, no token needed',
  })
  original: string;

  @ApiPropertyOptional({ description: 'Photos: WebP, at most 1280 px on the long side' })
  display?: string;

  @ApiPropertyOptional({ description: 'Photos: WebP, at most 320 px on the long side' })
  thumbnail?: string;
}

export class AttachmentViewDto implements AttachmentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ATTACHMENT_KINDS })
  kind: AttachmentKind;

  @ApiProperty({
    example: 'image/jpeg',
    description:
      'Read from the bytes: image/jpeg, image/png, image/webp, application/pdf, audio/ogg, audio/webm, audio/mp4',
  })
  mimeType: string;

  @ApiProperty({ type: 'integer', description: 'Bytes of the original as served' })
  size: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the original as served' })
  sha256: string;

  @ApiProperty({ type: String, nullable: true })
  caption: string | null;

  @ApiPropertyOptional({ type: 'integer' })
  width?: number;

  @ApiPropertyOptional({ type: 'integer' })
  height?: number;

  @ApiPropertyOptional({ type: 'number' })
  durationSeconds?: number;

  @ApiProperty({ type: AttachmentUrlsDto })
  urls: AttachmentUrlsDto;
}
