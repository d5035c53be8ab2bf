// The priority ballot in the browser (issue 13), on 360×640 phones against the built hub serving
// the built client. Seeded through the API: three network-member organisations (the reader
// represents two of them), three issues and a ranked ballot. In Kyrgyz a representative picks
// which organisation to vote as, orders the issues with the up/down buttons, sends the vote, sees
// it as the current one, then changes it. In Russian a facilitator closes the ballot and reads the
// results: bars, the breakdown by organisation kind and by aiyl aimak. axe on each screen.
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
import { apiOk, memberOrganisation } from '../support/browser-api.js';
import { TERRITORY } from '../support/factories.js';

jest.setTimeout(180_000);

describeIfBrowser('the priority ballot in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });
  let facilitator: ApiUser;
  let rep: ApiUser;
  let otherRep: ApiUser;
  let okmotu: string;
  let ngo: string;
  let kenesh: string;
  let issues: string[];
  let ballotId: string;
  const titles = ['Сугат суусу жетпейт', 'Чек арадагы жайыт', 'Мектепке жол'];

  beforeAll(async () => {
    facilitator = await registerUser(suite.hub, { role: 'facilitator', preferredLanguage: 'ru' });
    rep = await registerUser(suite.hub, { preferredLanguage: 'ky' });
    otherRep = await registerUser(suite.hub, { preferredLanguage: 'ky' });
    okmotu = await memberOrganisation(
      suite.hub,
      rep,
      'Ак-Сай айыл өкмөтү',
      'aiyl_okmotu',
      TERRITORY.akSai,
    );
    ngo = await memberOrganisation(
      suite.hub,
      rep,
      'Ак-Сай аялдар кеңеши',
      'community_group',
      TERRITORY.akSai,
    );
    kenesh = await memberOrganisation(
      suite.hub,
      otherRep,
      'Ак-Татыр айылдык кеңеши',
      'aiyl_kenesh',
      TERRITORY.akTatyr,
    );
    issues = [];
    for (const title of titles) {
      const issue = await apiOk<{ id: string }>(suite.hub, rep, 'POST', '/issues', {
        title,
        body: 'Тармактын бардык айылдарына тиешелүү көйгөй.',
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSai],
        decisionLevel: 'district',
        language: 'ky',
      });
      issues.push(issue.id);
    }
    const ballot = await apiOk<{ id: string }>(suite.hub, facilitator, 'POST', '/ballots', {
      title: { ky: 'Тармактын артыкчылыктары 2027', ru: 'Приоритеты сети 2027' },
      method: 'ranked',
      issueIds: issues,
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    ballotId = ballot.id;
    // The women's council's vote, sent by the other representative.
    await apiOk(suite.hub, otherRep, 'PUT', `/ballots/${ballotId}/votes/${kenesh}`, {
      choices: [issues[1], issues[0]],
    });
  }, 120_000);

  it('a representative votes as one of their organisations on a phone, then changes the vote (ky)', async () => {
    const lang = 'ky';
    suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: rep });
    const page = await suite.context.newPage();
    await page.goto('/ballots');
    await page.getByRole('heading', { level: 1, name: text(lang, 'ballots.title') }).waitFor();
    await axeCheck(page, `the ballots (${lang})`);
    await screenshot(page, `ballots-list-${lang}`);
    await page.getByRole('link', { name: 'Тармактын артыкчылыктары 2027' }).click();
    await page.waitForURL(/\/ballots\/[0-9a-f-]{36}$/);

    // Two organisations: the reader picks the aiyl okmotu.
    await page.selectOption('#b-org', okmotu);
    await page.getByText(text(lang, 'ballots.notVoted', { name: 'Ак-Сай айыл өкмөтү' })).waitFor();
    // Order: school road, water, pasture — added, then moved with the buttons.
    await page
      .getByRole('button', { name: text(lang, 'ballots.addIssue', { issue: titles[0] }) })
      .click();
    await page
      .getByRole('button', { name: text(lang, 'ballots.addIssue', { issue: titles[2] }) })
      .click();
    await page
      .getByRole('button', { name: text(lang, 'ballots.addIssue', { issue: titles[1] }) })
      .click();
    await page
      .getByRole('button', { name: text(lang, 'ballots.moveUp', { issue: titles[2] }) })
      .tap();
    expect(await page.locator('.rank-list .rank-title').allTextContents()).toEqual([
      titles[2],
      titles[0],
      titles[1],
    ]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `a ranked vote being made (${lang})`);
    await screenshot(page, `ballots-vote-${lang}`);
    await page.getByRole('button', { name: text(lang, 'ballots.send') }).click();
    await page
      .locator('.current')
      .getByText(text(lang, 'ballots.mayChange', { date: '' }).split('(')[0].trim())
      .waitFor();
    let vote = await apiOk<{
      myOrganisations: Array<{ organisationId: string; vote: { choices: string[] } | null }>;
    }>(suite.hub, rep, 'GET', `/ballots/${ballotId}`);
    expect(vote.myOrganisations.find((o) => o.organisationId === okmotu)?.vote?.choices).toEqual([
      issues[2],
      issues[0],
      issues[1],
    ]);
    await screenshot(page, `ballots-voted-${lang}`);

    // Changed: water first, pasture dropped.
    await page
      .getByRole('button', { name: text(lang, 'ballots.moveDown', { issue: titles[2] }) })
      .tap();
    await page
      .getByRole('button', { name: text(lang, 'ballots.removeIssue', { issue: titles[1] }) })
      .tap();
    await page.getByRole('button', { name: text(lang, 'ballots.change') }).click();
    await page.locator('.current li').nth(1).filter({ hasText: titles[2] }).waitFor();
    vote = await apiOk(suite.hub, rep, 'GET', `/ballots/${ballotId}`);
    expect(vote.myOrganisations.find((o) => o.organisationId === okmotu)?.vote?.choices).toEqual([
      issues[0],
      issues[2],
    ]);
    expect(vote.myOrganisations.find((o) => o.organisationId === ngo)?.vote).toBeNull();
    await axeCheck(page, `a vote changed (${lang})`);
    await screenshot(page, `ballots-changed-${lang}`);

    // No signal: the vote is not sent and the reader is told so; the recorded one stays.
    await suite.context.setOffline(true);
    await page
      .getByRole('button', { name: text(lang, 'ballots.addIssue', { issue: titles[1] }) })
      .tap();
    await page.getByRole('button', { name: text(lang, 'ballots.change') }).click();
    await page.getByText(text(lang, 'ballots.offline')).waitFor();
    await screenshot(page, `ballots-offline-${lang}`);
    await suite.context.setOffline(false);
    vote = await apiOk(suite.hub, rep, 'GET', `/ballots/${ballotId}`);
    expect(vote.myOrganisations.find((o) => o.organisationId === okmotu)?.vote?.choices).toEqual([
      issues[0],
      issues[2],
    ]);
  });

  it('a facilitator closes the ballot, reads the results by kind and aiyl aimak and records the outcome (ru)', async () => {
    const lang = 'ru';
    suite.context = await phone(suite.browser, {
      lang,
      baseURL: suite.hub.baseUrl,
      user: facilitator,
    });
    const page = await suite.context.newPage();
    await page.goto(`/ballots/${ballotId}`);
    await page.getByRole('heading', { level: 1, name: 'Приоритеты сети 2027' }).waitFor();
    await page.getByText(text(lang, 'ballots.resultsAfterClose')).waitFor();
    // The paper-ballot form opens on the phone (a note is required: the button waits for it).
    await page.getByText(text(lang, 'ballots.paper')).click();
    await page.selectOption('#b-paper-org', ngo);
    await page
      .locator('details.paper')
      .getByRole('button', { name: text(lang, 'ballots.addIssue', { issue: titles[2] }) })
      .tap();
    const record = page.getByRole('button', { name: text(lang, 'ballots.paperSend') });
    expect(await record.isDisabled()).toBe(true);
    await page.fill('#b-paper-note', 'Бюллетень подписан председателем, папка 12');
    expect(await record.isDisabled()).toBe(false);
    await axeCheck(page, `a paper ballot being entered (${lang})`);
    await screenshot(page, `ballots-manage-${lang}`);
    await page.getByRole('button', { name: text(lang, 'ballots.close') }).click();
    await page.getByRole('button', { name: text(lang, 'ui.confirm') }).click();
    await page.getByRole('heading', { level: 2, name: text(lang, 'ballots.results') }).waitFor();
    // n = 3. Okmotu: water 3, school 2. Kenesh: pasture 3, water 2. → water 5, pasture 3, school 2.
    const rows = page.locator('ol.bars .bar-row');
    await rows.first().waitFor();
    expect(await rows.locator('.bar-label a').allTextContents()).toEqual([
      titles[0],
      titles[1],
      titles[2],
    ]);
    expect(await rows.locator('.bar-value').allTextContents()).toEqual([
      '5 баллов',
      '3 балла',
      '2 балла',
    ]);
    await page.getByRole('heading', { level: 3, name: text(lang, 'ballots.byKind') }).waitFor();
    await page.getByRole('heading', { level: 4, name: /Айыл окмоту/ }).waitFor();
    await page
      .getByRole('heading', { level: 3, name: text(lang, 'ballots.byAiylAimak') })
      .waitFor();
    await page.getByRole('heading', { level: 4, name: /Ак-Татыр/ }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `the results (${lang})`);
    await screenshot(page, `ballots-results-${lang}`);

    // The outcome: water and pasture go forward, and move to prioritised.
    await page.getByRole('checkbox', { name: titles[0] }).check();
    await page.getByRole('checkbox', { name: titles[1] }).check();
    await page.fill('#b-statement', 'Сеть берёт в работу воду и пастбища.');
    await page.getByRole('button', { name: text(lang, 'ballots.outcomeSend') }).click();
    await page.getByRole('heading', { level: 2, name: text(lang, 'ballots.outcome') }).waitFor();
    await page.getByText('Сеть берёт в работу воду и пастбища.').waitFor();
    for (const [i, status] of [
      [0, 'prioritised'],
      [1, 'prioritised'],
      [2, 'discussing'],
    ] as const) {
      const issue = await apiOk<{ status: string }>(
        suite.hub,
        facilitator,
        'GET',
        `/issues/${issues[i]}`,
      );
      expect({ i, status: issue.status }).toEqual({ i, status });
    }
    await axeCheck(page, `the outcome (${lang})`);
    await screenshot(page, `ballots-outcome-${lang}`);
  });
});
