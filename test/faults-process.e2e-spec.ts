import http from 'node:http';
import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import {
  type EmbeddedPostgresHandle,
  startEmbeddedPostgres,
} from '../src/infra/database/embedded-postgres.js';
import { API, uniqueEmail } from './support/factories.js';
import { freePort } from './support/free-port.js';
import { type HubProcess, startHubProcess } from './support/hub-process.js';
import { ask, connect } from './support/socket.js';
import { cloneTemplate } from './support/test-database.js';
import { eventually, sleep } from './support/wait.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** One request on a connection of its own (no agent): what a fresh client does. */
function send(
  port: number,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function register(port: number): Promise<{ id: string; token: string }> {
  const reply = await send(port, 'POST', `${API}/auth/register`, {
    body: { email: uniqueEmail('fault'), password: 'correct horse battery', displayName: 'Fault' },
  });
  if (reply.status !== 201)
    throw new Error(`register: ${reply.status} ${JSON.stringify(reply.body)}`);
  const user = reply.body.user as { id: string };
  return { id: user.id, token: reply.body.accessToken as string };
}

/** The handshake's outcome: 'connected', or the connect_error message. */
async function handshake(baseUrl: string, token: string): Promise<string> {
  try {
    const socket = await connect(baseUrl, token);
    socket.close();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the database stops under a running hub', () => {
  let parent: string;
  let pgPort: number;
  let database: EmbeddedPostgresHandle | undefined;
  let hub: HubProcess | undefined;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'kenesh-dbdown-'));
    await chmod(parent, 0o755);
    pgPort = await freePort();
  });
  afterAll(async () => {
    await hub?.kill();
    await database?.stop().catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
  });

  it('answers 503 unavailable with Retry-After (never 401) and recovers within 5 s of its return', async () => {
    const dir = join(parent, 'pg');
    database = await startEmbeddedPostgres({ dir, port: pgPort });
    hub = await startHubProcess({ DATABASE_URL: database.url });
    const { token } = await register(hub.port);
    expect((await send(hub.port, 'GET', `${API}/me`, { token })).status).toBe(200);
    const before = await connect(hub.baseUrl, token);

    const stopped = performance.now();
    await database.stop();
    database = undefined;
    let me: Reply | undefined;
    await eventually('GET /me to answer 503', async () => {
      me = await send(hub!.port, 'GET', `${API}/me`, { token });
      expect(me.status).not.toBe(401);
      return me.status === 503;
    });
    const toUnavailableMs = performance.now() - stopped;
    expect(me!.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(me!.body).toMatchObject({ status: 503, code: 'unavailable' });
    expect(Number(me!.headers['retry-after'])).toBeGreaterThan(0);

    const login = await send(hub.port, 'POST', `${API}/auth/login`, {
      body: { email: 'anyone@example.kg', password: 'correct horse battery' },
    });
    expect({ status: login.status, code: login.body.code }).toEqual({
      status: 503,
      code: 'unavailable',
    });
    expect((await send(hub.port, 'GET', '/health/live')).status).toBe(200);
    expect((await send(hub.port, 'GET', '/health/ready')).status).toBe(503);
    expect(await handshake(hub.baseUrl, token)).toBe('unavailable');
    // A socket that was connected before: its events are refused as unavailable, not internal.
    const ack = await ask<{ ok: boolean; error?: { code: string } }>(before, 'room:join', {
      roomId: '00000000-0000-4000-8000-000000000000',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    before.close();

    database = await startEmbeddedPostgres({ dir, port: pgPort });
    const restarted = performance.now();
    await eventually(
      'GET /me to answer 200 again',
      async () => (await send(hub!.port, 'GET', `${API}/me`, { token })).status === 200,
      5_000,
    );
    const recoveryMs = performance.now() - restarted;
    expect(await handshake(hub.baseUrl, token)).toBe('connected');
    await eventually(
      'readiness',
      async () => (await send(hub!.port, 'GET', '/health/ready')).status === 200,
      5_000,
    );
    expect(recoveryMs).toBeLessThan(5_000);
    process.stdout.write(
      `\ndatabase down: 503 after ${toUnavailableMs.toFixed(0)} ms, back to 200 ${recoveryMs.toFixed(0)} ms after PostgreSQL was up again\n`,
    );
  }, 60_000);
});

describe("the hub's own embedded PostgreSQL is killed", () => {
  let hub: HubProcess | undefined;

  afterAll(async () => {
    await hub?.kill();
  });

  it('is started again by the hub, which answers 503 meanwhile, serves the same data and still stops cleanly', async () => {
    hub = await startHubProcess();
    const { token } = await register(hub.port);
    const pid = Number(
      (await readFile(join(hub.dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();

    await eventually(
      'a 503 while the database is gone',
      async () => (await send(hub!.port, 'GET', `${API}/me`, { token })).status === 503,
      10_000,
    );
    await hub.waitForLog((line) => /running again/.test(String(line.msg)), 40_000);
    await eventually(
      'the profile again',
      async () => (await send(hub!.port, 'GET', `${API}/me`, { token })).status === 200,
      10_000,
    );
    process.stdout.write(
      `\nembedded PostgreSQL killed: serving again after ${Date.now() - killedAt} ms\n`,
    );
    expect(hub.child.exitCode).toBeNull();

    // Connections lost in the crash (the adapter's LISTEN client) must not hold up a stop.
    hub.signal('SIGTERM');
    expect(await hub.exited).toEqual({ code: 0, signal: null });
    expect(hub.logs.some((line) => line.step === 'database_stopped')).toBe(true);
  }, 90_000);
});

describe('SIGTERM while requests are in flight', () => {
  let hub: HubProcess | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let client: pg.Client | undefined;
  let watcher: pg.Client | undefined;

  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await watcher?.end().catch(() => undefined);
    await hub?.kill();
    await dropDatabase?.();
  });

  it('answers and stores every accepted request, refuses new connections, tells sockets to reconnect and exits 0', async () => {
    const database = await cloneTemplate();
    dropDatabase = database.drop;
    hub = await startHubProcess({
      DATABASE_URL: database.url,
      KENESH_SHUTDOWN_TIMEOUT_SECONDS: '20',
    });
    const port = hub.port;
    const users = await Promise.all(Array.from({ length: 20 }, () => register(port)));

    // Tokens in a query string are redacted from the request log and the problem body
    // (checked at the end, with the log complete).
    const leaky = await send(port, 'GET', `${API}/me?access_token=${users[0].token}&limit=5`);

    const socket: Socket = await connect(hub.baseUrl, users[0].token);
    const notice = new Promise<unknown>((resolve) => socket.once('server:restarting', resolve));
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    // A real reason for the writes to be slow: the test holds their rows locked, so all 20
    // are inside the hub, waiting in PostgreSQL, when the signal arrives.
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    watcher = new pg.Client({ connectionString: database.url });
    await watcher.connect();
    await client.query('BEGIN');
    await client.query('SELECT id FROM users WHERE id = ANY($1) FOR UPDATE', [
      users.map((u) => u.id),
    ]);
    const answers = users.map((user, i) =>
      send(port, 'PATCH', `${API}/me`, {
        token: user.token,
        body: { displayName: `Drained ${i}` },
      }),
    );
    await eventually(
      '20 writes waiting on their rows',
      async () => {
        // Not the locking client: inside its transaction pg_stat_activity is a frozen snapshot.
        const { rows } = await watcher!.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE 'UPDATE "users"%'`,
        );
        return rows[0].n === 20;
      },
      20_000,
    );
    // A readiness probe on a connection opened before the signal, its request not finished.
    const probe = await openPartialRequest(port, '/health/ready');

    hub.signal('SIGTERM');
    // New connections are refused at once (the load balancer moves on to another node)...
    await eventually(
      'the listener to refuse new connections',
      () =>
        send(port, 'GET', '/health/live').then(
          () => false,
          (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
        ),
      3_000,
    );
    // ...while a connection accepted before the signal is still served, and told "not ready".
    const readiness = await probe.finish();
    expect(readiness).toMatch(/^HTTP\/1\.1 503/);
    expect(readiness).toMatch(/"code":"unavailable"/);
    expect(await notice).toBeDefined();
    await sleep(300);

    await client.query('COMMIT');
    const replies = await Promise.allSettled(answers);
    const statuses = replies.map((r) => (r.status === 'fulfilled' ? r.value.status : r.reason));
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
    // 'transport close', not 'io server disconnect': socket.io-client then reconnects by itself.
    expect(await disconnected).toBe('transport close');
    expect(await hub.exited).toEqual({ code: 0, signal: null });

    const { rows } = await client.query<{ display_name: string }>(
      'SELECT display_name FROM users WHERE id = ANY($1) ORDER BY display_name',
      [users.map((u) => u.id)],
    );
    expect(rows.map((r) => r.display_name).sort()).toEqual(
      users.map((_, i) => `Drained ${i}`).sort(),
    );

    const steps = hub.logs.filter((l) => l.event === 'shutdown').map((l) => l.step);
    expect(steps).toEqual([
      'not_ready',
      'listener_closed',
      'sockets_notified',
      'requests_drained',
      'sockets_disconnected',
      'http_closed',
      'app_closed',
    ]);
    expect(hub.logs.find((l) => l.step === 'requests_drained')).toMatchObject({ unanswered: 0 });
    expect(hub.logs.some((l) => l.event === 'stopped')).toBe(true);
    // The token reached neither the problem body nor the log; the redacted request line did.
    expect(leaky.status).toBe(401);
    expect(leaky.body.instance).toBe(`${API}/me?access_token=[redacted]&limit=5`);
    expect(hub.output.join('\n')).not.toContain(users[0].token);
    expect(
      hub.logs.some(
        (l) =>
          (l.req as { url?: string } | undefined)?.url ===
          `${API}/me?access_token=[redacted]&limit=5`,
      ),
    ).toBe(true);
  }, 60_000);
});

/**
 * A connection with a request whose headers are not finished: Node does not count it idle,
 * so closing the listener leaves it open. `finish()` completes the request and returns the
 * raw answer.
 */
async function openPartialRequest(
  port: number,
  path: string,
): Promise<{ finish(): Promise<string> }> {
  const socket: TcpSocket = tcpConnect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
  return {
    async finish() {
      socket.write('Connection: close\r\n\r\n');
      await ended;
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

describe('a hub started with npm', () => {
  let hub: HubProcess | undefined;

  afterAll(async () => {
    await hub?.kill();
  });

  it('stops cleanly when npm gets the SIGTERM (the script execs node, so the signal reaches the hub)', async () => {
    hub = await startHubProcess({}, { viaNpm: true });
    const { token } = await register(hub.port);
    hub.signal('SIGTERM');
    expect(await hub.exited).toEqual({ code: 0, signal: null });
    expect(hub.logs.map((line) => line.step).filter(Boolean)).toEqual(
      expect.arrayContaining(['not_ready', 'app_closed', 'database_stopped']),
    );
    expect(hub.logs.some((line) => line.event === 'stopped')).toBe(true);
    // Nothing left listening: the hub and its PostgreSQL are gone.
    await expect(send(hub.port, 'GET', `${API}/me`, { token })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  }, 60_000);
});
