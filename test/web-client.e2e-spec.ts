import { jest } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import { startHubProcess, type HubProcess } from './support/hub-process.js';
import { API, expectProblem, signUp } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { cloneTemplate } from './support/test-database.js';

/**
 * The hub serves the web client's build (issue 10): its files with their caching, its
 * index.html for the client's own paths when a browser asks for a page, a strict CSP, and
 * the API's `404 not_found` problem for everything else. Most of it runs against a small
 * build this file writes (KENESH_WEB_DIR), so it does not depend on `npm run build:web`;
 * one part checks the real web/dist when it is there.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const INDEX = `<!doctype html>
<html lang="ky">
  <head>
    <meta charset="utf-8" />
    <title>Kenesh</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="manifest" href="/manifest.webmanifest" />
    <script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-Ef56Gh78.css">
  </head>
  <body>
    <div id="app"></div>
    <noscript>${'Kenesh JavaScriptти талап кылат. Для Kenesh нужен JavaScript. '.repeat(12)}</noscript>
  </body>
</html>
`;
// Past the 1 KB compression threshold, and as repetitive as real code.
const SCRIPT = Array.from(
  { length: 200 },
  (_, i) => `export const screen${i} = () => render('screen-${i}');`,
).join('\n');
const STYLE = Array.from({ length: 100 }, (_, i) => `.row-${i}{margin:${i}px 0}`).join('\n');
// These three are over 1 KB too, to show that HTML, SVG and the manifest are compressed.
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${Array.from(
  { length: 40 },
  (_, i) => `<circle cx="${i}" cy="${i}" r="4" fill="#1f5f8b"/>`,
).join('')}</svg>`;
const MANIFEST = JSON.stringify({
  name: 'Kenesh',
  start_url: '/',
  shortcuts: Array.from({ length: 40 }, (_, i) => ({ name: `Screen ${i}`, url: `/screen/${i}` })),
});
const WORKER = `self.addEventListener('fetch', () => {});`;

async function writeBuild(dir: string): Promise<void> {
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), INDEX);
  await writeFile(join(dir, 'assets/index-Ab12Cd34.js'), SCRIPT);
  await writeFile(join(dir, 'assets/index-Ef56Gh78.css'), STYLE);
  await writeFile(join(dir, 'favicon.svg'), FAVICON);
  await writeFile(join(dir, 'manifest.webmanifest'), MANIFEST);
  await writeFile(join(dir, 'sw.js'), WORKER);
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose answer is read as sent: no decompression, unlike supertest and fetch. */
function raw(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function cspFor(host: string): string {
  return (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
    `connect-src 'self' ws://${host} wss://${host}; worker-src 'self'; manifest-src 'self'; ` +
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
  );
}

describe('the web client, served from KENESH_WEB_DIR', () => {
  let t: TestApp;
  let dir: string;
  let host: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kenesh-web-'));
    await writeBuild(dir);
    t = await startTestApp({ KENESH_WEB_DIR: dir });
    host = new URL(t.baseUrl).host;
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['/', '/issues/123', '/issues/123?tab=comments', '/organisations/x/members'])(
    '%s, asked for by a browser, answers index.html, never stored, with the CSP',
    async (path) => {
      const res = await t.http.get(path).set('Accept', BROWSER);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe(cspFor(host));
      expect(res.headers.vary).toMatch(/\bAccept\b/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('answers HEAD for a page without a body', async () => {
    const res = await t.http.head('/issues/123').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text ?? '').toBe('');
  });

  it('serves hashed assets for a year, immutable, compressed with gzip or brotli', async () => {
    for (const [path, source, type] of [
      ['/assets/index-Ab12Cd34.js', SCRIPT, /^text\/javascript|^application\/javascript/],
      ['/assets/index-Ef56Gh78.css', STYLE, /^text\/css/],
    ] as const) {
      const gzip = await raw(t.baseUrl, path, { 'Accept-Encoding': 'gzip' });
      expect(gzip.status).toBe(200);
      expect(gzip.headers['content-type']).toMatch(type);
      expect(gzip.headers['cache-control']).toBe(IMMUTABLE);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.vary).toBe('Accept-Encoding');
      expect(gunzipSync(gzip.body).toString('utf8')).toBe(source);
      expect(gzip.body.length).toBeLessThan(Buffer.byteLength(source) / 3);

      const brotli = await raw(t.baseUrl, path, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['cache-control']).toBe(IMMUTABLE);
      expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(source);

      const plain = await raw(t.baseUrl, path);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString('utf8')).toBe(source);
    }
  });

  it('compresses the page, the icon and the manifest too, keeping their caching', async () => {
    for (const [path, source, type, caching, accept] of [
      ['/', INDEX, /^text\/html/, 'no-store', BROWSER],
      ['/favicon.svg', FAVICON, /^image\/svg\+xml/, 'public, max-age=3600', '*/*'],
      ['/manifest.webmanifest', MANIFEST, /^application\/manifest\+json/, 'no-store', '*/*'],
    ] as const) {
      expect(Buffer.byteLength(source)).toBeGreaterThan(1024);
      const res = await raw(t.baseUrl, path, { Accept: accept, 'Accept-Encoding': 'br' });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe(caching);
      expect(brotliDecompressSync(res.body).toString('utf8')).toBe(source);
    }
  });

  it('keeps the asset caching with a token on the request: no `private, no-cache`', async () => {
    const user = await signUp(t);
    const res = await t.http.get('/assets/index-Ab12Cd34.js').set(user.auth);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('never lets sw.js, index.html or the manifest be stored; the favicon for an hour', async () => {
    const sw = await t.http.get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['cache-control']).toBe('no-store');
    const index = await t.http.get('/index.html');
    expect(index.headers['cache-control']).toBe('no-store');
    const manifest = await t.http.get('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-store');
    const favicon = await t.http.get('/favicon.svg');
    expect(favicon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(favicon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers the API, health and docs paths as before, even when a browser asks for HTML', async () => {
    for (const path of ['/api/v1/nope', '/health/x', '/api/nope', '/API/v1/nope', '/health']) {
      const res = await t.http.get(path).set('Accept', BROWSER);
      expectProblem(res, 404, 'not_found');
      expect(res.headers['content-security-policy']).toBeUndefined();
    }
    expect((await t.http.get('/health/live').set('Accept', BROWSER)).status).toBe(200);
    expect((await t.http.get(`${API}/territories`).set('Accept', BROWSER)).status).toBe(200);
    // The docs page keeps working: the client's CSP is not put on it.
    const docs = await t.http.get('/api/docs').set('Accept', BROWSER);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
    expect(docs.headers['content-security-policy']).toBeUndefined();
  });

  it('answers a problem, not the page, to anything but a GET or HEAD that asks for HTML', async () => {
    expectProblem(await t.http.post('/issues').set('Accept', BROWSER).send({}), 404, 'not_found');
    expectProblem(await t.http.delete('/').set('Accept', BROWSER), 404, 'not_found');
    expectProblem(await t.http.get('/issues/123'), 404, 'not_found');
    expectProblem(
      await t.http.get('/issues/123').set('Accept', 'application/json'),
      404,
      'not_found',
    );
    expectProblem(await t.http.get('/').set('Accept', '*/*'), 404, 'not_found');
    // A missing asset is missing, also for a browser: never HTML in place of a script.
    expectProblem(
      await t.http.get('/assets/gone-Zz99Yy88.js').set('Accept', BROWSER),
      404,
      'not_found',
    );
  });

  it('leaves the files of the build out of the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, unknown> };
    const outside = Object.keys(doc.paths).filter((path) => !path.startsWith('/api/v1/'));
    expect(outside.filter((path) => !path.startsWith('/health/'))).toEqual([]);
  });
});

describe('unknown paths answer problem details everywhere', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kenesh-web-'));
    await writeBuild(dir);
    t = await startTestApp({ KENESH_WEB_DIR: dir });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const PATHS = [
    '/',
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
  ];

  it.each(['get', 'post', 'put', 'patch', 'delete'] as const)(
    '%s on unknown paths (not asking for HTML): 404 not_found, application/problem+json',
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
    expectProblem(await t.http.post('/sw.js'), 404, 'not_found');
  });
});

