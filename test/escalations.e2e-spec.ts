import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import {
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
  call,
  type Method,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Sends one request, with the caller's token when there is one. */
function expectFieldError(res: Response, field: string): void {
  expectProblem(res, 400, 'validation_failed');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString();
}

async function count(t: TestApp, sql: string, params: unknown[]): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}

/** Raises an issue as `author` through the API (status raised). */
async function raise(
  t: TestApp,
  author: SignedUp,
  title = 'Road to Ak-Sai closed',
): Promise<string> {
  const res = await call(t, 'post', '/issues', author, {
    title,
    body: 'The road between the villages has been closed since spring.',
    category: 'roads_transport',
    territoryIds: [TERRITORY.akSai],
    decisionLevel: 'district',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function move(t: TestApp, issueId: string, staff: SignedUp, to: string, note?: string) {
  const res = await call(t, 'post', `/issues/${issueId}/transitions`, staff, { to, note });
  expect(res.status).toBe(200);
  expect(res.body.status).toBe(to);
}

/** Raises an issue and moves it raised → discussing → prioritised as a facilitator. */
async function prioritisedIssue(t: TestApp, author: SignedUp, staff: SignedUp): Promise<string> {
  const id = await raise(t, author);
  await move(t, id, staff, 'discussing');
  await move(t, id, staff, 'prioritised');
  return id;
}

async function escalate(
  t: TestApp,
  issueId: string,
  staff: SignedUp,
  authorityOrganisationId: string,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const res = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
    authorityOrganisationId,
    sentAt: daysAgo(1),
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body as Record<string, unknown>;
}

async function issueStatus(t: TestApp, issueId: string): Promise<string> {
  const [row] = await t.db.query('SELECT status FROM issues WHERE id = $1', [issueId]);
  return (row as { status: string }).status;
}

/** The user's notifications of one kind about one issue, newest first. */
async function notificationsOf(t: TestApp, user: SignedUp, kind: string, issueId: string) {
  const res = await call(t, 'get', `/notifications?kind=${kind}&limit=100`, user);
  expect(res.status).toBe(200);
  return (
    res.body.items as {
      kind: string;
      issueId: string;
      actorId: string;
      payload: Record<string, unknown>;
    }[]
  ).filter((n) => n.issueId === issueId);
}

describe('escalations: every route needs a token, staff for writing, and well-formed input', () => {
  let t: TestApp;
  let staff: SignedUp;
  let member: SignedUp;
  let issueId: string;
  let escalationId: string;
  let authorityId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    member = await signUp(t);
    authorityId = (await makeOrganisation(t, staff, { kind: 'state_administration' })).id;
    issueId = await prioritisedIssue(t, member, staff);
    escalationId = (await escalate(t, issueId, staff, authorityId)).id as string;
  });
  afterAll(async () => {
    await t.close();
  });

  /** `@authority`, `@past`, `@now` and `@<n> chars` stand for values made at run time. */
  function fill(template: Record<string, unknown>): Record<string, unknown> {
    const value = (v: unknown): unknown => {
      if (v === '@authority') return authorityId;
      if (v === '@past') return daysAgo(1);
      if (v === '@now') return daysAgo(0);
      const long = typeof v === 'string' ? /^@(\d+) chars$/.exec(v) : null;
      return long ? 'x'.repeat(Number(long[1])) : v;
    };
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, value(v)]));
  }

  const routes = (issue: string, escalation: string): [Method, string][] => [
    ['post', `/issues/${issue}/escalations`],
    ['get', `/issues/${issue}/escalations`],
    ['get', '/escalations'],
    ['get', `/escalations/${escalation}`],
    ['patch', `/escalations/${escalation}`],
  ];

  it('documents every escalations route in the OpenAPI document, with its view and problems', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body as {
      paths: Record<string, Record<string, { tags: string[]; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const documented: [string, string, string[]][] = [
      ['/api/v1/issues/{id}/escalations', 'post', ['201', '400', '401', '403', '404', '409']],
      ['/api/v1/issues/{id}/escalations', 'get', ['200', '400', '401', '404']],
      ['/api/v1/escalations', 'get', ['200', '400', '401']],
      ['/api/v1/escalations/{id}', 'get', ['200', '400', '401', '404']],
      ['/api/v1/escalations/{id}', 'patch', ['200', '400', '401', '403', '404', '409']],
    ];
    for (const [path, method, statuses] of documented) {
      const operation = doc.paths[path]?.[method];
      expect(operation?.tags).toEqual(['escalations']);
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(statuses));
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'CreateEscalationDto',
        'UpdateEscalationDto',
        'EscalationViewDto',
        'EscalationPageDto',
      ]),
    );
  });

  it('refuses every escalations route without a token (401) and changes nothing', async () => {
    for (const [method, path] of routes(issueId, escalationId)) {
      const res = await call(t, method, path, undefined, {
        authorityOrganisationId: authorityId,
        sentAt: daysAgo(1),
      });
      expectProblem(res, 401, 'unauthorized');
    }
    expect(await count(t, 'escalations', [])).toBe(1);
  });

  it('refuses a member who is not staff (403) on the writing routes, and stores nothing', async () => {
    const post = await call(t, 'post', `/issues/${issueId}/escalations`, member, {
      authorityOrganisationId: authorityId,
      sentAt: daysAgo(1),
    });
    expectProblem(post, 403, 'forbidden');
    const patch = await call(t, 'patch', `/escalations/${escalationId}`, member, {
      responseText: 'We will repair it',
      respondedAt: daysAgo(0),
    });
    expectProblem(patch, 403, 'forbidden');
    expect(await count(t, 'escalations', [])).toBe(1);
    const [row] = await t.db.query('SELECT responded_at FROM escalations WHERE id = $1', [
      escalationId,
    ]);
    expect(row.responded_at).toBeNull();
  });

  it('answers an oversized JSON body on the writing routes with 413, storing nothing', async () => {
    const big = { reference: 'x'.repeat(1024 * 1024 + 16) };
    for (const [method, path] of routes(issueId, escalationId).filter(([m]) => m !== 'get')) {
      expectProblem(await call(t, method, path, staff, big), 413, 'payload_too_large');
    }
    expect(await count(t, 'escalations WHERE reference IS NOT NULL', [])).toBe(0);
  });

  it('lets any signed-in member read escalations', async () => {
    for (const [, path] of routes(issueId, escalationId).filter(([m]) => m === 'get')) {
      const res = await call(t, 'get', path, member);
      expect(res.status).toBe(200);
    }
  });

  it.each([
    ['post', '/issues/not-a-uuid/escalations', 'id'],
    ['get', '/issues/not-a-uuid/escalations', 'id'],
    ['get', '/escalations/42', 'id'],
    ['patch', '/escalations/nope', 'id'],
  ] as [Method, string, string][])(
    'answers %s %s with 400 naming the malformed path parameter %s',
    async (method, path, field) => {
      const body = method === 'get' ? undefined : { reference: 'X-1' };
      const res = await call(t, method, path, staff, body);
      expectFieldError(res, field);
    },
  );

  it('answers an unknown issue or escalation with 404', async () => {
    const missing = randomUUID();
    const post = await call(t, 'post', `/issues/${missing}/escalations`, staff, {
      authorityOrganisationId: authorityId,
      sentAt: daysAgo(1),
    });
    expectProblem(post, 404, 'not_found');
    expectProblem(await call(t, 'get', `/issues/${missing}/escalations`, staff), 404, 'not_found');
    expectProblem(await call(t, 'get', `/escalations/${missing}`, staff), 404, 'not_found');
    const patch = await call(t, 'patch', `/escalations/${missing}`, staff, {
      responseText: 'An answer',
      respondedAt: daysAgo(0),
    });
    expectProblem(patch, 404, 'not_found');
    expect(await count(t, 'escalations', [])).toBe(1);
  });

  it('refuses unknown body fields and query parameters (400)', async () => {
    const post = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: authorityId,
      sentAt: daysAgo(1),
      issueId,
    });
    expectFieldError(post, 'issueId');
    const patch = await call(t, 'patch', `/escalations/${escalationId}`, staff, {
      sentAt: daysAgo(2),
    });
    expectFieldError(patch, 'sentAt');
    expectFieldError(await call(t, 'get', '/escalations?status=open', staff), 'status');
    expectFieldError(
      await call(t, 'get', `/issues/${issueId}/escalations?overdue=true`, staff),
      'overdue',
    );
    expect(await count(t, 'escalations', [])).toBe(1);
  });

  it.each([
    ['issueId=nope', 'issueId'],
    ['authorityOrganisationId=12', 'authorityOrganisationId'],
    ['overdue=maybe', 'overdue'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['cursor=@badDate', 'cursor'],
  ])('refuses GET /escalations?%s with 400 naming %s', async (query, field) => {
    // A cursor of the right shape naming a day that does not exist (31 February).
    const badDate = Buffer.from(
      JSON.stringify(['2025-02-31T00:00:00.000000Z', randomUUID()]),
    ).toString('base64url');
    const res = await call(t, 'get', `/escalations?${query.replace('@badDate', badDate)}`, staff);
    expectFieldError(res, field);
  });

  it.each([
    [{ sentAt: '@past' }, 'authorityOrganisationId'],
    [{ authorityOrganisationId: 'x', sentAt: '@past' }, 'authorityOrganisationId'],
    [{ authorityOrganisationId: '@authority' }, 'sentAt'],
    [{ authorityOrganisationId: '@authority', sentAt: '2025-03-01' }, 'sentAt'],
    [{ authorityOrganisationId: '@authority', sentAt: '2025-03-01T10:00:00' }, 'sentAt'],
    [{ authorityOrganisationId: '@authority', sentAt: '2025-02-30T10:00:00Z' }, 'sentAt'],
    [{ authorityOrganisationId: '@authority', sentAt: 'yesterday' }, 'sentAt'],
    [{ authorityOrganisationId: '@authority', sentAt: 1740787200000 }, 'sentAt'],
    [
      { authorityOrganisationId: '@authority', sentAt: '@past', reference: '@201 chars' },
      'reference',
    ],
    [{ authorityOrganisationId: '@authority', sentAt: '@past', reference: '   ' }, 'reference'],
    [
      { authorityOrganisationId: '@authority', sentAt: '@past', responseDueAt: null },
      'responseDueAt',
    ],
    [
      { authorityOrganisationId: '@authority', sentAt: '@past', responseDueAt: 'soon' },
      'responseDueAt',
    ],
  ] as [Record<string, unknown>, string][])(
    'refuses an escalation body %j with 400 naming %s',
    async (template, field) => {
      const res = await call(t, 'post', `/issues/${issueId}/escalations`, staff, fill(template));
      expectFieldError(res, field);
      expect(await count(t, 'escalations', [])).toBe(1);
    },
  );

  it.each([
    [{ responseText: '', respondedAt: '@now' }, 'responseText'],
    [{ responseText: '   ', respondedAt: '@now' }, 'responseText'],
    [{ responseText: '@20001 chars', respondedAt: '@now' }, 'responseText'],
    [{ responseText: null, respondedAt: '@now' }, 'responseText'],
    [{ responseText: 'An answer', respondedAt: 'today' }, 'respondedAt'],
    [{ responseText: 'An answer', respondedAt: null }, 'respondedAt'],
    [{ responseDueAt: null }, 'responseDueAt'],
    [{ reference: 42 }, 'reference'],
  ] as [Record<string, unknown>, string][])(
    'refuses a patch %j with 400 naming %s',
    async (template, field) => {
      const res = await call(t, 'patch', `/escalations/${escalationId}`, staff, fill(template));
      expectFieldError(res, field);
      const [row] = await t.db.query(
        'SELECT responded_at, reference FROM escalations WHERE id = $1',
        [escalationId],
      );
      expect(row).toEqual({ responded_at: null, reference: null });
    },
  );
});

