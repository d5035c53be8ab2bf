import request from 'supertest';
import { createApp } from '../src/app-setup.js';
import {
  API,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
  uniqueEmail,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const UNKNOWN_ID = '7d1c0b5e-3a4f-4e8b-9c2d-000000000000';

interface ProfileRow {
  display_name: string;
  position: string | null;
  phone: string | null;
  languages: string[];
  preferred_language: string;
  territory_id: string | null;
  bio: string | null;
  role: string;
  email: string;
  updated_at: Date;
}

async function profileRow(t: TestApp, id: string): Promise<ProfileRow> {
  const [row] = await t.db.query<ProfileRow[]>(
    `SELECT display_name, position, phone, languages, preferred_language, territory_id, bio,
            role, email, updated_at
       FROM users WHERE id = $1`,
    [id],
  );
  return row;
}

/** No answer may ever carry a password hash, under any name. */
function expectNoPasswordHash(body: unknown): void {
  expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash|password_hash|"password"/);
}

function expectFieldError(res: { body: Record<string, unknown> }, field: string): void {
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

describe('profile: GET /me and PATCH /me', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("GET /me returns the caller's own profile with contacts and no password hash", async () => {
    const user = await signUp(t, { displayName: 'Айбек Ташиев' });
    const res = await t.http.get(`${API}/me`).set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: user.id,
      email: user.email,
      displayName: 'Айбек Ташиев',
      role: 'member',
      preferredLanguage: 'ky',
      position: null,
      phone: null,
      languages: ['ky'],
      territoryId: null,
      bio: null,
      organisations: [],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    expectNoPasswordHash(res.body);
  });

  it('GET /me lists the organisations the caller belongs to, with the role there', async () => {
    const user = await signUp(t);
    const org = await makeOrganisation(t, user, { name: 'Ак-Сай аялдар кеңеши' });
    const res = await t.http.get(`${API}/me`).set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body.organisations).toEqual([
      { id: org.id, name: 'Ак-Сай аялдар кеңеши', role: 'representative' },
    ]);
  });

  it('GET /me and PATCH /me refuse a request without a token', async () => {
    expectProblem(await t.http.get(`${API}/me`), 401, 'unauthorized');
    expectProblem(await t.http.patch(`${API}/me`).send({ bio: 'anonymous' }), 401, 'unauthorized');
  });

  it('PATCH /me changes every profile field at once and stores them', async () => {
    const user = await signUp(t);
    const changes = {
      displayName: 'Гүлнара Осмонова',
      position: 'Айыл өкмөтүнүн башчысы',
      phone: '+996555123456',
      languages: ['ky', 'ru', 'tg'],
      preferredLanguage: 'ru',
      territoryId: TERRITORY.akSaiVillage,
      bio: 'Суу маселеси боюнча иштейм.',
    };
    const res = await t.http.patch(`${API}/me`).set(user.auth).send(changes);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, email: user.email, role: 'member', ...changes });
    expectNoPasswordHash(res.body);

    const row = await profileRow(t, user.id);
    expect(row).toMatchObject({
      display_name: changes.displayName,
      position: changes.position,
      phone: changes.phone,
      languages: changes.languages,
      preferred_language: 'ru',
      territory_id: TERRITORY.akSaiVillage,
      bio: changes.bio,
    });
    const me = await t.http.get(`${API}/me`).set(user.auth);
    expect(me.body).toMatchObject(changes);
  });

  it('an empty PATCH /me changes nothing', async () => {
    const user = await signUp(t);
    await t.http.patch(`${API}/me`).set(user.auth).send({ bio: 'kept' }).expect(200);
    const res = await t.http.patch(`${API}/me`).set(user.auth).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: user.displayName, bio: 'kept' });
  });

  it('a partial PATCH /me leaves the fields it does not mention alone', async () => {
    const user = await signUp(t);
    await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ position: 'Secretary', phone: '+996700111222', bio: 'First bio' })
      .expect(200);
    const res = await t.http.patch(`${API}/me`).set(user.auth).send({ bio: 'Second bio' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      position: 'Secretary',
      phone: '+996700111222',
      bio: 'Second bio',
    });
  });

  it('displayName is trimmed and must keep 2 to 100 characters', async () => {
    const user = await signUp(t);
    const ok = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ displayName: '  Нургүл Абдыкадырова  ' });
    expect(ok.status).toBe(200);
    expect(ok.body.displayName).toBe('Нургүл Абдыкадырова');
    expect((await profileRow(t, user.id)).display_name).toBe('Нургүл Абдыкадырова');

    for (const displayName of ['A', 'x'.repeat(101), 42, '    ']) {
      const res = await t.http.patch(`${API}/me`).set(user.auth).send({ displayName });
      expectProblem(res, 400, 'validation_failed');
      expectFieldError(res, 'displayName');
    }
    expect((await profileRow(t, user.id)).display_name).toBe('Нургүл Абдыкадырова');
  });

  it('fields that cannot be empty refuse null with 400 instead of failing in the database', async () => {
    const user = await signUp(t);
    const before = await profileRow(t, user.id);
    for (const field of ['displayName', 'languages', 'preferredLanguage']) {
      const res = await t.http
        .patch(`${API}/me`)
        .set(user.auth)
        .send({ [field]: null });
      expectProblem(res, 400, 'validation_failed');
      expectFieldError(res, field);
    }
    expect(await profileRow(t, user.id)).toEqual(before);
  });

  it('position is stored, limited to 200 characters, and null clears it', async () => {
    const user = await signUp(t);
    const set = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ position: 'Айыл кеңешинин депутаты' });
    expect(set.body.position).toBe('Айыл кеңешинин депутаты');

    const tooLong = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ position: 'x'.repeat(201) });
    expectProblem(tooLong, 400, 'validation_failed');
    expectFieldError(tooLong, 'position');

    const cleared = await t.http.patch(`${API}/me`).set(user.auth).send({ position: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.position).toBeNull();
    expect((await profileRow(t, user.id)).position).toBeNull();
  });

  it('phone accepts an E.164 number and null clears it', async () => {
    const user = await signUp(t);
    const set = await t.http.patch(`${API}/me`).set(user.auth).send({ phone: '+992927654321' });
    expect(set.status).toBe(200);
    expect(set.body.phone).toBe('+992927654321');
    expect((await profileRow(t, user.id)).phone).toBe('+992927654321');

    const cleared = await t.http.patch(`${API}/me`).set(user.auth).send({ phone: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.phone).toBeNull();
    expect((await profileRow(t, user.id)).phone).toBeNull();
  });

  it.each([
    '0555123456',
    '996555123456',
    '+996 555 123 456',
    '+996-555-123456',
    '+0555123456',
    '+12345',
    '+1234567890123456',
    '+996555abc456',
    996555123456,
  ])('phone %p that is not E.164 is refused naming phone, the stored one kept', async (phone) => {
    const user = await signUp(t);
    await t.http.patch(`${API}/me`).set(user.auth).send({ phone: '+996555000111' }).expect(200);
    const res = await t.http.patch(`${API}/me`).set(user.auth).send({ phone });
    expectProblem(res, 400, 'validation_failed');
    expectFieldError(res, 'phone');
    expect((await profileRow(t, user.id)).phone).toBe('+996555000111');
  });

  it('languages accepts any of ky, ru, en, tg, uz, and an empty list', async () => {
    const user = await signUp(t);
    const all = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ languages: ['uz', 'tg', 'en', 'ru', 'ky'] });
    expect(all.status).toBe(200);
    expect(all.body.languages).toEqual(['uz', 'tg', 'en', 'ru', 'ky']);
    expect((await profileRow(t, user.id)).languages).toEqual(['uz', 'tg', 'en', 'ru', 'ky']);

    const none = await t.http.patch(`${API}/me`).set(user.auth).send({ languages: [] });
    expect(none.status).toBe(200);
    expect(none.body.languages).toEqual([]);
  });

  it.each([[['ky', 'fr']], [['KY']], [['ky', 'ky']], [['ru', 'en', 'ru']], ['ky'], [[1]]])(
    'languages %j is refused naming languages, the stored list kept',
    async (languages) => {
      const user = await signUp(t);
      await t.http
        .patch(`${API}/me`)
        .set(user.auth)
        .send({ languages: ['ky', 'ru'] })
        .expect(200);
      const res = await t.http.patch(`${API}/me`).set(user.auth).send({ languages });
      expectProblem(res, 400, 'validation_failed');
      expectFieldError(res, 'languages');
      expect((await profileRow(t, user.id)).languages).toEqual(['ky', 'ru']);
    },
  );

  it('preferredLanguage accepts a network language and refuses anything else', async () => {
    const user = await signUp(t);
    const ok = await t.http.patch(`${API}/me`).set(user.auth).send({ preferredLanguage: 'uz' });
    expect(ok.status).toBe(200);
    expect(ok.body.preferredLanguage).toBe('uz');
    for (const preferredLanguage of ['fr', 'RU', '', ['ru']]) {
      const res = await t.http.patch(`${API}/me`).set(user.auth).send({ preferredLanguage });
      expectProblem(res, 400, 'validation_failed');
      expectFieldError(res, 'preferredLanguage');
    }
    expect((await profileRow(t, user.id)).preferred_language).toBe('uz');
  });

  it('territoryId accepts a known territory and null clears it', async () => {
    const user = await signUp(t);
    const set = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ territoryId: TERRITORY.kyshtut });
    expect(set.status).toBe(200);
    expect(set.body.territoryId).toBe(TERRITORY.kyshtut);
    expect((await profileRow(t, user.id)).territory_id).toBe(TERRITORY.kyshtut);

    const cleared = await t.http.patch(`${API}/me`).set(user.auth).send({ territoryId: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.territoryId).toBeNull();
    expect((await profileRow(t, user.id)).territory_id).toBeNull();
  });

  it('an unknown territoryId is a 400 naming territoryId, not a database error', async () => {
    const user = await signUp(t);
    await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ territoryId: TERRITORY.akSai })
      .expect(200);
    const unknown = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ territoryId: UNKNOWN_ID, bio: 'should not be saved' });
    expectProblem(unknown, 400, 'validation_failed');
    expect(unknown.body.errors).toEqual([
      { field: 'territoryId', message: expect.stringContaining('territory') },
    ]);
    const notUuid = await t.http.patch(`${API}/me`).set(user.auth).send({ territoryId: 'ak-sai' });
    expectProblem(notUuid, 400, 'validation_failed');
    expectFieldError(notUuid, 'territoryId');
    const row = await profileRow(t, user.id);
    expect(row.territory_id).toBe(TERRITORY.akSai);
    expect(row.bio).toBeNull();
  });

  it('bio is stored up to 2000 characters and null clears it', async () => {
    const user = await signUp(t);
    const longest = 'ы'.repeat(2000);
    const set = await t.http.patch(`${API}/me`).set(user.auth).send({ bio: longest });
    expect(set.status).toBe(200);
    expect(set.body.bio).toBe(longest);

    const tooLong = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ bio: 'ы'.repeat(2001) });
    expectProblem(tooLong, 400, 'validation_failed');
    expectFieldError(tooLong, 'bio');
    expect((await profileRow(t, user.id)).bio).toBe(longest);

    const cleared = await t.http.patch(`${API}/me`).set(user.auth).send({ bio: null });
    expect(cleared.body.bio).toBeNull();
    expect((await profileRow(t, user.id)).bio).toBeNull();
  });

  it.each([
    [{ nickname: 'Ake' }, 'nickname'],
    [{ role: 'admin' }, 'role'],
    [{ email: 'someone.else@example.kg' }, 'email'],
    [{ passwordHash: 'x' }, 'passwordHash'],
    [{ id: UNKNOWN_ID }, 'id'],
  ])(
    'an unknown field %j is refused with 400 and nothing, not even the valid fields, is stored',
    async (extra, field) => {
      const user = await signUp(t);
      const before = await profileRow(t, user.id);
      const res = await t.http
        .patch(`${API}/me`)
        .set(user.auth)
        .send({ bio: 'sneaked in', phone: '+996555999888', ...extra });
      expectProblem(res, 400, 'validation_failed');
      expectFieldError(res, field);
      expect(await profileRow(t, user.id)).toEqual(before);
    },
  );

  it('an oversized body is refused with 413 and nothing is stored', async () => {
    const user = await signUp(t);
    const before = await profileRow(t, user.id);
    const res = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ bio: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(res, 413, 'payload_too_large');
    expect(await profileRow(t, user.id)).toEqual(before);
  });

  it('a body that is not JSON is a 400, not a 500', async () => {
    const user = await signUp(t);
    const res = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .set('Content-Type', 'application/json')
      .send('{"bio": ');
    expectProblem(res, 400, 'validation_failed');
  });

  it("PATCH /me changes only the caller's own profile", async () => {
    const me = await signUp(t);
    const other = await signUp(t);
    const before = await profileRow(t, other.id);
    await t.http.patch(`${API}/me`).set(me.auth).send({ bio: 'Only mine' }).expect(200);
    expect(await profileRow(t, other.id)).toEqual(before);
  });
});

