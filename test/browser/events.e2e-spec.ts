// Events in the browser (issue 13), on 360×640 phones against the built hub serving the built
// client. In Kyrgyz, the representative of a network-member aiyl okmotu plans a training; a member
// registers on her phone in Russian; the organiser types three lines of the paper sign-in sheet
// while the phone is OFFLINE (organisation and territory kept from row to row, the counter of
// entered and waiting moving), comes back online, and the hub has exactly three lines (read
// through the API), each once. The organiser closes the training with minutes and a commitment;
// the member reads the statistics in Russian with small cells marked × and the legend. axe on
// each screen; screenshots at 360 px when KENESH_SCREENSHOTS is set.
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  axeCheck,
  describeIfBrowser,
  phone,
  pickAkSai,
  registerUser,
  screenshot,
  useBrowserSuite,
  waitForServiceWorker,
  type ApiUser,
} from '../support/browser.js';
import { apiOk, memberOrganisation } from '../support/browser-api.js';
import { webText as text } from './web-texts.js';
import { TERRITORY } from '../support/factories.js';

jest.setTimeout(240_000);

/** One row of the paper sheet: a registered person or a name, then gender and age; saved. */
async function sheetRow(
  page: Page,
  row: { userId?: string; name?: string; gender: string; age: string; role?: string },
): Promise<void> {
  if (row.userId) await page.selectOption('#sh-person', row.userId);
  else await page.fill('#sh-name', row.name ?? '');
  await page.locator(`input[name="sh-gender"][value="${row.gender}"]`).check();
  await page.locator(`input[name="sh-age"][value="${row.age}"]`).check();
  if (row.role) await page.selectOption('#sh-role', row.role);
  await page.getByRole('button', { name: text('ky', 'events.sheet.save') }).click();
}

