import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type AppConfig, backupDir } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { backupToDefaultFolder } from './backup.js';

export const BACKUP_QUEUE = 'database-backup';

/**
 * `KENESH_BACKUP_CRON`: the hub backs itself up on that schedule, as a job on the queue, so
 * one node of the cluster does it (into its own `KENESH_BACKUP_DIR`), then keeps the newest
 * `KENESH_BACKUP_KEEP`. Unset: the schedule is removed. Every node can run the job.
 */
@Injectable()
export class ScheduledBackup implements OnModuleInit {
  private readonly logger = new Logger('Backup');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly jobs: JobQueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    // A big database takes minutes; a second attempt after a failure is enough.
    await this.jobs.register(BACKUP_QUEUE, () => this.run(), {
      expireInSeconds: 6 * 3600,
      retryLimit: 1,
      retryDelaySeconds: 300,
    });
    if (this.config.backupCron) await this.jobs.schedule(BACKUP_QUEUE, this.config.backupCron);
    else await this.jobs.unschedule(BACKUP_QUEUE);
  }

  async run(): Promise<{ folder: string; rows: number }> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('the data source has no URL');
    const { manifest, folder } = await backupToDefaultFolder(
      url,
      backupDir(this.config),
      this.config.backupKeep,
      (fields) => this.logger.log(fields),
    );
    return { folder, rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0) };
  }
}
