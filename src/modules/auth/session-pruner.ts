import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Ended logins are kept this long after they ended (for support questions), then deleted. */
export const ENDED_LOGIN_RETENTION_DAYS = 7;
const FIRST_RUN_MS = 60_000;
const EVERY_MS = 6 * 60 * 60_000;
const BATCH = 5_000;

/**
 * Deletes logins that ended (expired or revoked) more than a week ago, with their refresh
 * tokens (cascade), and the brute-force brake's counters a day after they last mattered. A live login keeps its spent tokens: presenting one again is how a replay
 * is caught. Runs a minute after start, then every six hours, in batches; every node runs it,
 * which is harmless (the deletes are idempotent).
 */
@Injectable()
export class SessionPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SessionPruner');
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const run = (delay: number) => {
      this.timer = setTimeout(() => {
        this.prune().then(
          () => run(EVERY_MS),
          (error: unknown) => {
            this.logger.warn({ event: 'auth_sessions_prune_failed', err: error });
            run(EVERY_MS);
          },
        );
      }, delay);
      this.timer.unref();
    };
    run(FIRST_RUN_MS);
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
  }

  /** Returns how many logins were deleted. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows: { n: number }[] = await this.dataSource.query(
        `WITH gone AS (
           DELETE FROM auth_sessions WHERE id IN (
             SELECT id FROM auth_sessions
              WHERE least(expires_at, coalesce(revoked_at, expires_at)) < now() - make_interval(days => $1)
              LIMIT $2)
           RETURNING id)
         SELECT count(*)::int AS n FROM gone`,
        [ENDED_LOGIN_RETENTION_DAYS, BATCH],
      );
      const deleted = rows[0]?.n ?? 0;
      total += deleted;
      if (deleted < BATCH) break;
    }
    if (total) this.logger.log({ event: 'auth_sessions_pruned', deleted: total });
    // The brake's counters: a day after their window and lock are over, nothing needs them.
    await this.dataSource.query(
      `DELETE FROM login_failures
        WHERE greatest(window_started_at, coalesce(locked_until, window_started_at)) < now() - interval '1 day'`,
    );
    return total;
  }
}
