// The facilitator's path (issue 10, screen 8), in Kyrgyz and in Russian on a 360×640 phone,
// against the real hub serving the built client: admit an organisation's network application,
// settle a flag by hiding the message, lock a room and mute a member in it, and find all of it in
// the audit log; an admin changes a member's role; a member sees no facilitation menu and
// /facilitation tells them it is for facilitators. axe-core (WCAG 2.1 AA) on every screen.
import { randomUUID } from 'node:crypto';
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
import { ask, connect } from '../support/socket.js';
import { webText as say } from './web-texts.js';

jest.setTimeout(2 * BROWSER_TEST_TIMEOUT_MS);

interface Message {
  id: string;
  seq: number;
}

describeIfBrowser('facilitation on a phone', () => {
  const suite = useBrowserSuite();

  describe.each(['ky', 'ru'] as const)('in %s', (lang) => {
    const tag = Math.random().toString(36).slice(2, 7);
    let facilitator: ApiUser;
    let rep: ApiUser;
    let writer: ApiUser;
    let org: { id: string; name: string };
    let room: { id: string; name: string };
    let flagged: Message;
    let rude: Message;

    beforeAll(async () => {
      [facilitator, rep, writer] = await Promise.all([
        registerUser(suite.hub, { role: 'facilitator', preferredLanguage: lang }),
        registerUser(suite.hub, {
          displayName: `Нуржан Абдыкеримов ${tag}`,
          preferredLanguage: lang,
        }),
        registerUser(suite.hub, { displayName: `Эрмек Жумабеков ${tag}`, preferredLanguage: lang }),
      ]);
      const [territory] = (
        await apiOk<{ items: Array<{ id: string }> }>(
          suite.hub,
          rep,
          'GET',
          '/territories?level=aiyl_aimak&limit=1',
        )
      ).items;
      org = await apiOk(suite.hub, rep, 'POST', '/organisations', {
        name: `Суу колдонуучулар ${tag}`,
        kind: 'community_group',
        territoryId: territory.id,
      });
      await apiOk(suite.hub, rep, 'POST', `/organisations/${org.id}/network-application`, {
        motivation: 'Сугат суусу боюнча чек ара айылдары менен иштешебиз.',
      });
      await apiOk(suite.hub, rep, 'POST', `/organisations/${org.id}/members`, {
        userId: writer.id,
        role: 'member',
      });
      room = await apiOk(suite.hub, rep, 'POST', '/rooms', {
        name: `Сугат ${tag}`,
        kind: 'organisation',
        organisationId: org.id,
      });
      const socket = await connect(suite.hub.directUrl, writer.accessToken);
      try {
        const send = async (body: string) => {
          const ack = await ask<{ ok: boolean; message: Message }>(socket, 'message:send', {
            roomId: room.id,
            clientMsgId: randomUUID(),
            body,
          });
          if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
          return ack.message;
        };
        flagged = await send(`Жаман сөз ${tag}`);
        rude = await send(`Дагы бир орой сөз ${tag}`);
      } finally {
        socket.close();
      }
      await apiOk(suite.hub, rep, 'POST', `/messages/${flagged.id}/flags`, { reason: 'Орой сөз' });
    }, BROWSER_HOOK_TIMEOUT_MS);

    it('a facilitator admits an application, settles a flag, locks a room, mutes a member and sees it all in the audit log', async () => {
      suite.context = await phone(suite.browser, {
        lang,
        baseURL: suite.hub.baseUrl,
        user: facilitator,
      });
      const page = await suite.context.newPage();
      await page.goto('/issues');

      // Network applications: the default tab.
      await page.getByRole('link', { name: say(lang, 'nav.facilitation') }).click();
      await page.getByRole('heading', { level: 1, name: say(lang, 'nav.facilitation') }).waitFor();
      const tabs = page.getByRole('navigation', { name: say(lang, 'facilitation.tabs') });
      const application = page.getByRole('article', { name: org.name });
      await application.waitFor();
      await axeCheck(page, `network applications (${lang})`);
      await screenshot(page, `facilitation-applications-${lang}`);
      await application
        .getByRole('button', { name: say(lang, 'facilitation.applications.approve') })
        .click();
      await page
        .getByText(say(lang, 'facilitation.applications.approved', { name: org.name }))
        .waitFor();
      expect(await apiOk(suite.hub, rep, 'GET', `/organisations/${org.id}`)).toMatchObject({
        networkStatus: 'member',
      });

      // The flag queue: hide the flagged message.
      await tabs.getByRole('link', { name: say(lang, 'facilitation.tab.flags') }).click();
      const flag = page.getByRole('article', {
        name: say(lang, 'facilitation.flags.reported', { reason: 'Орой сөз' }),
      });
      await flag.waitFor();
      await axeCheck(page, `flags (${lang})`);
      await flag.getByRole('radio', { name: say(lang, 'facilitation.flags.action.hide') }).check();
      await flag.getByRole('button', { name: say(lang, 'facilitation.flags.resolve') }).click();
      await flag.waitFor({ state: 'detached' });
      const settled = await apiOk<{ items: Array<{ messageId: string; action: string }> }>(
        suite.hub,
        facilitator,
        'GET',
        '/moderation/flags?status=actioned',
      );
      expect(settled.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ messageId: flagged.id, action: 'hide' }),
        ]),
      );

      // Room moderation: lock the room, mute the author of a rude message.
      await tabs.getByRole('link', { name: say(lang, 'facilitation.tab.rooms') }).click();
      await page.getByRole('link', { name: room.name }).click();
      await page.getByRole('heading', { name: room.name }).waitFor();
      await axeCheck(page, `a room's moderation (${lang})`);
      await page.getByRole('button', { name: say(lang, 'facilitation.rooms.lock') }).click();
      await page.getByText(say(lang, 'facilitation.rooms.isLocked')).waitFor();
      await page.getByText(say(lang, 'facilitation.rooms.moderate', { seq: rude.seq })).click();
      const card = page.locator('article', { hasText: `Дагы бир орой сөз ${tag}` });
      await card.getByRole('radio', { name: say(lang, 'facilitation.rooms.mute') }).check();
      await card.getByLabel(say(lang, 'facilitation.minutes')).fill('30');
      await card.getByLabel(say(lang, 'facilitation.rooms.reason')).fill('Орой сөздөр үчүн');
      await axeCheck(page, `moderating a message (${lang})`);
      await card.getByRole('button', { name: say(lang, 'facilitation.rooms.mute') }).click();
      await card.getByText(say(lang, 'facilitation.rooms.done')).waitFor();
      await screenshot(page, `facilitation-room-${lang}`);
      expect(await apiOk(suite.hub, facilitator, 'GET', `/rooms/${room.id}`)).toMatchObject({
        locked: true,
      });

      // The audit log names both, newest first.
      await tabs.getByRole('link', { name: say(lang, 'facilitation.tab.audit') }).click();
      const entries = page.locator('ul.audit > li');
      await entries.first().waitFor();
      await axeCheck(page, `the audit log (${lang})`);
      const text = await page.locator('ul.audit').innerText();
      expect(text).toContain(say(lang, 'facilitation.action.room.mute'));
      expect(text).toContain(say(lang, 'facilitation.action.room.lock'));
      expect(text).toContain(say(lang, 'facilitation.action.flag.resolve'));
      expect(text).toContain(say(lang, 'facilitation.action.organisation.network_decision'));
      // Filtered to one action.
      await page
        .getByLabel(say(lang, 'facilitation.audit.action'), { exact: true })
        .selectOption('room.lock');
      const lock = say(lang, 'facilitation.action.room.lock');
      await page.waitForFunction((label) => {
        const items = [...document.querySelectorAll('ul.audit > li')];
        return items.length > 0 && items.every((li) => li.textContent?.includes(label));
      }, lock);
    });

    it('an admin changes a member’s network role', async () => {
      const admin = await registerUser(suite.hub, { role: 'admin', preferredLanguage: lang });
      suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: admin });
      const page = await suite.context.newPage();
      await page.goto('/facilitation/roles');
      await page.getByLabel(say(lang, 'people.search')).fill(writer.displayName);
      await page.getByRole('button', { name: say(lang, 'people.find') }).click();
      const select = page.getByLabel(
        say(lang, 'facilitation.roles.roleOf', { name: writer.displayName }),
      );
      await select.waitFor();
      await page.locator('form.card').nth(1).waitFor({ state: 'detached' });
      await axeCheck(page, `roles (${lang})`);
      await select.selectOption('facilitator');
      await page.getByRole('button', { name: say(lang, 'facilitation.roles.change') }).click();
      await page.getByText(say(lang, 'facilitation.roles.changed')).waitFor();
      const seen = await apiOk<{ role: string }>(suite.hub, admin, 'GET', `/members/${writer.id}`);
      expect(seen.role).toBe('facilitator');
    });

    it('a member sees no facilitation menu, and /facilitation says it is for facilitators', async () => {
      suite.context = await phone(suite.browser, { lang, baseURL: suite.hub.baseUrl, user: rep });
      const page = await suite.context.newPage();
      await page.goto('/issues');
      await page.getByRole('navigation', { name: say(lang, 'nav.main') }).waitFor();
      await expect(
        page.getByRole('link', { name: say(lang, 'nav.facilitation') }).count(),
      ).resolves.toBe(0);
      await page.goto('/facilitation/flags');
      await page.getByRole('heading', { name: say(lang, 'app.forbiddenScreen') }).waitFor();
      await axeCheck(page, `facilitation refused (${lang})`);
    });
  });
});