describe('the web client when its build is missing', () => {
  let t: TestApp;
  let parent: string;
  let dir: string;
  let warn: ReturnType<typeof jest.spyOn>;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'kenesh-web-'));
    dir = join(parent, 'not-built');
    warn = jest.spyOn(Logger.prototype, 'warn');
    t = await startTestApp({ KENESH_WEB_DIR: dir });
  });
  afterAll(async () => {
    warn?.mockRestore();
    await t?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('the hub starts, says so once, and a page answers a short text saying the client is not built', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.http.get('/').set('Accept', BROWSER);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'");
      expect(res.text).toContain('npm run build:web');
      expect(res.text).toContain('веб-клиент не собран');
    }
    expectProblem(await t.http.get('/assets/index-Ab12Cd34.js'), 404, 'not_found');
    expectProblem(await t.http.get('/').set('Accept', 'application/json'), 404, 'not_found');
    expect((await t.http.get(`${API}/territories`)).status).toBe(200);
    const missing = (warn.mock.calls as unknown[][]).filter(
      ([line]) => (line as { event?: string }).event === 'web_client_missing',
    );
    expect(missing).toEqual([[{ event: 'web_client_missing', dir, detail: expect.any(String) }]]);
  });

  it('serves a build written after the start, without a restart', async () => {
    await writeBuild(dir);
    const res = await t.http.get('/issues/1').set('Accept', BROWSER);
    expect(res.status).toBe(200);
    expect(res.text).toBe(INDEX);
  });
});

