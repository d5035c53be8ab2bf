// The issue screens (issue 10, screens 2–4) on a 360×640 phone in Kyrgyz and Russian, against the
// built hub serving the built client: the official's path (my aiyl aimak's issues, search with
// marked matches, an issue: comment, endorse, follow; raising one with the territory tree and the
// draft surviving a reload), the facilitator's status change, a comment written offline that
// waits and then appears once, a `<script>` title shown as text, and axe on each screen.
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type ApiUser,
  type BrowserHub,
  axeCheck,
  describeIfBrowser,
  phone,
  registerUser,
  screenshot,
  useBrowserSuite,
  waitForServiceWorker,
} from '../support/browser.js';
import { apiOk } from '../support/browser-api.js';
import { webText as text } from './web-texts.js';
import { TERRITORY } from '../support/factories.js';

jest.setTimeout(120_000);

interface Seeded {
  official: ApiUser;
  orgName: string;
  water: { id: string; title: string };
  script: { id: string; title: string };
  elsewhere: { id: string; title: string };
}

/** An official of Ak-Sai with an aiyl okmotu, and issues in Ak-Sai and in Ak-Tatyr. */
async function seed(hub: BrowserHub, lang: 'ky' | 'ru'): Promise<Seeded> {
  const official = await registerUser(hub, { preferredLanguage: lang });
  const tag = official.id.slice(0, 6);
  await apiOk(hub, official, 'PATCH', '/me', { territoryId: TERRITORY.akSai });
  const orgName = `Ак-Сай АӨ ${tag}`;
  await apiOk(hub, official, 'POST', '/organisations', {
    name: orgName,
    kind: 'aiyl_okmotu',
    territoryId: TERRITORY.akSai,
  });
  const raise = (title: string, body: string, territoryIds: string[]) =>
    apiOk<{ id: string; title: string }>(hub, official, 'POST', '/issues', {
      title,
      body,
      category: 'water_irrigation',
      decisionLevel: 'aiyl_aimak',
      territoryIds,
      language: 'ky',
    });
  const water = await raise(
    `Каналда суу жок ${tag}`,
    'Жазгы селден кийин канал жарымы гана суу алып келет. Дыйкандар сугара албай жатышат.',
    [TERRITORY.akSai],
  );
  const script = await raise(
    `<script>window.__xss = 1</script> Жол ${tag}`,
    'Жол бузулуп калды <img src=x onerror="window.__xss=2">',
    [TERRITORY.kokTashVillage],
  );
  const elsewhere = await raise(`Ак-Татырда мектеп ${tag}`, 'Мектептин чатыры агат.', [
    TERRITORY.akTatyr,
  ]);
  official.user = await apiOk(hub, official, 'GET', '/me');
  return { official, orgName, water, script, elsewhere };
}

/** The issue card (its list item) whose title contains `title`. */
const card = (page: Page, title: string) =>
  page.locator('.issue-card').filter({ has: page.locator('h2', { hasText: title }) });

