import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CreatedAtMs, UpdatedAt, sqlList } from '../../common/database/columns.js';
import { Territory } from '../territories/territory.entity.js';
import { User } from '../users/user.entity.js';

export const REPORT_KINDS = ['district_round_table'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_LANGUAGES = ['ky', 'ru'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** `pending` until a node takes the job, `building` while it runs, then `ready` or `failed`. */
export const REPORT_STATUSES = ['pending', 'building', 'ready', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Where a build is: step `step` of `of` (its name) and the share done, 0–100. */
export interface ReportProgress {
  percent: number;
  step: number;
  of: number;
  name: string;
}

/**
 * A district report pack (issue 13): a frozen snapshot of the register for a district and a
 * period, its SHA-256, and the PDF and XLSX built from it (in `report_files`). See
 * docs/reports.md.
 */
@Entity('reports')
@Index('reports_newest_idx', ['createdAt', 'id'])
@Check('reports_kind_check', `"kind" IN (${sqlList(REPORT_KINDS)})`)
@Check('reports_language_check', `"language" IN (${sqlList(REPORT_LANGUAGES)})`)
@Check('reports_status_check', `"status" IN (${sqlList(REPORT_STATUSES)})`)
@Check('reports_period_check', `"period_to" > "period_from"`)
@Check('reports_ready_check', `("status" = 'ready') <= ("snapshot_hash" IS NOT NULL)`)
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: ReportKind;

  @Index('reports_territory_id_idx')
  @Column('uuid', { name: 'territory_id' })
  territoryId: string;

  @ManyToOne(() => Territory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<Territory>;

  @Column('timestamptz', { name: 'period_from' })
  from: Date;

  @Column('timestamptz', { name: 'period_to' })
  to: Date;

  @Column('text')
  language: ReportLanguage;

  @Column('text', { default: 'pending' })
  status: ReportStatus;

  @Column('jsonb', { nullable: true })
  progress: ReportProgress | null;

  /** Why the build failed (English, for staff and logs). */
  @Column('text', { nullable: true })
  error: string | null;

  /** The frozen register, as hashed; the files are built from it, never from live tables. */
  @Column('jsonb', { nullable: true, select: false })
  snapshot?: unknown;

  /** SHA-256 (hex) of the snapshot's canonical JSON (keys sorted, no spaces). */
  @Column('text', { name: 'snapshot_hash', nullable: true })
  snapshotHash: string | null;

  @Column('timestamptz', { name: 'snapshot_at', nullable: true })
  snapshotAt: Date | null;

  @Column('integer', { name: 'pdf_bytes', nullable: true })
  pdfBytes: number | null;

  @Column('integer', { name: 'xlsx_bytes', nullable: true })
  xlsxBytes: number | null;

  @Column('integer', { name: 'build_ms', nullable: true })
  buildMs: number | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Index('reports_requested_by_idx')
  @Column('uuid', { name: 'requested_by', nullable: true })
  requestedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by' })
  requestedBy?: Relation<User>;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  @CreatedAtMs()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** A built file of a report, kept in PostgreSQL so every node can serve it. */
@Entity('report_files')
@Check('report_files_format_check', `"format" IN (${sqlList(REPORT_FORMATS)})`)
export class ReportFile {
  @PrimaryColumn('uuid', { name: 'report_id' })
  reportId: string;

  @PrimaryColumn('text')
  format: ReportFormat;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Column('bytea')
  content: Buffer;

  @Column('text', { name: 'sha256' })
  sha256: string;
}
