// Needs assessment in the browser (issue 12), on 360×640 phones against the built hub serving the
// built client. Seeded through the API: a survey in Ak-Sai with 22 paper answers, two of them a
// cell under the minimum. In Kyrgyz, a facilitator records a focus group of women (counted by
// gender × age band, no names) and closes it with minutes, sees the survey's cross-tab with its
// hidden cells marked (primary and secondary apart, the legend naming the minimum), writes a
// finding citing that result and the focus group, raises it as an issue, and the issue shows the
// finding as its evidence; the trace leads from the finding to the issue. In Russian the same
// screens are read, and the answers are downloaded as CSV with Russian labels. axe on each
// screen.
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import {
  type ApiUser,
  type BrowserHub,
  axeCheck,
  describeIfBrowser,
  pageWidth,
  phone,
  pickAkSai,
  registerUser,
  screenshot,
  useBrowserSuite,
} from '../support/browser.js';
import { webText as text } from './web-texts.js';
import { apiOk } from '../support/browser-api.js';
import { TERRITORY } from '../support/factories.js';

jest.setTimeout(180_000);

/**
 * An open survey with one question and 22 paper answers: women 8 canal, 2 well, 2 tap; men 6
 * canal, 4 tap. Women × well (2) is under the minimum of 5: hidden (primary), and so is a cell
 * beside it (secondary).
 */
async function seedSurvey(hub: BrowserHub, facilitator: ApiUser): Promise<string> {
  const survey = await apiOk<{ id: string; version?: number; currentVersion?: number }>(
    hub,
    facilitator,
    'POST',
    '/surveys',
    {
      title: { ky: 'Ак-Сайда суу 2026', ru: 'Вода в Ак-Сае 2026' },
      anonymous: false,
      minCellSize: 5,
      territoryIds: [TERRITORY.akSai],
      questions: [
        {
          key: 'water_source',
          type: 'single_choice',
          label: { ky: 'Ичүүчү сууну кайдан аласыз?', ru: 'Откуда вы берёте питьевую воду?' },
          required: true,
          choices: [
            { code: 'canal', label: { ky: 'Арыктан', ru: 'Из арыка' } },
            { code: 'well', label: { ky: 'Кудуктан', ru: 'Из колодца' } },
            { code: 'tap', label: { ky: 'Крандан', ru: 'Из крана' } },
          ],
        },
      ],
    },
  );
  await apiOk(hub, facilitator, 'POST', `/surveys/${survey.id}/transitions`, { to: 'open' });
  const answers: Array<['female' | 'male', string, number]> = [
    ['female', 'canal', 8],
    ['female', 'well', 2],
    ['female', 'tap', 2],
    ['male', 'canal', 6],
    ['male', 'tap', 4],
  ];
  for (const [gender, choice, n] of answers)
    for (let i = 0; i < n; i++)
      await apiOk(hub, facilitator, 'PUT', `/surveys/${survey.id}/submissions/${randomUUID()}`, {
        version: survey.version ?? survey.currentVersion ?? 1,
        mode: 'paper',
        respondent: { gender, ageBand: i % 2 ? '30-44' : '18-29', territoryId: TERRITORY.akSai },
        answers: { water_source: choice },
        collectedOn: '2026-11-20',
      });
  return survey.id;
}

