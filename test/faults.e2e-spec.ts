import http from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { io } from 'socket.io-client';
import { ShutdownState } from '../src/infra/lifecycle/shutdown-state.js';
import { signUp, type SignedUp } from './support/factories.js';
import { describeIfRedis, type PrivateRedis, startPrivateRedis } from './support/redis-setup.js';
import { eventually } from './support/wait.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawReply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: 'GET', path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Bytes straight onto a TCP connection, for requests no HTTP client would send. */
function raw(baseUrl: string, text: string): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(url.port), url.hostname, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

/** A socket.io handshake as a browser page would make it: the Origin header set. */
function openAs(baseUrl: string, token: string, headers: Record<string, string>): Promise<string> {
  const socket = io(`${baseUrl}/rt`, {
    auth: { token },
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message || 'refused');
    });
  });
}

describe('faults a client can meet', () => {
  let t: TestApp;
  let member: SignedUp;

  beforeAll(async () => {
    t = await startTestApp({ KENESH_CORS_ORIGINS: 'https://partner.example.org' });
    member = await signUp(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('requests Node refuses before Express', () => {
    it('a 100 KB query string gets 431 with a problem body', async () => {
      const reply = await get(t.baseUrl, `/api/v1/issues?q=${'a'.repeat(100 * 1024)}`);
      expect(reply.status).toBe(431);
      expect(reply.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(reply.body)).toMatchObject({ status: 431, code: 'payload_too_large' });
    });

    it('oversized headers get 431 with a problem body', async () => {
      const reply = await get(t.baseUrl, '/api/v1/me', { 'X-Big': 'b'.repeat(40 * 1024) });
      expect(reply.status).toBe(431);
      expect(JSON.parse(reply.body)).toMatchObject({ status: 431, code: 'payload_too_large' });
    });

    it('a malformed request gets 400 validation_failed with a problem body', async () => {
      const answer = await raw(
        t.baseUrl,
        'GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as object;
      expect(body).toMatchObject({ status: 400, code: 'validation_failed' });
    });
  });

  describe('opening the socket from a browser page', () => {
    it("accepts a page on the hub's own origin", async () => {
      expect(await openAs(t.baseUrl, member.accessToken, { Origin: t.baseUrl })).toBe('connected');
    });

    it('refuses a page on another origin', async () => {
      expect(
        await openAs(t.baseUrl, member.accessToken, { Origin: 'https://evil.example.com' }),
      ).not.toBe('connected');
    });

    it('accepts another origin listed in KENESH_CORS_ORIGINS', async () => {
      expect(
        await openAs(t.baseUrl, member.accessToken, { Origin: 'https://partner.example.org' }),
      ).toBe('connected');
    });

    it('behind a trusted proxy, takes the origin from X-Forwarded-Proto and X-Forwarded-Host', async () => {
      expect(
        await openAs(t.baseUrl, member.accessToken, {
          Origin: 'https://hub.example.kg',
          'X-Forwarded-Proto': 'https',
          'X-Forwarded-Host': 'hub.example.kg',
        }),
      ).toBe('connected');
    });

    it('ignores forwarded headers from a peer that is not a trusted proxy', async () => {
      const untrusting = await startTestAppOn(t.databaseUrl, { KENESH_TRUST_PROXY: 'false' });
      try {
        expect(
          await openAs(untrusting.baseUrl, member.accessToken, {
            Origin: 'https://evil.example.com',
            'X-Forwarded-Proto': 'https',
            'X-Forwarded-Host': 'evil.example.com',
          }),
        ).not.toBe('connected');
        expect(
          await openAs(untrusting.baseUrl, member.accessToken, { Origin: untrusting.baseUrl }),
        ).toBe('connected');
      } finally {
        await untrusting.close();
      }
    });
  });

  it('a token in the query string is not echoed in the problem body', async () => {
    const res = await t.http.get(`/api/v1/me?access_token=${member.accessToken}&lang=ru`);
    expect(res.status).toBe(401);
    expect(res.body.instance).toBe('/api/v1/me?access_token=[redacted]&lang=ru');
    expect(res.text).not.toContain(member.accessToken);
  });

  it('readiness answers 503 as soon as the node is stopping, liveness stays 200', async () => {
    const other = await startTestAppOn(t.databaseUrl);
    try {
      expect((await other.http.get('/health/ready')).status).toBe(200);
      other.app.get(ShutdownState).begin();
      const ready = await other.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'unavailable' });
      expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
      expect((await other.http.get('/health/live')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describeIfRedis(
  'the socket handshake while Redis is down',
  () => {
    let redis: PrivateRedis;
    let t: TestApp;

    beforeAll(async () => {
      redis = await startPrivateRedis();
      t = await startTestApp({ REDIS_URL: redis.url });
    });
    afterAll(async () => {
      // A node stops promptly only with its Redis there (see redis.e2e-spec.ts).
      if (redis && !redis.running()) await redis.restart();
      await t?.close();
      await redis?.stop();
    });

    it('is refused as unavailable, not unauthorized, and accepted again once Redis is back', async () => {
      const member = await signUp(t);
      // No socket is opened before the kill: its channel's unsubscribe, cut short by the kill,
      // would reject inside the adapter, outside this test.
      await redis.kill();
      await eventually(
        'the handshake to answer unavailable',
        async () => (await openAs(t.baseUrl, member.accessToken, {})) === 'unavailable',
        5_000,
      );
      await redis.restart();
      await eventually(
        'the handshake to succeed again',
        async () => (await openAs(t.baseUrl, member.accessToken, {})) === 'connected',
        15_000,
      );
    });
  },
  'server',
);

describeIfRedis(
  'readiness with REDIS_URL and the PostgreSQL adapter',
  () => {
    let redis: PrivateRedis;
    let t: TestApp;

    beforeAll(async () => {
      redis = await startPrivateRedis();
      t = await startTestApp({ REDIS_URL: redis.url, KENESH_REALTIME_ADAPTER: 'postgres' });
    });
    afterAll(async () => {
      if (redis && !redis.running()) await redis.restart();
      await t?.close();
      await redis?.stop();
    });

    it('turns 503 naming Redis while the rate limits’ Redis is down, and 200 once it is back', async () => {
      expect((await t.http.get('/health/ready')).status).toBe(200);
      await redis.kill();
      await eventually(
        'readiness to name Redis',
        async () => {
          const ready = await t.http.get('/health/ready');
          return ready.status === 503 && /redis/.test(String(ready.body.detail));
        },
        5_000,
      );
      await redis.restart();
      await eventually(
        'readiness to recover',
        async () => (await t.http.get('/health/ready')).status === 200,
        15_000,
      );
    });
  },
  'server',
);
