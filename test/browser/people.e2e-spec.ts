/**
 * The NGO member's path through people and organisations (issue 10, screen 7), in Kyrgyz and in
 * Russian on a 360×640 phone, against a real hub serving the built client: find a person and
 * open their profile, edit my profile, open my organisation, invite someone, and that person
 * accepts the invitation on their own "My profile" page. axe-core (WCAG AA) on every screen.
 */
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type SignedUp, API, call, makeOrganisation, signUp } from '../support/factories.js';
import {
  type Phone,
  type Browser,
  type Lang,
  launch,
  openPhone,
  expectAccessible,
  signIn,
} from './people-admin-support.js';

// The texts the person reads, as the message files have them (copied: a changed translation shows up here).
const texts = {
  ky: {
    'ui.level.oblast': 'Облус',
    'ui.level.district': 'Район',
    'ui.level.aiyl_aimak': 'Айыл аймагы',
    'app.save': 'Сактоо',
    'nav.me': 'Менин профилим',
    'nav.organisations': 'Уюмдар',
    'nav.people': 'Адамдар',
    'people.find': 'Издөө',
    'people.invitation.accept': 'Кабыл алуу',
    'people.invitation.accepted': 'Сиз «{name}» уюмуна кошулдуңуз.',
    'people.invitation.findPerson': 'Чакыра турган адамды табуу',
    'people.invitation.mine': 'Мага келген чакыруулар',
    'people.invitation.send': 'Чакыруу: {name}',
    'people.invitation.sent': 'Чакыруу жөнөтүлдү: {name}.',
    'people.myOrganisations': 'Менин уюмдарым',
    'people.org.create': 'Уюмду каттоо',
    'people.org.createSubmit': 'Каттоо',
    'people.org.myRole': 'Менин ролум',
    'people.org.name': 'Аталышы',
    'people.position': 'Кызматы',
    'people.saved': 'Сакталды.',
    'people.search': 'Адамдарды издөө',
  },
  ru: {
    'ui.level.oblast': 'Область',
    'ui.level.district': 'Район',
    'ui.level.aiyl_aimak': 'Айыльный аймак',
    'app.save': 'Сохранить',
    'nav.me': 'Мой профиль',
    'nav.organisations': 'Организации',
    'nav.people': 'Люди',
    'people.find': 'Найти',
    'people.invitation.accept': 'Принять',
    'people.invitation.accepted': 'Вы вступили в «{name}».',
    'people.invitation.findPerson': 'Найти человека для приглашения',
    'people.invitation.mine': 'Приглашения для меня',
    'people.invitation.send': 'Пригласить: {name}',
    'people.invitation.sent': 'Приглашение отправлено: {name}.',
    'people.myOrganisations': 'Мои организации',
    'people.org.create': 'Зарегистрировать организацию',
    'people.org.createSubmit': 'Зарегистрировать',
    'people.org.myRole': 'Моя роль',
    'people.org.name': 'Название',
    'people.position': 'Должность',
    'people.saved': 'Сохранено.',
    'people.search': 'Поиск людей',
  },
};

const chromium = await launch();
const describeIfChromium = chromium.browser ? describe : describe.skip;
if (!chromium.browser) console.warn(`browser tests skipped: ${chromium.reason}`);

