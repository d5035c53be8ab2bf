import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { paths } from '../openapi/kenesh-api.js';
import { TERRITORY, uniqueEmail } from './support/factories.js';
import { documentAjv, type OpenApiDoc, responseValidator } from './support/openapi-schema.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * A client generated from the committed document (openapi/kenesh-api.d.ts, openapi-fetch)
 * against the real app: `npm run typecheck` proves the calls below fit the generated types,
 * and every answer is checked at run time against the document's schema for its operation and
 * status, properties the schema does not declare included, so a DTO that lies fails here.
 */
describe('a client generated from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let ajv: Ajv2020;
  const checked: string[] = [];
  const lies: string[] = [];

  /** Validates every answer a client receives against the document. */
  const validateAnswers: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase();
      const name = `${request.method} ${schemaPath} ${response.status}`;
      const declared = doc.paths[schemaPath]?.[method]?.responses[String(response.status)];
      if (!declared) {
        lies.push(`${name}: status not declared`);
        return;
      }
      checked.push(name);
      const validate = responseValidator(ajv, doc, schemaPath, method, response.status);
      const text = await response.clone().text();
      if (!validate) {
        if (text !== '') lies.push(`${name}: a body where none is declared`);
        return;
      }
      const type = response.headers.get('content-type') ?? '';
      const expected = Object.keys(declared.content ?? {})[0];
      if (!type.startsWith(expected)) lies.push(`${name}: ${type}, declared ${expected}`);
      if (!validate(JSON.parse(text)))
        lies.push(`${name}: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`);
    },
  };

  function client(accessToken?: string): Client<paths> {
    const api = createClient<paths>({
      baseUrl: t.baseUrl,
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    });
    api.use(validateAnswers);
    return api;
  }

  async function register(displayName: string) {
    const password = 'correct horse battery';
    const email = uniqueEmail('client');
    const { data, error } = await client().POST('/api/v1/auth/register', {
      body: { email, password, displayName, preferredLanguage: 'ky' },
    });
    if (!data) throw new Error(`register failed: ${JSON.stringify(error)}`);
    return { email, password, ...data };
  }

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/api/docs-json')).body as OpenApiDoc;
    ajv = documentAjv(doc, { strict: true });
  });
  afterAll(async () => {
    await t.close();
  });

  afterEach(() => {
    expect(lies).toEqual([]);
  });

  it('signs up, signs in, refreshes and reads the profile', async () => {
    const aibek = await register('Айбек Ташиев');
    const login = await client().POST('/api/v1/auth/login', {
      body: { email: aibek.email, password: aibek.password },
    });
    expect(login.data?.user.displayName).toBe('Айбек Ташиев');
    const refreshed = await client().POST('/api/v1/auth/refresh', {
      body: { refreshToken: login.data!.refreshToken },
    });
    expect(refreshed.response.status).toBe(200);

    const me = await client(refreshed.data!.accessToken).GET('/api/v1/me');
    expect(me.data?.email).toBe(aibek.email);
    const updated = await client(aibek.accessToken).PATCH('/api/v1/me', {
      body: { position: 'Айыл өкмөтүнүн башчысы', phone: null, territoryId: TERRITORY.akSai },
    });
    expect(updated.data?.position).toBe('Айыл өкмөтүнүн башчысы');
    expect(updated.data?.territoryId).toBe(TERRITORY.akSai);

    const territories = await client().GET('/api/v1/territories', {
      params: { query: { parentId: TERRITORY.batkenDistrict, limit: 5 } },
    });
    expect(territories.data?.items.length).toBeGreaterThan(0);
    const members = await client(aibek.accessToken).GET('/api/v1/members', {
      params: { query: { q: 'Айбек' } },
    });
    expect(members.data?.items.map((m) => m.id)).toContain(aibek.user.id);

    const logout = await client().POST('/api/v1/auth/logout', {
      body: { refreshToken: refreshed.data!.refreshToken },
    });
    expect(logout.response.status).toBe(204);
  });

  it('raises, lists, reads, edits and discusses an issue; the author is notified', async () => {
    const author = await register('Гүлнара Осмонова');
    const neighbour = await register('Бакыт Жумабеков');
    const raised = await client(author.accessToken).POST('/api/v1/issues', {
      body: {
        title: 'Суу түтүгү жарылды',
        body: 'Ак-Сай айылындагы ичүүчү суу түтүгү үч күндөн бери иштебейт.',
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSaiVillage],
        decisionLevel: 'aiyl_aimak',
        language: 'ky',
      },
    });
    expect(raised.response.status).toBe(201);
    const issue = raised.data!;
    expect(issue.status).toBe('raised');

    const list = await client(neighbour.accessToken).GET('/api/v1/issues', {
      params: { query: { territoryId: TERRITORY.akSai, limit: 10 } },
    });
    expect(list.data?.items.map((i) => i.id)).toContain(issue.id);
    const search = await client(neighbour.accessToken).GET('/api/v1/issues', {
      params: { query: { q: 'суу' } },
    });
    expect(search.data?.items.map((i) => i.id)).toContain(issue.id);
    const one = await client(neighbour.accessToken).GET('/api/v1/issues/{id}', {
      params: { path: { id: issue.id } },
    });
    expect(one.data?.author?.displayName).toBe('Гүлнара Осмонова');

    const edited = await client(author.accessToken).PATCH('/api/v1/issues/{id}', {
      params: { path: { id: issue.id } },
      body: { title: 'Ичүүчү суу түтүгү жарылды', organisationId: null },
    });
    expect(edited.data?.title).toBe('Ичүүчү суу түтүгү жарылды');
    const history = await client(author.accessToken).GET('/api/v1/issues/{id}/history', {
      params: { path: { id: issue.id } },
    });
    expect(history.response.status).toBe(200);

    const comment = await client(neighbour.accessToken).POST('/api/v1/issues/{id}/comments', {
      params: { path: { id: issue.id } },
      body: { body: 'Биздин көчөдө да ушундай.' },
    });
    expect(comment.response.status).toBe(201);
    const reply = await client(author.accessToken).POST('/api/v1/issues/{id}/comments', {
      params: { path: { id: issue.id } },
      body: { body: 'Рахмат, жазып алдым.', parentId: comment.data!.id },
    });
    expect(reply.data?.parentId).toBe(comment.data!.id);
    const comments = await client(author.accessToken).GET('/api/v1/issues/{id}/comments', {
      params: { path: { id: issue.id } },
    });
    expect(comments.data?.items).toHaveLength(2);
    const follow = await client(neighbour.accessToken).POST('/api/v1/issues/{id}/follow', {
      params: { path: { id: issue.id } },
    });
    expect(follow.data?.following).toBe(true);

    const notifications = await client(author.accessToken).GET('/api/v1/notifications');
    expect(notifications.data?.items.length).toBeGreaterThan(0);
    const unread = await client(author.accessToken).GET('/api/v1/notifications/unread-count');
    expect(unread.data?.unreadCount).toBe(notifications.data?.unreadCount);
    const read = await client(author.accessToken).POST('/api/v1/notifications/read', {
      body: { all: true },
    });
    expect(read.data?.unreadCount).toBe(0);
  });

  it('registers an organisation, lists it and its members, and opens a private room', async () => {
    const rep = await register('Нурлан Абдыкадыров');
    const other = await register('Айгүл Сыдыкова');
    const created = await client(rep.accessToken).POST('/api/v1/organisations', {
      body: {
        name: `Ак-Сай жаштар кеңеши ${Date.now()}`,
        kind: 'community_group',
        territoryId: TERRITORY.akSai,
        description: null,
        contacts: { email: 'jashtar@ak-sai.kg' },
      },
    });
    expect(created.response.status).toBe(201);
    const org = created.data!;
    const list = await client(rep.accessToken).GET('/api/v1/organisations', {
      params: { query: { q: 'жаштар' } },
    });
    expect(list.data?.items.map((o) => o.id)).toContain(org.id);
    const members = await client(rep.accessToken).GET('/api/v1/organisations/{id}/members', {
      params: { path: { id: org.id } },
    });
    expect(members.data?.items.map((m) => m.userId)).toEqual([rep.user.id]);

    const room = await client(rep.accessToken).POST('/api/v1/rooms', {
      body: { name: 'Жыйналыш', kind: 'private', memberIds: [other.user.id] },
    });
    expect(room.response.status).toBe(201);
    const rooms = await client(other.accessToken).GET('/api/v1/rooms');
    expect(rooms.data?.items.map((r) => r.id)).toContain(room.data!.id);
    const messages = await client(other.accessToken).GET('/api/v1/rooms/{id}/messages', {
      params: { path: { id: room.data!.id } },
    });
    expect(messages.data?.items).toEqual([]);
  });

  it('answers problems the document declares: 400, 401, 403, 404, 409', async () => {
    const member = await register('Эркин Алиев');
    const missing = await client(member.accessToken).GET('/api/v1/issues/{id}', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe('not_found');

    const invalid = await client(member.accessToken).POST('/api/v1/issues', {
      body: {
        title: '',
        body: 'x',
        category: 'other',
        territoryIds: [],
        decisionLevel: 'district',
      },
    });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.errors?.length).toBeGreaterThan(0);

    const anonymous = await client().GET('/api/v1/me');
    expect(anonymous.error?.code).toBe('unauthorized');
    const notAdmin = await client(member.accessToken).PATCH('/api/v1/users/{id}/role', {
      params: { path: { id: member.user.id } },
      body: { role: 'admin' },
    });
    expect(notAdmin.error?.code).toBe('forbidden');
    const again = await client().POST('/api/v1/auth/register', {
      body: { email: member.email, password: 'another good password', displayName: 'Эркин' },
    });
    expect(again.error?.code).toBe('conflict');
  });

  it('checked the answers of the operations it called against the document', () => {
    const operations = new Set(checked.map((name) => name.split(' ').slice(0, 2).join(' ')));
    expect(operations.size).toBeGreaterThanOrEqual(25);
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /api/v1/issues/{id} 404',
        'POST /api/v1/issues 400',
        'GET /api/v1/me 401',
        'PATCH /api/v1/users/{id}/role 403',
        'POST /api/v1/auth/register 409',
      ]),
    );
  });
});
