// Signing in and registering on a 360×640 phone, in Kyrgyz and in Russian, against the real hub
// serving the built client: the first screen in the phone's language, switching it, registering
// through the form, a session that survives reloads, an unreachable hub, two tabs refreshing at
// once, and signing out wiping what the phone kept.
import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  BROWSER_HOOK_TIMEOUT_MS,
  BROWSER_TEST_TIMEOUT_MS,
  type BrowserHub,
  axeCheck,
  describeIfBrowser,
  indexedDbNames,
  pageWidth,
  phone,
  registerUser,
  screenshot,
  startBrowserSuite,
  uniqueEmail,
  waitForServiceWorker,
} from '../support/browser.js';
import { apiCall } from '../support/browser-api.js';
import { eventually } from '../support/wait.js';
import { webText as text } from './web-texts.js';
import type { MessageKey } from '../../web/src/i18n/messages/en/index.js';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

const NAMES = { ky: 'Кыргызча', ru: 'Русский' } as const;
const other = { ky: 'ru', ru: 'ky' } as const;

interface StoredSession {
  userId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
}

function stored(page: Page): Promise<{ session: StoredSession | null; me: unknown }> {
  return page.evaluate(() => ({
    session: JSON.parse(localStorage.getItem('kenesh.session') ?? 'null') as StoredSession | null,
    me: JSON.parse(localStorage.getItem('kenesh.me') ?? 'null') as unknown,
  }));
}

