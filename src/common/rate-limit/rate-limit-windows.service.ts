import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../infra/config/app-config.js';
import { InjectConfig } from '../../infra/config/config.module.js';
import { deleteInBatches } from '../../infra/database/delete-in-batches.js';
import { runPrepared } from '../../infra/database/prepared.js';
import { RedisConnection } from '../../infra/redis/redis-connection.js';
import { AppError } from '../errors/app-error.js';

export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * One hit more in the key's current fixed window (windows start at multiples of $2 seconds
 * since the epoch, on the database's clock, so every node agrees on them). One statement, one
 * round trip: the row lock orders concurrent hits, so no two get the same count.
 */
const HIT = `INSERT INTO rate_limit_windows AS w (key, window_start, count, expires_at)
  SELECT $1, s.start, 1, s.start + make_interval(secs => $2::int)
    FROM (SELECT to_timestamp(floor(extract(epoch FROM now())::float8 / $2::int) * $2::int) AS start) s
  ON CONFLICT (key, window_start) DO UPDATE SET count = w.count + 1
  RETURNING count, greatest(1, ceil(extract(epoch FROM expires_at - now())))::int AS retry_after`;

/**
 * Fixed-window counters shared by every node: rows of `rate_limit_windows` in PostgreSQL, or,
 * when `REDIS_URL` is set, Redis keys that expire with their window. Limits built on it hold
 * for the whole cluster, not per process.
 */
@Injectable()
export class RateLimitWindows {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    const redis = this.redis.client;
    if (!redis) {
      const [row] = await runPrepared<{ count: number; retry_after: number }>(
        this.dataSource,
        'rate_limit_hit',
        HIT,
        [key, windowSeconds],
      );
      return { count: row.count, retryAfterSeconds: row.retry_after };
    }
    const redisKey = `${this.config.redisChannelPrefix}:rate:${key}`;
    let replies: unknown[];
    try {
      // Atomic on the server: the first hit starts the window (its expiry), later ones count.
      replies = await redis
        .multi()
        .incr(redisKey)
        .pExpire(redisKey, windowSeconds * 1000, 'NX')
        .pTTL(redisKey)
        .exec();
    } catch {
      throw new AppError('unavailable', 'unavailable.rateLimitStore', {}, undefined, {
        'Retry-After': '5',
      });
    }
    const count = Number(replies[0]);
    const ttl = Number(replies[2]);
    return { count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  /**
   * Deletes the PostgreSQL windows that are over (Redis keys expire by themselves), in batches;
   * returns how many. Meant for a periodic job; any node may run it, at any time.
   */
  pruneExpired(): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      `DELETE FROM rate_limit_windows WHERE (key, window_start) IN (
         SELECT key, window_start FROM rate_limit_windows WHERE expires_at < now() LIMIT $1)
       RETURNING 1`,
    );
  }
}