describeIfChromium('people and organisations in the browser (360×640)', () => {
  let t: TestApp;
  const browser = chromium.browser as Browser;

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await t?.close();
  });

  describe.each(['ky', 'ru'] as Lang[])('in %s', (lang) => {
    const m = texts[lang];
    let owner: SignedUp;
    let invitee: SignedUp;
    let org: { id: string; name: string };

    beforeAll(async () => {
      const tag = Math.random().toString(36).slice(2, 7);
      owner = await signUp(t, { displayName: `Айгүл Токтосунова ${tag}` });
      invitee = await signUp(t, { displayName: `Бакыт Осмонов ${tag}` });
      org = await makeOrganisation(t, owner, { name: `Аялдар кеңеши ${tag}` });
      // Signing in switches the interface to the user's preferred language.
      for (const user of [owner, invitee])
        expect((await call(t, 'patch', '/me', user, { preferredLanguage: lang })).status).toBe(200);
    });

    it('an NGO member finds a person, edits their profile, opens their organisation and invites someone; the invitee accepts', async () => {
      const phone: Phone = await openPhone(browser, t.baseUrl, lang);
      const { page } = phone;
      try {
        await signIn(page, owner, lang);

        // The directory: search by name, open the profile.
        await page.getByRole('link', { name: m['nav.people'], exact: true }).click();
        await page.getByRole('heading', { level: 1, name: m['nav.people'] }).waitFor();
        await expectAccessible(page);
        await page.getByLabel(m['people.search']).fill(invitee.displayName);
        await page.getByRole('button', { name: m['people.find'] }).click();
        await page.getByRole('link', { name: invitee.displayName }).click();
        await page.getByRole('heading', { level: 1, name: invitee.displayName }).waitFor();
        await expectAccessible(page);

        // My profile: position and languages; saved at the hub.
        await page.getByRole('link', { name: m['nav.me'] }).click();
        await page.getByRole('heading', { level: 1, name: m['nav.me'] }).waitFor();
        await expectAccessible(page);
        await page.getByLabel(m['people.position']).fill('Аялдар кеңешинин төрагасы');
        await page.getByRole('checkbox', { name: 'Кыргызча' }).check();
        await page.getByRole('checkbox', { name: 'Русский' }).check();
        await page.getByRole('button', { name: m['app.save'] }).click();
        await page.getByText(m['people.saved']).waitFor();
        const mine = await call(t, 'get', '/me', owner);
        expect(mine.body).toMatchObject({
          position: 'Аялдар кеңешинин төрагасы',
          languages: expect.arrayContaining(['ky', 'ru']),
        });

        // My organisation, from my profile.
        await page.getByRole('link', { name: org.name }).click();
        await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
        await expectAccessible(page);

        // Invite someone: find them, choose them, send.
        await page.getByLabel(m['people.invitation.findPerson']).fill(invitee.displayName);
        await page.locator('.invite').getByRole('button', { name: m['people.find'] }).click();
        await page.getByRole('radio', { name: invitee.displayName }).check();
        await page
          .getByRole('button', {
            name: m['people.invitation.send'].replace('{name}', invitee.displayName),
          })
          .click();
        await page
          .getByText(m['people.invitation.sent'].replace('{name}', invitee.displayName))
          .waitFor();
        await expectAccessible(page);
      } finally {
        await phone.close();
      }

      // The invitee accepts on their own page.
      const other = await openPhone(browser, t.baseUrl, lang);
      try {
        await signIn(other.page, invitee, lang);
        await other.page.getByRole('link', { name: m['nav.me'] }).click();
        await other.page.getByRole('heading', { name: m['people.invitation.mine'] }).waitFor();
        await expectAccessible(other.page);
        await other.page.getByRole('button', { name: m['people.invitation.accept'] }).click();
        await other.page
          .getByText(m['people.invitation.accepted'].replace('{name}', org.name))
          .waitFor();
        const members = await t.http.get(`${API}/organisations/${org.id}/members`).set(owner.auth);
        expect(members.body.items).toEqual(
          expect.arrayContaining([expect.objectContaining({ userId: invitee.id, role: 'member' })]),
        );
        // Their profile now names the organisation.
        await other.page.getByRole('heading', { name: m['people.myOrganisations'] }).waitFor();
        await other.page.getByRole('link', { name: org.name }).first().waitFor();
      } finally {
        await other.close();
      }
    }, 120_000);

    it('the organisations list and registering one', async () => {
      const phone = await openPhone(browser, t.baseUrl, lang);
      try {
        await signIn(phone.page, owner, lang);
        await phone.page.goto(`${t.baseUrl}/organisations`);
        await phone.page.getByRole('heading', { level: 1, name: m['nav.organisations'] }).waitFor();
        await phone.page.getByRole('link', { name: org.name }).waitFor();
        await expectAccessible(phone.page);

        const name = `Жаштар демилгеси ${lang}`;
        await phone.page.getByRole('button', { name: m['people.org.create'] }).click();
        await phone.page.getByLabel(m['people.org.name']).fill(name);
        for (const level of [
          'ui.level.oblast',
          'ui.level.district',
          'ui.level.aiyl_aimak',
        ] as const) {
          const select = phone.page.getByLabel(m[level], { exact: true });
          await select.locator('option').nth(1).waitFor({ state: 'attached' });
          await select.selectOption({ index: 1 });
        }
        await expectAccessible(phone.page);
        await phone.page.getByRole('button', { name: m['people.org.createSubmit'] }).click();
        await phone.page.getByRole('heading', { level: 1, name }).waitFor();
        await phone.page.getByText(m['people.org.myRole']).waitFor();
      } finally {
        await phone.close();
      }
    }, 60_000);
  });
});