describe('the built hub without a web client build (node dist/src/main.js)', () => {
  let hub: HubProcess | undefined;
  let database: Awaited<ReturnType<typeof cloneTemplate>> | undefined;
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'kenesh-web-'));
    database = await cloneTemplate();
  });
  afterAll(async () => {
    await hub?.kill();
    await database?.drop();
    await rm(parent, { recursive: true, force: true });
  });

  it('starts, logs one structured warning, and keeps serving the API', async () => {
    const dir = join(parent, 'missing');
    hub = await startHubProcess({ DATABASE_URL: database!.url, KENESH_WEB_DIR: dir });
    const page = await raw(hub.baseUrl, '/', { Accept: BROWSER });
    expect(page.status).toBe(404);
    expect(page.body.toString('utf8')).toContain('npm run build:web');
    expect((await raw(hub.baseUrl, '/health/ready')).status).toBe(200);
    const warnings = hub.logs.filter((line) => line.event === 'web_client_missing');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, context: 'WebClient', dir });
    expect(hub.child.exitCode).toBeNull();
  });
});

const REAL = join(ROOT, 'web/dist');
const built = existsSync(join(REAL, 'index.html'));
if (!built) console.log(`web-client: ${REAL} is not built (npm run build:web): its checks skip`);

(built ? describe : describe.skip)(
  'the real build in web/dist (the default KENESH_WEB_DIR)',
  () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t?.close();
    });

    it('is served at / with no inline script or style, and every file it names is immutable', async () => {
      const res = await t.http.get('/').set('Accept', BROWSER);
      expect(res.status).toBe(200);
      expect(res.text).toBe(readFileSync(join(REAL, 'index.html'), 'utf8'));
      expect(res.headers['content-security-policy']).toContain("script-src 'self';");
      // Every script has a src; no <style> element, no style="" attribute, no on*= handler.
      expect(res.text.match(/<script\b[^>]*>/g)?.every((tag) => / src="/.test(tag))).toBe(true);
      expect(res.text).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
      const assets = [...res.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThan(0);
      for (const path of assets) {
        const asset = await raw(t.baseUrl, path, { 'Accept-Encoding': 'br' });
        expect({ path, status: asset.status }).toEqual({ path, status: 200 });
        expect(asset.headers['cache-control']).toBe(IMMUTABLE);
      }
    });

    it('has a service worker at /sw.js, never stored, listing this build', async () => {
      const res = await t.http.get('/sw.js');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).not.toContain('__KENESH_SW_BUILD__');
      expect(res.text).toContain('"/index.html"');
      expect(res.text).not.toMatch(/^\s*(import|export)\b/m);
    });
  },
);
