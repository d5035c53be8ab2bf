import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app-setup.js';
import { type AppConfig, loadConfig } from '../../src/infra/config/app-config.js';
import { cloneTemplate } from './test-database.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface TestApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>`: the app listens on a real port. */
  baseUrl: string;
  /** supertest against the real port; prefix paths with /api/v1 yourself or use `api`. */
  http: TestAgent;
  /** The same database the app uses, for arranging state and checking what was stored. */
  db: DataSource;
  databaseUrl: string;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The whole app as `npm start` builds it, on a database of its own cloned from the migrated
 * template, listening on a free port. `env` overrides configuration variables. `close()`
 * stops the app and drops its database.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await cloneTemplate();
  try {
    return await boot(database.url, env, database.drop);
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  }
}

/**
 * Another instance of the app on an existing database (e.g. a second node next to one from
 * `startTestApp`), configured the same way, listening on `port` (default: a free one).
 * `close()` stops this instance only; the database stays for its owner to drop.
 */
export function startTestAppOn(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { port?: number } = {},
): Promise<TestApp> {
  return boot(databaseUrl, env, () => Promise.resolve(), options.port ?? 0);
}

async function boot(
  databaseUrl: string,
  env: Record<string, string>,
  dropDatabase: () => Promise<void>,
  port = 0,
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    KENESH_JWT_SECRET: TEST_JWT_SECRET,
    KENESH_MIGRATIONS_RUN: 'false',
    KENESH_RATE_LIMITS: 'off',
    ...env,
  });
  const app = await createApp(config, databaseUrl);
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address();
  const listening = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${listening}`;
  const db = new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 2 } });
  await db.initialize();
  return {
    app,
    baseUrl,
    http: request(baseUrl),
    db,
    databaseUrl,
    config,
    async close() {
      if (db.isInitialized) await db.destroy();
      await app.close();
      await dropDatabase();
    },
  };
}
