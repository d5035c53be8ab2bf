import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { within } from '../../common/async/within.js';
import { RealtimeEvents } from '../../modules/rooms/realtime-events.js';
import { ShutdownState } from './shutdown-state.js';

const POLL_MS = 50;
/** After the drain, how long sockets and connections get to close before they are cut. */
const CLOSE_GRACE_MS = 2_000;

/** The HTTP requests this process is answering, so a shutdown can wait for them. */
export interface RequestTracker {
  inFlight(): number;
  /** From now on every answer asks the client to close its connection. */
  closeConnectionsAfterAnswer(): void;
}

/**
 * Counts requests from the moment Node hands them over until their answer is written (or the
 * client gives up). engine.io's long-polls are left out: they last until their socket ends,
 * which the shutdown does itself after the HTTP drain.
 */
export function trackRequests(server: Server): RequestTracker {
  const open = new Set<ServerResponse>();
  let closing = false;
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/socket.io/')) return;
    open.add(res);
    if (closing) res.setHeader('Connection', 'close');
    res.once('close', () => open.delete(res));
  });
  return {
    inFlight: () => open.size,
    closeConnectionsAfterAnswer() {
      closing = true;
      // Answers still being worked on: without this, their keep-alive connection would stay
      // open until the next idle sweep and could race a client sending its next request.
      for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
  };
}

export interface ShutdownOptions {
  app: INestApplication;
  server: Server;
  requests: RequestTracker;
  signal: string;
  /** How long requests already accepted may take to finish (KENESH_SHUTDOWN_TIMEOUT_SECONDS). */
  timeoutMs: number;
  log: Pino;
  /** Stops the embedded PostgreSQL, when the hub started one. */
  stopDatabase?: () => Promise<void>;
}

/**
 * The order matters, and is not Nest's: Nest's `app.close()` runs `onModuleDestroy` (which
 * ends the database pool) before it closes the HTTP server, so requests still in flight
 * would fail. Here: readiness 503; the listener closes (no new connections; every answer now
 * closes its connection); sockets are told to reconnect elsewhere; the requests already
 * accepted finish, up to the timeout; sockets and idle connections end; then Nest closes
 * (pool, socket.io) and the embedded database stops. Returns false when something had to be
 * cut short.
 */
export async function gracefulShutdown(options: ShutdownOptions): Promise<boolean> {
  const { app, server, requests, log, timeoutMs } = options;
  const started = Date.now();
  const step = (name: string, fields: Record<string, unknown> = {}): void =>
    log.info({ event: 'shutdown', step: name, ms: Date.now() - started, ...fields });
  let clean = true;

  app.get(ShutdownState).begin();
  step('not_ready', { signal: options.signal, timeoutMs });

  // net.Server's close, not http.Server's: the latter (Node 19+) also ends idle keep-alive
  // connections at once, and a request a client is just sending on one is then reset. Here
  // such a request is still answered, with `Connection: close`, as is every answer from now on,
  // so busy clients close their connections themselves; idle ones are ended after the drain.
  const listenerClosed = new Promise<void>((resolve) =>
    NetServer.prototype.close.call(server, () => resolve()),
  );
  requests.closeConnectionsAfterAnswer();
  step('listener_closed', { inFlight: requests.inFlight() });

  const events = app.get(RealtimeEvents, { strict: false });
  step('sockets_notified', { sockets: events.notifyRestarting() });

  const deadline = started + timeoutMs;
  while (requests.inFlight() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const left = requests.inFlight();
  if (left > 0) {
    clean = false;
    log.warn({ event: 'shutdown', step: 'drain_timeout', unanswered: left, timeoutMs });
  }
  step('requests_drained', { unanswered: left });

  events.disconnectLocal();
  step('sockets_disconnected');
  // The same risk as any keep-alive timeout: a request sent at this very moment is reset.
  server.closeIdleConnections();

  const allClosed = await within(listenerClosed, CLOSE_GRACE_MS);
  if (!allClosed) {
    clean = false;
    server.closeAllConnections();
    log.warn({ event: 'shutdown', step: 'connections_cut' });
  }
  step('http_closed');

  await app.close();
  step('app_closed');

  if (options.stopDatabase) {
    await options.stopDatabase();
    step('database_stopped');
  }
  return clean;
}
