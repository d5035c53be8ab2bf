import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { runPrepared } from '../../infra/database/prepared.js';

/**
 * One failure more for a key: a new window when the last one is over; a lock when the count
 * reaches the key's maximum ($2) within the window ($3 seconds).
 */
const COUNT_FAILURE = `INSERT INTO login_failures AS f (key, failures, window_started_at, locked_until)
  VALUES ($1, 1, now(), CASE WHEN $2::int <= 1 THEN now() + make_interval(secs => $3) END)
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN f.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE f.failures + 1 END,
    window_started_at = CASE WHEN f.window_started_at < now() - make_interval(secs => $3) THEN now() ELSE f.window_started_at END,
    locked_until = CASE
      WHEN (CASE WHEN f.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE f.failures + 1 END) >= $2::int
        THEN now() + make_interval(secs => $3)
      ELSE f.locked_until END
  RETURNING failures, locked_until`;

/**
 * Brute-force brake: after `KENESH_LOGIN_MAX_FAILURES` failed logins for one account (or
 * four times as many from one address) within `KENESH_LOGIN_LOCK_SECONDS`, further
 * attempts are refused with 429 until the lock passes. The counters are rows in PostgreSQL
 * (`login_failures`), so every node counts together and a restart forgets nothing.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly logger = new Logger('LoginAttempts');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    if (!this.config.rateLimits) return;
    const rows = await runPrepared<{ seconds: number | null }>(
      this.dataSource,
      'login_locked_for',
      `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
         FROM login_failures WHERE key = ANY($1::text[]) AND locked_until > now()`,
      [[accountKey(email), addressKey(ip)]],
    );
    const seconds = rows[0]?.seconds;
    if (seconds) {
      throw new AppError(
        'rate_limited',
        `Too many failed logins; try again in ${seconds} seconds`,
        undefined,
        { 'Retry-After': String(seconds) },
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    this.logger.warn({ event: 'login_failed', email, ip });
    if (!this.config.rateLimits) return;
    await this.count(accountKey(email), this.config.loginMaxFailures);
    await this.count(addressKey(ip), this.config.loginMaxFailures * 4);
  }

  async recordSuccess(email: string): Promise<void> {
    if (!this.config.rateLimits) return;
    await this.dataSource.query('DELETE FROM login_failures WHERE key = $1', [accountKey(email)]);
  }

  private async count(key: string, max: number): Promise<void> {
    const [row] = await runPrepared<{ failures: number; locked_until: Date | null }>(
      this.dataSource,
      'login_count_failure',
      COUNT_FAILURE,
      [key, max, this.config.loginLockSeconds],
    );
    if (row && row.failures === max) {
      this.logger.warn({ event: 'login_locked', key, seconds: this.config.loginLockSeconds });
    }
  }
}

const accountKey = (email: string) => `account:${email}`;
const addressKey = (ip: string) => `ip:${ip}`;