/** How wide the page is laid out: more than the screen means sideways scrolling. */
describeIfBrowser('signing in on a phone', () => {
  let hub: BrowserHub;
  let browser: Browser;
  let stop: (() => Promise<void>) | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    ({ hub, browser, stop } = await startBrowserSuite({ proxy: true }));
  }, BROWSER_HOOK_TIMEOUT_MS);
  afterEach(async () => {
    hub.proxy?.restore();
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await stop?.();
  });

  describe.each(['ky', 'ru'] as const)('in %s', (lang) => {
    const t = (key: MessageKey) => text(lang, key);

    it('shows sign in in the phone’s language, switches it with the buttons, and passes axe', async () => {
      context = await phone(browser, { lang, baseURL: hub.baseUrl });
      const page = await context.newPage();
      await page.goto('/');
      await page.waitForURL('**/sign-in');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        t('signIn.title'),
      );
      await page.getByRole('group', { name: t('signIn.chooseLanguage') }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(
        await page.getByRole('button', { name: NAMES[lang] }).getAttribute('aria-pressed'),
      ).toBe('true');
      await axeCheck(page, `sign in (${lang})`);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await screenshot(page, `sign-in-${lang}`);

      // The other language's button switches every text, and back.
      const to = other[lang];
      await page.getByRole('button', { name: NAMES[to] }).click();
      await page.getByRole('heading', { level: 1, name: text(to, 'signIn.title') }).waitFor();
      await page.getByLabel(text(to, 'signIn.password'), { exact: true }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(to);
      await page.getByRole('button', { name: NAMES[lang] }).click();
      await page.getByRole('heading', { level: 1, name: t('signIn.title') }).waitFor();

      await page.getByRole('link', { name: t('signIn.toRegister') }).click();
      await page.waitForURL('**/register');
      await page.getByRole('heading', { level: 1, name: t('register.title') }).waitFor();
      await page.getByLabel(t('register.displayName')).waitFor();
      await axeCheck(page, `register (${lang})`);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await screenshot(page, `register-${lang}`);
    });

    it('registers through the form, stays signed in across a reload, and signing out wipes the phone', async () => {
      context = await phone(browser, { lang, baseURL: hub.baseUrl });
      const page = await context.newPage();
      await page.goto('/register');
      await page.getByLabel(t('register.displayName')).fill(`Айгүл ${lang}`);
      await page.getByLabel(t('signIn.email')).fill(uniqueEmail(`form-${lang}`));
      await page.getByLabel(t('signIn.password'), { exact: true }).fill('correct horse battery');
      await page.getByRole('button', { name: t('register.submit') }).click();
      await page.waitForURL('**/issues');
      await page.getByRole('heading', { level: 1, name: t('nav.issues') }).waitFor();
      const { session, me } = await stored(page);
      expect(session?.userId).toEqual(expect.any(String));
      expect(me).toMatchObject({ id: session!.userId, preferredLanguage: lang });

      expect(await pageWidth(page)).toBeLessThanOrEqual(360);

      await page.reload();
      await page.getByRole('button', { name: t('nav.signOut') }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/issues');
      await page.getByRole('navigation', { name: t('nav.main') }).waitFor();
      expect((await stored(page)).session?.userId).toBe(session!.userId);

      // What the phone keeps for this user (the outbox, drafts, cache) lives in kenesh-<id>.
      await page.evaluate(
        (name) =>
          new Promise<void>((resolve, reject) => {
            // No version: open whatever the app made (or make one if it made none yet).
            const req = indexedDB.open(name);
            req.onupgradeneeded = () => req.result.createObjectStore('outbox', { keyPath: 'id' });
            req.onsuccess = () => {
              req.result.close();
              resolve();
            };
            req.onerror = () => reject(req.error ?? new Error('open failed'));
          }),
        `kenesh-${session!.userId}`,
      );
      expect(await indexedDbNames(page)).toContain(`kenesh-${session!.userId}`);

      await page.getByRole('button', { name: t('nav.signOut') }).click();
      await page.waitForURL('**/sign-in');
      await page.getByRole('heading', { level: 1, name: t('signIn.title') }).waitFor();
      expect(await stored(page)).toEqual({ session: null, me: null });
      await eventually('the kenesh- IndexedDB databases to go', async () =>
        (await indexedDbNames(page)).every((name) => !name.startsWith('kenesh-')),
      );
      // The login ended at the hub too: its refresh token is refused.
      const refused = await apiCall(hub, null, 'POST', '/auth/refresh', {
        refreshToken: session!.refreshToken,
      });
      expect(refused.status).toBe(401);
    });

    it('a wrong password is told in the phone’s language', async () => {
      const user = await registerUser(hub);
      context = await phone(browser, { lang, baseURL: hub.baseUrl });
      const page = await context.newPage();
      // A screen asked for before signing in is where signing in leads.
      await page.goto('/rooms');
      await page.waitForURL('**/sign-in?next=%2Frooms');
      await page.getByLabel(t('signIn.email')).fill(user.email);
      await page.getByLabel(t('signIn.password'), { exact: true }).fill('not the password');
      await page.getByRole('button', { name: t('signIn.submit') }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect((await alert.textContent())?.trim()).toBe(t('problem.unauthorized'));
      expect(await alert.textContent()).not.toContain(text('en', 'problem.unauthorized'));
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await axeCheck(page, `sign in with an error (${lang})`);
      await screenshot(page, `sign-in-wrong-password-${lang}`);

      // And the right one signs in.
      await page.getByLabel(t('signIn.password'), { exact: true }).fill(user.password);
      await page.getByRole('button', { name: t('signIn.submit') }).click();
      await page.waitForURL('**/rooms');
      await page.getByRole('heading', { level: 1, name: t('nav.rooms') }).waitFor();
    });

    it('an unreachable hub shows the banner and keeps the session', async () => {
      const user = await registerUser(hub, { preferredLanguage: lang });
      context = await phone(browser, { lang, baseURL: hub.baseUrl, user });
      const page = await context.newPage();
      await page.goto('/issues');
      await page.getByRole('heading', { level: 1, name: t('nav.issues') }).waitFor();
      await waitForServiceWorker(page);

      // The hub answers 503 (restarting, database down).
      await page.route('**/api/v1/**', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          headers: { 'retry-after': '5' },
          body: JSON.stringify({ status: 503, code: 'unavailable', title: 'Unavailable' }),
        }),
      );
      await page.reload();
      const banner = page.getByRole('status').filter({ hasText: t('banner.unreachable') });
      await banner.waitFor();
      expect(new URL(page.url()).pathname).toBe('/issues');
      await page.unroute('**/api/v1/**');

      // The connection drops (the proxy refuses): the app still opens from the phone, signed in.
      hub.proxy!.cut();
      await page.reload();
      await banner.waitFor();
      await page.getByRole('button', { name: t('nav.signOut') }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/issues');
      expect((await stored(page)).session?.userId).toBe(user.id);
      await screenshot(page, `hub-unreachable-${lang}`);

      hub.proxy!.restore();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: t('nav.issues') }).waitFor();
      await banner.waitFor({ state: 'detached' });
      expect((await stored(page)).session?.userId).toBe(user.id);
    });
  });

  it('two tabs refreshing an expired access token at once keep the login', async () => {
    const user = await registerUser(hub);
    context = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user });
    const [first, second] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([first.goto('/issues'), second.goto('/issues')]);
    const signOut = text('ky', 'nav.signOut');
    await Promise.all([
      first.getByRole('button', { name: signOut }).waitFor(),
      second.getByRole('button', { name: signOut }).waitFor(),
    ]);
    const before = (await stored(first)).session!;

    // Both tabs share localStorage: the access token is past its time for both.
    await first.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('kenesh.session')!) as { accessExpiresAt: number };
      s.accessExpiresAt = Date.now() - 60_000;
      localStorage.setItem('kenesh.session', JSON.stringify(s));
    });
    const refreshes: string[] = [];
    context.on('request', (request) => {
      if (request.url().endsWith('/api/v1/auth/refresh')) refreshes.push(request.url());
    });
    const me = (page: Page) =>
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'GET');
    const [meFirst, meSecond] = await Promise.all([
      me(first),
      me(second),
      first.reload(),
      second.reload(),
    ]);
    expect([meFirst.status(), meSecond.status()]).toEqual([200, 200]);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);

    const after = (await stored(first)).session!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessExpiresAt).toBeGreaterThan(Date.now());
    for (const page of [first, second]) {
      expect(new URL(page.url()).pathname).toBe('/issues');
      await page.getByRole('button', { name: signOut }).waitFor();
    }
    expect(hub.process.logs.filter((l) => l.event === 'refresh_token_reuse')).toEqual([]);
    // The stored pair works at the hub.
    const check = await fetch(`${hub.directUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${after.accessToken}` },
    });
    expect(check.status).toBe(200);

    // Signing out in one tab signs the other out too.
    await first.getByRole('button', { name: signOut }).click();
    const onSignIn = (url: URL) => url.pathname === '/sign-in';
    await Promise.all([first.waitForURL(onSignIn), second.waitForURL(onSignIn)]);
    await second.getByRole('heading', { level: 1, name: text('ky', 'signIn.title') }).waitFor();
  });

  it('a login ended at the hub (signed out elsewhere) returns the phone to sign in', async () => {
    const user = await registerUser(hub);
    context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user });
    const page = await context.newPage();
    await page.goto('/issues');
    await page.getByRole('heading', { level: 1, name: text('ru', 'nav.issues') }).waitFor();
    const logout = await apiCall(hub, null, 'POST', '/auth/logout', {
      refreshToken: user.refreshToken,
    });
    expect(logout.status).toBe(204);
    await page.reload();
    await page.waitForURL('**/sign-in?next=%2Fissues');
    await page.getByRole('heading', { level: 1, name: text('ru', 'signIn.title') }).waitFor();
    expect(await stored(page)).toEqual({ session: null, me: null });
  });
});
