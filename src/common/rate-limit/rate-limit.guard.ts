import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { AppError } from '../errors/app-error.js';
import { RateLimitWindows } from './rate-limit-windows.service.js';

/**
 * Per-address request limit for the routes it guards (the `/auth/*` ones): at most
 * `KENESH_AUTH_RATE_PER_MINUTE` requests a minute, then 429 with Retry-After. The count is
 * shared by every node (`RateLimitWindows`: PostgreSQL, or Redis with `REDIS_URL`).
 */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly windows: RateLimitWindows,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.rateLimits) return true;
    const ip = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    const { count, retryAfterSeconds } = await this.windows.hit(`auth:${ip}`, 60);
    if (count > this.config.authRequestsPerMinute) {
      throw new AppError(
        'rate_limited',
        'rateLimit.tooMany',
        { seconds: retryAfterSeconds },
        undefined,
        { 'Retry-After': String(retryAfterSeconds) },
      );
    }
    return true;
  }
}
