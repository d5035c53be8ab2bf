import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import {
  API,
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { ask, connect, next } from './support/socket.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Bad input is refused at the door (src/common/validation/input-guard.ts) with 400
 * `validation_failed` naming the field, over HTTP and over the socket, before it can reach
 * class-transformer's recursion or PostgreSQL (which refuses NUL, and unpaired surrogates in
 * jsonb). Each of these used to be a 500, an `internal` ack, no ack, or a lost notification.
 */

interface Refusal {
  ok: false;
  error: { code: string; message: string; errors?: { field: string; message: string }[] };
}

const opened: Socket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

/** A JSON text `levels` arrays deep, about 2 bytes a level: the 10 KB body of the issue. */
function deepJson(levels: number): string {
  return `${'['.repeat(levels)}${']'.repeat(levels)}`;
}

/**
 * Emits `event` with a payload given as JSON text, straight onto the engine.io connection as
 * a socket.io EVENT packet with an ack id, and waits for the ack. socket.io-client's own emit
 * walks the payload recursively (looking for binary parts) and overflows on what this sends.
 */
function emitRawWithAck(socket: Socket, event: string, json: string): Promise<unknown> {
  const id = 90_000 + Math.floor(Math.random() * 10_000);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 5000);
    (socket as unknown as { acks: Record<number, (v: unknown) => void> }).acks[id] = (v) => {
      clearTimeout(timer);
      resolve(v);
    };
    socket.io.engine.write(`2/rt,${id}[${JSON.stringify(event)},${json}]`);
  });
}

function expectFields(res: Response, fields: string[]): void {
  expectProblem(res, 400, 'validation_failed');
  expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(fields);
}

