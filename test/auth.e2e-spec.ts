import { DataSource } from 'typeorm';
import {
  ACCOUNT_SLOT_SECONDS,
  LoginAttemptsService,
} from '../src/modules/auth/login-attempts.service.js';
import { SessionPruner } from '../src/modules/auth/session-pruner.js';
import { API, expectProblem, signUp, uniqueEmail } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { sleep } from './support/wait.js';

describe('accounts: register, login, refresh, logout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers a member and returns tokens with the profile, never the password hash', async () => {
    const email = uniqueEmail();
    const res = await t.http.post(`${API}/auth/register`).send({
      email: email.toUpperCase(),
      password: 'long enough pw',
      displayName: 'Гүлнара Осмонова',
      preferredLanguage: 'ru',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email,
      displayName: 'Гүлнара Осмонова',
      role: 'member',
      preferredLanguage: 'ru',
      organisations: [],
    });
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    const [row] = await t.db.query('SELECT password_hash FROM users WHERE email = $1', [email]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const user = await signUp(t);
    const res = await t.http
      .post(`${API}/auth/register`)
      .send({ email: user.email.toUpperCase(), password: 'another long pw', displayName: 'Twin' });
    expectProblem(res, 409, 'conflict');
  });

  it.each([
    [{ email: 'not-an-email', password: 'long enough pw', displayName: 'X Y' }, 'email'],
    [{ email: 'a@b.kg', password: 'short', displayName: 'X Y' }, 'password'],
    [{ email: 'a@b.kg', password: 'long enough pw' }, 'displayName'],
    [{ email: 'a@b.kg', password: 'long enough pw', displayName: '     ' }, 'displayName'],
    [
      { email: 'a@b.kg', password: 'long enough pw', displayName: 'X Y', preferredLanguage: 'fr' },
      'preferredLanguage',
    ],
    [{ email: 'a@b.kg', password: 'long enough pw', displayName: 'X Y', role: 'admin' }, 'role'],
  ])('rejects a bad registration body %# naming the field', async (body, field) => {
    const res = await t.http.post(`${API}/auth/register`).send(body);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    const [{ count }] = await t.db.query(
      "SELECT count(*)::int AS count FROM users WHERE email = 'a@b.kg'",
    );
    expect(count).toBe(0);
  });

  it('logs in with the right password and refuses a wrong one with 401', async () => {
    const user = await signUp(t);
    const ok = await t.http
      .post(`${API}/auth/login`)
      .send({ email: user.email, password: user.password });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.id);
    const bad = await t.http
      .post(`${API}/auth/login`)
      .send({ email: user.email, password: 'wrong password' });
    expectProblem(bad, 401, 'unauthorized');
    const unknown = await t.http
      .post(`${API}/auth/login`)
      .send({ email: uniqueEmail(), password: 'whatever pw' });
    expectProblem(unknown, 401, 'unauthorized');
    expect(unknown.body.detail).toBe(bad.body.detail);
  });

  it('answers a malformed login body with 400, not 401', async () => {
    const res = await t.http.post(`${API}/auth/login`).send({ email: 'x@y.kg' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
    );
    const extra = await t.http
      .post(`${API}/auth/login`)
      .send({ email: 'x@y.kg', password: 'p', remember: true });
    expectProblem(extra, 400, 'validation_failed');
  });

  it('rotates refresh tokens: each one works once and the new pair works', async () => {
    const user = await signUp(t);
    const first = await t.http
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: user.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const me = await t.http
      .get(`${API}/me`)
      .set({ Authorization: `Bearer ${first.body.accessToken}` });
    expect(me.status).toBe(200);
    const second = await t.http
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
  });

  it('a refresh token replayed after the grace window revokes every token of that login', async () => {
    const user = await signUp(t);
    const rotated = await t.http
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: user.refreshToken });
    expect(rotated.status).toBe(200);
    // Spent longer ago than the two-tabs grace window (accounts.e2e-spec.ts tests the window).
    await t.db.query(
      "UPDATE refresh_tokens SET used_at = now() - interval '6 seconds' WHERE id = $1",
      [user.refreshToken.split('.')[0]],
    );

    const replay = await t.http
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: user.refreshToken });
    expectProblem(replay, 401, 'unauthorized');

    // The thief's copy and the rightful holder's newer tokens are all dead now.
    const newer = await t.http
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: rotated.body.refreshToken });
    expectProblem(newer, 401, 'unauthorized');
    const access = await t.http
      .get(`${API}/me`)
      .set({ Authorization: `Bearer ${rotated.body.accessToken}` });
    expectProblem(access, 401, 'unauthorized');

    // Another login of the same user is untouched.
    const other = await t.http
      .post(`${API}/auth/login`)
      .send({ email: user.email, password: user.password });
    const stillFine = await t.http
      .get(`${API}/me`)
      .set({ Authorization: `Bearer ${other.body.accessToken}` });
    expect(stillFine.status).toBe(200);
  });

  it('refuses forged, malformed and unknown refresh tokens', async () => {
    const user = await signUp(t);
    const [id] = user.refreshToken.split('.');
    for (const refreshToken of [
      `${id}.forged-secret-value`,
      'not-a-token-at-all',
      '00000000-0000-4000-8000-000000000000.abc',
    ]) {
      const res = await t.http.post(`${API}/auth/refresh`).send({ refreshToken });
      expectProblem(res, 401, 'unauthorized');
    }
    // A forged secret must not have spent the real token.
    const real = await t.http.post(`${API}/auth/refresh`).send({ refreshToken: user.refreshToken });
    expect(real.status).toBe(200);
  });

  it('prunes logins that ended over a week ago, with their tokens; live and recent ones stay', async () => {
    const [old, recentlyOut, live, oldRevoked] = [
      await signUp(t),
      await signUp(t),
      await signUp(t),
      await signUp(t),
    ];
    const sessionOf = (user: { refreshToken: string }) =>
      t.db
        .query<{ session_id: string }[]>('SELECT session_id FROM refresh_tokens WHERE id = $1', [
          user.refreshToken.split('.')[0],
        ])
        .then((rows) => rows[0].session_id);
    const [oldId, recentId, liveId, revokedId] = await Promise.all(
      [old, recentlyOut, live, oldRevoked].map(sessionOf),
    );
    await t.db.query(
      "UPDATE auth_sessions SET expires_at = now() - interval '8 days' WHERE id = $1",
      [oldId],
    );
    await t.db.query(
      "UPDATE auth_sessions SET expires_at = now() - interval '2 days' WHERE id = $1",
      [recentId],
    );
    await t.db.query(
      "UPDATE auth_sessions SET revoked_at = now() - interval '10 days', revoked_reason = 'logout' WHERE id = $1",
      [revokedId],
    );
    expect(await t.app.get(SessionPruner).prune()).toBeGreaterThanOrEqual(2);
    const left: { id: string }[] = await t.db.query(
      'SELECT id FROM auth_sessions WHERE id = ANY($1::uuid[])',
      [[oldId, recentId, liveId, revokedId]],
    );
    expect(left.map((r) => r.id).sort()).toEqual([recentId, liveId].sort());
    const tokens: { n: number }[] = await t.db.query(
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE session_id = ANY($1::uuid[])',
      [[oldId, revokedId]],
    );
    expect(tokens[0].n).toBe(0);
    // The live login goes on; a pruned one's token is simply unknown.
    expect(
      (await t.http.post(`${API}/auth/refresh`).send({ refreshToken: live.refreshToken })).status,
    ).toBe(200);
    expectProblem(
      await t.http.post(`${API}/auth/refresh`).send({ refreshToken: old.refreshToken }),
      401,
      'unauthorized',
    );
  });

  it('logout ends the login: its refresh and access tokens stop working', async () => {
    const user = await signUp(t);
    const out = await t.http.post(`${API}/auth/logout`).send({ refreshToken: user.refreshToken });
    expect(out.status).toBe(204);
    expectProblem(
      await t.http.post(`${API}/auth/refresh`).send({ refreshToken: user.refreshToken }),
      401,
      'unauthorized',
    );
    expectProblem(await t.http.get(`${API}/me`).set(user.auth), 401, 'unauthorized');
    // Logging out twice is harmless.
    expect(
      (await t.http.post(`${API}/auth/logout`).send({ refreshToken: user.refreshToken })).status,
    ).toBe(204);
  });

  it('refuses requests without a token, with a malformed one or one signed by someone else', async () => {
    expectProblem(await t.http.get(`${API}/me`), 401, 'unauthorized');
    expectProblem(
      await t.http.get(`${API}/me`).set({ Authorization: 'Bearer nonsense' }),
      401,
      'unauthorized',
    );
    const user = await signUp(t);
    const [header, payload] = user.accessToken.split('.');
    const forged = `${header}.${payload}.c2lnbmF0dXJlLWJ5LXNvbWVvbmUtZWxzZQ`;
    expectProblem(
      await t.http.get(`${API}/me`).set({ Authorization: `Bearer ${forged}` }),
      401,
      'unauthorized',
    );
  });
});