describe('escalations: sending an issue to an authority', () => {
  let t: TestApp;
  let staff: SignedUp;
  let admin: SignedUp;
  let author: SignedUp;
  let district: { id: string; name: string };
  let government: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
    author = await signUp(t);
    district = await makeOrganisation(t, staff, {
      kind: 'state_administration',
      name: 'Batken district state administration',
    });
    government = await makeOrganisation(t, staff, {
      kind: 'government_body',
      name: 'Ministry of Transport',
      territoryId: TERRITORY.batkenOblast,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('escalates a prioritised issue: 201 with the view, the deadline defaults to sentAt + 30 days, the issue is escalated', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const sentAt = '2025-03-01T09:30:00.000Z';
    const res = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: district.id,
      sentAt,
      reference: '  No. 01-12/345  ',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      issueId,
      issueTitle: 'Road to Ak-Sai closed',
      authorityOrganisationId: district.id,
      authorityName: district.name,
      sentAt,
      reference: 'No. 01-12/345',
      responseDueAt: '2025-03-31T09:30:00.000Z',
      responseText: null,
      respondedAt: null,
      // The default deadline of an escalation sent on 1 March 2025 is long past.
      overdue: true,
      createdById: staff.id,
      createdAt: expect.any(String),
      attachments: [],
    });
    expect(new Date(res.body.responseDueAt as string).getTime() - new Date(sentAt).getTime()).toBe(
      30 * DAY_MS,
    );
    const [row] = await t.db.query('SELECT * FROM escalations WHERE id = $1', [res.body.id]);
    expect(row).toMatchObject({
      issue_id: issueId,
      authority_organisation_id: district.id,
      created_by: staff.id,
      response_text: null,
    });

    const issue = await call(t, 'get', `/issues/${issueId}`, author);
    expect(issue.body).toMatchObject({ status: 'escalated' });
    const history = await call(t, 'get', `/issues/${issueId}/history`, author);
    expect(history.body.items.at(-1)).toMatchObject({
      fromStatus: 'prioritised',
      toStatus: 'escalated',
      actor: { id: staff.id, displayName: staff.displayName },
      // Written in the language of the facilitator who escalated (Kyrgyz by default).
      note: expect.stringContaining(`Жөнөтүлдү: ${district.name}`),
    });
    // The author hears that their issue moved.
    const moved = await notificationsOf(t, author, 'status_changed', issueId);
    expect(moved[0]).toMatchObject({
      issueId,
      actorId: staff.id,
      payload: { from: 'prioritised', to: 'escalated' },
    });
  });

  it('takes a given deadline and a sentAt a minute ahead of our clock; admins may escalate too', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const sentAt = new Date(Date.now() + 60_000).toISOString();
    const responseDueAt = new Date(Date.now() + 14 * DAY_MS).toISOString();
    const res = await call(t, 'post', `/issues/${issueId}/escalations`, admin, {
      authorityOrganisationId: government.id,
      sentAt,
      responseDueAt,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sentAt,
      responseDueAt,
      reference: null,
      overdue: false,
      authorityName: 'Ministry of Transport',
      createdById: admin.id,
    });
  });

  it('accepts a time with an offset and stores it in UTC', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const res = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: district.id,
      sentAt: '2025-06-02T15:00:00+06:00',
      responseDueAt: '2025-06-20T18:00:00+06:00',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sentAt: '2025-06-02T09:00:00.000Z',
      responseDueAt: '2025-06-20T12:00:00.000Z',
    });
  });

  it('refuses an authority that is not a state administration or government body (400 naming the field)', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const ngo = await makeOrganisation(t, staff, { kind: 'ngo' });
    const okmotu = await makeOrganisation(t, staff, { kind: 'aiyl_okmotu' });
    for (const org of [ngo, okmotu]) {
      const res = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
        authorityOrganisationId: org.id,
        sentAt: daysAgo(1),
      });
      expectFieldError(res, 'authorityOrganisationId');
      expect(res.body.errors[0].message).toMatch(/state_administration, government_body/);
    }
    const unknown = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: randomUUID(),
      sentAt: daysAgo(1),
    });
    expectFieldError(unknown, 'authorityOrganisationId');
    expect(await count(t, 'escalations WHERE issue_id = $1', [issueId])).toBe(0);
    expect(await issueStatus(t, issueId)).toBe('prioritised');
  });

  it('refuses a deadline before sentAt and a sentAt in the future (400), storing nothing', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const early = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: district.id,
      sentAt: daysAgo(2),
      responseDueAt: daysAgo(3),
    });
    expectFieldError(early, 'responseDueAt');
    const future = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: district.id,
      sentAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
    });
    expectFieldError(future, 'sentAt');
    expect(await count(t, 'escalations WHERE issue_id = $1', [issueId])).toBe(0);
    expect(await issueStatus(t, issueId)).toBe('prioritised');
  });

  it('refuses to escalate a raised issue with 409 naming the allowed moves, storing nothing', async () => {
    const issueId = await raise(t, author);
    const res = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: district.id,
      sentAt: daysAgo(1),
    });
    expectProblem(res, 409, 'conflict');
    expect(res.body.detail).toMatch(/«көтөрүлгөн» абалынан/);
    expect(res.body.detail).toMatch(/уруксат: талкууланууда/);
    expect(await count(t, 'escalations WHERE issue_id = $1', [issueId])).toBe(0);
    expect(await issueStatus(t, issueId)).toBe('raised');
  });

  it('refuses to escalate a closed issue (409)', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    await move(t, issueId, staff, 'closed', 'Solved locally');
    const res = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: district.id,
      sentAt: daysAgo(1),
    });
    expectProblem(res, 409, 'conflict');
    expect(await count(t, 'escalations WHERE issue_id = $1', [issueId])).toBe(0);
  });

  it('sends an escalated issue to a second authority: it stays escalated and no move is recorded', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    await escalate(t, issueId, staff, district.id);
    const transitions = await count(t, 'issue_transitions WHERE issue_id = $1', [issueId]);
    const second = await escalate(t, issueId, staff, government.id);
    expect(second).toMatchObject({ issueId, authorityOrganisationId: government.id });
    expect(await issueStatus(t, issueId)).toBe('escalated');
    expect(await count(t, 'issue_transitions WHERE issue_id = $1', [issueId])).toBe(transitions);
    const list = await call(t, 'get', `/issues/${issueId}/escalations`, author);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.nextCursor).toBeNull();
  });
});

