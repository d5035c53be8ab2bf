import {
  Global,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { createClient } from '@redis/client';
import { within } from '../../common/async/within.js';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';

function commandClient(url: string) {
  return createClient({
    url,
    // While Redis is away a command fails at once (the caller answers 503) instead of waiting
    // in a queue for a reconnect that may never come.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000),
    },
  });
}
export type RedisCommandClient = ReturnType<typeof commandClient>;

/**
 * The node's one Redis connection for plain commands (counters of the rate limits), opened at
 * start when `REDIS_URL` is set and shared by every provider that needs one. The real-time
 * adapter keeps its own publish and subscribe pair: a subscribed connection takes no commands.
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Redis');
  private connection?: RedisCommandClient;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  /** The command connection, or undefined when `REDIS_URL` is unset. */
  get client(): RedisCommandClient | undefined {
    return this.connection;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.redisUrl) return;
    const client = commandClient(this.config.redisUrl);
    let lastWarning = 0;
    // node-redis reconnects by itself; an unhandled 'error' would crash the process.
    client.on('error', (error: Error) => {
      if (Date.now() - lastWarning < 5_000) return;
      lastWarning = Date.now();
      this.log.warn({ event: 'redis_command_connection_error', err: error });
    });
    const seconds = this.config.redisConnectTimeoutSeconds;
    if (!(await within(client.connect(), seconds * 1000))) {
      client.destroy();
      throw new Error(`Redis at REDIS_URL did not answer within ${seconds} s`);
    }
    this.connection = client;
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.connection;
    this.connection = undefined;
    if (!client) return;
    // close() waits for replies still due; with Redis down they never come.
    if (
      !(await within(
        client.close().catch(() => undefined),
        2_000,
      ))
    )
      client.destroy();
  }
}

@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
