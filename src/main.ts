import 'reflect-metadata';
import { ConfigError, describeConfig, loadConfig } from './infra/config/app-config.js';
import { resolveDatabase } from './infra/database/database-url.js';
import { createApp } from './app-setup.js';
import { gracefulShutdown, trackRequests } from './infra/lifecycle/graceful-shutdown.js';
import { createRootLogger } from './infra/logging/logging.js';

/**
 * `npm start`: validate config, start the embedded PostgreSQL when no DATABASE_URL is
 * given, migrate, serve. On SIGINT/SIGTERM: readiness 503, stop taking connections, tell
 * sockets to reconnect elsewhere, finish the requests in flight, close the pool, then stop
 * the embedded server, in that order (graceful-shutdown.ts).
 */
async function main(): Promise<void> {
  const startedAt = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(
        JSON.stringify({ level: 'fatal', msg: error.message, problems: error.problems }),
      );
      process.exit(78);
    }
    throw error;
  }
  const log = createRootLogger(config).child({ context: 'Bootstrap' });
  const database = await resolveDatabase(config, {
    debug: (line) => log.debug({ event: 'postgres_output', line }),
    warn: (message) => log.warn({ event: 'embedded_postgres' }, message),
  });
  const dbReadyMs = Math.round(performance.now() - startedAt);
  const app = await createApp(config, database.url);
  const requests = trackRequests(app.getHttpServer());
  const server = await app.listen(config.port, config.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({
    event: 'ready',
    url: `http://localhost:${port}`,
    docs: `http://localhost:${port}/api/docs`,
    database: database.embedded
      ? `embedded (${config.dataDir}/pg, port ${config.embeddedPgPort})`
      : 'DATABASE_URL',
    databaseReadyMs: dbReadyMs,
    readyMs: Math.round(performance.now() - startedAt),
    config: describeConfig(config),
  });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = config.shutdownTimeoutSeconds * 1000;
    const embedded = database.embedded;
    // Last resort if a step hangs (e.g. the embedded server does not stop): the drain itself
    // is bounded by the timeout, closing the rest gets 15 s more.
    const force = setTimeout(() => {
      log.error({ event: 'shutdown', step: 'forced_exit' });
      process.exit(1);
    }, timeoutMs + 15_000);
    force.unref();
    try {
      const clean = await gracefulShutdown({
        app,
        server,
        requests,
        signal,
        timeoutMs,
        log: createRootLogger(config).child({ context: 'Shutdown' }),
        stopDatabase: embedded ? () => embedded.stop() : undefined,
      });
      log.info({ event: 'stopped', clean });
      process.exit(0);
    } catch (error) {
      log.error({ event: 'shutdown_failed', err: error });
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void shutdown(signal));
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      msg: 'Kenesh failed to start',
      err: String(error instanceof Error ? (error.stack ?? error.message) : error),
    }),
  );
  process.exit(1);
});
