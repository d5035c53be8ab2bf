import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { API, type SignedUp, signUp, TERRITORY, call, expectProblem } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire, before any decoding. */
  wire: Buffer;
}

/** node:http, not supertest: supertest decodes bodies, and the point here is what is on the wire. */
function raw(
  t: TestApp,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: object,
): Promise<Raw> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const url = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent: false,
        headers: {
          ...headers,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            wire: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function decoded(res: Raw): unknown {
  const encoding = res.headers['content-encoding'];
  const bytes =
    encoding === 'br'
      ? brotliDecompressSync(res.wire)
      : encoding === 'gzip'
        ? gunzipSync(res.wire)
        : res.wire;
  return JSON.parse(bytes.toString('utf8'));
}

/** The extensions the websocket handshake of socket.io agreed to, offering permessage-deflate. */
function websocketExtensions(t: TestApp): Promise<string | undefined> {
  const url = new URL(t.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: '/socket.io/?EIO=4&transport=websocket',
      agent: false,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.headers['sec-websocket-extensions']);
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

const bearer = (as: SignedUp): Record<string, string> => ({
  authorization: `Bearer ${as.accessToken}`,
});

/** A paragraph of a few hundred characters, so that answers carrying it pass 1 KB. */
const LONG_BODY = Array.from(
  { length: 12 },
  (_, i) =>
    `${i + 1}. Жайкы сугат мезгилинде Көк-Таш каналындагы суу жетишпейт; айыл өкмөтү графикти жарыялашы керек.`,
).join('\n\n');

async function raiseIssue(t: TestApp, as: SignedUp, body = LONG_BODY): Promise<string> {
  const res = await call(t, 'post', '/issues', as, {
    title: 'Сугат суусунун графиги',
    body,
    category: 'water_irrigation',
    territoryIds: [TERRITORY.akSai],
    decisionLevel: 'district',
  });
  if (res.status !== 201) throw new Error(`raiseIssue: ${res.status} ${res.text}`);
  return res.body.id as string;
}

describe('Bytes on the wire (weak connections)', () => {
  let t: TestApp;
  let alice: SignedUp;
  let bob: SignedUp;
  let facilitator: SignedUp;
  let issueId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, facilitator] = await Promise.all([
      signUp(t),
      signUp(t),
      signUp(t, { role: 'facilitator' }),
    ]);
    issueId = await raiseIssue(t, alice);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('compression', () => {
    it.each(['br', 'gzip'])(
      'an issue is sent %s-compressed and decodes to the same JSON as the identity answer',
      async (encoding) => {
        const plain = await raw(t, 'GET', `${API}/issues/${issueId}`, {
          ...bearer(alice),
          'accept-encoding': 'identity',
        });
        const packed = await raw(t, 'GET', `${API}/issues/${issueId}`, {
          ...bearer(alice),
          'accept-encoding': encoding,
        });
        expect(plain.status).toBe(200);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.wire.length).toBeGreaterThan(1024);
        expect(packed.status).toBe(200);
        expect(packed.headers['content-encoding']).toBe(encoding);
        expect(packed.headers.vary).toMatch(/Accept-Encoding/i);
        expect(packed.wire.length).toBeLessThan(plain.wire.length * 0.6);
        expect(decoded(packed)).toEqual(decoded(plain));
        // The validator is about the JSON, not its encoding: the same weak tag.
        expect(packed.headers.etag).toBe(plain.headers.etag);
        expect(packed.headers.etag).toMatch(/^W\//);
      },
    );

    it('brotli is chosen when the client takes both, as browsers announce them', async () => {
      const res = await raw(t, 'GET', `${API}/issues/${issueId}`, {
        ...bearer(alice),
        'accept-encoding': 'gzip, deflate, br, zstd',
      });
      expect(res.headers['content-encoding']).toBe('br');
    });

    it('answers under 1 KB go out as they are', async () => {
      const res = await raw(t, 'GET', `${API}/notifications/unread-count`, {
        ...bearer(bob),
        'accept-encoding': 'br, gzip',
      });
      expect(res.status).toBe(200);
      expect(res.wire.length).toBeLessThan(1024);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    });

    it('problem details are compressed too', async () => {
      const res = await raw(
        t,
        'POST',
        `${API}/issues`,
        { ...bearer(alice), 'accept-encoding': 'gzip' },
        // Many invalid fields: a validation problem larger than the threshold.
        {
          title: 7,
          body: 8,
          category: 'nope',
          territoryIds: ['x', 'y'],
          decisionLevel: 'galaxy',
          language: 'xx',
          organisationId: 'no',
          ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`unknownField${i}`, i])),
        },
      );
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(decoded(res)).toMatchObject({ status: 400, code: 'validation_failed' });
    });

    it('the OpenAPI document is compressed', async () => {
      const plain = await raw(t, 'GET', '/api/docs-json', { 'accept-encoding': 'identity' });
      const packed = await raw(t, 'GET', '/api/docs-json', { 'accept-encoding': 'br' });
      expect(packed.headers['content-encoding']).toBe('br');
      expect(packed.wire.length).toBeLessThan(plain.wire.length / 5);
      expect(decoded(packed)).toEqual(decoded(plain));
    });

    it('HEAD and 204 answers carry no compressed body', async () => {
      const head = await raw(t, 'HEAD', `${API}/issues/${issueId}`, {
        ...bearer(alice),
        'accept-encoding': 'br',
      });
      expect(head.status).toBe(200);
      expect(head.wire.length).toBe(0);
      expect(head.headers['content-encoding']).toBeUndefined();
    });

    it('an Idempotency-Key replay is compressed for whoever asks, from the stored JSON', async () => {
      const key = randomUUID();
      const body = {
        title: 'Жол оңдоо',
        body: LONG_BODY,
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSai],
        decisionLevel: 'district',
      };
      const first = await raw(
        t,
        'POST',
        `${API}/issues`,
        { ...bearer(alice), 'idempotency-key': key, 'accept-encoding': 'br' },
        body,
      );
      expect(first.status).toBe(201);
      expect(first.headers['content-encoding']).toBe('br');
      const created = decoded(first) as { id: string };

      const [stored] = await t.db.query<{ response_body: string }[]>(
        'SELECT response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
        [alice.id, key],
      );
      // Stored as the JSON that was sent, not as brotli bytes.
      expect(JSON.parse(stored.response_body)).toEqual(created);

      const replayed = await raw(
        t,
        'POST',
        `${API}/issues`,
        { ...bearer(alice), 'idempotency-key': key, 'accept-encoding': 'gzip' },
        body,
      );
      expect(replayed.status).toBe(201);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.headers['content-encoding']).toBe('gzip');
      expect(decoded(replayed)).toEqual(created);

      const plain = await raw(
        t,
        'POST',
        `${API}/issues`,
        { ...bearer(alice), 'idempotency-key': key, 'accept-encoding': 'identity' },
        body,
      );
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(plain.wire.toString('utf8'))).toEqual(created);
    });
  });

  it('websocket frames may be deflated: socket.io accepts permessage-deflate with a 4 KB window', async () => {
    const extensions = await websocketExtensions(t);
    expect(extensions).toMatch(/^permessage-deflate/);
    expect(extensions).toMatch(/server_no_context_takeover/);
    expect(extensions).toMatch(/server_max_window_bits=12/);
  });

  describe('list excerpts', () => {
    it('GET /issues gives each item an excerpt of its body, GET /issues/:id the whole body', async () => {
      const short = 'Кыска текст.';
      const shortId = await raiseIssue(t, alice, short);
      const res = await call(t, 'get', '/issues?limit=100', alice);
      expect(res.status).toBe(200);
      const items = res.body.items as Record<string, unknown>[];
      const long = items.find((i) => i.id === issueId);
      const small = items.find((i) => i.id === shortId);
      expect(long).toBeDefined();
      expect(long).not.toHaveProperty('body');
      const excerpt = long?.excerpt as string;
      expect(excerpt.endsWith('…')).toBe(true);
      expect(Array.from(excerpt).length).toBeLessThanOrEqual(241);
      expect(LONG_BODY.replace(/\s+/g, ' ').startsWith(excerpt.slice(0, -1))).toBe(true);
      expect(small).toMatchObject({ excerpt: short });

      const full = await call(t, 'get', `/issues/${issueId}`, alice);
      expect(full.body.body).toBe(LONG_BODY);
      expect(full.body).not.toHaveProperty('excerpt');
    });

    it('the OpenAPI document declares the card with excerpt and without body', async () => {
      const res = await t.http.get('/api/docs-json');
      const schemas = res.body.components.schemas as Record<
        string,
        { properties: Record<string, unknown>; required?: string[] }
      >;
      const page = schemas.IssuePageDto.properties.items as { items: { $ref: string } };
      expect(page.items.$ref).toBe('#/components/schemas/IssueCardDto');
      expect(schemas.IssueCardDto.properties).toHaveProperty('excerpt');
      expect(schemas.IssueCardDto.properties).not.toHaveProperty('body');
      expect(schemas.IssueCardDto.required).toContain('excerpt');
    });
  });

  describe('ETag and 304', () => {
    it('an unchanged issue re-read with its tag is 304 with no body; an edit gives 200 and a new tag', async () => {
      const id = await raiseIssue(t, alice);
      const first = await raw(t, 'GET', `${API}/issues/${id}`, bearer(alice));
      expect(first.status).toBe(200);
      const tag = first.headers.etag as string;
      expect(tag).toMatch(/^W\/"/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect(first.headers.vary).toMatch(/Authorization/i);
      expect(first.headers.vary).toMatch(/Accept-Language/i);

      const again = await raw(t, 'GET', `${API}/issues/${id}`, {
        ...bearer(alice),
        'if-none-match': tag,
        'accept-encoding': 'br',
      });
      expect(again.status).toBe(304);
      expect(again.wire.length).toBe(0);
      expect(again.headers.etag).toBe(tag);
      expect(again.headers['cache-control']).toBe('private, no-cache');
      expect(again.headers.vary).toMatch(/Accept-Encoding/i);

      const edited = await call(t, 'patch', `/issues/${id}`, alice, { title: 'Жаңы аталыш' });
      expect(edited.status).toBe(200);
      const after = await raw(t, 'GET', `${API}/issues/${id}`, {
        ...bearer(alice),
        'if-none-match': tag,
      });
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(tag);
      expect(decoded(after)).toMatchObject({ title: 'Жаңы аталыш' });
    });

    it('If-None-Match with a list of tags, a strong form of the tag, or * is 304', async () => {
      const first = await raw(t, 'GET', `${API}/issues/${issueId}`, bearer(alice));
      const tag = first.headers.etag as string;
      for (const header of [`"other", ${tag}`, tag.replace(/^W\//, ''), '*']) {
        const res = await raw(t, 'GET', `${API}/issues/${issueId}`, {
          ...bearer(alice),
          'if-none-match': header,
        });
        expect({ header, status: res.status }).toEqual({ header, status: 304 });
      }
      const other = await raw(t, 'GET', `${API}/issues/${issueId}`, {
        ...bearer(alice),
        'if-none-match': 'W/"not-it"',
      });
      expect(other.status).toBe(200);
    });

    it("another user's tag is no 304: the same issue reads differently for its author and for staff", async () => {
      const mine = await raw(t, 'GET', `${API}/issues/${issueId}`, bearer(alice));
      const theirs = await raw(t, 'GET', `${API}/issues/${issueId}`, {
        ...bearer(facilitator),
        'if-none-match': mine.headers.etag as string,
      });
      expect(theirs.status).toBe(200);
      expect(theirs.headers.etag).not.toBe(mine.headers.etag);
    });

    it('a private room re-read by an outsider with a member’s tag is 404, never 304', async () => {
      const room = await call(t, 'post', '/rooms', alice, {
        name: 'Экөөбүз',
        kind: 'private',
        memberIds: [bob.id],
      });
      expect(room.status).toBe(201);
      const path = `${API}/rooms/${room.body.id}`;
      const member = await raw(t, 'GET', path, bearer(alice));
      expect(member.status).toBe(200);
      const tag = member.headers.etag as string;
      expect((await raw(t, 'GET', path, { ...bearer(alice), 'if-none-match': tag })).status).toBe(
        304,
      );
      const carol = await signUp(t);
      const outsider = await raw(t, 'GET', path, { ...bearer(carol), 'if-none-match': tag });
      expect(outsider.status).toBe(404);
      // Staff may look in (moderation), and read it with their own flags: not the member's tag.
      const staff = await raw(t, 'GET', path, { ...bearer(facilitator), 'if-none-match': tag });
      expect(staff.status).toBe(200);
    });

    it('GET /me and GET /territories revalidate; /me is per user', async () => {
      const me = await raw(t, 'GET', `${API}/me`, bearer(alice));
      expect(me.status).toBe(200);
      const meTag = me.headers.etag as string;
      expect(
        (await raw(t, 'GET', `${API}/me`, { ...bearer(alice), 'if-none-match': meTag })).status,
      ).toBe(304);
      expect(
        (await raw(t, 'GET', `${API}/me`, { ...bearer(bob), 'if-none-match': meTag })).status,
      ).toBe(200);

      const territories = await raw(t, 'GET', `${API}/territories`, bearer(alice));
      expect(territories.status).toBe(200);
      const again = await raw(t, 'GET', `${API}/territories`, {
        ...bearer(alice),
        'if-none-match': territories.headers.etag as string,
        'accept-encoding': 'br',
      });
      expect(again.status).toBe(304);
      expect(again.wire.length).toBe(0);
    });

    it('an answer without credentials is no-cache but not private', async () => {
      const res = await raw(t, 'GET', '/api/docs-json');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toMatch(/^W\//);
    });

    it('a request that asks for no cache gets the whole answer, and errors are never 304', async () => {
      const first = await raw(t, 'GET', `${API}/issues/${issueId}`, bearer(alice));
      const forced = await raw(t, 'GET', `${API}/issues/${issueId}`, {
        ...bearer(alice),
        'if-none-match': first.headers.etag as string,
        'cache-control': 'no-cache',
      });
      expect(forced.status).toBe(200);
      const missing = await t.http
        .get(`${API}/issues/00000000-0000-4000-8000-000000000000`)
        .set(alice.auth)
        .set('If-None-Match', '*');
      expectProblem(missing, 404, 'not_found');
    });
  });
});

describe('KENESH_COMPRESSION=off (a proxy compresses)', () => {
  // An app of its own, in a file-level describe of its own: a second app in the same process
  // takes over passport's JWT strategy, so the first one's users would get 401 afterwards.
  it('KENESH_COMPRESSION=off sends everything as it is', async () => {
    const off = await startTestApp({ KENESH_COMPRESSION: 'off', KENESH_WS_COMPRESSION: 'off' });
    try {
      const res = await raw(off, 'GET', '/api/docs-json', { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary ?? '').not.toMatch(/Accept-Encoding/i);
      expect(() => decoded(res)).not.toThrow();
      expect(await websocketExtensions(off)).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