describe('escalations: recording the answer', () => {
  let t: TestApp;
  let staff: SignedUp;
  let author: SignedUp;
  let follower: SignedUp;
  let bystander: SignedUp;
  let district: { id: string; name: string };
  let government: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    author = await signUp(t);
    follower = await signUp(t);
    bystander = await signUp(t);
    district = await makeOrganisation(t, staff, {
      kind: 'state_administration',
      name: 'Batken district state administration',
    });
    government = await makeOrganisation(t, staff, {
      kind: 'government_body',
      name: 'Cabinet of Ministers',
      territoryId: TERRITORY.batkenOblast,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('records the answer, moves the issue to answered with the actor in its history, and notifies followers and the author but not the actor', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    expect((await call(t, 'post', `/issues/${issueId}/follow`, follower)).status).toBe(200);
    // The actor follows too, and still hears nothing of their own doing.
    expect((await call(t, 'post', `/issues/${issueId}/follow`, staff)).status).toBe(200);
    const sentAt = daysAgo(10);
    const escalation = await escalate(t, issueId, staff, district.id, { sentAt });
    const respondedAt = daysAgo(1);
    const responseText = `The road will be repaired by June. ${'Details follow. '.repeat(30)}`;

    const res = await call(t, 'patch', `/escalations/${escalation.id as string}`, staff, {
      responseText,
      respondedAt,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: escalation.id,
      responseText: responseText.trim(),
      respondedAt,
      overdue: false,
      sentAt,
    });
    const read = await call(t, 'get', `/escalations/${escalation.id as string}`, bystander);
    expect(read.body).toEqual(res.body);

    const issue = await call(t, 'get', `/issues/${issueId}`, author);
    expect(issue.body.status).toBe('answered');
    const history = await call(t, 'get', `/issues/${issueId}/history`, author);
    expect(history.body.items.at(-1)).toMatchObject({
      fromStatus: 'escalated',
      toStatus: 'answered',
      actor: { id: staff.id, displayName: staff.displayName },
      note: expect.stringContaining(district.name),
    });

    for (const user of [author, follower]) {
      const answered = await notificationsOf(t, user, 'escalation_answered', issueId);
      expect(answered).toHaveLength(1);
      expect(answered[0]).toMatchObject({
        kind: 'escalation_answered',
        issueId,
        actorId: staff.id,
        payload: {
          issueTitle: 'Road to Ak-Sai closed',
          escalationId: escalation.id,
          authorityName: district.name,
          excerpt: expect.stringMatching(/^The road will be repaired by June\./),
        },
      });
      expect(Array.from(answered[0].payload.excerpt as string).length).toBeLessThanOrEqual(201);
      const moved = await notificationsOf(t, user, 'status_changed', issueId);
      expect(moved[0]).toMatchObject({ payload: { from: 'escalated', to: 'answered' } });
    }
    expect(await notificationsOf(t, staff, 'escalation_answered', issueId)).toHaveLength(0);
    expect(await notificationsOf(t, bystander, 'escalation_answered', issueId)).toHaveLength(0);
  });

  it('refuses to record an answer twice (409) and keeps the first', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const escalation = await escalate(t, issueId, staff, district.id);
    const path = `/escalations/${escalation.id as string}`;
    const first = await call(t, 'patch', path, staff, {
      responseText: 'First answer',
      respondedAt: daysAgo(0),
    });
    expect(first.status).toBe(200);
    const again = await call(t, 'patch', path, staff, {
      responseText: 'Second answer',
      respondedAt: daysAgo(0),
      reference: 'changed',
    });
    expectProblem(again, 409, 'conflict');
    const [row] = await t.db.query(
      'SELECT response_text, reference FROM escalations WHERE id = $1',
      [escalation.id],
    );
    expect(row).toEqual({ response_text: 'First answer', reference: null });
    expect(await notificationsOf(t, author, 'escalation_answered', issueId)).toHaveLength(1);
  });

  it('refuses half an answer (400 naming the missing half) and an answer before sentAt', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const escalation = await escalate(t, issueId, staff, district.id, { sentAt: daysAgo(5) });
    const path = `/escalations/${escalation.id as string}`;
    expectFieldError(
      await call(t, 'patch', path, staff, { responseText: 'Only text' }),
      'respondedAt',
    );
    expectFieldError(
      await call(t, 'patch', path, staff, { respondedAt: daysAgo(0) }),
      'responseText',
    );
    expectFieldError(
      await call(t, 'patch', path, staff, { responseText: 'Too early', respondedAt: daysAgo(6) }),
      'respondedAt',
    );
    expectFieldError(
      await call(t, 'patch', path, staff, {
        responseText: 'From the future',
        respondedAt: new Date(Date.now() + DAY_MS).toISOString(),
      }),
      'respondedAt',
    );
    const [row] = await t.db.query('SELECT responded_at FROM escalations WHERE id = $1', [
      escalation.id,
    ]);
    expect(row.responded_at).toBeNull();
    expect(await issueStatus(t, issueId)).toBe('escalated');
  });

  it('corrects the reference and the deadline without moving the issue; null clears the reference', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const sentAt = daysAgo(3);
    const escalation = await escalate(t, issueId, staff, district.id, {
      sentAt,
      reference: 'No. 1',
    });
    const path = `/escalations/${escalation.id as string}`;
    const transitions = await count(t, 'issue_transitions WHERE issue_id = $1', [issueId]);
    const responseDueAt = new Date(Date.now() + 60 * DAY_MS).toISOString();
    const res = await call(t, 'patch', path, staff, { reference: 'No. 1-bis', responseDueAt });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      reference: 'No. 1-bis',
      responseDueAt,
      responseText: null,
      respondedAt: null,
    });
    const cleared = await call(t, 'patch', path, staff, { reference: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ reference: null, responseDueAt });
    expectFieldError(
      await call(t, 'patch', path, staff, { responseDueAt: daysAgo(4) }),
      'responseDueAt',
    );
    expect((await call(t, 'patch', path, staff, {})).status).toBe(200);
    expect(await issueStatus(t, issueId)).toBe('escalated');
    expect(await count(t, 'issue_transitions WHERE issue_id = $1', [issueId])).toBe(transitions);
  });

  it('after an answer, escalates one level higher: answered → escalated, then answered again', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const first = await escalate(t, issueId, staff, district.id, { sentAt: daysAgo(20) });
    const answered = await call(t, 'patch', `/escalations/${first.id as string}`, staff, {
      responseText: 'Not within our competence',
      respondedAt: daysAgo(5),
    });
    expect(answered.status).toBe(200);
    expect(await issueStatus(t, issueId)).toBe('answered');

    const higher = await escalate(t, issueId, staff, government.id, { sentAt: daysAgo(4) });
    expect(higher).toMatchObject({ authorityName: 'Cabinet of Ministers' });
    expect(await issueStatus(t, issueId)).toBe('escalated');
    const final = await call(t, 'patch', `/escalations/${higher.id as string}`, staff, {
      responseText: 'Funds allocated for the repair',
      respondedAt: daysAgo(0),
    });
    expect(final.status).toBe(200);

    const history = await call(t, 'get', `/issues/${issueId}/history`, author);
    expect(
      history.body.items.map((i: { fromStatus: string | null; toStatus: string }) => [
        i.fromStatus,
        i.toStatus,
      ]),
    ).toEqual([
      [null, 'raised'],
      ['raised', 'discussing'],
      ['discussing', 'prioritised'],
      ['prioritised', 'escalated'],
      ['escalated', 'answered'],
      ['answered', 'escalated'],
      ['escalated', 'answered'],
    ]);
  });

  it('stores an answer that arrives after the issue was closed, and leaves the issue closed', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const escalation = await escalate(t, issueId, staff, district.id);
    await move(t, issueId, staff, 'closed', 'Solved by the villages themselves');
    const res = await call(t, 'patch', `/escalations/${escalation.id as string}`, staff, {
      responseText: 'Late answer',
      respondedAt: daysAgo(0),
    });
    expect(res.status).toBe(200);
    expect(res.body.responseText).toBe('Late answer');
    expect(await issueStatus(t, issueId)).toBe('closed');
    const history = await call(t, 'get', `/issues/${issueId}/history`, author);
    expect(history.body.items.at(-1)).toMatchObject({ toStatus: 'closed' });
    const answered = await notificationsOf(t, author, 'escalation_answered', issueId);
    expect(answered[0]).toMatchObject({ payload: { escalationId: escalation.id } });
  });

  it('with two authorities at once, the first answer moves the issue and the second leaves it answered', async () => {
    const issueId = await prioritisedIssue(t, author, staff);
    const a = await escalate(t, issueId, staff, district.id);
    const b = await escalate(t, issueId, staff, government.id);
    for (const e of [a, b]) {
      const res = await call(t, 'patch', `/escalations/${e.id as string}`, staff, {
        responseText: `Answer to ${e.id as string}`,
        respondedAt: daysAgo(0),
      });
      expect(res.status).toBe(200);
      expect(await issueStatus(t, issueId)).toBe('answered');
    }
    expect(
      await count(t, "issue_transitions WHERE issue_id = $1 AND to_status = 'answered'", [issueId]),
    ).toBe(1);
  });
});

