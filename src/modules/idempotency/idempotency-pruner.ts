import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueueService } from '../../infra/jobs/job-queue.service.js';
import { IdempotencyService } from './idempotency.service.js';

export const IDEMPOTENCY_PRUNE_QUEUE = 'idempotency-keys-prune';
/** Hourly, at minute 17 (away from the session pruner's slot), once for the whole cluster. */
export const IDEMPOTENCY_PRUNE_CRON = '17 * * * *';

/**
 * Keys older than their retention are deleted by a scheduled job on the job queue: one node
 * of the cluster runs it each hour, and a failed run is retried by the queue.
 */
@Injectable()
export class IdempotencyPruner implements OnModuleInit {
  constructor(
    private readonly keys: IdempotencyService,
    private readonly jobs: JobQueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.every(IDEMPOTENCY_PRUNE_QUEUE, IDEMPOTENCY_PRUNE_CRON, async () => ({
      deleted: await this.keys.pruneExpired(),
    }));
  }
}
