import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { openApiDocument, setApiPrefix } from '../src/app-setup.js';
import { loadConfig } from '../src/infra/config/app-config.js';
import { IdempotencyOpenApi } from '../src/modules/idempotency/idempotency-openapi.js';
import { OPENAPI_JSON, OPENAPI_TYPES, renderOpenApiFiles } from './openapi-files.js';

/**
 * `npm run openapi`: writes openapi/openapi.json and openapi/kenesh-api.d.ts from the app's
 * controllers and DTOs. Nest's preview mode builds the module graph without instantiating
 * providers, so no database, Redis or socket server is needed; the configuration is fixed
 * so the output does not depend on the caller's environment.
 */
async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    KENESH_JWT_SECRET: 'openapi-generation-only-not-a-real-secret',
  });
  const app = await NestFactory.create(
    AppModule.forRoot({ config, databaseUrl: 'postgres://openapi@127.0.0.1:1/none' }),
    { preview: true, logger: false, abortOnError: false },
  );
  setApiPrefix(app);
  // Preview mode runs no lifecycle hooks: do what this one does at start in a real app.
  new IdempotencyOpenApi(app.get(ModulesContainer)).onModuleInit();
  const { json, types } = await renderOpenApiFiles(openApiDocument(app));
  await writeFile(OPENAPI_JSON, json);
  await writeFile(OPENAPI_TYPES, types);
  console.log(`wrote ${OPENAPI_JSON} and ${OPENAPI_TYPES}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
