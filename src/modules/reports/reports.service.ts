import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { type AuthUser, isStaff } from '../../common/auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import {
  DEFAULT_LIMIT,
  decodeCursor,
  type Page,
  toPage,
} from '../../common/pagination/pagination.js';
import { deleteInBatches } from '../../infra/database/delete-in-batches.js';
import { JobQueueService } from '../../infra/jobs/job-queue.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Territory } from '../territories/territory.entity.js';
import { canonicalJson, sha256Hex, snapshotHash } from './canonical-json.js';
import type {
  CreateReportDto,
  ReportAcceptedDto,
  ReportsQueryDto,
  ReportViewDto,
} from './dto/report.dto.js';
import { categoryChartSvg } from './report-chart.js';
import { lastDay, renderReportPdf } from './report-pdf.js';
import { type ReportSnapshot, takeSnapshot } from './report-snapshot.js';
import { renderReportXlsx } from './report-xlsx.js';
import { Report, ReportFile, type ReportFormat, type ReportProgress } from './report.entity.js';

export const REPORT_BUILD_QUEUE = 'reports-build';
export const REPORT_PRUNE_QUEUE = 'reports-prune';
/** Daily at 03:40 UTC, once for the whole cluster. */
export const REPORT_PRUNE_CRON = '40 3 * * *';
/** Report packs (and their files) are kept this long. */
export const REPORT_RETENTION_DAYS = 400;
/** A build that throws is tried this many times in all, then marked failed with the reason. */
export const MAX_BUILD_ATTEMPTS = 3;

const STEPS = ['snapshot', 'chart', 'pdf', 'xlsx', 'store'] as const;

const CONTENT_TYPE: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A build that cannot succeed however often it is tried (the request itself is wrong). */
class ReportInputError extends Error {}