describe('network roles: PATCH /users/:id/role', () => {
  let t: TestApp;
  let admin: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signUp(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t.close();
  });

  const setRole = (actor: SignedUp, id: string, body: object) =>
    t.http.patch(`${API}/users/${id}/role`).set(actor.auth).send(body);

  it('an admin makes a member a facilitator, stored and answered without a password hash', async () => {
    const target = await signUp(t);
    const res = await setRole(admin, target.id, { role: 'facilitator' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: target.id, role: 'facilitator', email: target.email });
    expectNoPasswordHash(res.body);
    expect((await profileRow(t, target.id)).role).toBe('facilitator');
  });

  it("a new role takes effect on the target's next request with the same access token", async () => {
    const target = await signUp(t);
    const bystander = await signUp(t);
    // As a plain member the target may not change roles…
    expectProblem(await setRole(target, bystander.id, { role: 'facilitator' }), 403, 'forbidden');

    expect((await setRole(admin, target.id, { role: 'admin' })).status).toBe(200);
    // …and with the very same token, now as admin, may.
    const me = await t.http.get(`${API}/me`).set(target.auth);
    expect(me.body.role).toBe('admin');
    const promoted = await setRole(target, bystander.id, { role: 'facilitator' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('facilitator');

    // Demoted again, the same token loses the power at once.
    expect((await setRole(admin, target.id, { role: 'member' })).status).toBe(200);
    expectProblem(await setRole(target, bystander.id, { role: 'member' }), 403, 'forbidden');
    expect((await profileRow(t, bystander.id)).role).toBe('facilitator');
  });

  it('a demoted facilitator loses sight of contacts on the next request with the same token', async () => {
    const target = await signUp(t, { role: 'facilitator' });
    const subject = await signUp(t);
    await t.http.patch(`${API}/me`).set(subject.auth).send({ phone: '+996555321321' }).expect(200);
    const before = await t.http.get(`${API}/members/${subject.id}`).set(target.auth);
    expect(before.body).toMatchObject({ email: subject.email, phone: '+996555321321' });

    expect((await setRole(admin, target.id, { role: 'member' })).status).toBe(200);
    const after = await t.http.get(`${API}/members/${subject.id}`).set(target.auth);
    expect(after.status).toBe(200);
    expect(after.body).not.toHaveProperty('email');
    expect(after.body).not.toHaveProperty('phone');
  });

  it.each(['facilitator', 'member'] as const)(
    'a %s may not change anyone\u2019s role, not even their own (403, nothing changed)',
    async (role) => {
      const actor = await signUp(t, { role });
      const target = await signUp(t);
      expectProblem(await setRole(actor, target.id, { role: 'facilitator' }), 403, 'forbidden');
      expectProblem(await setRole(actor, actor.id, { role: 'admin' }), 403, 'forbidden');
      expect((await profileRow(t, target.id)).role).toBe('member');
      expect((await profileRow(t, actor.id)).role).toBe(role);
    },
  );

  it('refuses a request without a token', async () => {
    const target = await signUp(t);
    expectProblem(
      await t.http.patch(`${API}/users/${target.id}/role`).send({ role: 'admin' }),
      401,
      'unauthorized',
    );
    expect((await profileRow(t, target.id)).role).toBe('member');
  });

  it.each([[{ role: 'superadmin' }], [{ role: 'Admin' }], [{ role: null }], [{}], [{ role: 7 }]])(
    'a role outside admin|facilitator|member (%j) is a 400 naming role',
    async (body) => {
      const target = await signUp(t);
      const res = await setRole(admin, target.id, body);
      expectProblem(res, 400, 'validation_failed');
      expectFieldError(res, 'role');
      expect((await profileRow(t, target.id)).role).toBe('member');
    },
  );

  it('an extra body field is refused with 400 and the role is not changed', async () => {
    const target = await signUp(t);
    const res = await setRole(admin, target.id, { role: 'facilitator', reason: 'trust me' });
    expectProblem(res, 400, 'validation_failed');
    expectFieldError(res, 'reason');
    expect((await profileRow(t, target.id)).role).toBe('member');
  });

  it('a user id that is not a UUID is a 400 naming id', async () => {
    const res = await t.http
      .patch(`${API}/users/not-a-uuid/role`)
      .set(admin.auth)
      .send({ role: 'member' });
    expectProblem(res, 400, 'validation_failed');
    expectFieldError(res, 'id');
  });

  it('an unknown user is a 404', async () => {
    expectProblem(await setRole(admin, UNKNOWN_ID, { role: 'member' }), 404, 'not_found');
  });
});

describe('network roles: the last admin', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const adminCount = async (): Promise<number> => {
    const [{ count }] = await t.db.query<{ count: number }[]>(
      "SELECT count(*)::int AS count FROM users WHERE role = 'admin'",
    );
    return count;
  };

  it('an admin may step down while another admin remains, but the last one may not (409)', async () => {
    const first = await signUp(t, { role: 'admin' });
    const second = await signUp(t, { role: 'admin' });
    expect(await adminCount()).toBe(2);

    const stepDown = await t.http
      .patch(`${API}/users/${second.id}/role`)
      .set(second.auth)
      .send({ role: 'facilitator' });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body.role).toBe('facilitator');

    for (const role of ['facilitator', 'member']) {
      const last = await t.http
        .patch(`${API}/users/${first.id}/role`)
        .set(first.auth)
        .send({ role });
      expectProblem(last, 409, 'conflict');
    }
    expect((await profileRow(t, first.id)).role).toBe('admin');
    expect(await adminCount()).toBe(1);

    // Re-affirming the last admin's own role is harmless.
    const same = await t.http
      .patch(`${API}/users/${first.id}/role`)
      .set(first.auth)
      .send({ role: 'admin' });
    expect(same.status).toBe(200);
    expect(await adminCount()).toBe(1);
  });

  it('two admins demoting each other at the same moment leave one admin: one 200, the other refused', async () => {
    // Several rounds, so the two transactions really do interleave in some of them.
    for (let round = 0; round < 10; round += 1) {
      await t.db.query("UPDATE users SET role = 'member' WHERE role = 'admin'");
      const a = await signUp(t, { role: 'admin' });
      const b = await signUp(t, { role: 'admin' });
      const [ab, ba] = await Promise.all([
        t.http.patch(`${API}/users/${b.id}/role`).set(a.auth).send({ role: 'member' }),
        t.http.patch(`${API}/users/${a.id}/role`).set(b.auth).send({ role: 'member' }),
      ]);
      // The loser is refused either by the last-admin rule (409, both checked as admins) or,
      // when the winner committed before its request was authorised, as no longer an admin (403).
      const [won, lost] = [ab.status, ba.status].sort();
      expect(won).toBe(200);
      expect([403, 409]).toContain(lost);
      expect(await adminCount()).toBe(1);
    }
  });
});

