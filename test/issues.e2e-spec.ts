import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import {
  API,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
  call,
  type Method,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Status =
  | 'raised'
  | 'discussing'
  | 'prioritised'
  | 'escalated'
  | 'answered'
  | 'resolved'
  | 'closed'
  | 'merged';

interface IssueView {
  id: string;
  title: string;
  body: string;
  status: Status;
  language: string;
  territoryIds: string[];
  organisationId: string | null;
  mergedIntoId: string | null;
  endorsementCount: number;
  followerCount: number;
  following: boolean;
  allowedTransitions: Status[];
  createdAt: string;
  lastActivityAt: string;
  search?: { rank: number; titleHighlight: string; snippet: string };
}

/** Sends one request, with the caller's token when there is one. */
function list(t: TestApp, as: SignedUp, query: Record<string, string | number | boolean>) {
  return t.http.get(`${API}/issues`).set(as.auth).query(query);
}

function expectFieldError(res: Response, field: string): void {
  expectProblem(res, 400, 'validation_failed');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

async function count(t: TestApp, sql: string, params: unknown[]): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}

async function issueRow(t: TestApp, id: string): Promise<Record<string, unknown>> {
  const [row] = await t.db.query(
    'SELECT status, title, body, category, decision_level, organisation_id, merged_into_id, endorsement_count, follower_count, updated_at FROM issues WHERE id = $1',
    [id],
  );
  return row as Record<string, unknown>;
}

async function addMember(
  t: TestApp,
  organisationId: string,
  by: SignedUp,
  user: SignedUp,
): Promise<void> {
  const res = await call(t, 'post', `/organisations/${organisationId}/members`, by, {
    userId: user.id,
    role: 'member',
  });
  expect(res.status).toBe(201);
}

let titleCounter = 0;

function issueBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  titleCounter += 1;
  return {
    title: `Сугат суусу маселеси ${titleCounter}`,
    body: 'Ак-Сай жана Көк-Таш айылдарынын ортосунда суу бөлүштүрүү боюнча талаш.',
    category: 'water_irrigation',
    territoryIds: [TERRITORY.akSaiVillage],
    decisionLevel: 'district',
    ...overrides,
  };
}

async function raise(
  t: TestApp,
  as: SignedUp,
  overrides: Record<string, unknown> = {},
): Promise<IssueView> {
  const res = await call(t, 'post', '/issues', as, issueBody(overrides));
  if (res.status !== 201)
    throw new Error(`raise failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as IssueView;
}

/** In English: the tests compare the refusals' details (test users prefer Kyrgyz). */
function move(t: TestApp, as: SignedUp, id: string, to: Status, note?: string) {
  return call(
    t,
    'post',
    `/issues/${id}/transitions`,
    as,
    note === undefined ? { to } : { to, note },
  ).set('Accept-Language', 'en');
}

async function moveOk(t: TestApp, as: SignedUp, id: string, to: Status, note?: string) {
  const res = await move(t, as, id, to, note);
  if (res.status !== 200)
    throw new Error(`move to ${to} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as IssueView;
}

function idsOf(res: Response): string[] {
  return (res.body.items as { id: string }[]).map((i) => i.id);
}

/** Stands for a string of n characters; `expand` makes it (so test titles stay short). */
function long(n: number): string {
  return `@long:${n}`;
}

function expand<T extends object>(body: T): T {
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => {
      const match = typeof value === 'string' ? /^@long:(\d+)$/.exec(value) : null;
      return [key, match ? 'ы'.repeat(Number(match[1])) : value];
    }),
  ) as T;
}

/** A JSON body just over the 1 MB default limit. */
function oversized(): Record<string, string> {
  return { title: 'Big', body: 'x'.repeat(1024 * 1024 + 16) };
}

describe('issues: every route needs a token and well-formed ids', () => {
  let t: TestApp;
  let author: SignedUp;
  let staff: SignedUp;
  let issue: IssueView;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    staff = await signUp(t, { role: 'facilitator' });
    orgId = (await makeOrganisation(t, author)).id;
    issue = await raise(t, author, { organisationId: orgId });
  });
  afterAll(async () => {
    await t.close();
  });

  const routes = (id: string, org: string): [Method, string][] => [
    ['post', '/issues'],
    ['get', '/issues'],
    ['get', `/issues/${id}`],
    ['patch', `/issues/${id}`],
    ['post', `/issues/${id}/transitions`],
    ['get', `/issues/${id}/history`],
    ['get', `/issues/${id}/endorsements`],
    ['post', `/issues/${id}/endorsements`],
    ['delete', `/issues/${id}/endorsements/${org}`],
    ['post', `/issues/${id}/follow`],
    ['delete', `/issues/${id}/follow`],
    ['post', `/issues/${id}/merge`],
  ];

  it('refuses every issues route without a token (401) and changes nothing', async () => {
    const before = await issueRow(t, issue.id);
    const issues = await count(t, 'issues', []);
    for (const [method, path] of routes(issue.id, orgId)) {
      const res = await call(t, method, path, undefined, {});
      expectProblem(res, 401, 'unauthorized');
    }
    expect(await issueRow(t, issue.id)).toEqual(before);
    expect(await count(t, 'issues', [])).toBe(issues);
  });

  it('refuses a token that is not a valid access token (401)', async () => {
    const res = await t.http.get(`${API}/issues`).set({ Authorization: 'Bearer not-a-token' });
    expectProblem(res, 401, 'unauthorized');
  });

  it.each([
    ['get', '/issues/not-a-uuid', 'id', undefined],
    ['patch', '/issues/not-a-uuid', 'id', { title: 'Жаңы аталыш' }],
    ['post', '/issues/not-a-uuid/transitions', 'id', { to: 'discussing' }],
    ['get', '/issues/not-a-uuid/history', 'id', undefined],
    ['get', '/issues/not-a-uuid/endorsements', 'id', undefined],
    ['post', '/issues/not-a-uuid/endorsements', 'id', { organisationId: '@org' }],
    ['delete', '/issues/not-a-uuid/endorsements/@org', 'id', undefined],
    ['delete', '/issues/@issue/endorsements/42', 'organisationId', undefined],
    ['post', '/issues/not-a-uuid/follow', 'id', undefined],
    ['delete', '/issues/not-a-uuid/follow', 'id', undefined],
    ['post', '/issues/not-a-uuid/merge', 'id', { targetIssueId: '@issue' }],
  ] as [Method, string, string, object | undefined][])(
    'answers %s %s with 400 naming the malformed path parameter %s',
    async (method, template, field, body) => {
      const fill = (s: string) => s.replace('@issue', issue.id).replace('@org', orgId);
      const filled = body && JSON.parse(fill(JSON.stringify(body)));
      const res = await call(t, method, fill(template), staff, filled);
      expectFieldError(res, field);
    },
  );

  it.each([
    ['get', '/issues/@missing', undefined],
    ['patch', '/issues/@missing', { title: 'Жаңы аталыш' }],
    ['post', '/issues/@missing/transitions', { to: 'discussing' }],
    ['get', '/issues/@missing/history', undefined],
    ['get', '/issues/@missing/endorsements', undefined],
    ['post', '/issues/@missing/endorsements', { organisationId: '@org' }],
    ['delete', '/issues/@missing/endorsements/@org', undefined],
    ['post', '/issues/@missing/follow', undefined],
    ['delete', '/issues/@missing/follow', undefined],
    ['post', '/issues/@missing/merge', { targetIssueId: '@issue' }],
  ] as [Method, string, object | undefined][])(
    'answers %s %s (an unknown issue) with 404',
    async (method, template, body) => {
      const missing = randomUUID();
      const fill = (s: string) =>
        s.replace('@missing', missing).replace('@issue', issue.id).replace('@org', orgId);
      const filled = body && JSON.parse(fill(JSON.stringify(body)));
      const res = await call(t, method, fill(template), staff, filled);
      expectProblem(res, 404, 'not_found');
    },
  );

  it('answers an oversized JSON body with 413 on every writing route, and stores nothing', async () => {
    const before = await issueRow(t, issue.id);
    const issues = await count(t, 'issues', []);
    for (const [method, path] of routes(issue.id, orgId).filter(
      ([m]) => m === 'post' || m === 'patch',
    )) {
      const res = await call(t, method, path, staff, oversized());
      expectProblem(res, 413, 'payload_too_large');
    }
    expect(await issueRow(t, issue.id)).toEqual(before);
    expect(await count(t, 'issues', [])).toBe(issues);
  });
});

