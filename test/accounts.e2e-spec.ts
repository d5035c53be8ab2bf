import { API, expectProblem, signUp, type SignedUp } from './support/factories.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';

const CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

describe('accounts a network can run', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const login = async (user: SignedUp, password = user.password) =>
    t.http.post(`${API}/auth/login`).send({ email: user.email, password });
  const me = (accessToken: string) =>
    t.http.get(`${API}/me`).set({ Authorization: `Bearer ${accessToken}` });
  const refresh = (refreshToken: string) =>
    t.http.post(`${API}/auth/refresh`).send({ refreshToken });
  const issueCode = (as: SignedUp, userId: string) =>
    t.http.post(`${API}/users/${userId}/password-reset-codes`).set(as.auth).send();
  const reset = (email: string, code: string, newPassword = 'a brand new password') =>
    t.http.post(`${API}/auth/password-reset`).send({ email, code, newPassword });

  describe('POST /me/password', () => {
    it('changes the password and ends every other login, keeping the current one', async () => {
      const user = await signUp(t);
      const phone = await login(user);
      expect(phone.status).toBe(200);

      const res = await t.http
        .post(`${API}/me/password`)
        .set(user.auth)
        .send({ currentPassword: user.password, newPassword: 'the new long password' });
      expect(res.status).toBe(204);

      expectProblem(await me(phone.body.accessToken), 401, 'unauthorized');
      expectProblem(await refresh(phone.body.refreshToken), 401, 'unauthorized');
      expect((await me(user.accessToken)).status).toBe(200);
      expect((await refresh(user.refreshToken)).status).toBe(200);
      expectProblem(await login(user), 401, 'unauthorized');
      expect((await login(user, 'the new long password')).status).toBe(200);
    });

    it('refuses a wrong current password with 400 naming the field, and ends nothing', async () => {
      const user = await signUp(t);
      const phone = await login(user);
      const res = await t.http
        .post(`${API}/me/password`)
        .set(user.auth)
        .send({ currentPassword: 'not my password', newPassword: 'the new long password' });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
      expect((await me(phone.body.accessToken)).status).toBe(200);
      expect((await login(user)).status).toBe(200);
    });

    it.each([
      [{ currentPassword: 'correct horse battery', newPassword: 'short' }, 'newPassword'],
      [{ newPassword: 'the new long password' }, 'currentPassword'],
      [
        { currentPassword: 'correct horse battery', newPassword: 'correct horse battery' },
        'newPassword',
      ],
      [
        { currentPassword: 'correct horse battery', newPassword: 'long enough pw', extra: 1 },
        'extra',
      ],
    ])('rejects a bad body %# naming the field', async (body, field) => {
      const user = await signUp(t);
      const res = await t.http.post(`${API}/me/password`).set(user.auth).send(body);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect((await login(user)).status).toBe(200);
    });

    it('needs an access token', async () => {
      const res = await t.http
        .post(`${API}/me/password`)
        .send({ currentPassword: 'whatever it is', newPassword: 'the new long password' });
      expectProblem(res, 401, 'unauthorized');
    });
  });

  describe('reset codes issued by staff', () => {
    it('a facilitator issues a code for a member: shown once, stored hashed, audited', async () => {
      const facilitator = await signUp(t, { role: 'facilitator' });
      const member = await signUp(t);
      const before = Date.now();
      const res = await issueCode(facilitator, member.id);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        code: expect.stringMatching(CODE),
        expiresAt: expect.any(String),
      });
      const ttl = Date.parse(res.body.expiresAt) - before;
      expect(ttl).toBeGreaterThan(29 * 60_000);
      expect(ttl).toBeLessThanOrEqual(31 * 60_000);

      const rows = await t.db.query(
        'SELECT code_hash, issued_by FROM password_reset_codes WHERE user_id = $1',
        [member.id],
      );
      expect(rows).toEqual([
        { code_hash: expect.stringMatching(/^[0-9a-f]{64}$/), issued_by: facilitator.id },
      ]);
      const plain = res.body.code.replace('-', '');
      expect(JSON.stringify(rows)).not.toContain(plain);

      const log = await t.http
        .get(`${API}/audit-log`)
        .set(facilitator.auth)
        .query({ actorId: facilitator.id, action: 'user.password_reset_code' });
      expect(log.body.items).toEqual([
        expect.objectContaining({ targetType: 'user', targetId: member.id }),
      ]);
      expect(JSON.stringify(log.body)).not.toContain(plain);
    });

    it('who may issue for whom: staff only, a facilitator for members only, nobody for themselves', async () => {
      const admin = await signUp(t, { role: 'admin' });
      const otherAdmin = await signUp(t, { role: 'admin' });
      const facilitator = await signUp(t, { role: 'facilitator' });
      const otherFacilitator = await signUp(t, { role: 'facilitator' });
      const member = await signUp(t);
      const otherMember = await signUp(t);

      expectProblem(await issueCode(member, otherMember.id), 403, 'forbidden');
      expectProblem(await issueCode(facilitator, admin.id), 403, 'forbidden');
      expectProblem(await issueCode(facilitator, otherFacilitator.id), 403, 'forbidden');
      expectProblem(await issueCode(facilitator, facilitator.id), 403, 'forbidden');
      expectProblem(await issueCode(admin, admin.id), 403, 'forbidden');
      expectProblem(
        await issueCode(admin, '00000000-0000-4000-8000-000000000000'),
        404,
        'not_found',
      );
      expectProblem(await issueCode(admin, 'not-a-uuid'), 400, 'validation_failed');
      const refused = await t.db.query(
        'SELECT 1 FROM password_reset_codes WHERE user_id = ANY($1)',
        [[admin.id, facilitator.id, otherFacilitator.id, otherMember.id]],
      );
      expect(refused).toEqual([]);

      expect((await issueCode(admin, otherFacilitator.id)).status).toBe(201);
      expect((await issueCode(admin, otherAdmin.id)).status).toBe(201);
      expect((await issueCode(facilitator, member.id)).status).toBe(201);
    });
  });

  describe('POST /auth/password-reset', () => {
    it('sets the new password with the code and ends every login of the user', async () => {
      const facilitator = await signUp(t, { role: 'facilitator' });
      const member = await signUp(t);
      const phone = await login(member);
      const { code } = (await issueCode(facilitator, member.id)).body as { code: string };

      // Typed on a phone: lower case, no dash, a space.
      const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(5).toLowerCase()}`;
      const res = await reset(member.email.toUpperCase(), typed);
      expect(res.status).toBe(204);

      for (const session of [member, phone.body as SignedUp]) {
        expectProblem(await me(session.accessToken), 401, 'unauthorized');
        expectProblem(await refresh(session.refreshToken), 401, 'unauthorized');
      }
      expectProblem(await login(member), 401, 'unauthorized');
      expect((await login(member, 'a brand new password')).status).toBe(200);
      const [entry] = await t.db.query(
        "SELECT actor_id FROM audit_log WHERE action = 'user.password_reset' AND target_id = $1",
        [member.id],
      );
      expect(entry).toEqual({ actor_id: member.id });

      // Single use.
      const again = await reset(member.email, code, 'yet another password');
      expectProblem(again, 400, 'validation_failed');
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
      expect((await login(member, 'a brand new password')).status).toBe(200);
    });

    it('answers the same for an unknown email, a wrong code and no code at all', async () => {
      const admin = await signUp(t, { role: 'admin' });
      const member = await signUp(t);
      const withoutCode = await signUp(t);
      await issueCode(admin, member.id);
      const answers = [
        await reset('nobody-here@example.kg', 'ABCD-EFGH'),
        await reset(member.email, 'ABCD-EFGH'),
        await reset(withoutCode.email, 'ABCD-EFGH'),
      ];
      for (const res of answers) expectProblem(res, 400, 'validation_failed');
      const shape = (res: (typeof answers)[number]) => ({
        detail: res.body.detail,
        errors: res.body.errors,
      });
      expect(shape(answers[1])).toEqual(shape(answers[0]));
      expect(shape(answers[2])).toEqual(shape(answers[0]));
    });

    it('a newer code replaces an older one', async () => {
      const admin = await signUp(t, { role: 'admin' });
      const member = await signUp(t);
      const older = (await issueCode(admin, member.id)).body.code as string;
      const newer = (await issueCode(admin, member.id)).body.code as string;
      expectProblem(await reset(member.email, older), 400, 'validation_failed');
      expect((await reset(member.email, newer)).status).toBe(204);
    });

    it('an expired code no longer works', async () => {
      const admin = await signUp(t, { role: 'admin' });
      const member = await signUp(t);
      const { code } = (await issueCode(admin, member.id)).body as { code: string };
      await t.db.query(
        `UPDATE password_reset_codes
            SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 second'
          WHERE user_id = $1`,
        [member.id],
      );
      expectProblem(await reset(member.email, code), 400, 'validation_failed');
      expect((await login(member)).status).toBe(200);
    });

    it('the code dies after five wrong tries, even for the right code afterwards', async () => {
      const admin = await signUp(t, { role: 'admin' });
      const member = await signUp(t);
      const { code } = (await issueCode(admin, member.id)).body as { code: string };
      const wrong = code.startsWith('2') ? '3' + code.slice(1) : '2' + code.slice(1);
      for (let i = 0; i < t.config.resetCodeMaxAttempts; i += 1) {
        expectProblem(await reset(member.email, wrong), 400, 'validation_failed');
      }
      expectProblem(await reset(member.email, code), 400, 'validation_failed');
      expect((await login(member)).status).toBe(200);
      // A fresh code from staff is the way back.
      const fresh = (await issueCode(admin, member.id)).body.code as string;
      expect((await reset(member.email, fresh)).status).toBe(204);
    });

    it.each([
      [{ email: 'a@b.kg', code: 'ABCD-EFGH', newPassword: 'short' }, 'newPassword'],
      [{ email: 'a@b.kg', code: 'AB', newPassword: 'long enough pw' }, 'code'],
      [{ email: 'a@b.kg', code: "'; DROP TABLE", newPassword: 'long enough pw' }, 'code'],
      [{ email: 'nope', code: 'ABCD-EFGH', newPassword: 'long enough pw' }, 'email'],
    ])('rejects a bad body %# naming the field', async (body, field) => {
      const res = await t.http.post(`${API}/auth/password-reset`).send(body);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  it('the OpenAPI document declares the three routes with summary, description, tag and problems', async () => {
    type Operation = {
      summary?: string;
      description?: string;
      tags?: string[];
      responses: Record<string, unknown>;
    };
    const doc = (await t.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties: Record<string, { type?: string }> }> };
    };
    const expected: [string, string[]][] = [
      ['/api/v1/me/password', ['204', '400', '401', '429']],
      ['/api/v1/users/{id}/password-reset-codes', ['201', '400', '401', '403', '404']],
      ['/api/v1/auth/password-reset', ['204', '400', '429']],
    ];
    for (const [path, statuses] of expected) {
      const op = doc.paths[path]?.post;
      expect({ path, summary: op?.summary, description: op?.description, tags: op?.tags }).toEqual({
        path,
        summary: expect.any(String),
        description: expect.any(String),
        tags: ['auth'],
      });
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(statuses));
    }
    expect(doc.components.schemas.ResetCodeDto?.properties).toEqual({
      code: expect.objectContaining({ type: 'string' }),
      expiresAt: expect.objectContaining({ type: 'string', format: 'date-time' }),
    });
  });

  describe('refresh from two tabs at once', () => {
    it('two concurrent refreshes with one token both get a working pair of the same login', async () => {
      const user = await signUp(t);
      const [a, b] = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.refreshToken).not.toBe(b.body.refreshToken);
      const sessions = await t.db.query(
        `SELECT DISTINCT session_id FROM refresh_tokens WHERE id = ANY($1)`,
        [
          [user.refreshToken, a.body.refreshToken, b.body.refreshToken].map(
            (x: string) => x.split('.')[0],
          ),
        ],
      );
      expect(sessions).toHaveLength(1);
      expect((await me(a.body.accessToken)).status).toBe(200);
      expect((await me(b.body.accessToken)).status).toBe(200);
      const [a2, b2] = [await refresh(a.body.refreshToken), await refresh(b.body.refreshToken)];
      expect([a2.status, b2.status]).toEqual([200, 200]);
      const [{ revoked_at }] = await t.db.query(
        'SELECT s.revoked_at FROM auth_sessions s JOIN refresh_tokens r ON r.session_id = s.id WHERE r.id = $1',
        [user.refreshToken.split('.')[0]],
      );
      expect(revoked_at).toBeNull();
    });

    it('a token spent within the window gets a pair; after it, a replay revokes the login', async () => {
      const user = await signUp(t);
      const first = await refresh(user.refreshToken);
      const second = await refresh(user.refreshToken);
      expect([first.status, second.status]).toEqual([200, 200]);
      await t.db.query(
        "UPDATE refresh_tokens SET used_at = now() - interval '6 seconds' WHERE id = $1",
        [user.refreshToken.split('.')[0]],
      );
      expectProblem(await refresh(user.refreshToken), 401, 'unauthorized');
      for (const pair of [first.body, second.body] as SignedUp[]) {
        expectProblem(await refresh(pair.refreshToken), 401, 'unauthorized');
        expectProblem(await me(pair.accessToken), 401, 'unauthorized');
      }
    });

    it('five refreshes with one token at the same instant all succeed, and the login lives', async () => {
      const user = await signUp(t);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => refresh(user.refreshToken)),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      for (const a of answers)
        expect((await refresh(a.body.refreshToken as string)).status).toBe(200);
    });

    it('no grace for a login that ended (logout)', async () => {
      const user = await signUp(t);
      const rotated = await refresh(user.refreshToken);
      expect(rotated.status).toBe(200);
      await t.http.post(`${API}/auth/logout`).send({ refreshToken: rotated.body.refreshToken });
      expectProblem(await refresh(user.refreshToken), 401, 'unauthorized');
    });
  });
});

describe('accounts with the rate limits on', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ KENESH_RATE_LIMITS: 'on', KENESH_AUTH_RATE_PER_MINUTE: '4' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('wrong current passwords meet the login brake (429 with Retry-After)', async () => {
    const user = await signUp(t);
    const change = (currentPassword: string) =>
      t.http
        .post(`${API}/me/password`)
        .set(user.auth)
        .send({ currentPassword, newPassword: 'the new long password' });
    for (let i = 0; i < t.config.loginMaxFailures; i += 1) {
      expectProblem(await change('a wrong guess'), 400, 'validation_failed');
    }
    const locked = await change(user.password);
    expectProblem(locked, 429, 'rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Still signed in: the brake refuses the change, it does not end the login.
    expect((await t.http.get(`${API}/me`).set(user.auth)).status).toBe(200);
  });

  it('password resets count towards the per-address /auth request limit', async () => {
    // signUp() above used this address's budget too; a fresh minute may have started, so
    // send until refused and check it happens within the limit.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await t.http
        .post(`${API}/auth/password-reset`)
        .send({ email: 'x@example.kg', code: 'ABCD-EFGH', newPassword: 'long enough pw' });
      statuses.push(res.status);
      if (res.status === 429) {
        expectProblem(res, 429, 'rate_limited');
        break;
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(4);
  });
});

/**
 * The grace window across nodes: the token is spent on one node and shown again on the other.
 * Both apps stop together (see the note in idempotency.e2e-spec.ts).
 */
describe('refresh grace window on two nodes', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestAppOn(a.databaseUrl);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a token spent on one node gets a pair on the other within 5 s, and revokes after', async () => {
    const user = await signUp(a);
    const onA = await a.http.post(`${API}/auth/refresh`).send({ refreshToken: user.refreshToken });
    const onB = await b.http.post(`${API}/auth/refresh`).send({ refreshToken: user.refreshToken });
    expect([onA.status, onB.status]).toEqual([200, 200]);
    expect(
      (await a.http.post(`${API}/auth/refresh`).send({ refreshToken: onB.body.refreshToken }))
        .status,
    ).toBe(200);
    await a.db.query(
      "UPDATE refresh_tokens SET used_at = now() - interval '6 seconds' WHERE id = $1",
      [user.refreshToken.split('.')[0]],
    );
    expectProblem(
      await b.http.post(`${API}/auth/refresh`).send({ refreshToken: user.refreshToken }),
      401,
      'unauthorized',
    );
    expectProblem(
      await a.http.get(`${API}/me`).set({ Authorization: `Bearer ${onA.body.accessToken}` }),
      401,
      'unauthorized',
    );
  });
});
