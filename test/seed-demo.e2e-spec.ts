import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  accountsTable,
  DEMO_PASSWORD,
  demoAccounts,
  demoRooms,
  seedDemo,
} from '../src/infra/database/seed-demo.js';
import { assertFreshBuild } from './support/hub-process.js';
import { API } from './support/factories.js';
import { ask, connect, next } from './support/socket.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function login(
  t: TestApp,
  email: string,
): Promise<{ token: string; auth: Record<string, string> }> {
  const res = await t.http.post(`${API}/auth/login`).send({ email, password: DEMO_PASSWORD });
  expect({ email, status: res.status }).toEqual({ email, status: 200 });
  const token = res.body.accessToken as string;
  return { token, auth: { Authorization: `Bearer ${token}` } };
}

describe('npm run seed:demo', () => {
  let t: TestApp;
  let cliOutput: string;

  beforeAll(async () => {
    t = await startTestApp();
    // The command itself, as a person runs it (from the fresh build), on this test's database.
    await assertFreshBuild();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['dist/src/infra/database/seed-demo-cli.js'],
      {
        cwd: ROOT,
        // A secret given, so the development config writes no jwt-secret into ./.data.
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'development',
          DATABASE_URL: t.databaseUrl,
          KENESH_JWT_SECRET: TEST_JWT_SECRET,
        },
      },
    );
    cliOutput = stdout;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('prints progress, every demo account as a JSON line and as a table, and the rooms', async () => {
    const lines = cliOutput.split('\n');
    const events = lines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const steps = events.filter((e) => e.event === 'seed_progress').map((e) => e.step);
    for (const part of ['people', 'organisations', 'issues', 'escalations', 'rooms'])
      expect(steps).toEqual(expect.arrayContaining([expect.stringMatching(`^${part} \\d+/\\d+$`)]));

    const accounts = events.filter((e) => e.event === 'demo_account');
    const stored = await demoAccounts(t.db);
    expect(accounts).toHaveLength(stored.length);
    expect(accounts.length).toBeGreaterThanOrEqual(20);
    expect(accounts[0]).toMatchObject({
      email: 'admin@demo.kenesh.kg',
      password: DEMO_PASSWORD,
      role: 'admin',
    });
    expect(accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          email: 'burul.esenova@demo.kenesh.kg',
          role: 'member',
          organisations: [{ name: 'Ак-Сай аялдар кеңеши', role: 'representative' }],
        }),
        expect.objectContaining({
          email: 'temir.abdraimov@demo.kenesh.kg',
          organisations: expect.arrayContaining([
            { name: 'Самаркандек айыл өкмөтү', role: 'member' },
            { name: 'Самаркандек суу пайдалануучулар ассоциациясы', role: 'member' },
          ]),
        }),
      ]),
    );
    expect(events.find((e) => e.event === 'seed_done')).toMatchObject({
      created: { rooms: 4, escalations: 2 },
    });

    // The table: a header, then one line per account with its email, password, role, organisations.
    const table = accountsTable(stored);
    expect(cliOutput).toContain(table);
    expect(table.split('\n')[0]).toMatch(/^email +password +role +organisation \(role\)$/);
    for (const account of stored) {
      const line = table.split('\n').find((l) => l.startsWith(`${account.email} `));
      expect(line).toContain(` ${DEMO_PASSWORD} `);
      expect(line).toContain(` ${account.role} `);
      for (const o of account.organisations) expect(line).toContain(`${o.name} (${o.role})`);
    }
    for (const room of await demoRooms(t.db)) expect(cliOutput).toContain(room.id);
  });

  it('is idempotent: a second run creates nothing', async () => {
    const before = await t.db.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM rooms)::int AS rooms,
              (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM notifications)::int AS notifications,
              (SELECT count(*) FROM escalations)::int AS escalations, (SELECT count(*) FROM issues)::int AS issues`,
    );
    const progress: string[] = [];
    const second = await seedDemo(t.db, (step) => progress.push(step));
    expect(second).toEqual({
      users: 0,
      organisations: 0,
      memberships: 0,
      issues: 0,
      escalations: 0,
      rooms: 0,
      messages: 0,
      notifications: 0,
    });
    expect(progress.at(-1)).toBe('rooms 4/4');
    const after = await t.db.query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM rooms)::int AS rooms,
              (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM notifications)::int AS notifications,
              (SELECT count(*) FROM escalations)::int AS escalations, (SELECT count(*) FROM issues)::int AS issues`,
    );
    expect(after).toEqual(before);
  });

  it('stores one room of each kind, with gap-free messages and read markers', async () => {
    const rooms: { kind: string; last_seq: number; seqs: number[]; markers: number }[] =
      await t.db.query(
        `SELECT r.kind, r.last_seq,
                (SELECT array_agg(seq ORDER BY seq) FROM messages m WHERE m.room_id = r.id) AS seqs,
                (SELECT count(*)::int FROM room_members rm WHERE rm.room_id = r.id) AS markers
           FROM rooms r ORDER BY r.kind`,
      );
    expect(rooms.map((r) => r.kind)).toEqual(['issue', 'network', 'organisation', 'private']);
    for (const room of rooms) {
      expect(room.last_seq).toBeGreaterThanOrEqual(2);
      expect(room.seqs).toEqual(Array.from({ length: room.last_seq }, (_, i) => i + 1));
      expect(room.markers).toBeGreaterThanOrEqual(2);
    }
  });

  it('has an answered escalation (its issue answered) and an overdue one, through the API', async () => {
    const facilitator = await login(t, 'facilitator.gulnara@demo.kenesh.kg');
    const all = await t.http.get(`${API}/escalations`).set(facilitator.auth);
    expect(all.status).toBe(200);
    const answered = (all.body.items as Record<string, unknown>[]).find(
      (e) => e.responseText !== null,
    );
    expect(answered).toMatchObject({
      responseText: expect.stringContaining('грейдер'),
      respondedAt: expect.any(String),
      reference: '№ 04-12/317',
    });
    const issue = await t.http
      .get(`${API}/issues/${answered!.issueId as string}`)
      .set(facilitator.auth);
    expect(issue.body.status).toBe('answered');
    const history = await t.http
      .get(`${API}/issues/${answered!.issueId as string}/history`)
      .set(facilitator.auth);
    expect((history.body.items as { toStatus: string }[]).map((h) => h.toStatus)).toEqual([
      'raised',
      'discussing',
      'prioritised',
      'escalated',
      'answered',
    ]);
    const overdue = await t.http
      .get(`${API}/escalations`)
      .query({ overdue: true })
      .set(facilitator.auth);
    expect(overdue.body.items).toHaveLength(1);
    expect(overdue.body.items[0]).toMatchObject({ reference: '№ 04-12/342', responseText: null });
  });

  it('leaves unread notifications for demo accounts, a mention among them', async () => {
    const author = await login(t, 'aibek.tashiev@demo.kenesh.kg');
    const mine = await t.http.get(`${API}/notifications`).query({ unread: true }).set(author.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.unreadCount).toBeGreaterThanOrEqual(2);
    expect((mine.body.items as { kind: string }[]).map((n) => n.kind)).toEqual(
      expect.arrayContaining(['comment', 'escalation_answered', 'status_changed']),
    );
    const gulnara = await login(t, 'facilitator.gulnara@demo.kenesh.kg');
    const mentions = await t.http
      .get(`${API}/notifications`)
      .query({ kind: 'mention' })
      .set(gulnara.auth);
    expect(mentions.body.items).toHaveLength(1);
    expect(mentions.body.items[0].payload).toMatchObject({
      excerpt: expect.stringContaining('@['),
    });
    const [{ recipients }] = await t.db.query(
      `SELECT count(DISTINCT recipient_id)::int AS recipients FROM notifications n
         JOIN users u ON u.id = n.recipient_id WHERE u.email LIKE '%@demo.kenesh.kg' AND n.read_at IS NULL`,
    );
    expect(recipients).toBeGreaterThanOrEqual(8);
  });

  it('lets a demo member join their organisation room over the socket, catch up and send at once', async () => {
    const burul = await login(t, 'burul.esenova@demo.kenesh.kg');
    const rooms = await t.http.get(`${API}/rooms`).set(burul.auth);
    const kinds = (rooms.body.items as { kind: string }[]).map((r) => r.kind).sort();
    expect(kinds).toEqual(['issue', 'network', 'organisation']);
    const room = (rooms.body.items as { id: string; kind: string; lastSeq: number }[]).find(
      (r) => r.kind === 'organisation',
    )!;
    const socket = await connect(t.baseUrl, burul.token);
    try {
      const joined = await ask<{ ok: boolean; missed: { seq: number }[] }>(socket, 'room:join', {
        roomId: room.id,
        afterSeq: 0,
      });
      expect(joined.ok).toBe(true);
      expect(joined.missed.map((m) => m.seq)).toEqual([1, 2, 3]);
      const arrived = next<{ seq: number; body: string }>(socket, 'message:new');
      const sent = await ask<{ ok: boolean; message: { seq: number } }>(socket, 'message:send', {
        roomId: room.id,
        clientMsgId: '6f1c2e0a-8a53-4c39-9d1e-0c1f3c1e9b01',
        body: 'Саламатсыздарбы!',
      });
      expect(sent).toMatchObject({ ok: true, message: { seq: 4 } });
      expect(await arrived).toMatchObject({ seq: 4, body: 'Саламатсыздарбы!' });
    } finally {
      socket.close();
    }
  });

  it('refuses a user outside the organisation its room', async () => {
    const outsider = await login(t, 'talant.isaev@demo.kenesh.kg');
    const rooms = await t.http.get(`${API}/rooms`).set(outsider.auth);
    expect((rooms.body.items as { kind: string }[]).map((r) => r.kind)).toEqual(['issue']);
  });
});