describe('issues: raising one (POST /issues) and reading it', () => {
  let t: TestApp;
  let author: SignedUp;
  let other: SignedUp;
  let org: { id: string; name: string };
  let foreignOrg: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t, { displayName: 'Айгүл Токтосунова' });
    other = await signUp(t);
    org = await makeOrganisation(t, author, { kind: 'aiyl_okmotu', networkStatus: 'member' });
    foreignOrg = await makeOrganisation(t, other);
  });
  afterAll(async () => {
    await t.close();
  });

  it('raises an issue for an organisation the author belongs to: status raised, the author follows it', async () => {
    const res = await call(t, 'post', '/issues', author, {
      title: '  Сугат суусунун графиги боюнча талаш  ',
      body: 'Ак-Сай жана Көк-Таш айылдарынын ортосунда суу бөлүштүрүү боюнча чыр-чатак.',
      category: 'water_irrigation',
      territoryIds: [TERRITORY.kokTashVillage, TERRITORY.akSaiVillage],
      decisionLevel: 'district',
      organisationId: org.id,
      language: 'ky',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      title: 'Сугат суусунун графиги боюнча талаш',
      category: 'water_irrigation',
      decisionLevel: 'district',
      status: 'raised',
      language: 'ky',
      territoryIds: [TERRITORY.akSaiVillage, TERRITORY.kokTashVillage].sort(),
      authorId: author.id,
      author: { id: author.id, displayName: 'Айгүл Токтосунова' },
      organisationId: org.id,
      mergedIntoId: null,
      endorsementCount: 0,
      commentCount: 0,
      followerCount: 1,
      following: true,
      overdue: false,
      allowedTransitions: ['discussing', 'closed'],
    });
    for (const field of ['createdAt', 'updatedAt', 'lastActivityAt', 'statusChangedAt'])
      expect(new Date(res.body[field] as string).toISOString()).toBe(res.body[field]);
    expect(res.body.search).toBeUndefined();

    const row = await issueRow(t, res.body.id as string);
    expect(row).toMatchObject({ status: 'raised', organisation_id: org.id, follower_count: 1 });
    expect(await count(t, 'issue_territories WHERE issue_id = $1', [res.body.id as string])).toBe(
      2,
    );

    const read = await call(t, 'get', `/issues/${res.body.id}`, other);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: res.body.id,
      following: false,
      followerCount: 1,
      allowedTransitions: [],
    });

    const history = await call(t, 'get', `/issues/${res.body.id}/history`, other);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      items: [
        {
          fromStatus: null,
          toStatus: 'raised',
          actor: { id: author.id, displayName: 'Айгүл Токтосунова' },
          note: null,
        },
      ],
      revisions: [],
      nextCursor: null,
    });
  });

  it('raises an issue without an organisation, defaulting the language to ky; keeps a given language', async () => {
    const plain = await raise(t, other);
    expect(plain).toMatchObject({ organisationId: null, language: 'ky', status: 'raised' });
    const russian = await raise(t, other, {
      title: 'Дорога в Ак-Сай закрыта',
      body: 'Оползень перекрыл дорогу.',
      language: 'ru',
      category: 'roads_transport',
    });
    expect(russian).toMatchObject({ language: 'ru', category: 'roads_transport' });
  });

  it('tags an issue posted without language with the language of its text, else the author’s preferred one', async () => {
    const writer = await signUp(t);
    await t.db.query("UPDATE users SET preferred_language = 'uz' WHERE id = $1", [writer.id]);
    const russian = await raise(t, writer, {
      title: 'Нет питьевой воды в селе Кок-Таш',
      body: 'Третью неделю нет воды, просим помочь с ремонтом водопровода.',
    });
    expect(russian.language).toBe('ru');
    const phoneKyrgyz = await raise(t, writer, {
      title: 'Кок-Таште суу жок',
      body: 'суу жок, арык бузулду, жардам керек',
    });
    expect(phoneKyrgyz.language).toBe('ky');
    const english = await raise(t, writer, {
      title: 'The road to Ak-Sai is closed',
      body: 'The mudflow has closed the road and the school bus cannot pass.',
    });
    expect(english.language).toBe('en');
    const tajik = await raise(t, writer, {
      title: 'Дар деҳа об нест',
      body: 'Дар деҳаи мо об нест, ба мо ёрӣ лозим аст.',
    });
    expect(tajik.language).toBe('tg');
    // Nothing to tell by: the author's preferred language.
    const unclear = await raise(t, writer, { title: 'Ак-Сай', body: 'Ак-Сай, 2026' });
    expect(unclear.language).toBe('uz');
    // A language given is kept, whatever the text looks like.
    const given = await raise(t, writer, {
      title: 'Нет воды в селе',
      body: 'Просим помочь.',
      language: 'ky',
    });
    expect(given.language).toBe('ky');
    const stored = await t.db.query('SELECT language FROM issues WHERE id = $1', [russian.id]);
    expect(stored).toEqual([{ language: 'ru' }]);
  });

  it('takes a body of exactly 20,000 characters and refuses one over it (400 naming body)', async () => {
    const full = await raise(t, author, { body: 'ы'.repeat(20_000) });
    expect(full.body).toHaveLength(20_000);
    const before = await count(t, 'issues', []);
    const res = await call(t, 'post', '/issues', author, issueBody({ body: 'ы'.repeat(20_001) }));
    expectFieldError(res, 'body');
    expect(await count(t, 'issues', [])).toBe(before);
  });

  it('refuses raising for an organisation the caller does not belong to (403), storing nothing', async () => {
    const before = await count(t, 'issues', []);
    const res = await call(
      t,
      'post',
      '/issues',
      author,
      issueBody({ organisationId: foreignOrg.id }),
    );
    expectProblem(res, 403, 'forbidden');
    expect(await count(t, 'issues', [])).toBe(before);
  });

  it('refuses an unknown organisation or territory with 400 naming the field', async () => {
    const before = await count(t, 'issues', []);
    const unknownOrg = await call(
      t,
      'post',
      '/issues',
      author,
      issueBody({ organisationId: randomUUID() }),
    );
    expectFieldError(unknownOrg, 'organisationId');
    const unknownTerritory = await call(
      t,
      'post',
      '/issues',
      author,
      issueBody({ territoryIds: [TERRITORY.akSaiVillage, randomUUID()] }),
    );
    expectFieldError(unknownTerritory, 'territoryIds');
    expect(await count(t, 'issues', [])).toBe(before);
  });

  it.each([
    ['category', { category: 'weather' }],
    ['category', { category: null }],
    ['decisionLevel', { decisionLevel: 'village' }],
    ['language', { language: 'de' }],
    ['territoryIds', { territoryIds: [] }],
    ['territoryIds', { territoryIds: ['not-a-uuid'] }],
    ['territoryIds', { territoryIds: TERRITORY.akSai }],
    ['territoryIds', { territoryIds: [TERRITORY.akSai, TERRITORY.akSai] }],
    ['organisationId', { organisationId: 'not-a-uuid' }],
    ['title', { title: '  a  ' }],
    ['title', { title: long(201) }],
    ['title', { title: 42 }],
    ['body', { body: '' }],
    ['status', { status: 'resolved' }],
    ['authorId', { authorId: randomUUID() }],
    ['endorsementCount', { endorsementCount: 10 }],
  ] as [string, Record<string, unknown>][])(
    'refuses a bad %s (%j) with 400 naming it, storing nothing',
    async (field, overrides) => {
      const before = await count(t, 'issues', []);
      const res = await call(t, 'post', '/issues', author, issueBody(expand(overrides)));
      expectFieldError(res, field);
      expect(await count(t, 'issues', [])).toBe(before);
    },
  );

  it('names every missing required field', async () => {
    const res = await call(t, 'post', '/issues', author, {});
    expectProblem(res, 400, 'validation_failed');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['title', 'body', 'category', 'territoryIds', 'decisionLevel']),
    );
  });
});