describe('input guard', () => {
  let t: TestApp;
  let author: SignedUp;
  let follower: SignedUp;
  let issueId: string;

  async function commentCount(): Promise<number> {
    const [{ n }] = await t.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM comments WHERE issue_id = $1',
      [issueId],
    );
    return n;
  }

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t);
    follower = await signUp(t);
    const res = await call(t, 'post', '/issues', author, {
      title: 'Суу келбей жатат',
      body: 'Арыкта суу жок.',
      category: 'land_pasture',
      territoryIds: [TERRITORY.akSaiVillage],
      decisionLevel: 'aiyl_aimak',
    });
    expect(res.status).toBe(201);
    issueId = res.body.id as string;
    expect((await call(t, 'post', `/issues/${issueId}/follow`, follower)).status).toBe(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('NUL characters (PostgreSQL refuses 0x00 in text)', () => {
    it('POST /issues/:id/comments names body, and stores nothing', async () => {
      const before = await commentCount();
      const res = await call(t, 'post', `/issues/${issueId}/comments`, author, {
        body: 'a\u0000b',
      });
      expectFields(res, ['body']);
      expect(res.body.errors[0].message).toMatch(/NUL/);
      expect(await commentCount()).toBe(before);
    });

    it('PATCH /me names displayName', async () => {
      expectFields(await call(t, 'patch', '/me', author, { displayName: 'A\u0000B' }), [
        'displayName',
      ]);
    });

    it('PATCH /issues/:id names title', async () => {
      expectFields(await call(t, 'patch', `/issues/${issueId}`, author, { title: 'Суу\u0000' }), [
        'title',
      ]);
    });

    it('POST /organisations names name', async () => {
      const res = await call(t, 'post', '/organisations', author, {
        name: 'Жаштар\u0000',
        kind: 'ngo',
        territoryId: TERRITORY.akSai,
      });
      expectFields(res, ['name']);
    });

    it.each([
      ['/issues?q=%00%00', 'q'],
      ['/members?q=ab%00', 'q'],
    ])('GET %s names the query parameter', async (path, field) => {
      expectFields(await t.http.get(`${API}${path}`).set(author.auth), [field]);
    });

    it('a NUL or a broken escape in the path is a 400, not a 500', async () => {
      expectFields(await t.http.get(`${API}/issues/%00`).set(author.auth), ['path']);
      expectFields(await t.http.get(`${API}/issues/%E0%A4%A`).set(author.auth), ['path']);
    });
  });

  it('a body nested 5,000 levels deep (10 KB) is a 400 naming where the limit was hit', async () => {
    const res = await t.http
      .post(`${API}/issues/${issueId}/comments`)
      .set(author.auth)
      .set('Content-Type', 'application/json')
      .send(`{"body":${deepJson(5000)}}`);
    expectFields(res, [`body${'.0'.repeat(31)}`]);
    expect(res.body.errors[0].message).toMatch(/nested more than 32 levels/);
  });

  it('a lone surrogate in a comment is a 400, and nothing is stored', async () => {
    const before = await commentCount();
    // JSON.stringify writes a lone surrogate as the escape \ud800, as a client's JSON would.
    const res = await call(t, 'post', `/issues/${issueId}/comments`, author, { body: 'x\ud800y' });
    expectFields(res, ['body']);
    expect(res.body.errors[0].message).toMatch(/surrogate/);
    expect(await commentCount()).toBe(before);
  });

  it('an astral character (💧) goes through end to end, the follower’s notification included', async () => {
    // The 💧 straddles the 140th UTF-16 unit, where a naive excerpt would cut it in half.
    const text = `${'ж'.repeat(139)}💧 суу келди`;
    const res = await call(t, 'post', `/issues/${issueId}/comments`, author, { body: text });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe(text);
    const listed = await t.http.get(`${API}/issues/${issueId}/comments?limit=100`).set(author.auth);
    expect((listed.body.items as { body: string }[]).map((c) => c.body)).toContain(text);
    // The fan-out runs before the answer; it used to fail here on a broken surrogate.
    const inbox = await t.http.get(`${API}/notifications?kind=comment`).set(follower.auth);
    expect(inbox.status).toBe(200);
    const mine = (inbox.body.items as { payload: Record<string, unknown> }[]).find(
      (n) => n.payload.commentId === res.body.id,
    );
    expect(mine).toBeDefined();
    expect(mine!.payload.excerpt).toBe(`${'ж'.repeat(139)}💧`);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    '%s is refused as a body field like any unknown field',
    async (key) => {
      const before = await commentCount();
      const res = await t.http
        .post(`${API}/issues/${issueId}/comments`)
        .set(author.auth)
        .set('Content-Type', 'application/json')
        .send(`{"body":"салам","${key}":{"hidden":true}}`);
      expectFields(res, [key]);
      expect(await commentCount()).toBe(before);
    },
  );

  it('a body that is not JSON gets 415 with a problem body, not a wall of field errors', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await t.http
        .post(`${API}/issues/${issueId}/comments`)
        .set(author.auth)
        .set('Content-Type', type)
        .send('body=салам');
      expectProblem(res, 415, 'validation_failed');
      expect(res.body.errors).toBeUndefined();
    }
  });

  it('a missing field gets one clear message', async () => {
    const res = await call(t, 'post', `/issues/${issueId}/comments`, author, {}).set(
      'Accept-Language',
      'en',
    );
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([
      { field: 'body', message: 'body is required unless files are attached' },
    ]);
  });

  describe('over the socket', () => {
    let staff: SignedUp;
    let member: SignedUp;
    let roomId: string;
    let socket: Socket;

    async function messageCount(): Promise<number> {
      const [{ n }] = await t.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM messages WHERE room_id = $1',
        [roomId],
      );
      return n;
    }

    beforeAll(async () => {
      staff = await signUp(t, { role: 'facilitator' });
      member = await signUp(t);
      await makeOrganisation(t, member, { networkStatus: 'member' });
      const res = await call(t, 'post', '/rooms', staff, { name: 'Суу', kind: 'network' });
      expect(res.status).toBe(201);
      roomId = res.body.id as string;
    });

    beforeEach(async () => {
      // In English: the refusals' texts are compared below (test users prefer Kyrgyz).
      socket = await connect(t.baseUrl, member.accessToken, { 'Accept-Language': 'en' });
      opened.push(socket);
      expect(await ask(socket, 'room:join', { roomId })).toMatchObject({ ok: true });
    });

    const send = (body: unknown) =>
      ask<Refusal>(socket, 'message:send', { roomId, clientMsgId: randomUUID(), body });

    it.each([
      ['a NUL', 'a\u0000b', /NUL/],
      ['a lone surrogate', 'x\ud800y', /surrogate/],
    ])(
      'message:send with %s acks validation_failed naming body, nothing stored',
      async (_, body, why) => {
        const before = await messageCount();
        const ack = await send(body);
        expect(ack).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
        expect(ack.error.errors).toEqual([{ field: 'body', message: expect.stringMatching(why) }]);
        expect(await messageCount()).toBe(before);
      },
    );

    it('message:send nested 5,000 levels deep acks validation_failed', async () => {
      const ack = (await emitRawWithAck(
        socket,
        'message:send',
        `{"roomId":"${roomId}","clientMsgId":"${randomUUID()}","body":${deepJson(5000)}}`,
      )) as Refusal;
      expect(ack).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect(ack.error.errors).toEqual([
        { field: `body${'.0'.repeat(31)}`, message: expect.stringMatching(/nested/) },
      ]);
      // The socket still works.
      const delivered = next(socket, 'message:new');
      expect(await send('салам 💧')).toMatchObject({ ok: true, message: { body: 'салам 💧' } });
      await delivered;
    });

    it('an unknown event with an ack is answered not_found at once', async () => {
      const started = Date.now();
      const ack = await ask<Refusal>(socket, 'message:delete', { roomId }, 2000);
      expect(ack).toEqual({
        ok: false,
        error: { code: 'not_found', message: 'Unknown event "message:delete"' },
      });
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
});
