import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import {
  API,
  expectProblem,
  type SignedUp,
  signUp,
  TERRITORY,
  call,
  type Method,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface CommentView {
  id: string;
  issueId: string;
  parentId: string | null;
  authorId: string | null;
  author: { id: string; displayName: string } | null;
  body: string;
  language: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: boolean;
  hiddenReason?: string | null;
}

interface NotificationView {
  kind: string;
  issueId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/** Sends one request, with the caller's token when there is one. */
function expectFieldError(res: Response, field: string): void {
  expectProblem(res, 400, 'validation_failed');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

async function raiseIssue(
  t: TestApp,
  as: SignedUp,
  overrides: { title?: string; body?: string } = {},
): Promise<string> {
  const res = await call(t, 'post', '/issues', as, {
    title: overrides.title ?? 'Сугат суусунун графиги',
    body: overrides.body ?? 'Канал боюнча маселе.',
    category: 'water_irrigation',
    territoryIds: [TERRITORY.akSai],
    decisionLevel: 'district',
  });
  if (res.status !== 201)
    throw new Error(`raiseIssue failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function comment(
  t: TestApp,
  as: SignedUp,
  issueId: string,
  body: string,
  extra: { parentId?: string; language?: string } = {},
): Promise<CommentView> {
  const res = await call(t, 'post', `/issues/${issueId}/comments`, as, { body, ...extra });
  if (res.status !== 201)
    throw new Error(`comment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CommentView;
}

async function listComments(t: TestApp, as: SignedUp, issueId: string): Promise<CommentView[]> {
  const res = await call(t, 'get', `/issues/${issueId}/comments?limit=100`, as);
  expect(res.status).toBe(200);
  return res.body.items as CommentView[];
}

async function commentCount(t: TestApp, as: SignedUp, issueId: string): Promise<number> {
  const res = await call(t, 'get', `/issues/${issueId}`, as);
  expect(res.status).toBe(200);
  return res.body.commentCount as number;
}

async function notificationsOf(t: TestApp, user: SignedUp): Promise<NotificationView[]> {
  const res = await call(t, 'get', '/notifications?limit=100', user);
  expect(res.status).toBe(200);
  return res.body.items as NotificationView[];
}

async function searchIds(t: TestApp, as: SignedUp, q: string): Promise<string[]> {
  const res = await t.http.get(`${API}/issues`).set(as.auth).query({ q });
  expect(res.status).toBe(200);
  return (res.body.items as { id: string }[]).map((i) => i.id);
}

async function commentRow(t: TestApp, id: string): Promise<Record<string, unknown>> {
  const [row] = await t.db.query('SELECT * FROM comments WHERE id = $1', [id]);
  return row as Record<string, unknown>;
}

async function revisionBodies(t: TestApp, id: string): Promise<string[]> {
  const rows: { body: string }[] = await t.db.query(
    'SELECT body FROM comment_revisions WHERE comment_id = $1 ORDER BY created_at, id',
    [id],
  );
  return rows.map((r) => r.body);
}

/** A word no other text in the test contains. */
function uniqueWord(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex').replace(/\d/g, 'q')}`;
}

/** A JSON body just over the 1 MB default limit. */
function oversized(): Record<string, string> {
  return { body: 'x'.repeat(1024 * 1024 + 16), reason: 'too big' };
}

describe('comments: every route needs a token and a well-formed path', () => {
  let t: TestApp;
  let author: SignedUp;
  let staff: SignedUp;
  let issueId: string;
  let commentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    staff = await signUp(t, { role: 'facilitator' });
    issueId = await raiseIssue(t, author);
    commentId = (await comment(t, author, issueId, 'The first word')).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const routes = (issue: string, id: string): [Method, string, object | undefined][] => [
    ['post', `/issues/${issue}/comments`, { body: 'hello' }],
    ['get', `/issues/${issue}/comments`, undefined],
    ['patch', `/comments/${id}`, { body: 'changed' }],
    ['get', `/comments/${id}/revisions`, undefined],
    ['delete', `/comments/${id}`, undefined],
    ['post', `/comments/${id}/hide`, { reason: 'spam spam' }],
    ['post', `/comments/${id}/unhide`, undefined],
  ];

  it('refuses every comments route without a token (401) and changes nothing', async () => {
    const before = await commentRow(t, commentId);
    for (const [method, path, body] of routes(issueId, commentId)) {
      const res = await call(t, method, path, undefined, body);
      expectProblem(res, 401, 'unauthorized');
    }
    expect(await commentRow(t, commentId)).toEqual(before);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM comments');
    expect(n).toBe(1);
  });

  it('refuses a token that is not a valid access token (401)', async () => {
    const res = await t.http
      .get(`${API}/issues/${issueId}/comments`)
      .set({ Authorization: 'Bearer not-a-token' });
    expectProblem(res, 401, 'unauthorized');
  });

  it.each([
    ['post', '/issues/not-a-uuid/comments', { body: 'hello' }],
    ['get', '/issues/not-a-uuid/comments', undefined],
    ['patch', '/comments/42', { body: 'changed' }],
    ['get', '/comments/42/revisions', undefined],
    ['delete', '/comments/42', undefined],
    ['post', '/comments/nope/hide', { reason: 'spam spam' }],
    ['post', '/comments/nope/unhide', undefined],
  ] as [Method, string, object | undefined][])(
    'answers %s %s with 400 naming the malformed path parameter id',
    async (method, path, body) => {
      const res = await call(t, method, path, staff, body);
      expectFieldError(res, 'id');
    },
  );

  it.each([
    ['post', '/issues/@missing/comments', { body: 'hello' }],
    ['get', '/issues/@missing/comments', undefined],
    ['patch', '/comments/@missing', { body: 'changed' }],
    ['get', '/comments/@missing/revisions', undefined],
    ['delete', '/comments/@missing', undefined],
    ['post', '/comments/@missing/hide', { reason: 'spam spam' }],
    ['post', '/comments/@missing/unhide', undefined],
  ] as [Method, string, object | undefined][])(
    'answers %s %s (an unknown id) with 404',
    async (method, template, body) => {
      const res = await call(t, method, template.replace('@missing', randomUUID()), staff, body);
      expectProblem(res, 404, 'not_found');
    },
  );

  it.each([
    ['post', '/issues/@issue/comments', { body: 'hello', pinned: true }, 'pinned'],
    ['patch', '/comments/@comment', { body: 'changed', authorId: '@author' }, 'authorId'],
    ['post', '/comments/@comment/hide', { reason: 'spam spam', silent: true }, 'silent'],
  ] as [Method, string, object, string][])(
    'refuses an unknown field on %s %s (400 naming it) and changes nothing',
    async (method, template, body, field) => {
      const before = await commentRow(t, commentId);
      const path = template.replace('@issue', issueId).replace('@comment', commentId);
      const res = await call(t, method, path, staff, body);
      expectFieldError(res, field);
      expect(await commentRow(t, commentId)).toEqual(before);
    },
  );

  it('answers an oversized JSON body with 413 on every writing route, and stores nothing', async () => {
    const before = await commentRow(t, commentId);
    for (const [method, path] of routes(issueId, commentId).filter(
      ([m]) => m === 'post' || m === 'patch',
    )) {
      const res = await call(t, method, path, author, oversized());
      expectProblem(res, 413, 'payload_too_large');
    }
    expect(await commentRow(t, commentId)).toEqual(before);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM comments');
    expect(n).toBe(1);
  });
});

describe('comments: writing and reading them', () => {
  let t: TestApp;
  let author: SignedUp;
  let member: SignedUp;
  let staff: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    member = await signUp(t);
    staff = await signUp(t, { role: 'facilitator' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets any member comment: 201 with the view, the text trimmed, Kyrgyz by default', async () => {
    const issueId = await raiseIssue(t, author);
    const before = await call(t, 'get', `/issues/${issueId}`, member);
    const res = await call(t, 'post', `/issues/${issueId}/comments`, member, {
      body: '   Бизде да канал жабык.  ',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      issueId,
      parentId: null,
      authorId: member.id,
      author: { id: member.id, displayName: member.displayName },
      body: 'Бизде да канал жабык.',
      language: 'ky',
      createdAt: expect.any(String),
      editedAt: null,
      deleted: false,
      hidden: false,
      attachments: [],
    });
    expect(new Date(res.body.createdAt as string).toISOString()).toBe(res.body.createdAt);
    const after = await call(t, 'get', `/issues/${issueId}`, member);
    expect(after.body).toMatchObject({ commentCount: 1, following: true, followerCount: 2 });
    expect(Date.parse(after.body.lastActivityAt as string)).toBeGreaterThan(
      Date.parse(before.body.lastActivityAt as string),
    );
    expect(await commentRow(t, res.body.id as string)).toMatchObject({
      author_id: member.id,
      body: 'Бизде да канал жабык.',
    });
  });

  it('tags a comment without language with the language of its body, else the author’s preferred one', async () => {
    const issueId = await raiseIssue(t, author);
    const writer = await signUp(t);
    await t.db.query("UPDATE users SET preferred_language = 'en' WHERE id = $1", [writer.id]);
    expect((await comment(t, writer, issueId, 'У нас тоже нет воды уже неделю')).language).toBe(
      'ru',
    );
    expect((await comment(t, writer, issueId, 'Бизде дагы суу жок, жардам керек')).language).toBe(
      'ky',
    );
    expect((await comment(t, writer, issueId, '+1')).language).toBe('en');
    expect((await comment(t, writer, issueId, 'Бизде дагы', { language: 'uz' })).language).toBe(
      'uz',
    );
  });

  it('keeps one follow when a follower comments again, and takes the language given', async () => {
    const issueId = await raiseIssue(t, author);
    await comment(t, member, issueId, 'one');
    const second = await comment(t, member, issueId, 'У нас тоже', { language: 'ru' });
    expect(second.language).toBe('ru');
    const issue = await call(t, 'get', `/issues/${issueId}`, member);
    expect(issue.body).toMatchObject({ commentCount: 2, followerCount: 2 });
  });

  it('shows the comment of a member to a member with hiddenReason absent, and to staff with it', async () => {
    const issueId = await raiseIssue(t, author);
    await comment(t, member, issueId, 'visible');
    const [asMember] = await listComments(t, author, issueId);
    expect(asMember).not.toHaveProperty('hiddenReason');
    const [asStaff] = await listComments(t, staff, issueId);
    expect(asStaff).toHaveProperty('hiddenReason', null);
  });

  it.each([
    ['a blank body', { body: '   \n\t ' }],
    ['an empty body', { body: '' }],
    ['no body', {}],
    ['a body that is not text', { body: 42 }],
    ['a body over 10,000 characters', { body: 'ы'.repeat(10001) }],
  ])('refuses %s (400 naming body) and stores nothing', async (_name, payload) => {
    const issueId = await raiseIssue(t, author);
    const res = await call(t, 'post', `/issues/${issueId}/comments`, member, payload);
    expectFieldError(res, 'body');
    expect(await listComments(t, member, issueId)).toEqual([]);
    expect(await commentCount(t, member, issueId)).toBe(0);
  });

  it('accepts a body of exactly 10,000 characters', async () => {
    const issueId = await raiseIssue(t, author);
    const res = await call(t, 'post', `/issues/${issueId}/comments`, member, {
      body: 'ы'.repeat(10000),
    });
    expect(res.status).toBe(201);
    expect((res.body.body as string).length).toBe(10000);
  });

  it('refuses a language outside the list (400 naming language)', async () => {
    const issueId = await raiseIssue(t, author);
    const res = await call(t, 'post', `/issues/${issueId}/comments`, member, {
      body: 'hello',
      language: 'de',
    });
    expectFieldError(res, 'language');
  });

  it('takes a reply to a comment of the same issue', async () => {
    const issueId = await raiseIssue(t, author);
    const top = await comment(t, author, issueId, 'Top');
    const reply = await comment(t, member, issueId, 'Reply', { parentId: top.id });
    expect(reply).toMatchObject({ parentId: top.id, issueId });
    expect((await listComments(t, member, issueId)).map((c) => [c.id, c.parentId])).toEqual([
      [top.id, null],
      [reply.id, top.id],
    ]);
  });

  it('refuses a reply to a reply (replies go one level deep), naming parentId and the comment to reply to', async () => {
    const issueId = await raiseIssue(t, author);
    const top = await comment(t, author, issueId, 'Top');
    const reply = await comment(t, member, issueId, 'Reply', { parentId: top.id });
    const res = await call(t, 'post', `/issues/${issueId}/comments`, author, {
      body: 'Reply to the reply',
      parentId: reply.id,
    });
    expectFieldError(res, 'parentId');
    expect(JSON.stringify(res.body.errors)).toContain(top.id);
    expect(await listComments(t, member, issueId)).toHaveLength(2);
  });

  it('refuses a parentId of a comment on another issue, of no comment, or not a uuid (400 naming parentId)', async () => {
    const issueId = await raiseIssue(t, author);
    const otherIssue = await raiseIssue(t, author);
    const elsewhere = await comment(t, author, otherIssue, 'Elsewhere');
    for (const parentId of [elsewhere.id, randomUUID(), 'not-a-uuid']) {
      const res = await call(t, 'post', `/issues/${issueId}/comments`, member, {
        body: 'Reply',
        parentId,
      });
      expectFieldError(res, 'parentId');
    }
    expect(await listComments(t, member, issueId)).toEqual([]);
  });

  it('pages through the comments oldest first, nothing skipped or repeated, comments added meanwhile come last', async () => {
    const issueId = await raiseIssue(t, author);
    const written: string[] = [];
    for (let i = 0; i < 5; i += 1) written.push((await comment(t, member, issueId, `c${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string | number> = { limit: 2 };
      if (cursor) query.cursor = cursor;
      const res = await t.http
        .get(`${API}/issues/${issueId}/comments`)
        .set(member.auth)
        .query(query);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...(res.body.items as CommentView[]).map((c) => c.id));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
      if (pages === 1) written.push((await comment(t, author, issueId, 'late')).id);
    } while (cursor);
    expect(seen).toEqual(written);
    expect(pages).toBe(3);
  });

  it('refuses a cursor it did not issue and a limit over 100 (400)', async () => {
    const issueId = await raiseIssue(t, author);
    const bad = await call(t, 'get', `/issues/${issueId}/comments?cursor=garbage`, member);
    expectFieldError(bad, 'cursor');
    const big = await call(t, 'get', `/issues/${issueId}/comments?limit=101`, member);
    expectFieldError(big, 'limit');
    const unknown = await call(t, 'get', `/issues/${issueId}/comments?order=desc`, member);
    expectFieldError(unknown, 'order');
  });

  it('refuses a comment on a merged issue (409 naming the issue it was merged into), and keeps its comments readable', async () => {
    const source = await raiseIssue(t, author, { title: 'Дубликат маселе' });
    const target = await raiseIssue(t, author, { title: 'Негизги маселе' });
    const before = await comment(t, member, source, 'Said before the merge');
    const merged = await call(t, 'post', `/issues/${source}/merge`, staff, {
      targetIssueId: target,
    });
    expect(merged.status).toBe(200);
    const res = await call(t, 'post', `/issues/${source}/comments`, member, { body: 'Late' });
    expectProblem(res, 409, 'conflict');
    expect(res.body.detail).toContain(target);
    const reply = await call(t, 'post', `/issues/${source}/comments`, member, {
      body: 'Late reply',
      parentId: before.id,
    });
    expectProblem(reply, 409, 'conflict');
    expect((await listComments(t, member, source)).map((c) => [c.id, c.body])).toEqual([
      [before.id, 'Said before the merge'],
    ]);
  });
});

describe('comments: editing, edit history and deleting', () => {
  let t: TestApp;
  let issueAuthor: SignedUp;
  let author: SignedUp;
  let outsider: SignedUp;
  let facilitator: SignedUp;
  let admin: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    issueAuthor = await signUp(t);
    author = await signUp(t);
    outsider = await signUp(t);
    facilitator = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the author edit: editedAt set, the previous text kept in the history', async () => {
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'First version');
    const first = await call(t, 'patch', `/comments/${c.id}`, author, { body: ' Second version ' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: c.id, body: 'Second version', deleted: false });
    expect(first.body.editedAt).toEqual(expect.any(String));
    const second = await call(t, 'patch', `/comments/${c.id}`, author, { body: 'Third version' });
    expect(second.body.body).toBe('Third version');
    const history = await call(t, 'get', `/comments/${c.id}/revisions`, author);
    expect(history.status).toBe(200);
    expect(history.body).toEqual({
      items: [
        { id: expect.any(String), body: 'First version', createdAt: expect.any(String) },
        { id: expect.any(String), body: 'Second version', createdAt: expect.any(String) },
      ],
      nextCursor: null,
    });
    const [listed] = await listComments(t, outsider, issueId);
    expect(listed).toMatchObject({ body: 'Third version', editedAt: expect.any(String) });
  });

  it('records nothing when the text does not change', async () => {
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'Same');
    const res = await call(t, 'patch', `/comments/${c.id}`, author, { body: 'Same' });
    expect(res.status).toBe(200);
    expect(res.body.editedAt).toBeNull();
    expect(await revisionBodies(t, c.id)).toEqual([]);
  });

  it.each([
    ['an outsider', 'outsider'],
    ['a facilitator', 'facilitator'],
    ['an admin', 'admin'],
    ['the author of the issue', 'issueAuthor'],
  ] as const)('refuses an edit by %s (403) and changes nothing', async (_name, who) => {
    const caller = { outsider, facilitator, admin, issueAuthor }[who];
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'Mine');
    const res = await call(t, 'patch', `/comments/${c.id}`, caller, { body: 'Theirs' });
    expectProblem(res, 403, 'forbidden');
    expect(await commentRow(t, c.id)).toMatchObject({ body: 'Mine', edited_at: null });
    expect(await revisionBodies(t, c.id)).toEqual([]);
  });

  it('refuses a blank edit (400 naming body)', async () => {
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'Mine');
    const res = await call(t, 'patch', `/comments/${c.id}`, author, { body: '  ' });
    expectFieldError(res, 'body');
    const missing = await call(t, 'patch', `/comments/${c.id}`, author, {});
    expectFieldError(missing, 'body');
  });

  it('shows the edit history to the author and staff only (403 to anyone else)', async () => {
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'Before');
    await call(t, 'patch', `/comments/${c.id}`, author, { body: 'After' });
    for (const who of [author, facilitator, admin]) {
      const res = await call(t, 'get', `/comments/${c.id}/revisions`, who);
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { body: string }) => r.body)).toEqual(['Before']);
    }
    for (const who of [outsider, issueAuthor]) {
      const res = await call(t, 'get', `/comments/${c.id}/revisions`, who);
      expectProblem(res, 403, 'forbidden');
    }
  });

  it.each([
    ['an outsider', 'outsider'],
    ['a facilitator', 'facilitator'],
    ['an admin', 'admin'],
  ] as const)('refuses a delete by %s (403) and keeps the comment', async (_name, who) => {
    const caller = { outsider, facilitator, admin }[who];
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'Mine');
    const res = await call(t, 'delete', `/comments/${c.id}`, caller);
    expectProblem(res, 403, 'forbidden');
    expect(await commentRow(t, c.id)).toMatchObject({ body: 'Mine', deleted_at: null });
    expect(await commentCount(t, author, issueId)).toBe(1);
  });

  it('lets the author delete: 204, a tombstone stays, replies stay readable, the text is kept for moderators', async () => {
    const issueId = await raiseIssue(t, issueAuthor);
    const top = await comment(t, author, issueId, 'What I regret');
    const reply = await comment(t, outsider, issueId, 'I disagree', { parentId: top.id });
    expect(await commentCount(t, author, issueId)).toBe(2);

    const res = await call(t, 'delete', `/comments/${top.id}`, author);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');

    const listed = await listComments(t, outsider, issueId);
    expect(listed).toEqual([
      expect.objectContaining({
        id: top.id,
        parentId: null,
        body: '',
        deleted: true,
        hidden: false,
        authorId: author.id,
      }),
      expect.objectContaining({
        id: reply.id,
        parentId: top.id,
        body: 'I disagree',
        deleted: false,
      }),
    ]);
    // Staff see a tombstone too; the text is in the history.
    const [asStaff] = await listComments(t, facilitator, issueId);
    expect(asStaff).toMatchObject({ body: '', deleted: true });
    const history = await call(t, 'get', `/comments/${top.id}/revisions`, facilitator);
    expect(history.body.items.map((r: { body: string }) => r.body)).toEqual(['What I regret']);
    expect(await commentRow(t, top.id)).toMatchObject({ body: '', deleted_at: expect.any(Date) });
    expect(await commentCount(t, author, issueId)).toBe(1);

    // A reply to the tombstone is still possible: the thread keeps going.
    const late = await comment(t, issueAuthor, issueId, 'Late reply', { parentId: top.id });
    expect(late.parentId).toBe(top.id);
  });

  it('answers a second delete with 204 and changes nothing more', async () => {
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'Once');
    expect((await call(t, 'delete', `/comments/${c.id}`, author)).status).toBe(204);
    const row = await commentRow(t, c.id);
    expect((await call(t, 'delete', `/comments/${c.id}`, author)).status).toBe(204);
    expect(await commentRow(t, c.id)).toEqual(row);
    expect(await revisionBodies(t, c.id)).toEqual(['Once']);
    expect(await commentCount(t, author, issueId)).toBe(0);
    const stranger = await call(t, 'delete', `/comments/${c.id}`, outsider);
    expectProblem(stranger, 403, 'forbidden');
  });

  it('refuses to edit a deleted comment (409)', async () => {
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'Gone');
    await call(t, 'delete', `/comments/${c.id}`, author);
    const res = await call(t, 'patch', `/comments/${c.id}`, author, { body: 'Back' });
    expectProblem(res, 409, 'conflict');
    expect(await commentRow(t, c.id)).toMatchObject({ body: '' });
  });

  it('refuses to edit a hidden comment (409): what a moderator judged does not change under them', async () => {
    const issueId = await raiseIssue(t, issueAuthor);
    const c = await comment(t, author, issueId, 'Rude words');
    const hidden = await call(t, 'post', `/comments/${c.id}/hide`, facilitator, {
      reason: 'Insults',
    });
    expect(hidden.status).toBe(200);
    const res = await call(t, 'patch', `/comments/${c.id}`, author, { body: 'Nice words' });
    expectProblem(res, 409, 'conflict');
    expect(await commentRow(t, c.id)).toMatchObject({ body: 'Rude words' });
  });
});

describe('comments: hiding by facilitators and admins', () => {
  let t: TestApp;
  let author: SignedUp;
  let member: SignedUp;
  let facilitator: SignedUp;
  let admin: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    member = await signUp(t);
    facilitator = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['a member', 'member'],
    ['the author of the comment', 'author'],
  ] as const)('refuses hide and unhide by %s (403)', async (_name, who) => {
    const caller = { member, author }[who];
    const issueId = await raiseIssue(t, author);
    const c = await comment(t, author, issueId, 'Words');
    const hide = await call(t, 'post', `/comments/${c.id}/hide`, caller, { reason: 'Spam here' });
    expectProblem(hide, 403, 'forbidden');
    expect(await commentRow(t, c.id)).toMatchObject({ hidden_at: null });
    await call(t, 'post', `/comments/${c.id}/hide`, facilitator, { reason: 'Spam here' });
    const unhide = await call(t, 'post', `/comments/${c.id}/unhide`, caller);
    expectProblem(unhide, 403, 'forbidden');
    expect(await commentRow(t, c.id)).toMatchObject({ hidden_reason: 'Spam here' });
  });

  it('hides with a reason: staff see the body and the reason, everyone else (the author too) an empty body', async () => {
    const issueId = await raiseIssue(t, author);
    const c = await comment(t, author, issueId, 'Offensive words');
    const res = await call(t, 'post', `/comments/${c.id}/hide`, facilitator, {
      reason: '  Personal insults  ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: c.id,
      body: 'Offensive words',
      hidden: true,
      hiddenReason: 'Personal insults',
      deleted: false,
    });
    expect(await commentRow(t, c.id)).toMatchObject({
      hidden_by: facilitator.id,
      hidden_reason: 'Personal insults',
      body: 'Offensive words',
    });
    for (const who of [member, author]) {
      const [seen] = await listComments(t, who, issueId);
      expect(seen).toMatchObject({ id: c.id, body: '', hidden: true });
      expect(seen).not.toHaveProperty('hiddenReason');
    }
    for (const who of [facilitator, admin]) {
      const [seen] = await listComments(t, who, issueId);
      expect(seen).toMatchObject({
        body: 'Offensive words',
        hidden: true,
        hiddenReason: 'Personal insults',
      });
    }
  });

  it('refuses to hide twice (409), keeping the first reason', async () => {
    const issueId = await raiseIssue(t, author);
    const c = await comment(t, author, issueId, 'Words');
    await call(t, 'post', `/comments/${c.id}/hide`, facilitator, { reason: 'First reason' });
    const again = await call(t, 'post', `/comments/${c.id}/hide`, admin, { reason: 'Second' });
    expectProblem(again, 409, 'conflict');
    expect(await commentRow(t, c.id)).toMatchObject({ hidden_reason: 'First reason' });
  });

  it('refuses a reason shorter than 3 or longer than 500 characters, or none (400 naming reason)', async () => {
    const issueId = await raiseIssue(t, author);
    const c = await comment(t, author, issueId, 'Words');
    for (const body of [{ reason: ' ab ' }, { reason: 'x'.repeat(501) }, {}]) {
      const res = await call(t, 'post', `/comments/${c.id}/hide`, facilitator, body);
      expectFieldError(res, 'reason');
    }
    expect(await commentRow(t, c.id)).toMatchObject({ hidden_at: null });
  });

  it('refuses to hide a deleted comment (409)', async () => {
    const issueId = await raiseIssue(t, author);
    const c = await comment(t, author, issueId, 'Words');
    await call(t, 'delete', `/comments/${c.id}`, author);
    const res = await call(t, 'post', `/comments/${c.id}/hide`, facilitator, {
      reason: 'Too late',
    });
    expectProblem(res, 409, 'conflict');
  });

  it('unhides (200) and refuses to unhide what is not hidden (409)', async () => {
    const issueId = await raiseIssue(t, author);
    const c = await comment(t, author, issueId, 'Words');
    const notHidden = await call(t, 'post', `/comments/${c.id}/unhide`, admin);
    expectProblem(notHidden, 409, 'conflict');
    await call(t, 'post', `/comments/${c.id}/hide`, facilitator, { reason: 'Mistake?' });
    const res = await call(t, 'post', `/comments/${c.id}/unhide`, admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ body: 'Words', hidden: false, hiddenReason: null });
    const [seen] = await listComments(t, member, issueId);
    expect(seen).toMatchObject({ body: 'Words', hidden: false });
    expect(await commentRow(t, c.id)).toMatchObject({
      hidden_at: null,
      hidden_by: null,
      hidden_reason: null,
    });
  });

  it("keeps the issue's commentCount in step with create, reply, hide, unhide and delete", async () => {
    const issueId = await raiseIssue(t, author);
    expect(await commentCount(t, member, issueId)).toBe(0);
    const a = await comment(t, member, issueId, 'a');
    const b = await comment(t, author, issueId, 'b', { parentId: a.id });
    expect(await commentCount(t, member, issueId)).toBe(2);
    await call(t, 'post', `/comments/${a.id}/hide`, facilitator, { reason: 'Off topic' });
    expect(await commentCount(t, member, issueId)).toBe(1);
    await call(t, 'post', `/comments/${a.id}/unhide`, facilitator);
    expect(await commentCount(t, member, issueId)).toBe(2);
    await call(t, 'delete', `/comments/${b.id}`, author);
    expect(await commentCount(t, member, issueId)).toBe(1);
    await call(t, 'post', `/comments/${a.id}/hide`, facilitator, { reason: 'Off topic' });
    await call(t, 'delete', `/comments/${a.id}`, member);
    expect(await commentCount(t, member, issueId)).toBe(0);
    expect(await listComments(t, member, issueId)).toHaveLength(2);
  });
});

describe('comments: notification fan-out', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("tells the issue's author and its followers, not the commenter", async () => {
    const author = await signUp(t);
    const follower = await signUp(t);
    const commenter = await signUp(t);
    const bystander = await signUp(t);
    const issueId = await raiseIssue(t, author, { title: 'Жол жабылды' });
    expect((await call(t, 'post', `/issues/${issueId}/follow`, follower)).status).toBe(200);
    const long = `${'Жол '.repeat(50)}end`;
    const c = await comment(t, commenter, issueId, long);

    for (const who of [author, follower]) {
      const items = await notificationsOf(t, who);
      expect(items).toEqual([
        expect.objectContaining({
          kind: 'comment',
          issueId,
          actorId: commenter.id,
          payload: {
            issueTitle: 'Жол жабылды',
            commentId: c.id,
            excerpt: long.slice(0, 140),
          },
        }),
      ]);
    }
    expect(await notificationsOf(t, commenter)).toEqual([]);
    expect(await notificationsOf(t, bystander)).toEqual([]);

    // The commenter now follows: the next comment reaches them.
    await comment(t, author, issueId, 'Thanks');
    const theirs = await notificationsOf(t, commenter);
    expect(theirs.map((n) => n.kind)).toEqual(['comment']);
    expect(theirs[0].actorId).toBe(author.id);
  });

  it('sends a mention instead of a comment to a member named as @[Display Name] or @{id}', async () => {
    const suffix = randomBytes(3).toString('hex');
    const author = await signUp(t);
    const commenter = await signUp(t);
    const byName = await signUp(t, { displayName: `Aigul Tokto ${suffix}` });
    const byId = await signUp(t);
    const follower = await signUp(t, { displayName: `Bakyt Asan ${suffix}` });
    const issueId = await raiseIssue(t, author);
    await call(t, 'post', `/issues/${issueId}/follow`, follower);

    const c = await comment(
      t,
      commenter,
      issueId,
      `@[aigul tokto ${suffix}] and @{${byId.id}} please look; @[Bakyt Asan ${suffix}] too`,
    );

    for (const who of [byName, byId, follower]) {
      const items = await notificationsOf(t, who);
      expect(items).toEqual([
        expect.objectContaining({
          kind: 'mention',
          issueId,
          actorId: commenter.id,
          payload: expect.objectContaining({ commentId: c.id }),
        }),
      ]);
    }
    expect((await notificationsOf(t, author)).map((n) => n.kind)).toEqual(['comment']);
    expect(await notificationsOf(t, commenter)).toEqual([]);
  });

  it('does not notify a commenter who mentions themself', async () => {
    const author = await signUp(t);
    const commenter = await signUp(t);
    const issueId = await raiseIssue(t, author);
    await comment(t, commenter, issueId, `note to self @{${commenter.id}}`);
    expect(await notificationsOf(t, commenter)).toEqual([]);
  });
});

describe('comments: search finds issues by the words of their visible comments', () => {
  let t: TestApp;
  let author: SignedUp;
  let member: SignedUp;
  let staff: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    member = await signUp(t);
    staff = await signUp(t, { role: 'facilitator' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the issue by a word only its comment has, until the comment is hidden; again when unhidden', async () => {
    const word = uniqueWord('zarf');
    const issueId = await raiseIssue(t, author, { title: 'Пастбище маселеси' });
    expect(await searchIds(t, member, word)).toEqual([]);
    const c = await comment(t, member, issueId, `The ${word} near the canal is broken`);
    expect(await searchIds(t, member, word)).toEqual([issueId]);
    await call(t, 'post', `/comments/${c.id}/hide`, staff, { reason: 'Misleading' });
    expect(await searchIds(t, member, word)).toEqual([]);
    await call(t, 'post', `/comments/${c.id}/unhide`, staff);
    expect(await searchIds(t, member, word)).toEqual([issueId]);
  });

  it('stops finding it after the comment is deleted', async () => {
    const word = uniqueWord('кырк');
    const issueId = await raiseIssue(t, author, { title: 'Мектеп жолу' });
    const c = await comment(t, member, issueId, `Мында ${word} жок`);
    expect(await searchIds(t, member, word)).toEqual([issueId]);
    expect((await call(t, 'delete', `/comments/${c.id}`, member)).status).toBe(204);
    expect(await searchIds(t, member, word)).toEqual([]);
  });

  it('finds it by the new words of an edited comment, not the old ones', async () => {
    const oldWord = uniqueWord('olde');
    const newWord = uniqueWord('newe');
    const issueId = await raiseIssue(t, author, { title: 'Базар маселеси' });
    const c = await comment(t, member, issueId, `about ${oldWord}`);
    await call(t, 'patch', `/comments/${c.id}`, member, { body: `about ${newWord}` });
    expect(await searchIds(t, member, newWord)).toEqual([issueId]);
    expect(await searchIds(t, member, oldWord)).toEqual([]);
  });
});
