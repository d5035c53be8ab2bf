// The browser harness itself (test/support/browser.ts): a phone is a 360×640 touch screen, the
// proxy cuts and restores the hub, staff users get their role. Screens are tested elsewhere.
import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import {
  BROWSER_HOOK_TIMEOUT_MS,
  BROWSER_TEST_TIMEOUT_MS,
  type BrowserHub,
  describeIfBrowser,
  phone,
  registerUser,
  signInPage,
  startBrowserSuite,
} from '../support/browser.js';
import { eventually } from '../support/wait.js';

jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);

describeIfBrowser('browser harness', () => {
  let hub: BrowserHub;
  let browser: Browser;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ hub, browser, stop } = await startBrowserSuite({ proxy: true }));
  }, BROWSER_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await stop?.();
  });

  it('a phone is 360×640 with touch, in its language, already signed in when given a user', async () => {
    const user = await registerUser(hub);
    const context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user });
    const page = await context.newPage();
    await page.goto('/health/live');
    const seen = await page.evaluate(() => ({
      width: screen.width,
      height: screen.height,
      touch: navigator.maxTouchPoints > 0,
      dpr: devicePixelRatio,
      lang: localStorage.getItem('kenesh.lang'),
      session: JSON.parse(localStorage.getItem('kenesh.session') ?? 'null') as {
        userId: string;
      } | null,
      me: JSON.parse(localStorage.getItem('kenesh.me') ?? 'null') as { id: string } | null,
    }));
    expect(seen).toMatchObject({ width: 360, height: 640, touch: true, dpr: 2, lang: 'ru' });
    expect(seen.session?.userId).toBe(user.id);
    expect(seen.me?.id).toBe(user.id);
    await context.close();
  });

  it('registers facilitators and admins with their role', async () => {
    const [facilitator, admin] = await Promise.all([
      registerUser(hub, { role: 'facilitator' }),
      registerUser(hub, { role: 'admin' }),
    ]);
    expect(facilitator.user.role).toBe('facilitator');
    expect(admin.user.role).toBe('admin');

    // A staff phone shows the facilitators' menu; signInPage signs an open page in.
    const context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signInPage(page, facilitator);
    await page.getByRole('link', { name: 'Фасилитация' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/issues');
    await context.close();
  });

  it('the proxy cuts the hub off and lets it back', async () => {
    const context = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl });
    const page = await context.newPage();
    await page.goto('/health/live');
    const probe = () =>
      page.evaluate(() =>
        fetch('/health/live', { cache: 'no-store' }).then(
          (r) => r.status,
          () => 'failed',
        ),
      );
    expect(await probe()).toBe(200);
    hub.proxy!.cut();
    expect(await probe()).toBe('failed');
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    hub.proxy!.restore();
    // Chromium may fail the first request or two after the network comes back (it is still
    // noticing the change under load): "lets it back" means within a few seconds.
    await eventually('the hub reachable after restore', async () => (await probe()) === 200);

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await probe()).toBe('failed');
    await context.setOffline(false);
    await eventually('the hub reachable back online', async () => (await probe()) === 200);
    await context.close();
  });
});