describe('escalations: listing, paging and overdue', () => {
  let t: TestApp;
  let staff: SignedUp;
  let author: SignedUp;
  let reader: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    author = await signUp(t);
    reader = await signUp(t);
  });
  afterAll(async () => {
    await t.close();
  });

  function ids(res: Response): string[] {
    return (res.body.items as { id: string }[]).map((i) => i.id);
  }

  it('flags an unanswered escalation past its deadline as overdue, on itself and on its issue, until it is answered', async () => {
    const authority = await makeOrganisation(t, staff, { kind: 'state_administration' });
    const late = await prioritisedIssue(t, author, staff);
    const onTime = await prioritisedIssue(t, author, staff);
    const overdue = await escalate(t, late, staff, authority.id, {
      sentAt: daysAgo(40),
      responseDueAt: daysAgo(10),
    });
    const pending = await escalate(t, onTime, staff, authority.id, { sentAt: daysAgo(2) });
    expect(overdue.overdue).toBe(true);
    expect(pending.overdue).toBe(false);

    const q = `authorityOrganisationId=${authority.id}`;
    expect(ids(await call(t, 'get', `/escalations?${q}&overdue=true`, reader))).toEqual([
      overdue.id,
    ]);
    expect(ids(await call(t, 'get', `/escalations?${q}&overdue=false`, reader))).toEqual([
      pending.id,
    ]);
    expect(ids(await call(t, 'get', `/escalations?${q}`, reader))).toEqual([
      overdue.id,
      pending.id,
    ]);

    expect((await call(t, 'get', `/issues/${late}`, reader)).body.overdue).toBe(true);
    expect((await call(t, 'get', `/issues/${onTime}`, reader)).body.overdue).toBe(false);
    const overdueIssues = ids(await call(t, 'get', '/issues?overdue=true', reader));
    expect(overdueIssues).toContain(late);
    expect(overdueIssues).not.toContain(onTime);
    const notOverdue = ids(await call(t, 'get', '/issues?overdue=false', reader));
    expect(notOverdue).toContain(onTime);
    expect(notOverdue).not.toContain(late);

    const answer = await call(t, 'patch', `/escalations/${overdue.id as string}`, staff, {
      responseText: 'Better late than never',
      respondedAt: daysAgo(0),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.overdue).toBe(false);
    expect(ids(await call(t, 'get', `/escalations?${q}&overdue=true`, reader))).toEqual([]);
    expect((await call(t, 'get', `/issues/${late}`, reader)).body.overdue).toBe(false);
    expect(ids(await call(t, 'get', '/issues?overdue=true', reader))).not.toContain(late);
  });

  it('moving the deadline into the past makes an escalation overdue', async () => {
    const authority = await makeOrganisation(t, staff, { kind: 'government_body' });
    const issueId = await prioritisedIssue(t, author, staff);
    const e = await escalate(t, issueId, staff, authority.id, { sentAt: daysAgo(9) });
    expect(e.overdue).toBe(false);
    const res = await call(t, 'patch', `/escalations/${e.id as string}`, staff, {
      responseDueAt: daysAgo(1),
    });
    expect(res.body.overdue).toBe(true);
    expect((await call(t, 'get', `/issues/${issueId}`, reader)).body.overdue).toBe(true);
  });

  it('filters by issue and by authority; GET /issues/:id/escalations lists only that issue', async () => {
    const a = await makeOrganisation(t, staff, { kind: 'state_administration' });
    const b = await makeOrganisation(t, staff, { kind: 'government_body' });
    const first = await prioritisedIssue(t, author, staff);
    const second = await prioritisedIssue(t, author, staff);
    const e1 = await escalate(t, first, staff, a.id, { responseDueAt: daysAgo(-5) });
    const e2 = await escalate(t, first, staff, b.id, { responseDueAt: daysAgo(-6) });
    const e3 = await escalate(t, second, staff, a.id, { responseDueAt: daysAgo(-7) });

    expect(ids(await call(t, 'get', `/escalations?issueId=${first}`, reader))).toEqual([
      e1.id,
      e2.id,
    ]);
    expect(
      ids(await call(t, 'get', `/escalations?authorityOrganisationId=${a.id}`, reader)),
    ).toEqual([e1.id, e3.id]);
    expect(
      ids(
        await call(
          t,
          'get',
          `/escalations?issueId=${second}&authorityOrganisationId=${b.id}`,
          reader,
        ),
      ),
    ).toEqual([]);
    const ofIssue = await call(t, 'get', `/issues/${second}/escalations`, reader);
    expect(ofIssue.status).toBe(200);
    expect(ofIssue.body).toEqual({
      items: [expect.objectContaining({ id: e3.id, issueId: second, authorityName: a.name })],
      nextCursor: null,
    });
    expect(ids(await call(t, 'get', `/escalations?issueId=${randomUUID()}`, reader))).toEqual([]);
  });

  it('pages by deadline then id with a cursor, never skipping or repeating, ties included', async () => {
    const authority = await makeOrganisation(t, staff, { kind: 'state_administration' });
    const issueId = await prioritisedIssue(t, author, staff);
    const sentAt = daysAgo(1);
    const created: { id: string; due: string }[] = [];
    for (let i = 0; i < 7; i += 1) {
      // Three pairs share a deadline, so the id decides their order.
      const due = new Date(Date.parse(sentAt) + (Math.floor(i / 2) + 1) * DAY_MS).toISOString();
      const e = await escalate(t, issueId, staff, authority.id, { sentAt, responseDueAt: due });
      created.push({ id: e.id as string, due });
    }
    const expected = [...created]
      .sort((x, y) => (x.due === y.due ? (x.id < y.id ? -1 : 1) : x.due < y.due ? -1 : 1))
      .map((e) => e.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `authorityOrganisationId=${authority.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await call(t, 'get', `/escalations?${query}`, reader);
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
      if (pages === 1) {
        // An escalation added behind the cursor does not shift later pages.
        await escalate(t, issueId, staff, authority.id, { sentAt, responseDueAt: sentAt });
      }
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);

    const byIssue = await call(t, 'get', `/issues/${issueId}/escalations?limit=5`, reader);
    expect(byIssue.body.items).toHaveLength(5);
    const rest = await call(
      t,
      'get',
      `/issues/${issueId}/escalations?limit=5&cursor=${byIssue.body.nextCursor as string}`,
      reader,
    );
    expect(rest.body.nextCursor).toBeNull();
    expect(new Set([...ids(byIssue), ...ids(rest)]).size).toBe(8);
  });
});
