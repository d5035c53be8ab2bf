import { randomUUID } from 'node:crypto';
import {
  API,
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { listRoutes } from './support/routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { openSurvey, respondent } from './support/surveys.js';

/**
 * One list shape for every list the API has: `{ items, nextCursor }`, `?cursor=` continuing
 * where the page ended and `?limit=` (default 20, max 100). Walks the route table, so a new
 * GET route must be classified below (a list, or one resource) before this passes.
 */

/** GET routes that answer one resource, not a list. */
const SINGLE = new Set([
  '/api/v1/actions/:id',
  '/api/v1/strategies/:id',
  '/api/v1/attachments/:id',
  '/api/v1/ballots/:id',
  '/api/v1/ballots/:id/results',
  '/api/v1/files/:id/:variant',
  '/api/v1/escalations/:id',
  '/api/v1/events/:id',
  '/api/v1/events/:id/stats',
  '/api/v1/campaigns/:id',
  '/api/v1/campaigns/:id/reach-summary',
  '/api/v1/findings/:id',
  '/api/v1/findings/:id/trace',
  '/api/v1/issues/:id/evidence',
  '/api/v1/issues/:id/legal-basis',
  '/api/v1/legal-acts/:id',
  '/api/v1/legal-acts/:id/provisions/:eId',
  '/api/v1/provisions/:id',
  '/api/v1/issues/:id',
  '/api/v1/me',
  '/api/v1/members/:id',
  '/api/v1/notifications/unread-count',
  '/api/v1/organisations/:id',
  '/api/v1/public/surveys/:token',
  '/api/v1/reports/:id',
  '/api/v1/reports/:id/pdf',
  '/api/v1/reports/:id/snapshot',
  '/api/v1/reports/:id/xlsx',
  '/api/v1/rooms/:id',
  '/api/v1/surveys/:id',
  '/api/v1/surveys/:id/export',
  '/api/v1/surveys/:id/results',
  '/api/v1/territories/:id',
  '/health/live',
  '/health/ready',
]);

/** Message history pages up to 500 (a join's catch-up continues over REST, docs/realtime.md). */
const MAX_LIMIT: Record<string, number> = { '/api/v1/rooms/:id/messages': 500 };

interface Page {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

let t: TestApp;
let staff: SignedUp;
let member: SignedUp;
/** Each list route: the URL to call (path parameters filled in) and who calls it. */
const lists = new Map<string, { url: string; as?: SignedUp }>();

function ok(res: { status: number; body: unknown }, status = 201) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

beforeAll(async () => {
  t = await startTestApp();
  staff = await signUp(t, { role: 'admin' });
  member = await signUp(t);
  const others = [await signUp(t), await signUp(t), await signUp(t)];
  const orgs = [];
  for (let i = 0; i < 3; i++) {
    orgs.push(await makeOrganisation(t, staff, { networkStatus: 'member' }));
  }
  const authority = await makeOrganisation(t, staff, { kind: 'government_body' });
  const [org] = orgs;
  for (const other of others) {
    ok(
      await call(t, 'post', `/organisations/${org.id}/members`, staff, {
        userId: other.id,
        role: 'member',
      }),
    );
  }
  for (const o of orgs) {
    ok(
      await call(t, 'post', `/organisations/${o.id}/invitations`, staff, {
        userId: member.id,
        role: 'member',
      }),
    );
  }
  for (const other of others.slice(0, 2)) {
    ok(
      await call(t, 'post', `/organisations/${orgs[1].id}/invitations`, staff, {
        userId: other.id,
        role: 'member',
      }),
    );
  }

  const issueIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const issue = ok(
      await call(t, 'post', '/issues', staff, {
        title: `Road ${i} to Ak-Sai closed`,
        body: 'The road between the villages has been closed since spring.',
        category: 'roads_transport',
        territoryIds: [TERRITORY.akSai],
        decisionLevel: 'district',
      }),
    );
    issueIds.push(issue.id as string);
  }
  const [issue] = issueIds;
  ok(await call(t, 'post', `/issues/${issue}/follow`, member, {}), 200);
  for (let i = 0; i < 3; i++) {
    ok(
      await call(t, 'patch', `/issues/${issue}`, staff, { title: `Road to Ak-Sai, edit ${i}` }),
      200,
    );
  }
  for (const to of ['discussing', 'prioritised']) {
    ok(await call(t, 'post', `/issues/${issue}/transitions`, staff, { to }), 200);
  }
  const commentIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const comment = ok(
      await call(t, 'post', `/issues/${issue}/comments`, staff, { body: `Comment ${i}` }),
    );
    commentIds.push(comment.id as string);
  }
  for (let i = 0; i < 3; i++) {
    ok(await call(t, 'patch', `/comments/${commentIds[0]}`, staff, { body: `Edited ${i}` }), 200);
  }
  for (const o of orgs) {
    ok(await call(t, 'post', `/issues/${issue}/endorsements`, staff, { organisationId: o.id }));
  }
  for (let i = 0; i < 3; i++) {
    ok(
      await call(t, 'post', `/issues/${issue}/escalations`, staff, {
        authorityOrganisationId: authority.id,
        sentAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
        reference: `No. ${i}`,
      }),
    );
  }

  const roomIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const room = ok(await call(t, 'post', '/rooms', staff, { name: `Room ${i}`, kind: 'network' }));
    roomIds.push(room.id as string);
  }
  const [room] = roomIds;
  // Messages stored as the gateway stores them (seq from the room row), without sockets.
  const stored: { id: string }[] = await t.db.query(
    `WITH bumped AS (UPDATE rooms SET last_seq = 7 WHERE id = $1)
     INSERT INTO messages (room_id, seq, client_msg_id, author_id, body)
     SELECT $1, g, gen_random_uuid(), $2, 'message ' || g FROM generate_series(1, 7) g
     RETURNING id`,
    [room, staff.id],
  );
  await t.db.query(
    `INSERT INTO message_flags (message_id, room_id, reporter_id, reason)
     SELECT id, $1, $2, 'spam spam' FROM messages WHERE room_id = $1 AND seq <= 3`,
    [room, member.id],
  );
  for (const locked of [true, false, true]) {
    ok(await call(t, 'post', `/rooms/${room}/lock`, staff, { locked }), 200);
  }
  expect(stored).toHaveLength(7);

  const surveyIds: string[] = [];
  for (let i = 0; i < 3; i++) surveyIds.push(await openSurvey(t, staff));
  const [survey] = surveyIds;
  for (let i = 0; i < 3; i++) {
    const res = await t.http
      .put(`${API}/surveys/${survey}/submissions/${randomUUID()}`)
      .set(staff.auth)
      .send({
        version: 1,
        mode: 'paper',
        respondent: respondent(),
        answers: { water_source: 'tap', household: i + 1 },
      });
    ok(res);
  }

  for (let i = 0; i < 3; i++) ok(await call(t, 'post', `/surveys/${survey}/links`, staff, {}));
  // Events and findings (issue 12): three of each, the findings citing the events.
  const eventIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const event = ok(
      await call(t, 'post', '/events', staff, {
        kind: 'focus_group',
        group: 'youth',
        title: { ky: `Жаштар менен фокус-топ ${i}` },
        startsAt: new Date(Date.UTC(2026, 5, 1 + i)).toISOString(),
        territoryId: TERRITORY.akSai,
      }),
    );
    eventIds.push(event.id as string);
    ok(
      await call(t, 'post', '/findings', staff, {
        statement: `Жаштар үчүн жумуш жок ${i}`,
        language: 'ky',
        category: 'other',
        territoryIds: [TERRITORY.akSai],
        evidence: { eventIds: [event.id as string] },
      }),
    );
  }

  // Priority ballots (issue 13): three, among the two issues still raised.
  for (let i = 0; i < 3; i++)
    ok(
      await call(t, 'post', '/ballots', staff, {
        title: { ky: `Артыкчылыктар ${i}` },
        method: 'approval',
        issueIds: issueIds.slice(1),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
  // The organiser's views of an event (issue 13): three registrations and three sheet lines, on
  // a training (a focus group is counted without names: no registrations, no sheet).
  const training = ok(
    await call(t, 'post', '/events', staff, {
      kind: 'training',
      title: { ky: 'Жер укугу боюнча тренинг' },
      startsAt: new Date(Date.UTC(2026, 5, 10)).toISOString(),
      territoryId: TERRITORY.akSai,
    }),
  ).id as string;
  for (const who of [staff, member, await signUp(t)])
    ok(await call(t, 'post', `/events/${training}/registrations`, who));
  const sheet = await call(t, 'post', `/events/${training}/attendance`, staff, {
    rows: ['female', 'male', 'female'].map((gender, i) => ({
      clientRowId: `row-${i}`,
      name: `Катышуучу ${i}`,
      gender,
      ageBand: '18-29',
      role: 'participant',
    })),
  });
  ok(sheet, 200);
  // Legal library (issue 13): three acts, three provisions in one.
  let lastAct = '';
  for (let i = 0; i < 3; i++) {
    const act = ok(
      await call(t, 'post', '/legal-acts', staff, {
        title: { ky: `Мыйзам ${i}` },
        kind: 'law',
        number: `L-${i}`,
        adoptedAt: `202${i}-01-01`,
        issuer: 'Жогорку Кеңеш',
        status: 'in_force',
      }),
    );
    lastAct = act.id as string;
  }
  for (let i = 0; i < 3; i++)
    ok(
      await call(t, 'post', `/legal-acts/${lastAct}/provisions`, staff, {
        eId: `art_${i + 1}`,
        heading: { ky: `${i + 1}-берене` },
        text: { ky: 'Текст' },
      }),
    );
  // Campaigns (issue 13): three, and three lines of reach in the first.
  const campaignIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const campaign = ok(
      await call(t, 'post', '/campaigns', staff, {
        title: { ky: `Жайыт укугу ${i}` },
        objective: { ky: 'Тургундар укуктарын билишет' },
        startsAt: new Date(Date.now() - (10 + i) * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      }),
    );
    campaignIds.push(campaign.id as string);
  }
  for (let i = 0; i < 3; i++)
    ok(
      await call(t, 'post', `/campaigns/${campaignIds[0]}/reach`, staff, {
        clientRowId: randomUUID(),
        date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        territoryId: TERRITORY.akSai,
        channel: 'meeting',
        audience: 'women',
        female: 3 + i,
        male: 1,
        undisclosed: 0,
        estimated: false,
        organisationId: org.id,
      }),
    );

  // Strategies (issue 13): three strategies; an action with three updates; an event's three
  // commitments.
  const strategyIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const strategy = ok(
      await call(t, 'post', '/strategies', staff, {
        title: { ky: `Стратегия ${i}` },
        goal: { ky: 'Максат' },
        issueIds: [issue],
      }),
    );
    strategyIds.push(strategy.id as string);
  }
  const objective = ok(
    await call(t, 'post', `/strategies/${strategyIds[0]}/objectives`, staff, {
      title: { ky: 'Максат' },
    }),
  );
  const action = ok(
    await call(t, 'post', `/objectives/${objective.id as string}/actions`, staff, {
      title: { ky: 'Иш-аракет' },
      ownerOrganisationId: org.id,
      dueAt: new Date(Date.UTC(2030, 0, 1)).toISOString(),
    }),
  );
  for (let i = 1; i <= 3; i++)
    ok(
      await call(t, 'post', `/actions/${action.id as string}/updates`, staff, {
        progress: i * 10,
        status: 'in_progress',
      }),
    );
  ok(
    await call(t, 'post', `/events/${eventIds[0]}/close`, staff, {
      minutes: { ky: 'Протокол' },
      commitments: [1, 2, 3].map((i) => ({
        text: `Милдеттенме ${i}`,
        ownerOrganisationId: org.id,
        dueAt: new Date(Date.UTC(2030, 0, i)).toISOString(),
      })),
    }),
    200,
  );

  // District report packs (issue 13): three requests stored, not built (no job queued).
  for (let i = 0; i < 3; i++)
    await t.db.query(
      `INSERT INTO reports (kind, territory_id, period_from, period_to, language)
       VALUES ('district_round_table', $1, '2026-01-01Z', '2026-07-01Z', 'ky')`,
      [TERRITORY.batkenDistrict],
    );

  const fill: [string, string, SignedUp?][] = [
    ['/events/:id/attendance', `/events/${training}/attendance`, staff],
    ['/events/:id/registrations', `/events/${training}/registrations`, staff],
    ['/strategies', '/strategies', member],
    ['/actions/:id/updates', `/actions/${action.id as string}/updates`, member],
    ['/events/:id/commitments', `/events/${eventIds[0]}/commitments`, member],
    ['/audit-log', '/audit-log', staff],
    ['/comments/:id/revisions', `/comments/${commentIds[0]}/revisions`, staff],
    ['/ballots', '/ballots', member],
    ['/escalations', '/escalations', staff],
    ['/events', '/events', member],
    ['/campaigns', '/campaigns', member],
    ['/campaigns/:id/reach', `/campaigns/${campaignIds[0]}/reach`, staff],
    ['/findings', '/findings', member],
    ['/invitations', '/invitations', member],
    ['/legal-acts', '/legal-acts', member],
    ['/provisions', '/provisions', member],
    ['/issues', '/issues', staff],
    ['/issues/:id/comments', `/issues/${issue}/comments`, staff],
    ['/issues/:id/endorsements', `/issues/${issue}/endorsements`, staff],
    ['/issues/:id/escalations', `/issues/${issue}/escalations`, staff],
    ['/issues/:id/history', `/issues/${issue}/history`, staff],
    ['/members', '/members', staff],
    ['/moderation/flags', '/moderation/flags', staff],
    ['/notifications', '/notifications', member],
    ['/organisations', '/organisations', staff],
    ['/organisations/:id/invitations', `/organisations/${orgs[1].id}/invitations`, staff],
    ['/organisations/:id/members', `/organisations/${org.id}/members`, staff],
    ['/rooms', '/rooms', staff],
    ['/rooms/:id/messages', `/rooms/${room}/messages`, staff],
    ['/territories', '/territories', undefined],
    ['/search-terms', '/search-terms', member],
    ['/surveys', '/surveys', staff],
    ['/surveys/:id/submissions', `/surveys/${survey}/submissions`, staff],
    ['/surveys/:id/links', `/surveys/${survey}/links`, staff],
    ['/reports', '/reports', staff],
  ];
  for (const [route, url, as] of fill) lists.set(`${API}${route}`, { url, as });
}, 120_000);

