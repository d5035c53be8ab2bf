import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { runPrepared } from '../../infra/database/prepared.js';
import type { MessageKey } from '../../common/i18n/i18n.js';

/**
 * Once an account has had `KENESH_LOGIN_MAX_FAILURES` failures (from anywhere) in the window,
 * logins for it from addresses it never signed in from get one attempt per this many seconds,
 * all such addresses together. Short on purpose: the owner on a new network waits this long at
 * most, while a guesser spread over many addresses gets one try per slot.
 */
export const ACCOUNT_SLOT_SECONDS = 2;

/** An address may fail this many times the per-pair maximum, over all accounts. */
export const ADDRESS_FACTOR = 4;

/**
 * One failure more for a key: a new window when the last one is over; a lock when the count
 * reaches the key's maximum ($2; null: count only, never lock) within the window ($3 seconds).
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
  RETURNING failures`;

/**
 * What decides an attempt: the lock of the (account, address) pair or of the address ($1),
 * the account's failures in the window ($2, $3), and whether the account has a login from this
 * address ($4 email, $5 address): logins are kept a week after they end (SessionPruner).
 */
const LOGIN_GATE = `SELECT
    (SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int FROM login_failures
      WHERE key = ANY($1::text[]) AND locked_until > now()) AS locked_for,
    (SELECT failures FROM login_failures
      WHERE key = $2 AND window_started_at >= now() - make_interval(secs => $3)) AS account_failures,
    EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
             WHERE u.email = $4 AND s.ip = $5) AS known_address`;

/**
 * Takes the account's next slot if it is free (the row lock lets one concurrent attempt win);
 * otherwise says how long until it is. The inner SELECT sees the row as it was before.
 */
const TAKE_ACCOUNT_SLOT = `WITH taken AS (
    UPDATE login_failures SET locked_until = now() + make_interval(secs => $2)
     WHERE key = $1 AND (locked_until IS NULL OR locked_until <= now())
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM taken) AS taken,
    (SELECT greatest(1, ceil(extract(epoch FROM locked_until - now())))::int
       FROM login_failures WHERE key = $1) AS wait`;

/**
 * Brute-force brake that cannot be turned against an account's owner (OWASP ASVS 6.3):
 * - an (account, address) pair is locked after `KENESH_LOGIN_MAX_FAILURES` failures within
 *   `KENESH_LOGIN_LOCK_SECONDS`, and an address after four times as many over all accounts
 *   (credential stuffing); both for `KENESH_LOGIN_LOCK_SECONDS`;
 * - an account is never locked: past the same number of failures from anywhere, attempts from
 *   addresses it never signed in from are slowed to one per `ACCOUNT_SLOT_SECONDS`, while its
 *   owner's known addresses are not slowed at all.
 * Counters are rows in PostgreSQL (`login_failures`), shared by every node.
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
    const [gate] = await runPrepared<{
      locked_for: number | null;
      account_failures: number | null;
      known_address: boolean;
    }>(this.dataSource, 'login_gate', LOGIN_GATE, [
      [pairKey(email, ip), addressKey(ip)],
      accountKey(email),
      this.config.loginLockSeconds,
      email,
      ip,
    ]);
    if (gate.locked_for) {
      throw refusal('auth.tooManyFailures', gate.locked_for);
    }
    if ((gate.account_failures ?? 0) < this.config.loginMaxFailures || gate.known_address) return;
    const [slot] = await runPrepared<{ taken: boolean; wait: number | null }>(
      this.dataSource,
      'login_take_account_slot',
      TAKE_ACCOUNT_SLOT,
      [accountKey(email), ACCOUNT_SLOT_SECONDS],
    );
    if (!slot.taken) {
      const wait = slot.wait ?? ACCOUNT_SLOT_SECONDS;
      throw refusal('auth.accountSlowed', wait);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    this.logger.warn({ event: 'login_failed', email, ip });
    if (!this.config.rateLimits) return;
    const max = this.config.loginMaxFailures;
    await Promise.all([
      this.count(pairKey(email, ip), max),
      this.count(addressKey(ip), max * ADDRESS_FACTOR),
      this.count(accountKey(email), null),
    ]);
  }

  /**
   * Clears the pair's counter. The account's is left to expire: clearing it would hand a
   * guesser spread over many addresses a fresh set of unslowed attempts after every sign-in.
   */
  async recordSuccess(email: string, ip: string): Promise<void> {
    if (!this.config.rateLimits) return;
    await this.dataSource.query('DELETE FROM login_failures WHERE key = $1', [pairKey(email, ip)]);
  }

  private async count(key: string, max: number | null): Promise<void> {
    const [row] = await runPrepared<{ failures: number }>(
      this.dataSource,
      'login_count_failure',
      COUNT_FAILURE,
      [key, max, this.config.loginLockSeconds],
    );
    if (max !== null && row?.failures === max) {
      this.logger.warn({ event: 'login_locked', key, seconds: this.config.loginLockSeconds });
    } else if (max === null && row?.failures === this.config.loginMaxFailures) {
      this.logger.warn({ event: 'login_account_slowed', key, slotSeconds: ACCOUNT_SLOT_SECONDS });
    }
  }
}

function refusal(key: MessageKey, seconds: number): AppError {
  return new AppError('rate_limited', key, { seconds }, undefined, {
    'Retry-After': String(seconds),
  });
}

const pairKey = (email: string, ip: string) => `pair:${email}|${ip}`;
const accountKey = (email: string) => `account:${email}`;
const addressKey = (ip: string) => `ip:${ip}`;
