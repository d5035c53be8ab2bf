import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueueService } from '../../infra/jobs/job-queue.service.js';
import { RateLimitWindows } from './rate-limit-windows.service.js';

export const RATE_LIMIT_PRUNE_QUEUE = 'rate-limit-windows-prune';
/** Every ten minutes, once for the whole cluster: a window row is dead a minute after it opened. */
export const RATE_LIMIT_PRUNE_CRON = '*/10 * * * *';

/** Finished rate-limit windows in PostgreSQL are deleted by a scheduled job on the queue. */
@Injectable()
export class RateLimitPruner implements OnModuleInit {
  private readonly logger = new Logger('RateLimits');

  constructor(
    private readonly windows: RateLimitWindows,
    private readonly jobs: JobQueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.every(RATE_LIMIT_PRUNE_QUEUE, RATE_LIMIT_PRUNE_CRON, async () => {
      const deleted = await this.windows.pruneExpired();
      if (deleted) this.logger.log({ event: 'rate_limit_windows_pruned', deleted });
      return { deleted };
    });
  }
}
