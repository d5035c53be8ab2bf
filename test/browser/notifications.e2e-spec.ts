// Notifications in the browser (issue 10, screen 5): live over the socket, the unread count in the
// menu, mark read (one, all), each opening what it is about. A Kyrgyz phone at 360×640.
import {
  BROWSER_TEST_TIMEOUT_MS,
  axeCheck,
  describeIfBrowser,
  phone,
  registerUser,
  screenshot,
  useBrowserSuite,
} from '../support/browser.js';
import { apiOk } from '../support/browser-api.js';
import { TERRITORY } from '../support/factories.js';

describeIfBrowser('notifications in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });

  it(
    'a comment on my issue arrives live, the menu count follows, and opening it marks it read',
    async () => {
      const aibek = await registerUser(suite.hub, {
        displayName: 'Айбек',
        preferredLanguage: 'ky',
      });
      const olga = await registerUser(suite.hub, { displayName: 'Ольга', preferredLanguage: 'ru' });
      const issue = await apiOk<{ id: string }>(suite.hub, aibek, 'POST', '/issues', {
        title: 'Жайытка жол жабылды',
        body: 'Малчылар жайытка бара албай жатышат.',
        category: 'land_pasture',
        territoryIds: [TERRITORY.akSaiVillage],
        decisionLevel: 'aiyl_aimak',
      });
      const ctx = await phone(suite.browser, {
        lang: 'ky',
        baseURL: suite.hub.baseUrl,
        user: aibek,
      });
      try {
        const page = await ctx.newPage();
        await page.goto('/notifications');
        await page.getByText('Азырынча билдирүүлөр жок').waitFor();
        const menu = page.getByRole('navigation').getByRole('link', { name: /Билдирүүлөр/ });
        expect(await menu.locator('.count').count()).toBe(0);
        await axeCheck(page, 'notifications, empty (ky)');

        // Someone comments: the notification comes live, the count with it.
        await apiOk(suite.hub, olga, 'POST', `/issues/${issue.id}/comments`, {
          body: 'Биз да ушул жолду колдонобуз.',
        });
        await menu.locator('.count', { hasText: '1' }).waitFor();
        const items = page.locator('ul.notifications > li');
        await items.first().waitFor();
        expect(await items.count()).toBe(1);
        await expect(items.first().textContent()).resolves.toContain('Жайытка жол жабылды');

        await apiOk(suite.hub, olga, 'POST', `/issues/${issue.id}/comments`, {
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
        const left = await apiOk<{ unreadCount: number }>(
          suite.hub,
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
