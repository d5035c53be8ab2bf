// The district report pack in the browser (issue 13), on 360×640 phones against the built hub
// serving the built client. In Russian a facilitator builds the pack for Batken district (a few
// issues raised through the API first): the list shows it with a progress bar while it builds,
// then the hash and the download buttons; the PDF downloads with its file name. Offline, the
// screen says so and the Build button waits. In Kyrgyz a member reads why the screen is not
// theirs. axe on each state.
import { jest } from '@jest/globals';
import {
  type ApiUser,
  axeCheck,
  describeIfBrowser,
  offline,
  phone,
  registerUser,
  screenshot,
  useBrowserSuite,
} from '../support/browser.js';
import { webText as text } from './web-texts.js';
import { apiOk } from '../support/browser-api.js';
import { TERRITORY } from '../support/factories.js';

jest.setTimeout(180_000);

describeIfBrowser('district report pack in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });
  let facilitator: ApiUser;
  let member: ApiUser;

  beforeAll(async () => {
    facilitator = await registerUser(suite.hub, { role: 'facilitator', preferredLanguage: 'ru' });
    member = await registerUser(suite.hub, { preferredLanguage: 'ky' });
    const issues: [string, string, string][] = [
      ['Арыкта суу жок', 'water_irrigation', TERRITORY.akSai],
      ['Жол жабык', 'roads_transport', TERRITORY.akSai],
      ['Сугат каналы бузулду', 'water_irrigation', TERRITORY.akTatyr],
      ['Чек ара өткөөлү жабык', 'border_crossing', TERRITORY.batkenDistrict],
    ];
    for (const [title, category, territory] of issues)
      await apiOk(suite.hub, member, 'POST', '/issues', {
        title,
        body: `${title}: толук маалымат.`,
        category,
        territoryIds: [territory],
        decisionLevel: 'district',
      });
  }, 120_000);

  it('a facilitator builds the pack in Russian, watches its progress and gets the downloads and the hash', async () => {
    const lang = 'ru';
    suite.context = await phone(suite.browser, {
      lang,
      baseURL: suite.hub.baseUrl,
      user: facilitator,
    });
    const page = await suite.context.newPage();
    await page.goto('/reports');
    await page.getByRole('heading', { level: 1, name: text(lang, 'reports.title') }).waitFor();
    await page.getByText(text(lang, 'reports.none')).waitFor();
    await page.selectOption('#report-district', TERRITORY.batkenDistrict);
    await page.getByLabel(text(lang, 'reports.lang.ru')).check();
    await screenshot(page, 'reports-ru-form');
    await axeCheck(page, 'the report form (ru)');
    await page.getByRole('button', { name: text(lang, 'reports.submit') }).click();

    // The new pack is listed at once; while it builds, a progress bar and its step.
    const card = page.locator('article.report').first();
    await card.waitFor();
    await card.getByText('Баткенский район').waitFor();
    const download = card.getByRole('button', {
      name: new RegExp(text(lang, 'reports.downloadPdf')),
    });
    const sawProgress = await card
      .locator('progress')
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (sawProgress) await screenshot(page, 'reports-ru-progress');
    await download.waitFor({ timeout: 60_000 });
    await card
      .getByRole('button', { name: new RegExp(text(lang, 'reports.downloadXlsx')) })
      .waitFor();
    await card.getByText(text(lang, 'reports.status.ready')).waitFor();
    const [report] = (
      await apiOk<{ items: { id: string; snapshotHash: string; status: string }[] }>(
        suite.hub,
        facilitator,
        'GET',
        '/reports',
      )
    ).items;
    expect(report.status).toBe('ready');
    await card.locator('code.hash', { hasText: report.snapshotHash }).waitFor();
    await screenshot(page, 'reports-ru-ready');
    await axeCheck(page, 'the report list with a ready pack (ru)');

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(
      /^report-batken-district-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-ru\.pdf$/,
    );

    // Offline: the screen says so and nothing can be built.
    await offline(suite.context, true);
    await page.getByText(text(lang, 'reports.offline')).waitFor();
    expect(
      await page.getByRole('button', { name: text(lang, 'reports.submit') }).isDisabled(),
    ).toBe(true);
    await screenshot(page, 'reports-ru-offline');
    await offline(suite.context, false);
  });

  it('a member reads in Kyrgyz that packs are built by facilitators', async () => {
    const lang = 'ky';
    suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: member });
    const page = await suite.context.newPage();
    await page.goto('/reports');
    await page.getByRole('heading', { level: 1, name: text(lang, 'reports.title') }).waitFor();
    await page.getByText(text(lang, 'reports.staffOnly')).waitFor();
    expect(await page.locator('#report-district').count()).toBe(0);
    await screenshot(page, 'reports-ky-member');
    await axeCheck(page, 'the report screen for a member (ky)');
  });

  it('a facilitator sees the form in Kyrgyz', async () => {
    const lang = 'ky';
    suite.context = await phone(suite.browser, {
      lang,
      baseURL: suite.hub.baseUrl,
      user: facilitator,
    });
    const page = await suite.context.newPage();
    await page.goto('/reports');
    await page.getByRole('heading', { level: 2, name: text(lang, 'reports.build') }).waitFor();
    await page.locator('article.report').first().waitFor();
    await screenshot(page, 'reports-ky-list');
    await axeCheck(page, 'the report screen (ky)');
  });
});