describe('issues: editing (PATCH /issues/:id) and its history', () => {
  let t: TestApp;
  let author: SignedUp;
  let outsider: SignedUp;
  let facilitator: SignedUp;
  let admin: SignedUp;
  let org: { id: string; name: string };
  let foreignOrg: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t, { displayName: 'Автор Бир' });
    outsider = await signUp(t);
    facilitator = await signUp(t, { role: 'facilitator', displayName: 'Фасилитатор' });
    admin = await signUp(t, { role: 'admin' });
    org = await makeOrganisation(t, author);
    foreignOrg = await makeOrganisation(t, outsider);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the author edit; the edit is kept in history.revisions with from/to', async () => {
    const issue = await raise(t, author, { title: 'Эски аталыш', category: 'water_irrigation' });
    const res = await call(t, 'patch', `/issues/${issue.id}`, author, {
      title: '  Жаңы аталыш  ',
      category: 'land_pasture',
      territoryIds: [TERRITORY.kokTashVillage],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Жаңы аталыш',
      category: 'land_pasture',
      territoryIds: [TERRITORY.kokTashVillage],
      status: 'raised',
    });
    const history = await call(t, 'get', `/issues/${issue.id}/history`, outsider);
    expect(history.status).toBe(200);
    expect(history.body.revisions).toHaveLength(1);
    expect(history.body.revisions[0]).toMatchObject({
      id: expect.any(String),
      editor: { id: author.id, displayName: 'Автор Бир' },
      changes: {
        title: { from: 'Эски аталыш', to: 'Жаңы аталыш' },
        category: { from: 'water_irrigation', to: 'land_pasture' },
        territoryIds: { from: [TERRITORY.akSaiVillage], to: [TERRITORY.kokTashVillage] },
      },
    });
    expect(Object.keys(history.body.revisions[0].changes as object).sort()).toEqual([
      'category',
      'territoryIds',
      'title',
    ]);
    expect(await issueRow(t, issue.id)).toMatchObject({
      title: 'Жаңы аталыш',
      category: 'land_pasture',
    });
    // An edit is not a status change.
    expect(history.body.items).toHaveLength(1);
  });

  it('refuses another member who is not the author (403) and changes nothing', async () => {
    const issue = await raise(t, author);
    const before = await issueRow(t, issue.id);
    const res = await call(t, 'patch', `/issues/${issue.id}`, outsider, { title: 'Чет киши' });
    expectProblem(res, 403, 'forbidden');
    expect(await issueRow(t, issue.id)).toEqual(before);
    const history = await call(t, 'get', `/issues/${issue.id}/history`, author);
    expect(history.body.revisions).toEqual([]);
  });

  it('lets facilitators and admins edit, each edit its own revision, oldest first', async () => {
    const issue = await raise(t, author, { decisionLevel: 'district', body: 'Биринчи текст' });
    const byFacilitator = await call(t, 'patch', `/issues/${issue.id}`, facilitator, {
      decisionLevel: 'oblast',
    });
    expect(byFacilitator.status).toBe(200);
    expect(byFacilitator.body.decisionLevel).toBe('oblast');
    const byAdmin = await call(t, 'patch', `/issues/${issue.id}`, admin, {
      body: 'Экинчи текст',
      language: 'ru',
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ body: 'Экинчи текст', language: 'ru' });
    const history = await call(t, 'get', `/issues/${issue.id}/history`, author);
    expect(history.body.revisions).toEqual([
      expect.objectContaining({
        editor: { id: facilitator.id, displayName: 'Фасилитатор' },
        changes: { decisionLevel: { from: 'district', to: 'oblast' } },
      }),
      expect.objectContaining({
        editor: expect.objectContaining({ id: admin.id }),
        changes: {
          body: { from: 'Биринчи текст', to: 'Экинчи текст' },
          language: { from: 'ky', to: 'ru' },
        },
      }),
    ]);
    const times = (history.body.revisions as { createdAt: string }[]).map((r) => r.createdAt);
    expect([...times].sort()).toEqual(times);
  });

  it('records no revision for an edit that changes nothing', async () => {
    const issue = await raise(t, author, { title: 'Өзгөрбөйт' });
    const res = await call(t, 'patch', `/issues/${issue.id}`, author, {
      title: 'Өзгөрбөйт',
      territoryIds: issue.territoryIds,
    });
    expect(res.status).toBe(200);
    const empty = await call(t, 'patch', `/issues/${issue.id}`, author, {});
    expect(empty.status).toBe(200);
    const history = await call(t, 'get', `/issues/${issue.id}/history`, author);
    expect(history.body.revisions).toEqual([]);
  });

  it('attaches and detaches the organisation; only one the author belongs to', async () => {
    const issue = await raise(t, author);
    const attach = await call(t, 'patch', `/issues/${issue.id}`, author, {
      organisationId: org.id,
    });
    expect(attach.status).toBe(200);
    expect(attach.body.organisationId).toBe(org.id);

    const foreign = await call(t, 'patch', `/issues/${issue.id}`, author, {
      organisationId: foreignOrg.id,
    });
    expectProblem(foreign, 403, 'forbidden');
    // Staff may not attach an organisation the author does not belong to either.
    const byStaff = await call(t, 'patch', `/issues/${issue.id}`, facilitator, {
      organisationId: foreignOrg.id,
    });
    expectProblem(byStaff, 403, 'forbidden');
    const unknown = await call(t, 'patch', `/issues/${issue.id}`, author, {
      organisationId: randomUUID(),
    });
    expectFieldError(unknown, 'organisationId');
    expect((await issueRow(t, issue.id)).organisation_id).toBe(org.id);

    const detach = await call(t, 'patch', `/issues/${issue.id}`, author, { organisationId: null });
    expect(detach.status).toBe(200);
    expect(detach.body.organisationId).toBeNull();
    const history = await call(t, 'get', `/issues/${issue.id}/history`, author);
    expect(
      (history.body.revisions as { changes: Record<string, unknown> }[]).map((r) => r.changes),
    ).toEqual([
      { organisationId: { from: null, to: org.id } },
      { organisationId: { from: org.id, to: null } },
    ]);
  });

  it.each([
    ['title', { title: null }],
    ['body', { body: null }],
    ['category', { category: null }],
    ['decisionLevel', { decisionLevel: null }],
    ['territoryIds', { territoryIds: null }],
    ['language', { language: null }],
    ['category', { category: 'weather' }],
    ['decisionLevel', { decisionLevel: 'galactic' }],
    ['territoryIds', { territoryIds: [] }],
    ['territoryIds', { territoryIds: ['nope'] }],
    ['territoryIds', { territoryIds: [randomUUID()] }],
    ['organisationId', { organisationId: 'nope' }],
    ['title', { title: '  ' }],
    ['body', { body: long(20_001) }],
    ['status', { status: 'resolved' }],
    ['mergedIntoId', { mergedIntoId: randomUUID() }],
  ] as [string, Record<string, unknown>][])(
    'refuses a PATCH with a bad %s (%j): 400 naming it, nothing changed',
    async (field, body) => {
      const issue = await raise(t, author);
      const before = await issueRow(t, issue.id);
      const res = await call(t, 'patch', `/issues/${issue.id}`, author, expand(body));
      expectFieldError(res, field);
      expect(await issueRow(t, issue.id)).toEqual(before);
    },
  );

  it('refuses to edit a merged issue (409), for the author and for staff', async () => {
    const source = await raise(t, author, { title: 'Кайталанган маселе' });
    const target = await raise(t, author);
    const merged = await call(t, 'post', `/issues/${source.id}/merge`, facilitator, {
      targetIssueId: target.id,
    });
    expect(merged.status).toBe(200);
    for (const who of [author, facilitator]) {
      const res = await call(t, 'patch', `/issues/${source.id}`, who, { title: 'Оңдолгон' });
      expectProblem(res, 409, 'conflict');
    }
    expect((await issueRow(t, source.id)).title).toBe('Кайталанган маселе');
    // An outsider is still told they may not edit at all.
    const res = await call(t, 'patch', `/issues/${source.id}`, outsider, { title: 'Оңдолгон' });
    expectProblem(res, 403, 'forbidden');
  });
});

/** Moves of the workflow table: from, to, who may make it. */
const TABLE: { from: Status; to: Status; who: ('author' | 'staff')[]; viaEscalation?: true }[] = [
  { from: 'raised', to: 'discussing', who: ['author', 'staff'] },
  { from: 'discussing', to: 'prioritised', who: ['staff'] },
  { from: 'prioritised', to: 'discussing', who: ['staff'] },
  { from: 'prioritised', to: 'escalated', who: ['staff'], viaEscalation: true },
  { from: 'escalated', to: 'answered', who: ['staff'], viaEscalation: true },
  { from: 'answered', to: 'escalated', who: ['staff'], viaEscalation: true },
  { from: 'answered', to: 'resolved', who: ['author', 'staff'] },
  { from: 'raised', to: 'closed', who: ['author', 'staff'] },
  { from: 'discussing', to: 'closed', who: ['author', 'staff'] },
  { from: 'prioritised', to: 'closed', who: ['author', 'staff'] },
  { from: 'escalated', to: 'closed', who: ['author', 'staff'] },
  { from: 'answered', to: 'closed', who: ['author', 'staff'] },
  { from: 'closed', to: 'discussing', who: ['author', 'staff'] },
];

/** How staff bring a new issue to each status, through the API (escalated and answered through escalations). */
const PATH_TO: Record<Exclude<Status, 'merged'>, Status[]> = {
  raised: [],
  discussing: ['discussing'],
  prioritised: ['discussing', 'prioritised'],
  escalated: ['discussing', 'prioritised', 'escalated'],
  answered: ['discussing', 'prioritised', 'escalated', 'answered'],
  resolved: ['discussing', 'prioritised', 'escalated', 'answered', 'resolved'],
  closed: ['closed'],
};

