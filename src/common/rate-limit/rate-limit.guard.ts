import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { AppError } from '../errors/app-error.js';

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Per-address request limit for the routes it guards (the `/auth/*` ones): at most
 * `KENESH_AUTH_RATE_PER_MINUTE` requests a minute, then 429 with Retry-After. In-process
 * counters; see docs/auth.md for several nodes.
 */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, Window>();

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.rateLimits) return true;
    const ip = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    const now = Date.now();
    let window = this.windows.get(ip);
    if (!window || now - window.startedAt >= 60_000) {
      if (this.windows.size > 50_000) this.prune(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(ip, window);
    }
    window.count += 1;
    if (window.count > this.config.authRequestsPerMinute) {
      const seconds = Math.ceil((window.startedAt + 60_000 - now) / 1000);
      throw new AppError(
        'rate_limited',
        `Too many requests; try again in ${seconds} seconds`,
        undefined,
        {
          'Retry-After': String(seconds),
        },
      );
    }
    return true;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.startedAt >= 60_000) this.windows.delete(key);
  }
}
