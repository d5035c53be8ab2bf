// The NGO member's path through people and organisations (issue 10, screen 7), in Kyrgyz and in
// Russian on a 360×640 phone, against the real hub serving the built client: find a person and
// open their profile, edit my profile, open my organisation, invite someone; that person accepts
// the invitation on their own "My profile" page; register an organisation. axe-core (WCAG 2.1
// AA) on every screen.
import { jest } from '@jest/globals';
import {
  BROWSER_HOOK_TIMEOUT_MS,
  BROWSER_TEST_TIMEOUT_MS,
  type ApiUser,
  axeCheck,
  describeIfBrowser,
  phone,
  registerUser,
  screenshot,
  useBrowserSuite,
} from '../support/browser.js';
import { apiOk } from '../support/browser-api.js';
import { webText as say } from './web-texts.js';

jest.setTimeout(2 * BROWSER_TEST_TIMEOUT_MS);

describeIfBrowser('people and organisations on a phone', () => {
  const suite = useBrowserSuite();

  describe.each(['ky', 'ru'] as const)('in %s', (lang) => {
    let owner: ApiUser;
    let invitee: ApiUser;
    let org: { id: string; name: string };

    beforeAll(async () => {
      const tag = Math.random().toString(36).slice(2, 7);
      [owner, invitee] = await Promise.all([
        registerUser(suite.hub, {
          displayName: `Айгүл Токтосунова ${tag}`,
          preferredLanguage: lang,
        }),
        registerUser(suite.hub, { displayName: `Бакыт Осмонов ${tag}`, preferredLanguage: lang }),
      ]);
      const [territory] = (
        await apiOk<{ items: Array<{ id: string }> }>(
          suite.hub,
          owner,
          'GET',
          '/territories?level=aiyl_aimak&limit=1',
        )
      ).items;
      org = await apiOk<{ id: string; name: string }>(suite.hub, owner, 'POST', '/organisations', {
        name: `Аялдар кеңеши ${tag}`,
        kind: 'ngo',
        territoryId: territory.id,
      });
    }, BROWSER_HOOK_TIMEOUT_MS);

    it('an NGO member finds a person, edits their profile, opens their organisation and invites someone', async () => {
      suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: owner });
      const page = await suite.context.newPage();
      await page.goto('/issues');

      // The directory: search by name, open the profile.
      await page.getByRole('link', { name: say(lang, 'nav.people'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: say(lang, 'nav.people') }).waitFor();
      await axeCheck(page, `people (${lang})`);
      await screenshot(page, `people-${lang}`);
      await page.getByLabel(say(lang, 'people.search')).fill(invitee.displayName);
      await page.getByRole('button', { name: say(lang, 'people.find') }).click();
      await page.getByRole('link', { name: invitee.displayName }).click();
      await page.getByRole('heading', { level: 1, name: invitee.displayName }).waitFor();
      await axeCheck(page, `a profile (${lang})`);

      // My profile: position and languages, saved at the hub.
      await page.getByRole('link', { name: say(lang, 'nav.me') }).click();
      await page.getByRole('heading', { level: 1, name: say(lang, 'nav.me') }).waitFor();
      await axeCheck(page, `my profile (${lang})`);
      await page.getByLabel(say(lang, 'people.position')).fill('Аялдар кеңешинин төрагасы');
      await page.getByRole('checkbox', { name: 'Кыргызча' }).check();
      await page.getByRole('checkbox', { name: 'Русский' }).check();
      await page.getByRole('button', { name: say(lang, 'app.save') }).click();
      await page.getByText(say(lang, 'people.saved')).waitFor();
      await screenshot(page, `my-profile-${lang}`);
      expect(await apiOk(suite.hub, owner, 'GET', '/me')).toMatchObject({
        position: 'Аялдар кеңешинин төрагасы',
        languages: expect.arrayContaining(['ky', 'ru']),
      });

      // My organisation, from my profile.
      await page.getByRole('link', { name: org.name }).click();
      await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
      await axeCheck(page, `an organisation (${lang})`);

      // Its representative edits its description.
      await page.getByRole('button', { name: say(lang, 'people.org.edit') }).click();
      await page
        .getByLabel(say(lang, 'people.org.description'))
        .fill('Баткен районундагы аялдардын демилгелери');
      await axeCheck(page, `editing an organisation (${lang})`);
      await page.getByRole('button', { name: say(lang, 'app.save') }).click();
      await page.getByText('Баткен районундагы аялдардын демилгелери').waitFor();

      // Invite someone: find them, choose them, send.
      await page.getByLabel(say(lang, 'people.invitation.findPerson')).fill(invitee.displayName);
      await page
        .locator('.invite')
        .getByRole('button', { name: say(lang, 'people.find') })
        .click();
      await page.getByRole('radio', { name: invitee.displayName }).check();
      await page
        .getByRole('button', {
          name: say(lang, 'people.invitation.send', { name: invitee.displayName }),
        })
        .click();
      await page
        .getByText(say(lang, 'people.invitation.sent', { name: invitee.displayName }))
        .waitFor();
      await axeCheck(page, `an organisation with an invitation (${lang})`);
      await screenshot(page, `organisation-${lang}`);

      // Its members in the directory.
      await page.getByRole('link', { name: say(lang, 'people.org.inDirectory') }).click();
      await page.getByText(say(lang, 'people.inOrganisation')).waitFor();
      await page.getByRole('link', { name: owner.displayName }).waitFor();
      await expect(page.getByRole('link', { name: invitee.displayName }).count()).resolves.toBe(0);
    });

    it('the invitee accepts the invitation on their own page', async () => {
      suite.context = await phone(suite.browser, {
        lang,
        baseURL: suite.hub.baseUrl,
        user: invitee,
      });
      const page = await suite.context.newPage();
      await page.goto('/issues');
      await page.getByRole('link', { name: say(lang, 'nav.me') }).click();
      await page.getByRole('heading', { name: say(lang, 'people.invitation.mine') }).waitFor();
      await axeCheck(page, `my invitations (${lang})`);
      await page.getByRole('button', { name: say(lang, 'people.invitation.accept') }).click();
      await page.getByText(say(lang, 'people.invitation.accepted', { name: org.name })).waitFor();
      const members = await apiOk<{ items: Array<{ userId: string; role: string }> }>(
        suite.hub,
        owner,
        'GET',
        `/organisations/${org.id}/members`,
      );
      expect(members.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: invitee.id, role: 'member' })]),
      );
      // My organisations now name it.
      await page
        .getByRole('region', { name: say(lang, 'people.myOrganisations') })
        .getByRole('link', { name: org.name })
        .waitFor();
    });

    it('the organisations list, and registering an organisation', async () => {
      suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: owner });
      const page = await suite.context.newPage();
      await page.goto('/organisations');
      await page.getByRole('heading', { level: 1, name: say(lang, 'nav.organisations') }).waitFor();
      await page.getByRole('link', { name: org.name }).waitFor();
      await axeCheck(page, `organisations (${lang})`);

      const name = `Жаштар демилгеси ${lang}`;
      await page.getByRole('button', { name: say(lang, 'people.org.create') }).click();
      await page.getByLabel(say(lang, 'people.org.name')).fill(name);
      for (const level of [
        'ui.level.oblast',
        'ui.level.district',
        'ui.level.aiyl_aimak',
      ] as const) {
        const select = page.getByLabel(say(lang, level), { exact: true });
        await select.locator('option').nth(1).waitFor({ state: 'attached' });
        await select.selectOption({ index: 1 });
      }
      await axeCheck(page, `registering an organisation (${lang})`);
      await page.getByRole('button', { name: say(lang, 'people.org.createSubmit') }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByText(say(lang, 'people.org.myRole')).waitFor();
    });
  });
});
