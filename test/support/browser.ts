// The browser end-to-end harness: the real hub (built `dist/`, its own cloned database) serving
// the built client (`web/dist`), driven by Debian's Chromium through playwright-core.
//
//   import { jest } from '@jest/globals';    // jest's globals are imports under ESM
//   jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);
//   describeIfBrowser('…', () => {
//     let suite: BrowserSuite;                  // one hub and one browser per describe
//     beforeAll(async () => {
//       suite = await startBrowserSuite();      // fails if web/dist or dist/ is missing or stale
//     }, BROWSER_HOOK_TIMEOUT_MS);
//     afterAll(() => suite?.stop());
//     // startBrowserHub() and launchBrowser() separately: close the browser even when the hub
//     // fails to start, or Chromium keeps jest from exiting.
//     it('…', async () => {
//       const { hub, browser } = suite;
//       const user = await registerUser(hub);
//       const context = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user });
//       const page = await context.newPage();
//       await page.goto('/issues');             // already signed in: no form
//       await axeCheck(page, 'issues');
//       await screenshot(page, 'issues-ky');
//       await context.close();                  // a new context per test
//     });
//   });
//
// - Shorter: `const suite = useBrowserSuite(options)` at the top of the describe registers those
//   hooks (and an afterEach closing `suite.context`); tests read `suite.hub`, `suite.browser`.
// - Specs live in test/browser/*.e2e-spec.ts (jest's e2e project runs them); its tsconfig.json
//   adds the DOM types for code inside `page.evaluate()`. This file compiles without them.
// - Beside it: test/support/browser-api.ts arranges data through the API (`apiOk`,
//   `memberOrganisation`); test/browser/web-texts.ts gives the client's words (`webText`) to find
//   on the page; the seeded territories' ids are factories.ts's `TERRITORY`; `pickAkSai(page, id)`
//   picks Ak-Sai in a territory cascade; `pageWidth(page)` tells whether a screen fits the phone.
// - Run: `npm run build` (hub and client), then
//   `NODE_OPTIONS=--experimental-vm-modules npx jest test/browser/x.e2e-spec.ts`.
// - Skipping: without `/usr/bin/chromium` (or the file named by KENESH_CHROMIUM) the block is
//   `describe.skip` with the reason in its name and on the console, as the Redis tests do.
//   Without `web/dist` the spec FAILS (run `npm run build`): a missing build is not a reason to
//   skip.
// - Phones: `phone()` is a 360×640 touch context (deviceScaleFactor 2) whose localStorage starts
//   with the language (`kenesh.lang`) and, given `user`, the session (`kenesh.session`,
//   `kenesh.me`), set once through the context's storage state — not re-applied on every
//   navigation, so switching the language or signing out survives a reload.
// - Two ways to lose the hub:
//   * `context.setOffline(true)` (or `offline(context, true)`): the phone has no network at all.
//     Every request of the page fails and `navigator.onLine` is false ("offline" banner).
//   * `LoopbackProxy` in front of the hub (`startBrowserHub({ proxy: true })` puts one there and
//     makes `hub.baseUrl` its URL): `cut()` drops the open connections (a chat's socket too) and
//     refuses — or with `{ hold: true }` holds — new ones while `navigator.onLine` stays true:
//     the hub is unreachable, the connection dropped mid-chat. `restore()` lets traffic flow.
// - Users: `registerUser(hub)` registers through the API (directly, past the proxy, so it works
//   while the proxy is cut); `{ role: 'facilitator' | 'admin' }` grants the role in the hub's
//   database (`hub.query`), as test/support/factories.ts does. Pass the user to `phone()`, or
//   `signInPage(page, user)` on an open page, to skip the form.
// - The client's service worker keeps the app shell: `waitForServiceWorker(page)` before a reload
//   that must open while the hub is unreachable.
// - `screenshot(page, name)` writes `<KENESH_SCREENSHOTS>/<name>.png` when that variable is set
//   (for docs/screenshots), otherwise does nothing.
import { mkdir, readdir, stat } from 'node:fs/promises';
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { NetworkRole } from '../../src/modules/users/user-role.js';
import {
  CHROMIUM_ARGS,
  chromiumExecutable,
  chromiumPath,
  emulateSlow3G,
  sessionEntries as storedSession,
  writeLocalStorage,
} from '../../bench/browser.js';
import { type SignedUp, TERRITORY, uniqueEmail } from './factories.js';

export { uniqueEmail };
import { freePort } from './free-port.js';
import { type HubProcess, startHubProcess } from './hub-process.js';
import { cloneTemplate } from './test-database.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB_DIST = join(ROOT, 'web/dist');
const API = '/api/v1';

