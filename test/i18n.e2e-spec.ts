import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import {
  API,
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { ask, connect, next } from './support/socket.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Answers in the reader's language: Accept-Language, else preferredLanguage, else English. */
describe('answers in the reader’s language', () => {
  let t: TestApp;
  let kyUser: SignedUp;
  const opened: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    // Registered without preferredLanguage: the hub's default for people is Kyrgyz.
    kyUser = await signUp(t, { displayName: 'Айбек Ташиев' });
  });

  afterAll(async () => {
    for (const socket of opened) socket.close();
    await t.close();
  });

  async function prefer(user: SignedUp, language: string): Promise<void> {
    const res = await call(t, 'patch', '/me', user, { preferredLanguage: language });
    expect(res.status).toBe(200);
  }

  const badIssue = { title: 'x'.repeat(201), category: 'land_pasture' };

  describe('problem details over HTTP', () => {
    it.each([
      [
        'ky-KG,ky;q=0.9,ru;q=0.8',
        'ky',
        'Маалымат туура эмес',
        'Сурам туура эмес толтурулган',
        {
          body: '«body» талаасы милдеттүү',
          title: '«title» талаасындагы белгилердин эң көп саны: 200',
        },
      ],
      [
        'ru-RU,ru;q=0.9',
        'ru',
        'Ошибка в данных',
        'Запрос заполнен неверно',
        {
          body: 'Поле «body» обязательно',
          title: 'Максимальная длина поля «title» в символах: 200',
        },
      ],
      [
        'en;q=0.9, fr',
        'en',
        'Validation Failed',
        'The request is not valid',
        {
          body: 'body is required',
          title: 'title must be shorter than or equal to 200 characters',
        },
      ],
    ])(
      'the same bad request with Accept-Language %p is answered in %s, fields included',
      async (header, locale, title, detail, fields) => {
        const res = await call(t, 'post', '/issues', kyUser, badIssue).set(
          'Accept-Language',
          header,
        );
        expectProblem(res, 400, 'validation_failed');
        expect(res.headers['content-language']).toBe(locale);
        expect(res.headers.vary).toMatch(/Accept-Language/i);
        expect(res.body).toMatchObject({ title, detail, code: 'validation_failed' });
        const messages = Object.fromEntries(
          (res.body.errors as { field: string; message: string }[]).map((e) => [
            e.field,
            e.message,
          ]),
        );
        expect(messages).toMatchObject(fields);
      },
    );

    it('without Accept-Language (or with *), follows the caller’s preferredLanguage, read fresh', async () => {
      const user = await signUp(t);
      const before = await call(t, 'post', '/issues', user, badIssue);
      expect(before.headers['content-language']).toBe('ky');
      expect(before.body.detail).toBe('Сурам туура эмес толтурулган');

      // The same access token: the language is not a claim that would go stale.
      await prefer(user, 'ru');
      const after = await call(t, 'post', '/issues', user, badIssue);
      expect(after.headers['content-language']).toBe('ru');
      expect(after.body.detail).toBe('Запрос заполнен неверно');
      expect(after.body.errors).toEqual(
        expect.arrayContaining([{ field: 'body', message: 'Поле «body» обязательно' }]),
      );
      const any = await call(t, 'post', '/issues', user, badIssue).set('Accept-Language', '*');
      expect(any.headers['content-language']).toBe('ru');

      // Tajik and Uzbek readers get Russian, not English.
      await prefer(user, 'tg');
      expect((await call(t, 'post', '/issues', user, badIssue)).headers['content-language']).toBe(
        'ru',
      );
    });

    it('an anonymous caller with no header gets English; an unknown route is translated too', async () => {
      const anonymous = await t.http.get(`${API}/no-such-route`);
      expectProblem(anonymous, 404, 'not_found');
      expect(anonymous.headers['content-language']).toBe('en');
      expect(anonymous.body).toMatchObject({ title: 'Not Found', detail: 'No such resource' });

      const ky = await t.http.get(`${API}/no-such-route`).set('Accept-Language', 'ky');
      expect(ky.body).toMatchObject({ title: 'Табылган жок', detail: 'Мындай ресурс жок' });
    });

    it('the input guard (before sign-in is known) answers by Accept-Language', async () => {
      const res = await t.http
        .post(`${API}/auth/login`)
        .set('Accept-Language', 'ru')
        .send({ email: 'a\u0000@b.kg', password: 'x' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([
        { field: 'email', message: 'Поле «email» не должно содержать символ NUL (U+0000)' },
      ]);
    });

    it('404, 403 and 409 from services are translated, names kept as written', async () => {
      const missing = await call(t, 'get', `/issues/${randomUUID()}`, kyUser);
      expectProblem(missing, 404, 'not_found');
      expect(missing.body.detail).toBe('Маселе табылган жок');
      const missingRu = await call(t, 'get', `/issues/${randomUUID()}`, kyUser).set(
        'Accept-Language',
        'ru',
      );
      expect(missingRu.body.detail).toBe('Вопрос не найден');

      const forbidden = await call(t, 'get', '/audit-log', kyUser);
      expectProblem(forbidden, 403, 'forbidden');
      expect(forbidden.body).toMatchObject({ title: 'Уруксат жок' });
      expect(forbidden.body.detail).toMatch(/^Бул үчүн тармактагы төмөнкү ролдордун бири керек: /);
      expect(forbidden.body.detail).toContain('facilitator');

      const rep = await signUp(t);
      const org = await makeOrganisation(t, rep, { name: 'Көк-Таш айыл өкмөтү' });
      const issue = await call(t, 'post', '/issues', rep, {
        title: 'Сугат суусу жетпей жатат',
        body: 'Арыктар бузулган.',
        category: 'land_pasture',
        territoryIds: [TERRITORY.akSaiVillage],
        decisionLevel: 'aiyl_aimak',
      });
      expect(issue.status).toBe(201);
      const endorse = () =>
        call(t, 'post', `/issues/${issue.body.id}/endorsements`, rep, { organisationId: org.id });
      expect((await endorse()).status).toBe(201);
      const ky = await endorse();
      expectProblem(ky, 409, 'conflict');
      expect(ky.body).toMatchObject({
        title: 'Дал келбестик',
        detail: 'Көк-Таш айыл өкмөтү бул маселени мурунтан эле колдогон',
      });
      const ru = await endorse().set('Accept-Language', 'ru');
      expect(ru.body.detail).toBe('Көк-Таш айыл өкмөтү: эта организация уже поддержала вопрос');
      const en = await endorse().set('Accept-Language', 'en');
      expect(en.body.detail).toBe('Көк-Таш айыл өкмөтү has already endorsed this issue');
    });
  });

  describe('the socket', () => {
    it('acks a refusal in the handshake’s Accept-Language, else the user’s preferredLanguage', async () => {
      const ru = await connect(t.baseUrl, kyUser.accessToken, { 'Accept-Language': 'ru' });
      opened.push(ru);
      expect(await ask(ru, 'room:join', { roomId: randomUUID() })).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'Комната обсуждения не найдена' },
      });
      const ky = await connect(t.baseUrl, kyUser.accessToken);
      opened.push(ky);
      expect(await ask(ky, 'room:join', { roomId: randomUUID() })).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'Талкуу бөлмөсү табылган жок' },
      });
      expect(await ask(ky, 'room:join', { roomId: 'nope' })).toMatchObject({
        ok: false,
        error: {
          code: 'validation_failed',
          errors: [{ field: 'roomId', message: '«roomId» талаасы UUID болушу керек' }],
        },
      });
    });

    it('refuses a bad token with connect_error `unauthorized`, the text translated in data', async () => {
      const socket = io(`${t.baseUrl}/rt`, {
        auth: { token: 'not-a-token' },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { 'Accept-Language': 'ky' },
      });
      const error = await new Promise<Error & { data?: unknown }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      socket.close();
      expect(error.message).toBe('unauthorized');
      expect(error.data).toEqual({
        code: 'unauthorized',
        message: 'Жарактуу кирүү токени талап кылынат',
        language: 'ky',
      });
    });
  });

  describe('notifications', () => {
    it('carry a title and a summary in the recipient’s language, names as written', async () => {
      const author = await signUp(t, { displayName: 'Гүлнара' });
      const commenter = await signUp(t, { displayName: 'Айбек' });
      const ruFollower = await signUp(t, { displayName: 'Ольга' });
      await prefer(ruFollower, 'ru');
      const issue = await call(t, 'post', '/issues', author, {
        title: 'Жайыт маселеси',
        body: 'Малчылар жайытка бара албай жатышат.',
        category: 'land_pasture',
        territoryIds: [TERRITORY.akSaiVillage],
        decisionLevel: 'aiyl_aimak',
      });
      expect(issue.status).toBe(201);
      expect((await call(t, 'post', `/issues/${issue.body.id}/follow`, ruFollower)).status).toBe(
        200,
      );

      // Pushed in the recipient's preferredLanguage, whatever the socket's header says.
      const socket = await connect(t.baseUrl, ruFollower.accessToken, { 'Accept-Language': 'en' });
      opened.push(socket);
      const pushed = next<{ title: string; summary: string }>(socket, 'notification');
      const comment = await call(t, 'post', `/issues/${issue.body.id}/comments`, commenter, {
        body: 'Биз да ушул маселеге кабылдык.',
        language: 'ky',
      });
      expect(comment.status).toBe(201);
      expect(await pushed).toMatchObject({
        title: 'Новый комментарий',
        summary: 'Новый комментарий от Айбек к вопросу «Жайыт маселеси»',
      });

      const kyInbox = await call(t, 'get', '/notifications', author);
      expect(kyInbox.headers['content-language']).toBe('ky');
      expect(kyInbox.body.items[0]).toMatchObject({
        kind: 'comment',
        title: 'Жаңы пикир',
        summary: 'Айбек «Жайыт маселеси» маселесине пикир жазды',
      });
      const enInbox = await call(t, 'get', '/notifications', author).set('Accept-Language', 'en');
      expect(enInbox.headers['content-language']).toBe('en');
      expect(enInbox.body.items[0]).toMatchObject({
        title: 'New comment',
        summary: 'Айбек commented on “Жайыт маселеси”',
      });
      const ruInbox = await call(t, 'get', '/notifications', ruFollower);
      expect(ruInbox.body.items[0]).toMatchObject({ title: 'Новый комментарий' });
    });
  });
});
