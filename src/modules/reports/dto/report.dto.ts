import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { IsDateTime } from '../../../common/validation/decorators.js';
import { TerritoryNameDto } from '../../territories/dto/territory-view.dto.js';
import {
  REPORT_KINDS,
  REPORT_LANGUAGES,
  REPORT_STATUSES,
  type ReportKind,
  type ReportLanguage,
  type ReportStatus,
} from '../report.entity.js';

export class CreateReportDto {
  @ApiProperty({ enum: REPORT_KINDS, example: 'district_round_table' })
  @IsIn(REPORT_KINDS)
  kind: ReportKind;

  @ApiProperty({ format: 'uuid', description: 'A district (territory of level district)' })
  @IsUUID()
  territoryId: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-01-01T00:00:00Z',
    description: 'Start of the period (included)',
  })
  @IsDateTime()
  from: string;

  @ApiProperty({
    format: 'date-time',
    example: '2026-07-01T00:00:00Z',
    description: 'End of the period (not included); after from',
  })
  @IsDateTime()
  to: string;

  @ApiProperty({
    enum: REPORT_LANGUAGES,
    description: 'The language the PDF and XLSX are written in',
  })
  @IsIn(REPORT_LANGUAGES)
  language: ReportLanguage;
}

export class ReportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only reports about this district' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;

  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: ReportStatus;
}

export class ReportProgressDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  percent: number;

  @ApiProperty({ description: 'The step running (1-based)' })
  step: number;

  @ApiProperty({ description: 'How many steps a build has' })
  of: number;

  @ApiProperty({
    enum: ['queued', 'snapshot', 'chart', 'pdf', 'xlsx', 'store', 'done'],
    description: "The step's name",
  })
  name: string;
}

export class ReportAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['pending'] })
  status: 'pending';
}

export class ReportViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: REPORT_KINDS })
  kind: ReportKind;

  @ApiProperty({ format: 'uuid' })
  territoryId: string;

  @ApiProperty({ type: TerritoryNameDto, description: "The district's name (extension)" })
  territoryName: TerritoryNameDto;

  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ enum: REPORT_LANGUAGES })
  language: ReportLanguage;

  @ApiProperty({ enum: REPORT_STATUSES })
  status: ReportStatus;

  @ApiProperty({ type: ReportProgressDto, nullable: true })
  progress: ReportProgressDto | null;

  @ApiProperty({ nullable: true, type: String, description: 'Why the build failed' })
  error: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "SHA-256 (hex) of the snapshot's canonical JSON, printed in the PDF",
  })
  snapshotHash: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the snapshot was read',
  })
  snapshotAt: string | null;

  @ApiProperty({ nullable: true, type: Number, description: "The PDF's size in bytes" })
  pdfBytes: number | null;

  @ApiProperty({ nullable: true, type: Number, description: "The XLSX's size in bytes" })
  xlsxBytes: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'How long the build took, ms' })
  buildMs: number | null;

  @ApiProperty({ description: 'Build attempts so far' })
  attempts: number;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  requestedById: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  finishedAt: string | null;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportViewDto], description: 'Newest first' })
  items: ReportViewDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
