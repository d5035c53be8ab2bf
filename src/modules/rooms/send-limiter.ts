import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per-member send rate: a token bucket of `burst` messages refilled at `perSecond`. In this
 * process: on several nodes a member's limit applies per node (documented in docs/realtime.md).
 */
@Injectable()
export class SendLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst = 10;
  private readonly perSecond = 2;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  take(userId: string): boolean {
    if (!this.config.rateLimits) return true;
    const now = Date.now();
    const bucket = this.buckets.get(userId) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
    );
    bucket.at = now;
    if (this.buckets.size > 50_000) this.buckets.clear();
    this.buckets.set(userId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
