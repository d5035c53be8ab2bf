import { readFile } from 'node:fs/promises';
import { ROLES } from '../src/common/decorators/roles.decorator.js';
import {
  OPENAPI_JSON,
  OPENAPI_TYPES,
  renderOpenApiFiles,
  sortKeys,
} from '../scripts/openapi-files.js';
import {
  invalidExamples,
  type OpenApiDoc,
  operationsOf,
  requiredWithoutProperty,
  vagueSchemas,
} from './support/openapi-schema.js';
import { listRoutes } from './support/routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const REGENERATE = 'the API changed: run `npm run openapi` and commit openapi/';

/** Names that say nothing once they are a generated client's function names. */
const GENERIC_NAMES = /^(create|list|get|update|remove|delete|find|index|show|mine|me|flag|flags)$/;

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body as OpenApiDoc;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is the committed openapi/openapi.json, and its types are openapi/kenesh-api.d.ts', async () => {
    const committed = JSON.parse(await readFile(OPENAPI_JSON, 'utf8')) as unknown;
    const served = sortKeys(doc);
    if (JSON.stringify(served) !== JSON.stringify(committed)) throw new Error(REGENERATE);
    const { types } = await renderOpenApiFiles(doc);
    if (types !== (await readFile(OPENAPI_TYPES, 'utf8'))) throw new Error(REGENERATE);
  });

  it('is OpenAPI 3.1 with servers, and every tag in use is declared with a description', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect((doc.servers as unknown[]).length).toBeGreaterThan(0);
    const declared = (doc.tags as { name: string; description?: string }[]) ?? [];
    const used = new Set(operationsOf(doc).flatMap(({ op }) => op.tags ?? []));
    expect(declared.map((tag) => tag.name).sort()).toEqual([...used].sort());
    expect(declared.filter((tag) => !tag.description).map((tag) => tag.name)).toEqual([]);
  });

  it('types every schema: no bare object, no untyped property, no required name that is not a property', () => {
    expect(vagueSchemas(doc)).toEqual([]);
    expect(requiredWithoutProperty(doc)).toEqual([]);
  });

  it('has only examples that validate against their own schema', () => {
    expect(invalidExamples(doc)).toEqual([]);
  });

  it('gives every operation a summary, a description, one tag and a unique, client-facing id', () => {
    const faults: string[] = [];
    const ids = new Map<string, string>();
    for (const { path, method, op } of operationsOf(doc)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!op.summary?.trim()) faults.push(`${name}: no summary`);
      if (!op.description?.trim()) faults.push(`${name}: no description`);
      if (op.tags?.length !== 1) faults.push(`${name}: tags ${JSON.stringify(op.tags)}`);
      const id = op.operationId ?? '';
      if (!/^[a-z][A-Za-z0-9]*$/.test(id)) faults.push(`${name}: operationId "${id}"`);
      if (GENERIC_NAMES.test(id))
        faults.push(`${name}: operationId "${id}" says nothing in a client (listIssues, not list)`);
      if (ids.has(id)) faults.push(`${name}: operationId "${id}" also names ${ids.get(id)}`);
      ids.set(id, name);
    }
    expect(faults).toEqual([]);
  });

  it('declares the problems each route can answer, as problem details', () => {
    const faults: string[] = [];
    for (const { path, method, op } of operationsOf(doc)) {
      const name = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(op.responses);
      const needs = ['400'];
      if (['post', 'put', 'patch'].includes(method)) needs.push('413', '415');
      if (path.startsWith('/api/')) needs.push('503');
      if (op.security?.length) needs.push('401');
      if (path.includes('{')) needs.push('404');
      for (const status of needs)
        if (!statuses.includes(status)) faults.push(`${name}: no ${status}`);
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        const content = op.responses[status].content ?? {};
        const schema = content['application/problem+json']?.schema;
        if (Object.keys(content).join() !== 'application/problem+json' || !schema?.$ref)
          faults.push(`${name}: ${status} is not problem details`);
      }
    }
    expect(faults).toEqual([]);
  });

  it('declares 403 on every route limited to some network roles', () => {
    const missing = listRoutes(t.app)
      .filter(
        (route) =>
          (Reflect.getMetadata(ROLES, route.handler) ??
            Reflect.getMetadata(ROLES, route.controller)) !== undefined,
      )
      .map((route) => ({
        name: `${route.method} ${route.path}`,
        op: doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()],
      }))
      .filter(({ op }) => !op?.responses['403'])
      .map(({ name }) => name);
    expect(missing).toEqual([]);
  });
});
