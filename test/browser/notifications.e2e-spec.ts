// Notifications in the browser (issue 10, screen 5): live over the socket, the unread count in the
// menu, mark read (one, all), each opening what it is about. A Kyrgyz phone at 360×640.
import type { Browser } from 'playwright-core';
import {
  BROWSER_HOOK_TIMEOUT_MS,
  BROWSER_TEST_TIMEOUT_MS,
  axeCheck,
  describeIfBrowser,
  launchBrowser,
  phone,
  registerUser,
  screenshot,
  startBrowserHub,
  type ApiUser,
  type BrowserHub,
} from '../support/browser.js';

const API = '/api/v1';
const AK_SAI_VILLAGE = '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0202';

async function call<T = Record<string, unknown>>(
  baseUrl: string,
  as: ApiUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${baseUrl}${API}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${as.accessToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

describeIfBrowser('notifications in the browser', () => {
  let hub: BrowserHub;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startBrowserHub({ env: { KENESH_RATE_LIMITS: 'off' } });
    browser = await launchBrowser();
  }, BROWSER_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  }, BROWSER_HOOK_TIMEOUT_MS);

  it(
    'a comment on my issue arrives live, the menu count follows, and opening it marks it read',
    async () => {
      const aibek = await registerUser(hub, { displayName: 'Айбек', preferredLanguage: 'ky' });
      const olga = await registerUser(hub, { displayName: 'Ольга', preferredLanguage: 'ru' });
      const issue = await call<{ id: string }>(hub.baseUrl, aibek, 'POST', '/issues', {
        title: 'Жайытка жол жабылды',
        body: 'Малчылар жайытка бара албай жатышат.',
        category: 'land_pasture',
        territoryIds: [AK_SAI_VILLAGE],
        decisionLevel: 'aiyl_aimak',
      });
      const ctx = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user: aibek });
      try {
        const page = await ctx.newPage();
        await page.goto('/notifications');
        await page.getByText('Азырынча билдирүүлөр жок').waitFor();
        const menu = page.getByRole('navigation').getByRole('link', { name: /Билдирүүлөр/ });
        expect(await menu.locator('.count').count()).toBe(0);
        await axeCheck(page, 'notifications, empty (ky)');

        // Someone comments: the notification comes live, the count with it.
        await call(hub.baseUrl, olga, 'POST', `/issues/${issue.id}/comments`, {
          body: 'Биз да ушул жолду колдонобуз.',
        });
        await menu.locator('.count', { hasText: '1' }).waitFor();
        const items = page.locator('ul.notifications > li');
        await items.first().waitFor();
        expect(await items.count()).toBe(1);
        await expect(items.first().textContent()).resolves.toContain('Жайытка жол жабылды');

        await call(hub.baseUrl, olga, 'POST', `/issues/${issue.id}/comments`, {
          body: 'Дагы бир комментарий.',
        });
        await menu.locator('.count', { hasText: '2' }).waitFor();
        await page.waitForFunction(
          () =>
            (
              globalThis as unknown as { document: { querySelectorAll(s: string): unknown[] } }
            ).document.querySelectorAll('ul.notifications > li.unread').length === 2,
        );
        await axeCheck(page, 'notifications (ky)');
        await screenshot(page, 'notifications-ky');

        // Opening one goes to the issue and marks it read.
        await items.first().locator('button.open').click();
        await page.waitForURL(`**/issues/${issue.id}`);
        await menu.locator('.count', { hasText: '1' }).waitFor();

        // Back on the list (paged from the hub, in Kyrgyz): mark all read.
        await page.goto('/notifications');
        await page.locator('ul.notifications > li').nth(1).waitFor();
        expect(await page.locator('ul.notifications > li.unread').count()).toBe(1);
        await page.getByRole('button', { name: 'Баарын окулду деп белгилөө' }).click();
        await menu.locator('.count').waitFor({ state: 'detached' });
        expect(await page.locator('ul.notifications > li.unread').count()).toBe(0);
        const left = await call<{ unreadCount: number }>(
          hub.baseUrl,
          aibek,
          'GET',
          '/notifications/unread-count',
        );
        expect(left.unreadCount).toBe(0);
      } finally {
        await ctx.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