describe('bootstrap admin from KENESH_ADMIN_EMAIL / KENESH_ADMIN_PASSWORD', () => {
  const adminEmail = uniqueEmail('root');
  const adminPassword = 'bootstrap admin password';
  let t: TestApp;

  beforeAll(async () => {
    // Upper case, as someone may type it: the account is still found on the next start.
    t = await startTestApp({
      KENESH_ADMIN_EMAIL: adminEmail.toUpperCase(),
      KENESH_ADMIN_PASSWORD: adminPassword,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const adminRows = () =>
    t.db.query<{ id: string; password_hash: string; role: string }[]>(
      'SELECT id, password_hash, role FROM users WHERE email = $1',
      [adminEmail],
    );

  /**
   * Boots a second app on the same database, as a restart would. Passport keeps strategies in
   * a process-wide registry, so the newest app is the one that can log anyone in: the checks
   * after a restart talk to it, and it is shut down again afterwards.
   */
  const restarted = async (
    overrides: Partial<TestApp['config']>,
    check: (http: TestApp['http']) => Promise<void>,
  ): Promise<void> => {
    const again = await createApp({ ...t.config, ...overrides }, t.databaseUrl);
    try {
      await again.listen(0, '127.0.0.1');
      const address = again.getHttpServer().address();
      const port = typeof address === 'object' && address ? address.port : 0;
      await check(request(`http://127.0.0.1:${port}`));
    } finally {
      await again.close();
    }
  };

  it('the configured user exists at first start, logs in, and is an admin', async () => {
    const login = await t.http
      .post(`${API}/auth/login`)
      .send({ email: adminEmail, password: adminPassword });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: adminEmail, role: 'admin' });
    expectNoPasswordHash(login.body);

    const member = await signUp(t);
    const promoted = await t.http
      .patch(`${API}/users/${member.id}/role`)
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .send({ role: 'facilitator' });
    expect(promoted.status).toBe(200);
  });

  it('starting again with the same settings neither duplicates the admin nor changes the password', async () => {
    const [before] = await adminRows();
    await restarted({}, async (http) => {
      expect(await adminRows()).toEqual([before]);
      const login = await http
        .post(`${API}/auth/login`)
        .send({ email: adminEmail, password: adminPassword });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ id: before.id, role: 'admin' });
    });
  });

  it('starting again with another password leaves the existing password in place', async () => {
    const [before] = await adminRows();
    await restarted({ adminPassword: 'a different bootstrap password' }, async (http) => {
      expect(await adminRows()).toEqual([before]);
      expectProblem(
        await http
          .post(`${API}/auth/login`)
          .send({ email: adminEmail, password: 'a different bootstrap password' }),
        401,
        'unauthorized',
      );
      const login = await http
        .post(`${API}/auth/login`)
        .send({ email: adminEmail, password: adminPassword });
      expect(login.status).toBe(200);
    });
  });
});

