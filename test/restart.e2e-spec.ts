import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app-setup.js';
import { loadConfig } from '../src/infra/config/app-config.js';
import { resolveDatabase } from '../src/infra/database/database-url.js';
import { API, uniqueEmail } from './support/factories.js';
import { freePort } from './support/free-port.js';

/** What `npm start` does with no DATABASE_URL: embedded PostgreSQL under the data dir. */
async function boot(dataDir: string, pgPort: number, env: Record<string, string> = {}) {
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    KENESH_DATA_DIR: dataDir,
    KENESH_EMBEDDED_PG_PORT: String(pgPort),
    ...env,
  });
  const database = await resolveDatabase(config);
  const app = await createApp(config, database.url);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const http = request(
    `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  );
  return {
    http,
    async stop() {
      await app.close();
      await database.embedded?.stop();
    },
  };
}

describe('restart on the embedded database', () => {
  let dataDir: string;
  let pgPort: number;

  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'kenesh-restart-'));
    await chmod(parent, 0o755);
    dataDir = join(parent, 'data');
    pgPort = await freePort();
  });
  afterAll(async () => {
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('keeps accounts, logins and the development secret across a restart', async () => {
    const email = uniqueEmail();
    const first = await boot(dataDir, pgPort, {
      KENESH_ADMIN_EMAIL: 'root@example.kg',
      KENESH_ADMIN_PASSWORD: 'bootstrap-password',
    });
    let registered;
    try {
      registered = await first.http
        .post(`${API}/auth/register`)
        .send({ email, password: 'survives restarts', displayName: 'Restart Test' });
      expect(registered.status).toBe(201);
    } finally {
      await first.stop();
    }
    const secret = await readFile(join(dataDir, 'jwt-secret'), 'utf8');
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(join(dataDir, 'jwt-secret'))).mode & 0o077).toBe(0);

    const second = await boot(dataDir, pgPort, {
      KENESH_ADMIN_EMAIL: 'root@example.kg',
      KENESH_ADMIN_PASSWORD: 'a different password',
    });
    try {
      // The access token issued before the restart is still valid: same secret, same session.
      const me = await second.http
        .get(`${API}/me`)
        .set({ Authorization: `Bearer ${registered.body.accessToken}` });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email);
      const refreshed = await second.http
        .post(`${API}/auth/refresh`)
        .send({ refreshToken: registered.body.refreshToken });
      expect(refreshed.status).toBe(200);
      // The bootstrap admin was created once and not overwritten by the second start.
      const admin = await second.http
        .post(`${API}/auth/login`)
        .send({ email: 'root@example.kg', password: 'bootstrap-password' });
      expect(admin.status).toBe(200);
      expect(admin.body.user.role).toBe('admin');
    } finally {
      await second.stop();
    }
  }, 60_000);
});
