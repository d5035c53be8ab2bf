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

/** Sends one request, with the caller's token when there is one. */
function expectFieldError(res: Response, field: string): void {
  expectProblem(res, 400, 'validation_failed');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

async function organisationRow(t: TestApp, id: string): Promise<Record<string, unknown>> {
  const [row] = await t.db.query('SELECT * FROM organisations WHERE id = $1', [id]);
  return row as Record<string, unknown>;
}

async function roleIn(t: TestApp, organisationId: string, userId: string): Promise<string | null> {
  const rows: { role: string }[] = await t.db.query(
    'SELECT role FROM organisation_members WHERE organisation_id = $1 AND user_id = $2',
    [organisationId, userId],
  );
  return rows[0]?.role ?? null;
}

async function count(t: TestApp, sql: string, params: unknown[]): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}

async function addMember(
  t: TestApp,
  organisationId: string,
  by: SignedUp,
  user: SignedUp,
  role: 'representative' | 'member' = 'member',
): Promise<void> {
  const res = await call(t, 'post', `/organisations/${organisationId}/members`, by, {
    userId: user.id,
    role,
  });
  expect(res.status).toBe(201);
}

async function invite(
  t: TestApp,
  organisationId: string,
  by: SignedUp,
  user: SignedUp,
  role: 'representative' | 'member' = 'member',
): Promise<string> {
  const res = await call(t, 'post', `/organisations/${organisationId}/invitations`, by, {
    userId: user.id,
    role,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** A JSON body just over the 1 MB default limit. */
function oversized(): Record<string, string> {
  return { name: 'Big', description: 'x'.repeat(1024 * 1024 + 16) };
}

describe('organisations: every route needs a token and a well-formed path', () => {
  let t: TestApp;
  let admin: SignedUp;
  let orgId: string;
  let invitationId: string;
  let invitee: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUp(t, { role: 'admin' });
    invitee = await signUp(t);
    orgId = (await makeOrganisation(t, admin)).id;
    invitationId = await invite(t, orgId, admin, invitee);
  });
  afterAll(async () => {
    await t.close();
  });

  const routes = (org: string, user: string, invitation: string): [Method, string][] => [
    ['post', '/organisations'],
    ['get', '/organisations'],
    ['get', `/organisations/${org}`],
    ['patch', `/organisations/${org}`],
    ['get', `/organisations/${org}/members`],
    ['post', `/organisations/${org}/members`],
    ['patch', `/organisations/${org}/members/${user}`],
    ['delete', `/organisations/${org}/members/${user}`],
    ['post', `/organisations/${org}/invitations`],
    ['get', `/organisations/${org}/invitations`],
    ['delete', `/organisations/${org}/invitations/${invitation}`],
    ['get', '/invitations'],
    ['post', `/invitations/${invitation}/accept`],
    ['post', `/invitations/${invitation}/decline`],
    ['post', `/organisations/${org}/network-application`],
    ['post', `/organisations/${org}/network-application/decision`],
  ];

  it('refuses every organisations route without a token (401) and changes nothing', async () => {
    const before = await organisationRow(t, orgId);
    for (const [method, path] of routes(orgId, admin.id, invitationId)) {
      const res = await call(t, method, path, undefined, {});
      expectProblem(res, 401, 'unauthorized');
    }
    expect(await organisationRow(t, orgId)).toEqual(before);
    expect(await roleIn(t, orgId, admin.id)).toBe('representative');
    const [invitation] = await t.db.query(
      'SELECT status FROM organisation_invitations WHERE id = $1',
      [invitationId],
    );
    expect(invitation.status).toBe('pending');
  });

  it('refuses a token that is not a valid access token (401)', async () => {
    const res = await t.http
      .get(`${API}/organisations`)
      .set({ Authorization: 'Bearer not-a-token' });
    expectProblem(res, 401, 'unauthorized');
  });

  const memberBody = { userId: '@user', role: 'member' };
  const roleBody = { role: 'member' };
  const decisionBody = { approve: true };

  /** `@org`, `@user` and `@invitation` stand for real ids, `@missing` for an unknown one. */
  function fill(template: string): string {
    return template
      .replace('@org', orgId)
      .replace('@user', admin.id)
      .replace('@invitation', invitationId)
      .replace('@missing', randomUUID());
  }

  function fillBody(body?: object): object | undefined {
    return body && 'userId' in body ? { ...body, userId: invitee.id } : body;
  }

  it.each([
    ['get', '/organisations/not-a-uuid', 'id', undefined],
    ['patch', '/organisations/not-a-uuid', 'id', {}],
    ['get', '/organisations/not-a-uuid/members', 'id', undefined],
    ['post', '/organisations/not-a-uuid/members', 'id', memberBody],
    ['patch', '/organisations/@org/members/42', 'userId', roleBody],
    ['delete', '/organisations/@org/members/42', 'userId', undefined],
    ['delete', '/organisations/not-a-uuid/members/@user', 'id', undefined],
    ['post', '/organisations/not-a-uuid/invitations', 'id', memberBody],
    ['get', '/organisations/not-a-uuid/invitations', 'id', undefined],
    ['delete', '/organisations/@org/invitations/nope', 'invitationId', undefined],
    ['post', '/invitations/nope/accept', 'id', undefined],
    ['post', '/invitations/nope/decline', 'id', undefined],
    ['post', '/organisations/not-a-uuid/network-application', 'id', {}],
    ['post', '/organisations/not-a-uuid/network-application/decision', 'id', decisionBody],
  ] as [Method, string, string, object | undefined][])(
    'answers %s %s with 400 naming the malformed path parameter %s',
    async (method, template, field, body) => {
      const res = await call(t, method, fill(template), admin, fillBody(body));
      expectFieldError(res, field);
    },
  );

  it.each([
    ['get', '/organisations/@missing', undefined],
    ['patch', '/organisations/@missing', {}],
    ['get', '/organisations/@missing/members', undefined],
    ['post', '/organisations/@missing/members', memberBody],
    ['patch', '/organisations/@missing/members/@user', roleBody],
    ['delete', '/organisations/@missing/members/@user', undefined],
    ['post', '/organisations/@missing/invitations', memberBody],
    ['get', '/organisations/@missing/invitations', undefined],
    ['delete', '/organisations/@missing/invitations/@invitation', undefined],
    ['post', '/organisations/@missing/network-application', {}],
    ['post', '/organisations/@missing/network-application/decision', decisionBody],
    ['post', '/invitations/@missing/accept', undefined],
    ['post', '/invitations/@missing/decline', undefined],
  ] as [Method, string, object | undefined][])(
    'answers %s %s (an unknown id) with 404',
    async (method, template, body) => {
      const res = await call(t, method, fill(template), admin, fillBody(body));
      expectProblem(res, 404, 'not_found');
    },
  );

  it('answers an oversized JSON body with 413 on every writing route, and stores nothing', async () => {
    const before = await count(t, 'organisations', []);
    for (const [method, path] of routes(orgId, admin.id, invitationId).filter(
      ([m]) => m === 'post' || m === 'patch',
    )) {
      const res = await call(t, method, path, admin, oversized());
      expectProblem(res, 413, 'payload_too_large');
    }
    expect(await count(t, 'organisations', [])).toBe(before);
    expect((await organisationRow(t, orgId)).description).toBeNull();
  });
});

describe('organisations: registering and reading one', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers an organisation and makes its creator the representative', async () => {
    const owner = await signUp(t);
    const res = await call(t, 'post', '/organisations', owner, {
      name: '  Ак-Сай айыл өкмөтү  ',
      kind: 'aiyl_okmotu',
      territoryId: TERRITORY.akSai,
      description: 'Local self-government of Ak-Sai',
      contacts: { email: 'aksai.ao@gmail.com', phone: '+996372150000' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'Ак-Сай айыл өкмөтү',
      kind: 'aiyl_okmotu',
      territoryId: TERRITORY.akSai,
      description: 'Local self-government of Ak-Sai',
      contacts: { email: 'aksai.ao@gmail.com', phone: '+996372150000' },
      networkStatus: 'none',
      networkAppliedAt: null,
      networkDecidedAt: null,
      memberCount: 1,
      myRole: 'representative',
    });
    expect(new Date(res.body.createdAt as string).toISOString()).toBe(res.body.createdAt);
    expect(await roleIn(t, res.body.id as string, owner.id)).toBe('representative');
    const row = await organisationRow(t, res.body.id as string);
    expect(row).toMatchObject({ name: 'Ак-Сай айыл өкмөтү', created_by: owner.id });
  });

  it("shows the organisation to anyone signed in, with their own myRole (null if they don't belong)", async () => {
    const owner = await signUp(t);
    const stranger = await signUp(t);
    const { id } = await makeOrganisation(t, owner);
    const mine = await call(t, 'get', `/organisations/${id}`, owner);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id, myRole: 'representative', memberCount: 1 });
    const theirs = await call(t, 'get', `/organisations/${id}`, stranger);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ id, myRole: null, memberCount: 1 });
  });

  it('answers an unknown organisation id with 404', async () => {
    const user = await signUp(t);
    expectProblem(await call(t, 'get', `/organisations/${randomUUID()}`, user), 404, 'not_found');
  });

  it.each([
    [{ kind: 'ngo', territoryId: TERRITORY.akSai }, 'name'],
    [{ name: 'X', kind: 'ngo', territoryId: TERRITORY.akSai }, 'name'],
    [{ name: '      ', kind: 'ngo', territoryId: TERRITORY.akSai }, 'name'],
    [{ name: '  X  ', kind: 'ngo', territoryId: TERRITORY.akSai }, 'name'],
    [{ name: 'Valid name', kind: 'club', territoryId: TERRITORY.akSai }, 'kind'],
    [{ name: 'Valid name', territoryId: TERRITORY.akSai }, 'kind'],
    [{ name: 'Valid name', kind: 'ngo', territoryId: 'ak-sai' }, 'territoryId'],
    [{ name: 'Valid name', kind: 'ngo' }, 'territoryId'],
    [{ name: 'Valid name', kind: 'ngo', territoryId: randomUUID() }, 'territoryId'],
    [
      { name: 'Valid name', kind: 'ngo', territoryId: TERRITORY.akSai, networkStatus: 'member' },
      'networkStatus',
    ],
    [
      { name: 'Valid name', kind: 'ngo', territoryId: TERRITORY.akSai, createdBy: randomUUID() },
      'createdBy',
    ],
    [
      { name: 'Valid name', kind: 'ngo', territoryId: TERRITORY.akSai, contacts: { fax: '1' } },
      'contacts.fax',
    ],
    [
      {
        name: 'Valid name',
        kind: 'ngo',
        territoryId: TERRITORY.akSai,
        contacts: { phone: '0555 12 34 56' },
      },
      'contacts.phone',
    ],
    [
      { name: 'Valid name', kind: 'ngo', territoryId: TERRITORY.akSai, description: 7 },
      'description',
    ],
  ])('refuses a bad registration %j naming %s, and stores nothing', async (body, field) => {
    const user = await signUp(t);
    const res = await call(t, 'post', '/organisations', user, body);
    expectFieldError(res, field);
    expect(await count(t, 'organisations WHERE created_by = $1', [user.id])).toBe(0);
    expect(await count(t, 'organisation_members WHERE user_id = $1', [user.id])).toBe(0);
  });

  it('refuses a second organisation with the same name in the same territory (409)', async () => {
    const owner = await signUp(t);
    const other = await signUp(t);
    const { name } = await makeOrganisation(t, owner, { territoryId: TERRITORY.akTatyr });
    const res = await call(t, 'post', '/organisations', other, {
      name,
      kind: 'ngo',
      territoryId: TERRITORY.akTatyr,
    });
    expectProblem(res, 409, 'conflict');
    expect(await count(t, 'organisation_members WHERE user_id = $1', [other.id])).toBe(0);
    // The same name elsewhere is another organisation.
    const elsewhere = await call(t, 'post', '/organisations', other, {
      name,
      kind: 'ngo',
      territoryId: TERRITORY.kyshtut,
    });
    expect(elsewhere.status).toBe(201);
  });

  it('refuses a registration body over 1 MB with 413', async () => {
    const user = await signUp(t);
    const res = await call(t, 'post', '/organisations', user, {
      ...oversized(),
      kind: 'ngo',
      territoryId: TERRITORY.akSai,
    });
    expectProblem(res, 413, 'payload_too_large');
    expect(await count(t, 'organisations WHERE created_by = $1', [user.id])).toBe(0);
  });
});

