import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config.js';

/** Largest socket payload accepted (a 4,000-character message in UTF-8 is at most ~16 KB). */
export const SOCKET_MAX_PAYLOAD = 64 * 1024;

/**
 * socket.io on the app's own port, with the CORS allowlist applied to the handshake's
 * Origin and, by default, the PostgreSQL adapter: events emitted on one node reach clients
 * on every node through LISTEN/NOTIFY on the database the nodes already share.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly log = new Logger('Realtime');
  private pool?: pg.Pool;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly databaseUrl: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowAny = this.config.corsOrigins.includes('*');
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD,
      cors: { origin: allowAny ? true : this.config.corsOrigins },
      // Browsers send Origin; other clients (apps, scripts) do not and are let through.
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(null, !origin || allowAny || this.config.corsOrigins.includes(origin));
      },
    });
    if (this.config.realtimeAdapter === 'postgres') {
      this.pool = new pg.Pool({
        connectionString: this.databaseUrl,
        max: 4,
        application_name: 'kenesh-realtime',
      });
      this.pool.on('error', (error) =>
        this.log.error({ event: 'realtime_pool_error', err: error }),
      );
      // The adapter holds one client for LISTEN and reconnects when it ends, but does not
      // listen for its 'error': without this, a database restart would crash the process.
      this.pool.on('connect', (client) =>
        client.on('error', (error) =>
          this.log.warn({ event: 'realtime_listen_connection_lost', err: error }),
        ),
      );
      server.adapter(
        createAdapter(this.pool, {
          tableName: 'socket_io_attachments',
          errorHandler: (error: Error) =>
            this.log.error({ event: 'realtime_adapter_error', err: error }),
        }),
      );
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.pool?.end().catch(() => undefined);
    this.pool = undefined;
  }
}
