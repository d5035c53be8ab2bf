import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { AsyncApiSchemasModule, asyncApiDocument } from '../src/modules/rooms/asyncapi-document.js';

/**
 * `npm run asyncapi`: writes `openapi/asyncapi.json`, the document `GET /api/asyncapi-json`
 * serves. It needs no database: the document comes from the DTOs and the event registry. A
 * test fails while the committed copy differs from the served one.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'openapi', 'asyncapi.json');

const app = await NestFactory.create(AsyncApiSchemasModule, { logger: false });
try {
  const text = JSON.stringify(asyncApiDocument(app), null, 2) + '\n';
  // Written as prettier would, so `npm run lint` passes on the committed file.
  const prettier = await import('prettier').catch(() => null);
  await writeFile(
    target,
    prettier
      ? await prettier.format(text, { ...(await prettier.resolveConfig(target)), filepath: target })
      : text,
  );
  console.log(`wrote ${target}`);
} finally {
  await app.close();
}
