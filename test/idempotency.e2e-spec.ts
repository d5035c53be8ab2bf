import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { honoursIdempotencyKey } from '../src/modules/idempotency/idempotency-policy.js';
import { IdempotencyService } from '../src/modules/idempotency/idempotency.service.js';
import { API, expectProblem, type SignedUp, signUp, TERRITORY } from './support/factories.js';
import { listRoutes } from './support/routes.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';

/**
 * Which POST routes honour `Idempotency-Key`. A creating POST missing here (or marked
 * `ignored`) means a phone's retry can create it twice: review it like a permission change.
 * `ignored`: public routes, no user to scope a key by, and answers holding tokens.
 */
const EXPECTED_POSTS = `
POST /api/v1/actions/:id/updates  honoured
POST /api/v1/attachments  honoured
POST /api/v1/attachments/:id/flags  honoured
POST /api/v1/attachments/:id/hide  honoured
POST /api/v1/auth/login  ignored
POST /api/v1/auth/logout  ignored
POST /api/v1/auth/password-reset  ignored
POST /api/v1/auth/refresh  ignored
POST /api/v1/auth/register  ignored
POST /api/v1/ballots  honoured
POST /api/v1/ballots/:id/close  honoured
POST /api/v1/ballots/:id/outcome  honoured
POST /api/v1/campaigns  honoured
POST /api/v1/campaigns/:id/publications  honoured
POST /api/v1/campaigns/:id/reach  honoured
POST /api/v1/comments/:id/hide  honoured
POST /api/v1/comments/:id/unhide  honoured
POST /api/v1/events  honoured
POST /api/v1/events/:id/attendance  honoured
POST /api/v1/events/:id/close  honoured
POST /api/v1/events/:id/registrations  honoured
POST /api/v1/findings  honoured
POST /api/v1/findings/:id/issue  honoured
POST /api/v1/invitations/:id/accept  honoured
POST /api/v1/invitations/:id/decline  honoured
POST /api/v1/issue-links/:id/confirm  honoured
POST /api/v1/issue-links/:id/reject  honoured
POST /api/v1/issues  honoured
POST /api/v1/issues/:id/comments  honoured
POST /api/v1/issues/:id/endorsements  honoured
POST /api/v1/issues/:id/escalations  honoured
POST /api/v1/issues/:id/follow  honoured
POST /api/v1/issues/:id/merge  honoured
POST /api/v1/issues/:id/transitions  honoured
POST /api/v1/legal-acts  honoured
POST /api/v1/legal-acts/:id/provisions  honoured
POST /api/v1/legal-acts/import  honoured
POST /api/v1/me/password  ignored
POST /api/v1/messages/:id/flags  honoured
POST /api/v1/messages/:id/hide  honoured
POST /api/v1/moderation/flags/:id/resolve  honoured
POST /api/v1/notifications/read  honoured
POST /api/v1/objectives/:id/actions  honoured
POST /api/v1/organisations  honoured
POST /api/v1/organisations/:id/invitations  honoured
POST /api/v1/organisations/:id/members  honoured
POST /api/v1/organisations/:id/network-application  honoured
POST /api/v1/organisations/:id/network-application/decision  honoured
POST /api/v1/provisions/:id/issue-links  honoured
POST /api/v1/publications/:id/approve  honoured
POST /api/v1/reports  honoured
POST /api/v1/rooms  honoured
POST /api/v1/rooms/:id/bans  honoured
POST /api/v1/rooms/:id/lock  honoured
POST /api/v1/rooms/:id/members  honoured
POST /api/v1/rooms/:id/mutes  honoured
POST /api/v1/rooms/:id/pin  honoured
POST /api/v1/rooms/:id/slow-mode  honoured
POST /api/v1/search-terms  honoured
POST /api/v1/strategies  honoured
POST /api/v1/strategies/:id/objectives  honoured
POST /api/v1/surveys  honoured
POST /api/v1/surveys/:id/links  honoured
POST /api/v1/surveys/:id/submissions/reconcile  ignored
POST /api/v1/surveys/:id/transitions  honoured
POST /api/v1/surveys/:id/versions  honoured
POST /api/v1/uploads  ignored
POST /api/v1/users/:id/password-reset-codes  ignored
`.trim();

/** The routes that create something: each must honour the key whatever else changes. */
const CREATING = [
  '/attachments',
  '/ballots',
  '/events',
  '/events/:id/attendance',
  '/campaigns',
  '/campaigns/:id/publications',
  '/campaigns/:id/reach',
  '/findings',
  '/findings/:id/issue',
  '/reports',
  '/issues',
  '/issues/:id/comments',
  '/issues/:id/endorsements',
  '/issues/:id/escalations',
  '/messages/:id/flags',
  '/rooms',
  '/organisations',
  '/organisations/:id/members',
  '/organisations/:id/invitations',
  '/organisations/:id/network-application',
  '/surveys',
  '/surveys/:id/versions',
  '/surveys/:id/links',
  '/strategies',
  '/strategies/:id/objectives',
  '/objectives/:id/actions',
  '/actions/:id/updates',
];