describeIfBrowser('issue screens', () => {
  const suite = useBrowserSuite();

  it.each(['ky', 'ru'] as const)(
    'the official (%s): my aiyl aimak, search with marks, comment, endorse, follow',
    async (lang) => {
      const s = await seed(suite.hub, lang);
      suite.context = await phone(suite.browser, {
        lang,
        baseURL: suite.hub.baseUrl,
        user: s.official,
      });
      const page = await suite.context.newPage();
      await page.goto('/issues');

      // My aiyl aimak by default: Ak-Sai and its villages, not Ak-Tatyr.
      await card(page, s.water.title).waitFor();
      await card(page, s.script.title).waitFor();
      expect(await card(page, s.elsewhere.title).count()).toBe(0);
      await expect(page.locator('#issues-territory-2').inputValue()).resolves.toBe(TERRITORY.akSai);
      await axeCheck(page, `issue register (${lang})`);
      await screenshot(page, `issues-register-${lang}`);

      // A `<script>` in a title is text, and nothing of it ran.
      await expect(card(page, s.script.title).locator('h2').textContent()).resolves.toContain(
        '<script>window.__xss = 1</script>',
      );
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBe(
        undefined,
      );

      // Widen to all territories: the other aiyl aimak's issue appears; the URL keeps it.
      await page.getByRole('button', { name: text(lang, 'issues.allTerritories') }).click();
      await card(page, s.elsewhere.title).waitFor();
      expect(page.url()).toContain('territory=all');
      await page.goBack();
      await card(page, s.water.title).waitFor();
      await page.waitForFunction(
        (t) =>
          ![...document.querySelectorAll('.issue-card h2')].some((h) => h.textContent?.includes(t)),
        s.elsewhere.title,
      );

      // Ranked search: the match is marked; the filter lives in the URL (kept on reload).
      await page.fill('#issues-q', 'суу');
      await page.press('#issues-q', 'Enter');
      await page.waitForURL(/q=%D1%81%D1%83%D1%83/);
      const marks = card(page, s.water.title).locator('mark');
      await marks.first().waitFor();
      expect((await marks.allTextContents()).map((m) => m.toLowerCase())).toContain('суу');
      await page.reload();
      await card(page, s.water.title).locator('mark').first().waitFor();
      await expect(page.locator('#issues-q').inputValue()).resolves.toBe('суу');

      // Open the issue.
      await card(page, s.water.title).getByRole('link').click();
      await page.waitForURL(`**/issues/${s.water.id}`);
      await page.getByRole('heading', { level: 1, name: s.water.title }).waitFor();
      await page
        .locator('ol.timeline')
        .getByText(text(lang, 'issue.event.raised', { name: s.official.displayName }))
        .waitFor();

      // Comment: it appears once, as sent.
      const comment = `Биз да колдойбуз ${s.official.id.slice(0, 4)}`;
      await page.fill('#comment-body', comment);
      await page.getByRole('button', { name: text(lang, 'issue.send') }).click();
      await page.locator('.comment:not(.pending)', { hasText: comment }).waitFor();
      await page.locator('.comment.pending').waitFor({ state: 'detached' });
      expect(await page.locator('.comment', { hasText: comment }).count()).toBe(1);

      // A reply with a mention: under the comment, the mention set apart.
      await page
        .locator('.comment', { hasText: comment })
        .getByRole('button', { name: text(lang, 'issue.reply') })
        .click();
      await page.fill('#comment-body', `@[${s.official.displayName}] туура`);
      await page.getByRole('button', { name: text(lang, 'issue.send') }).click();
      await page
        .locator('ol.replies .comment:not(.pending) .mention', {
          hasText: `@${s.official.displayName}`,
        })
        .waitFor();

      // Endorse as my organisation, then it is listed with a withdraw button.
      await page
        .getByRole('button', { name: text(lang, 'issue.endorseAs', { org: s.orgName }) })
        .click();
      await page
        .getByRole('button', { name: text(lang, 'issue.unendorse', { org: s.orgName }) })
        .waitFor();

      // Follow and stop following (the author already follows what they raised).
      const before = await apiOk<{ following: boolean }>(
        suite.hub,
        s.official,
        'GET',
        `/issues/${s.water.id}`,
      );
      const follow = page.getByRole('button', { name: text(lang, 'issue.follow'), exact: true });
      const unfollow = page.getByRole('button', {
        name: text(lang, 'issue.unfollow'),
        exact: true,
      });
      const [first, second] = before.following ? [unfollow, follow] : [follow, unfollow];
      await first.click();
      await second.click();
      await first.waitFor();
      await axeCheck(page, `an issue (${lang})`);
      await screenshot(page, `issue-${lang}`);
      const followed = await apiOk<{ following: boolean; endorsementCount: number }>(
        suite.hub,
        s.official,
        'GET',
        `/issues/${s.water.id}`,
      );
      expect(followed).toMatchObject({ following: before.following, endorsementCount: 1 });
    },
  );

  it('raising an issue (ky): the territory tree, the draft surviving a reload', async () => {
    const s = await seed(suite.hub, 'ky');
    suite.context = await phone(suite.browser, {
      lang: 'ky',
      baseURL: suite.hub.baseUrl,
      user: s.official,
    });
    const page = await suite.context.newPage();
    await page.goto('/issues');
    await page.getByRole('link', { name: text('ky', 'issues.raise') }).click();
    await page.waitForURL('**/issues/new');
    const title = `Көк-Таштагы көпүрө ${s.official.id.slice(0, 6)}`;
    await page.fill('#raise-title', title);
    await page.fill('#raise-body', 'Көпүрө жарака кетти, балдар мектепке өтө албай калышы мүмкүн.');
    await page.selectOption('#raise-category', 'infrastructure');
    await page.selectOption('#raise-decisionLevel', 'district');
    // The tree: oblast → district → aiyl aimak → village.
    await page.selectOption('#raise-place-0', TERRITORY.batkenOblast);
    await page.selectOption('#raise-place-1', TERRITORY.batkenDistrict);
    await page.selectOption('#raise-place-2', TERRITORY.akSai);
    await page.selectOption('#raise-place-3', TERRITORY.kokTashVillage);
    await page.getByRole('button', { name: text('ky', 'raise.add') }).click();
    await page.locator('.chosen-places', { hasText: 'Көк-Таш айылы' }).waitFor();
    await page.selectOption('#raise-organisationId', { label: s.orgName });
    await axeCheck(page, 'raise an issue (ky)');
    await screenshot(page, 'issue-raise-ky');

    // Reload: everything typed and chosen is back.
    await page.waitForTimeout(300);
    await page.reload();
    await page.getByText(text('ky', 'raise.draftRestored')).waitFor();
    await expect(page.locator('#raise-title').inputValue()).resolves.toBe(title);
    await expect(page.locator('#raise-category').inputValue()).resolves.toBe('infrastructure');
    await page.locator('.chosen-places', { hasText: 'Көк-Таш айылы' }).waitFor();

    await page.getByRole('button', { name: text('ky', 'raise.submit') }).click();
    await page.waitForURL(/\/issues\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = page.url().split('/').pop()!;
    const made = await apiOk<{ territoryIds: string[]; organisationId: string; category: string }>(
      suite.hub,
      s.official,
      'GET',
      `/issues/${id}`,
    );
    expect(made).toMatchObject({
      territoryIds: [TERRITORY.kokTashVillage],
      category: 'infrastructure',
    });
    expect(made.organisationId).toBeTruthy();
    // Its author edits it; the story says so.
    await page.getByRole('button', { name: text('ky', 'issue.edit') }).click();
    await page.fill('#edit-title', `${title} (оңдолду)`);
    await page.getByRole('button', { name: text('ky', 'app.save') }).click();
    await page.getByRole('heading', { level: 1, name: `${title} (оңдолду)` }).waitFor();
    await page
      .locator('ol.timeline')
      .getByText(text('ky', 'issue.event.edited', { name: s.official.displayName }))
      .waitFor();

    // The draft is gone once sent.
    await page.goto('/issues/new');
    await expect(page.locator('#raise-title').inputValue()).resolves.toBe('');
  });

  it('the facilitator (ru): a status change, escalations overdue and answered in the story, a merge', async () => {
    const s = await seed(suite.hub, 'ru');
    const facilitator = await registerUser(suite.hub, {
      role: 'facilitator',
      preferredLanguage: 'ru',
    });
    suite.context = await phone(suite.browser, {
      lang: 'ru',
      baseURL: suite.hub.baseUrl,
      user: facilitator,
    });
    const page = await suite.context.newPage();
    await page.goto(`/issues/${s.water.id}`);
    await page.getByRole('heading', { level: 2, name: text('ru', 'issue.staff') }).waitFor();
    await page.selectOption('#move-to', 'discussing');
    await page.getByRole('button', { name: text('ru', 'issue.move') }).click();
    const moved = text('ru', 'issue.event.transition', {
      to: text('ru', 'issues.status.discussing'),
      name: facilitator.displayName,
    });
    await page.locator('ol.timeline').getByText(moved).waitFor();
    await page
      .locator('.meta .badge', { hasText: text('ru', 'issues.status.discussing') })
      .waitFor();
    await axeCheck(page, 'an issue, facilitator (ru)');

    // Escalated to an authority 40 days ago, answer due 10 days ago: overdue; then answered.
    await apiOk(suite.hub, facilitator, 'POST', `/issues/${s.water.id}/transitions`, {
      to: 'prioritised',
    });
    const authority = await apiOk<{ id: string; name: string }>(
      suite.hub,
      facilitator,
      'POST',
      '/organisations',
      {
        name: `Баткенская РГА ${s.official.id.slice(0, 6)}`,
        kind: 'state_administration',
        territoryId: TERRITORY.batkenDistrict,
      },
    );
    const day = 24 * 3600 * 1000;
    const escalation = await apiOk<{ id: string }>(
      suite.hub,
      facilitator,
      'POST',
      `/issues/${s.water.id}/escalations`,
      {
        authorityOrganisationId: authority.id,
        sentAt: new Date(Date.now() - 40 * day).toISOString(),
        responseDueAt: new Date(Date.now() - 10 * day).toISOString(),
        reference: '12-345',
      },
    );
    await page.reload();
    const sent = page.locator('ol.timeline li', {
      hasText: text('ru', 'issue.event.escalated', { authority: authority.name }),
    });
    await sent.locator('.badge.overdue').waitFor();
    await sent.getByText(text('ru', 'issue.event.reference', { reference: '12-345' })).waitFor();
    await apiOk(suite.hub, facilitator, 'PATCH', `/escalations/${escalation.id}`, {
      respondedAt: new Date(Date.now() - day).toISOString(),
      responseText: 'Канал очистят в мае.',
    });
    await page.reload();
    await page
      .locator('ol.timeline li', {
        hasText: text('ru', 'issue.event.answered', { authority: authority.name }),
      })
      .getByText('Канал очистят в мае.')
      .waitFor();
    expect(await sent.locator('.badge.overdue').count()).toBe(0);

    // Merge a duplicate into it.
    const twin = await apiOk<{ id: string }>(suite.hub, s.official, 'POST', '/issues', {
      title: `Дубликат ${s.official.id.slice(0, 6)}`,
      body: 'То же самое про канал.',
      category: 'water_irrigation',
      decisionLevel: 'aiyl_aimak',
      territoryIds: [TERRITORY.akSai],
    });
    await page.goto(`/issues/${twin.id}`);
    await page.fill('#merge-q', s.water.title);
    await page.press('#merge-q', 'Enter');
    await page.getByRole('radio', { name: s.water.title }).check();
    await page.getByRole('button', { name: text('ru', 'issue.mergeSubmit') }).click();
    await page.getByText(text('ru', 'issue.mergedInto')).waitFor();
    await page.getByRole('link', { name: text('ru', 'issue.openMerged') }).click();
    await page.waitForURL(`**/issues/${s.water.id}`);
  });

  it('offline (ky), the register shows the first page saved on the phone, marked so', async () => {
    const s = await seed(suite.hub, 'ky');
    suite.context = await phone(suite.browser, {
      lang: 'ky',
      baseURL: suite.hub.baseUrl,
      user: s.official,
    });
    const page = await suite.context.newPage();
    await page.goto('/issues');
    await card(page, s.water.title).waitFor();
    await card(page, s.water.title).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: s.water.title }).waitFor();
    await suite.context.setOffline(true);
    await page.goBack();
    await page
      .locator('.alert.info', { hasText: text('ky', 'issues.savedData').split(':')[0] })
      .waitFor();
    await card(page, s.water.title).waitFor();
    await axeCheck(page, 'issue register offline (ky)');
  });

  it('offline (ru), a raised issue waits on the phone and is sent once when back', async () => {
    const s = await seed(suite.hub, 'ru');
    suite.context = await phone(suite.browser, {
      lang: 'ru',
      baseURL: suite.hub.baseUrl,
      user: s.official,
    });
    const page = await suite.context.newPage();
    await page.goto('/issues/new');
    await page.locator('#raise-place-2').waitFor();
    // The app shell (the register's code too) is kept by the service worker.
    await waitForServiceWorker(page);
    await suite.context.setOffline(true);
    const title = `Без связи: мост ${s.official.id.slice(0, 6)}`;
    await page.fill('#raise-title', title);
    await page.fill('#raise-body', 'Мост через канал треснул.');
    await page.selectOption('#raise-category', 'infrastructure');
    await page.selectOption('#raise-decisionLevel', 'aiyl_aimak');
    await page.getByRole('button', { name: text('ru', 'raise.add') }).click();
    await page.getByRole('button', { name: text('ru', 'raise.submit') }).click();
    await page.getByText(text('ru', 'raise.queued')).waitFor();
    await page
      .locator('.panel')
      .getByRole('link', { name: text('ru', 'issue.back') })
      .click();
    const waiting = page.locator('.card.pending', { hasText: title });
    await waiting.getByText(text('ru', 'issues.waiting')).waitFor();

    await suite.context.setOffline(false);
    await card(page, title).waitFor();
    await waiting.waitFor({ state: 'detached' });
    const found = await apiOk<{ items: Array<{ title: string }> }>(
      suite.hub,
      s.official,
      'GET',
      `/issues?q=${encodeURIComponent('мост')}&territoryId=${TERRITORY.akSai}`,
    );
    expect(found.items.filter((i) => i.title === title)).toHaveLength(1);
  });

  it('a comment written offline (ru) waits, then appears once when the phone is back', async () => {
    const s = await seed(suite.hub, 'ru');
    suite.context = await phone(suite.browser, {
      lang: 'ru',
      baseURL: suite.hub.baseUrl,
      user: s.official,
    });
    const page = await suite.context.newPage();
    await page.goto(`/issues/${s.water.id}`);
    await page.getByRole('heading', { level: 1, name: s.water.title }).waitFor();
    await page.getByText(text('ru', 'issue.noComments')).waitFor();

    await suite.context.setOffline(true);
    const comment = `Написано без связи ${s.official.id.slice(0, 4)}`;
    await page.fill('#comment-body', comment);
    await page.getByRole('button', { name: text('ru', 'issue.send') }).click();
    const pending = page.locator('.comment.pending', { hasText: comment });
    await pending.getByText(text('ru', 'issues.waiting')).waitFor();
    await axeCheck(page, 'an issue with a comment waiting (ru)');

    await suite.context.setOffline(false);
    await page.locator('.comment:not(.pending)', { hasText: comment }).waitFor();
    await pending.waitFor({ state: 'detached' });
    expect(await page.locator('.comment', { hasText: comment }).count()).toBe(1);
    const page1 = await apiOk<{ items: Array<{ body: string }> }>(
      suite.hub,
      s.official,
      'GET',
      `/issues/${s.water.id}/comments`,
    );
    expect(page1.items.filter((c) => c.body === comment)).toHaveLength(1);
  });
});
