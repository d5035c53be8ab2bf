import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  backupToDefaultFolder,
  createBackup,
  MANIFEST_FILE,
  readManifest,
} from '../src/infra/database/backup.js';
import { startEmbeddedPostgres } from '../src/infra/database/embedded-postgres.js';
import { restoreBackup } from '../src/infra/database/restore.js';
import { BACKUP_QUEUE } from '../src/infra/database/scheduled-backup.js';
import { JobQueueService } from '../src/infra/jobs/job-queue.service.js';
import {
  API,
  call,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { freePort } from './support/free-port.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';
import { ADMIN_URL_VAR, adminQuery, withDatabase } from './support/test-database.js';
import { eventually } from './support/wait.js';

/** An empty database on the test server (not cloned from the migrated template). */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env[ADMIN_URL_VAR]!;
  const name = `kenesh_restore_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function raiseIssue(t: TestApp, as: SignedUp, title: string): Promise<string> {
  const res = await call(t, 'post', '/issues', as, {
    title,
    body: 'Канал боюнча маселе.\tСуу жок.\nЭки сап \\ жана "тырмакча".',
    category: 'water_irrigation',
    territoryIds: [TERRITORY.akSai],
    decisionLevel: 'district',
  });
  if (res.status !== 201) throw new Error(`raiseIssue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function comment(t: TestApp, as: SignedUp, issueId: string, body: string) {
  const res = await call(t, 'post', `/issues/${issueId}/comments`, as, { body });
  if (res.status !== 201) throw new Error(`comment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function tableCounts(t: TestApp, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = rows[0].n;
  }
  return counts;
}

describe('Backup and restore', () => {
  let t: TestApp;
  let dir: string;
  let author: SignedUp;
  let issueIds: string[];
  const commentsBefore: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'kenesh-backup-test-'));
    author = await signUp(t, { role: 'facilitator' });
    const member = await signUp(t);
    await makeOrganisation(t, author);
    issueIds = [];
    for (let i = 0; i < 8; i++) issueIds.push(await raiseIssue(t, author, `Сугат ${i} Ак-Сай`));
    for (let i = 0; i < 40; i++)
      commentsBefore.push(
        await comment(t, i % 2 ? author : member, issueIds[i % 8], `Пикир ${i}: ө ү ң \\N`),
      );
  });

  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up a hub while it takes writes, and a hub restored from it has every row committed before', async () => {
    // Writes keep arriving during the backup.
    let writing = true;
    const during: Promise<string>[] = [];
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const p = comment(t, author, issueIds[i % 8], `Кийинки пикир ${i}`);
        during.push(p);
        await p;
      }
    })();
    await eventually('writes to be under way', () => during.length >= 3);
    const folder = join(dir, 'kenesh-backup-live');
    const manifest = await createBackup(t.databaseUrl, { folder });
    writing = false;
    await writer;
    await Promise.all(during);
    expect(during.length).toBeGreaterThan(3);

    const byName = Object.fromEntries(manifest.tables.map((table) => [table.name, table]));
    expect(byName.comments.rows).toBeGreaterThanOrEqual(commentsBefore.length);
    expect(byName.issues.rows).toBe(issueIds.length);
    const applied = await t.db.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
    expect(manifest.migrations).toEqual(applied.map((r) => r.name));
    expect((await readdir(folder)).sort()).toEqual(
      [MANIFEST_FILE, ...manifest.tables.map((table) => table.file)].sort(),
    );

    const target = await emptyDatabase();
    let restored: TestApp | undefined;
    try {
      const result = await restoreBackup(folder, target.url);
      expect(result.rows).toBe(manifest.tables.reduce((sum, table) => sum + table.rows, 0));
      restored = await startTestAppOn(target.url, { KENESH_MIGRATIONS_RUN: 'true' });
      // Every table holds exactly what the snapshot held.
      expect(await tableCounts(restored, Object.keys(byName))).toEqual(
        Object.fromEntries(manifest.tables.map((table) => [table.name, table.rows])),
      );
      // The same login works (sessions came back), and each comment committed before the
      // backup is served by the restored hub.
      const seen = new Set<string>();
      for (const issueId of issueIds) {
        const res = await restored.http
          .get(`${API}/issues/${issueId}/comments?limit=100`)
          .set(author.auth);
        expect(res.status).toBe(200);
        for (const item of res.body.items as { id: string }[]) seen.add(item.id);
      }
      expect(commentsBefore.filter((id) => !seen.has(id))).toEqual([]);
      // Search columns filled by triggers came back with the rows.
      const search = await restored.http.get(`${API}/issues?q=Сугат`).set(author.auth);
      expect(search.status).toBe(200);
      expect(search.body.items.length).toBeGreaterThan(0);
      // Sequences continue after the restored rows: new writes succeed.
      expect(await comment(restored, author, issueIds[0], 'After the restore')).toBeTruthy();
    } finally {
      await restored?.close();
      await target.drop();
    }
  }, 120_000);

  it('refuses to restore into a database that has data', async () => {
    const folder = join(dir, 'kenesh-backup-refuse');
    await createBackup(t.databaseUrl, { folder });
    await expect(restoreBackup(folder, t.databaseUrl)).rejects.toThrow(/not empty/);
  });

  it('refuses a damaged backup before it touches the target', async () => {
    const folder = join(dir, 'kenesh-backup-damaged');
    await createBackup(t.databaseUrl, { folder });
    const manifest = await readManifest(folder);
    const comments = manifest.tables.find((table) => table.name === 'comments')!;
    await appendFile(join(folder, comments.file), 'x');
    const target = await emptyDatabase();
    try {
      await expect(restoreBackup(folder, target.url)).rejects.toThrow(/checksum/);
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const tables = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'");
      await client.end();
      expect(tables.rowCount).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('keeps the newest backups in the default folder', async () => {
    const folder = join(dir, 'default');
    for (let i = 0; i < 3; i++) await backupToDefaultFolder(t.databaseUrl, folder, 2);
    const names = (await readdir(folder)).sort();
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^kenesh-backup-\d{4}-\d\d-\d\dT/);
    // Password hashes and emails: for the owner only.
    expect((await stat(join(folder, names[0]))).mode & 0o777).toBe(0o700);
    expect((await stat(join(folder, names[0], MANIFEST_FILE))).mode & 0o777).toBe(0o600);
  });

  it('never leaves a folder that looks complete when the backup fails', async () => {
    const folder = join(dir, 'kenesh-backup-broken');
    const bad = withDatabase(t.databaseUrl, 'no_such_database');
    await expect(createBackup(bad, { folder })).rejects.toThrow();
    expect((await readdir(dir)).filter((name) => name.startsWith('kenesh-backup-broken'))).toEqual(
      [],
    );
  });

  it('backs up on the job queue when scheduled, into KENESH_BACKUP_DIR', async () => {
    const backupDir = join(dir, 'scheduled');
    // A database of its own: every node may take the job, and it writes into its own folder.
    const node = await startTestApp({
      KENESH_BACKUP_DIR: backupDir,
      KENESH_BACKUP_CRON: '0 3 * * *',
    });
    try {
      const schedules: { cron: string }[] = await node.db.query(
        'SELECT cron FROM pgboss.schedule WHERE name = $1',
        [BACKUP_QUEUE],
      );
      expect(schedules).toEqual([{ cron: '0 3 * * *' }]);
      // Run now rather than wait for 03:00: the same job the schedule would send.
      await node.app.get(JobQueueService).enqueue(BACKUP_QUEUE);
      await eventually(
        'the scheduled backup to be written',
        async () => (await readdir(backupDir).catch(() => [])).some((n) => !n.endsWith('.partial')),
        20_000,
      );
      const [name] = await readdir(backupDir);
      expect((await readManifest(join(backupDir, name))).tables.length).toBeGreaterThan(10);
    } finally {
      await node.close();
    }
  });
});

/** Runs one of the CLIs the way `npm run backup` / `restore` do, from the TypeScript source. */
function runCli(
  name: 'backup-cli' | 'restore-cli',
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const file = fileURLToPath(new URL(`../src/infra/database/${name}.ts`, import.meta.url));
  const childEnv: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: '', ...env };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: childEnv,
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) =>
      resolve({
        code,
        lines: out
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      }),
    ),
  );
}

describe('npm run backup and npm run restore on the embedded database', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'kenesh-backup-cli-'));
    await chmod(parent, 0o755);
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('backs up a running hub through its own server and restores into a new data folder', async () => {
    const dataDir = join(parent, 'hub');
    const server = await startEmbeddedPostgres({
      dir: join(dataDir, 'pg'),
      port: await freePort(),
    });
    let hub: TestApp | undefined;
    let restoredServer: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
    let restored: TestApp | undefined;
    try {
      hub = await startTestAppOn(server.url, { KENESH_MIGRATIONS_RUN: 'true' });
      const author = await signUp(hub);
      const issueId = await raiseIssue(hub, author, 'Көпүрө Кара-Бак');
      const commentId = await comment(hub, author, issueId, 'Before the backup');

      // A port nobody listens on: the command must find the hub's server from its pid file,
      // not start a second server on the same folder (which would be refused).
      const out = join(parent, 'saved');
      const backup = await runCli('backup-cli', ['--out', out], {
        KENESH_DATA_DIR: dataDir,
        KENESH_EMBEDDED_PG_PORT: String(await freePort()),
      });
      expect(backup.code).toBe(0);
      expect(backup.lines.map((l) => l.event)).toEqual(
        expect.arrayContaining(['backup_source', 'backup_finished']),
      );

      // Refused over the running hub's folder; accepted into a new one.
      const refused = await runCli('restore-cli', [out], { KENESH_DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.lines.at(-1)).toMatchObject({ event: 'restore_refused' });
      const target = join(parent, 'restored');
      const restore = await runCli('restore-cli', [out, '--data-dir', target], {
        KENESH_DATA_DIR: join(parent, 'unused'),
      });
      expect(restore.code).toBe(0);

      restoredServer = await startEmbeddedPostgres({
        dir: join(target, 'pg'),
        port: await freePort(),
      });
      restored = await startTestAppOn(restoredServer.url, { KENESH_MIGRATIONS_RUN: 'true' });
      const res = await restored.http.get(`${API}/issues/${issueId}/comments`).set(author.auth);
      expect(res.status).toBe(200);
      expect((res.body.items as { id: string }[]).map((c) => c.id)).toEqual([commentId]);
    } finally {
      await restored?.close();
      await restoredServer?.stop();
      await hub?.close();
      await server.stop();
    }
  }, 180_000);
});