/** Picks Batken → its district → Ak-Sai in a TerritoryPicker whose selects start with `id`. */
describeIfBrowser('needs assessment in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });
  let facilitator: ApiUser;
  let surveyId: string;
  let eventId: string;
  let findingId: string;
  let issueId: string;

  beforeAll(async () => {
    facilitator = await registerUser(suite.hub, { role: 'facilitator', preferredLanguage: 'ky' });
    surveyId = await seedSurvey(suite.hub, facilitator);
  }, 120_000);

  it('a facilitator records a focus group, reads the cross-tab, writes a finding and raises it as an issue that shows its evidence (ky)', async () => {
    const lang = 'ky';
    suite.context = await phone(suite.browser, {
      lang,
      baseURL: suite.hub.baseUrl,
      user: facilitator,
    });
    const page = await suite.context.newPage();

    // A focus group of women, recorded.
    await page.goto('/focus-groups/new');
    await page.getByRole('heading', { level: 1, name: text(lang, 'fg.new') }).waitFor();
    await page.fill('#fg-title', 'Ак-Сайдын аялдары: суу');
    await page.getByLabel(text(lang, 'fg.group.women')).check();
    await page.fill('#fg-date', '2026-11-28');
    await page.fill('#fg-place', '№2 мектеп');
    await pickAkSai(page, 'fg-territory');
    await axeCheck(page, `a new focus group (${lang})`);
    await screenshot(page, `assessment-fg-new-${lang}`);
    await page.getByRole('button', { name: text(lang, 'fg.create') }).click();
    await page.waitForURL(/\/focus-groups\/[0-9a-f-]{36}$/);
    eventId = page.url().split('/').pop()!;

    // Who came, counted without names, with no signal: the counts wait on the phone and go
    // when it is back. Then closed with its minutes.
    await page.locator('#fg-n-female-18-29').waitFor();
    await suite.context.setOffline(true);
    await page.fill('#fg-n-female-18-29', '6');
    await page.fill('#fg-n-female-30-44', '5');
    await page.fill('#fg-n-female-45-59', '3');
    await page.getByText(text(lang, 'fg.total', { count: '14' })).waitFor();
    await page.getByRole('button', { name: text(lang, 'fg.saveTallies') }).click();
    await page.getByText(text(lang, 'issues.waiting')).waitFor();
    await suite.context.setOffline(false);
    await page.getByText(text(lang, 'fg.talliesSaved')).waitFor({ timeout: 30_000 });
    await page.fill('#fg-minutes-ky', 'Аялдар суу арыктан ташылат деп айтышты.');
    await page.fill('#fg-minutes-ru', 'Женщины сказали, что воду носят из арыка.');
    await page.fill('#fg-findings', 'Ичүүчү суу жок; кран 2019-жылдан бери иштебейт.');
    await axeCheck(page, `a focus group being recorded (${lang})`);
    await screenshot(page, `assessment-fg-record-${lang}`);
    await page.getByRole('button', { name: text(lang, 'fg.closeSubmit') }).click();
    await page.locator('.badge', { hasText: text(lang, 'fg.status.held') }).waitFor();
    await page.getByText('Аялдар суу арыктан ташылат деп айтышты.').waitFor();
    const held = await apiOk<{ status: string; tallies: Array<{ count: number }> }>(
      suite.hub,
      facilitator,
      'GET',
      `/events/${eventId}`,
    );
    expect(held.status).toBe('held');
    expect(held.tallies.reduce((s, r) => s + r.count, 0)).toBe(14);

    // The survey's cross-tab by gender: hidden cells marked, the legend with the minimum.
    await page.goto(`/surveys/${surveyId}/results?by=gender`);
    const table = page.locator('table.crosstab').first();
    await table.waitFor();
    await page.getByText(text(lang, 'res.minCell', { min: '5' })).waitFor();
    expect(await table.locator('td.suppressed.primary').count()).toBeGreaterThanOrEqual(1);
    expect(await table.locator('td.suppressed.secondary').count()).toBeGreaterThanOrEqual(1);
    // Shown counts are the seeded ones: women × canal 8, men × canal 6.
    await table.locator('tr', { hasText: 'Арыктан' }).getByText('8', { exact: true }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `survey results (${lang})`);
    await screenshot(page, `assessment-results-${lang}`);

    // A finding citing the result and the focus group.
    await page.goto(`/findings/new?event=${eventId}`);
    await page.fill('#fd-statement', 'Ак-Сайдын аялдарынын көбү ичүүчү сууну арыктан алышат.');
    await page.selectOption('#fd-category', 'water_irrigation');
    await pickAkSai(page, 'fd-territory');
    await page.getByRole('button', { name: text(lang, 'fd.addPlace') }).click();
    await page.selectOption('#fd-survey', surveyId);
    await page.selectOption('#fd-question', 'water_source');
    await page.selectOption('#fd-by', 'gender');
    await page.getByText(text(lang, 'fd.willFreeze')).waitFor();
    expect(await page.getByRole('checkbox').first().isChecked()).toBe(true);
    await axeCheck(page, `a new finding (${lang})`);
    await screenshot(page, `assessment-finding-new-${lang}`);
    await page.getByRole('button', { name: text(lang, 'fd.create') }).click();
    await page.waitForURL(/\/findings\/[0-9a-f-]{36}$/);
    findingId = page.url().split('/').pop()!;
    await page.locator('.evidence td.suppressed.primary').first().waitFor();
    await page.getByRole('link', { name: /Ак-Сайдын аялдары: суу/ }).waitFor();

    // Raised as an issue; the issue shows its evidence.
    await page.selectOption('#fd-level', 'district');
    await page.getByRole('button', { name: text(lang, 'fd.raiseSubmit') }).click();
    const open = page.getByRole('link', { name: text(lang, 'fd.openIssue') }).first();
    await open.waitFor();
    await page.locator('ol.trace li', { hasText: text(lang, 'fd.trace.issue') }).waitFor();
    await axeCheck(page, `a finding raised as an issue (${lang})`);
    await screenshot(page, `assessment-finding-${lang}`);
    await open.click();
    await page.waitForURL(/\/issues\/[0-9a-f-]{36}$/);
    issueId = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 2, name: text(lang, 'ev.title') }).waitFor();
    await page
      .getByRole('link', { name: 'Ак-Сайдын аялдарынын көбү ичүүчү сууну арыктан алышат.' })
      .waitFor();
    await axeCheck(page, `an issue with its evidence (${lang})`);
    await screenshot(page, `assessment-issue-evidence-${lang}`);
  });

  it('the same screens read in Russian', async () => {
    const lang = 'ru';
    expect(findingId && issueId).toBeTruthy();
    suite.context = await phone(suite.browser, {
      lang,
      baseURL: suite.hub.baseUrl,
      user: facilitator,
    });
    const page = await suite.context.newPage();
    await page.goto(`/surveys/${surveyId}/results?by=gender`);
    await page.locator('table.crosstab td.suppressed.primary').first().waitFor();
    await page.getByText(text(lang, 'res.primary', { min: '5' })).waitFor();
    await axeCheck(page, `survey results (${lang})`);
    await screenshot(page, `assessment-results-${lang}`);

    // A two-way cross-tab: gender × age band, its groups named by both.
    await page.selectOption('#res-then', 'ageBand');
    await page.waitForURL(/by=gender%2CageBand|by=gender,ageBand/);
    await page
      .locator('table.crosstab th', { hasText: `${text(lang, 'as.gender.female')} · 18–29 лет` })
      .first()
      .waitFor();
    // A wide table scrolls inside its box: the page itself stays as wide as the phone.
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `a two-way cross-tab (${lang})`);
    await screenshot(page, `assessment-results-two-way-${lang}`);

    // The export needs the token: fetched as a file and saved, with Russian labels.
    await page.selectOption('#res-labels', 'ru');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: text(lang, 'res.export.csv') }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(path, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Из арыка');
    expect(csv.trim().split('\n')).toHaveLength(1 + 22);

    await page.goto(`/focus-groups/${eventId}`);
    await page.getByText('Женщины сказали, что воду носят из арыка.').waitFor();
    await axeCheck(page, `a held focus group (${lang})`);
    await screenshot(page, `assessment-fg-${lang}`);

    await page.goto(`/findings/${findingId}`);
    await page.getByRole('heading', { level: 2, name: text(lang, 'fd.evidence') }).waitFor();
    await page.locator('ol.trace li', { hasText: text(lang, 'fd.trace.issue') }).waitFor();
    await axeCheck(page, `a finding (${lang})`);
    await screenshot(page, `assessment-finding-${lang}`);

    await page.goto('/findings');
    await page.getByRole('link', { name: /Ак-Сайдын аялдарынын көбү/ }).waitFor();
    await screenshot(page, `assessment-findings-${lang}`);

    await page.goto(`/issues/${issueId}`);
    await page.getByRole('heading', { level: 2, name: text(lang, 'ev.title') }).waitFor();
    await screenshot(page, `assessment-issue-evidence-${lang}`);
  });
});
