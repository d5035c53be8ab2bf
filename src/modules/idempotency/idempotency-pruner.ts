import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { IdempotencyService } from './idempotency.service.js';

const FIRST_RUN_MS = 90_000;
const EVERY_MS = 60 * 60_000;

/**
 * Calls IdempotencyService.pruneExpired() a minute and a half after start, then hourly, on
 * every node (harmless: the deletes are idempotent). A stopgap until the job queue exists:
 * then pruneExpired() becomes a scheduled job and this class goes.
 */
@Injectable()
export class IdempotencyPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;

  constructor(private readonly keys: IdempotencyService) {}

  onApplicationBootstrap(): void {
    const run = (delay: number) => {
      this.timer = setTimeout(() => {
        this.keys.pruneExpired().then(
          () => run(EVERY_MS),
          (error: unknown) => {
            this.logger.warn({ event: 'idempotency_keys_prune_failed', err: error });
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
}
