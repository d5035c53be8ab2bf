import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createClient } from '@redis/client';
import pg from 'pg';
import { isObservable, lastValueFrom } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { within } from '../../common/async/within.js';
import { AppError } from '../../common/errors/app-error.js';
import { socketLocale } from '../../common/i18n/i18n.js';
import { checkInput } from '../../common/validation/input-guard.js';
import type { AppConfig } from '../config/app-config.js';
import { normalOrigin, requestOrigin, type TrustProxy } from './same-origin.js';

/** Largest socket payload accepted (a 4,000-character message in UTF-8 is at most ~16 KB). */
export const SOCKET_MAX_PAYLOAD = 64 * 1024;

/**
 * permessage-deflate for websocket frames of 1 KB or more: chat events stay under that and go
 * out as they are; what crosses it is mostly a `room:join` catch-up (up to 500 missed
 * messages, 250 KB of JSON, about 40 KB deflated). A 4 KB window and memLevel 6 compress it as
 * well as zlib's defaults (32 KB, 8) at half the memory, about 100 KB per socket that has been
 * sent one large frame (docs/ops/wire.md): ws keeps a socket's zlib stream once made.
 * No context takeover: each frame is compressed on its own, so the stream holds no history
 * between frames. Long-polling is compressed by engine.io's own httpCompression (gzip above
 * 1 KB, on by default).
 */
const WEBSOCKET_DEFLATE = {
  threshold: 1024,
  serverNoContextTakeover: true,
  serverMaxWindowBits: 12,
  zlibDeflateOptions: { memLevel: 6, level: 6 },
};

/** How long a stopping node waits for Redis to confirm its unsubscribes (it may be down). */
const CLOSE_TIMEOUT_MS = 2_000;

function redisClient(url: string | undefined) {
  return createClient({
    url,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000),
    },
  });
}
type RedisClient = ReturnType<typeof redisClient>;

/** Per socket, the events some gateway handles (see `knownEvents`). */
const KNOWN_EVENTS = new WeakMap<Socket, Set<string>>();

/** What a handler may return: a value, or a reply to emit as its own event. */
type HandlerResult = { event?: string; data?: unknown } | null | undefined;

