/**
 * `npm run bench:web`: the web client's budgets (issue 10), measured and printed beside the
 * budget; nothing is asserted.
 *
 * 1. Bytes: from web/dist and Vite's manifest, the first load (index.html, the shell, the Kyrgyz
 *    message file, the sign-in screen and the issue register with everything they import
 *    statically) and each later screen (its chunk and imports not already loaded), raw, gzip -9
 *    and brotli. Budgets: first-load JavaScript ≤ 60 KB gzip, everything ≤ 100 KB, each later
 *    screen ≤ 25 KB.
 * 2. Lighthouse 12 (mobile preset, simulated slow 4G) against the built client served by a hub on
 *    its embedded database: /sign-in, and /issues signed in with 30 issues. Budgets: Performance
 *    ≥ 90, Accessibility ≥ 95, LCP ≤ 2.5 s, TBT ≤ 200 ms.
 * 3. Slow 3G (2 s latency, 400 kbit/s each way, Chromium's network emulation): the issue
 *    register readable (the newest issue's title shown) cold, then warm (service worker).
 *    Budgets: ≤ 10 s cold, ≤ 3 s warm.
 * Needs Debian's chromium (/usr/bin/chromium, or KENESH_CHROMIUM); without it, parts 2 and 3 are
 * skipped with the reason printed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import lighthouse from 'lighthouse';
import {
  CHROMIUM_ARGS,
  chromiumExecutable,
  emulateSlow3G,
  sessionEntries,
  type StorageEntry,
  writeLocalStorage,
} from './browser.js';
import {
  API,
  call,
  freePort,
  HOST,
  log,
  makeDataDir,
  ROOT,
  runBench,
  startHub,
  table,
} from './lib.js';

const DIST = join(ROOT, 'web/dist');
const CHROMIUM = chromiumExecutable();
const ISSUES = 30;
const PASSWORD = 'bench password 0123456789';
const TERRITORY = '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0102';
const KB = 1024;

/** The page's globals used inside `evaluate` (this file is compiled without the DOM library). */
interface Page {
  navigator: { serviceWorker: { ready: Promise<unknown> } };
}

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, Chunk>;

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizeOf(files: Iterable<string>): Size {
  const total: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const bytes = readFileSync(join(DIST, f));
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    total.brotli += brotliCompressSync(bytes).length;
  }
  return total;
}

/** The files a manifest entry loads before it runs: itself and its static imports, CSS too. */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`web/dist/.vite/manifest.json has no ${key}: rebuild the client`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
  return into;
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const js = (files: Iterable<string>) => [...files].filter((f) => f.endsWith('.js'));

function bytesPart(): string[][] {
  const manifestFile = join(DIST, '.vite/manifest.json');
  if (!existsSync(manifestFile)) throw new Error('web/dist is not built: run `npm run build`');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  // What index.html loads itself (the shell, its styles, the preloaded first screens), then what
  // those and the first screens import.
  const first = new Set<string>(['index.html']);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  for (const [, file] of html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) first.add(file);
  const keyOf = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  for (const file of [...first]) {
    const key = keyOf.get(file);
    if (key) closure(manifest, key, first);
  }
  for (const key of [
    'src/i18n/messages/ky/index.ts',
    'src/screens/sign-in.tsx',
    'src/screens/issues/register.tsx',
  ])
    closure(manifest, key, first);
  const firstJs = sizeOf(js(first));
  const firstAll = sizeOf(first);
  const rows: string[][] = [
    [
      'first load: JavaScript',
      kb(firstJs.raw),
      kb(firstJs.gzip),
      kb(firstJs.brotli),
      '≤ 60 KB gzip',
      verdict(firstJs.gzip <= 60 * KB),
    ],
    [
      'first load: everything',
      kb(firstAll.raw),
      kb(firstAll.gzip),
      kb(firstAll.brotli),
      '≤ 100 KB gzip',
      verdict(firstAll.gzip <= 100 * KB),
    ],
  ];
  const screens = Object.keys(manifest)
    .filter((k) => k.startsWith('src/screens/') && !first.has(manifest[k].file))
    .sort();
  for (const key of screens) {
    const later = [...closure(manifest, key)].filter((f) => !first.has(f));
    const s = sizeOf(later);
    rows.push([
      `later: ${key.replace('src/screens/', '')}`,
      kb(s.raw),
      kb(s.gzip),
      kb(s.brotli),
      '≤ 25 KB gzip',
      verdict(s.gzip <= 25 * KB),
    ]);
  }
  for (const l of ['ru', 'en']) {
    const key = `src/i18n/messages/${l}/index.ts`;
    if (!manifest[key]) continue;
    const s = sizeOf([manifest[key].file]);
    rows.push([
      `later: messages ${l} (on switch)`,
      kb(s.raw),
      kb(s.gzip),
      kb(s.brotli),
      '≤ 25 KB gzip',
      verdict(s.gzip <= 25 * KB),
    ]);
  }
  return rows;
}

function verdict(ok: boolean): string {
  return ok ? 'within' : 'OVER';
}

interface Seeded {
  origin: string;
  /** The signed-in official's localStorage (session, me, Kyrgyz). */
  storage: StorageEntry[];
  newestTitle: string;
}

