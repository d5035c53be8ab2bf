// Rooms in the browser (issue 10, screen 6): two phones (ky and ru, 360×640) chatting in one room
// through the real hub; one of them behind a LoopbackProxy that the test cuts mid-chat.
import type { BrowserContext, Page } from 'playwright-core';
import { ask, connect } from '../support/socket.js';
import {
  BROWSER_HOOK_TIMEOUT_MS,
  BROWSER_TEST_TIMEOUT_MS,
  axeCheck,
  describeIfBrowser,
  emulateSlow3G,
  offline,
  phone,
  registerUser,
  screenshot,
  useBrowserSuite,
  type ApiUser,
} from '../support/browser.js';
import { apiOk } from '../support/browser-api.js';

/** The message bodies a page shows in its chat, top to bottom. */
async function bodies(page: Page): Promise<string[]> {
  return page.locator('.chat-log .msg .body').allTextContents();
}

async function waitForBody(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page
    .locator('.chat-log .msg:not(.pending) .body', { hasText: text })
    .first()
    .waitFor({ timeout });
}

function count(list: string[], text: string): number {
  return list.filter((b) => b === text).length;
}

describeIfBrowser('rooms in the browser', () => {
  const suite = useBrowserSuite({ proxy: true, env: { KENESH_RATE_LIMITS: 'off' } });
  let aibek: ApiUser; // ky, on the phone whose connection drops (behind the proxy)
  let olga: ApiUser; // ru, straight to the suite.hub
  let facilitator: ApiUser;
  let roomId: string;
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    aibek = await registerUser(suite.hub, { displayName: 'Айбек', preferredLanguage: 'ky' });
    olga = await registerUser(suite.hub, { displayName: 'Ольга', preferredLanguage: 'ru' });
    facilitator = await registerUser(suite.hub, {
      role: 'facilitator',
      displayName: 'Фасилитатор',
      preferredLanguage: 'ru',
    });
    const room = await apiOk<{ id: string }>(suite.hub, facilitator, 'POST', '/rooms', {
      name: 'Ак-Сай суу маселеси',
      kind: 'private',
      memberIds: [aibek.id, olga.id],
    });
    roomId = room.id;
  }, BROWSER_HOOK_TIMEOUT_MS);

  afterEach(async () => {
    suite.hub?.proxy?.restore();
    for (const c of open.splice(0)) await c.close().catch(() => undefined);
  });

  /** Aibek (ky) through the proxy and Olga (ru) directly, both in the room. */
  async function twoPhones(): Promise<{ a: Page; b: Page; ctxA: BrowserContext }> {
    const ctxA = await phone(suite.browser, {
      lang: 'ky',
      baseURL: suite.hub.baseUrl,
      user: aibek,
    });
    const ctxB = await phone(suite.browser, {
      lang: 'ru',
      baseURL: suite.hub.directUrl,
      user: olga,
    });
    open.push(ctxA, ctxB);
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    await Promise.all([a.goto(`/rooms/${roomId}`), b.goto(`/rooms/${roomId}`)]);
    // Both joined: each sees the other online.
    await a.getByText('2 киши онлайн').waitFor();
    await b.getByText('2 в сети').waitFor();
    return { a, b, ctxA };
  }

  it(
    'two phones chat: messages, typing, presence and a quoted reply reach the other live',
    async () => {
      const { a, b } = await twoPhones();
      await axeCheck(a, 'room (ky)');

      const olgaBox = b.getByLabel('Сообщение', { exact: true });
      await olgaBox.click();
      await olgaBox.pressSequentially('Салам, Айбек! Суу качан келет?', { delay: 20 });
      await a.getByText('Ольга жазып жатат…').waitFor();
      await olgaBox.press('Enter');
      await waitForBody(a, 'Салам, Айбек! Суу качан келет?');
      await b.locator('.msg .status.sent').first().waitFor();

      // Aibek answers it, quoted.
      await a.getByRole('button', { name: 'Жооп берүү' }).last().click();
      const aibekBox = a.getByLabel('Кабар', { exact: true });
      await aibekBox.fill('Эртең эртең менен.');
      await a.getByRole('button', { name: 'Жөнөтүү' }).click();
      await waitForBody(b, 'Эртең эртең менен.');
      const reply = b.locator('.msg', { hasText: 'Эртең эртең менен.' });
      await reply.locator('.quote', { hasText: 'Суу качан келет?' }).waitFor();
      await axeCheck(b, 'room (ru)');
      await screenshot(a, 'room-ky');

      // Aibek reports Olga's message; the facilitators' queue has it.
      const olgas = a.locator('.msg:not(.mine)', { hasText: 'Салам, Айбек!' });
      await olgas.getByRole('button', { name: 'Даттануу', exact: true }).click();
      await olgas
        .getByLabel('Фасилитатор бул кабарды эмне үчүн карашы керек?')
        .fill('Сынамык даттануу');
      await olgas.getByRole('button', { name: 'Даттанууну жөнөтүү', exact: true }).click();
      await olgas.getByText('Фасилитаторлорго билдирилди').waitFor();
      const flags = await apiOk<{ items: Array<{ reason: string; body: string }> }>(
        suite.hub,
        facilitator,
        'GET',
        '/moderation/flags',
      );
      expect(flags.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            reason: 'Сынамык даттануу',
            body: 'Салам, Айбек! Суу качан келет?',
          }),
        ]),
      );

      // Presence follows Olga leaving.
      await b.close();
      await a.getByText('1 киши онлайн').waitFor();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'a phone that loses the suite.hub mid-chat keeps what is typed and delivers it once, in order',
    async () => {
      const { a, b } = await twoPhones();
      suite.hub.proxy!.cut();
      const box = a.getByLabel('Кабар', { exact: true });
      await box.fill('Офлайн биринчи кабар');
      await box.press('Enter');
      await box.fill('Офлайн экинчи кабар');
      await box.press('Enter');
      // Both wait on the phone, shown as sending; the other phone has neither.
      await a.locator('.msg.pending', { hasText: 'Офлайн биринчи кабар' }).waitFor();
      await a.locator('.msg.pending', { hasText: 'Офлайн экинчи кабар' }).waitFor();
      expect(await a.locator('.msg.pending .status.sending').count()).toBe(2);
      await a.locator('.banner').waitFor();
      await new Promise((r) => setTimeout(r, 1500));
      expect(count(await bodies(b), 'Офлайн биринчи кабар')).toBe(0);

      const restoredAt = Date.now();
      suite.hub.proxy!.restore();
      await waitForBody(b, 'Офлайн экинчи кабар');
      console.log(`offline message delivered ${Date.now() - restoredAt} ms after restore`);
      await waitForBody(b, 'Офлайн биринчи кабар');
      await a.locator('.msg.pending').waitFor({ state: 'detached' });

      for (const page of [a, b]) {
        const shown = await bodies(page);
        expect(count(shown, 'Офлайн биринчи кабар')).toBe(1);
        expect(count(shown, 'Офлайн экинчи кабар')).toBe(1);
        expect(shown.indexOf('Офлайн биринчи кабар')).toBeLessThan(
          shown.indexOf('Офлайн экинчи кабар'),
        );
      }
      // Nothing doubled after a reload either (nor at the hub).
      await Promise.all([a.reload(), b.reload()]);
      for (const page of [a, b]) {
        await waitForBody(page, 'Офлайн экинчи кабар');
        const shown = await bodies(page);
        expect(count(shown, 'Офлайн биринчи кабар')).toBe(1);
        expect(count(shown, 'Офлайн экинчи кабар')).toBe(1);
      }
      const stored = await apiOk<{ items: Array<{ body: string }> }>(
        suite.hub,
        olga,
        'GET',
        `/rooms/${roomId}/messages?limit=100`,
      );
      expect(stored.items.filter((m) => m.body.startsWith('Офлайн')).map((m) => m.body)).toEqual([
        'Офлайн биринчи кабар',
        'Офлайн экинчи кабар',
      ]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'a phone with no network at all sends what waited as soon as the network returns',
    async () => {
      const { a, b, ctxA } = await twoPhones();
      await offline(ctxA, true);
      const box = a.getByLabel('Кабар', { exact: true });
      await box.fill('Тармак жок кезде жазылды');
      await box.press('Enter');
      await a.locator('.msg.pending .status.sending').waitFor();
      await a.locator('.banner').waitFor();
      // Long enough for socket.io's backoff to reach its ceiling.
      await a.waitForTimeout(8000);
      const backAt = Date.now();
      await offline(ctxA, false);
      await waitForBody(b, 'Тармак жок кезде жазылды');
      console.log(
        `network back (online event): the waiting message at the other phone in ${Date.now() - backAt} ms`,
      );
      await a.locator('.msg.pending').waitFor({ state: 'detached' });
      expect(count(await bodies(a), 'Тармак жок кезде жазылды')).toBe(1);
      expect(count(await bodies(b), 'Тармак жок кезде жазылды')).toBe(1);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it('on slow 3G a message typed offline arrives within seconds of the connection returning (printed)', async () => {
    const { a, b, ctxA } = await twoPhones();
    await emulateSlow3G(ctxA, a, (400 * 1024) / 8);
    suite.hub.proxy!.cut();
    const box = a.getByLabel('Кабар', { exact: true });
    await box.fill('Жай 3G аркылуу кабар');
    await box.press('Enter');
    await a.locator('.msg.pending', { hasText: 'Жай 3G аркылуу кабар' }).waitFor();
    // Long enough for socket.io's reconnection backoff to reach its ceiling (5 s), as in a
    // real outage: the figure then includes the wait for the next attempt.
    await new Promise((r) => setTimeout(r, 12_000));
    const restoredAt = Date.now();
    suite.hub.proxy!.restore();
    await waitForBody(b, 'Жай 3G аркылуу кабар', 45_000);
    console.log(
      `slow 3G (2000 ms latency, 400 kbit/s): offline message at the other phone ${
        Date.now() - restoredAt
      } ms after the connection returned (issue 10 asks ≤ 10000 ms)`,
    );
    expect(count(await bodies(b), 'Жай 3G аркылуу кабар')).toBe(1);
    // For comparison: a message sent while connected over the same emulated link.
    const sentAt = Date.now();
    await box.fill('Жай 3G, туташып турганда');
    await box.press('Enter');
    await waitForBody(b, 'Жай 3G, туташып турганда', 30_000);
    console.log(`slow 3G, connected: a message at the other phone in ${Date.now() - sentAt} ms`);
  }, 90_000);

  it(
    'a message the suite.hub refuses for good (room locked meanwhile) shows failed, with retry and discard',
    async () => {
      const locked = await apiOk<{ id: string }>(suite.hub, facilitator, 'POST', '/rooms', {
        name: 'Жабыла турган бөлмө',
        kind: 'private',
        memberIds: [aibek.id],
      });
      const ctx = await phone(suite.browser, {
        lang: 'ky',
        baseURL: suite.hub.baseUrl,
        user: aibek,
      });
      open.push(ctx);
      const a = await ctx.newPage();
      await a.goto(`/rooms/${locked.id}`);
      await a.getByText('1 киши онлайн').waitFor();
      suite.hub.proxy!.cut();
      const box = a.getByLabel('Кабар', { exact: true });
      await box.fill('Кулпуланган бөлмөгө кабар');
      await box.press('Enter');
      await a.locator('.msg.pending .status.sending').waitFor();
      await apiOk(suite.hub, facilitator, 'POST', `/rooms/${locked.id}/lock`, {
        locked: true,
      });
      suite.hub.proxy!.restore();
      const failed = a.locator('.msg.pending.failed', { hasText: 'Кулпуланган бөлмөгө кабар' });
      await failed.getByText('Фасилитатор бөлмөнү жапты.').waitFor({ timeout: 20_000 });
      await failed.getByRole('button', { name: 'Кайра жөнөтүү' }).waitFor();
      await a.getByText('Бөгөттөлгөн').first().waitFor();
      expect(await box.isDisabled()).toBe(true);
      await axeCheck(a, 'room with a failed message (ky)');
      await failed.getByRole('button', { name: 'Өчүрүү' }).click();
      await failed.waitFor({ state: 'detached' });
      const stored = await apiOk<{ items: unknown[] }>(
        suite.hub,
        facilitator,
        'GET',
        `/rooms/${locked.id}/messages`,
      );
      expect(stored.items).toHaveLength(0);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'a phone whose access token the suite.hub refuses refreshes it and joins the chat',
    async () => {
      const bakyt = await registerUser(suite.hub, {
        displayName: 'Бакыт',
        preferredLanguage: 'ky',
      });
      const room = await apiOk<{ id: string }>(suite.hub, facilitator, 'POST', '/rooms', {
        name: 'Бакыттын бөлмөсү',
        kind: 'private',
        memberIds: [bakyt.id],
      });
      const stale = { ...bakyt, accessToken: `${bakyt.accessToken.slice(0, -4)}AAAA` };
      const ctx = await phone(suite.browser, {
        lang: 'ky',
        baseURL: suite.hub.directUrl,
        user: stale,
      });
      open.push(ctx);
      const a = await ctx.newPage();
      await a.goto(`/rooms/${room.id}`);
      await a.getByText('1 киши онлайн').waitFor();
      const box = a.getByLabel('Кабар', { exact: true });
      await box.fill('Жаңы токен менен');
      await box.press('Enter');
      await waitForBody(a, 'Жаңы токен менен');
      await a.locator('.msg .status.sent').waitFor();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'a message hidden by a facilitator disappears live',
    async () => {
      const { a, b } = await twoPhones();
      const box = b.getByLabel('Сообщение', { exact: true });
      await box.fill('Бул кабар жашырылат');
      await box.press('Enter');
      await waitForBody(a, 'Бул кабар жашырылат');
      const page = await apiOk<{ items: Array<{ id: string; body: string }> }>(
        suite.hub,
        facilitator,
        'GET',
        `/rooms/${roomId}/messages?limit=20`,
      );
      const target = page.items.find((m) => m.body === 'Бул кабар жашырылат')!;
      await apiOk(suite.hub, facilitator, 'POST', `/messages/${target.id}/hide`, {
        reason: 'Эрежеге каршы',
      });
      await a
        .locator('.chat-log .body', { hasText: 'Бул кабар жашырылат' })
        .waitFor({ state: 'detached' });
      await a.getByText('Фасилитатор бул кабарды жашырды.').first().waitFor();
      await b.getByText('Фасилитатор скрыл это сообщение.').first().waitFor();
      // A facilitator still reads it, marked hidden.
      const ctxF = await phone(suite.browser, {
        lang: 'ru',
        baseURL: suite.hub.directUrl,
        user: facilitator,
      });
      open.push(ctxF);
      const f = await ctxF.newPage();
      await f.goto(`/rooms/${roomId}`);
      const hidden = f.locator('.msg.hidden', { hasText: 'Бул кабар жашырылат' });
      await hidden.getByText('Скрыто').waitFor();
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'older history loads on scroll, and the rooms list shows unread counts',
    async () => {
      const history = await apiOk<{ id: string }>(suite.hub, facilitator, 'POST', '/rooms', {
        name: 'Тарых',
        kind: 'private',
        memberIds: [aibek.id],
      });
      const socket = await connect(suite.hub.directUrl, facilitator.accessToken);
      try {
        for (let i = 1; i <= 120; i++) {
          const ack = await ask<{ ok: boolean }>(socket, 'message:send', {
            roomId: history.id,
            clientMsgId: crypto.randomUUID(),
            body: `Тарых ${i}`,
          });
          expect(ack.ok).toBe(true);
        }
      } finally {
        socket.close();
      }
      const ctx = await phone(suite.browser, {
        lang: 'ky',
        baseURL: suite.hub.directUrl,
        user: aibek,
      });
      open.push(ctx);
      const a = await ctx.newPage();
      await a.goto('/rooms');
      const card = a.locator('.room-card', { hasText: 'Тарых' });
      await card.getByText('120 окулбаган').waitFor();
      await axeCheck(a, 'rooms list (ky)');
      await screenshot(a, 'rooms-ky');
      await card.getByRole('link').click();
      await waitForBody(a, 'Тарых 120');
      expect(count(await bodies(a), 'Тарых 50')).toBe(0);
      // Scrolling to the top brings the page before, then the first message.
      const log = a.locator('.chat-log');
      for (let i = 0; i < 6 && count(await bodies(a), 'Тарых 1') === 0; i++) {
        await log.evaluate((el) => {
          el.scrollTop = 0;
        });
        await a.waitForTimeout(700);
      }
      const shown = await bodies(a);
      expect(count(shown, 'Тарых 1')).toBe(1);
      expect(shown.filter((b) => b.startsWith('Тарых '))).toHaveLength(120);
      await a.getByRole('button', { name: 'Мурунку кабарларды көрсөтүү' }).waitFor({
        state: 'detached',
      });
      // Reading marked it read: the list shows no unread count for it any more.
      await a.getByRole('link', { name: 'Бардык бөлмөлөр' }).click();
      await a.locator('.room-card', { hasText: 'Тарых' }).waitFor();
      expect(await a.locator('.room-card', { hasText: 'Тарых' }).locator('.count').count()).toBe(0);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