describe('issues: the workflow (POST /issues/:id/transitions, GET /issues/:id/history)', () => {
  let t: TestApp;
  let author: SignedUp;
  let member: SignedUp;
  let facilitator: SignedUp;
  let admin: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t, { displayName: 'Автор' });
    member = await signUp(t, { displayName: 'Башка мүчө' });
    facilitator = await signUp(t, { role: 'facilitator', displayName: 'Фасилитатор' });
    admin = await signUp(t, { role: 'admin', displayName: 'Админ' });
    authority = await makeOrganisation(t, admin, { kind: 'state_administration' });
  });
  afterAll(async () => {
    await t.close();
  });
  let authority: { id: string };

  /** Escalated and answered are reached by sending an escalation and recording its answer. */
  async function step(who: SignedUp, id: string, to: Status, note?: string): Promise<void> {
    if (to === 'escalated') {
      const res = await call(t, 'post', `/issues/${id}/escalations`, who, {
        authorityOrganisationId: authority.id,
        sentAt: new Date().toISOString(),
        ...(note ? { reference: note.slice(0, 100) } : {}),
      });
      if (res.status !== 201)
        throw new Error(`escalation failed: ${res.status} ${JSON.stringify(res.body)}`);
    } else if (to === 'answered') {
      const open = await call(t, 'get', `/issues/${id}/escalations`, who);
      const pending = (open.body.items as { id: string; respondedAt: string | null }[]).find(
        (e) => !e.respondedAt,
      );
      const res = await call(t, 'patch', `/escalations/${pending!.id}`, who, {
        responseText: note ?? 'Жооп келди',
        respondedAt: new Date().toISOString(),
      });
      if (res.status !== 200)
        throw new Error(`answer failed: ${res.status} ${JSON.stringify(res.body)}`);
    } else {
      await moveOk(t, who, id, to, note);
    }
  }

  async function issueAt(status: Exclude<Status, 'merged'>): Promise<IssueView> {
    const issue = await raise(t, author);
    for (const to of PATH_TO[status])
      await step(admin, issue.id, to, to === 'closed' ? 'жабылды' : undefined);
    return issue;
  }

  /** Moves open by hand (POST /transitions): escalation-only moves are not among them. */
  const allowedFor = (from: Status, who: 'author' | 'staff'): Status[] =>
    TABLE.filter((m) => m.from === from && m.who.includes(who) && !m.viaEscalation).map(
      (m) => m.to,
    );

  it.each(TABLE.map((m) => [m.from, m.to, m.who.join(' and ')] as const))(
    '%s → %s: only %s; anyone else gets 409 naming the moves open to them',
    async (from, to, whoText) => {
      const row = TABLE.find((m) => m.from === from && m.to === to)!;
      if (row.viaEscalation) {
        for (const who of [member, author, facilitator, admin]) {
          const issue = await issueAt(from as Exclude<Status, 'merged'>);
          const res = await move(t, who, issue.id, to, 'by hand');
          expectProblem(res, 409, 'conflict');
          if (who === facilitator || who === admin) expect(res.body.detail).toMatch(/escalation/);
          expect((await issueRow(t, issue.id)).status).toBe(from);
        }
        return;
      }
      const note = to === 'closed' ? 'Маселе башка жол менен чечилди' : undefined;
      const actors: [string, () => SignedUp, 'author' | 'staff' | null][] = [
        ['member', () => member, null],
        ['author', () => author, 'author'],
        ['facilitator', () => facilitator, 'staff'],
        ['admin', () => admin, 'staff'],
      ];
      expect(whoText).toBeTruthy();
      for (const [name, who, as] of actors) {
        const issue = await issueAt(from as Exclude<Status, 'merged'>);
        const res = await move(t, who(), issue.id, to, note);
        if (as && row.who.includes(as)) {
          expect({ name, status: res.status }).toEqual({ name, status: 200 });
          expect(res.body.status).toBe(to);
          expect((await issueRow(t, issue.id)).status).toBe(to);
          const history = await call(t, 'get', `/issues/${issue.id}/history`, member);
          expect(history.body.items.at(-1)).toMatchObject({
            fromStatus: from,
            toStatus: to,
            actor: { id: who().id },
            note: note ?? null,
          });
        } else {
          expect({ name, status: res.status }).toEqual({ name, status: 409 });
          expectProblem(res, 409, 'conflict');
          const open = as ? allowedFor(from, as) : [];
          if (open.length) {
            expect(res.body.detail).toContain(`allowed from ${from}: ${open.join(', ')}`);
          } else {
            expect(res.body.detail).toContain(`no move from ${from} is open to you`);
          }
          expect((await issueRow(t, issue.id)).status).toBe(from);
        }
      }
    },
  );

  it('tells a member who is not the author that no move is open to them (409), whatever the status', async () => {
    for (const status of ['raised', 'discussing', 'answered', 'closed'] as const) {
      const issue = await issueAt(status);
      const view = await call(t, 'get', `/issues/${issue.id}`, member);
      expect(view.body.allowedTransitions).toEqual([]);
      const res = await move(t, member, issue.id, 'closed', 'чет киши');
      expectProblem(res, 409, 'conflict');
      expect(res.body.detail).toContain(`no move from ${status} is open to you`);
    }
  });

  it('does not let the author prioritise (409 naming what they may do); staff can', async () => {
    const issue = await issueAt('discussing');
    const view = await call(t, 'get', `/issues/${issue.id}`, author);
    expect(view.body.allowedTransitions).toEqual(['closed']);
    const res = await move(t, author, issue.id, 'prioritised');
    expectProblem(res, 409, 'conflict');
    expect(res.body.detail).toContain('allowed from discussing: closed');
    const byStaff = await move(
      t,
      facilitator,
      issue.id,
      'prioritised',
      'Районго чейин жетиш керек',
    );
    expect(byStaff.status).toBe(200);
    expect(byStaff.body).toMatchObject({
      status: 'prioritised',
      allowedTransitions: ['discussing', 'closed'],
    });
  });

  it.each([
    ['raised', 'resolved'],
    ['raised', 'prioritised'],
    ['raised', 'raised'],
    ['discussing', 'answered'],
    ['escalated', 'resolved'],
    ['resolved', 'closed'],
    ['resolved', 'discussing'],
    ['closed', 'raised'],
    ['closed', 'resolved'],
  ] as [Exclude<Status, 'merged'>, Status][])(
    'refuses %s → %s (not in the workflow) with 409 even for staff',
    async (from, to) => {
      const issue = await issueAt(from);
      const res = await move(t, admin, issue.id, to, 'note');
      expectProblem(res, 409, 'conflict');
      const open = allowedFor(from, 'staff');
      expect(res.body.detail).toContain(
        open.length ? `allowed from ${from}: ${open.join(', ')}` : `no move from ${from}`,
      );
      expect((await issueRow(t, issue.id)).status).toBe(from);
    },
  );

  it('refuses moving to merged through transitions (409): merged only through merge', async () => {
    const issue = await issueAt('discussing');
    for (const who of [author, facilitator, admin]) {
      const res = await move(t, who, issue.id, 'merged', 'дубликат');
      expectProblem(res, 409, 'conflict');
      expect(res.body.detail).toMatch(/merge/);
    }
    expect((await issueRow(t, issue.id)).status).toBe('discussing');
  });

  it('needs a note to close (400 naming note), for the author and for staff', async () => {
    const issue = await issueAt('discussing');
    for (const who of [author, facilitator]) {
      for (const note of [undefined, '', '   ']) {
        const res = await move(t, who, issue.id, 'closed', note);
        expectFieldError(res, 'note');
      }
    }
    expect((await issueRow(t, issue.id)).status).toBe('discussing');
    const closed = await moveOk(t, author, issue.id, 'closed', 'Өзүбүз чечтик');
    expect(closed.status).toBe('closed');
    expect(closed.allowedTransitions).toEqual(['discussing']);
  });

  it('reopens a closed issue into discussing (author or staff), not for others', async () => {
    const issue = await issueAt('closed');
    const byMember = await move(t, member, issue.id, 'discussing');
    expectProblem(byMember, 409, 'conflict');
    const reopened = await moveOk(t, author, issue.id, 'discussing', 'Маселе кайра чыкты');
    expect(reopened.status).toBe('discussing');
    await moveOk(t, author, issue.id, 'closed', 'Дагы жабабыз');
    const byStaff = await moveOk(t, facilitator, issue.id, 'discussing');
    expect(byStaff.status).toBe('discussing');
  });

  it.each([
    ['to', { to: 'archived' }],
    ['to', {}],
    ['to', { to: null }],
    ['note', { to: 'discussing', note: long(2001) }],
    ['note', { to: 'discussing', note: 42 }],
    ['reason', { to: 'discussing', reason: 'unknown field' }],
  ] as [string, object][])(
    'refuses a bad transition body (%s: %j) with 400',
    async (field, body) => {
      const issue = await raise(t, author);
      const res = await call(t, 'post', `/issues/${issue.id}/transitions`, author, expand(body));
      expectFieldError(res, field);
      expect((await issueRow(t, issue.id)).status).toBe('raised');
    },
  );

  it('walks the whole table through the API; history lists every move with actor, note and time in order', async () => {
    const issue = await raise(t, author);
    const steps: [SignedUp, Status, string | undefined][] = [
      [author, 'discussing', 'Талкуулайлы'],
      [facilitator, 'prioritised', 'Район деңгээлинде чечилет'],
      [facilitator, 'escalated', 'Райондук администрацияга жөнөтүлдү'],
      [admin, 'answered', 'Жооп келди'],
      [facilitator, 'escalated', 'Облуска чейин'],
      [facilitator, 'answered', undefined],
      [author, 'closed', 'Жооп канааттандырбайт'],
      [facilitator, 'discussing', 'Кайра ачылды'],
      [facilitator, 'prioritised', undefined],
      [admin, 'escalated', undefined],
      [admin, 'answered', undefined],
      [author, 'resolved', 'Чечилди, рахмат'],
    ];
    let previous = issue.createdAt;
    for (const [who, to, note] of steps) {
      await step(who, issue.id, to, note);
      const res = await call(t, 'get', `/issues/${issue.id}`, who);
      expect({ to, status: res.body.status }).toEqual({ to, status: to });
      expect(res.body.statusChangedAt >= previous).toBe(true);
      previous = res.body.statusChangedAt;
    }
    const resolved = await call(t, 'get', `/issues/${issue.id}`, author);
    expect(resolved.body).toMatchObject({ status: 'resolved', allowedTransitions: [] });

    const history = await call(t, 'get', `/issues/${issue.id}/history`, member);
    expect(history.status).toBe(200);
    const items = history.body.items as {
      fromStatus: Status | null;
      toStatus: Status;
      actor: { id: string; displayName: string };
      note: string | null;
      createdAt: string;
    }[];
    expect(items).toHaveLength(steps.length + 1);
    expect(items[0]).toMatchObject({
      fromStatus: null,
      toStatus: 'raised',
      actor: { id: author.id },
    });
    let from: Status = 'raised';
    steps.forEach(([who, to, note], i) => {
      expect(items[i + 1]).toEqual({
        id: expect.any(String),
        fromStatus: from,
        toStatus: to,
        actor: { id: who.id, displayName: who.displayName },
        // Escalations write their own note: the authority, the reference, the answer's source.
        note:
          to === 'escalated' || to === 'answered'
            ? expect.stringContaining('Organisation')
            : (note ?? null),
        createdAt: expect.any(String),
      });
      from = to;
    });
    const times = items.map((i) => i.createdAt);
    for (const time of times) expect(new Date(time).toISOString()).toBe(time);
    expect([...times].sort()).toEqual(times);
    // Terminal: resolved has no way out, not even for staff.
    const res = await move(t, admin, issue.id, 'closed', 'жабуу');
    expectProblem(res, 409, 'conflict');
  });

  it('refuses every move of a merged issue (409)', async () => {
    const source = await raise(t, author);
    const target = await raise(t, author);
    const merged = await call(t, 'post', `/issues/${source.id}/merge`, facilitator, {
      targetIssueId: target.id,
    });
    expect(merged.body.allowedTransitions).toEqual([]);
    for (const to of ['discussing', 'closed', 'raised'] as Status[]) {
      const res = await move(t, admin, source.id, to, 'note');
      expectProblem(res, 409, 'conflict');
    }
    expect((await issueRow(t, source.id)).status).toBe('merged');
  });
});

