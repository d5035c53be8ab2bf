import { Module } from '@nestjs/common';
import { AuthRateLimitGuard } from './rate-limit.guard.js';
import { RateLimitPruner } from './rate-limit-pruner.js';
import { RateLimitWindows } from './rate-limit-windows.service.js';

/** Cluster-wide rate limits: the shared window counters and the `/auth/*` guard built on them. */
@Module({
  providers: [RateLimitWindows, AuthRateLimitGuard, RateLimitPruner],
  exports: [RateLimitWindows, AuthRateLimitGuard],
})
export class RateLimitModule {}