/**
 * socket.io on the app's own port, with the CORS allowlist applied to the handshake's
 * Origin and an adapter that carries events between nodes:
 * - `postgres` (default): LISTEN/NOTIFY on the database the nodes already share;
 * - `redis` (default when `REDIS_URL` is set): Redis sharded pub/sub, one channel per room;
 * - `memory`: one node only.
 *
 * Message handlers are bound with plain `socket.on` instead of Nest's per-socket RxJS
 * pipelines (five handlers cost about 20 KB of heap per connection there).
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly log = new Logger('Realtime');
  private pool?: pg.Pool;
  private redis?: { pub: RedisClient; sub: RedisClient };

  constructor(
    private readonly nestApp: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly databaseUrl: string,
  ) {
    super(nestApp);
  }

  /** Connects what the chosen adapter needs before the server is created (Redis only). */
  async connect(): Promise<void> {
    if (this.config.realtimeAdapter !== 'redis' || this.redis) return;
    const pub = redisClient(this.config.redisUrl);
    const sub = redisClient(this.config.redisUrl);
    let lastWarning = 0;
    for (const [role, client] of [
      ['publish', pub],
      ['subscribe', sub],
    ] as const) {
      // node-redis reconnects (and resubscribes) by itself; an unhandled 'error' would crash.
      client.on('error', (error: Error) => {
        if (Date.now() - lastWarning < 5_000) return;
        lastWarning = Date.now();
        this.log.warn({ event: 'realtime_redis_error', connection: role, err: error });
      });
      client.on('ready', () => this.log.log({ event: 'realtime_redis_ready', connection: role }));
    }
    const seconds = this.config.redisConnectTimeoutSeconds;
    const connected = await within(Promise.all([pub.connect(), sub.connect()]), seconds * 1000);
    if (!connected) {
      pub.destroy();
      sub.destroy();
      throw new Error(`Redis at REDIS_URL did not answer within ${seconds} s`);
    }
    this.redis = { pub, sub };
  }

  /**
   * For readiness: whether the link between nodes works (always, without one). With Redis,
   * both connections must be up: the subscriber, too, or other nodes' events are missed.
   */
  async ping(): Promise<void> {
    if (!this.redis) return;
    if (!this.redis.sub.isReady) throw new Error('the Redis subscriber connection is down');
    await this.redis.pub.ping();
  }

  /** Whether both Redis connections are up right now (always true without Redis). */
  isUp(): boolean {
    return !this.redis || (this.redis.pub.isReady && this.redis.sub.isReady);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowAny = this.config.corsOrigins.includes('*');
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD,
      perMessageDeflate: this.config.websocketCompression ? WEBSOCKET_DEFLATE : false,
      cors: { origin: allowAny ? true : this.config.corsOrigins },
      // Browsers send Origin; other clients (apps, scripts) do not and are let through. A
      // page served by the hub itself is same-origin and always passes; others only when listed.
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        if (!origin || allowAny || this.config.corsOrigins.includes(origin)) {
          return callback(null, true);
        }
        const own = requestOrigin(req, this.trustProxy());
        callback(null, own !== undefined && normalOrigin(origin) === own);
      },
    });
    switch (this.config.realtimeAdapter) {
      case 'postgres':
        server.adapter(this.postgresAdapter());
        break;
      case 'redis':
        if (!this.redis) throw new Error('RealtimeIoAdapter.connect() must run before listen');
        server.adapter(
          createShardedAdapter(this.redis.pub, this.redis.sub, {
            channelPrefix: this.config.redisChannelPrefix,
            // A Redis channel per socket.io room (rooms, users' personal channels; not socket ids):
            // a node receives only what its own clients are in.
            subscriptionMode: 'dynamic',
          }),
        );
        break;
      case 'memory':
        break;
    }
    return server;
  }

  /** Express's compiled `trust proxy` (app-setup sets it from KENESH_TRUST_PROXY). */
  private trustProxy(): TrustProxy {
    const express = (this.nestApp as INestApplication).getHttpAdapter().getInstance() as {
      get(setting: string): unknown;
    };
    const trust = express.get('trust proxy fn');
    return typeof trust === 'function' ? (trust as TrustProxy) : () => false;
  }

  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    // Nest's transform wraps the result in RxJS; results are awaited directly instead.
    _transform: unknown,
  ): void {
    const known = this.knownEvents(socket);
    for (const { message, callback, isAckHandledManually } of handlers) {
      known.add(message as string);
      socket.on(message as string, (...args: unknown[]) => {
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (v: unknown) => void) : null;
        const data = args.length <= 1 ? args[0] : args;
        // The same door as HTTP's, before class-transformer or a handler sees the payload.
        const errors = checkInput(data, 'payload');
        if (errors.length) {
          const refused = AppError.validation(errors, 'validation.payloadInvalid');
          ack?.(refused.refusal(socketLocale(socket)));
          return;
        }
        void this.run(() => callback(data, ack ?? undefined)).then((result) => {
          if (result === null || result === undefined) return;
          if (result.event) {
            socket.emit(result.event, result.data);
          } else if (!isAckHandledManually && ack) {
            ack(result);
          }
        });
      });
    }
  }

  /**
   * The events this socket's handlers take, gathered over every gateway bound to it. An event
   * outside them that asks for an ack is refused with `not_found`, the socket's counterpart of
   * an unknown route (HTTP answers those 404 `not_found`), instead of leaving the client to its
   * timeout; `validation_failed` would send it looking for a field that is not there.
   */
  private knownEvents(socket: Socket): Set<string> {
    let known = KNOWN_EVENTS.get(socket);
    if (known) return known;
    known = new Set();
    KNOWN_EVENTS.set(socket, known);
    const events = known;
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && events.has(event)) return;
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const name = String(event).slice(0, 64);
      const unknown = new AppError('not_found', 'notFound.event', { event: JSON.stringify(name) });
      (ack as (v: unknown) => void)(unknown.refusal(socketLocale(socket)));
    });
    return known;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.pool) {
      // The adapter's LISTEN client is never given back to the pool once its connection was
      // lost (a database restart): end() would wait for it forever.
      const ended = await within(
        this.pool.end().catch(() => undefined),
        CLOSE_TIMEOUT_MS,
      );
      if (!ended) this.log.warn({ event: 'realtime_pool_close_timeout' });
      this.pool = undefined;
    }
    if (this.redis) {
      const { pub, sub } = this.redis;
      this.redis = undefined;
      // close() stops reconnecting, then waits for the replies to what was sent; with Redis
      // down they never come. Not destroyed then: the adapter's pending subscribes would
      // reject unhandled. Nothing is left that keeps the process alive.
      const closed = await within(
        Promise.all([pub.close(), sub.close()]).catch(() => undefined),
        CLOSE_TIMEOUT_MS,
      );
      if (!closed) this.log.warn({ event: 'realtime_redis_close_timeout' });
    }
  }

  /** A handler's outcome; a throw that escaped the handler is logged, never sent. */
  private async run(work: () => unknown): Promise<HandlerResult> {
    try {
      const result: unknown = await work();
      const value: unknown = isObservable(result)
        ? await lastValueFrom(result, { defaultValue: undefined })
        : result;
      return value as HandlerResult;
    } catch (error) {
      this.log.error({ event: 'socket_handler_threw', err: error });
      return undefined;
    }
  }

  private postgresAdapter() {
    this.pool = new pg.Pool({
      connectionString: this.databaseUrl,
      max: 4,
      application_name: 'kenesh-realtime',
      // With the database down, fail fast (and retry) instead of hanging on a connect.
      connectionTimeoutMillis: 5000,
    });
    this.pool.on('error', (error) => this.log.error({ event: 'realtime_pool_error', err: error }));
    // The adapter holds one client for LISTEN and reconnects when it ends, but does not
    // listen for its 'error': without this, a database restart would crash the process.
    this.pool.on('connect', (client) =>
      client.on('error', (error) =>
        this.log.warn({ event: 'realtime_listen_connection_lost', err: error }),
      ),
    );
    return createPostgresAdapter(this.pool, {
      tableName: 'socket_io_attachments',
      errorHandler: (error: Error) =>
        this.log.error({ event: 'realtime_adapter_error', err: error }),
    });
  }
}
