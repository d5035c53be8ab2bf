// Campaigns in the browser (issue 13) on 360×640 phones, against the built hub serving the built
// client. A member of an organisation, on a phone in Kyrgyz, opens a campaign's reach form, loses
// the network, enters two lines (day, place and channel kept from the first to the second; each
// waiting on the phone), comes back online, and the hub has each line exactly once. A facilitator
// on a phone in Russian then reads the campaign: its publications per language and the reach
// summary with the two lines in it. axe on each screen; screenshots at 360 px in ky and ru when
// KENESH_SCREENSHOTS is set.
import { jest } from '@jest/globals';
import {
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

jest.setTimeout(180_000);

const DAY_MS = 86_400_000;

interface ReachRow {
  clientRowId: string;
  territoryId: string;
  channel: string;
  publicationId: string | null;
  female: number;
  male: number;
  undisclosed: number;
  estimated: boolean;
  organisationId: string;
  date: string;
}

describeIfBrowser('campaigns in the browser', () => {
  const suite = useBrowserSuite({ env: { KENESH_RATE_LIMITS: 'off' } });

  it('a member enters two reach lines offline on a phone (ky); back online, each is stored once; the summary shows them (ru)', async () => {
    const { hub, browser } = suite;
    const facilitator = await registerUser(hub, { role: 'facilitator', preferredLanguage: 'ru' });
    const member = await registerUser(hub, { preferredLanguage: 'ky' });
    const tag = member.id.slice(0, 6);
    await apiOk(hub, member, 'PATCH', '/me', { territoryId: TERRITORY.akSai });
    const org = await apiOk<{ id: string }>(hub, member, 'POST', '/organisations', {
      name: `Аялдар кеңеши ${tag}`,
      kind: 'ngo',
      territoryId: TERRITORY.akSai,
    });
    member.user = await apiOk(hub, member, 'GET', '/me');
    const campaign = await apiOk<{ id: string }>(hub, facilitator, 'POST', '/campaigns', {
      title: { ky: `Жайыт укугу ${tag}`, ru: `Право на пастбища ${tag}` },
      objective: {
        ky: 'Чек ара тургундары жайытка укуктарын билишет',
        ru: 'Жители приграничья знают свои права на пастбища',
      },
      startsAt: new Date(Date.now() - 5 * DAY_MS).toISOString(),
      endsAt: new Date(Date.now() + 5 * DAY_MS).toISOString(),
    });
    const leaflet = await apiOk<{ id: string }>(
      hub,
      facilitator,
      'POST',
      `/campaigns/${campaign.id}/publications`,
      {
        kind: 'leaflet',
        language: 'ky',
        title: 'Жайытка укугуңуз',
        audiences: ['women', 'farmers'],
      },
    );
    await apiOk(hub, facilitator, 'POST', `/publications/${leaflet.id}/approve`);
    await apiOk(hub, facilitator, 'POST', `/campaigns/${campaign.id}/publications`, {
      kind: 'radio',
      language: 'ru',
      title: 'Радиопередача о пастбищах',
      audiences: ['general'],
    });

    // The member's phone, in Kyrgyz: the form loads online once (the campaign is kept).
    suite.context = await phone(browser, { lang: 'ky', baseURL: hub.baseUrl, user: member });
    const page = await suite.context.newPage();
    await page.goto(`/campaigns/${campaign.id}/reach`);
    await page.locator('#reach-female').waitFor();
    await page
      .locator(`#reach-publication option[value="${leaflet.id}"]`)
      .waitFor({ state: 'attached' });
    await page.locator('#reach-place-0').waitFor();
    await waitForServiceWorker(page);
    await axeCheck(page, 'reach form (ky)');
    await screenshot(page, 'campaigns-reach-form-ky');

    await suite.context.setOffline(true);
    // First line: a meeting where the leaflet went to women, counted.
    await page.selectOption('#reach-channel', 'meeting');
    await page.selectOption('#reach-publication', leaflet.id);
    await page.selectOption('#reach-audience', 'women');
    await page.fill('#reach-female', '23');
    await page.fill('#reach-male', '4');
    await page.getByRole('button', { name: text('ky', 'campaigns.reach.next') }).click();
    await page.getByText(text('ky', 'campaigns.reach.entered', { count: '1' })).waitFor();
    // The day, place and channel stay; the numbers are empty for the next line.
    expect(await page.inputValue('#reach-channel')).toBe('meeting');
    expect(await page.inputValue('#reach-female')).toBe('');
    expect(await page.inputValue('#reach-date')).not.toBe('');
    // Second line: the same meeting's men and youth, estimated, without a publication.
    await page.selectOption('#reach-publication', '');
    await page.selectOption('#reach-audience', 'youth');
    await page.fill('#reach-female', '10');
    await page.fill('#reach-male', '14');
    await page.fill('#reach-undisclosed', '2');
    await page.locator('input[name="reach-estimated"][value="estimated"]').check();
    await page.getByRole('button', { name: text('ky', 'campaigns.reach.next') }).click();
    await page.getByText(text('ky', 'campaigns.reach.entered', { count: '2' })).waitFor();
    await page.getByText(text('ky', 'campaigns.reach.waiting', { count: '2' })).waitFor();
    expect(await page.locator('.reach-lines li.waiting').count()).toBe(2);
    await axeCheck(page, 'reach form with two lines waiting (ky)');
    await screenshot(page, 'campaigns-reach-offline-ky');

    // Back online: the two go out, each once.
    await suite.context.setOffline(false);
    await page
      .getByText(text('ky', 'campaigns.reach.waiting', { count: '0' }))
      .waitFor({ timeout: 30_000 });
    await page.locator('.reach-lines li.stored').nth(1).waitFor();
    await screenshot(page, 'campaigns-reach-sent-ky');
    const stored = await apiOk<{ items: ReachRow[] }>(
      hub,
      facilitator,
      'GET',
      `/campaigns/${campaign.id}/reach?limit=100`,
    );
    expect(stored.items).toHaveLength(2);
    expect(new Set(stored.items.map((r) => r.clientRowId)).size).toBe(2);
    expect(
      stored.items
        .map((r) => [
          r.territoryId,
          r.channel,
          r.publicationId,
          r.female,
          r.male,
          r.undisclosed,
          r.estimated,
          r.organisationId,
        ])
        .sort((a, b) => Number(a[3]) - Number(b[3])),
    ).toEqual([
      [TERRITORY.akSai, 'meeting', null, 10, 14, 2, true, org.id],
      [TERRITORY.akSai, 'meeting', leaflet.id, 23, 4, 0, false, org.id],
    ]);
    expect(stored.items[0].date).toBe(stored.items[1].date);
    const [{ n }] = await hub.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM campaign_reach WHERE campaign_id = $1',
      [campaign.id],
    );
    expect(n).toBe(2);

    // The facilitator's phone, in Russian: publications per language and the summary.
    await suite.context.close();
    suite.context = await phone(browser, { lang: 'ru', baseURL: hub.baseUrl, user: facilitator });
    const staffPage = await suite.context.newPage();
    await staffPage.goto('/campaigns');
    const card = staffPage.locator('li .card', { hasText: `Право на пастбища ${tag}` });
    await card.waitFor();
    expect(await card.innerText()).toContain(text('ru', 'campaigns.reached', { count: '53' }));
    await axeCheck(staffPage, 'campaign list (ru)');
    await screenshot(staffPage, 'campaigns-list-ru');
    await card.getByRole('link').click();
    await staffPage.getByRole('heading', { name: text('ru', 'campaigns.summary') }).waitFor();
    await staffPage.locator('#cp-by-territory').waitFor();
    const byLanguage = staffPage.locator('section[aria-labelledby="cp-by-language"] tbody tr');
    expect(await byLanguage.allInnerTexts()).toEqual([
      expect.stringMatching(/^Кыргызский\s+27\s+0\s+23\s+4$/),
      expect.stringMatching(/^Без материала\s+0\s+26\s+10\s+14$/),
    ]);
    const byTerritory = staffPage.locator('section[aria-labelledby="cp-by-territory"] tbody tr');
    expect(await byTerritory.allInnerTexts()).toEqual([
      expect.stringMatching(/Ак-Сай.*\s+27\s+26\s+33\s+18$/),
    ]);
    await axeCheck(staffPage, 'campaign with summary (ru)');
    await screenshot(staffPage, 'campaigns-summary-ru');
    // The Russian radio piece waits for approval; the facilitator approves it.
    await staffPage.getByRole('button', { name: /^ru\s/ }).click();
    await staffPage.getByText(text('ru', 'campaigns.waitingApproval')).waitFor();
    await screenshot(staffPage, 'campaigns-publications-ru');
    await staffPage.getByRole('button', { name: text('ru', 'campaigns.approve') }).click();
    await staffPage.locator('.publication .badge.approved').waitFor();
  });
});
