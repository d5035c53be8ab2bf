import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { deleteInBatches } from '../../infra/database/delete-in-batches.js';
import { JobQueueService } from '../../infra/jobs/job-queue.service.js';
import { AttachmentsService } from './attachments.service.js';
import { UNREFERENCED } from './blob-store.js';

export const ATTACHMENT_SWEEP_QUEUE = 'attachments-sweep';

/** How many parents one `deleted()` question names. */
const PARENT_BATCH = 500;

export interface SweepResult {
  uploads: number;
  unattached: number;
  parentsDeleted: number;
  attachments: number;
  blobs: number;
}

/**
 * Storage that nobody will ask for again, removed by a scheduled job (one node per run, the
 * job queue's cron): uploads not finished within 24 hours, files never attached within 24
 * hours, files of deleted items after the grace period (items are found deleted by their
 * module's `markParentDeleted` call or by asking each policy's `deleted()`), and then the
 * bytes that no upload and no file points to any more.
 */
@Injectable()
export class AttachmentsSweep implements OnModuleInit {
  private readonly logger = new Logger('AttachmentsSweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly jobs: JobQueueService,
    private readonly attachments: AttachmentsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.every(ATTACHMENT_SWEEP_QUEUE, this.config.attachmentSweepCron, () =>
      this.run(),
    );
  }

  async run(): Promise<SweepResult> {
    const startedAt = performance.now();
    const uploads = await deleteInBatches(
      this.dataSource,
      `DELETE FROM "uploads" WHERE "id" IN (
         SELECT "id" FROM "uploads" WHERE "created_at" < now() - interval '24 hours' LIMIT $1)
       RETURNING 1`,
    );
    this.progress('uploads', uploads);
    const unattached = await deleteInBatches(
      this.dataSource,
      `DELETE FROM "attachments" WHERE "id" IN (
         SELECT "id" FROM "attachments"
          WHERE "parent_id" IS NULL AND "created_at" < now() - interval '24 hours' LIMIT $1)
       RETURNING 1`,
    );
    this.progress('unattached', unattached);
    const parentsDeleted = await this.findDeletedParents();
    this.progress('parents_deleted', parentsDeleted);
    const attachments = await deleteInBatches(
      this.dataSource,
      `DELETE FROM "attachments" WHERE "id" IN (
         SELECT "id" FROM "attachments"
          WHERE "parent_deleted_at" < now() - make_interval(days => $1) LIMIT $2)
       RETURNING 1`,
      [this.config.attachmentGraceDays],
    );
    this.progress('attachments_of_deleted', attachments);
    // An hour's margin: a photo's versions are stored a moment before the row that points to
    // them, and an upload's blob a moment before its row.
    const blobs = await deleteInBatches(
      this.dataSource,
      `DELETE FROM "file_blobs" WHERE "id" IN (
         SELECT b."id" FROM "file_blobs" b
          WHERE b."created_at" < now() - interval '1 hour' AND ${UNREFERENCED} LIMIT $1)
       RETURNING 1`,
    );
    this.progress('blobs', blobs);
    const result = { uploads, unattached, parentsDeleted, attachments, blobs };
    this.logger.log({
      event: 'attachments_swept',
      ...result,
      durationMs: Math.round(performance.now() - startedAt),
    });
    return result;
  }

  /** Asks each parent type's policy which of its items with files are gone, in batches. */
  private async findDeletedParents(): Promise<number> {
    let marked = 0;
    for (const [type, policy] of this.attachments.registeredPolicies()) {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await this.dataSource.query<{ parent_id: string }[]>(
          `SELECT DISTINCT "parent_id" FROM "attachments"
            WHERE "parent_type" = $1 AND "parent_deleted_at" IS NULL AND "parent_id" > $2
            ORDER BY "parent_id" LIMIT $3`,
          [type, after, PARENT_BATCH],
        );
        if (!rows.length) break;
        const ids = rows.map((row) => row.parent_id);
        after = ids[ids.length - 1];
        const gone = [...(await policy.deleted(ids))];
        if (gone.length) {
          const [, count] = await this.dataSource.query<[unknown[], number]>(
            `UPDATE "attachments" SET "parent_deleted_at" = now()
              WHERE "parent_type" = $1 AND "parent_id" = ANY($2::uuid[])
                AND "parent_deleted_at" IS NULL`,
            [type, gone],
          );
          marked += count;
        }
        if (rows.length < PARENT_BATCH) break;
      }
    }
    return marked;
  }

  private progress(step: string, deleted: number): void {
    this.logger.log({ event: 'attachments_sweep_step', step, deleted });
  }
}