describe('issues: endorsements', () => {
  let t: TestApp;
  let author: SignedUp;
  let rep: SignedUp;
  let colleague: SignedUp;
  let outsider: SignedUp;
  let facilitator: SignedUp;
  let admin: SignedUp;
  let org: { id: string; name: string };
  let otherOrg: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    rep = await signUp(t);
    colleague = await signUp(t);
    outsider = await signUp(t);
    facilitator = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
    org = await makeOrganisation(t, rep, { name: 'Көк-Таш айыл өкмөтү', kind: 'aiyl_okmotu' });
    await addMember(t, org.id, rep, colleague);
    otherOrg = await makeOrganisation(t, outsider, { name: 'Жашыл Batken NGO' });
  });
  afterAll(async () => {
    await t.close();
  });

  const endorsements = (issueId: string) => count(t, 'endorsements WHERE issue_id = $1', [issueId]);

  it('lets a member co-sign for their organisation: 201, counted on the issue, listed, the endorser follows', async () => {
    const issue = await raise(t, author);
    const res = await call(t, 'post', `/issues/${issue.id}/endorsements`, colleague, {
      organisationId: org.id,
      note: 'Бизге да тиешелүү',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      issueId: issue.id,
      organisationId: org.id,
      organisationName: 'Көк-Таш айыл өкмөтү',
      endorsedById: colleague.id,
      note: 'Бизге да тиешелүү',
      createdAt: expect.any(String),
    });
    const view = await call(t, 'get', `/issues/${issue.id}`, colleague);
    expect(view.body).toMatchObject({ endorsementCount: 1, following: true, followerCount: 2 });
    expect(view.body.lastActivityAt > issue.lastActivityAt).toBe(true);
    const listed = await call(t, 'get', `/issues/${issue.id}/endorsements`, outsider);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ items: [res.body], nextCursor: null });

    const second = await call(t, 'post', `/issues/${issue.id}/endorsements`, outsider, {
      organisationId: otherOrg.id,
    });
    expect(second.status).toBe(201);
    expect(second.body.note).toBeNull();
    const both = await call(t, 'get', `/issues/${issue.id}/endorsements`, author);
    expect((both.body.items as { organisationId: string }[]).map((e) => e.organisationId)).toEqual([
      org.id,
      otherOrg.id,
    ]);
    expect((await call(t, 'get', `/issues/${issue.id}`, author)).body.endorsementCount).toBe(2);
    expect((await issueRow(t, issue.id)).endorsement_count).toBe(2);
  });

  it('refuses co-signing for an organisation the caller does not belong to (403), even for staff', async () => {
    const issue = await raise(t, author);
    for (const who of [outsider, author, facilitator, admin]) {
      const res = await call(t, 'post', `/issues/${issue.id}/endorsements`, who, {
        organisationId: org.id,
      });
      expectProblem(res, 403, 'forbidden');
    }
    expect(await endorsements(issue.id)).toBe(0);
    expect((await call(t, 'get', `/issues/${issue.id}`, author)).body.endorsementCount).toBe(0);
  });

  it('takes one endorsement per organisation: the second is 409 and the database keeps one row', async () => {
    const issue = await raise(t, author);
    const first = await call(t, 'post', `/issues/${issue.id}/endorsements`, rep, {
      organisationId: org.id,
    });
    expect(first.status).toBe(201);
    const again = await call(t, 'post', `/issues/${issue.id}/endorsements`, colleague, {
      organisationId: org.id,
      note: 'Биз дагы',
    });
    expectProblem(again, 409, 'conflict');
    expect(again.body.detail).toContain('Көк-Таш айыл өкмөтү');
    expect(await endorsements(issue.id)).toBe(1);
    expect((await call(t, 'get', `/issues/${issue.id}`, author)).body.endorsementCount).toBe(1);
  });

  it('keeps one row when the same organisation co-signs many times at once', async () => {
    const issue = await raise(t, author);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(t, 'post', `/issues/${issue.id}/endorsements`, i % 2 ? rep : colleague, {
          organisationId: org.id,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await endorsements(issue.id)).toBe(1);
    expect((await issueRow(t, issue.id)).endorsement_count).toBe(1);
  });

  it.each([
    ['organisationId', {}],
    ['organisationId', { organisationId: 'nope' }],
    ['organisationId', { organisationId: null }],
    ['note', { organisationId: '@org', note: long(2001) }],
    ['weight', { organisationId: '@org', weight: 5 }],
  ] as [string, Record<string, unknown>][])(
    'refuses a bad endorsement body (%s: %j) with 400',
    async (field, body) => {
      const issue = await raise(t, author);
      const filled = expand(body);
      if (filled.organisationId === '@org') filled.organisationId = org.id;
      const res = await call(t, 'post', `/issues/${issue.id}/endorsements`, rep, filled);
      expectFieldError(res, field);
      expect(await endorsements(issue.id)).toBe(0);
    },
  );

  it('refuses an unknown organisation with 400 naming organisationId', async () => {
    const issue = await raise(t, author);
    const res = await call(t, 'post', `/issues/${issue.id}/endorsements`, rep, {
      organisationId: randomUUID(),
    });
    expectFieldError(res, 'organisationId');
  });

  it('lets a member of the organisation withdraw it (204); the count follows', async () => {
    const issue = await raise(t, author);
    await call(t, 'post', `/issues/${issue.id}/endorsements`, rep, { organisationId: org.id });
    const res = await call(t, 'delete', `/issues/${issue.id}/endorsements/${org.id}`, colleague);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await endorsements(issue.id)).toBe(0);
    expect((await call(t, 'get', `/issues/${issue.id}`, author)).body.endorsementCount).toBe(0);
    const list = await call(t, 'get', `/issues/${issue.id}/endorsements`, author);
    expect(list.body.items).toEqual([]);
    // Withdrawn, it can be given again.
    const again = await call(t, 'post', `/issues/${issue.id}/endorsements`, rep, {
      organisationId: org.id,
    });
    expect(again.status).toBe(201);
  });

  it('lets facilitators and admins withdraw any endorsement', async () => {
    const issue = await raise(t, author);
    await call(t, 'post', `/issues/${issue.id}/endorsements`, rep, { organisationId: org.id });
    await call(t, 'post', `/issues/${issue.id}/endorsements`, outsider, {
      organisationId: otherOrg.id,
    });
    const byFacilitator = await call(
      t,
      'delete',
      `/issues/${issue.id}/endorsements/${org.id}`,
      facilitator,
    );
    expect(byFacilitator.status).toBe(204);
    const byAdmin = await call(
      t,
      'delete',
      `/issues/${issue.id}/endorsements/${otherOrg.id}`,
      admin,
    );
    expect(byAdmin.status).toBe(204);
    expect(await endorsements(issue.id)).toBe(0);
    expect((await issueRow(t, issue.id)).endorsement_count).toBe(0);
  });

  it('refuses a withdrawal by someone outside the organisation (403), even the issue author', async () => {
    const issue = await raise(t, author);
    await call(t, 'post', `/issues/${issue.id}/endorsements`, rep, { organisationId: org.id });
    for (const who of [outsider, author]) {
      const res = await call(t, 'delete', `/issues/${issue.id}/endorsements/${org.id}`, who);
      expectProblem(res, 403, 'forbidden');
    }
    expect(await endorsements(issue.id)).toBe(1);
  });

  it('answers 404 for an endorsement that does not exist', async () => {
    const issue = await raise(t, author);
    const byMember = await call(t, 'delete', `/issues/${issue.id}/endorsements/${org.id}`, rep);
    expectProblem(byMember, 404, 'not_found');
    const byStaff = await call(
      t,
      'delete',
      `/issues/${issue.id}/endorsements/${randomUUID()}`,
      facilitator,
    );
    expectProblem(byStaff, 404, 'not_found');
    await call(t, 'post', `/issues/${issue.id}/endorsements`, rep, { organisationId: org.id });
    expect(
      (await call(t, 'delete', `/issues/${issue.id}/endorsements/${org.id}`, rep)).status,
    ).toBe(204);
    const twice = await call(t, 'delete', `/issues/${issue.id}/endorsements/${org.id}`, rep);
    expectProblem(twice, 404, 'not_found');
  });

  it('refuses endorsing a merged issue (409)', async () => {
    const source = await raise(t, author);
    const target = await raise(t, author);
    await call(t, 'post', `/issues/${source.id}/merge`, facilitator, { targetIssueId: target.id });
    const res = await call(t, 'post', `/issues/${source.id}/endorsements`, rep, {
      organisationId: org.id,
    });
    expectProblem(res, 409, 'conflict');
    expect(await endorsements(source.id)).toBe(0);
  });
});

describe('issues: following', () => {
  let t: TestApp;
  let author: SignedUp;
  let reader: SignedUp;
  let other: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    reader = await signUp(t);
    other = await signUp(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const follows = (issueId: string, userId: string) =>
    count(t, 'issue_follows WHERE issue_id = $1 AND user_id = $2', [issueId, userId]);

  it('follows and unfollows idempotently; followerCount and following in the view follow along', async () => {
    const issue = await raise(t, author);
    const first = await call(t, 'post', `/issues/${issue.id}/follow`, reader);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ following: true, followerCount: 2 });
    const again = await call(t, 'post', `/issues/${issue.id}/follow`, reader);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ following: true, followerCount: 2 });
    expect(await follows(issue.id, reader.id)).toBe(1);

    const asReader = await call(t, 'get', `/issues/${issue.id}`, reader);
    expect(asReader.body).toMatchObject({ following: true, followerCount: 2 });
    const asOther = await call(t, 'get', `/issues/${issue.id}`, other);
    expect(asOther.body).toMatchObject({ following: false, followerCount: 2 });
    const listed = await list(t, reader, {});
    expect((listed.body.items as IssueView[]).find((i) => i.id === issue.id)).toMatchObject({
      following: true,
      followerCount: 2,
    });

    const off = await call(t, 'delete', `/issues/${issue.id}/follow`, reader);
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ following: false, followerCount: 1 });
    const offAgain = await call(t, 'delete', `/issues/${issue.id}/follow`, reader);
    expect(offAgain.status).toBe(200);
    expect(offAgain.body).toEqual({ following: false, followerCount: 1 });
    expect(await follows(issue.id, reader.id)).toBe(0);
    expect((await call(t, 'get', `/issues/${issue.id}`, reader)).body).toMatchObject({
      following: false,
      followerCount: 1,
    });
  });

  it('lets the author unfollow what they raised', async () => {
    const issue = await raise(t, author);
    const off = await call(t, 'delete', `/issues/${issue.id}/follow`, author);
    expect(off.body).toEqual({ following: false, followerCount: 0 });
    expect((await issueRow(t, issue.id)).follower_count).toBe(0);
  });

  it('counts concurrent follows of the same member once', async () => {
    const issue = await raise(t, author);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call(t, 'post', `/issues/${issue.id}/follow`, reader)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await follows(issue.id, reader.id)).toBe(1);
    expect((await call(t, 'get', `/issues/${issue.id}`, reader)).body.followerCount).toBe(2);
  });
});

