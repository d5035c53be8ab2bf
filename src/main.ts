import 'reflect-metadata';
import { ConfigError, describeConfig, loadConfig } from './infra/config/app-config.js';
import { resolveDatabase } from './infra/database/database-url.js';
import { createApp } from './app-setup.js';
import { createRootLogger } from './infra/logging/logging.js';

/**
 * `npm start`: validate config, start the embedded PostgreSQL when no DATABASE_URL is
 * given, migrate, serve. On SIGINT/SIGTERM: stop taking requests, finish the ones in
 * flight, close the pool, then stop the embedded server, in that order.
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
    log.info({ event: 'shutdown', signal });
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await database.embedded?.stop();
      log.info({ event: 'stopped' });
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
