import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { API, expectProblem, signUp } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('the page at /', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('names the hub, its version and health, and links the docs, in Kyrgyz by default', async () => {
    const res = await t.http.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['content-language']).toBe('ky');
    expect(res.headers.vary).toMatch(/Accept-Language/i);
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="ky">/);
    expect(res.text).toContain('<meta name="viewport"');
    expect(res.text).toContain('Кеңеш');
    expect(res.text).toContain('Алгачкы кадамдар');
    expect(res.text).toContain(`<code>${VERSION}</code>`);
    expect(res.text).toContain('data-health="ok"');
    for (const href of ['/api/docs', '/api/docs-json', '/api/asyncapi-json', '/health/ready'])
      expect(res.text).toContain(`href="${href}"`);
    expect(res.text).toContain('npm run seed:demo');
  });

  it('is self-contained: no script and nothing loaded from elsewhere, and its CSP says so', async () => {
    const res = await t.http.get('/');
    expect(res.text).not.toMatch(/<script|<link|<img|src=|url\(|https?:\/\//i);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
  });

  it('speaks Russian or English when Accept-Language asks, and ?lang= overrides it', async () => {
    const ru = await t.http.get('/').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5');
    expect(ru.headers['content-language']).toBe('ru');
    expect(ru.text).toContain('<html lang="ru">');
    expect(ru.text).toContain('Первые шаги');
    const en = await t.http.get('/').set('Accept-Language', 'de, en-GB;q=0.8, ru;q=0.3');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('First steps');
    const tajik = await t.http.get('/').set('Accept-Language', 'tg');
    expect(tajik.text).toContain('<html lang="ky">');
    const chosen = await t.http.get('/?lang=en').set('Accept-Language', 'ru');
    expect(chosen.text).toContain('<html lang="en">');
    const junk = await t.http.get('/?lang=<x>').set('Accept-Language', 'ru');
    expect(junk.text).toContain('<html lang="ru">');
    // Every page links the other two languages.
    expect(ru.text).toContain('href="/?lang=ky"');
    expect(ru.text).toContain('href="/?lang=en"');
  });

  it('answers HEAD without a body, and needs no token', async () => {
    const res = await t.http.head('/');
    expect(res.status).toBe(200);
    expect(res.text ?? '').toBe('');
  });

  it('is not part of the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, unknown> };
    expect(doc.paths['/']).toBeUndefined();
  });
});

describe('unknown paths answer problem details everywhere', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const PATHS = [
    '/api',
    '/api/',
    '/api/nope',
    '/api/v2/issues',
    '/api/docs-jsonx',
    '/api/v1',
    '/api/v1/nope',
    '/api/v1/issues/x/y/z',
    '/health',
    '/health/nope',
    '/health/live/x',
    '/nope',
    '/index.html',
  ];

  it.each(['get', 'post', 'put', 'patch', 'delete'] as const)(
    '%s on unknown paths: 404 not_found, application/problem+json',
    async (method) => {
      for (const path of PATHS) {
        const res = await t.http[method](path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expectProblem(res, 404, 'not_found');
        expect(res.body.instance).toBe(path);
      }
    },
  );

  it('with a token the answer is the same', async () => {
    const user = await signUp(t);
    for (const path of ['/api/nope', '/health/nope', `${API}/nope`]) {
      expectProblem(await t.http.get(path).set(user.auth), 404, 'not_found');
      expectProblem(await t.http.delete(path).set(user.auth), 404, 'not_found');
    }
  });

  it('HEAD on an unknown path is 404 with the problem content type and no body', async () => {
    for (const path of ['/api/nope', '/health/nope', `${API}/nope`, '/nope']) {
      const res = await t.http.head(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('a method a known path does not have is a 404 problem too', async () => {
    expectProblem(await t.http.post('/health/live'), 404, 'not_found');
    expectProblem(await t.http.delete('/'), 404, 'not_found');
  });

  it('the docs, health and the API still answer', async () => {
    expect((await t.http.get('/api/docs')).status).toBe(200);
    expect((await t.http.get('/api/docs-json')).status).toBe(200);
    expect((await t.http.get('/health/live')).status).toBe(200);
    expect((await t.http.get(`${API}/territories`)).status).toBe(200);
  });
});

describe('the page at / when the database is gone', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ KENESH_REALTIME_ADAPTER: 'memory' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is still served, and says the database does not answer', async () => {
    const name = new URL(t.databaseUrl).pathname.slice(1);
    await t.db.destroy();
    const admin = new DataSource({
      type: 'postgres',
      url: t.databaseUrl.replace(`/${name}`, '/postgres'),
    });
    await admin.initialize();
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.destroy();
    const started = Date.now();
    const res = await t.http.get('/').set('Accept-Language', 'en');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-health="database_down"');
    expect(res.text).toContain('The database does not answer');
    expect(Date.now() - started).toBeLessThan(5000);
    expectProblem(await t.http.get('/api/nope'), 404, 'not_found');
  });
});