describe('issues: merging duplicates (POST /issues/:id/merge)', () => {
  let t: TestApp;
  let author: SignedUp;
  let member: SignedUp;
  let both: SignedUp;
  let facilitator: SignedUp;
  let admin: SignedUp;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    member = await signUp(t);
    both = await signUp(t);
    facilitator = await signUp(t, { role: 'facilitator', displayName: 'Фасилитатор' });
    admin = await signUp(t, { role: 'admin' });
    orgA = await makeOrganisation(t, member, { name: 'Ак-Сай айыл өкмөтү' });
    orgB = await makeOrganisation(t, member, { name: 'Көк-Таш жамааты' });
  });
  afterAll(async () => {
    await t.close();
  });

  const merge = (as: SignedUp, source: string, body: object) =>
    call(t, 'post', `/issues/${source}/merge`, as, body);

  it('refuses members, the author included (403), and changes nothing', async () => {
    const source = await raise(t, author);
    const target = await raise(t, author);
    for (const who of [member, author]) {
      const res = await merge(who, source.id, { targetIssueId: target.id });
      expectProblem(res, 403, 'forbidden');
    }
    expect((await issueRow(t, source.id)).status).toBe('raised');
  });

  it('refuses merging an issue into itself (400 naming targetIssueId)', async () => {
    const source = await raise(t, author);
    const res = await merge(facilitator, source.id, { targetIssueId: source.id });
    expectFieldError(res, 'targetIssueId');
    expect((await issueRow(t, source.id)).status).toBe('raised');
  });

  it('refuses an unknown target (400 naming targetIssueId) and a malformed body', async () => {
    const source = await raise(t, author);
    expectFieldError(
      await merge(facilitator, source.id, { targetIssueId: randomUUID() }),
      'targetIssueId',
    );
    expectFieldError(await merge(facilitator, source.id, {}), 'targetIssueId');
    expectFieldError(await merge(facilitator, source.id, { targetIssueId: 'x' }), 'targetIssueId');
    expectFieldError(
      await merge(facilitator, source.id, { targetIssueId: randomUUID(), why: 'dup' }),
      'why',
    );
    expect((await issueRow(t, source.id)).status).toBe('raised');
  });

  it('refuses merging into a merged issue, and merging an issue twice (409)', async () => {
    const a = await raise(t, author);
    const b = await raise(t, author);
    const c = await raise(t, author);
    expect((await merge(facilitator, a.id, { targetIssueId: b.id })).status).toBe(200);
    const intoMerged = await merge(facilitator, c.id, { targetIssueId: a.id });
    expectProblem(intoMerged, 409, 'conflict');
    const twice = await merge(admin, a.id, { targetIssueId: c.id });
    expectProblem(twice, 409, 'conflict');
    expect(await issueRow(t, a.id)).toMatchObject({ status: 'merged', merged_into_id: b.id });
    expect((await issueRow(t, c.id)).status).toBe('raised');
  });

  it('merges: the source points at the target; followers and endorsements move without duplicates', async () => {
    const source = await raise(t, author, { title: 'Көк-Таш суусу (дубликат)' });
    const target = await raise(t, member, { title: 'Көк-Таш суусу' });
    await moveOk(t, author, source.id, 'discussing');
    // `both` follows both issues; orgA endorses both, orgB only the source.
    await call(t, 'post', `/issues/${source.id}/follow`, both);
    await call(t, 'post', `/issues/${target.id}/follow`, both);
    const a1 = await call(t, 'post', `/issues/${source.id}/endorsements`, member, {
      organisationId: orgA.id,
      note: 'Дубликатка',
    });
    expect(a1.status).toBe(201);
    expect(
      (
        await call(t, 'post', `/issues/${target.id}/endorsements`, member, {
          organisationId: orgA.id,
          note: 'Негизгиге',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(t, 'post', `/issues/${source.id}/endorsements`, member, {
          organisationId: orgB.id,
        })
      ).status,
    ).toBe(201);

    // Source followers: author, both, member (endorser). Target followers: member, both.
    const res = await merge(facilitator, source.id, { targetIssueId: target.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: source.id,
      status: 'merged',
      mergedIntoId: target.id,
      endorsementCount: 0,
      followerCount: 0,
      allowedTransitions: [],
    });

    const after = await call(t, 'get', `/issues/${target.id}`, both);
    expect(after.body).toMatchObject({
      status: 'raised',
      mergedIntoId: null,
      endorsementCount: 2,
      followerCount: 3,
      following: true,
    });
    const followers: { user_id: string }[] = await t.db.query(
      'SELECT user_id FROM issue_follows WHERE issue_id = $1 ORDER BY user_id',
      [target.id],
    );
    expect(followers.map((f) => f.user_id)).toEqual([author.id, member.id, both.id].sort());
    expect(await count(t, 'issue_follows WHERE issue_id = $1', [source.id])).toBe(0);

    const endorsements = await call(t, 'get', `/issues/${target.id}/endorsements`, author);
    const byOrg = new Map(
      (endorsements.body.items as { organisationId: string; note: string | null }[]).map((e) => [
        e.organisationId,
        e,
      ]),
    );
    expect([...byOrg.keys()].sort()).toEqual([orgA.id, orgB.id].sort());
    // The organisation that endorsed both keeps the endorsement it gave the target.
    expect(byOrg.get(orgA.id)?.note).toBe('Негизгиге');
    expect(await count(t, 'endorsements WHERE issue_id = $1', [target.id])).toBe(2);
    expect(await count(t, 'endorsements WHERE issue_id = $1', [source.id])).toBe(0);
    const sourceEndorsements = await call(t, 'get', `/issues/${source.id}/endorsements`, author);
    expect(sourceEndorsements.body.items).toEqual([]);

    // The merged issue stays readable, with its history showing the merge.
    const read = await call(t, 'get', `/issues/${source.id}`, both);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    const history = await call(t, 'get', `/issues/${source.id}/history`, both);
    expect(
      (history.body.items as { fromStatus: string | null; toStatus: string }[]).map((h) => [
        h.fromStatus,
        h.toStatus,
      ]),
    ).toEqual([
      [null, 'raised'],
      ['raised', 'discussing'],
      ['discussing', 'merged'],
    ]);
    expect(history.body.items[2]).toMatchObject({
      actor: { id: facilitator.id, displayName: 'Фасилитатор' },
      note: expect.stringContaining(target.id),
    });
    const merged = await list(t, both, { status: 'merged' });
    expect(idsOf(merged)).toContain(source.id);
  });

  it('lets an admin merge a closed issue', async () => {
    const source = await raise(t, author);
    const target = await raise(t, author);
    await moveOk(t, author, source.id, 'closed', 'Жабылды');
    const res = await merge(admin, source.id, { targetIssueId: target.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'merged', mergedIntoId: target.id });
  });

  it('keeps the database consistent when two opposite merges race', async () => {
    const a = await raise(t, author);
    const b = await raise(t, author);
    const results = await Promise.all([
      merge(facilitator, a.id, { targetIssueId: b.id }),
      merge(admin, b.id, { targetIssueId: a.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows: { status: string }[] = await t.db.query(
      'SELECT status FROM issues WHERE id = ANY($1::uuid[])',
      [[a.id, b.id]],
    );
    expect(rows.map((r) => r.status).sort()).toEqual(['merged', 'raised']);
  });
});

describe('issues: listing, filters and sorts (GET /issues)', () => {
  let t: TestApp;
  let author: SignedUp;
  let rep: SignedUp;
  let staff: SignedUp;
  let org: { id: string; name: string };
  let endorserA: { id: string; name: string };
  let endorserB: { id: string; name: string };
  let onAkSaiVillage: IssueView;
  let onAkSai: IssueView;
  let onKyshtut: IssueView;
  let onKokTash: IssueView;
  let overdueIssue: IssueView;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    rep = await signUp(t);
    staff = await signUp(t, { role: 'facilitator' });
    org = await makeOrganisation(t, author, { kind: 'aiyl_okmotu' });
    endorserA = await makeOrganisation(t, rep);
    endorserB = await makeOrganisation(t, rep);
    onAkSaiVillage = await raise(t, author, {
      territoryIds: [TERRITORY.akSaiVillage],
      category: 'water_irrigation',
      decisionLevel: 'district',
      organisationId: org.id,
    });
    onAkSai = await raise(t, author, {
      territoryIds: [TERRITORY.akSai],
      category: 'roads_transport',
      decisionLevel: 'oblast',
    });
    onKyshtut = await raise(t, author, {
      territoryIds: [TERRITORY.kyshtut],
      category: 'border_crossing',
      decisionLevel: 'intergovernmental',
    });
    onKokTash = await raise(t, author, {
      territoryIds: [TERRITORY.kokTashVillage, TERRITORY.kyshtut],
      category: 'water_irrigation',
      decisionLevel: 'aiyl_aimak',
    });
    overdueIssue = await raise(t, author, {
      territoryIds: [TERRITORY.samarkandek],
      category: 'health',
      decisionLevel: 'national',
    });
    await moveOk(t, author, onAkSai.id, 'discussing');
    await moveOk(t, author, onKyshtut.id, 'closed', 'Чечилди');
    // An escalation past its deadline, stored directly (the escalations routes are tested elsewhere).
    const authority = await makeOrganisation(t, rep, { kind: 'state_administration' });
    await t.db.query(
      `INSERT INTO escalations (issue_id, authority_organisation_id, sent_at, response_due_at)
       VALUES ($1, $2, now() - interval '40 days', now() - interval '10 days')`,
      [overdueIssue.id, authority.id],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every issue newest first by default, as { items, nextCursor }', async () => {
    const res = await list(t, author, {});
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual(
      [overdueIssue, onKokTash, onKyshtut, onAkSai, onAkSaiVillage].map((i) => i.id),
    );
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by status, category, decision level and organisation', async () => {
    expect(idsOf(await list(t, author, { status: 'discussing' }))).toEqual([onAkSai.id]);
    expect(idsOf(await list(t, author, { status: 'closed' }))).toEqual([onKyshtut.id]);
    expect(idsOf(await list(t, author, { status: 'resolved' }))).toEqual([]);
    expect(idsOf(await list(t, author, { category: 'water_irrigation' }))).toEqual([
      onKokTash.id,
      onAkSaiVillage.id,
    ]);
    expect(idsOf(await list(t, author, { decisionLevel: 'intergovernmental' }))).toEqual([
      onKyshtut.id,
    ]);
    expect(idsOf(await list(t, author, { organisationId: org.id }))).toEqual([onAkSaiVillage.id]);
    expect(idsOf(await list(t, author, { organisationId: randomUUID() }))).toEqual([]);
    expect(
      idsOf(await list(t, author, { category: 'water_irrigation', decisionLevel: 'aiyl_aimak' })),
    ).toEqual([onKokTash.id]);
  });

  it('filters by territory including its descendants, never its ancestors', async () => {
    const found = async (territoryId: string) =>
      idsOf(await list(t, author, { territoryId })).sort();
    expect(await found(TERRITORY.batkenDistrict)).toEqual(
      [onAkSaiVillage, onAkSai, onKyshtut, onKokTash, overdueIssue].map((i) => i.id).sort(),
    );
    expect(await found(TERRITORY.batkenOblast)).toEqual(await found(TERRITORY.batkenDistrict));
    expect(await found(TERRITORY.akSai)).toEqual(
      [onAkSaiVillage, onAkSai, onKokTash].map((i) => i.id).sort(),
    );
    expect(await found(TERRITORY.akSaiVillage)).toEqual([onAkSaiVillage.id]);
    expect(await found(TERRITORY.kyshtut)).toEqual([onKyshtut, onKokTash].map((i) => i.id).sort());
    expect(await found(TERRITORY.kyshtut)).not.toContain(onAkSaiVillage.id);
    expect(await found(TERRITORY.akTatyr)).toEqual([]);
    expect(await found(randomUUID())).toEqual([]);
  });

  it('filters by overdue escalations and flags them on the issue', async () => {
    expect(idsOf(await list(t, author, { overdue: true }))).toEqual([overdueIssue.id]);
    const notOverdue = idsOf(await list(t, author, { overdue: false }));
    expect(notOverdue.sort()).toEqual(
      [onAkSaiVillage, onAkSai, onKyshtut, onKokTash].map((i) => i.id).sort(),
    );
    const view = await call(t, 'get', `/issues/${overdueIssue.id}`, author);
    expect(view.body.overdue).toBe(true);
    expect((await call(t, 'get', `/issues/${onAkSai.id}`, author)).body.overdue).toBe(false);
  });

  it('sorts by endorsements and by activity', async () => {
    // Endorsements: onAkSai 2, onKyshtut 1; activity: onAkSaiVillage moved last.
    for (const org of [endorserA, endorserB]) {
      const res = await call(t, 'post', `/issues/${onAkSai.id}/endorsements`, rep, {
        organisationId: org.id,
      });
      expect(res.status).toBe(201);
    }
    await call(t, 'post', `/issues/${onKyshtut.id}/endorsements`, rep, {
      organisationId: endorserA.id,
    });
    await moveOk(t, staff, onAkSaiVillage.id, 'discussing');

    const endorsed = await list(t, author, { sort: 'endorsed' });
    expect(idsOf(endorsed)).toEqual(
      [onAkSai, onKyshtut, overdueIssue, onKokTash, onAkSaiVillage].map((i) => i.id),
    );
    expect((endorsed.body.items as IssueView[]).map((i) => i.endorsementCount)).toEqual([
      2, 1, 0, 0, 0,
    ]);

    const active = await list(t, author, { sort: 'active' });
    expect(idsOf(active)).toEqual(
      [onAkSaiVillage, onKyshtut, onAkSai, overdueIssue, onKokTash].map((i) => i.id),
    );
    const times = (active.body.items as IssueView[]).map((i) => i.lastActivityAt);
    expect([...times].sort().reverse()).toEqual(times);

    const newest = await list(t, author, { sort: 'newest' });
    expect(idsOf(newest)).toEqual(
      [overdueIssue, onKokTash, onKyshtut, onAkSai, onAkSaiVillage].map((i) => i.id),
    );
    const created = (newest.body.items as IssueView[]).map((i) => i.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it.each([
    ['status', { status: 'open' }],
    ['category', { category: 'weather' }],
    ['decisionLevel', { decisionLevel: 'village' }],
    ['sort', { sort: 'oldest' }],
    ['territoryId', { territoryId: 'batken' }],
    ['organisationId', { organisationId: '123' }],
    ['overdue', { overdue: 'maybe' }],
    ['limit', { limit: 0 }],
    ['limit', { limit: 101 }],
    ['limit', { limit: 'ten' }],
    ['q', { q: 'x' }],
    ['q', { q: '  я  ' }],
    ['q', { q: long(201) }],
    ['page', { page: 2 }],
    ['cursor', { cursor: long(501) }],
  ] as [string, Record<string, string | number>][])(
    'refuses a bad query %s (%j) with 400 naming it',
    async (field, query) => {
      const res = await list(t, author, expand(query));
      expectFieldError(res, field);
    },
  );
});

describe('issues: keyset paging while issues are being added', () => {
  let t: TestApp;
  let author: SignedUp;
  let rep: SignedUp;
  let orgs: { id: string; name: string }[];
  let initial: IssueView[];

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    rep = await signUp(t);
    orgs = [];
    for (let i = 0; i < 3; i += 1) orgs.push(await makeOrganisation(t, rep));
    initial = [];
    for (let i = 0; i < 11; i += 1)
      initial.push(await raise(t, author, { title: `Паракчалоо маселеси ${i}` }));
    // Ties on endorsements and on activity, across page boundaries.
    for (const [index, times] of [
      [2, 3],
      [5, 1],
      [7, 1],
      [8, 3],
    ] as const) {
      for (let k = 0; k < times; k += 1) {
        const res = await call(t, 'post', `/issues/${initial[index].id}/endorsements`, rep, {
          organisationId: orgs[k].id,
        });
        expect(res.status).toBe(201);
      }
    }
    await moveOk(t, author, initial[0].id, 'discussing');
  });
  afterAll(async () => {
    await t.close();
  });

  async function walk(
    query: Record<string, string>,
    between: (page: number) => Promise<unknown>,
  ): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: Record<string, string | number> = { ...query, limit: 2 };
      if (cursor) q.cursor = cursor;
      // One insert before the request and one racing it.
      await between(pages);
      const [res] = await Promise.all([list(t, author, q), between(pages)]);
      expect(res.status).toBe(200);
      expect((res.body.items as unknown[]).length).toBeLessThanOrEqual(2);
      ids.push(...idsOf(res));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
      expect(pages).toBeLessThan(200);
    } while (cursor);
    return { ids, pages };
  }

  it.each(['newest', 'endorsed', 'active'])(
    'pages through sort=%s with limit=2: nothing skipped, nothing repeated, in order',
    async (sort) => {
      const before = await list(t, author, { sort, limit: 100 });
      const startIds = idsOf(before);
      const existing = new Set(startIds);
      expect(startIds.length).toBeGreaterThanOrEqual(initial.length);
      let added = 0;
      const { ids, pages } = await walk({ sort }, async () => {
        added += 1;
        return raise(t, author, { title: `Жаңы маселе ${sort} ${added}` });
      });
      expect(new Set(ids).size).toBe(ids.length);
      const seenExisting = ids.filter((id) => existing.has(id));
      // Every issue that existed at the start, once, in the order of the first listing.
      expect(seenExisting).toEqual(startIds);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(startIds.length / 2));
      expect(await count(t, 'issues', [])).toBe(startIds.length + added);
    },
  );

  it('pages through a filtered list the same way', async () => {
    const health = { category: 'health', territoryIds: [TERRITORY.kokTashVillage] };
    for (let i = 0; i < 7; i += 1) await raise(t, author, health);
    // Not matched by the filter: another category, and a territory outside Ak-Sai.
    await raise(t, author, { category: 'education', territoryIds: [TERRITORY.kokTashVillage] });
    await raise(t, author, { category: 'health', territoryIds: [TERRITORY.kyshtut] });
    const filter = { territoryId: TERRITORY.akSai, category: 'health' };
    const startIds = idsOf(await list(t, author, { ...filter, limit: 100 }));
    expect(startIds).toHaveLength(7);
    const { ids } = await walk(filter, () => raise(t, author, health));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => startIds.includes(id))).toEqual(startIds);
  });

  it('pages through search results ranked by relevance', async () => {
    const startIds = idsOf(await list(t, author, { q: 'паракчалоо', limit: 100 }));
    expect(startIds).toHaveLength(11);
    const { ids } = await walk({ q: 'паракчалоо' }, () =>
      raise(t, author, { title: 'Паракчалоо маселеси жаңы' }),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => startIds.includes(id))).toEqual(startIds);
  });

  it('refuses cursors it did not issue, and a cursor of one sort used with another (400 naming cursor)', async () => {
    const cursorOf = async (query: Record<string, string | number>) => {
      const res = await list(t, author, { ...query, limit: 2 });
      expect(res.body.nextCursor).toEqual(expect.any(String));
      return res.body.nextCursor as string;
    };
    const newest = await cursorOf({ sort: 'newest' });
    const endorsed = await cursorOf({ sort: 'endorsed' });
    const active = await cursorOf({ sort: 'active' });
    const relevance = await cursorOf({ q: 'паракчалоо' });
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = initial[0].id;

    const refused: [string, Record<string, string>][] = [
      ['garbage', { cursor: '!!!not-a-cursor!!!' }],
      ['not JSON', { cursor: Buffer.from('{{{').toString('base64url') }],
      ['an object', { cursor: b64({ at: '2026-01-01T00:00:00.000Z', id }) }],
      ['wrong length', { cursor: b64(['newest', '2026-01-01T00:00:00.000Z']) }],
      ['not a date', { cursor: b64(['newest', 'not-a-date', id]) }],
      ['an impossible date', { cursor: b64(['newest', '2026-02-31T00:00:00.000Z', id]) }],
      ['an SQL fragment', { cursor: b64(['newest', "2026-01-01'; DROP TABLE issues;--", id]) }],
      ['not a uuid', { cursor: b64(['newest', '2026-01-01T00:00:00.000Z', 'nope']) }],
      [
        'a string count',
        { sort: 'endorsed', cursor: b64(['endorsed', 'x', new Date().toISOString(), id]) },
      ],
      ['newest used with endorsed', { sort: 'endorsed', cursor: newest }],
      ['newest used with active', { sort: 'active', cursor: newest }],
      ['active used with newest', { sort: 'newest', cursor: active }],
      ['endorsed used with newest', { sort: 'newest', cursor: endorsed }],
      ['relevance used without q', { cursor: relevance }],
      ['newest used with q', { q: 'паракчалоо', cursor: newest }],
      ['relevance used with sort=active', { q: 'паракчалоо', sort: 'active', cursor: relevance }],
    ];
    for (const [what, query] of refused) {
      const res = await list(t, author, query);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expectFieldError(res, 'cursor');
    }
    expect(await count(t, 'issues', [])).toBeGreaterThan(0);
    // The genuine ones still work.
    for (const [query, cursor] of [
      [{ sort: 'newest' }, newest],
      [{ sort: 'endorsed' }, endorsed],
      [{ sort: 'active' }, active],
      [{ q: 'паракчалоо' }, relevance],
    ] as [Record<string, string>, string][]) {
      const res = await list(t, author, { ...query, cursor, limit: 2 });
      expect(res.status).toBe(200);
    }
  });
});

