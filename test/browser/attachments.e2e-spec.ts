// Attachments in the browser (issue 11) on 360×640 phones in Kyrgyz and Russian, against the built
// hub serving the built client: a photo attached to an issue raised offline goes out with it when
// the phone is back, once (checked through the API), and shows as a thumbnail that opens; a
// facilitator records an authority's answer with its scanned letter; a voice note recorded in a
// room (Chromium's fake microphone) reaches the other phone, which plays it.
// axe on each new piece of UI. This spec launches its own Chromium: the fake media flags are for
// it only.
import { jest } from '@jest/globals';
import sharp from 'sharp';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  BROWSER_HOOK_TIMEOUT_MS,
  CHROMIUM_ARGS,
  type BrowserHub,
  axeCheck,
  chromiumPath,
  describeIfBrowser,
  phone,
  registerUser,
  screenshot,
  startBrowserHub,
  waitForServiceWorker,
} from '../support/browser.js';
import { apiOk } from '../support/browser-api.js';
import { webText as text } from './web-texts.js';
import { TERRITORY } from '../support/factories.js';

jest.setTimeout(180_000);

/** A one-page PDF, as a scanner's would be read: by its bytes. */
const PDF = [
  '%PDF-1.4',
  '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
  '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
  '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj',
  'trailer <</Root 1 0 R>>',
  '%%EOF',
].join('\n');
const MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

interface View {
  id: string;
  kind: string;
  caption: string | null;
  urls: { original: string; display?: string; thumbnail?: string };
}

