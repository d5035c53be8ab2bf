// Strategies in the browser (issue 13), on 360×640 phones against the built hub serving the built
// client. Seeded through the API: a strategy about an Ak-Sai issue with one objective and two
// actions owned by an aiyl okmotu, one of them past its due date. In Kyrgyz, the aiyl okmotu's
// representative opens the action on the phone and reports progress (a note, 60 %, in progress)
// with no signal: it waits in the outbox and goes when the signal is back; the update joins the
// timeline and the board shows the new progress. In Russian, a member reads
// the board: the overdue action is listed and flagged in words. axe on each screen.
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

const DAY_MS = 24 * 60 * 60 * 1000;

describeIfBrowser('strategies in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });
  let facilitator: ApiUser;
  let rep: ApiUser;
  let member: ApiUser;
  let strategyId: string;
  let onTime: string;
  let late: string;
  let objectiveId: string;

  beforeAll(async () => {
    const hub = suite.hub;
    facilitator = await registerUser(hub, { role: 'facilitator', preferredLanguage: 'ru' });
    rep = await registerUser(hub, { preferredLanguage: 'ky' });
    member = await registerUser(hub, { preferredLanguage: 'ru' });
    const owner = await apiOk<{ id: string }>(hub, rep, 'POST', '/organisations', {
      name: 'Ак-Сай айыл өкмөтү',
      kind: 'aiyl_okmotu',
      territoryId: TERRITORY.akSai,
    });
    const authority = await apiOk<{ id: string }>(hub, facilitator, 'POST', '/organisations', {
      name: 'Баткен райондук мамлекеттик администрациясы',
      kind: 'state_administration',
      territoryId: TERRITORY.batkenDistrict,
    });
    const issue = await apiOk<{ id: string }>(hub, rep, 'POST', '/issues', {
      title: 'Сугат суусу жетпейт',
      body: 'Жайында арыкта суу жок.',
      category: 'water_irrigation',
      territoryIds: [TERRITORY.akSai],
      decisionLevel: 'district',
    });
    const strategy = await apiOk<{ id: string }>(hub, facilitator, 'POST', '/strategies', {
      title: { ky: 'Сугат суусу боюнча стратегия', ru: 'Стратегия по поливной воде' },
      goal: { ky: 'Ар бир үйгө сугат суусу жетсин', ru: 'Поливная вода каждому двору' },
      issueIds: [issue.id],
    });
    strategyId = strategy.id;
    const objective = await apiOk<{ id: string }>(
      hub,
      facilitator,
      'POST',
      `/strategies/${strategyId}/objectives`,
      { title: { ky: 'Арыктарды калыбына келтирүү', ru: 'Восстановить арыки' }, weight: 2 },
    );
    objectiveId = objective.id;
    // A round table held, with a commitment of the aiyl okmotu.
    const event = await apiOk<{ id: string }>(hub, facilitator, 'POST', '/events', {
      kind: 'round_table',
      title: { ky: 'Суу боюнча тегерек үстөл', ru: 'Круглый стол по воде' },
      startsAt: new Date(Date.now() - 2 * DAY_MS).toISOString(),
      territoryId: TERRITORY.akSai,
      language: 'ru',
    });
    await apiOk(hub, facilitator, 'POST', `/events/${event.id}/close`, {
      minutes: { ru: 'Договорились о графике полива.' },
      commitments: [
        {
          text: 'Опубликовать график полива',
          ownerOrganisationId: owner.id,
          dueAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
        },
      ],
    });
    const action = (title: { ky: string; ru: string }, days: number) =>
      apiOk<{ id: string }>(hub, facilitator, 'POST', `/objectives/${objective.id}/actions`, {
        title,
        ownerOrganisationId: owner.id,
        targetAuthorityOrganisationId: authority.id,
        dueAt: new Date(Date.now() + days * DAY_MS).toISOString(),
      });
    onTime = (
      await action(
        {
          ky: 'Райондук администрацияга кат жазуу',
          ru: 'Написать письмо в районную администрацию',
        },
        20,
      )
    ).id;
    late = (
      await action(
        { ky: 'Арыкты тазалоого сметаны даярдоо', ru: 'Подготовить смету очистки арыка' },
        -5,
      )
    ).id;
  }, 120_000);

  it("the owner's representative reports progress on a phone, and the board shows it (ky)", async () => {
    const lang = 'ky';
    suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: rep });
    const page = await suite.context.newPage();
    await page.goto(`/strategies/actions/${onTime}`);
    await page
      .getByRole('heading', { level: 1, name: 'Райондук администрацияга кат жазуу' })
      .waitFor();
    await page.getByRole('heading', { name: text(lang, 'strategies.postUpdate') }).waitFor();
    await page.fill('#st-note', 'Кат даярдалды, райондук администрацияга тапшырылды.');
    await page.fill('#st-progress-number', '60');
    await page.selectOption('#st-status', 'in_progress');
    await axeCheck(page, `an action with its update form (${lang})`);
    await screenshot(page, `strategies-action-${lang}`);
    // No signal when it is sent: the update waits on the phone and goes when the signal is back.
    await suite.context.setOffline(true);
    await page.getByRole('button', { name: text(lang, 'strategies.send') }).click();
    await page.getByText(text(lang, 'strategies.waiting')).waitFor();
    await screenshot(page, `strategies-action-waiting-${lang}`);
    await suite.context.setOffline(false);
    // The timeline shows the update once the hub has it.
    await page
      .locator('.st-timeline')
      .getByText('Кат даярдалды, райондук администрацияга тапшырылды.')
      .waitFor({ timeout: 30_000 });
    await page.locator('[role="progressbar"][aria-valuenow="60"]').first().waitFor();
    await screenshot(page, `strategies-action-updated-${lang}`);
    const stored = await apiOk<{ progress: number; status: string; updates: unknown[] }>(
      suite.hub,
      rep,
      'GET',
      `/actions/${onTime}`,
    );
    expect(stored).toMatchObject({ progress: 60, status: 'in_progress' });
    expect(stored.updates).toHaveLength(1);

    // The board: the action at 60 %, the objective at (60 + 0) / 2 = 30 %.
    await page.getByRole('link', { name: text(lang, 'strategies.backToBoard') }).click();
    await page.getByRole('heading', { level: 1, name: 'Сугат суусу боюнча стратегия' }).waitFor();
    const action = page
      .getByRole('article', { name: 'Райондук администрацияга кат жазуу' })
      .first();
    expect(await action.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('60');
    const objective = page.getByRole('progressbar', {
      name: text(lang, 'strategies.progressOf', { name: 'Арыктарды калыбына келтирүү' }),
    });
    expect(await objective.getAttribute('aria-valuenow')).toBe('30');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `the board (${lang})`);
    await screenshot(page, `strategies-board-${lang}`);
  });

  it('a member reads the board: the overdue action is listed and flagged in words (ru)', async () => {
    const lang = 'ru';
    suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: member });
    const page = await suite.context.newPage();
    await page.goto('/strategies');
    await page.getByRole('heading', { level: 1, name: text(lang, 'strategies.title') }).waitFor();
    await page.getByRole('link', { name: 'Стратегия по поливной воде' }).waitFor();
    await page.getByText(text(lang, 'strategies.overdueCount', { count: '1' })).waitFor();
    await axeCheck(page, `the strategies (${lang})`);
    await screenshot(page, `strategies-list-${lang}`);

    await page.getByRole('link', { name: 'Стратегия по поливной воде' }).click();
    await page.getByRole('heading', { level: 1, name: 'Стратегия по поливной воде' }).waitFor();
    const overdue = page.getByRole('region', { name: text(lang, 'strategies.overdueTitle') });
    const lateCard = overdue.getByRole('article', { name: 'Подготовить смету очистки арыка' });
    await lateCard.waitFor();
    await lateCard.getByText(text(lang, 'strategies.overdue'), { exact: true }).waitFor();
    // The action on time is not in the overdue list.
    expect(
      await overdue
        .getByRole('article', { name: 'Написать письмо в районную администрацию' })
        .count(),
    ).toBe(0);
    // On the board too, flagged in words beside its status.
    const onBoard = page
      .getByRole('region', { name: 'Восстановить арыки' })
      .getByRole('article', { name: 'Подготовить смету очистки арыка' });
    await onBoard.getByText(text(lang, 'strategies.overdue'), { exact: true }).waitFor();
    await onBoard.getByText(text(lang, 'strategies.status.planned')).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await axeCheck(page, `the board (${lang})`);
    await screenshot(page, `strategies-board-${lang}`);

    // A member of another organisation may read an action but not report on it.
    await page.goto(`/strategies/actions/${late}`);
    await page.getByText(text(lang, 'strategies.onlyOwner')).waitFor();
    expect(await page.locator('#st-note').count()).toBe(0);
    await screenshot(page, `strategies-action-readonly-${lang}`);
  });

  it('a facilitator makes an action from an event commitment on the board (ru)', async () => {
    const lang = 'ru';
    suite.context = await phone(suite.browser, {
      lang,
      baseURL: suite.hub.baseUrl,
      user: facilitator,
    });
    const page = await suite.context.newPage();
    await page.goto(`/strategies/${strategyId}`);
    await page.getByRole('heading', { level: 1, name: 'Стратегия по поливной воде' }).waitFor();
    await page.getByRole('button', { name: text(lang, 'strategies.addAction') }).click();
    const select = page.locator(`#act-${objectiveId}-commitment`);
    await select.locator('option', { hasText: 'Опубликовать график полива' }).waitFor({
      state: 'attached',
    });
    const value = await select
      .locator('option', { hasText: 'Опубликовать график полива' })
      .getAttribute('value');
    await select.selectOption(value);
    await page.getByText(text(lang, 'strategies.commitmentHint')).waitFor();
    await axeCheck(page, `an action from a commitment (${lang})`);
    await screenshot(page, `strategies-from-commitment-${lang}`);
    await page.getByRole('button', { name: text(lang, 'strategies.create') }).click();
    await page.getByRole('article', { name: 'Опубликовать график полива' }).waitFor();
    const board = await apiOk<{
      objectives: Array<{ actions: Array<{ commitmentId: string | null }> }>;
    }>(suite.hub, facilitator, 'GET', `/strategies/${strategyId}`);
    expect(board.objectives[0].actions.filter((a) => a.commitmentId !== null)).toHaveLength(1);
    await screenshot(page, `strategies-board-staff-${lang}`);
  });
});