describe('organisations: listing, filters and pagination', () => {
  let t: TestApp;
  let viewer: SignedUp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    viewer = await signUp(t);
    const owner = await signUp(t);
    const make = async (
      key: string,
      name: string,
      options: Parameters<typeof makeOrganisation>[2],
    ) => {
      ids[key] = (await makeOrganisation(t, owner, { name, ...options })).id;
    };
    await make('villageNgo', 'Kok-Tash women council', {
      kind: 'community_group',
      territoryId: TERRITORY.kokTashVillage,
    });
    await make('akSaiOkmotu', 'Ak-Sai aiyl okmotu', {
      kind: 'aiyl_okmotu',
      territoryId: TERRITORY.akSai,
      networkStatus: 'member',
    });
    await make('akTatyrKenesh', 'Ak-Tatyr aiyl kenesh', {
      kind: 'aiyl_kenesh',
      territoryId: TERRITORY.akTatyr,
      networkStatus: 'pending',
    });
    await make('oblastAdmin', 'Batken oblast administration', {
      kind: 'state_administration',
      territoryId: TERRITORY.batkenOblast,
    });
    await make('partner', 'Water 100% partners', {
      kind: 'international_partner',
      territoryId: TERRITORY.samarkandek,
      networkStatus: 'rejected',
    });
    await t.db.query(
      "UPDATE organisations SET description = 'Irrigation and pastures' WHERE id = $1",
      [ids.oblastAdmin],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  async function list(query: Record<string, string | number>): Promise<Response> {
    return t.http.get(`${API}/organisations`).query(query).set(viewer.auth);
  }

  function idsOf(res: Response): string[] {
    return (res.body.items as { id: string }[]).map((o) => o.id);
  }

  it('lists every organisation sorted by name, in the list envelope', async () => {
    const res = await list({});
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(new Set(idsOf(res))).toEqual(new Set(Object.values(ids)));
    const names = (res.body.items as { name: string }[]).map((o) => o.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    expect(res.body.items[0]).toMatchObject({ memberCount: 1, myRole: null });
  });

  it('filters by kind', async () => {
    const res = await list({ kind: 'aiyl_kenesh' });
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual([ids.akTatyrKenesh]);
  });

  it.each([
    ['member', 'akSaiOkmotu'],
    ['pending', 'akTatyrKenesh'],
    ['rejected', 'partner'],
  ])('filters by networkStatus %s', async (networkStatus, key) => {
    const res = await list({ networkStatus });
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual([ids[key]]);
  });

  it('filters by networkStatus none', async () => {
    const res = await list({ networkStatus: 'none' });
    expect(new Set(idsOf(res))).toEqual(new Set([ids.villageNgo, ids.oblastAdmin]));
  });

  it('finds text in the name or the description, case-insensitively', async () => {
    expect(idsOf(await list({ q: 'AK-SAI' }))).toEqual([ids.akSaiOkmotu]);
    expect(idsOf(await list({ q: 'pasture' }))).toEqual([ids.oblastAdmin]);
    expect(idsOf(await list({ q: 'nothing like this' }))).toEqual([]);
  });

  it('takes % and _ in the search text literally', async () => {
    expect(idsOf(await list({ q: '100%' }))).toEqual([ids.partner]);
    expect(idsOf(await list({ q: '%' }))).toEqual([ids.partner]);
    expect(idsOf(await list({ q: '_' }))).toEqual([]);
  });

  it('a territory filter includes its descendants: a village organisation shows under Batken district', async () => {
    const district = await list({ territoryId: TERRITORY.batkenDistrict });
    expect(district.status).toBe(200);
    expect(new Set(idsOf(district))).toEqual(
      new Set([ids.villageNgo, ids.akSaiOkmotu, ids.akTatyrKenesh, ids.partner]),
    );
    // The oblast-level organisation sits above the district, not below it.
    expect(idsOf(district)).not.toContain(ids.oblastAdmin);
    expect(new Set(idsOf(await list({ territoryId: TERRITORY.akSai })))).toEqual(
      new Set([ids.villageNgo, ids.akSaiOkmotu]),
    );
    expect(idsOf(await list({ territoryId: TERRITORY.kokTashVillage }))).toEqual([ids.villageNgo]);
    expect(idsOf(await list({ territoryId: TERRITORY.batkenOblast }))).toHaveLength(5);
  });

  it('combines filters', async () => {
    const res = await list({ territoryId: TERRITORY.batkenDistrict, kind: 'aiyl_okmotu' });
    expect(idsOf(res)).toEqual([ids.akSaiOkmotu]);
    expect(idsOf(await list({ territoryId: TERRITORY.akSai, networkStatus: 'pending' }))).toEqual(
      [],
    );
  });

  it.each([
    [{ kind: 'club' }, 'kind'],
    [{ networkStatus: 'approved' }, 'networkStatus'],
    [{ territoryId: 'batken' }, 'territoryId'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 'many' }, 'limit'],
    [{ colour: 'red' }, 'colour'],
  ])('refuses a bad query %j naming %s', async (query, field) => {
    expectFieldError(await list(query), field);
  });

  it('walks every page with limit=2 and nextCursor, without duplicates or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(cursor ? { limit: 2, cursor } : { limit: 2 });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...idsOf(res));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
      expect(pages).toBeLessThan(10);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual(idsOf(await list({ limit: 100 })));
  });

  it('paginates a filtered list and keeps the filter on later pages', async () => {
    const first = await list({ territoryId: TERRITORY.batkenDistrict, limit: 3 });
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await list({
      territoryId: TERRITORY.batkenDistrict,
      limit: 3,
      cursor: first.body.nextCursor as string,
    });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([...idsOf(first), ...idsOf(second)])).toEqual(
      new Set([ids.villageNgo, ids.akSaiOkmotu, ids.akTatyrKenesh, ids.partner]),
    );
  });

  it.each([
    'not-a-cursor',
    Buffer.from('["only one"]').toString('base64url'),
    Buffer.from('{"name":"x"}').toString('base64url'),
    Buffer.from('["a","not-a-uuid"]').toString('base64url'),
  ])('refuses a cursor it did not issue (%s) with 400', async (cursor) => {
    const res = await list({ cursor });
    expectProblem(res, 400, 'validation_failed');
  });
});