describeIfBrowser('events in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });
  let organiser: ApiUser;
  let member: ApiUser;
  let orgId: string;

  beforeAll(async () => {
    const { hub } = suite;
    organiser = await registerUser(hub, {
      displayName: 'Нурлан Абдыкадыров',
      preferredLanguage: 'ky',
    });
    member = await registerUser(hub, { displayName: 'Айгүл Садыкова', preferredLanguage: 'ru' });
    orgId = await memberOrganisation(
      hub,
      organiser,
      'Ак-Сай айыл өкмөтү',
      'aiyl_okmotu',
      TERRITORY.akSai,
    );
    organiser.user = await apiOk(hub, organiser, 'GET', '/me');
  }, 120_000);

  it('an organiser plans a training, a member registers, three sheet rows typed offline are stored once, the training is closed with a commitment, and the statistics show (ky, ru)', async () => {
    const { hub, browser } = suite;

    // ---- The organiser plans a training (ky) ---------------------------------------------------
    const orgPhone = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user: organiser });
    suite.context = orgPhone;
    const page = await orgPhone.newPage();
    await page.goto('/events');
    await page.getByRole('heading', { level: 1, name: text('ky', 'events.title') }).waitFor();
    await page.getByText(text('ky', 'events.none')).waitFor();
    await axeCheck(page, 'events list, empty (ky)');
    await page.getByRole('link', { name: text('ky', 'events.new') }).click();
    await page.locator('#ev-title-ky').waitFor();
    await page.fill('#ev-title-ky', 'Жер укугу боюнча тренинг');
    await page.fill('#ev-title-ru', 'Тренинг по земельному праву');
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
    await page.fill('#ev-date', tomorrow);
    await page.fill('#ev-time', '10:00');
    await pickAkSai(page, 'ev-territory');
    await page.fill('#ev-place', 'Айыл өкмөтүнүн залы');
    expect(await page.inputValue('#ev-org')).toBe(orgId);
    await page.fill('#ev-capacity', '20');
    await page.selectOption('#ev-language', 'ky');
    await axeCheck(page, 'new event (ky)');
    await screenshot(page, 'events-new-ky');
    await page.getByRole('button', { name: text('ky', 'events.create') }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    const eventId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('heading', { level: 1, name: 'Жер укугу боюнча тренинг' }).waitFor();
    await page
      .getByText(text('ky', 'events.placesTaken', { count: '0', capacity: '20' }))
      .waitFor();

    // ---- A member registers on her phone (ru) --------------------------------------------------
    const memberPhone = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user: member });
    const mpage = await memberPhone.newPage();
    try {
      await mpage.goto(`/events/${eventId}`);
      await mpage.getByRole('button', { name: text('ru', 'events.register') }).click();
      await mpage.getByText(text('ru', 'events.my.registered')).waitFor();
      await mpage.getByRole('button', { name: text('ru', 'events.unregister') }).waitFor();
      await axeCheck(mpage, 'event page, registered (ru)');
      await screenshot(mpage, 'events-registered-ru');

      // ---- The organiser sees her and opens the sheet -----------------------------------------
      await page.reload();
      await page.locator('.ev-people li', { hasText: 'Айгүл Садыкова' }).waitFor();
      await axeCheck(page, 'event page, organiser (ky)');
      await screenshot(page, 'events-event-organiser-ky');
      await page.getByRole('link', { name: text('ky', 'events.sheetLink') }).click();
      await page.locator(`#sh-person option[value="${member.id}"]`).waitFor({ state: 'attached' });
      await page.locator(`#sh-org option[value="${orgId}"]`).waitFor({ state: 'attached' });
      await page.getByText(text('ky', 'events.sheet.noRows')).waitFor();
      await waitForServiceWorker(page);
      await axeCheck(page, 'sign-in sheet (ky)');

      // ---- Three rows OFFLINE -----------------------------------------------------------------
      await orgPhone.setOffline(true);
      await page.selectOption('#sh-org', orgId);
      await pickAkSai(page, 'sh-territory');
      await sheetRow(page, { userId: member.id, gender: 'female', age: '18-29' });
      await page
        .getByText(text('ky', 'events.sheet.counter', { entered: '1', waiting: '1' }))
        .waitFor();
      // "Save and next" keeps the organisation, territory and role; the rest starts empty.
      expect(await page.inputValue('#sh-org')).toBe(orgId);
      expect(await page.inputValue('#sh-territory-2')).toBe(TERRITORY.akSai);
      expect(await page.inputValue('#sh-person')).toBe('');
      expect(await page.locator('input[name="sh-gender"]:checked').count()).toBe(0);
      // A row without a person is caught on the phone.
      await page.getByRole('button', { name: text('ky', 'events.sheet.save') }).click();
      await page.getByText(text('ky', 'events.sheet.needWho')).waitFor();
      await sheetRow(page, { name: 'Гүлнара Ташиева', gender: 'female', age: '30-44' });
      await sheetRow(page, {
        name: 'Азамат Калыев',
        gender: 'male',
        age: '45-59',
        role: 'speaker',
      });
      await page
        .getByText(text('ky', 'events.sheet.counter', { entered: '3', waiting: '3' }))
        .waitFor();
      await page.locator('.ev-waiting').nth(2).waitFor();
      expect(await page.locator('.ev-waiting').count()).toBe(3);
      await axeCheck(page, 'sign-in sheet, three rows waiting offline (ky)');
      await screenshot(page, 'events-sheet-offline-ky');

      // ---- Back online: the three go out, each once ------------------------------------------
      await orgPhone.setOffline(false);
      await page
        .getByText(text('ky', 'events.sheet.counter', { entered: '3', waiting: '0' }))
        .waitFor({ timeout: 45_000 });
      await page.locator('#sh-stored + ol li', { hasText: 'Азамат Калыев' }).waitFor();
      await screenshot(page, 'events-sheet-online-ky');
      const lines = await apiOk<{
        items: Array<{ clientRowId: string; name: string; organisationId: string | null }>;
      }>(hub, organiser, 'GET', `/events/${eventId}/attendance?limit=100`);
      expect(lines.items).toHaveLength(3);
      expect(new Set(lines.items.map((l) => l.clientRowId)).size).toBe(3);
      expect(lines.items.map((l) => l.name)).toEqual([
        'Айгүл Садыкова',
        'Гүлнара Ташиева',
        'Азамат Калыев',
      ]);
      expect(lines.items.every((l) => l.organisationId === orgId)).toBe(true);
      const [{ n }] = await hub.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM event_attendance WHERE event_id = $1',
        [eventId],
      );
      expect(n).toBe(3);

      // A few more lines from another phone, so the statistics have a base to show.
      await apiOk(hub, organiser, 'POST', `/events/${eventId}/attendance`, {
        rows: [
          ['female', '30-44'],
          ['female', '30-44'],
          ['female', '30-44'],
          ['female', '30-44'],
          ['male', '30-44'],
        ].map(([gender, ageBand], i) => ({
          clientRowId: randomUUID(),
          name: `Катышуучу ${i + 1}`,
          organisationId: orgId,
          gender,
          ageBand,
          role: 'participant',
        })),
      });

      // ---- Closing with minutes and a commitment (ky) ----------------------------------------
      await page.goto(`/events/${eventId}`);
      await page.locator('#ev-minutes-ky').waitFor();
      await page.fill('#ev-minutes-ky', 'Жер укугу боюнча тренинг өттү. 8 киши катышты.');
      await page.fill(
        '#ev-minutes-ru',
        'Тренинг по земельному праву проведён. Участвовали 8 человек.',
      );
      await page.getByRole('button', { name: text('ky', 'events.commitment.add') }).click();
      await page.fill('#ev-c-0-text', 'Жайыт боюнча чечимдин долбоорун даярдоо');
      await page.locator(`#ev-c-0-owner option[value="${orgId}"]`).waitFor({ state: 'attached' });
      await page.selectOption('#ev-c-0-owner', orgId);
      await page.fill('#ev-c-0-due', '2027-03-01');
      await axeCheck(page, 'closing the event (ky)');
      await page.getByRole('button', { name: text('ky', 'events.closeSubmit') }).click();
      await page.getByRole('heading', { name: text('ky', 'events.minutes') }).waitFor();
      await page.getByText('Жайыт боюнча чечимдин долбоорун даярдоо').waitFor();
      await page.getByText(text('ky', 'events.status.held')).first().waitFor();
      await screenshot(page, 'events-held-ky');
      const held = await apiOk<{
        status: string;
        commitments: Array<{ text: string; ownerOrganisationId: string; dueAt: string }>;
      }>(hub, organiser, 'GET', `/events/${eventId}`);
      expect(held.status).toBe('held');
      expect(held.commitments).toEqual([
        expect.objectContaining({
          text: 'Жайыт боюнча чечимдин долбоорун даярдоо',
          ownerOrganisationId: orgId,
        }),
      ]);

      // ---- The member reads the statistics (ru): small cells marked, the legend -------------
      await mpage.goto(`/events/${eventId}`);
      await mpage.getByRole('heading', { name: text('ru', 'events.stats') }).waitFor();
      await mpage.getByText(/Всего 8 человек/).waitFor();
      await mpage.locator('.ev-stats td.suppressed').first().waitFor();
      await mpage
        .getByText(text('ru', 'events.stats.legend', { n: '5' }), { exact: false })
        .waitFor();
      await mpage
        .getByText(text('ru', 'events.orgKind.aiyl_okmotu'), { exact: false })
        .first()
        .waitFor();
      // Everyone on the sheet came from the aiyl okmotu: one table, no empty kinds.
      expect(await mpage.locator('.ev-stats').count()).toBe(1);
      await axeCheck(mpage, 'event statistics, member (ru)');
      await screenshot(mpage, 'events-stats-ru');
      // The organiser sees every figure, without marks.
      await page.reload();
      await page.getByText(text('ky', 'events.stats.full')).waitFor();
      expect(await page.locator('.ev-stats td.suppressed').count()).toBe(0);

      // The list shows it among the upcoming ones (it starts tomorrow).
      await mpage.goto('/events');
      await mpage.getByRole('link', { name: 'Тренинг по земельному праву' }).waitFor();
      await axeCheck(mpage, 'events list (ru)');
      await screenshot(mpage, 'events-list-ru');
    } finally {
      await memberPhone.close();
    }
  });

  it('the representative of the organisation that raised an issue records the escalation it sent, from discussing (ru)', async () => {
    const { hub, browser } = suite;
    const facilitator = await registerUser(hub, { role: 'facilitator', preferredLanguage: 'ru' });
    const authority = await apiOk<{ id: string }>(hub, facilitator, 'POST', '/organisations', {
      name: 'Баткенская районная администрация',
      kind: 'state_administration',
      territoryId: TERRITORY.batkenDistrict,
    });
    const issue = await apiOk<{ id: string }>(hub, organiser, 'POST', '/issues', {
      title: 'Оросительный канал перекрыт у границы',
      body: 'С апреля вода не идёт по каналу; поля сохнут.',
      category: 'water_irrigation',
      territoryIds: [TERRITORY.akSai],
      decisionLevel: 'district',
      organisationId: orgId,
    });
    await apiOk(hub, facilitator, 'POST', `/issues/${issue.id}/transitions`, { to: 'discussing' });

    // A plain member sees no form; the representative does.
    suite.context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user: member });
    let page = await suite.context.newPage();
    await page.goto(`/issues/${issue.id}`);
    await page.getByRole('heading', { name: text('ru', 'issue.story') }).waitFor();
    expect(await page.getByRole('button', { name: text('ru', 'events.esc.open') }).count()).toBe(0);
    await suite.context.close();

    suite.context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user: organiser });
    page = await suite.context.newPage();
    await page.goto(`/issues/${issue.id}`);
    await page.getByRole('button', { name: text('ru', 'events.esc.open') }).click();
    await page
      .locator(`#esc-authority option[value="${authority.id}"]`)
      .waitFor({ state: 'attached' });
    await page.selectOption('#esc-authority', authority.id);
    await page.fill('#esc-reference', '01-17/245');
    await axeCheck(page, 'escalation form, representative (ru)');
    await screenshot(page, 'events-escalate-ru');
    await page.getByRole('button', { name: text('ru', 'events.esc.submit') }).click();
    await page
      .getByText(
        text('ru', 'issue.event.escalated', { authority: 'Баткенская районная администрация' }),
      )
      .waitFor();
    const [row] = await hub.query<{ status: string }>('SELECT status FROM issues WHERE id = $1', [
      issue.id,
    ]);
    expect(row.status).toBe('escalated');
    const escalations = await apiOk<{ items: Array<{ createdById: string; reference: string }> }>(
      hub,
      organiser,
      'GET',
      `/issues/${issue.id}/escalations`,
    );
    expect(escalations.items).toEqual([
      expect.objectContaining({ createdById: organiser.id, reference: '01-17/245' }),
    ]);
    // Escalated now: the form is gone for the representative (a second authority is staff's).
    await page.reload();
    await page.getByRole('heading', { name: text('ru', 'issue.story') }).waitFor();
    expect(await page.getByRole('button', { name: text('ru', 'events.esc.open') }).count()).toBe(0);
    await screenshot(page, 'events-escalated-issue-ru');
  });
});