/** A photo as a phone's camera makes one: a JPEG of some size. */
function photo(): Promise<Buffer> {
  return sharp({
    create: { width: 1280, height: 960, channels: 3, background: { r: 40, g: 120, b: 200 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** Whether an <img> has loaded with some pixels. */
const loaded = (page: Page, selector: string) =>
  page.waitForFunction(
    (sel) => {
      const img = document.querySelector<HTMLImageElement>(sel);
      return !!img && img.complete && img.naturalWidth > 0;
    },
    selector,
    { timeout: 20_000 },
  );

describeIfBrowser('attachments in the browser', () => {
  let hub: BrowserHub;
  let browser: Browser;

  beforeAll(async () => {
    const [h, b] = await Promise.allSettled([
      startBrowserHub({ env: { KENESH_RATE_LIMITS: 'off' } }),
      chromium.launch({
        executablePath: chromiumPath()!,
        headless: true,
        args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
      }),
    ]);
    if (h.status === 'fulfilled') hub = h.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (h.status === 'rejected') throw h.reason;
    if (b.status === 'rejected') throw b.reason;
  }, BROWSER_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  }, BROWSER_HOOK_TIMEOUT_MS);

  it.each(['ky', 'ru'] as const)(
    'a photo attached to an issue raised offline (%s) arrives with it once and shows as a thumbnail',
    async (lang) => {
      const official = await registerUser(hub, { preferredLanguage: lang });
      await apiOk(hub, official, 'PATCH', '/me', { territoryId: TERRITORY.akSai });
      official.user = await apiOk(hub, official, 'GET', '/me');
      const context = await phone(browser, { lang, baseURL: hub.baseUrl, user: official });
      try {
        const page = await context.newPage();
        await page.goto('/issues/new');
        await page.locator('#raise-place-2').waitFor();
        await waitForServiceWorker(page);
        await context.setOffline(true);

        const title = `${lang === 'ky' ? 'Көпүрө сынды' : 'Мост треснул'} ${official.id.slice(0, 6)}`;
        const caption = lang === 'ky' ? 'Көпүрөнүн түндүк жагы' : 'Северная сторона моста';
        await page.fill('#raise-title', title);
        await page.fill('#raise-body', lang === 'ky' ? 'Көпүрө жарака кетти.' : 'Мост треснул.');
        await page.selectOption('#raise-category', 'infrastructure');
        await page.selectOption('#raise-decisionLevel', 'aiyl_aimak');
        await page.getByRole('button', { name: text(lang, 'raise.add') }).click();
        await page.setInputFiles('#raise-files', {
          name: 'IMG_2041.jpg',
          mimeType: 'image/jpeg',
          buffer: await photo(),
        });
        await page.getByLabel(text(lang, 'att.caption')).fill(caption);
        await page
          .getByRole('button', { name: text(lang, 'att.remove', { name: 'IMG_2041.jpg' }) })
          .waitFor();
        await axeCheck(page, `raise with a photo picked (${lang})`);
        await screenshot(page, `attachments-raise-${lang}`);

        await page.getByRole('button', { name: text(lang, 'raise.submit') }).click();
        await page.getByText(text(lang, 'raise.queued')).waitFor();
        // The photo waits with the issue.
        await page.locator('.pending-files', { hasText: caption }).waitFor();
        await page.getByText(text(lang, 'att.waiting')).waitFor();
        await axeCheck(page, `an issue with a photo waiting (${lang})`);
        await screenshot(page, `attachments-waiting-${lang}`);

        // Back online: the photo goes up, then the issue; the raise screen opens the issue.
        await context.setOffline(false);
        await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 30_000 });
        const id = page.url().split('/').pop()!;
        await loaded(page, '.attachments .thumbs img');
        const thumb = page.locator('.attachments .thumbs img').first();
        expect(await thumb.getAttribute('alt')).toBe(caption);
        expect(await thumb.getAttribute('loading')).toBe('lazy');
        expect(await thumb.getAttribute('width')).toBe('96');

        // It opens at screen size, with the original a link away.
        await page
          .getByRole('button', { name: text(lang, 'att.openPhoto', { name: caption }) })
          .click();
        await loaded(page, 'dialog.viewer img');
        await page.getByRole('link', { name: new RegExp(text(lang, 'att.original')) }).waitFor();
        await axeCheck(page, `the photo viewer (${lang})`);
        await screenshot(page, `attachments-viewer-${lang}`);
        await page.getByRole('button', { name: text(lang, 'att.close') }).click();
        await page.locator('dialog.viewer').waitFor({ state: 'detached' });
        await axeCheck(page, `an issue with a photo (${lang})`);

        // Once at the hub: one issue with that title, with one photo, re-encoded.
        const found = await apiOk<{ items: Array<{ id: string; title: string }> }>(
          hub,
          official,
          'GET',
          `/issues?territoryId=${TERRITORY.akSai}&limit=100`,
        );
        expect(found.items.filter((i) => i.title === title).map((i) => i.id)).toEqual([id]);
        const issue = await apiOk<{ attachments: View[] }>(hub, official, 'GET', `/issues/${id}`);
        expect(issue.attachments).toHaveLength(1);
        expect(issue.attachments[0]).toMatchObject({ kind: 'image', caption });
        const again = await apiOk<View>(
          hub,
          official,
          'GET',
          `/attachments/${issue.attachments[0].id}`,
        );
        expect(again.id).toBe(issue.attachments[0].id);

        // The register's card shows its thumbnail.
        await page.goto('/issues');
        const card = page.locator('.issue-card').filter({ hasText: title });
        await card.waitFor();
        await loaded(page, '.issue-card .thumb-strip img');
        await screenshot(page, `attachments-register-${lang}`);
      } finally {
        await context.close();
      }
    },
  );

  it('a facilitator records an authority’s answer with its scanned letter (ky)', async () => {
    const official = await registerUser(hub, { preferredLanguage: 'ky' });
    const facilitator = await registerUser(hub, { role: 'facilitator', preferredLanguage: 'ky' });
    const tag = official.id.slice(0, 6);
    const issue = await apiOk<{ id: string }>(hub, official, 'POST', '/issues', {
      title: `Сугат каналы ${tag}`,
      body: 'Канал тазаланбай калды.',
      category: 'water_irrigation',
      decisionLevel: 'district',
      territoryIds: [TERRITORY.akSai],
    });
    for (const to of ['discussing', 'prioritised'])
      await apiOk(hub, facilitator, 'POST', `/issues/${issue.id}/transitions`, { to });
    const authority = await apiOk<{ id: string; name: string }>(
      hub,
      facilitator,
      'POST',
      '/organisations',
      {
        name: `Баткен райондук администрациясы ${tag}`,
        kind: 'state_administration',
        territoryId: TERRITORY.batkenDistrict,
      },
    );
    const day = 24 * 3600 * 1000;
    const escalation = await apiOk<{ id: string }>(
      hub,
      facilitator,
      'POST',
      `/issues/${issue.id}/escalations`,
      {
        authorityOrganisationId: authority.id,
        sentAt: new Date(Date.now() - 5 * day).toISOString(),
        responseDueAt: new Date(Date.now() + 10 * day).toISOString(),
      },
    );
    const context = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user: facilitator });
    try {
      const page = await context.newPage();
      await page.goto(`/issues/${issue.id}`);
      await page.getByRole('button', { name: text('ky', 'answer.open') }).click();
      const form = page.getByRole('form', { name: text('ky', 'answer.title') });
      await form
        .getByLabel(text('ky', 'answer.text'), { exact: true })
        .fill('Канал май айында тазаланат.');
      await page.setInputFiles(`#answer-${escalation.id}-files`, {
        name: 'кат.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(PDF),
      });
      await form.getByLabel(text('ky', 'att.caption')).fill('Райондун жооп каты');
      await axeCheck(page, 'an escalation answer with a letter (ky)');
      await screenshot(page, 'attachments-answer-ky');
      await form.getByRole('button', { name: text('ky', 'answer.submit') }).click();

      const answered = page.locator('ol.timeline li', {
        hasText: text('ky', 'issue.event.answered', { authority: authority.name }),
      });
      await answered.getByText('Канал май айында тазаланат.').waitFor({ timeout: 30_000 });
      await answered.locator('.doc-chip', { hasText: 'Райондун жооп каты' }).waitFor();
      await axeCheck(page, 'an answered escalation with its letter (ky)');
      const stored = await apiOk<{ items: Array<{ id: string; attachments: View[] }> }>(
        hub,
        facilitator,
        'GET',
        `/issues/${issue.id}/escalations`,
      );
      const mine = stored.items.find((e) => e.id === escalation.id)!;
      expect(mine.attachments.map((a) => [a.kind, a.caption])).toEqual([
        ['document', 'Райондун жооп каты'],
      ]);
    } finally {
      await context.close();
    }
  });

  it('a voice note recorded in a room reaches the other phone, which plays it', async () => {
    const aigul = await registerUser(hub, { displayName: 'Айгүл', preferredLanguage: 'ky' });
    const olga = await registerUser(hub, { displayName: 'Ольга', preferredLanguage: 'ru' });
    const facilitator = await registerUser(hub, { role: 'facilitator', preferredLanguage: 'ru' });
    const room = await apiOk<{ id: string }>(hub, facilitator, 'POST', '/rooms', {
      name: 'Суу маселеси',
      kind: 'private',
      memberIds: [aigul.id, olga.id],
    });
    const ctxA = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user: aigul });
    const ctxB = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user: olga });
    try {
      await ctxA.grantPermissions(['microphone']);
      const a = await ctxA.newPage();
      const b = await ctxB.newPage();
      await Promise.all([a.goto(`/rooms/${room.id}`), b.goto(`/rooms/${room.id}`)]);
      await a.getByText('2 киши онлайн').waitFor();
      await b.getByText('2 в сети').waitFor();
      await axeCheck(a, 'room composer with voice and attach (ky)');

      // Hold to record for about three seconds, then release: it is sent.
      const button = a.getByRole('button', { name: text('ky', 'voice.hold') });
      await screenshot(a, 'attachments-room-ky');
      // The room's page scrolls a little on a 360×640 phone (as before issue 11): to the composer.
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      await a.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await a.mouse.down();
      await a.locator('.rec-time').waitFor();
      await screenshot(a, 'attachments-recording-ky');
      await a.waitForTimeout(3000);
      await a.mouse.up();

      // Olga's phone shows it with a player, and plays it.
      const note = b.locator('.msg .voice').first();
      await note.waitFor({ timeout: 30_000 });
      await axeCheck(b, 'room with a voice note (ru)');
      await screenshot(b, 'attachments-voice-ru');
      await note.getByRole('button', { name: new RegExp(text('ru', 'att.play')) }).click();
      await b.waitForFunction(
        () =>
          (document.querySelector<HTMLAudioElement>('.msg .voice audio')?.currentTime ?? 0) > 0.3,
        undefined,
        { timeout: 20_000 },
      );
      await note.getByRole('button', { name: new RegExp(text('ru', 'att.pause')) }).waitFor();
      // Aigul's own phone shows it sent, once.
      await a.locator('.msg.mine .voice').waitFor();
      await a.locator('.msg.pending').waitFor({ state: 'detached' });
      expect(await a.locator('.msg .voice').count()).toBe(1);
      await screenshot(a, 'attachments-voice-ky');

      // At the hub: one message carrying one audio file.
      const stored = await apiOk<{ items: Array<{ body: string; attachments: View[] }> }>(
        hub,
        olga,
        'GET',
        `/rooms/${room.id}/messages?limit=100`,
      );
      const voice = stored.items.filter((m) => m.attachments?.length);
      expect(voice).toHaveLength(1);
      expect(voice[0].attachments.map((x) => x.kind)).toEqual(['audio']);
    } finally {
      await ctxA.close();
      await ctxB.close();
    }
  });
});