afterAll(() => t?.close());

function get(url: string, as: SignedUp | undefined, query: Record<string, string | number>) {
  const qs = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return call(t, 'get', qs ? `${url}?${qs}` : url, as);
}

/** An item's identity: its id, or a message's seq. */
function key(item: Record<string, unknown>): string {
  const id = item.id ?? item.seq;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(item);
}

/** Follows nextCursor to the end; every page must be full but the last. */
async function walk(url: string, as: SignedUp | undefined, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const res = await get(url, as, { limit, ...(cursor ? { cursor } : {}) });
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    const page = res.body as Page;
    seen.push(...page.items.map(key));
    if (page.nextCursor === null) return seen;
    expect({ url, full: page.items.length }).toEqual({ url, full: limit });
    cursor = page.nextCursor;
  }
  throw new Error(`${url}: no end after 500 pages`);
}

describe('every list route', () => {
  it('is classified: every GET route is a known list or a single resource', () => {
    const gets = listRoutes(t.app)
      .filter((r) => r.method === 'GET')
      .map((r) => r.path);
    const unknown = gets.filter((p) => !SINGLE.has(p) && !lists.has(p));
    expect(unknown).toEqual([]);
    expect([...lists.keys()].filter((p) => !gets.includes(p))).toEqual([]);
  });

  it('answers { items, nextCursor }, at most 20 items without a limit', async () => {
    for (const [route, { url, as }] of lists) {
      const res = await get(url, as, {});
      expect({ route, status: res.status }).toEqual({ route, status: 200 });
      const body = res.body as Record<string, unknown>;
      expect({ route, array: Array.isArray(body.items) }).toEqual({ route, array: true });
      expect({ route, nextCursor: typeof body.nextCursor }).toEqual({
        route,
        nextCursor: body.nextCursor === null ? 'object' : 'string',
      });
      expect({ route, atMost20: (body.items as unknown[]).length <= 20 }).toEqual({
        route,
        atMost20: true,
      });
    }
  });

  it('pages with limit and cursor, to the end, without repeats or gaps', async () => {
    for (const [route, { url, as }] of lists) {
      const whole = await walk(url, as, 100);
      const small = await walk(url, as, 2);
      expect({ route, seeded: whole.length >= 3 }).toEqual({ route, seeded: true });
      expect({ route, repeats: small.length - new Set(small).size }).toEqual({
        route,
        repeats: 0,
      });
      expect({ route, items: [...small].sort() }).toEqual({ route, items: [...whole].sort() });
    }
  });

  it('refuses a limit above its maximum, below 1, and a cursor it did not issue', async () => {
    for (const [route, { url, as }] of lists) {
      const max = MAX_LIMIT[route] ?? 100;
      for (const limit of [max + 1, 0]) {
        const res = await get(url, as, { limit });
        expect({ route, limit, status: res.status }).toEqual({ route, limit, status: 400 });
        expectProblem(res, 400, 'validation_failed');
      }
      const res = await get(url, as, { cursor: Buffer.from('[true]').toString('base64url') });
      expect({ route, cursor: res.status }).toEqual({ route, cursor: 400 });
    }
  });
});

