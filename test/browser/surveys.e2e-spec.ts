// Surveys in the browser (issue 12) on 360×640 phones, against the built hub serving the built
// client. An enumerator of an NGO types three paper forms while the phone is offline (village and
// date kept from form to form, the counters moving), comes back online, and the hub has each of
// the three exactly once (read back as staff); a facilitator then sees the cross-tab by gender.
// In Russian, a facilitator builds a survey in the builder (labels per language, a skip rule, the
// preview), opens it, and a resident answers it on the phone with the skip logic live.
// axe on each screen; screenshots at 360 px in ky and ru when KENESH_SCREENSHOTS is set.
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  axeCheck,
  describeIfBrowser,
  phone,
  registerUser,
  screenshot,
  useBrowserSuite,
  waitForServiceWorker,
  type ApiUser,
  type BrowserHub,
} from '../support/browser.js';
import { apiCall, apiOk } from '../support/browser-api.js';
import { webText as text } from './web-texts.js';
import { TERRITORY } from '../support/factories.js';

jest.setTimeout(180_000);

const QUESTIONS = [
  {
    key: 'water_source',
    type: 'single_choice',
    label: { ky: 'Ичүүчү сууну кайдан аласыз?', ru: 'Откуда вы берёте питьевую воду?' },
    required: true,
    choices: [
      { code: 'canal', label: { ky: 'Арыктан', ru: 'Из арыка' } },
      { code: 'tap', label: { ky: 'Крандан', ru: 'Из крана' } },
      { code: 'well', label: { ky: 'Кудуктан', ru: 'Из колодца' } },
    ],
  },
  {
    key: 'canal_days',
    type: 'integer',
    label: { ky: 'Аптасына канча күн суу жок?', ru: 'Сколько дней в неделю нет воды?' },
    required: true,
    min: 0,
    max: 7,
    relevant: { '==': [{ var: 'water_source' }, 'canal'] },
  },
];

/** Stores one form through the API (PUT, the phone's own id), as another enumerator's phone would. */
async function putForm(
  hub: BrowserHub,
  user: ApiUser,
  surveyId: string,
  gender: 'female' | 'male',
  answers: Record<string, unknown>,
): Promise<void> {
  const { status, body } = await apiCall(
    hub,
    user,
    'PUT',
    `/surveys/${surveyId}/submissions/${crypto.randomUUID()}`,
    {
      version: 1,
      mode: 'paper',
      respondent: { gender, ageBand: '30-44', territoryId: TERRITORY.akSaiVillage },
      answers,
      collectedOn: '2026-11-27',
    },
  );
  if (status !== 201) throw new Error(`PUT form: ${status} ${JSON.stringify(body)}`);
}

interface Survey {
  id: string;
  version: number;
}

async function openSurvey(hub: BrowserHub, facilitator: ApiUser, tag: string): Promise<Survey> {
  const made = await apiOk<Survey>(hub, facilitator, 'POST', '/surveys', {
    title: { ky: `Суу боюнча сурамжылоо ${tag}`, ru: `Опрос о воде ${tag}` },
    anonymous: false,
    minCellSize: 3,
    territoryIds: [TERRITORY.akSai],
    audiences: ['residents', 'women'],
    questions: QUESTIONS,
  });
  await apiOk(hub, facilitator, 'POST', `/surveys/${made.id}/transitions`, { to: 'open' });
  return made;
}

/** Fills one paper form in the batch screen (answers in the form's order) and saves it. */
async function paperForm(
  page: Page,
  lang: 'ky' | 'ru',
  form: { gender: string; age: string; source: string; days?: string },
): Promise<void> {
  await page.locator(`input[name="batch-r-gender"][value="${form.gender}"]`).check();
  await page.locator(`input[name="batch-r-age"][value="${form.age}"]`).check();
  await page.locator(`input[name="batch-q-water_source"][value="${form.source}"]`).check();
  if (form.days !== undefined) await page.fill('#batch-q-canal_days', form.days);
  await page.getByRole('button', { name: text(lang, 'surveys.batch.next') }).click();
}

