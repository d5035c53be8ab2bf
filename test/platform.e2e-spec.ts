import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { openApiDocument } from '../src/app-setup.js';
import { dataSourceOptions, pendingSchemaChanges } from '../src/infra/database/data-source.js';
import { migrateWithLock } from '../src/infra/database/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../src/infra/database/seed-demo.js';
import { VARIABLES } from '../src/infra/config/app-config.js';
import { API, expectProblem, signUp } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('platform: schema, errors, health, docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the migrations produce exactly the schema the entities describe', async () => {
    const dataSource = new DataSource({ ...dataSourceOptions(t.databaseUrl), extra: { max: 1 } });
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
      const { up } = await pendingSchemaChanges(dataSource);
      expect(up).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('a schema change without a migration is caught by the same check', async () => {
    const dataSource = new DataSource({ ...dataSourceOptions(t.databaseUrl), extra: { max: 1 } });
    await dataSource.initialize();
    try {
      await dataSource.query('ALTER TABLE users DROP COLUMN bio');
      const { up } = await pendingSchemaChanges(dataSource);
      expect(up.map((q) => q.query).join('\n')).toMatch(/ADD "bio"/);
    } finally {
      await dataSource.query('ALTER TABLE users ADD "bio" text');
      await dataSource.destroy();
    }
  });

  it('every migration can be reverted and applied again', async () => {
    const dataSource = new DataSource({ ...dataSourceOptions(t.databaseUrl), extra: { max: 1 } });
    await dataSource.initialize();
    try {
      const total = dataSource.migrations.length;
      await dataSource.query('TRUNCATE users, organisations CASCADE');
      for (let i = 0; i < total; i += 1)
        await dataSource.undoLastMigration({ transaction: 'each' });
      const [{ count }] = await dataSource.query(
        "SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'",
      );
      expect(count).toBe(0);
      expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(total);
      expect((await pendingSchemaChanges(dataSource)).up).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const res = await t.http
      .post(`${API}/auth/register`)
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expectProblem(res, 400, 'validation_failed');
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const user = await signUp(t);
    const res = await t.http
      .patch(`${API}/me`)
      .set(user.auth)
      .send({ bio: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const user = await signUp(t);
    const res = await t.http.get(`${API}/no-such-thing`).set(user.auth);
    expectProblem(res, 404, 'not_found');
  });

  it('answers a non-object JSON body with 400', async () => {
    const user = await signUp(t);
    for (const body of ['[1,2]', '"text"', 'null']) {
      const res = await t.http
        .patch(`${API}/me`)
        .set(user.auth)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('gives every answer a request id, and keeps a sane one the caller sent', async () => {
    const generated = await t.http.get('/health/live');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t.http.get('/health/live').set('X-Request-Id', 'trace-42');
    expect(given.headers['x-request-id']).toBe('trace-42');
    const hostile = await t.http.get('/health/live').set('X-Request-Id', 'bad id\twith spaces');
    expect(hostile.headers['x-request-id']).not.toBe('bad id\twith spaces');
  });

  it('serves liveness and readiness outside /api/v1 without a token', async () => {
    expect((await t.http.get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('serves the OpenAPI document with every route, its problems and the problem schema', async () => {
    const res = await t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/me',
        '/api/v1/users/{id}/role',
        '/api/v1/members',
        '/api/v1/members/{id}',
        '/api/v1/territories',
        '/api/v1/organisations',
        '/api/v1/organisations/{id}',
        '/api/v1/organisations/{id}/members',
        '/api/v1/organisations/{id}/members/{userId}',
        '/api/v1/organisations/{id}/network-application',
        '/api/v1/organisations/{id}/network-application/decision',
        '/health/live',
        '/health/ready',
      ]),
    );
    expect(doc.components.schemas.ProblemDetailsDto).toBeDefined();
    const register = doc.paths['/api/v1/auth/register'].post;
    expect(Object.keys(register.responses)).toEqual(
      expect.arrayContaining(['201', '400', '409', '413', '429']),
    );
    const ui = await t.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('the OpenAPI document built in-process matches the served one', async () => {
    const served = (await t.http.get('/api/docs-json')).body as { paths: object };
    expect(Object.keys(openApiDocument(t.app).paths).sort()).toEqual(
      Object.keys(served.paths).sort(),
    );
  });

  it('never leaks SQL or stack traces: a client-caused database error is a clean problem', async () => {
    const user = await signUp(t);
    const cursor = Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url');
    const res = await t.http.get(`${API}/members`).set(user.auth).query({ cursor });
    expectProblem(res, 400, 'validation_failed');
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|at .*\.js/);
  });
});

describe('demo seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('fills the network once, is idempotent, and its people can sign in', async () => {
    const progress: string[] = [];
    const first = await seedDemo(t.db, (line) => progress.push(line));
    expect(first.users).toBeGreaterThanOrEqual(15);
    expect(first.organisations).toBeGreaterThanOrEqual(12);
    expect(progress).toEqual(
      expect.arrayContaining([expect.stringMatching(/^organisations \d+\/\d+$/)]),
    );
    // Every step ends on its last count (the advocacy samples come after the rooms).
    expect(progress).toEqual(expect.arrayContaining([expect.stringMatching(/^rooms (\d+)\/\1$/)]));
    expect(progress.at(-1)).toMatch(/^\w+ (\d+)\/\1$/);
    const second = await seedDemo(t.db, () => undefined);
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
    expect(first.issues).toBeGreaterThanOrEqual(5);

    const [{ aimaks }] = await t.db.query(
      `SELECT count(DISTINCT a.code)::int AS aimaks FROM organisations o
         JOIN territories t ON t.id = o.territory_id
         JOIN territories a ON a.level = 'aiyl_aimak' AND (a.id = t.id OR a.id = t.parent_id)`,
    );
    expect(aimaks).toBe(7);
    const roles = await t.db.query('SELECT DISTINCT role FROM users ORDER BY role');
    expect(roles.map((r: { role: string }) => r.role)).toEqual(['admin', 'facilitator', 'member']);

    const login = await t.http
      .post(`${API}/auth/login`)
      .send({ email: 'facilitator.gulnara@demo.kenesh.kg', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('facilitator');
  });
});

describe('README', () => {
  it('documents every configuration variable', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const missing = VARIABLES.map((v) => v.name).filter((name) => !readme.includes(name));
    expect(missing).toEqual([]);
  });
});

describe('readiness when the database goes away', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The subject is /health/ready; the realtime adapter's reconnection to a database that is
    // gone for good would only slow this app's close() down.
    t = await startTestApp({ KENESH_REALTIME_ADAPTER: 'memory' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 unavailable on /health/ready while liveness stays 200', async () => {
    expect((await t.http.get('/health/ready')).status).toBe(200);
    // Point the app's pool at a database that no longer exists.
    const name = new URL(t.databaseUrl).pathname.slice(1);
    await t.db.destroy();
    const admin = new DataSource({
      type: 'postgres',
      url: t.databaseUrl.replace(`/${name}`, '/postgres'),
    });
    await admin.initialize();
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.destroy();
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect((await t.http.get('/health/live')).status).toBe(200);
  });
});

describe('migrations on several nodes at once', () => {
  it('two nodes starting together on an empty database migrate once, without a clash', async () => {
    const adminUrl = process.env.KENESH_TEST_ADMIN_URL!;
    const name = `kenesh_race_${process.pid}_${Date.now()}`;
    const admin = new DataSource({ type: 'postgres', url: adminUrl });
    await admin.initialize();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const nodes = [0, 1].map(
      () => new DataSource({ ...dataSourceOptions(url.toString()), extra: { max: 2 } }),
    );
    try {
      await Promise.all(nodes.map((node) => node.initialize()));
      const applied = await Promise.all(nodes.map((node) => migrateWithLock(node)));
      expect(applied.flat().sort()).toEqual(nodes[0].migrations.map((m) => m.name).sort());
      const [{ count }] = await nodes[0].query('SELECT count(*)::int AS count FROM migrations');
      expect(count).toBe(nodes[0].migrations.length);
    } finally {
      await Promise.all(nodes.map((node) => node.destroy()));
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.destroy();
    }
  });
});