async function seed(port: number): Promise<Seeded> {
  const email = `official-${Date.now()}@bench.kg`;
  const auth = await call<{
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
    user: { id: string };
  }>(
    port,
    {
      method: 'POST',
      path: `${API}/auth/register`,
      body: { email, password: PASSWORD, displayName: 'Айгүл Осмонова', preferredLanguage: 'ky' },
    },
    201,
  );
  let newestTitle = '';
  for (let i = 0; i < ISSUES; i++) {
    newestTitle = `Көк-Таш каналы №${i + 1}: жайкы сугатка суу жетишпейт`;
    await call(
      port,
      {
        method: 'POST',
        path: `${API}/issues`,
        token: auth.accessToken,
        body: {
          title: newestTitle,
          body: 'Жайкы сугат мезгилинде суу жетишпейт; айыл өкмөтү суу бөлүштүрүү графигин жарыялашы керек. '.repeat(
            3,
          ),
          category: 'water_irrigation',
          territoryIds: [TERRITORY],
          decisionLevel: 'district',
        },
      },
      201,
    );
  }
  const me = await call<unknown>(
    port,
    { method: 'GET', path: `${API}/me`, token: auth.accessToken },
    200,
  );
  const storage = [...sessionEntries(auth, me), { name: 'kenesh.lang', value: 'ky' }];
  return { origin: `http://${HOST}:${port}`, storage, newestTitle };
}

/** Puts the session into the origin's localStorage from a page that does not start the client. */
async function signIn(browser: Browser, s: Seeded): Promise<void> {
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = await context.newPage();
  await page.goto(`${s.origin}/favicon.svg`);
  await page.evaluate(writeLocalStorage, { entries: s.storage });
  await page.close();
}

async function lighthousePart(s: Seeded): Promise<string[][]> {
  const port = await freePort();
  const profile = await mkdtemp(join(tmpdir(), 'kenesh-lh-'));
  const chrome = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const rows: string[][] = [];
  try {
    let browser: Browser | undefined;
    for (let i = 0; i < 100 && !browser; i++) {
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(async () => {
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      });
    }
    if (!browser) throw new Error('chromium did not open its debugging port');
    for (const [label, path, signedIn] of [
      ['sign-in (signed out)', '/sign-in', false],
      ['issue register (signed in)', '/issues', true],
    ] as const) {
      if (signedIn) await signIn(browser, s);
      log(`progress: lighthouse ${path}`);
      const result = await lighthouse(`${s.origin}${path}`, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
        disableStorageReset: signedIn,
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse gave no result for ${path}`);
      if (lhr.runtimeError) throw new Error(`lighthouse on ${path}: ${lhr.runtimeError.message}`);
      const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
      const num = (a: string) => lhr.audits[a]?.numericValue ?? NaN;
      rows.push(
        [
          label,
          'Performance',
          String(score('performance')),
          '≥ 90',
          verdict(score('performance') >= 90),
        ],
        [
          label,
          'Accessibility',
          String(score('accessibility')),
          '≥ 95',
          verdict(score('accessibility') >= 95),
        ],
        [label, 'Best practices', String(score('best-practices')), '(none)', ''],
        [
          label,
          'LCP',
          `${(num('largest-contentful-paint') / 1000).toFixed(2)} s`,
          '≤ 2.5 s',
          verdict(num('largest-contentful-paint') <= 2500),
        ],
        [
          label,
          'TBT',
          `${num('total-blocking-time').toFixed(0)} ms`,
          '≤ 200 ms',
          verdict(num('total-blocking-time') <= 200),
        ],
        [label, 'FCP', `${(num('first-contentful-paint') / 1000).toFixed(2)} s`, '', ''],
      );
    }
    await browser.close().catch(() => undefined);
  } finally {
    chrome.kill('SIGKILL');
    await rm(profile, { recursive: true, force: true });
  }
  return rows;
}

async function slow3gPart(s: Seeded): Promise<string[][]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      locale: 'ky',
    });
    await context.addInitScript(writeLocalStorage, {
      entries: s.storage,
      unlessSet: 'kenesh.session',
    });
    const page = await context.newPage();
    await emulateSlow3G(context, page, (400 * 1000) / 8);
    const readable = async (go: () => Promise<unknown>) => {
      const started = performance.now();
      await go();
      await page.getByText(s.newestTitle).first().waitFor({ state: 'visible', timeout: 60_000 });
      return performance.now() - started;
    };
    log('progress: slow 3G, cold');
    const cold = await readable(() => page.goto(`${s.origin}/issues`, { waitUntil: 'commit' }));
    await page.evaluate(async () => {
      await (globalThis as unknown as Page).navigator.serviceWorker.ready;
    });
    log('progress: slow 3G, warm');
    const warm = await readable(() => page.reload({ waitUntil: 'commit' }));
    return [
      [
        'issue register readable, cold',
        `${(cold / 1000).toFixed(2)} s`,
        '≤ 10 s',
        verdict(cold <= 10_000),
      ],
      [
        'issue register readable, warm (service worker)',
        `${(warm / 1000).toFixed(2)} s`,
        '≤ 3 s',
        verdict(warm <= 3_000),
      ],
    ];
  } finally {
    await browser.close();
  }
}

await runBench('bench:web', 15 * 60_000, async () => {
  log('progress: bundle sizes');
  console.log(table(['what', 'raw', 'gzip -9', 'brotli', 'budget', ''], bytesPart()));
  if (!existsSync(CHROMIUM)) {
    log(`skipped Lighthouse and slow 3G: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    return;
  }
  log('progress: starting the hub on an embedded database');
  const { hub } = await startHub(await makeDataDir());
  log('progress: seeding an official with 30 issues');
  const seeded = await seed(hub.port);
  console.log(table(['page', 'metric', 'measured', 'budget', ''], await lighthousePart(seeded)));
  console.log(
    table(['slow 3G (2 s, 400 kbit/s)', 'measured', 'budget', ''], await slow3gPart(seeded)),
  );
});