describe('member directory: GET /members and GET /members/:id', () => {
  let t: TestApp;
  /** Not in any organisation. */
  let outsider: SignedUp;
  /** Representative of an organisation whose network application is still pending. */
  let pending: SignedUp;
  /** Representative of a rejected organisation. */
  let rejected: SignedUp;
  /** Representative and plain member of an organisation the network admitted. */
  let networkRep: SignedUp;
  let networkMember: SignedUp;
  let facilitator: SignedUp;
  let admin: SignedUp;
  /** Someone with contacts, a territory and languages to be found by. */
  let subject: SignedUp;
  let networkOrg: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    outsider = await signUp(t);
    pending = await signUp(t);
    rejected = await signUp(t);
    networkRep = await signUp(t);
    networkMember = await signUp(t);
    facilitator = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
    subject = await signUp(t, { displayName: 'Жыпар Мамытова' });
    await makeOrganisation(t, pending, { networkStatus: 'pending' });
    await makeOrganisation(t, rejected, { networkStatus: 'rejected' });
    networkOrg = await makeOrganisation(t, networkRep, {
      name: 'Кыштут суу пайдалануучулар бирикмеси',
      networkStatus: 'member',
    });
    await t.http
      .post(`${API}/organisations/${networkOrg.id}/members`)
      .set(networkRep.auth)
      .send({ userId: networkMember.id, role: 'member' })
      .expect(201);
    await t.http
      .patch(`${API}/me`)
      .set(subject.auth)
      .send({
        phone: '+996772000111',
        position: 'Аялдар кеңешинин төрайымы',
        languages: ['ky', 'uz'],
        territoryId: TERRITORY.akSaiVillage,
        bio: 'Жайыт маселеси',
      })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Users whose display name carries `tag`, so a test sees only the people it made. */
  const tagged = async (tag: string, count: number, prefix = 'Member'): Promise<SignedUp[]> => {
    const users: SignedUp[] = [];
    for (let i = 0; i < count; i += 1) {
      users.push(await signUp(t, { displayName: `${prefix} ${tag} ${i}` }));
    }
    return users;
  };

  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((u) => u.id);

  it.each([
    ['someone in no organisation', () => outsider],
    ['the representative of an organisation whose application is pending', () => pending],
    ['the representative of a rejected organisation', () => rejected],
  ])('%s sees a profile without phone or email', async (_who, caller) => {
    const res = await t.http.get(`${API}/members/${subject.id}`).set(caller().auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: subject.id,
      displayName: 'Жыпар Мамытова',
      position: 'Аялдар кеңешинин төрайымы',
      languages: ['ky', 'uz'],
      territoryId: TERRITORY.akSaiVillage,
      bio: 'Жайыт маселеси',
      role: 'member',
    });
    expect(res.body).not.toHaveProperty('email');
    expect(res.body).not.toHaveProperty('phone');
    expect(JSON.stringify(res.body)).not.toContain('+996772000111');
    expect(JSON.stringify(res.body)).not.toContain(subject.email);
    expectNoPasswordHash(res.body);
  });

  it.each([
    ['the representative of a network member organisation', () => networkRep],
    ['a plain member of a network member organisation', () => networkMember],
    ['a facilitator', () => facilitator],
    ['an admin', () => admin],
  ])('%s sees the phone and email', async (_who, caller) => {
    const res = await t.http.get(`${API}/members/${subject.id}`).set(caller().auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: subject.email, phone: '+996772000111' });
    expectNoPasswordHash(res.body);
  });

  it('the profile owner sees their own contacts even outside the network', async () => {
    const res = await t.http.get(`${API}/members/${subject.id}`).set(subject.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: subject.email, phone: '+996772000111' });

    const list = await t.http
      .get(`${API}/members`)
      .query({ q: 'Жыпар Мамытова' })
      .set(subject.auth);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: subject.id, email: subject.email, phone: '+996772000111' }),
    ]);
  });

  it('the list hides contacts from an outsider on every row but their own', async () => {
    const res = await t.http.get(`${API}/members`).query({ limit: 100 }).set(outsider.auth);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(8);
    for (const item of res.body.items) {
      if (item.id === outsider.id) {
        expect(item.email).toBe(outsider.email);
      } else {
        expect(item).not.toHaveProperty('email');
        expect(item).not.toHaveProperty('phone');
      }
    }
    expectNoPasswordHash(res.body);
  });

  it('the list shows contacts on every row to a network member', async () => {
    const res = await t.http.get(`${API}/members`).query({ limit: 100 }).set(networkMember.auth);
    expect(res.status).toBe(200);
    for (const item of res.body.items) {
      expect(item).toHaveProperty('email', expect.stringContaining('@'));
      expect(item).toHaveProperty('phone');
    }
    expect(res.body.items.find((u: { id: string }) => u.id === subject.id)).toMatchObject({
      email: subject.email,
      phone: '+996772000111',
    });
    expectNoPasswordHash(res.body);
  });

  it('a profile lists the organisations its owner belongs to', async () => {
    const res = await t.http.get(`${API}/members/${networkMember.id}`).set(outsider.auth);
    expect(res.body.organisations).toEqual([
      { id: networkOrg.id, name: 'Кыштут суу пайдалануучулар бирикмеси', role: 'member' },
    ]);
  });

  it('q finds text in the name, position or bio, whatever its case', async () => {
    const tag = `qtag${Date.now()}`;
    const [byName] = await tagged(tag, 1, 'Named');
    const byPosition = await signUp(t, { displayName: 'Position holder' });
    await t.http
      .patch(`${API}/me`)
      .set(byPosition.auth)
      .send({ position: `Head of ${tag.toUpperCase()} council` })
      .expect(200);
    const byBio = await signUp(t, { displayName: 'Bio writer' });
    await t.http
      .patch(`${API}/me`)
      .set(byBio.auth)
      .send({ bio: `Works on ${tag} water issues` })
      .expect(200);

    const res = await t.http.get(`${API}/members`).query({ q: tag }).set(outsider.auth);
    expect(res.status).toBe(200);
    expect(ids(res).sort()).toEqual([byName.id, byPosition.id, byBio.id].sort());

    const cyrillic = await t.http.get(`${API}/members`).query({ q: 'жыпар' }).set(outsider.auth);
    expect(ids(cyrillic)).toEqual([subject.id]);
  });

  it('q does not search emails or phones, which an outsider may not see', async () => {
    const byEmail = await t.http
      .get(`${API}/members`)
      .query({ q: subject.email })
      .set(outsider.auth);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.items).toEqual([]);
    const byPhone = await t.http.get(`${API}/members`).query({ q: '772000111' }).set(outsider.auth);
    expect(byPhone.body.items).toEqual([]);
  });

  it('q takes % and _ literally', async () => {
    const tag = `pct${Date.now()}`;
    const [plain] = await tagged(tag, 1);
    const percent = await signUp(t, { displayName: `100% ${tag}` });
    const res = await t.http.get(`${API}/members`).query({ q: '100%' }).set(outsider.auth);
    expect(ids(res)).toEqual([percent.id]);
    const underscore = await t.http
      .get(`${API}/members`)
      .query({ q: `${tag}_` })
      .set(outsider.auth);
    expect(underscore.body.items).toEqual([]);
    expect(ids(await t.http.get(`${API}/members`).query({ q: tag }).set(outsider.auth))).toEqual(
      expect.arrayContaining([plain.id, percent.id]),
    );
  });

  it('organisationId lists exactly the members of that organisation', async () => {
    const res = await t.http
      .get(`${API}/members`)
      .query({ organisationId: networkOrg.id })
      .set(outsider.auth);
    expect(res.status).toBe(200);
    expect(ids(res).sort()).toEqual([networkRep.id, networkMember.id].sort());

    const unknown = await t.http
      .get(`${API}/members`)
      .query({ organisationId: UNKNOWN_ID })
      .set(outsider.auth);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ items: [], nextCursor: null });
  });

  it('territoryId finds members of that territory and of every territory below it', async () => {
    const tag = `terr${Date.now()}`;
    const [village, aimak, elsewhere, nowhere] = await tagged(tag, 4);
    const place = async (user: SignedUp, territoryId: string) =>
      t.http.patch(`${API}/me`).set(user.auth).send({ territoryId }).expect(200);
    await place(village, TERRITORY.akSaiVillage);
    await place(aimak, TERRITORY.akSai);
    await place(elsewhere, TERRITORY.kyshtut);
    void nowhere;

    const find = async (territoryId: string) => {
      const res = await t.http
        .get(`${API}/members`)
        .query({ territoryId, q: tag })
        .set(outsider.auth);
      expect(res.status).toBe(200);
      return ids(res).sort();
    };
    expect(await find(TERRITORY.batkenDistrict)).toEqual(
      [village.id, aimak.id, elsewhere.id].sort(),
    );
    expect(await find(TERRITORY.batkenOblast)).toEqual([village.id, aimak.id, elsewhere.id].sort());
    expect(await find(TERRITORY.akSai)).toEqual([village.id, aimak.id].sort());
    expect(await find(TERRITORY.akSaiVillage)).toEqual([village.id]);
    expect(await find(TERRITORY.kokTashVillage)).toEqual([]);
    expect(await find(TERRITORY.kyshtut)).toEqual([elsewhere.id]);
    expect(await find(UNKNOWN_ID)).toEqual([]);
  });

  it('the village member shows for the Batken district without a text filter', async () => {
    const res = await t.http
      .get(`${API}/members`)
      .query({ territoryId: TERRITORY.batkenDistrict, limit: 100 })
      .set(outsider.auth);
    expect(ids(res)).toContain(subject.id);
    expect(ids(res)).not.toContain(outsider.id);
  });

  it('language finds members who speak it', async () => {
    const tag = `lang${Date.now()}`;
    const [uzbek, tajik, both] = await tagged(tag, 3);
    const speak = async (user: SignedUp, languages: string[]) =>
      t.http.patch(`${API}/me`).set(user.auth).send({ languages }).expect(200);
    await speak(uzbek, ['uz']);
    await speak(tajik, ['tg', 'ru']);
    await speak(both, ['ky', 'uz', 'tg']);
    const find = async (language: string) =>
      ids(await t.http.get(`${API}/members`).query({ language, q: tag }).set(outsider.auth)).sort();
    expect(await find('uz')).toEqual([uzbek.id, both.id].sort());
    expect(await find('tg')).toEqual([tajik.id, both.id].sort());
    expect(await find('en')).toEqual([]);
    const bad = await t.http.get(`${API}/members`).query({ language: 'fr' }).set(outsider.auth);
    expectProblem(bad, 400, 'validation_failed');
    expectFieldError(bad, 'language');
  });

  it('filters combine: organisation, territory and language together', async () => {
    await t.http
      .patch(`${API}/me`)
      .set(networkMember.auth)
      .send({ territoryId: TERRITORY.kyshtut, languages: ['ru'] })
      .expect(200);
    await t.http
      .patch(`${API}/me`)
      .set(networkRep.auth)
      .send({ territoryId: TERRITORY.akTatyr, languages: ['ru'] })
      .expect(200);
    const res = await t.http
      .get(`${API}/members`)
      .query({ organisationId: networkOrg.id, territoryId: TERRITORY.kyshtut, language: 'ru' })
      .set(outsider.auth);
    expect(ids(res)).toEqual([networkMember.id]);
  });

  it('limit=2 walks every page in name order, without duplicates or gaps', async () => {
    const tag = `page${Date.now()}`;
    const made = await tagged(tag, 3);
    // Equal names are ordered by id, so the keyset must use both.
    made.push(await signUp(t, { displayName: `Member ${tag} 1` }));
    made.push(await signUp(t, { displayName: `Member ${tag} 1` }));

    const seen: { id: string; displayName: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await t.http
        .get(`${API}/members`)
        .query({ q: tag, limit: 2, ...(cursor ? { cursor } : {}) })
        .set(outsider.auth);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
      expect(pages).toBeLessThanOrEqual(3);
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen.map((u) => u.id).sort()).toEqual(made.map((u) => u.id).sort());
    expect(new Set(seen.map((u) => u.id)).size).toBe(5);
    const keys = seen.map((u) => [u.displayName, u.id] as const);
    const sorted = [...keys].sort((a, b) =>
      a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1,
    );
    expect(keys).toEqual(sorted);
  });

  it('a full last page says there is no next one', async () => {
    const tag = `even${Date.now()}`;
    await tagged(tag, 2);
    const res = await t.http.get(`${API}/members`).query({ q: tag, limit: 2 }).set(outsider.auth);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.nextCursor).toBeNull();
  });

  it.each([
    'not a cursor!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["only-one"]').toString('base64url'),
    Buffer.from('["Name","not-a-uuid"]').toString('base64url'),
    Buffer.from('[null,"7d1c0b5e-3a4f-4e8b-9c2d-000000000000"]').toString('base64url'),
    Buffer.from('[{"x":1},"7d1c0b5e-3a4f-4e8b-9c2d-000000000000"]').toString('base64url'),
  ])('a cursor this API did not issue (%s) is a 400 naming cursor', async (cursor) => {
    const res = await t.http.get(`${API}/members`).query({ cursor }).set(outsider.auth);
    expectProblem(res, 400, 'validation_failed');
    expectFieldError(res, 'cursor');
  });

  it.each(['0', '101', '-1', '2.5', 'ten'])('limit=%s is a 400 naming limit', async (limit) => {
    const res = await t.http.get(`${API}/members`).query({ limit }).set(outsider.auth);
    expectProblem(res, 400, 'validation_failed');
    expectFieldError(res, 'limit');
  });

  it('limit=1 and limit=100 are accepted', async () => {
    const one = await t.http.get(`${API}/members`).query({ limit: 1 }).set(outsider.auth);
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(1);
    expect(one.body.nextCursor).toEqual(expect.any(String));
    const hundred = await t.http.get(`${API}/members`).query({ limit: 100 }).set(outsider.auth);
    expect(hundred.status).toBe(200);
  });

  it.each([
    ['organisationId that is not a UUID', { organisationId: 'nope' }, 'organisationId'],
    ['territoryId that is not a UUID', { territoryId: 'ak-sai' }, 'territoryId'],
    ['an empty q', { q: '' }, 'q'],
    ['a q over 100 characters', { q: 'x'.repeat(101) }, 'q'],
    ['an unknown parameter', { email: 'a@b.kg' }, 'email'],
  ])('%s is a 400 naming it', async (_what, query, field) => {
    const res = await t.http.get(`${API}/members`).query(query).set(outsider.auth);
    expectProblem(res, 400, 'validation_failed');
    expectFieldError(res, field);
  });

  it('an unknown member id is a 404 and a malformed one a 400 naming id', async () => {
    expectProblem(
      await t.http.get(`${API}/members/${UNKNOWN_ID}`).set(outsider.auth),
      404,
      'not_found',
    );
    const bad = await t.http.get(`${API}/members/12345`).set(outsider.auth);
    expectProblem(bad, 400, 'validation_failed');
    expectFieldError(bad, 'id');
  });

  it('the directory needs a token', async () => {
    expectProblem(await t.http.get(`${API}/members`), 401, 'unauthorized');
    expectProblem(await t.http.get(`${API}/members/${subject.id}`), 401, 'unauthorized');
  });
});