describe('message history', () => {
  const url = () => lists.get(`${API}/rooms/:id/messages`)!.url;
  const seqs = (page: Page) => page.items.map((m) => m.seq as number);

  it('pages back from the latest by default, forward from afterSeq, back from beforeSeq', async () => {
    const latest = (await get(url(), staff, { limit: 3 })).body as Page & { hasMore: boolean };
    expect(seqs(latest)).toEqual([5, 6, 7]);
    expect(latest.hasMore).toBe(true);
    const older = (await get(url(), staff, { limit: 3, cursor: latest.nextCursor! })).body as Page;
    expect(seqs(older)).toEqual([2, 3, 4]);
    const oldest = (await get(url(), staff, { limit: 3, cursor: older.nextCursor! }))
      .body as Page & { hasMore: boolean };
    expect(seqs(oldest)).toEqual([1]);
    expect(oldest).toMatchObject({ nextCursor: null, hasMore: false });

    const first = (await get(url(), staff, { afterSeq: 0, limit: 3 })).body as Page;
    expect(seqs(first)).toEqual([1, 2, 3]);
    const second = (await get(url(), staff, { limit: 3, cursor: first.nextCursor! })).body as Page;
    expect(seqs(second)).toEqual([4, 5, 6]);
    const third = (await get(url(), staff, { limit: 3, cursor: second.nextCursor! })).body as Page;
    expect(seqs(third)).toEqual([7]);
    expect(third.nextCursor).toBeNull();

    const before = (await get(url(), staff, { beforeSeq: 4, limit: 2 })).body as Page;
    expect(seqs(before)).toEqual([2, 3]);
    const rest = (await get(url(), staff, { limit: 2, cursor: before.nextCursor! })).body as Page;
    expect(seqs(rest)).toEqual([1]);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses a cursor together with afterSeq or beforeSeq', async () => {
    const page = (await get(url(), staff, { limit: 2 })).body as Page;
    for (const extra of [{ afterSeq: 1 }, { beforeSeq: 5 }] as Record<string, number>[]) {
      const res = await get(url(), staff, { limit: 2, cursor: page.nextCursor!, ...extra });
      expectProblem(res, 400, 'validation_failed');
    }
  });
});

describe('unknown ids', () => {
  it('a list under an unknown parent is 404, not an empty page', async () => {
    for (const path of [
      `/rooms/${randomUUID()}/messages`,
      `/issues/${randomUUID()}/history`,
      `/issues/${randomUUID()}/endorsements`,
      `/comments/${randomUUID()}/revisions`,
    ]) {
      const res = await call(t, 'get', path, staff);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
