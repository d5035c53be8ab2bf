import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { deleteInBatches } from '../../infra/database/delete-in-batches.js';
import { JobQueueService } from '../../infra/jobs/job-queue.service.js';

/** Ended logins are kept this long after they ended (for support questions), then deleted. */
export const ENDED_LOGIN_RETENTION_DAYS = 7;
export const SESSION_PRUNE_QUEUE = 'auth-sessions-prune';
/** Every six hours (UTC), once for the whole cluster. */
export const SESSION_PRUNE_CRON = '0 */6 * * *';

/**
 * Deletes logins that ended (expired or revoked) more than a week ago, with their refresh
 * tokens (cascade), and the brute-force brake's counters a day after they last mattered. A
 * live login keeps its spent tokens: presenting one again is how a replay is caught. Runs
 * every six hours as a scheduled job on the job queue, so one node of the cluster does it,
 * in batches; a failed run is retried by the queue.
 */
@Injectable()
export class SessionPruner implements OnModuleInit {
  private readonly logger = new Logger('SessionPruner');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.every(SESSION_PRUNE_QUEUE, SESSION_PRUNE_CRON, async () => ({
      deleted: await this.prune(),
    }));
  }

  /** Returns how many logins were deleted. */
  async prune(): Promise<number> {
    const total = await deleteInBatches(
      this.dataSource,
      `DELETE FROM auth_sessions WHERE id IN (
         SELECT id FROM auth_sessions
          WHERE least(expires_at, coalesce(revoked_at, expires_at)) < now() - make_interval(days => $1)
          LIMIT $2)
       RETURNING id`,
      [ENDED_LOGIN_RETENTION_DAYS],
    );
    if (total) this.logger.log({ event: 'auth_sessions_pruned', deleted: total });
    // The brake's counters: a day after their window and lock are over, nothing needs them.
    await this.dataSource.query(
      `DELETE FROM login_failures
        WHERE greatest(window_started_at, coalesce(locked_until, window_started_at)) < now() - interval '1 day'`,
    );
    await this.dataSource.query(
      "DELETE FROM password_reset_codes WHERE expires_at < now() - interval '1 day'",
    );
    return total;
  }
}
