import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import { RateLimitWindows } from '../../common/rate-limit/rate-limit-windows.service.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';

/**
 * Per-address limit on the public survey routes (links for residents without an account): at
 * most `KENESH_PUBLIC_SURVEY_RATE_PER_MINUTE` requests a minute, then 429 with Retry-After,
 * counted over all nodes like the `/auth/*` limit.
 */
@Injectable()
export class PublicSurveyRateLimitGuard implements CanActivate {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly windows: RateLimitWindows,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.rateLimits) return true;
    const ip = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    const { count, retryAfterSeconds } = await this.windows.hit(`survey-public:${ip}`, 60);
    if (count > this.config.publicSurveyRatePerMinute) {
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
