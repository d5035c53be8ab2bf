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
 * template, listening on a free port. `env` overrides configuration variables.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await cloneTemplate();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    KENESH_JWT_SECRET: TEST_JWT_SECRET,
    KENESH_MIGRATIONS_RUN: 'false',
    KENESH_RATE_LIMITS: 'off',
    ...env,
  });
  const app = await createApp(config, database.url);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const db = new DataSource({ type: 'postgres', url: database.url, extra: { max: 2 } });
  await db.initialize();
  return {
    app,
    baseUrl,
    http: request(baseUrl),
    db,
    databaseUrl: database.url,
    config,
    async close() {
      if (db.isInitialized) await db.destroy();
      await app.close();
      await database.drop();
    },
  };
}