/** Long enough for beforeAll to start a hub (up to ~60 s on a busy machine) and a browser. */
export const BROWSER_HOOK_TIMEOUT_MS = 120_000;
/** Per-test timeout for browser specs: a page load on a shared 2-core machine is slow. */
export const BROWSER_TEST_TIMEOUT_MS = 60_000;

export { CHROMIUM_ARGS, chromiumPath, emulateSlow3G };

/** Why browser specs skip on this machine, or null when they can run. */
export function browserSkipReason(): string | null {
  if (chromiumPath()) return null;
  return `no Chromium at ${chromiumExecutable()} (install Debian's chromium or set KENESH_CHROMIUM)`;
}

/** `describe` when Chromium is there, otherwise `describe.skip` saying why (name and console). */
export function describeIfBrowser(name: string, body: () => void): void {
  const reason = browserSkipReason();
  if (!reason) {
    describe(name, body);
    return;
  }
  console.log(`browser tests skipped: ${name}: ${reason}`);
  describe.skip(`${name} [skipped: ${reason}]`, body);
}

async function newestWebSource(): Promise<number> {
  const entries = await readdir(join(ROOT, 'web/src'), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .concat([join(ROOT, 'web/index.html'), join(ROOT, 'web/vite.config.ts')]);
  const times = await Promise.all(files.map((f) => stat(f).then((s) => s.mtimeMs)));
  return Math.max(0, ...times);
}

/** The built client must exist and be as new as its sources: a spec fails (not skips) without. */
export async function assertWebBuild(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const built = await stat(index).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (!built)
    throw new Error(
      `${index} is missing: run \`npm run build\` (npm test does) before browser specs`,
    );
  if (built < (await newestWebSource()))
    throw new Error(
      `${index} is older than web/src: run \`npm run build\` (or \`npm run build:web\`)`,
    );
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(browserSkipReason()!);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export type PhoneLang = 'ky' | 'ru' | 'en';

/**
 * A phone: 360×640, touch, deviceScaleFactor 2, the language preset in localStorage (so the first
 * screen shows in it) and, given `user`, already signed in. `baseURL` makes `page.goto('/x')`
 * work.
 */
export async function phone(
  browser: Browser,
  options: { lang: PhoneLang; baseURL: string; user?: ApiUser; offline?: boolean },
): Promise<BrowserContext> {
  const origin = new URL(options.baseURL).origin;
  const localStorage: Array<{ name: string; value: string }> = [
    { name: 'kenesh.lang', value: options.lang },
  ];
  if (options.user) localStorage.push(...sessionEntries(options.user));
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: { width: 360, height: 640 },
    screen: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: options.lang === 'ky' ? 'ky-KG' : options.lang === 'ru' ? 'ru-RU' : 'en-US',
    timezoneId: 'Asia/Bishkek',
    offline: options.offline,
    storageState: { cookies: [], origins: [{ origin, localStorage }] },
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** The phone loses (true) or regains (false) all network; `navigator.onLine` follows. */
export function offline(context: BrowserContext, value = true): Promise<void> {
  return context.setOffline(value);
}

// ---- Accessibility ----------------------------------------------------------------------------

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe (WCAG 2.1 A and AA) on the page; throws listing every violation. */
export async function axeCheck(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (result.violations.length === 0) return;
  const lines = result.violations.map((v) => {
    const targets = v.nodes.map((n) => n.target.join(' ')).join(' | ');
    return `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${targets}`;
  });
  throw new Error(
    `axe found ${result.violations.length} violation(s) on ${label}:\n${lines.join('\n')}`,
  );
}

// ---- Screenshots ------------------------------------------------------------------------------

/** Saves `<KENESH_SCREENSHOTS>/<name>.png` (full page) when that variable is set. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.KENESH_SCREENSHOTS;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

// ---- The hub ----------------------------------------------------------------------------------

export interface BrowserHub {
  /** What browsers and helpers use: the proxy's URL when there is one, else the hub's. */
  baseUrl: string;
  /** The hub's own URL (behind the proxy, if any). */
  directUrl: string;
  process: HubProcess;
  proxy?: LoopbackProxy;
  /** The hub's database URL (a clone of the migrated template). */
  databaseUrl: string;
  /** A query on the hub's database (e.g. grant a role). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: unknown[],
  ): Promise<R[]>;
  stop(): Promise<void>;
}

/**
 * Starts the built hub (`dist/src/main.js`) on its own cloned database, serving `web/dist`.
 * With `proxy: true`, a LoopbackProxy in front of it whose URL is `baseUrl`.
 */
export async function startBrowserHub(
  options: { proxy?: boolean; env?: Record<string, string> } = {},
): Promise<BrowserHub> {
  await assertWebBuild();
  const database = await cloneTemplate();
  let hubProcess: HubProcess;
  try {
    hubProcess = await startHubProcess({ DATABASE_URL: database.url, ...options.env });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const proxy = options.proxy ? await LoopbackProxy.start(hubProcess.port) : undefined;
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  return {
    baseUrl: proxy?.url ?? hubProcess.baseUrl,
    directUrl: hubProcess.baseUrl,
    process: hubProcess,
    proxy,
    databaseUrl: database.url,
    async query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      return (await db.query<R>(sql, params)).rows;
    },
    async stop() {
      await proxy?.close();
      await db.end().catch(() => undefined);
      await hubProcess.kill();
      await database.drop();
    },
  };
}

/** A hub and a browser, for a describe's beforeAll; `stop()` in its afterAll. */
export interface BrowserSuite {
  hub: BrowserHub;
  browser: Browser;
  stop: () => Promise<void>;
}

/**
 * Starts the hub and the browser side by side. If either fails, the other is stopped before the
 * error is thrown: a Chromium left running would keep jest from exiting.
 */
export async function startBrowserSuite(
  options: Parameters<typeof startBrowserHub>[0] = {},
): Promise<BrowserSuite> {
  const [hub, browser] = await Promise.allSettled([startBrowserHub(options), launchBrowser()]);
  if (hub.status === 'fulfilled' && browser.status === 'fulfilled') {
    return {
      hub: hub.value,
      browser: browser.value,
      stop: async () => {
        await browser.value.close();
        await hub.value.stop();
      },
    };
  }
  if (browser.status === 'fulfilled') await browser.value.close();
  if (hub.status === 'fulfilled') await hub.value.stop();
  throw hub.status === 'rejected' ? hub.reason : (browser as PromiseRejectedResult).reason;
}

/** A describe's hub and browser (set by its beforeAll) and the test's phone, if any. */
export interface SharedBrowserSuite {
  hub: BrowserHub;
  browser: Browser;
  /** A test's context: closed (and cleared) after each test. */
  context?: BrowserContext;
}

/**
 * Registers a describe's hooks for one hub and one browser: beforeAll starts them
 * (`startBrowserSuite(options)`), afterEach closes `suite.context`, afterAll stops both. Call it
 * at the top of the describe; read `suite.hub` and `suite.browser` inside hooks and tests.
 */
export function useBrowserSuite(
  options: Parameters<typeof startBrowserHub>[0] = {},
): SharedBrowserSuite {
  const suite = {} as SharedBrowserSuite;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startBrowserSuite(options);
    suite.hub = started.hub;
    suite.browser = started.browser;
    stop = started.stop;
  }, BROWSER_HOOK_TIMEOUT_MS);
  afterEach(async () => {
    await suite.context?.close();
    suite.context = undefined;
  });
  afterAll(async () => {
    await stop?.();
  }, BROWSER_HOOK_TIMEOUT_MS);
  return suite;
}

// ---- Users ------------------------------------------------------------------------------------

/** The hub's view of a user (UserViewDto), as kept in `kenesh.me`. */
export type UserView = Record<string, unknown> & { id: string; role: string };

/** factories.ts's `SignedUp` without supertest's header, plus what the client keeps. */
export interface ApiUser extends Omit<SignedUp, 'auth'> {
  expiresIn: number;
  user: UserView;
}

export const TEST_PASSWORD = 'correct horse battery';

async function json(res: Response, what: string): Promise<Record<string, unknown>> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Registers through the API of the hub at `baseUrl`. A role other than `member` needs `hub`
 * (its database): it is granted there, and `user` re-read so `kenesh.me` shows it.
 */
export async function registerUser(
  hub: BrowserHub | string,
  options: {
    role?: NetworkRole;
    displayName?: string;
    email?: string;
    preferredLanguage?: 'ky' | 'ru' | 'en';
  } = {},
): Promise<ApiUser> {
  const baseUrl = typeof hub === 'string' ? hub : hub.directUrl;
  const role = options.role ?? 'member';
  const email = options.email ?? uniqueEmail(role);
  const displayName = options.displayName ?? `Test ${email.split('@')[0]}`;
  const body = await json(
    await fetch(`${baseUrl}${API}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email,
        password: TEST_PASSWORD,
        displayName,
        preferredLanguage: options.preferredLanguage ?? 'ky',
      }),
    }),
    'register',
  );
  let user = body.user as UserView;
  const accessToken = body.accessToken as string;
  if (role !== 'member') {
    if (typeof hub === 'string') throw new Error(`registerUser: role ${role} needs the BrowserHub`);
    await hub.query('UPDATE users SET role = $1 WHERE id = $2', [role, user.id]);
    user = (await json(
      await fetch(`${baseUrl}${API}/me`, { headers: { authorization: `Bearer ${accessToken}` } }),
      'me',
    )) as UserView;
  }
  return {
    id: user.id,
    email,
    password: TEST_PASSWORD,
    displayName,
    role,
    accessToken,
    refreshToken: body.refreshToken as string,
    expiresIn: body.expiresIn as number,
    user,
  };
}

/** What helpers touch inside a page (this file compiles without the DOM types). */
interface BrowserGlobals {
  document: { documentElement: { scrollWidth: number } };
  indexedDB: { databases(): Promise<Array<{ name?: string }>> };
  navigator: { serviceWorker?: { controller: object | null } };
}

/** localStorage entries of a signed-in client (web/src/api/tokens.ts `Session`, session.ts). */
export function sessionEntries(user: ApiUser): Array<{ name: string; value: string }> {
  return storedSession({ ...user, user: { id: user.id } }, user.user);
}

/**
 * Signs an open page in without the form: writes the session into its origin's localStorage and
 * reloads (the page must be on the hub's origin already, e.g. after `goto('/sign-in')`).
 * New contexts: pass `user` to `phone()` instead.
 */
export async function signInPage(page: Page, user: ApiUser, goTo = '/issues'): Promise<void> {
  await page.evaluate(writeLocalStorage, { entries: sessionEntries(user) });
  await page.goto(goTo);
}

/**
 * Picks Ak-Sai (Batken oblast, Batken district, Ak-Sai) in the territory cascade whose selects
 * are `#<id>-0`, `-1`, `-2` (web/src/ui/territory-cascade.tsx).
 */
export async function pickAkSai(page: Page, id: string): Promise<void> {
  await page.selectOption(`#${id}-0`, TERRITORY.batkenOblast);
  await page.selectOption(`#${id}-1`, TERRITORY.batkenDistrict);
  await page.selectOption(`#${id}-2`, TERRITORY.akSai);
}

/**
 * Waits until the client's service worker controls the page (it keeps the app shell, so a reload
 * opens the app while the hub is unreachable).
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (globalThis as unknown as BrowserGlobals).navigator.serviceWorker?.controller != null,
    undefined,
    { timeout: 15_000 },
  );
}

/** The page's width in CSS pixels: more than the phone's 360 means it scrolls sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth,
  );
}

/** The names of the page origin's IndexedDB databases. */
export async function indexedDbNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const all = await (globalThis as unknown as BrowserGlobals).indexedDB.databases();
    return all.map((d) => d.name ?? '').filter(Boolean);
  });
}

// ---- A connection the test can cut ------------------------------------------------------------

/**
 * A TCP proxy on 127.0.0.1 in front of the hub. `cut()` destroys every open connection (HTTP
 * keep-alive and WebSocket alike) and refuses new ones (`{ hold: true }`: accepts and holds them
 * unanswered, as a dead link does); `restore()` lets traffic flow again (held connections go
 * through); `close()` ends it.
 */
export class LoopbackProxy {
  private readonly open = new Set<Socket>();
  private held: Socket[] = [];
  private mode: 'flow' | 'refuse' | 'hold' = 'flow';

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly targetPort: number,
    private readonly targetHost: string,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<LoopbackProxy> {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new LoopbackProxy(server, port, targetPort, targetHost);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get isCut(): boolean {
    return this.mode !== 'flow';
  }

  cut(options: { hold?: boolean } = {}): void {
    this.mode = options.hold ? 'hold' : 'refuse';
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  restore(): void {
    this.mode = 'flow';
    const held = this.held;
    this.held = [];
    for (const socket of held) if (!socket.destroyed) this.pipe(socket);
  }

  async close(): Promise<void> {
    for (const socket of [...this.open, ...this.held]) socket.destroy();
    this.open.clear();
    this.held = [];
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    if (this.mode === 'hold') {
      this.held.push(client);
      return;
    }
    this.pipe(client);
  }

  private pipe(client: Socket): void {
    const upstream = createConnection({ port: this.targetPort, host: this.targetHost });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => {
      upstream.destroy();
      this.open.delete(client);
      this.open.delete(upstream);
    });
    upstream.on('close', () => {
      client.destroy();
      this.open.delete(upstream);
    });
    this.open.add(client);
    this.open.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
