import { Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { AppError } from '../../common/errors/app-error.js';

interface Counter {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

/**
 * Brute-force brake: after `KENESH_LOGIN_MAX_FAILURES` failed logins for one account (or
 * four times as many from one address) within `KENESH_LOGIN_LOCK_SECONDS`, further
 * attempts are refused with 429 until the lock passes. Counters live in this process: on
 * several nodes each node counts on its own (see docs/auth.md).
 */
@Injectable()
export class LoginAttemptsService {
  private readonly logger = new Logger('LoginAttempts');
  private readonly counters = new Map<string, Counter>();

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  assertAllowed(email: string, ip: string): void {
    if (!this.config.rateLimits) return;
    const now = Date.now();
    const until = Math.max(
      this.lockedUntil(`account:${email}`, now),
      this.lockedUntil(`ip:${ip}`, now),
    );
    if (until > now) {
      const seconds = Math.ceil((until - now) / 1000);
      throw new AppError(
        'rate_limited',
        `Too many failed logins; try again in ${seconds} seconds`,
        undefined,
        {
          'Retry-After': String(seconds),
        },
      );
    }
  }

  recordFailure(email: string, ip: string): void {
    this.logger.warn({ event: 'login_failed', email, ip });
    if (!this.config.rateLimits) return;
    this.count(`account:${email}`, this.config.loginMaxFailures);
    this.count(`ip:${ip}`, this.config.loginMaxFailures * 4);
  }

  recordSuccess(email: string): void {
    this.counters.delete(`account:${email}`);
  }

  private count(key: string, max: number): void {
    const now = Date.now();
    const windowMs = this.config.loginLockSeconds * 1000;
    let counter = this.counters.get(key);
    if (!counter || now - counter.firstAt > windowMs) {
      counter = { failures: 0, firstAt: now, lockedUntil: 0 };
      this.counters.set(key, counter);
    }
    counter.failures += 1;
    if (counter.failures >= max) {
      counter.lockedUntil = now + windowMs;
      this.logger.warn({ event: 'login_locked', key, seconds: this.config.loginLockSeconds });
    }
    if (this.counters.size > 50_000) this.prune(now, windowMs);
  }

  private lockedUntil(key: string, now: number): number {
    const counter = this.counters.get(key);
    return counter && counter.lockedUntil > now ? counter.lockedUntil : 0;
  }

  private prune(now: number, windowMs: number): void {
    for (const [key, counter] of this.counters) {
      if (counter.lockedUntil <= now && now - counter.firstAt > windowMs) this.counters.delete(key);
    }
  }
}