function postRoutes(app: TestApp['app']): string[] {
  return listRoutes(app)
    .filter((route) => route.method === 'POST')
    .map(({ path, handler, controller }) => {
      const policy = honoursIdempotencyKey(handler, controller) ? 'honoured' : 'ignored';
      return `POST ${path}  ${policy}`;
    })
    .sort();
}

const replayed = (res: Response) => res.headers['idempotent-replayed'] === 'true';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let alice: SignedUp;
  let bob: SignedUp;
  let issueId: string;

  const commentsOn = async (id: string): Promise<number> => {
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM comments WHERE issue_id = $1',
      [id],
    );
    return n as number;
  };

  const postComment = (
    as: SignedUp,
    key: string | undefined,
    body: object,
    on: TestApp = t,
    issue = issueId,
  ) => {
    let req = on.http.post(`${API}/issues/${issue}/comments`).set(as.auth);
    if (key !== undefined) req = req.set('Idempotency-Key', key);
    return req.send(body);
  };

  const raiseIssue = async (as: SignedUp): Promise<string> => {
    const res = await t.http
      .post(`${API}/issues`)
      .set(as.auth)
      .send({
        title: 'Сугат суусунун графиги',
        body: 'Канал боюнча маселе.',
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSai],
        decisionLevel: 'district',
      });
    if (res.status !== 201) throw new Error(`raiseIssue: ${res.status} ${res.text}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    alice = await signUp(t);
    bob = await signUp(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    issueId = await raiseIssue(alice);
  });

  it('a retry with the same key gets the first answer byte for byte and creates nothing', async () => {
    const key = randomUUID();
    const first = await postComment(alice, key, { body: 'Суу жок', language: 'ky' });
    expect(first.status).toBe(201);
    expect(replayed(first)).toBe(false);
    // The same body with its fields in another order is the same request.
    const again = await postComment(alice, key, { language: 'ky', body: 'Суу жок' });
    expect({
      status: again.status,
      type: again.headers['content-type'],
      text: again.text,
      replayed: replayed(again),
    }).toEqual({
      status: 201,
      type: first.headers['content-type'],
      text: first.text,
      replayed: true,
    });
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(await commentsOn(issueId)).toBe(1);
  });

  it('without the header nothing changes: two posts are two comments', async () => {
    await postComment(alice, undefined, { body: 'Бир' }).expect(201);
    const second = await postComment(alice, undefined, { body: 'Бир' }).expect(201);
    expect(replayed(second)).toBe(false);
    expect(await commentsOn(issueId)).toBe(2);
  });

  it('the same key with another body, or on another route, is 409 conflict', async () => {
    const key = randomUUID();
    await postComment(alice, key, { body: 'Биринчи' }).expect(201);
    expectProblem(await postComment(alice, key, { body: 'Экинчи' }), 409, 'conflict');
    const otherIssue = await raiseIssue(alice);
    expectProblem(
      await postComment(alice, key, { body: 'Биринчи' }, t, otherIssue),
      409,
      'conflict',
    );
    expect(await commentsOn(issueId)).toBe(1);
    expect(await commentsOn(otherIssue)).toBe(0);
  });

  it('two requests with one key at the same moment create one comment', async () => {
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => postComment(alice, key, { body: 'Бир убакта' })),
    );
    const created = answers.filter((res) => res.status === 201 && !replayed(res));
    expect(created).toHaveLength(1);
    for (const res of answers) {
      if (res === created[0]) continue;
      if (res.status === 409) {
        expectProblem(res, 409, 'conflict');
        expect(res.headers['retry-after']).toBe('1');
      } else {
        expect({ status: res.status, replayed: replayed(res), text: res.text }).toEqual({
          status: 201,
          replayed: true,
          text: created[0]?.text,
        });
      }
    }
    expect(await commentsOn(issueId)).toBe(1);
  });

  it("another user's key is their own, even with the same value", async () => {
    const key = randomUUID();
    const mine = await postComment(alice, key, { body: 'Ошол эле' }).expect(201);
    const theirs = await postComment(bob, key, { body: 'Ошол эле' }).expect(201);
    expect(replayed(theirs)).toBe(false);
    expect(theirs.body.id).not.toBe(mine.body.id);
    // Each retry gets its own sender's answer back.
    expect((await postComment(alice, key, { body: 'Ошол эле' })).text).toBe(mine.text);
    expect((await postComment(bob, key, { body: 'Ошол эле' })).text).toBe(theirs.text);
    expect(await commentsOn(issueId)).toBe(2);
  });

  it('a key that is not a UUID is 400 naming the header, and nothing is created', async () => {
    for (const bad of ['abc', '', `${randomUUID()}x`]) {
      const res = await postComment(alice, bad, { body: 'Туура эмес ачкыч' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([
        { field: 'Idempotency-Key', message: expect.stringContaining('UUID') },
      ]);
    }
    expect(await commentsOn(issueId)).toBe(0);
    // The draft's sf-string form (quoted) is the same key as the bare one.
    const key = randomUUID();
    await postComment(alice, `"${key}"`, { body: 'Тырмакча' }).expect(201);
    expect(replayed(await postComment(alice, key, { body: 'Тырмакча' }))).toBe(true);
  });

  it("a replay keeps the first answer's status where the route itself would now answer another", async () => {
    const open = (key: string) =>
      t.http
        .post(`${API}/rooms`)
        .set(alice.auth)
        .set('Idempotency-Key', key)
        .send({ name: 'Маселе бөлмөсү', kind: 'issue', issueId });
    const key = randomUUID();
    const first = await open(key);
    expect(first.status).toBe(201);
    const again = await open(key);
    expect({ status: again.status, text: again.text, replayed: replayed(again) }).toEqual({
      status: 201,
      text: first.text,
      replayed: true,
    });
    // A new key runs the route: the issue's room exists, so it answers 409 naming it.
    const fresh = await open(randomUUID());
    expect({ status: fresh.status, code: fresh.body.code, replayed: replayed(fresh) }).toEqual({
      status: 409,
      code: 'conflict',
      replayed: false,
    });
    expect(fresh.body.detail).toContain(first.body.id);
  });

  it('an error answer is stored and replayed as it was given', async () => {
    const key = randomUUID();
    const unknown = randomUUID();
    const first = await postComment(alice, key, { body: 'Жок маселе' }, t, unknown);
    expectProblem(first, 404, 'not_found');
    const again = await postComment(alice, key, { body: 'Жок маселе' }, t, unknown);
    expect({ status: again.status, text: again.text, replayed: replayed(again) }).toEqual({
      status: 404,
      text: first.text,
      replayed: true,
    });
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
  });

  it('a 5xx is not stored: the key is released and the retry runs', async () => {
    await t.db.query(`CREATE FUNCTION idem_test_fail() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await t.db.query(
      'CREATE TRIGGER idem_test_fail BEFORE INSERT ON comments FOR EACH ROW EXECUTE FUNCTION idem_test_fail()',
    );
    const key = randomUUID();
    try {
      expectProblem(await postComment(alice, key, { body: 'Кайра' }), 500, 'internal');
    } finally {
      await t.db.query('DROP TRIGGER idem_test_fail ON comments');
      await t.db.query('DROP FUNCTION idem_test_fail()');
    }
    const retry = await postComment(alice, key, { body: 'Кайра' });
    expect({ status: retry.status, replayed: replayed(retry) }).toEqual({
      status: 201,
      replayed: false,
    });
    // …and that answer is the one kept.
    expect(replayed(await postComment(alice, key, { body: 'Кайра' }))).toBe(true);
    expect(await commentsOn(issueId)).toBe(1);
  });

  it('a key still in progress is 409 with Retry-After; an abandoned one is taken over', async () => {
    const claim = async (key: string, claimedAgo: string) => {
      // What a node leaves behind when it claimed the key and then stopped (or is still busy).
      const first = await postComment(alice, key, { body: 'Узак' }).expect(201);
      await t.db.query(
        `UPDATE idempotency_keys SET state = 'in_progress', response_status = NULL,
                response_headers = NULL, response_body = NULL, completed_at = NULL,
                claimed_at = now() - $3::interval
          WHERE user_id = $1 AND key = $2`,
        [alice.id, key, claimedAgo],
      );
      await t.db.query('DELETE FROM comments WHERE id = $1', [first.body.id]);
    };
    const busy = randomUUID();
    await claim(busy, '1 second');
    const res = await postComment(alice, busy, { body: 'Узак' });
    expectProblem(res, 409, 'conflict');
    expect(res.headers['retry-after']).toBe('1');
    expect(await commentsOn(issueId)).toBe(0);

    const abandoned = randomUUID();
    await claim(abandoned, '10 minutes');
    const retry = await postComment(alice, abandoned, { body: 'Узак' });
    expect({ status: retry.status, replayed: replayed(retry) }).toEqual({
      status: 201,
      replayed: false,
    });
    expect(replayed(await postComment(alice, abandoned, { body: 'Узак' }))).toBe(true);
    expect(await commentsOn(issueId)).toBe(1);
  });

  it('pruneExpired() deletes keys first used over 24 hours ago and keeps newer ones', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    for (const [key, age] of [
      [old, '25 hours'],
      [recent, '23 hours'],
    ] as const) {
      await postComment(alice, key, { body: `Ачкыч ${age}` }).expect(201);
      await t.db.query(
        `UPDATE idempotency_keys SET created_at = now() - $3::interval
          WHERE user_id = $1 AND key = $2`,
        [alice.id, key, age],
      );
    }
    expect(await t.app.get(IdempotencyService).pruneExpired()).toBeGreaterThanOrEqual(1);
    const left: { key: string }[] = await t.db.query(
      'SELECT key FROM idempotency_keys WHERE key = ANY($1::uuid[])',
      [[old, recent]],
    );
    expect(left.map((row) => row.key)).toEqual([recent]);
    // The pruned key is free again: the same request now creates a second comment.
    const again = await postComment(alice, old, { body: 'Ачкыч 25 hours' }).expect(201);
    expect(replayed(again)).toBe(false);
  });

  it('lists every POST route with its Idempotency-Key policy; every creating POST honours it', () => {
    const table = postRoutes(t.app);
    expect(table.join('\n')).toBe(EXPECTED_POSTS);
    for (const path of CREATING) expect(table).toContain(`POST /api/v1${path}  honoured`);
  });

  it('the OpenAPI document offers the header on exactly the honoured routes', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const documented = Object.entries(doc.paths)
      .filter(([, operations]) =>
        (operations.post?.parameters ?? []).some(
          (p) => p.in === 'header' && p.name === 'Idempotency-Key',
        ),
      )
      .map(([path]) => `POST ${path.replace(/\{(\w+)\}/g, ':$1')}  honoured`)
      .sort();
    expect(documented).toEqual(
      EXPECTED_POSTS.split('\n').filter((line) => line.endsWith('honoured')),
    );
  });

  it('every honoured POST route really replays, and every ignored one does not', async () => {
    const admin = await signUp(t, { role: 'admin' });
    for (const line of EXPECTED_POSTS.split('\n')) {
      const [, path, policy] = line.split(/\s+/) as [string, string, string];
      const url = path.replace(/:[A-Za-z]+/g, randomUUID());
      const key = randomUUID();
      const send = () =>
        t.http.post(url).set(admin.auth).set('Idempotency-Key', key).send({ probe: true });
      const first = await send();
      const again = await send();
      expect({ line, replayed: replayed(again) }).toEqual({
        line,
        replayed: policy === 'honoured',
      });
      if (policy === 'honoured') {
        expect({ line, status: again.status, text: again.text }).toEqual({
          line,
          status: first.status,
          text: first.text,
        });
      }
    }
  });
});