/** The brake under test; the per-minute request limit (tested on its own) kept out of the way. */
const BRAKE_ENV = {
  KENESH_RATE_LIMITS: 'on',
  KENESH_TRUST_PROXY: 'loopback',
  KENESH_LOGIN_MAX_FAILURES: '3',
  KENESH_LOGIN_LOCK_SECONDS: '60',
  KENESH_AUTH_RATE_PER_MINUTE: '1000',
};

describe('accounts: brute-force brake', () => {
  let t: TestApp;
  let nextAddress = 1;
  /** A client address of its own for each use (the app believes X-Forwarded-For from loopback). */
  const address = () => `203.0.113.${nextAddress++}`;
  const login = (from: string, email: string, password: string) =>
    t.http.post(`${API}/auth/login`).set('X-Forwarded-For', from).send({ email, password });

  beforeAll(async () => {
    t = await startTestApp(BRAKE_ENV);
  });
  afterAll(async () => {
    await t.close();
  });

  it('wrong passwords from one address do not keep the owner out from another', async () => {
    const user = await signUp(t);
    const home = address();
    const attacker = address();
    expect((await login(home, user.email, user.password)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      expectProblem(await login(attacker, user.email, 'wrong password'), 401, 'unauthorized');
    }
    // The pair is locked, even against the right password, with Retry-After...
    const locked = await login(attacker, user.email, user.password);
    expectProblem(locked, 429, 'rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // ... but the owner signs in from home at once, as often as they like.
    for (let i = 0; i < 3; i += 1) {
      expect((await login(home, user.email, user.password)).status).toBe(200);
    }
  });

  it('a guesser spread over many addresses is slowed down; the owner still signs in', async () => {
    const user = await signUp(t);
    const home = address();
    expect((await login(home, user.email, user.password)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const from = address();
      for (let j = 0; j < 2; j += 1) {
        statuses.push((await login(from, user.email, 'wrong password')).status);
      }
    }
    // Past 3 failures on the account, new addresses share one attempt per slot of 2 s.
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(6);
    // The owner's own address is never slowed.
    expect((await login(home, user.email, user.password)).status).toBe(200);
    // On a new address the owner waits a slot at most, then gets in.
    const elsewhere = address();
    let res = await login(elsewhere, user.email, user.password);
    if (res.status === 429) {
      const wait = Number(res.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(ACCOUNT_SLOT_SECONDS);
      await sleep(wait * 1000);
      res = await login(elsewhere, user.email, user.password);
    }
    expect(res.status).toBe(200);
  });

  it('a lock on one pair does not stop another account from logging in there', async () => {
    const victim = await signUp(t);
    const other = await signUp(t);
    const from = address();
    for (let i = 0; i < 3; i += 1) await login(from, victim.email, 'wrong password');
    // The address has failed 3 times here, below its limit of 12.
    expect((await login(from, other.email, other.password)).status).toBe(200);
  });

  it('keeps the counters in the database: two instances, as on two nodes, count and lock together', async () => {
    // Two services on two connections pools, as two processes would have. (A second app in
    // this process would not do: passport's strategies are process-wide, so the last app's
    // services would answer every app's logins.)
    const second = new DataSource({ type: 'postgres', url: t.databaseUrl, extra: { max: 2 } });
    await second.initialize();
    try {
      const nodes = [
        new LoginAttemptsService(t.config, t.db),
        new LoginAttemptsService(t.config, second),
      ];
      const user = await signUp(t);
      const from = address();
      for (const node of [nodes[0], nodes[1], nodes[0]]) {
        await node.assertAllowed(user.email, from);
        await node.recordFailure(user.email, from);
      }
      for (const node of nodes) {
        await expect(node.assertAllowed(user.email, from)).rejects.toMatchObject({
          code: 'rate_limited',
        });
      }
      // The app refuses that pair too, even with the right password.
      expectProblem(await login(from, user.email, user.password), 429, 'rate_limited');
    } finally {
      await second.destroy();
    }
  });

  it('locks an address that tries many accounts', async () => {
    const from = address();
    for (let i = 0; i < 12; i += 1) {
      expectProblem(await login(from, uniqueEmail('spray'), 'wrong password'), 401, 'unauthorized');
    }
    const user = await signUp(t);
    expectProblem(await login(from, user.email, user.password), 429, 'rate_limited');
    // Elsewhere that account is untouched.
    expect((await login(address(), user.email, user.password)).status).toBe(200);
  });
});