/**
 * District report packs (issue 13, docs/reports.md). A request stores a pending row and a job;
 * one node takes the job, reads the snapshot in one read-only REPEATABLE READ transaction,
 * stores it with its SHA-256, then builds the PDF and the XLSX from the stored snapshot and
 * stores them in PostgreSQL. A job that dies with its node is retried (pg-boss) and reuses the
 * stored snapshot, so the hash does not change. Staff only: others get 403 on the list and the
 * request, 404 on a report.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register<{ reportId: string }>(
      REPORT_BUILD_QUEUE,
      async ({ reportId }) => this.build(reportId),
      {
        retryLimit: MAX_BUILD_ATTEMPTS - 1,
        retryDelaySeconds: 5,
        expireInSeconds: 10 * 60,
        pollingIntervalSeconds: 1,
      },
    );
    await this.jobs.every(REPORT_PRUNE_QUEUE, REPORT_PRUNE_CRON, async () => ({
      deleted: await this.prune(),
    }));
  }

  async create(actor: AuthUser, dto: CreateReportDto): Promise<ReportAcceptedDto> {
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    if (to <= from)
      throw AppError.validation([AppError.field('to', 'reports.periodEmpty', { other: 'from' })]);
    const territory = await this.dataSource
      .getRepository(Territory)
      .findOneBy({ id: dto.territoryId });
    if (!territory)
      throw AppError.validation([AppError.field('territoryId', 'field.unknownTerritory')]);
    if (territory.level !== 'district')
      throw AppError.validation([AppError.field('territoryId', 'reports.notDistrict')]);

    const id = await this.dataSource.transaction(async (manager) => {
      const report = await manager.save(
        manager.create(Report, {
          kind: dto.kind,
          territoryId: dto.territoryId,
          from,
          to,
          language: dto.language,
          status: 'pending',
          progress: { percent: 0, step: 0, of: STEPS.length, name: 'queued' },
          error: null,
          snapshotHash: null,
          snapshotAt: null,
          pdfBytes: null,
          xlsxBytes: null,
          buildMs: null,
          attempts: 0,
          requestedById: actor.id,
          finishedAt: null,
        }),
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'report.request',
          targetType: 'report',
          targetId: report.id,
          details: {
            territoryId: dto.territoryId,
            from: dto.from,
            to: dto.to,
            language: dto.language,
          },
        },
        manager,
      );
      return report.id;
    });
    await this.enqueueBuild(id);
    this.logger.log({
      event: 'report_requested',
      reportId: id,
      territoryId: dto.territoryId,
      language: dto.language,
      actorId: actor.id,
    });
    return { id, status: 'pending' };
  }

  /** Puts a build of `reportId` on the job queue (any node runs it, once). */
  async enqueueBuild(reportId: string): Promise<void> {
    await this.jobs.enqueue(REPORT_BUILD_QUEUE, { reportId });
  }

  async get(actor: AuthUser, id: string): Promise<ReportViewDto> {
    if (!isStaff(actor)) throw AppError.notFound('report');
    const report = await this.dataSource
      .getRepository(Report)
      .findOne({ where: { id }, relations: { territory: true } });
    if (!report) throw AppError.notFound('report');
    return view(report);
  }

  /** Newest first; keyset on (created_at, id). */
  async list(query: ReportsQueryDto): Promise<Page<ReportViewDto>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['time', 'uuid']);
    const qb = this.dataSource
      .getRepository(Report)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.territory', 't')
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit + 1);
    if (query.territoryId)
      qb.andWhere('r.territory_id = :territoryId', { territoryId: query.territoryId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (after)
      qb.andWhere('(r.created_at, r.id) < (:createdBefore::timestamptz, :idBefore::uuid)', {
        createdBefore: after[0],
        idBefore: after[1],
      });
    return toPage(await qb.getMany(), limit, (r) => [r.createdAt.toISOString(), r.id], view);
  }

  /** The PDF or XLSX as an attachment; 409 until the report is ready. */
  async sendFile(actor: AuthUser, id: string, format: ReportFormat, res: Response): Promise<void> {
    const report = await this.readyReport(actor, id);
    const [file] = await this.dataSource.query<{ content: Buffer; sha256: string }[]>(
      'SELECT content, sha256 FROM report_files WHERE report_id = $1 AND format = $2',
      [id, format],
    );
    if (!file) throw AppError.notFound('report');
    res.setHeader('Content-Type', CONTENT_TYPE[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(report, format)}"`);
    res.setHeader('Content-Length', String(file.content.length));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Snapshot-Hash', report.snapshotHash ?? '');
    res.setHeader('ETag', `"${file.sha256}"`);
    res.end(file.content);
  }

  /** The snapshot's canonical JSON, byte for byte what was hashed. */
  async sendSnapshot(actor: AuthUser, id: string, res: Response): Promise<void> {
    const report = await this.readyReport(actor, id);
    const snapshot = await this.storedSnapshot(id);
    const body = canonicalJson(snapshot);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="${fileName(report, 'json')}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Snapshot-Hash', report.snapshotHash ?? '');
    res.end(body);
  }

  /**
   * The job: snapshot (reused when a previous attempt stored it), chart, PDF, XLSX, store.
   * Progress is written to the row between steps. A failure is retried by the queue; the last
   * attempt (or a request that cannot succeed) marks the report failed with the reason.
   */
  async build(reportId: string): Promise<{ status: string }> {
    const repo = this.dataSource.getRepository(Report);
    const report = await repo.findOne({ where: { id: reportId }, relations: { territory: true } });
    if (!report) return { status: 'gone' };
    if (report.status === 'ready' || report.status === 'failed') return { status: report.status };
    const attempts = report.attempts + 1;
    const startedAt = performance.now();
    await repo.update(reportId, { status: 'building', attempts, error: null });
    const fields = { reportId, attempt: attempts };
    this.logger.log({ event: 'report_build_started', ...fields });
    // Memory while it builds, for the logs (and the benchmark): sampled, not work.
    const peak = { heap: 0, rss: 0 };
    const sample = () => {
      const { heapUsed, rss } = process.memoryUsage();
      peak.heap = Math.max(peak.heap, heapUsed);
      peak.rss = Math.max(peak.rss, rss);
    };
    const sampler = setInterval(sample, 50);
    sampler.unref();
    try {
      await this.progress(reportId, 1);
      let hash = report.snapshotHash;
      if (!hash) {
        let taken: ReportSnapshot;
        try {
          taken = await takeSnapshot(this.dataSource, {
            kind: report.kind,
            districtId: report.territoryId,
            from: report.from,
            to: report.to,
            language: report.language,
          });
        } catch (error) {
          if (error instanceof Error && /not a district|does not exist/.test(error.message))
            throw new ReportInputError(error.message);
          throw error;
        }
        hash = snapshotHash(taken);
        await repo.update(reportId, {
          snapshot: taken,
          snapshotHash: hash,
          snapshotAt: new Date(taken.takenAt),
        });
      }
      // From here on only the stored snapshot: what was hashed is what is printed.
      const snapshot = (await this.storedSnapshot(reportId)) as ReportSnapshot;
      if (snapshotHash(snapshot) !== hash)
        throw new ReportInputError('the stored snapshot does not match its hash');
      await this.progress(reportId, 2);
      const chartSvg = await categoryChartSvg(snapshot, report.language);
      await this.progress(reportId, 3);
      const generatedAt = new Date();
      const pdf = await renderReportPdf({ reportId, snapshot, hash, chartSvg, generatedAt });
      await this.progress(reportId, 4);
      const xlsx = await renderReportXlsx({ reportId, snapshot, hash, generatedAt });
      await this.progress(reportId, 5);
      const buildMs = Math.round(performance.now() - startedAt);
      await this.dataSource.transaction(async (manager) => {
        await manager.upsert(
          ReportFile,
          [
            { reportId, format: 'pdf', content: pdf, sha256: sha256Hex(pdf) },
            { reportId, format: 'xlsx', content: xlsx, sha256: sha256Hex(xlsx) },
          ],
          ['reportId', 'format'],
        );
        await manager.update(Report, reportId, {
          status: 'ready',
          progress: { percent: 100, step: STEPS.length, of: STEPS.length, name: 'done' },
          pdfBytes: pdf.length,
          xlsxBytes: xlsx.length,
          buildMs,
          finishedAt: new Date(),
        });
      });
      sample();
      this.logger.log({
        event: 'report_ready',
        ...fields,
        hash,
        pdfBytes: pdf.length,
        xlsxBytes: xlsx.length,
        durationMs: buildMs,
        peakHeapMiB: Math.round(peak.heap / 2 ** 20),
        peakRssMiB: Math.round(peak.rss / 2 ** 20),
      });
      return { status: 'ready' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const final = error instanceof ReportInputError || attempts >= MAX_BUILD_ATTEMPTS;
      this.logger.error({
        event: final ? 'report_failed' : 'report_build_retry',
        ...fields,
        err: error,
      });
      await repo.update(
        reportId,
        final ? { status: 'failed', error: reason, finishedAt: new Date() } : { error: reason },
      );
      if (final) return { status: 'failed' };
      throw error;
    } finally {
      clearInterval(sampler);
    }
  }

  /** Deletes report packs older than the retention, with their files. */
  async prune(): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      `DELETE FROM reports WHERE id IN (
         SELECT id FROM reports WHERE created_at < now() - make_interval(days => $1) LIMIT $2)
       RETURNING id`,
      [REPORT_RETENTION_DAYS],
    );
  }

  private async progress(reportId: string, step: number): Promise<void> {
    const progress: ReportProgress = {
      percent: Math.round(((step - 1) / STEPS.length) * 100),
      step,
      of: STEPS.length,
      name: STEPS[step - 1],
    };
    await this.dataSource.getRepository(Report).update(reportId, { progress });
    this.logger.log({ event: 'report_progress', reportId, ...progress });
  }

  private async storedSnapshot(reportId: string): Promise<unknown> {
    const [row] = await this.dataSource.query<{ snapshot: unknown }[]>(
      'SELECT snapshot FROM reports WHERE id = $1',
      [reportId],
    );
    return row?.snapshot;
  }

  private async readyReport(actor: AuthUser, id: string): Promise<Report> {
    if (!isStaff(actor)) throw AppError.notFound('report');
    const report = await this.dataSource
      .getRepository(Report)
      .findOne({ where: { id }, relations: { territory: true } });
    if (!report) throw AppError.notFound('report');
    if (report.status !== 'ready')
      throw AppError.conflict('reports.notReady', { status: report.status });
    return report;
  }
}

function fileName(report: Report, extension: string): string {
  const code = report.territory?.code ?? report.territoryId;
  return `report-${code}-${report.from.toISOString().slice(0, 10)}-${lastDay(report.to.toISOString())}-${report.language}.${extension}`;
}

function view(r: Report): ReportViewDto {
  return {
    id: r.id,
    kind: r.kind,
    territoryId: r.territoryId,
    territoryName: r.territory ? { ...r.territory.name } : { ky: '', ru: '', en: '' },
    from: r.from.toISOString(),
    to: r.to.toISOString(),
    language: r.language,
    status: r.status,
    progress: r.progress,
    error: r.error,
    snapshotHash: r.snapshotHash,
    snapshotAt: r.snapshotAt?.toISOString() ?? null,
    pdfBytes: r.pdfBytes,
    xlsxBytes: r.xlsxBytes,
    buildMs: r.buildMs,
    attempts: r.attempts,
    requestedById: r.requestedById,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
