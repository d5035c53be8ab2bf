import { type INestApplication, Logger as NestLogger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { cachePolicy } from './common/http/cache-policy.js';
import { compressAnswers } from './common/http/compression.js';
import { answerClientErrorsWithProblems } from './common/errors/client-error.js';
import { sendProblem } from './common/errors/problem-details.filter.js';
import { buildOpenApiDocument } from './common/openapi/openapi-document.js';
import { inputGuard } from './common/validation/input-guard.js';
import { createValidationPipe } from './common/validation/validation.js';
import { asyncApiDocument } from './modules/rooms/asyncapi-document.js';
import { serveWebClient } from './modules/web-client/web-client.js';
import type { AppConfig } from './infra/config/app-config.js';
import { RealtimeIoAdapter } from './infra/realtime/realtime-io.adapter.js';
import { RealtimeLink } from './infra/realtime/realtime-link.js';
import { createRootLogger, httpLogger, PinoNestLogger } from './infra/logging/logging.js';

export const API_PREFIX = 'api/v1';

/** Builds the whole app, configured exactly as `npm start` runs it; tests use this too. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl }),
    {
      bodyParser: false,
      bufferLogs: true,
    },
  );
  answerClientErrorsWithProblems(app.getHttpServer());
  const root = createRootLogger(config);
  app.useLogger(new PinoNestLogger(root));
  app.use(httpLogger(root));
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  app.disable('x-powered-by');
  // Express's default, stated because cache-policy.ts relies on it: a weak tag from the body.
  app.set('etag', 'weak');
  // First, so every answer (problem details from the body parser included) goes through it.
  if (config.compression) app.use(compressAnswers(config.compressionThresholdBytes));
  app.use(cachePolicy({ compression: config.compression }));
  // The API's answers are JSON and the docs page at /api/docs has inline code: the strict
  // Content-Security-Policy goes on the web client's answers (serveWebClient) instead.
  app.use(helmet({ contentSecurityPolicy: false }));
  // The web client's files and, for a browser opening one of its paths, its index.html;
  // anything under /api, /health or /socket.io goes on to Nest.
  app.use(serveWebClient({ dir: config.webDir, compression: config.compression }));
  app.use(
    express.json({
      limit: config.bodyLimitBytes,
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );
  // Depth, size, NUL, unpaired surrogates, reserved keys and non-JSON bodies, before Nest.
  app.use(inputGuard());
  // Body-parser errors (too large, bad JSON) happen before Nest's router and its filters.
  const errors = new NestLogger('Errors');
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendProblem(req, res, error, errors);
  });
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
    credentials: false,
    exposedHeaders: [
      'X-Request-Id',
      'Retry-After',
      'Idempotent-Replayed',
      // tus (attachments): where an upload lives and where to continue it.
      'Location',
      'Tus-Resumable',
      'Upload-Offset',
      'Upload-Length',
      'Upload-Expires',
      'Content-Range',
    ],
  });
  setApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  const realtime = new RealtimeIoAdapter(app, config, databaseUrl);
  try {
    await realtime.connect();
  } catch (error) {
    await app.close();
    throw error;
  }
  app.get(RealtimeLink).attach(
    config.realtimeAdapter,
    () => realtime.ping(),
    () => realtime.isUp(),
  );
  app.useWebSocketAdapter(realtime);
  setUpOpenApi(app);
  setUpAsyncApi(app);
  return app;
}

/** `/api/v1` for the API; health stays at the root where load balancers look for it. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
}

export function openApiDocument(app: INestApplication) {
  return buildOpenApiDocument(app);
}

function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}

/** The socket API's document beside the HTTP one: public, outside `/api/v1`, built once. */
function setUpAsyncApi(app: NestExpressApplication): void {
  const http = app.getHttpAdapter();
  let document: object | undefined;
  http.get('/api/asyncapi-json', (_req: unknown, res: unknown) => {
    document ??= asyncApiDocument(app);
    http.reply(res, document, 200);
  });
}

/** Express reads a number as a hop count and `true`/`false` as booleans. */
function trustProxySetting(value: string): string | number | boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