describeIfBrowser('surveys in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });

  it('an enumerator types three paper forms offline; back online, the hub has each once; a facilitator sees the cross-tab', async () => {
    const { hub, browser } = suite;
    const facilitator = await registerUser(hub, { role: 'facilitator', preferredLanguage: 'ky' });
    const enumerator = await registerUser(hub, { preferredLanguage: 'ky' });
    const tag = enumerator.id.slice(0, 6);
    await apiOk(hub, enumerator, 'PATCH', '/me', { territoryId: TERRITORY.akSai });
    await apiOk(hub, enumerator, 'POST', '/organisations', {
      name: `Аялдар кеңеши ${tag}`,
      kind: 'ngo',
      territoryId: TERRITORY.akSai,
    });
    enumerator.user = await apiOk(hub, enumerator, 'GET', '/me');
    const survey = await openSurvey(hub, facilitator, tag);

    suite.context = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user: enumerator });
    const page = await suite.context.newPage();
    await page.goto('/surveys');
    const card = page.locator('.survey-list li.card', { hasText: `Суу боюнча сурамжылоо ${tag}` });
    await card.waitFor();
    await axeCheck(page, 'survey list (ky)');
    await screenshot(page, 'surveys-list-ky');
    await card.getByRole('link', { name: text('ky', 'surveys.batchLink') }).click();
    await page.locator('#batch-r-place').waitFor();
    await page
      .locator(`#batch-r-place option[value="${TERRITORY.kokTashVillage}"]`)
      .waitFor({ state: 'attached' });
    await waitForServiceWorker(page);
    await axeCheck(page, 'batch entry (ky)');

    await suite.context.setOffline(true);
    await page.selectOption('#batch-r-place', TERRITORY.kokTashVillage);
    await page.fill('#batch-date', '2026-11-28');
    await paperForm(page, 'ky', { gender: 'female', age: '30-44', source: 'canal', days: '3' });
    // The next form keeps the village and the date, is otherwise empty, and starts at the top.
    await page.getByText(text('ky', 'surveys.batch.entered', { count: '1' })).waitFor();
    expect(await page.inputValue('#batch-r-place')).toBe(TERRITORY.kokTashVillage);
    expect(await page.inputValue('#batch-date')).toBe('2026-11-28');
    expect(await page.locator('input[name="batch-r-gender"]:checked').count()).toBe(0);
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).toBe('batch-r-gender');
    // Skip logic live: "how many days" shows only for the canal.
    await page.locator('input[name="batch-q-water_source"][value="tap"]').check();
    expect(await page.locator('#batch-q-canal_days').count()).toBe(0);
    await page.locator('input[name="batch-q-water_source"][value="canal"]').check();
    await page.locator('#batch-q-canal_days').waitFor();
    // A missing answer is caught on the phone, at its field.
    await page.getByRole('button', { name: text('ky', 'surveys.batch.next') }).click();
    await page.locator('#batch-q-canal_days[aria-invalid="true"]').waitFor();
    await page.locator('input[name="batch-q-water_source"][value="tap"]').check();

    await paperForm(page, 'ky', { gender: 'male', age: '45-59', source: 'tap' });
    await page.selectOption('#batch-r-place', TERRITORY.akSaiVillage);
    await paperForm(page, 'ky', { gender: 'female', age: '18-29', source: 'well' });
    await page.getByText(text('ky', 'surveys.batch.entered', { count: '3' })).waitFor();
    await page.getByText(text('ky', 'surveys.batch.waiting', { count: '3' })).waitFor();
    await axeCheck(page, 'batch entry with three forms waiting (ky)');
    await screenshot(page, 'surveys-batch-offline-ky');

    // Back online: the three go out; the counter of waiting forms falls to zero.
    await suite.context.setOffline(false);
    await page
      .getByText(text('ky', 'surveys.batch.waiting', { count: '0' }))
      .waitFor({ timeout: 30_000 });

    // Each of the three is stored once, with its village, date and answers (read as staff).
    const all = await apiOk<{
      items: Array<{
        id: string;
        enteredById: string | null;
        mode: string;
        respondent: { gender: string; ageBand: string; territoryId: string };
        answers: Record<string, unknown>;
        collectedOn: string | null;
      }>;
    }>(hub, facilitator, 'GET', `/surveys/${survey.id}/submissions?limit=100`);
    const rows = { items: all.items.filter((r) => r.enteredById === enumerator.id) };
    expect(rows.items).toHaveLength(3);
    expect(new Set(rows.items.map((r) => r.id)).size).toBe(3);
    expect(
      rows.items
        .map((r) => [
          r.respondent.gender,
          r.respondent.ageBand,
          r.respondent.territoryId,
          r.answers,
        ])
        .sort((a, b) => (a[1] as string).localeCompare(b[1] as string)),
    ).toEqual([
      ['female', '18-29', TERRITORY.akSaiVillage, { water_source: 'well' }],
      ['female', '30-44', TERRITORY.kokTashVillage, { water_source: 'canal', canal_days: 3 }],
      ['male', '45-59', TERRITORY.kokTashVillage, { water_source: 'tap' }],
    ]);
    expect(rows.items.every((r) => r.mode === 'paper' && r.collectedOn === '2026-11-28')).toBe(
      true,
    );
    // Asked again, the hub says it has all three (what the phone's reconcile reads).
    const again = await apiOk<{ received: string[]; missing: string[] }>(
      hub,
      enumerator,
      'POST',
      `/surveys/${survey.id}/submissions/reconcile`,
      { ids: rows.items.map((r) => r.id) },
    );
    expect(again.missing).toEqual([]);
    await screenshot(page, 'surveys-batch-sent-ky');

    // The facilitator's cross-tab by gender (the results screen is the assessment screens'):
    // the three forms and six typed in by a colleague, so each gender's group is big enough.
    for (const [gender, water] of [
      ['female', 'canal'],
      ['female', 'canal'],
      ['female', 'tap'],
      ['male', 'tap'],
      ['male', 'tap'],
      ['male', 'canal'],
    ] as const)
      await putForm(hub, facilitator, survey.id, gender, {
        water_source: water,
        ...(water === 'canal' ? { canal_days: 2 } : {}),
      });
    const results = await apiOk<{ respondents: number; minCellSize: number }>(
      hub,
      facilitator,
      'GET',
      `/surveys/${survey.id}/results?by=gender`,
    );
    expect(results).toMatchObject({ respondents: 9, minCellSize: 3 });
    await suite.context.close();
    suite.context = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user: facilitator });
    const staff = await suite.context.newPage();
    await staff.goto('/surveys');
    await staff
      .locator('.survey-list li.card', { hasText: `Суу боюнча сурамжылоо ${tag}` })
      .getByRole('link', { name: text('ky', 'surveys.results') })
      .click();
    await staff.waitForURL(new RegExp(`/surveys/${survey.id}/results`));
    const table = staff.locator('table.crosstab').first();
    await table.waitFor().catch(async (e: unknown) => {
      await screenshot(staff, 'surveys-results-failed');
      console.log(await staff.locator('main').innerText());
      throw e;
    });
    await table.locator('tr', { hasText: 'Арыктан' }).waitFor();
    await screenshot(staff, 'surveys-results-ky');
  });

  it('a facilitator builds a survey with a skip rule in Russian, opens it, and a resident answers it', async () => {
    const { hub, browser } = suite;
    const facilitator = await registerUser(hub, { role: 'facilitator', preferredLanguage: 'ru' });
    const tag = facilitator.id.slice(0, 6);
    await apiOk(hub, facilitator, 'PATCH', '/me', { territoryId: TERRITORY.akSai });
    facilitator.user = await apiOk(hub, facilitator, 'GET', '/me');
    suite.context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user: facilitator });
    const page = await suite.context.newPage();
    await page.goto('/surveys');
    await page.getByRole('link', { name: text('ru', 'surveys.new') }).click();
    await page.locator('#b-title-ky').waitFor();

    await page.fill('#b-title-ky', `Жолдор боюнча сурамжылоо ${tag}`);
    await page.fill('#b-title-ru', `Опрос о дорогах ${tag}`);
    await page.locator('#b-place-2').waitFor();
    await page.selectOption('#b-place-2', TERRITORY.akSai);
    await page.getByRole('button', { name: text('ru', 'raise.add') }).click();

    // Question 1: one choice, two answers; question 2: a number asked only for "bad".
    await page.getByRole('button', { name: text('ru', 'surveys.b.addQuestion') }).click();
    await page.fill('#bq-0-key', 'road');
    await page.fill('#bq-0-label-ky', 'Жолуңуз кандай?');
    await page.fill('#bq-0-label-ru', 'Какая у вас дорога?');
    await page.getByRole('button', { name: text('ru', 'surveys.b.addChoice') }).click();
    await page.fill('#bq-0-c0-code', 'good');
    await page.fill('#bq-0-c0-ky', 'Жакшы');
    await page.fill('#bq-0-c0-ru', 'Хорошая');
    await page.getByRole('button', { name: text('ru', 'surveys.b.addChoice') }).click();
    await page.fill('#bq-0-c1-code', 'bad');
    await page.fill('#bq-0-c1-ky', 'Начар');
    await page.fill('#bq-0-c1-ru', 'Плохая');
    await page.getByRole('button', { name: text('ru', 'surveys.b.addQuestion') }).click();
    await page.fill('#bq-1-key', 'months');
    await page.selectOption('#bq-1-type', 'integer');
    await page.fill('#bq-1-label-ky', 'Жылына канча ай өтүлбөйт?');
    await page.fill('#bq-1-label-ru', 'Сколько месяцев в году не проехать?');
    await page.fill('#bq-1-min', '0');
    await page.fill('#bq-1-max', '12');
    await page.selectOption('#bq-1-rel-q', 'road');
    await page.selectOption('#bq-1-rel-v', 'bad');

    // The preview follows the rule, in the chosen language.
    await page.selectOption('#b-preview-lang', 'ky');
    await page.getByText('Жолуңуз кандай?').waitFor();
    expect(await page.locator('#preview-q-months').count()).toBe(0);
    await page.locator('input[name="preview-q-road"][value="bad"]').check();
    await page.getByText('Жылына канча ай өтүлбөйт?').waitFor();
    await page.selectOption('#b-preview-lang', 'ru');
    await page
      .locator('label[for="preview-q-months"]', { hasText: 'Сколько месяцев в году не проехать?' })
      .waitFor();
    await axeCheck(page, 'builder (ru)');
    await screenshot(page, 'surveys-builder-ru');

    await page.getByRole('button', { name: text('ru', 'surveys.b.saveDraft') }).click();
    await page.waitForURL(/\/surveys\/[0-9a-f-]+\/edit$/);
    const id = page.url().split('/').slice(-2)[0];
    await page.getByRole('button', { name: text('ru', 'surveys.b.open') }).click();
    await page.getByText(text('ru', 'surveys.b.now.open')).waitFor();
    const stored = await apiOk<{
      status: string;
      questions: Array<{ key: string; relevant?: unknown }>;
    }>(hub, facilitator, 'GET', `/surveys/${id}`);
    expect(stored.status).toBe('open');
    expect(stored.questions[1]).toMatchObject({
      key: 'months',
      relevant: { '==': [{ var: 'road' }, 'bad'] },
    });

    // The facilitator's list: the survey with its links, "New survey" above.
    await page.goto('/surveys');
    await page
      .locator('.survey-list li.card', { hasText: `Опрос о дорогах ${tag}` })
      .getByRole('link', { name: text('ru', 'surveys.edit') })
      .waitFor();
    await axeCheck(page, 'survey list, staff (ru)');
    await screenshot(page, 'surveys-list-ru');

    // A resident of Ak-Sai answers on the phone.
    const resident = await registerUser(hub, { preferredLanguage: 'ru' });
    await apiOk(hub, resident, 'PATCH', '/me', { territoryId: TERRITORY.akSaiVillage });
    resident.user = await apiOk(hub, resident, 'GET', '/me');
    await suite.context.close();
    suite.context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user: resident });
    const form = await suite.context.newPage();
    await form.goto(`/surveys/${id}/respond`);
    await form.locator('input[name="respond-q-road"]').first().waitFor();
    await form.locator('input[name="respond-r-gender"][value="female"]').check();
    await form.locator('input[name="respond-r-age"][value="18-29"]').check();
    await form.locator('input[name="respond-q-road"][value="bad"]').check();
    await form.fill('#respond-q-months', '15');
    await form.getByRole('button', { name: text('ru', 'surveys.submit') }).click();
    await form.getByText(text('ru', 'surveys.err.tooLarge', { max: '12' })).waitFor();
    await axeCheck(form, 'respondent form with an error (ru)');
    await screenshot(form, 'surveys-respond-ru');
    await form.fill('#respond-q-months', '4');
    await form.getByRole('button', { name: text('ru', 'surveys.submit') }).click();
    await form
      .getByText(text('ru', 'surveys.thanks'))
      .waitFor()
      .catch(async (e: unknown) => {
        console.log(await form.locator('main').innerText());
        throw e;
      });
    const rows = await apiOk<{ items: Array<{ answers: Record<string, unknown> }> }>(
      hub,
      facilitator,
      'GET',
      `/surveys/${id}/submissions`,
    );
    expect(rows.items.map((r) => r.answers)).toEqual([{ road: 'bad', months: 4 }]);

    // Answers exist: the facilitator's change (a new answer, a relabel) is a new version; the
    // answered question's key, type and codes are locked in the editor.
    await suite.context.close();
    suite.context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user: facilitator });
    const editor = await suite.context.newPage();
    await editor.goto(`/surveys/${id}/edit`);
    await editor.getByText(text('ru', 'surveys.b.versionNote')).waitFor();
    // The survey is open: the hub takes no PATCH, so its own fields are locked, and said why.
    await editor.getByText(text('ru', 'surveys.b.fixedOnceOpen')).waitFor();
    expect(await editor.locator('#b-min-cell').isDisabled()).toBe(true);
    expect(await editor.locator('#bq-0-key').isDisabled()).toBe(true);
    expect(await editor.locator('#bq-0-c1-code').isDisabled()).toBe(true);
    await editor
      .getByRole('button', { name: text('ru', 'surveys.b.addChoice') })
      .first()
      .click();
    await editor.fill('#bq-0-c2-code', 'none');
    await editor.fill('#bq-0-c2-ky', 'Жол жок');
    await editor.fill('#bq-0-c2-ru', 'Дороги нет');
    await editor.fill('#bq-0-label-ru', 'Какая дорога ведёт к вашему дому?');
    await editor.getByRole('button', { name: text('ru', 'surveys.b.saveVersion') }).click();
    await editor.getByText(text('ru', 'surveys.b.versionSaved')).waitFor();
    await axeCheck(editor, 'builder, a new version (ru)');
    await screenshot(editor, 'surveys-builder-version-ru');
    const v2 = await apiOk<{ version: number; questions: Array<{ choices?: unknown[] }> }>(
      hub,
      facilitator,
      'GET',
      `/surveys/${id}`,
    );
    expect(v2.version).toBe(2);
    expect(v2.questions[0]?.choices).toHaveLength(3);
  });

  it('a resident without an account answers through a public link (ky), offline first', async () => {
    const { hub, browser } = suite;
    const facilitator = await registerUser(hub, { role: 'facilitator', preferredLanguage: 'ky' });
    const survey = await openSurvey(hub, facilitator, facilitator.id.slice(0, 6));
    // The facilitator makes the link on the builder: one answer at most, until a day ahead; a
    // day in the past is refused on the phone first.
    const staff = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user: facilitator });
    const builder = await staff.newPage();
    await builder.goto(`/surveys/${survey.id}/edit`);
    await builder.getByRole('heading', { name: text('ky', 'surveys.links.title') }).waitFor();
    await builder.getByText(text('ky', 'surveys.links.none')).waitFor();
    await builder.fill('#link-cap', '1');
    await builder.fill('#link-until', '2020-01-01');
    await builder.getByRole('button', { name: text('ky', 'surveys.b.makeLink') }).click();
    await builder.getByText(text('ky', 'surveys.links.untilPast')).waitFor();
    const ahead = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await builder.fill('#link-until', ahead);
    await builder.getByRole('button', { name: text('ky', 'surveys.b.makeLink') }).click();
    const address = await builder.locator('.links a[href*="/s/"]').getAttribute('href');
    expect(address).toMatch(/\/s\/[\w-]+$/);
    await builder
      .getByText(text('ky', 'surveys.links.countOf', { count: '0', max: '1' }))
      .waitFor();
    await axeCheck(builder, 'builder, public links (ky)');
    await screenshot(builder, 'surveys-links-ky');
    const links = await apiOk<{ items: Array<{ maxResponses: number; expiresAt: string }> }>(
      hub,
      facilitator,
      'GET',
      `/surveys/${survey.id}/links`,
    );
    expect(links.items).toEqual([expect.objectContaining({ maxResponses: 1 })]);
    // The end of that day on the phone's clock (Asia/Bishkek, UTC+6): 17:59:59Z the same day.
    expect(links.items[0].expiresAt).toBe(`${ahead}T17:59:59.000Z`);

    suite.context = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl });
    const page = await suite.context.newPage();
    await page.goto(new URL(address!).pathname);
    await page.locator('input[name="public-q-water_source"]').first().waitFor();
    await page
      .locator(`#public-r-place option[value="${TERRITORY.kokTashVillage}"]`)
      .waitFor({ state: 'attached' });
    await page.locator('input[name="public-r-gender"][value="female"]').check();
    await page.locator('input[name="public-r-age"][value="<18"]').check();
    await page.selectOption('#public-r-place', TERRITORY.kokTashVillage);
    await page.locator('input[name="public-q-water_source"][value="canal"]').check();
    await page.fill('#public-q-canal_days', '5');
    await axeCheck(page, 'public form (ky)');
    await screenshot(page, 'surveys-public-ky');
    // Sent while the phone is offline: it waits on the phone, then goes when the link returns.
    await suite.context.setOffline(true);
    await page.getByRole('button', { name: text('ky', 'surveys.submit') }).click();
    await page.getByRole('heading', { name: text('ky', 'surveys.savedOnPhone') }).waitFor();
    await screenshot(page, 'surveys-public-waiting-ky');
    await suite.context.setOffline(false);
    await page
      .getByRole('heading', { name: text('ky', 'surveys.thanks') })
      .waitFor({ timeout: 30_000 });
    const rows = await apiOk<{
      items: Array<{ viaLink: boolean; enteredById: string | null; answers: unknown }>;
    }>(hub, facilitator, 'GET', `/surveys/${survey.id}/submissions`);
    expect(rows.items).toEqual([
      expect.objectContaining({
        viaLink: true,
        enteredById: null,
        answers: { water_source: 'canal', canal_days: 5 },
      }),
    ]);
    // Its one answer used, the builder lists the link as ended.
    await builder.reload();
    await builder
      .getByText(text('ky', 'surveys.links.countOf', { count: '1', max: '1' }))
      .waitFor();
    await builder.getByText(text('ky', 'surveys.links.ended')).waitFor();
    await staff.close();
  });
});