describe('organisations: editing', () => {
  let t: TestApp;
  let owner: SignedUp;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    orgId = (await makeOrganisation(t, owner, { kind: 'ngo' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('a representative edits the organisation and the change is stored', async () => {
    const res = await call(t, 'patch', `/organisations/${orgId}`, owner, {
      description: 'Youth and pastures',
      kind: 'community_group',
      territoryId: TERRITORY.akSaiVillage,
      contacts: { website: 'https://aksai.kg' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: orgId,
      description: 'Youth and pastures',
      kind: 'community_group',
      territoryId: TERRITORY.akSaiVillage,
      contacts: { website: 'https://aksai.kg' },
      myRole: 'representative',
    });
    expect(await organisationRow(t, orgId)).toMatchObject({
      description: 'Youth and pastures',
      kind: 'community_group',
      territory_id: TERRITORY.akSaiVillage,
    });
  });

  it('a description may be cleared with null', async () => {
    const res = await call(t, 'patch', `/organisations/${orgId}`, owner, { description: null });
    expect(res.status).toBe(200);
    expect(res.body.description).toBeNull();
  });

  it('an admin may edit any organisation', async () => {
    const admin = await signUp(t, { role: 'admin' });
    const res = await call(t, 'patch', `/organisations/${orgId}`, admin, {
      name: 'Renamed by admin',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed by admin', myRole: null });
    expect((await organisationRow(t, orgId)).name).toBe('Renamed by admin');
  });

  it('a representative of another organisation cannot edit it (403)', async () => {
    const other = await signUp(t);
    await makeOrganisation(t, other);
    const before = await organisationRow(t, orgId);
    const res = await call(t, 'patch', `/organisations/${orgId}`, other, { name: 'Hijacked' });
    expectProblem(res, 403, 'forbidden');
    expect(await organisationRow(t, orgId)).toEqual(before);
  });

  it('a plain member of the organisation cannot edit it (403)', async () => {
    const member = await signUp(t);
    await addMember(t, orgId, owner, member, 'member');
    const before = await organisationRow(t, orgId);
    const res = await call(t, 'patch', `/organisations/${orgId}`, member, { name: 'Members rule' });
    expectProblem(res, 403, 'forbidden');
    expect(await organisationRow(t, orgId)).toEqual(before);
  });

  it('a facilitator is not an editor by network role alone (403)', async () => {
    const facilitator = await signUp(t, { role: 'facilitator' });
    const res = await call(t, 'patch', `/organisations/${orgId}`, facilitator, { name: 'Nope' });
    expectProblem(res, 403, 'forbidden');
  });

  it.each([
    [{ name: 'Fine', networkStatus: 'member' }, 'networkStatus'],
    [{ memberCount: 99 }, 'memberCount'],
    [{ kind: 'club' }, 'kind'],
    [{ territoryId: 'ak-sai' }, 'territoryId'],
    [{ territoryId: randomUUID() }, 'territoryId'],
    [{ name: 'Y' }, 'name'],
    [{ name: '     ' }, 'name'],
    [{ contacts: { email: 'not-an-email' } }, 'contacts.email'],
    [{ contacts: { website: 'javascript:alert(1)' } }, 'contacts.website'],
    [{ name: null }, 'name'],
    [{ kind: null }, 'kind'],
    [{ territoryId: null }, 'territoryId'],
  ])('refuses a bad edit %j naming %s, and changes nothing', async (body, field) => {
    const before = await organisationRow(t, orgId);
    const res = await call(t, 'patch', `/organisations/${orgId}`, owner, body);
    expectFieldError(res, field);
    expect(await organisationRow(t, orgId)).toEqual(before);
  });

  it('refuses to rename onto the name of another organisation in the same territory (409)', async () => {
    const { name } = await makeOrganisation(t, owner, { territoryId: TERRITORY.tortkul });
    const { id } = await makeOrganisation(t, owner, { territoryId: TERRITORY.tortkul });
    const res = await call(t, 'patch', `/organisations/${id}`, owner, { name });
    expectProblem(res, 409, 'conflict');
  });

  it('answers an unknown organisation with 404 even for a stranger', async () => {
    const stranger = await signUp(t);
    const res = await call(t, 'patch', `/organisations/${randomUUID()}`, stranger, {
      name: 'Ghost',
    });
    expectProblem(res, 404, 'not_found');
  });

  it('refuses an edit body over 1 MB with 413', async () => {
    const before = await organisationRow(t, orgId);
    const res = await call(t, 'patch', `/organisations/${orgId}`, owner, oversized());
    expectProblem(res, 413, 'payload_too_large');
    expect(await organisationRow(t, orgId)).toEqual(before);
  });
});

describe('organisations: members', () => {
  let t: TestApp;
  let owner: SignedUp;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t, { displayName: 'Aaa Owner' });
    orgId = (await makeOrganisation(t, owner)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('a representative adds a member with a role; the member count and myRole follow', async () => {
    const user = await signUp(t);
    const res = await call(t, 'post', `/organisations/${orgId}/members`, owner, {
      userId: user.id,
      role: 'member',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      organisationId: orgId,
      userId: user.id,
      displayName: user.displayName,
      role: 'member',
      joinedAt: expect.any(String),
    });
    expect(await roleIn(t, orgId, user.id)).toBe('member');
    const seen = await call(t, 'get', `/organisations/${orgId}`, user);
    expect(seen.body).toMatchObject({ myRole: 'member' });
    expect(seen.body.memberCount).toBe(
      await count(t, 'organisation_members WHERE organisation_id = $1', [orgId]),
    );
  });

  it('lists the members to anyone signed in, and walks pages without duplicates', async () => {
    const org = (await makeOrganisation(t, owner)).id;
    const added: SignedUp[] = [];
    for (let i = 0; i < 4; i += 1) {
      const user = await signUp(t, { displayName: `Member ${i}` });
      await addMember(t, org, owner, user);
      added.push(user);
    }
    const stranger = await signUp(t);
    const all = await call(t, 'get', `/organisations/${org}/members`, stranger);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(5);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items[0]).toMatchObject({ userId: owner.id, role: 'representative' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.http
        .get(`${API}/organisations/${org}/members`)
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set(stranger.auth);
      expect(res.status).toBe(200);
      seen.push(...(res.body.items as { userId: string }[]).map((m) => m.userId));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual((all.body.items as { userId: string }[]).map((m) => m.userId));
    expect(new Set(seen)).toEqual(new Set([owner.id, ...added.map((u) => u.id)]));

    expectProblem(
      await t.http
        .get(`${API}/organisations/${org}/members`)
        .query({ cursor: 'garbage' })
        .set(stranger.auth),
      400,
      'validation_failed',
    );
  });

  it('an admin may add members to any organisation and change their role', async () => {
    const admin = await signUp(t, { role: 'admin' });
    const user = await signUp(t);
    const res = await call(t, 'post', `/organisations/${orgId}/members`, admin, {
      userId: user.id,
      role: 'representative',
    });
    expect(res.status).toBe(201);
    expect(await roleIn(t, orgId, user.id)).toBe('representative');
    expect(await roleIn(t, orgId, admin.id)).toBeNull();
    const demoted = await call(t, 'patch', `/organisations/${orgId}/members/${user.id}`, admin, {
      role: 'member',
    });
    expect(demoted.status).toBe(200);
    expect(await roleIn(t, orgId, user.id)).toBe('member');
  });

  it('a representative of another organisation cannot add members to it (403)', async () => {
    const other = await signUp(t);
    await makeOrganisation(t, other);
    const res = await call(t, 'post', `/organisations/${orgId}/members`, other, {
      userId: other.id,
      role: 'representative',
    });
    expectProblem(res, 403, 'forbidden');
    expect(await roleIn(t, orgId, other.id)).toBeNull();
  });

  it('a plain member cannot add members or promote themselves (403)', async () => {
    const member = await signUp(t);
    const friend = await signUp(t);
    await addMember(t, orgId, owner, member);
    expectProblem(
      await call(t, 'post', `/organisations/${orgId}/members`, member, {
        userId: friend.id,
        role: 'member',
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(t, 'patch', `/organisations/${orgId}/members/${member.id}`, member, {
        role: 'representative',
      }),
      403,
      'forbidden',
    );
    expect(await roleIn(t, orgId, friend.id)).toBeNull();
    expect(await roleIn(t, orgId, member.id)).toBe('member');
  });

  it('refuses to add someone who is already a member (409)', async () => {
    const user = await signUp(t);
    await addMember(t, orgId, owner, user, 'member');
    const res = await call(t, 'post', `/organisations/${orgId}/members`, owner, {
      userId: user.id,
      role: 'representative',
    });
    expectProblem(res, 409, 'conflict');
    expect(await roleIn(t, orgId, user.id)).toBe('member');
  });

  it('answers adding an unknown user with 404', async () => {
    const res = await call(t, 'post', `/organisations/${orgId}/members`, owner, {
      userId: randomUUID(),
      role: 'member',
    });
    expectProblem(res, 404, 'not_found');
  });

  it.each<[Record<string, string>, string]>([
    [{ userId: 'someone', role: 'member' }, 'userId'],
    [{ role: 'member' }, 'userId'],
    [{ userId: '@user', role: 'owner' }, 'role'],
    [{ userId: '@user' }, 'role'],
    [{ userId: '@user', role: 'member', since: '2020-01-01' }, 'since'],
  ])('refuses a bad member body %j naming %s, and adds no one', async (template, field) => {
    const user = await signUp(t);
    const body = { ...template, ...(template.userId === '@user' ? { userId: user.id } : {}) };
    const res = await call(t, 'post', `/organisations/${orgId}/members`, owner, body);
    expectFieldError(res, field);
    expect(await roleIn(t, orgId, user.id)).toBeNull();
  });

  it('a representative changes a member role both ways', async () => {
    const user = await signUp(t);
    await addMember(t, orgId, owner, user, 'member');
    const up = await call(t, 'patch', `/organisations/${orgId}/members/${user.id}`, owner, {
      role: 'representative',
    });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ userId: user.id, role: 'representative' });
    expect(await roleIn(t, orgId, user.id)).toBe('representative');
    const down = await call(t, 'patch', `/organisations/${orgId}/members/${user.id}`, owner, {
      role: 'member',
    });
    expect(down.status).toBe(200);
    expect(await roleIn(t, orgId, user.id)).toBe('member');
  });

  it.each([
    [{ role: 'chief' }, 'role'],
    [{}, 'role'],
    [{ role: 'member', userId: '@user' }, 'userId'],
  ])('refuses a bad role change %j naming %s', async (template, field) => {
    const user = await signUp(t);
    await addMember(t, orgId, owner, user, 'member');
    const body = 'userId' in template ? { ...template, userId: owner.id } : template;
    const res = await call(t, 'patch', `/organisations/${orgId}/members/${user.id}`, owner, body);
    expectFieldError(res, field);
    expect(await roleIn(t, orgId, user.id)).toBe('member');
  });

  it('a representative of another organisation cannot change roles in it (403)', async () => {
    const other = await signUp(t);
    await makeOrganisation(t, other);
    const user = await signUp(t);
    await addMember(t, orgId, owner, user, 'member');
    const res = await call(t, 'patch', `/organisations/${orgId}/members/${user.id}`, other, {
      role: 'representative',
    });
    expectProblem(res, 403, 'forbidden');
    expect(await roleIn(t, orgId, user.id)).toBe('member');
  });

  it('answers a role change for someone who is not a member with 404', async () => {
    const stranger = await signUp(t);
    const res = await call(t, 'patch', `/organisations/${orgId}/members/${stranger.id}`, owner, {
      role: 'member',
    });
    expectProblem(res, 404, 'not_found');
    expect(await roleIn(t, orgId, stranger.id)).toBeNull();
  });

  it('refuses to demote or remove the last representative (409)', async () => {
    const solo = await signUp(t);
    const { id } = await makeOrganisation(t, solo);
    const member = await signUp(t);
    await addMember(t, id, solo, member);
    expectProblem(
      await call(t, 'patch', `/organisations/${id}/members/${solo.id}`, solo, { role: 'member' }),
      409,
      'conflict',
    );
    expectProblem(
      await call(t, 'delete', `/organisations/${id}/members/${solo.id}`, solo),
      409,
      'conflict',
    );
    const admin = await signUp(t, { role: 'admin' });
    expectProblem(
      await call(t, 'delete', `/organisations/${id}/members/${solo.id}`, admin),
      409,
      'conflict',
    );
    expect(await roleIn(t, id, solo.id)).toBe('representative');
    // Keeping the role is not a demotion.
    const same = await call(t, 'patch', `/organisations/${id}/members/${solo.id}`, solo, {
      role: 'representative',
    });
    expect(same.status).toBe(200);
  });

  it('a representative may step down once there is another representative', async () => {
    const first = await signUp(t);
    const { id } = await makeOrganisation(t, first);
    const second = await signUp(t);
    await addMember(t, id, first, second, 'representative');
    const res = await call(t, 'patch', `/organisations/${id}/members/${first.id}`, first, {
      role: 'member',
    });
    expect(res.status).toBe(200);
    expect(await roleIn(t, id, first.id)).toBe('member');
    // Now the last one is the second.
    expectProblem(
      await call(t, 'delete', `/organisations/${id}/members/${second.id}`, second),
      409,
      'conflict',
    );
  });

  it('a representative removes a member', async () => {
    const user = await signUp(t);
    await addMember(t, orgId, owner, user);
    const res = await call(t, 'delete', `/organisations/${orgId}/members/${user.id}`, owner);
    expect(res.status).toBe(204);
    expect(await roleIn(t, orgId, user.id)).toBeNull();
    expect((await call(t, 'get', `/organisations/${orgId}`, user)).body.myRole).toBeNull();
  });

  it('a member may leave by themselves', async () => {
    const user = await signUp(t);
    await addMember(t, orgId, owner, user);
    const res = await call(t, 'delete', `/organisations/${orgId}/members/${user.id}`, user);
    expect(res.status).toBe(204);
    expect(await roleIn(t, orgId, user.id)).toBeNull();
  });

  it('an admin may remove a member of any organisation', async () => {
    const admin = await signUp(t, { role: 'admin' });
    const user = await signUp(t);
    await addMember(t, orgId, owner, user);
    const res = await call(t, 'delete', `/organisations/${orgId}/members/${user.id}`, admin);
    expect(res.status).toBe(204);
    expect(await roleIn(t, orgId, user.id)).toBeNull();
  });

  it('a plain member cannot remove another member, nor can a representative of another organisation (403)', async () => {
    const member = await signUp(t);
    const victim = await signUp(t);
    await addMember(t, orgId, owner, member);
    await addMember(t, orgId, owner, victim);
    expectProblem(
      await call(t, 'delete', `/organisations/${orgId}/members/${victim.id}`, member),
      403,
      'forbidden',
    );
    const other = await signUp(t);
    await makeOrganisation(t, other);
    expectProblem(
      await call(t, 'delete', `/organisations/${orgId}/members/${victim.id}`, other),
      403,
      'forbidden',
    );
    expect(await roleIn(t, orgId, victim.id)).toBe('member');
  });

  it('answers removing someone who is not a member with 404, also when they try to leave', async () => {
    const stranger = await signUp(t);
    expectProblem(
      await call(t, 'delete', `/organisations/${orgId}/members/${stranger.id}`, owner),
      404,
      'not_found',
    );
    expectProblem(
      await call(t, 'delete', `/organisations/${orgId}/members/${stranger.id}`, stranger),
      404,
      'not_found',
    );
  });
});

describe('organisations: invitations', () => {
  let t: TestApp;
  let owner: SignedUp;
  let orgId: string;
  let orgName: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    ({ id: orgId, name: orgName } = await makeOrganisation(t, owner));
  });
  afterAll(async () => {
    await t.close();
  });

  async function invitationStatus(id: string): Promise<string> {
    const [row] = await t.db.query('SELECT status FROM organisation_invitations WHERE id = $1', [
      id,
    ]);
    return row.status as string;
  }

  it('adding someone directly withdraws their pending invitation, so it cannot be accepted later', async () => {
    const user = await signUp(t);
    const invited = await call(t, 'post', `/organisations/${orgId}/invitations`, owner, {
      userId: user.id,
      role: 'representative',
    });
    expect(invited.status).toBe(201);
    const added = await call(t, 'post', `/organisations/${orgId}/members`, owner, {
      userId: user.id,
      role: 'member',
    });
    expect(added.status).toBe(201);
    expect(await invitationStatus(invited.body.id)).toBe('cancelled');
    const accept = await call(t, 'post', `/invitations/${invited.body.id}/accept`, user);
    expectProblem(accept, 409, 'conflict');
    const [row] = await t.db.query(
      'SELECT role FROM organisation_members WHERE organisation_id = $1 AND user_id = $2',
      [orgId, user.id],
    );
    expect(row.role).toBe('member');
  });

  it('a representative invites someone; they are not a member until they accept', async () => {
    const user = await signUp(t);
    const res = await call(t, 'post', `/organisations/${orgId}/invitations`, owner, {
      userId: user.id,
      role: 'member',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      organisationId: orgId,
      organisationName: orgName,
      userId: user.id,
      role: 'member',
      status: 'pending',
      invitedById: owner.id,
    });
    expect(await roleIn(t, orgId, user.id)).toBeNull();

    const listed = await call(t, 'get', `/organisations/${orgId}/invitations`, owner);
    expect(listed.status).toBe(200);
    expect((listed.body.items as { id: string }[]).map((i) => i.id)).toContain(res.body.id);
    expect(listed.body.nextCursor).toBeNull();

    const mine = await call(t, 'get', '/invitations', user);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: res.body.id, status: 'pending' }),
    ]);
    // Nobody else sees it in their own list.
    expect((await call(t, 'get', '/invitations', owner)).body.items).toEqual([]);
  });

  it('accepting makes them a member with the invited role', async () => {
    const user = await signUp(t);
    const id = await invite(t, orgId, owner, user, 'representative');
    const res = await call(t, 'post', `/invitations/${id}/accept`, user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'accepted', role: 'representative' });
    expect(await roleIn(t, orgId, user.id)).toBe('representative');
    expect(await invitationStatus(id)).toBe('accepted');
    expect((await call(t, 'get', `/organisations/${orgId}`, user)).body.myRole).toBe(
      'representative',
    );
    expect((await call(t, 'get', '/invitations', user)).body.items).toEqual([]);
  });

  it('declining leaves them outside', async () => {
    const user = await signUp(t);
    const id = await invite(t, orgId, owner, user);
    const res = await call(t, 'post', `/invitations/${id}/decline`, user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'declined' });
    expect(await roleIn(t, orgId, user.id)).toBeNull();
    expect(await invitationStatus(id)).toBe('declined');
  });

  it('refuses to answer an invitation twice (409)', async () => {
    const user = await signUp(t);
    const accepted = await invite(t, orgId, owner, user);
    expect((await call(t, 'post', `/invitations/${accepted}/accept`, user)).status).toBe(200);
    expectProblem(await call(t, 'post', `/invitations/${accepted}/accept`, user), 409, 'conflict');
    expectProblem(await call(t, 'post', `/invitations/${accepted}/decline`, user), 409, 'conflict');
    expect(await roleIn(t, orgId, user.id)).toBe('member');

    const other = await signUp(t);
    const declined = await invite(t, orgId, owner, other);
    expect((await call(t, 'post', `/invitations/${declined}/decline`, other)).status).toBe(200);
    expectProblem(await call(t, 'post', `/invitations/${declined}/accept`, other), 409, 'conflict');
    expect(await roleIn(t, orgId, other.id)).toBeNull();
  });

  it('someone else cannot accept or decline my invitation (404), and it stays pending', async () => {
    const invitee = await signUp(t);
    const thief = await signUp(t);
    const id = await invite(t, orgId, owner, invitee);
    expectProblem(await call(t, 'post', `/invitations/${id}/accept`, thief), 404, 'not_found');
    expectProblem(await call(t, 'post', `/invitations/${id}/decline`, thief), 404, 'not_found');
    // Not even the representative who sent it answers for the invitee.
    expectProblem(await call(t, 'post', `/invitations/${id}/accept`, owner), 404, 'not_found');
    expect(await invitationStatus(id)).toBe('pending');
    expect(await roleIn(t, orgId, thief.id)).toBeNull();
  });

  it('refuses a second pending invitation and an invitation to an existing member (409)', async () => {
    const user = await signUp(t);
    await invite(t, orgId, owner, user);
    expectProblem(
      await call(t, 'post', `/organisations/${orgId}/invitations`, owner, {
        userId: user.id,
        role: 'representative',
      }),
      409,
      'conflict',
    );
    const member = await signUp(t);
    await addMember(t, orgId, owner, member);
    expectProblem(
      await call(t, 'post', `/organisations/${orgId}/invitations`, owner, {
        userId: member.id,
        role: 'member',
      }),
      409,
      'conflict',
    );
    expect(await count(t, 'organisation_invitations WHERE user_id = $1', [user.id])).toBe(1);
    expect(await count(t, 'organisation_invitations WHERE user_id = $1', [member.id])).toBe(0);
  });

  it('answers an invitation of an unknown user with 404', async () => {
    expectProblem(
      await call(t, 'post', `/organisations/${orgId}/invitations`, owner, {
        userId: randomUUID(),
        role: 'member',
      }),
      404,
      'not_found',
    );
  });

  it.each<[Record<string, string>, string]>([
    [{ userId: 'nobody', role: 'member' }, 'userId'],
    [{ userId: '@user', role: 'boss' }, 'role'],
    [{ userId: '@user', role: 'member', message: 'join us' }, 'message'],
  ])('refuses a bad invitation body %j naming %s, and sends none', async (template, field) => {
    const user = await signUp(t);
    const body = { ...template, ...(template.userId === '@user' ? { userId: user.id } : {}) };
    const res = await call(t, 'post', `/organisations/${orgId}/invitations`, owner, body);
    expectFieldError(res, field);
    expect(await count(t, 'organisation_invitations WHERE user_id = $1', [user.id])).toBe(0);
  });

  it('a plain member or a representative of another organisation cannot invite or see the invitations (403)', async () => {
    const member = await signUp(t);
    await addMember(t, orgId, owner, member);
    const other = await signUp(t);
    await makeOrganisation(t, other);
    const target = await signUp(t);
    for (const caller of [member, other]) {
      expectProblem(
        await call(t, 'post', `/organisations/${orgId}/invitations`, caller, {
          userId: target.id,
          role: 'member',
        }),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'get', `/organisations/${orgId}/invitations`, caller),
        403,
        'forbidden',
      );
    }
    expect(await count(t, 'organisation_invitations WHERE user_id = $1', [target.id])).toBe(0);
  });

  it('an admin may invite to any organisation and list its invitations', async () => {
    const admin = await signUp(t, { role: 'admin' });
    const user = await signUp(t);
    const res = await call(t, 'post', `/organisations/${orgId}/invitations`, admin, {
      userId: user.id,
      role: 'member',
    });
    expect(res.status).toBe(201);
    expect(res.body.invitedById).toBe(admin.id);
    const listed = await call(t, 'get', `/organisations/${orgId}/invitations`, admin);
    expect(listed.status).toBe(200);
    expect((listed.body.items as { id: string }[]).map((i) => i.id)).toContain(res.body.id);
  });

  it('a representative withdraws a pending invitation, which then cannot be accepted', async () => {
    const user = await signUp(t);
    const id = await invite(t, orgId, owner, user);
    const res = await call(t, 'delete', `/organisations/${orgId}/invitations/${id}`, owner);
    expect(res.status).toBe(204);
    expect(await invitationStatus(id)).toBe('cancelled');
    expect((await call(t, 'get', '/invitations', user)).body.items).toEqual([]);
    expectProblem(await call(t, 'post', `/invitations/${id}/accept`, user), 409, 'conflict');
    expect(await roleIn(t, orgId, user.id)).toBeNull();
    // Withdrawing twice is a conflict; a fresh invitation may be sent afterwards.
    expectProblem(
      await call(t, 'delete', `/organisations/${orgId}/invitations/${id}`, owner),
      409,
      'conflict',
    );
    await invite(t, orgId, owner, user);
  });

  it('cannot withdraw an invitation through another organisation, nor as a plain member', async () => {
    const user = await signUp(t);
    const id = await invite(t, orgId, owner, user);
    const other = await signUp(t);
    const otherOrg = (await makeOrganisation(t, other)).id;
    expectProblem(
      await call(t, 'delete', `/organisations/${otherOrg}/invitations/${id}`, other),
      404,
      'not_found',
    );
    expectProblem(
      await call(t, 'delete', `/organisations/${orgId}/invitations/${id}`, other),
      403,
      'forbidden',
    );
    const member = await signUp(t);
    await addMember(t, orgId, owner, member);
    expectProblem(
      await call(t, 'delete', `/organisations/${orgId}/invitations/${id}`, member),
      403,
      'forbidden',
    );
    expectProblem(
      await call(t, 'delete', `/organisations/${orgId}/invitations/${randomUUID()}`, owner),
      404,
      'not_found',
    );
    expect(await invitationStatus(id)).toBe('pending');
  });
});