/**
 * A second app in this process: closing one of two in-process apps breaks the other's data
 * source (@nestjs/typeorm keeps data sources in a static registry by name), so the pair gets
 * its own database and both stop together at the end.
 */
describe('Idempotency-Key on two nodes', () => {
  let a: TestApp;
  let b: TestApp;
  let alice: SignedUp;
  let issueId: string;

  const post = (on: TestApp, key: string, body: object) =>
    on.http
      .post(`${API}/issues/${issueId}/comments`)
      .set(alice.auth)
      .set('Idempotency-Key', key)
      .send(body);
  const comments = async (): Promise<number> => {
    const [{ n }] = await a.db.query(
      'SELECT count(*)::int AS n FROM comments WHERE issue_id = $1',
      [issueId],
    );
    return n as number;
  };

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestAppOn(a.databaseUrl);
    alice = await signUp(a);
    const res = await a.http
      .post(`${API}/issues`)
      .set(alice.auth)
      .send({
        title: 'Эки түйүн',
        body: 'Бир маалымат базасы.',
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSai],
        decisionLevel: 'district',
      });
    expect(res.status).toBe(201);
    issueId = res.body.id;
  });
  afterAll(async () => {
    await b?.close().catch(() => undefined);
    await a?.close();
  });

  it('requests with one key at once on both nodes create one comment', async () => {
    const key = randomUUID();
    const answers = await Promise.all(
      [a, b, a, b].map((node) => post(node, key, { body: 'Эки түйүн' })),
    );
    const created = answers.filter((res) => res.status === 201 && !replayed(res));
    expect(created).toHaveLength(1);
    for (const res of answers) expect([201, 409]).toContain(res.status);
    expect(await comments()).toBe(1);
  });

  it('a retry on the other node gets the first answer', async () => {
    const key = randomUUID();
    const first = await post(a, key, { body: 'Кийин' }).expect(201);
    const retried = await post(b, key, { body: 'Кийин' });
    expect({ status: retried.status, text: retried.text, replayed: replayed(retried) }).toEqual({
      status: 201,
      text: first.text,
      replayed: true,
    });
    expect(await comments()).toBe(2);
  });
});