describe('issues: full-text search (GET /issues?q=)', () => {
  let t: TestApp;
  let author: SignedUp;
  let kyrgyz: IssueView;
  let russian: IssueView;
  let latin: IssueView;
  let samarkandek: IssueView;
  let bridgeInTitle: IssueView;
  let bridgeInBody: IssueView;
  let html: IssueView;
  let yo: IssueView;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    kyrgyz = await raise(t, author, {
      title: 'Көк-Таш айылында суу жетишпейт',
      body: 'Жайкы мезгилде арыктагы суу түштөн кийин токтойт, бакчалар кургап жатат.',
      territoryIds: [TERRITORY.kokTashVillage],
    });
    russian = await raise(t, author, {
      title: 'Дорога в Ак-Сай закрыта',
      body: 'После оползня дорога к селу закрыта уже третью неделю; автобус не ходит.',
      category: 'roads_transport',
      language: 'ru',
    });
    latin = await raise(t, author, {
      title: 'Kairagach border crossing closed for trucks',
      body: 'Traders from Batken report that the crossing has been closed since Monday.',
      category: 'border_crossing',
      language: 'en',
    });
    samarkandek = await raise(t, author, {
      title: 'Самаркандек мектебинде жылуулук жок',
      body: 'Кышында класстар суук.',
      category: 'education',
    });
    bridgeInTitle = await raise(t, author, {
      title: 'Көпүрө кулады',
      body: 'Жаандан кийин суу ташкындады.',
      category: 'infrastructure',
    });
    bridgeInBody = await raise(t, author, {
      title: 'Жаандан кийинки зыян',
      body: 'Талаалар сууга кетти, эски көпүрө да бузулду, мал жайыттан кайта албай калды.',
      category: 'infrastructure',
    });
    html = await raise(t, author, {
      title: 'Мектеп <b>жабык</b> & "эмне үчүн"',
      body: 'Балдар <script>alert(1)</script> мектепке бара албайт, анткени жол бузулган & суу ташкындады.',
      category: 'education',
    });
    yo = await raise(t, author, {
      title: 'Мост через речку',
      body: 'Мост ещё не починили, ёмкости для воды тоже нет.',
      category: 'infrastructure',
      language: 'ru',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (q: string, extra: Record<string, string> = {}) => {
    const res = await list(t, author, { q, ...extra });
    expect(res.status).toBe(200);
    return res;
  };

  it('finds Kyrgyz text, by the whole phrase and by a word, in any case', async () => {
    expect(idsOf(await search('Көк-Таш айылында суу жетишпейт'))).toEqual([kyrgyz.id]);
    expect(idsOf(await search('жетишпейт'))).toEqual([kyrgyz.id]);
    expect(idsOf(await search('ЖЕТИШПЕЙТ'))).toEqual([kyrgyz.id]);
    expect(idsOf(await search('көк-таш'))).toEqual([kyrgyz.id]);
    expect(idsOf(await search('бакчалар кургап'))).toEqual([kyrgyz.id]);
  });

  it('finds Russian text, by the whole phrase and by words, in any case', async () => {
    expect(idsOf(await search('Дорога в Ак-Сай закрыта'))).toEqual([russian.id]);
    expect(idsOf(await search('автобус'))).toEqual([russian.id]);
    expect(idsOf(await search('ОПОЛЗНЯ дорога'))).toEqual([russian.id]);
  });

  it('folds ё into е (unaccent)', async () => {
    expect(idsOf(await search('еще'))).toEqual([yo.id]);
    expect(idsOf(await search('ёмкости'))).toEqual([yo.id]);
    expect(idsOf(await search('емкости'))).toEqual([yo.id]);
  });

  it('finds Latin text in any case', async () => {
    expect(idsOf(await search('kairagach'))).toEqual([latin.id]);
    expect(idsOf(await search('TRADERS Monday'))).toEqual([latin.id]);
  });

  it('finds a near spelling of a title word through trigrams', async () => {
    // Not a text-search match: "самаркандэк" is no token of the issue.
    const res = await search('Самаркандэк');
    expect(idsOf(res)).toEqual([samarkandek.id]);
    expect(idsOf(await search('самаркандак'))).toEqual([samarkandek.id]);
  });

  it('finds nothing for a word that is nowhere', async () => {
    const res = await search('вертолёт');
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('ranks a title match above a body-only match', async () => {
    const res = await search('көпүрө');
    // The Russian "Мост" comes last, through the thesaurus (bridge: көпүрө, мост, …).
    expect(idsOf(res)).toEqual([bridgeInTitle.id, bridgeInBody.id, yo.id]);
    const [first, second] = res.body.items as IssueView[];
    expect(first.search!.rank).toBeGreaterThan(second.search!.rank);
  });

  it('highlights matches with <mark> in the title and the snippet', async () => {
    const res = await search('көпүрө');
    const [inTitle, inBody] = res.body.items as IssueView[];
    expect(inTitle.search!.titleHighlight).toBe('<mark>Көпүрө</mark> кулады');
    expect(inBody.search!.titleHighlight).toBe('Жаандан кийинки зыян');
    expect(inBody.search!.snippet).toContain('<mark>көпүрө</mark>');
    const kg = (await search('жетишпейт')).body.items[0] as IssueView;
    expect(kg.search!.titleHighlight).toBe('Көк-Таш айылында суу <mark>жетишпейт</mark>');
    const ru = (await search('автобус')).body.items[0] as IssueView;
    expect(ru.search!.snippet).toContain('<mark>автобус</mark>');
    // Not searched: no search block.
    expect((await list(t, author, {})).body.items[0].search).toBeUndefined();
  });

  it('escapes HTML in the snippet and the title, marks aside', async () => {
    const res = await search('мектепке');
    expect(idsOf(res)).toEqual([html.id]);
    const hit = (res.body.items[0] as IssueView).search!;
    expect(hit.snippet).toContain('<mark>мектепке</mark>');
    expect(hit.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hit.snippet).toContain('&amp;');
    expect(hit.snippet).not.toContain('<script');
    expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);

    const titled = (await search('мектеп')).body.items as IssueView[];
    const withHtml = titled.find((i) => i.id === html.id)!;
    expect(withHtml.search!.titleHighlight).toBe(
      '<mark>Мектеп</mark> &lt;b&gt;жабык&lt;/b&gt; &amp; &quot;эмне үчүн&quot;',
    );
    // The issue itself keeps its text as written.
    expect(withHtml.title).toBe('Мектеп <b>жабык</b> & "эмне үчүн"');
  });

  it('combines search with filters', async () => {
    expect(idsOf(await search('көпүрө', { category: 'infrastructure' }))).toHaveLength(3);
    expect(idsOf(await search('көпүрө', { category: 'education' }))).toEqual([]);
    expect(idsOf(await search('суу', { territoryId: TERRITORY.kokTashVillage }))).toEqual([
      kyrgyz.id,
    ]);
  });

  it('can sort search results by newest instead of relevance', async () => {
    const res = await search('көпүрө', { sort: 'newest' });
    expect(idsOf(res)).toEqual([yo.id, bridgeInBody.id, bridgeInTitle.id]);
    expect((res.body.items as IssueView[])[0].search).toBeDefined();
  });

  it('refuses a one-character query (400 naming q)', async () => {
    expectFieldError(await list(t, author, { q: 'ж' }), 'q');
  });

  it('treats search operators and punctuation as text, never as an error', async () => {
    for (const q of [
      '"Көк-Таш',
      'суу OR жол',
      '-суу',
      "' OR 1=1 --",
      '(((',
      '<script>',
      '&&||!!',
    ]) {
      const res = await list(t, author, { q });
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
    }
  });
});