describe('organisations: joining the network', () => {
  let t: TestApp;
  let owner: SignedUp;
  let facilitator: SignedUp;
  let admin: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    facilitator = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function apply(orgId: string, as: SignedUp, body: object = {}): Promise<Response> {
    return call(t, 'post', `/organisations/${orgId}/network-application`, as, body);
  }

  async function decide(orgId: string, as: SignedUp, body: object): Promise<Response> {
    return call(t, 'post', `/organisations/${orgId}/network-application/decision`, as, body);
  }

  it('a representative applies; networkStatus becomes pending with the motivation', async () => {
    const { id } = await makeOrganisation(t, owner);
    const res = await apply(id, owner, { motivation: 'We share the water of the Isfara' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      networkStatus: 'pending',
      networkMotivation: 'We share the water of the Isfara',
      networkAppliedAt: expect.any(String),
      networkDecidedAt: null,
    });
    expect(await organisationRow(t, id)).toMatchObject({ network_status: 'pending' });
  });

  it('an application without a body is fine', async () => {
    const { id } = await makeOrganisation(t, owner);
    const res = await t.http.post(`${API}/organisations/${id}/network-application`).set(owner.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ networkStatus: 'pending', networkMotivation: null });
  });

  it('refuses applying twice (409), and applying when already a member (409)', async () => {
    const { id } = await makeOrganisation(t, owner);
    expect((await apply(id, owner)).status).toBe(200);
    expectProblem(await apply(id, owner), 409, 'conflict');
    const member = await makeOrganisation(t, owner, { networkStatus: 'member' });
    expectProblem(await apply(member.id, owner), 409, 'conflict');
    expect((await organisationRow(t, member.id)).network_status).toBe('member');
  });

  it('a representative of another organisation cannot apply for it (403), nor can a plain member', async () => {
    const { id } = await makeOrganisation(t, owner);
    const other = await signUp(t);
    await makeOrganisation(t, other);
    expectProblem(await apply(id, other), 403, 'forbidden');
    const member = await signUp(t);
    await addMember(t, id, owner, member);
    expectProblem(await apply(id, member), 403, 'forbidden');
    expect((await organisationRow(t, id)).network_status).toBe('none');
  });

  it('an admin may apply on behalf of any organisation', async () => {
    const { id } = await makeOrganisation(t, owner);
    const res = await apply(id, admin);
    expect(res.status).toBe(200);
    expect(res.body.networkStatus).toBe('pending');
  });

  it.each([
    [{ motivation: 'Fine', networkStatus: 'member' }, 'networkStatus'],
    [{ motivation: 42 }, 'motivation'],
    [{ motivation: 'x'.repeat(5001) }, 'motivation'],
  ])('refuses a bad application %j naming %s, and changes nothing', async (body, field) => {
    const { id } = await makeOrganisation(t, owner);
    const before = await organisationRow(t, id);
    expectFieldError(await apply(id, owner, body), field);
    expect(await organisationRow(t, id)).toEqual(before);
  });

  it('a facilitator approves: networkStatus member with decidedAt', async () => {
    const { id } = await makeOrganisation(t, owner);
    await apply(id, owner);
    const res = await decide(id, facilitator, { approve: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      networkStatus: 'member',
      networkDecidedAt: expect.any(String),
      networkDecisionReason: null,
    });
    expect(Date.parse(res.body.networkDecidedAt as string)).toBeGreaterThanOrEqual(
      Date.parse(res.body.networkAppliedAt as string),
    );
    expect(await organisationRow(t, id)).toMatchObject({
      network_status: 'member',
      network_decided_by: facilitator.id,
    });
    expect((await call(t, 'get', `/organisations/${id}`, owner)).body.networkStatus).toBe('member');
  });

  it('an admin rejects with a reason, and the rejected organisation may apply again', async () => {
    const { id } = await makeOrganisation(t, owner);
    await apply(id, owner);
    const res = await decide(id, admin, { approve: false, reason: 'Outside the border area' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      networkStatus: 'rejected',
      networkDecisionReason: 'Outside the border area',
      networkDecidedAt: expect.any(String),
    });
    expect(await organisationRow(t, id)).toMatchObject({
      network_status: 'rejected',
      network_decided_by: admin.id,
    });
    const again = await apply(id, owner, { motivation: 'We moved our office to Ak-Sai' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      networkStatus: 'pending',
      networkMotivation: 'We moved our office to Ak-Sai',
      networkDecisionReason: null,
      networkDecidedAt: null,
    });
    expect((await decide(id, facilitator, { approve: true })).body.networkStatus).toBe('member');
  });

  it('refuses a rejection without a reason (400) and leaves the application pending', async () => {
    const { id } = await makeOrganisation(t, owner);
    await apply(id, owner);
    expectFieldError(await decide(id, facilitator, { approve: false }), 'reason');
    expectFieldError(await decide(id, facilitator, { approve: false, reason: '' }), 'reason');
    expect((await organisationRow(t, id)).network_status).toBe('pending');
  });

  it.each([
    [{}, 'approve'],
    [{ approve: 'yes' }, 'approve'],
    [{ approve: true, networkStatus: 'member' }, 'networkStatus'],
    [{ approve: true, reason: 5 }, 'reason'],
  ])('refuses a bad decision %j naming %s, and leaves it pending', async (body, field) => {
    const { id } = await makeOrganisation(t, owner);
    await apply(id, owner);
    const before = await organisationRow(t, id);
    expectFieldError(await decide(id, facilitator, body), field);
    expect(await organisationRow(t, id)).toEqual(before);
  });

  it('refuses deciding an application that is not pending (409)', async () => {
    const { id } = await makeOrganisation(t, owner);
    expectProblem(await decide(id, facilitator, { approve: true }), 409, 'conflict');
    expect((await organisationRow(t, id)).network_status).toBe('none');
    await apply(id, owner);
    expect((await decide(id, facilitator, { approve: true })).status).toBe(200);
    expectProblem(
      await decide(id, facilitator, { approve: false, reason: 'Changed my mind' }),
      409,
      'conflict',
    );
    expect((await organisationRow(t, id)).network_status).toBe('member');
  });

  it('a member of the network, even the organisation representative, cannot decide (403)', async () => {
    const { id } = await makeOrganisation(t, owner);
    await apply(id, owner);
    expectProblem(await decide(id, owner, { approve: true }), 403, 'forbidden');
    const stranger = await signUp(t);
    expectProblem(await decide(id, stranger, { approve: true }), 403, 'forbidden');
    expect((await organisationRow(t, id)).network_status).toBe('pending');
  });

  it('answers a decision on an unknown organisation with 404', async () => {
    expectProblem(await decide(randomUUID(), facilitator, { approve: true }), 404, 'not_found');
  });

  it('lists organisations by networkStatus after the decisions', async () => {
    const { id } = await makeOrganisation(t, owner, { name: 'Zz network test' });
    await apply(id, owner);
    const pending = await t.http
      .get(`${API}/organisations`)
      .query({ networkStatus: 'pending', q: 'Zz network' })
      .set(owner.auth);
    expect((pending.body.items as { id: string }[]).map((o) => o.id)).toEqual([id]);
    await decide(id, facilitator, { approve: true });
    const members = await t.http
      .get(`${API}/organisations`)
      .query({ networkStatus: 'member', q: 'Zz network' })
      .set(owner.auth);
    expect((members.body.items as { id: string }[]).map((o) => o.id)).toEqual([id]);
  });
});
