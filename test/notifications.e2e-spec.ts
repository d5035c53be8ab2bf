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

interface NotificationView {
  id: string;
  kind: string;
  issueId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  read: boolean;
  createdAt: string;
}

/** Sends one request, with the caller's token when there is one. */
function expectFieldError(res: Response, field: string): void {
  expectProblem(res, 400, 'validation_failed');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

let titles = 0;

async function raise(
  t: TestApp,
  as: SignedUp,
  title?: string,
): Promise<{ id: string; title: string }> {
  titles += 1;
  const res = await call(t, 'post', '/issues', as, {
    title: title ?? `Жайыт маселеси ${titles}`,
    body: 'Малчылар жайытка бара албай жатышат.',
    category: 'land_pasture',
    territoryIds: [TERRITORY.akSaiVillage],
    decisionLevel: 'aiyl_aimak',
  });
  if (res.status !== 201)
    throw new Error(`raise failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, title: res.body.title as string };
}

async function move(t: TestApp, as: SignedUp, id: string, to: string, note?: string) {
  const res = await call(t, 'post', `/issues/${id}/transitions`, as, { to, note });
  if (res.status !== 200) throw new Error(`move failed: ${res.status} ${JSON.stringify(res.body)}`);
}

async function follow(t: TestApp, as: SignedUp, id: string): Promise<void> {
  expect((await call(t, 'post', `/issues/${id}/follow`, as)).status).toBe(200);
}

/** Every notification of a user (newest first), straight through the API. */
async function inbox(
  t: TestApp,
  as: SignedUp,
  query: Record<string, string | number | boolean> = {},
): Promise<NotificationView[]> {
  const res = await t.http
    .get(`${API}/notifications`)
    .set(as.auth)
    .query({ limit: 100, ...query });
  expect(res.status).toBe(200);
  return res.body.items as NotificationView[];
}

async function unreadInDb(t: TestApp, userId: string): Promise<number> {
  const [{ n }] = await t.db.query(
    'SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL',
    [userId],
  );
  return n as number;
}

describe('notifications: every route needs a token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['get', '/notifications'],
    ['get', '/notifications/unread-count'],
    ['post', '/notifications/read'],
  ] as [Method, string][])('refuses %s %s without a token (401)', async (method, path) => {
    const res = await call(
      t,
      method,
      path,
      undefined,
      method === 'post' ? { all: true } : undefined,
    );
    expectProblem(res, 401, 'unauthorized');
    const bad = await t.http[method](`${API}${path}`).set({ Authorization: 'Bearer nope' });
    expectProblem(bad, 401, 'unauthorized');
  });
});

describe('notifications: fan-out to the author and followers, never the actor', () => {
  let t: TestApp;
  let author: SignedUp;
  let follower: SignedUp;
  let endorser: SignedUp;
  let staff: SignedUp;
  let outsider: SignedUp;
  let org: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    follower = await signUp(t);
    endorser = await signUp(t);
    staff = await signUp(t, { role: 'facilitator' });
    outsider = await signUp(t);
    org = await makeOrganisation(t, endorser, { name: 'Кыштут айыл өкмөтү' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts everyone with an empty inbox', async () => {
    for (const who of [author, follower, endorser, staff, outsider]) {
      const res = await call(t, 'get', '/notifications', who);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    }
  });

  it('tells the author and followers of a status change, not the staff member who made it', async () => {
    const issue = await raise(t, author);
    // Raising notifies nobody; following notifies nobody.
    await follow(t, follower, issue.id);
    expect(await inbox(t, author)).toEqual([]);

    await move(t, staff, issue.id, 'discussing', 'Талкуулайбыз');
    for (const who of [author, follower]) {
      const items = await inbox(t, who, { kind: 'status_changed' });
      expect(items.filter((n) => n.issueId === issue.id)).toEqual([
        {
          id: expect.any(String),
          kind: 'status_changed',
          issueId: issue.id,
          actorId: staff.id,
          payload: {
            issueTitle: issue.title,
            from: 'raised',
            to: 'discussing',
            note: 'Талкуулайбыз',
          },
          // In the reader's preferredLanguage (Kyrgyz, the default for people).
          title: 'Маселенин абалы өзгөрдү',
          summary: `«${issue.title}» маселеси «көтөрүлгөн» абалынан «талкууланууда» абалына өттү`,
          read: false,
          createdAt: expect.any(String),
        },
      ]);
    }
    expect(await inbox(t, staff)).toEqual([]);
    expect(await inbox(t, outsider)).toEqual([]);

    // The author moves it: the follower hears, the author does not.
    await move(t, author, issue.id, 'closed', 'Чечилди');
    const followerItems = (await inbox(t, follower)).filter((n) => n.issueId === issue.id);
    expect(followerItems.map((n) => n.payload.to)).toEqual(['closed', 'discussing']);
    expect(followerItems[0]).toMatchObject({ actorId: author.id, payload: { note: 'Чечилди' } });
    const authorItems = (await inbox(t, author)).filter((n) => n.issueId === issue.id);
    expect(authorItems.map((n) => n.payload.to)).toEqual(['discussing']);
    expect(await inbox(t, staff)).toEqual([]);
  });

  it('tells the author and followers of an endorsement, not the endorser, who then follows', async () => {
    const issue = await raise(t, author);
    await follow(t, follower, issue.id);
    const res = await call(t, 'post', `/issues/${issue.id}/endorsements`, endorser, {
      organisationId: org.id,
      note: 'Бизге да тиешелүү',
    });
    expect(res.status).toBe(201);
    for (const who of [author, follower]) {
      const items = (await inbox(t, who, { kind: 'endorsement' })).filter(
        (n) => n.issueId === issue.id,
      );
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        kind: 'endorsement',
        actorId: endorser.id,
        read: false,
        payload: {
          issueTitle: issue.title,
          organisationId: org.id,
          organisationName: 'Кыштут айыл өкмөтү',
          note: 'Бизге да тиешелүү',
        },
      });
    }
    expect(await inbox(t, endorser)).toEqual([]);

    // Endorsing made the endorser a follower: the next move reaches them.
    await move(t, staff, issue.id, 'discussing');
    const endorserItems = await inbox(t, endorser);
    expect(endorserItems).toHaveLength(1);
    expect(endorserItems[0]).toMatchObject({ kind: 'status_changed', issueId: issue.id });
    expect(await inbox(t, outsider)).toEqual([]);
  });

  it('stops telling a follower who unfollowed, but always tells the author', async () => {
    const issue = await raise(t, author);
    await follow(t, follower, issue.id);
    expect((await call(t, 'delete', `/issues/${issue.id}/follow`, follower)).status).toBe(200);
    expect((await call(t, 'delete', `/issues/${issue.id}/follow`, author)).status).toBe(200);
    await move(t, staff, issue.id, 'discussing');
    expect((await inbox(t, follower)).filter((n) => n.issueId === issue.id)).toEqual([]);
    expect((await inbox(t, author)).filter((n) => n.issueId === issue.id)).toHaveLength(1);
  });

  it('tells followers of both issues of a merge once each, and never the facilitator', async () => {
    const sourceAuthor = await signUp(t);
    const targetAuthor = await signUp(t);
    const onlySource = await signUp(t);
    const onlyTarget = await signUp(t);
    const both = await signUp(t);
    const source = await raise(t, sourceAuthor, 'Жайытка жол жабык (дубликат)');
    const target = await raise(t, targetAuthor, 'Жайытка жол жабык');
    await follow(t, onlySource, source.id);
    await follow(t, onlyTarget, target.id);
    await follow(t, both, source.id);
    await follow(t, both, target.id);
    await follow(t, staff, source.id);

    const res = await call(t, 'post', `/issues/${source.id}/merge`, staff, {
      targetIssueId: target.id,
    });
    expect(res.status).toBe(200);

    for (const who of [sourceAuthor, targetAuthor, onlySource, onlyTarget, both]) {
      const items = await inbox(t, who);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        kind: 'merged',
        issueId: target.id,
        actorId: staff.id,
        read: false,
        payload: {
          issueTitle: target.title,
          mergedIssueId: source.id,
          mergedIssueTitle: source.title,
        },
      });
    }
    const [{ n }] = await t.db.query(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'merged' AND recipient_id = $1",
      [staff.id],
    );
    expect(n).toBe(0);
  });
});

describe('notifications: listing, unread count and marking read', () => {
  let t: TestApp;
  let author: SignedUp;
  let reader: SignedUp;
  let staff: SignedUp;
  let rep: SignedUp;
  let org: { id: string; name: string };
  let issueId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    reader = await signUp(t);
    staff = await signUp(t, { role: 'facilitator' });
    rep = await signUp(t);
    org = await makeOrganisation(t, rep);
    issueId = (await raise(t, author)).id;
    await follow(t, reader, issueId);
    // Three status changes and an endorsement: four notifications for author and reader.
    await move(t, staff, issueId, 'discussing', 'бир');
    await move(t, staff, issueId, 'prioritised', 'эки');
    const endorsed = await call(t, 'post', `/issues/${issueId}/endorsements`, rep, {
      organisationId: org.id,
    });
    expect(endorsed.status).toBe(201);
    await move(t, staff, issueId, 'closed', 'үч');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the caller’s notifications newest first, with the unread count', async () => {
    const res = await call(t, 'get', '/notifications', reader);
    expect(res.status).toBe(200);
    expect(res.body.unreadCount).toBe(4);
    expect(res.body.nextCursor).toBeNull();
    const items = res.body.items as NotificationView[];
    expect(items.map((n) => [n.kind, n.payload.to ?? null])).toEqual([
      ['status_changed', 'closed'],
      ['endorsement', null],
      ['status_changed', 'prioritised'],
      ['status_changed', 'discussing'],
    ]);
    const times = items.map((n) => n.createdAt);
    for (const time of times) expect(new Date(time).toISOString()).toBe(time);
    expect([...times].sort().reverse()).toEqual(times);
    expect(items.every((n) => n.read === false && n.issueId === issueId)).toBe(true);
    // Only the caller's own.
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM notifications WHERE recipient_id <> $1',
      [reader.id],
    );
    expect(n).toBeGreaterThan(0);
  });

  it('answers the unread count on its own route', async () => {
    const res = await call(t, 'get', '/notifications/unread-count', author);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ unreadCount: await unreadInDb(t, author.id) });
    const none = await call(t, 'get', '/notifications/unread-count', staff);
    expect(none.body).toEqual({ unreadCount: 0 });
  });

  it('filters by kind and by unread', async () => {
    const endorsements = await inbox(t, reader, { kind: 'endorsement' });
    expect(endorsements.map((n) => n.kind)).toEqual(['endorsement']);
    expect(await inbox(t, reader, { kind: 'mention' })).toEqual([]);
    expect((await inbox(t, reader, { kind: 'status_changed' })).length).toBe(3);
    expect((await inbox(t, reader, { unread: true })).length).toBe(4);
    expect((await inbox(t, reader, { unread: false })).length).toBe(4);
  });

  it.each([
    ['kind', { kind: 'birthday' }],
    ['unread', { unread: 'maybe' }],
    ['limit', { limit: 0 }],
    ['limit', { limit: 101 }],
    ['since', { since: '2026-01-01' }],
  ] as [string, Record<string, string | number>][])(
    'refuses a bad query %s (%j) with 400 naming it',
    async (field, query) => {
      const res = await t.http.get(`${API}/notifications`).set(reader.auth).query(query);
      expectFieldError(res, field);
    },
  );

  it('marks notifications read by id; ids of someone else’s are ignored and stay unread for them', async () => {
    const user = await signUp(t);
    const other = await signUp(t);
    const issue = await raise(t, author);
    await follow(t, user, issue.id);
    await follow(t, other, issue.id);
    await move(t, staff, issue.id, 'discussing');
    await move(t, staff, issue.id, 'prioritised');
    const mine = await inbox(t, user);
    const theirs = await inbox(t, other);
    expect(mine).toHaveLength(2);
    expect(theirs).toHaveLength(2);

    const res = await call(t, 'post', '/notifications/read', user, {
      ids: [mine[1].id, theirs[0].id, theirs[1].id, randomUUID()],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 1, unreadCount: 1 });
    const after = await inbox(t, user);
    expect(after.map((n) => [n.id, n.read])).toEqual([
      [mine[0].id, false],
      [mine[1].id, true],
    ]);
    expect((await inbox(t, user, { unread: true })).map((n) => n.id)).toEqual([mine[0].id]);
    // The other user's notifications are untouched.
    expect((await inbox(t, other)).every((n) => !n.read)).toBe(true);
    expect(await unreadInDb(t, other.id)).toBe(2);
    const count = await call(t, 'get', '/notifications/unread-count', other);
    expect(count.body).toEqual({ unreadCount: 2 });

    // Marking again changes nothing.
    const again = await call(t, 'post', '/notifications/read', user, { ids: [mine[1].id] });
    expect(again.body).toEqual({ updated: 0, unreadCount: 1 });
  });

  it('marks all of the caller’s notifications read with all: true, no one else’s', async () => {
    const before = await unreadInDb(t, author.id);
    expect(before).toBeGreaterThan(0);
    const readerBefore = await unreadInDb(t, reader.id);
    const res = await call(t, 'post', '/notifications/read', author, { all: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: before, unreadCount: 0 });
    expect(await inbox(t, author, { unread: true })).toEqual([]);
    expect((await inbox(t, author)).every((n) => n.read)).toBe(true);
    expect((await call(t, 'get', '/notifications', author)).body.unreadCount).toBe(0);
    expect(await unreadInDb(t, reader.id)).toBe(readerBefore);
    // New events are unread again.
    await move(t, staff, issueId, 'discussing');
    expect((await call(t, 'get', '/notifications/unread-count', author)).body).toEqual({
      unreadCount: 1,
    });
  });

  it.each([
    ['ids', {}],
    ['ids', { ids: [] }],
    ['ids', { ids: ['not-a-uuid'] }],
    ['ids', { ids: 'all' }],
    ['all', { all: false }],
    ['all', { all: 'yes' }],
    ['everything', { all: true, everything: true }],
  ] as [string, object][])(
    'refuses a bad mark-read body (%s: %j) with 400, marking nothing',
    async (field, body) => {
      const before = await unreadInDb(t, reader.id);
      const res = await call(t, 'post', '/notifications/read', reader, body);
      expectFieldError(res, field);
      expect(await unreadInDb(t, reader.id)).toBe(before);
    },
  );
});

describe('notifications: keyset paging', () => {
  let t: TestApp;
  let author: SignedUp;
  let reader: SignedUp;
  let staff: SignedUp;
  let issueId: string;

  const cycle = ['discussing', 'prioritised', 'discussing', 'prioritised', 'discussing', 'closed'];

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    reader = await signUp(t);
    staff = await signUp(t, { role: 'facilitator' });
    issueId = (await raise(t, author)).id;
    await follow(t, reader, issueId);
    for (const to of cycle)
      await move(t, staff, issueId, to, to === 'closed' ? 'жабык' : undefined);
    await move(t, staff, issueId, 'discussing');
  });
  afterAll(async () => {
    await t.close();
  });

  async function walk(
    as: SignedUp,
    query: Record<string, string | number | boolean>,
    between?: () => Promise<unknown>,
  ): Promise<{ items: NotificationView[]; pages: number }> {
    const items: NotificationView[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: Record<string, string | number | boolean> = { ...query, limit: 2 };
      if (cursor) q.cursor = cursor;
      if (between) await between();
      const res = await t.http.get(`${API}/notifications`).set(as.auth).query(q);
      expect(res.status).toBe(200);
      items.push(...(res.body.items as NotificationView[]));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
      expect(pages).toBeLessThan(50);
    } while (cursor);
    return { items, pages };
  }

  it('pages with limit=2 through every notification, newest first, without skips or repeats', async () => {
    const all = await inbox(t, reader);
    expect(all).toHaveLength(7);
    const { items, pages } = await walk(reader, {});
    expect(pages).toBe(4);
    expect(items.map((n) => n.id)).toEqual(all.map((n) => n.id));
  });

  it('keeps paging exact while new notifications arrive', async () => {
    const all = await inbox(t, reader);
    const moves = ['prioritised', 'discussing', 'prioritised', 'discussing', 'prioritised'];
    let made = 0;
    const { items } = await walk(reader, {}, async () => {
      if (made < moves.length) await move(t, staff, issueId, moves[made++]);
    });
    expect(made).toBeGreaterThanOrEqual(4);
    const ids = items.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const existing = new Set(all.map((n) => n.id));
    expect(ids.filter((id) => existing.has(id))).toEqual(all.map((n) => n.id));
    expect((await inbox(t, reader)).length).toBe(all.length + made);
  });

  it('pages a filtered list (unread, kind) the same way', async () => {
    const unread = await inbox(t, reader, { unread: true, kind: 'status_changed' });
    const { items } = await walk(reader, { unread: true, kind: 'status_changed' });
    expect(items.map((n) => n.id)).toEqual(unread.map((n) => n.id));
  });

  it('refuses cursors it did not issue (400 naming cursor)', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const refused = [
      '!!!',
      Buffer.from('[[[').toString('base64url'),
      b64(['2026-01-01T00:00:00.000Z']),
      b64(['2026-01-01T00:00:00.000Z', 'nope']),
      b64(['not-a-date', randomUUID()]),
      b64(['2026-13-45T99:00:00.000Z', randomUUID()]),
      b64([12, randomUUID()]),
      'x'.repeat(501),
    ];
    for (const cursor of refused) {
      const res = await t.http.get(`${API}/notifications`).set(reader.auth).query({ cursor });
      expect({ cursor, status: res.status }).toEqual({ cursor, status: 400 });
      expectFieldError(res, 'cursor');
    }
  });
});
