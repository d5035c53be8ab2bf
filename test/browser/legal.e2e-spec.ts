// The legal library in the browser (issue 13), on 360×640 phones against the built hub serving
// the built client. Seeded through the API: a sample act with a chapter and two articles, and an
// issue about a closed road to the pastures. In Kyrgyz, a member searches the provisions typing
// without ү (жетуу for жетүү), sees the match marked, opens the provision by its own URL (with the
// sample banner and both languages), and proposes a link to the issue. In Russian, a facilitator
// opens the same address, confirms the proposal, and the issue shows it as its legal basis.
// axe on each screen; nothing wider than the phone.
import { jest } from '@jest/globals';
import {
  type ApiUser,
  axeCheck,
  describeIfBrowser,
  pageWidth,
  phone,
  registerUser,
  screenshot,
  useBrowserSuite,
} from '../support/browser.js';
import { webText as text } from './web-texts.js';
import { apiOk } from '../support/browser-api.js';
import { TERRITORY } from '../support/factories.js';

jest.setTimeout(180_000);

const ISSUE_TITLE = 'Жайытка баруучу жол тосулду';

describeIfBrowser('legal library in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });
  let facilitator: ApiUser;
  let member: ApiUser;
  let actId: string;
  let issueId: string;

  beforeAll(async () => {
    facilitator = await registerUser(suite.hub, { role: 'facilitator', preferredLanguage: 'ru' });
    member = await registerUser(suite.hub, { preferredLanguage: 'ky' });
    const imported = await apiOk<{ act: { id: string } }>(
      suite.hub,
      facilitator,
      'POST',
      '/legal-acts/import',
      {
        title: { ky: 'Жер кодекси (үлгү)', ru: 'Земельный кодекс (образец)' },
        kind: 'code',
        number: 'SAMPLE-7',
        adoptedAt: '1999-06-02',
        issuer: 'Жогорку Кеңеш',
        status: 'in_force',
        isSample: true,
        provisions: [
          {
            eId: 'chp_5',
            heading: { ky: '5-бап. Жайыттар', ru: 'Глава 5. Пастбища' },
            text: { ky: 'Жайыттарды пайдалануу.', ru: 'Пользование пастбищами.' },
          },
          {
            eId: 'art_42',
            parentEId: 'chp_5',
            heading: {
              ky: '42-берене. Жайыттарга жетүү укугу',
              ru: 'Статья 42. Право доступа к пастбищам',
            },
            text: {
              ky: 'Үлгү текст — расмий редакция эмес. Чек ара айылдарынын тургундары жайыттарга тоскоолдуксуз жетүү укугуна ээ.',
              ru: 'Образец текста — не официальная редакция. Жители приграничных сёл имеют право беспрепятственного доступа к пастбищам.',
            },
          },
          {
            eId: 'art_43',
            parentEId: 'chp_5',
            heading: { ky: '43-берене. Жайыт комитети', ru: 'Статья 43. Пастбищный комитет' },
            text: {
              ky: 'Жайыт комитети жылдык планды түзөт.',
              ru: 'Пастбищный комитет составляет план.',
            },
          },
        ],
      },
    );
    actId = imported.act.id;
    const issue = await apiOk<{ id: string }>(suite.hub, member, 'POST', '/issues', {
      title: ISSUE_TITLE,
      body: 'Малды жайытка айдаган жол жазында тосулуп калды.',
      category: 'land_pasture',
      territoryIds: [TERRITORY.akSai],
      decisionLevel: 'district',
    });
    issueId = issue.id;
  }, 120_000);

  it('a member searches without ү, opens the provision by its URL and proposes a link (ky)', async () => {
    const lang = 'ky';
    suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: member });
    const page = await suite.context.newPage();

    await page.goto('/legal');
    await page.getByRole('heading', { level: 1, name: text(lang, 'legal.title') }).waitFor();
    await page.getByRole('link', { name: 'Жер кодекси (үлгү)' }).waitFor();
    await axeCheck(page, `the library (${lang})`);
    await screenshot(page, `legal-library-${lang}`);

    await page.fill('#legal-q', 'жайыттарга жетуу');
    await page.getByRole('button', { name: text(lang, 'legal.search') }).click();
    await page.waitForURL(/\/legal\?q=/);
    const first = page.locator('article.card').first();
    await first.getByRole('link', { name: '42-берене. Жайыттарга жетүү укугу' }).waitFor();
    expect(await first.locator('mark').allTextContents()).toEqual(['жайыттарга', 'жетүү']);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `search results (${lang})`);
    await screenshot(page, `legal-search-${lang}`);

    // The provision at its own address, opened as a link someone sent.
    await page.goto(`/legal/${actId}/art_42`);
    await page
      .getByRole('heading', { level: 1, name: '42-берене. Жайыттарга жетүү укугу' })
      .waitFor();
    await page.getByText(text(lang, 'legal.sampleBanner')).waitFor();
    await page.getByText(/Жители приграничных сёл имеют право/).waitFor();
    expect(await page.inputValue('#legal-address')).toBe(
      `${suite.hub.baseUrl}/legal/${actId}/art_42`,
    );

    await page.fill('#legal-issue-q', 'Жайытка');
    await page.getByRole('button', { name: text(lang, 'legal.search') }).click();
    await page.locator('#legal-issue').waitFor();
    await page.selectOption('#legal-issue', issueId);
    await page.selectOption('#legal-relation', 'grants_right');
    await page.fill('#legal-note', 'Жолду тосууга болбойт.');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `a provision (${lang})`);
    await page.getByRole('button', { name: text(lang, 'legal.propose') }).click();
    await page.getByText(text(lang, 'legal.proposed')).waitFor();
    await page.locator('.badge', { hasText: text(lang, 'legal.linkStatus.proposed') }).waitFor();
    await screenshot(page, `legal-provision-proposed-${lang}`);

    // The act's page: the tree, each provision linking to its own page.
    await page.goto(`/legal/${actId}#art_42`);
    await page.locator('li#art_42').waitFor();
    expect(await page.locator('li#chp_5 li#art_43').count()).toBe(1);
    await axeCheck(page, `an act (${lang})`);
    await screenshot(page, `legal-act-${lang}`);
  });

  it('a facilitator confirms the proposal and the issue shows its legal basis (ru)', async () => {
    const lang = 'ru';
    suite.context = await phone(suite.browser, {
      lang,
      baseURL: suite.hub.baseUrl,
      user: facilitator,
    });
    const page = await suite.context.newPage();
    await page.goto(`/legal/${actId}/art_42`);
    await page
      .getByRole('heading', { level: 1, name: 'Статья 42. Право доступа к пастбищам' })
      .waitFor();
    await page.getByText(text(lang, 'legal.sampleBanner')).waitFor();
    const card = page.locator('article.card', { hasText: ISSUE_TITLE });
    await card.locator('.badge', { hasText: text(lang, 'legal.linkStatus.proposed') }).waitFor();
    await axeCheck(page, `a provision with a proposal (${lang})`);
    await screenshot(page, `legal-provision-staff-${lang}`);
    await card.getByRole('button', { name: text(lang, 'legal.confirm') }).click();
    await card.locator('.badge', { hasText: text(lang, 'legal.linkStatus.confirmed') }).waitFor();

    await page.goto(`/issues/${issueId}`);
    const basis = page.locator('section.legal-basis');
    await basis.getByRole('heading', { name: text(lang, 'legal.basis') }).waitFor();
    await basis.getByRole('link', { name: 'Статья 42. Право доступа к пастбищам' }).waitFor();
    await basis.getByText(text(lang, 'legal.relation.grants_right')).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `an issue with its legal basis (${lang})`);
    await basis.scrollIntoViewIfNeeded();
    await screenshot(page, `legal-issue-basis-${lang}`);

    // The search in Russian finds the same provision first, marked.
    await page.goto(`/legal?q=${encodeURIComponent('доступа к пастбищам')}`);
    const first = page.locator('article.card').first();
    await first.getByRole('link', { name: 'Статья 42. Право доступа к пастбищам' }).waitFor();
    expect(await first.locator('mark').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, `legal-search-${lang}`);
  });
});
