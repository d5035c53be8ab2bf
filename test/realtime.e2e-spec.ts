import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { io, type Socket } from 'socket.io-client';
import {
  API,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { ask, connect, next } from './support/socket.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';
import { sleep } from './support/wait.js';

/** Real socket.io clients on the app's port: handshake, delivery, resume, moderation, pushes. */

interface MessageView {
  id: string;
  roomId: string;
  seq: number;
  clientMsgId: string;
  authorId: string | null;
  body: string;
  replyToSeq: number | null;
  createdAt: string;
  hidden: boolean;
}

interface ErrorBody {
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
}

interface Ack {
  ok: boolean;
  error?: ErrorBody;
}

interface SendAck extends Ack {
  message: MessageView;
}

interface JoinAck extends Ack {
  room: { id: string; lastSeq: number; locked: boolean; slowModeSeconds: number };
  missed: MessageView[];
  hasMore: boolean;
}

interface Presence {
  roomId: string;
  online: string[];
}

interface RoomView {
  id: string;
  kind: string;
  lastSeq: number;
  unread: number;
  locked: boolean;
  slowModeSeconds: number;
}

/** How long to wait for an event that must NOT come (events on one node arrive in a few ms). */
const QUIET_MS = 400;

/** Every socket a test opens, closed after it so jest can exit. */
const opened: Socket[] = [];

afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

async function client(t: TestApp, user: SignedUp): Promise<Socket> {
  const socket = await connect(t.baseUrl, user.accessToken);
  opened.push(socket);
  return socket;
}

/** Records every `event` a socket receives from now on. */
function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

function send(
  socket: Socket,
  roomId: string,
  body: string,
  clientMsgId = randomUUID(),
  timeoutMs?: number,
) {
  return ask<SendAck>(socket, 'message:send', { roomId, clientMsgId, body }, timeoutMs);
}

function join(socket: Socket, roomId: string, afterSeq?: number, timeoutMs?: number) {
  return ask<JoinAck>(
    socket,
    'room:join',
    afterSeq === undefined ? { roomId } : { roomId, afterSeq },
    timeoutMs,
  );
}

function refusal(code: string) {
  return { ok: false, error: { code, message: expect.any(String) } };
}

/** A member of an organisation admitted to the network: may see network rooms. */
async function networkMember(t: TestApp): Promise<SignedUp> {
  const user = await signUp(t);
  await makeOrganisation(t, user, { networkStatus: 'member' });
  return user;
}

async function networkRoom(t: TestApp, staff: SignedUp, name = 'Суу маселеси'): Promise<string> {
  const res = await t.http.post(`${API}/rooms`).set(staff.auth).send({ name, kind: 'network' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function roomView(t: TestApp, as: SignedUp, roomId: string): Promise<RoomView> {
  const res = await t.http.get(`${API}/rooms`).set(as.auth);
  expect(res.status).toBe(200);
  const room = (res.body.items as RoomView[]).find((r) => r.id === roomId);
  if (!room) throw new Error(`room ${roomId} not in GET /rooms`);
  return room;
}

async function history(
  t: TestApp,
  as: SignedUp,
  roomId: string,
  query: Record<string, number> = {},
): Promise<{ items: MessageView[]; hasMore: boolean }> {
  const res = await t.http.get(`${API}/rooms/${roomId}/messages`).set(as.auth).query(query);
  expect(res.status).toBe(200);
  return res.body;
}

const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sameSet = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();

describe('real-time rooms', () => {
  let t: TestApp;
  let staff: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('handshake', () => {
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });

    async function sessionOf(user: SignedUp): Promise<{ sub: string; sid: string }> {
      const rows: { id: string }[] = await t.db.query(
        'SELECT id FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL',
        [user.id],
      );
      expect(rows).toHaveLength(1);
      return { sub: user.id, sid: rows[0].id };
    }

    it('refuses a connection without a token, with garbage or a foreign signature', async () => {
      const user = await signUp(t);
      const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-too!!' }).sign(
        await sessionOf(user),
        { issuer: 'kenesh', algorithm: 'HS256', expiresIn: 600 },
      );
      for (const token of [undefined, '', 'garbage', 'a.b.c', forged]) {
        await expect(connect(t.baseUrl, token)).rejects.toThrow('unauthorized');
      }
    });

    it('refuses an expired token of a live session, and a token of a session that ended', async () => {
      const user = await signUp(t);
      const claims = await sessionOf(user);
      const expired = jwt.sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) - 60 },
        { issuer: 'kenesh', algorithm: 'HS256' },
      );
      await expect(connect(t.baseUrl, expired)).rejects.toThrow('unauthorized');
      // The same claims with a future expiry are fine: the refusal was about time.
      const fresh = jwt.sign(claims, { issuer: 'kenesh', algorithm: 'HS256', expiresIn: 600 });
      opened.push(await connect(t.baseUrl, fresh));

      const logout = await t.http
        .post(`${API}/auth/logout`)
        .send({ refreshToken: user.refreshToken });
      expect(logout.status).toBe(204);
      await expect(connect(t.baseUrl, user.accessToken)).rejects.toThrow('unauthorized');
    });

    it('ends the connection when the token expires (session:expired, then a server disconnect)', async () => {
      const user = await signUp(t);
      const token = jwt.sign(
        { ...(await sessionOf(user)), exp: Math.floor(Date.now() / 1000) + 2 },
        { issuer: 'kenesh', algorithm: 'HS256' },
      );
      const socket = await connect(t.baseUrl, token);
      opened.push(socket);
      const expired = next(socket, 'session:expired', () => true, 5000);
      const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      await expect(expired).resolves.toEqual({ reason: expect.any(String) });
      await expect(reason).resolves.toBe('io server disconnect');
    });

    it('refuses a browser origin outside the CORS allowlist, lets non-browser clients in', async () => {
      const user = await signUp(t);
      const socket = io(`${t.baseUrl}/rt`, {
        auth: { token: user.accessToken },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin: 'https://evil.example' },
      });
      opened.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => reject(new Error('connected from a foreign origin')));
        socket.once('connect_error', () => resolve());
      });
      opened.push(await connect(t.baseUrl, user.accessToken));
    });
  });

  describe('payloads', () => {
    let member: SignedUp;
    let roomId: string;
    let socket: Socket;

    beforeAll(async () => {
      member = await networkMember(t);
      roomId = await networkRoom(t, staff);
    });

    beforeEach(async () => {
      socket = await client(t, member);
    });

    it.each(['room:join', 'room:leave', 'message:send', 'room:read', 'typing'])(
      '%s acks validation_failed for a payload that is not an object',
      async (event) => {
        for (const payload of ['text', 42, null, true]) {
          const ack = await ask<Ack>(socket, event, payload);
          expect(ack).toMatchObject(refusal('validation_failed'));
          expect(ack.error!.errors).toEqual([expect.objectContaining({ field: 'payload' })]);
        }
        // Several arguments arrive as an array.
        const several = (await socket.timeout(5000).emitWithAck(event, { roomId }, 2)) as Ack;
        expect(several).toMatchObject(refusal('validation_failed'));
        // A bad uuid and an unknown field, named in errors[].
        const bad = await ask<Ack>(socket, event, { roomId: 'not-a-uuid', extra: 1 });
        expect(bad).toMatchObject(refusal('validation_failed'));
        const fields = bad.error!.errors!.map((e) => e.field);
        expect(fields).toEqual(expect.arrayContaining(['roomId', 'extra']));
      },
    );

    it('message:send validates every field; nothing is stored', async () => {
      expect(await join(socket, roomId)).toMatchObject({ ok: true });
      const base = { roomId, clientMsgId: randomUUID(), body: 'салам' };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, body: '' }, 'body'],
        [{ ...base, body: 'ж'.repeat(4001) }, 'body'],
        [{ ...base, body: '   \n\t ' }, 'body'],
        [{ ...base, body: 42 }, 'body'],
        [{ ...base, clientMsgId: 'abc' }, 'clientMsgId'],
        [{ roomId, body: 'no id' }, 'clientMsgId'],
        [{ ...base, replyToSeq: 0 }, 'replyToSeq'],
        [{ ...base, replyToSeq: 1.5 }, 'replyToSeq'],
        [{ ...base, replyToSeq: 99 }, 'replyToSeq'],
        [{ ...base, authorId: member.id }, 'authorId'],
      ];
      for (const [payload, field] of cases) {
        const ack = await ask<Ack>(socket, 'message:send', payload);
        expect(ack).toMatchObject(refusal('validation_failed'));
        expect(ack.error!.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      const count: { n: number }[] = await t.db.query(
        'SELECT count(*)::int AS n FROM messages WHERE room_id = $1',
        [roomId],
      );
      expect(count[0].n).toBe(0);
      // 4,000 characters is the limit, not over it.
      const longest = await send(socket, roomId, 'ж'.repeat(4000));
      expect(longest).toMatchObject({ ok: true, message: { seq: 1 } });
      expect(longest.message.body).toHaveLength(4000);
    });

    it('room:join and room:read validate their numbers', async () => {
      for (const afterSeq of [-1, 1.5, '3']) {
        expect(await ask<Ack>(socket, 'room:join', { roomId, afterSeq })).toMatchObject(
          refusal('validation_failed'),
        );
      }
      expect(await join(socket, roomId)).toMatchObject({ ok: true });
      for (const seq of [-1, 'x', undefined]) {
        expect(await ask<Ack>(socket, 'room:read', { roomId, seq })).toMatchObject(
          refusal('validation_failed'),
        );
      }
    });

    it('a payload over the size cap closes the connection', async () => {
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      socket.emit('message:send', {
        roomId,
        clientMsgId: randomUUID(),
        body: 'x'.repeat(100 * 1024),
      });
      await expect(closed).resolves.toEqual(expect.any(String));
    });

    it('rooms the caller may not see answer not_found, on every event', async () => {
      const outsider = await signUp(t);
      const stranger = await client(t, outsider);
      const missing = randomUUID();
      for (const id of [roomId, missing]) {
        expect(await join(stranger, id)).toEqual(refusal('not_found'));
        expect(await send(stranger, id, 'hello')).toEqual(refusal('not_found'));
        expect(await ask<Ack>(stranger, 'room:read', { roomId: id, seq: 0 })).toEqual(
          refusal('not_found'),
        );
      }
      // Typing needs a joined room; leaving one you are not in is harmless.
      expect(await ask<Ack>(stranger, 'typing', { roomId })).toMatchObject(
        refusal('validation_failed'),
      );
      expect(await ask<Ack>(stranger, 'room:leave', { roomId })).toEqual({ ok: true });
    });
  });

  describe('delivery', () => {
    it('reaches every joined member, the sender included, and no outsider', async () => {
      const roomId = await networkRoom(t, staff);
      const [alice, bek] = [await networkMember(t), await networkMember(t)];
      const outsider = await signUp(t);
      const [a, b, s, o] = [
        await client(t, alice),
        await client(t, bek),
        await client(t, staff),
        await client(t, outsider),
      ];
      for (const socket of [a, b, s]) {
        expect(await join(socket, roomId)).toEqual({
          ok: true,
          room: { id: roomId, lastSeq: 0, locked: false, slowModeSeconds: 0 },
          missed: [],
          hasMore: false,
        });
      }
      expect(await join(o, roomId)).toEqual(refusal('not_found'));
      const outsiderGot = collect(o, 'message:new');
      const arrivals = [a, b, s].map((socket) => next<MessageView>(socket, 'message:new'));
      const clientMsgId = randomUUID();
      const sent = await send(a, roomId, 'Салам баарыңарга', clientMsgId);
      expect(sent).toEqual({
        ok: true,
        message: {
          id: expect.any(String),
          roomId,
          seq: 1,
          clientMsgId,
          authorId: alice.id,
          body: 'Салам баарыңарга',
          replyToSeq: null,
          createdAt: expect.any(String),
          hidden: false,
          attachments: [],
        },
      });
      for (const arrived of await Promise.all(arrivals)) expect(arrived).toEqual(sent.message);
      const reply = await ask<SendAck>(b, 'message:send', {
        roomId,
        clientMsgId: randomUUID(),
        body: 'Саламатсызбы',
        replyToSeq: 1,
      });
      expect(reply).toMatchObject({ ok: true, message: { seq: 2, replyToSeq: 1 } });
      await sleep(QUIET_MS);
      expect(outsiderGot).toEqual([]);
    });

    it('stops delivering after room:leave', async () => {
      const roomId = await networkRoom(t, staff);
      const bek = await networkMember(t);
      const [s, b] = [await client(t, staff), await client(t, bek)];
      await join(s, roomId);
      await join(b, roomId);
      expect(await ask<Ack>(b, 'room:leave', { roomId })).toEqual({ ok: true });
      const got = collect(b, 'message:new');
      expect(await send(s, roomId, 'after leave')).toMatchObject({ ok: true });
      await sleep(QUIET_MS);
      expect(got).toEqual([]);
    });

    it('the same clientMsgId again returns the same message and broadcasts nothing', async () => {
      const roomId = await networkRoom(t, staff);
      const bek = await networkMember(t);
      const [s, b] = [await client(t, staff), await client(t, bek)];
      await join(s, roomId);
      await join(b, roomId);
      const got = collect<MessageView>(b, 'message:new');
      const clientMsgId = randomUUID();
      const first = await send(s, roomId, 'бир жолу', clientMsgId);
      const again = await send(s, roomId, 'бир жолу', clientMsgId);
      expect(first).toMatchObject({ ok: true, message: { seq: 1 } });
      expect(again).toEqual(first);
      // Sent twice at the same moment (a retry racing the original): still one message.
      const racing = randomUUID();
      const pair = await Promise.all([
        send(s, roomId, 'экөө бирге', racing),
        send(s, roomId, 'экөө бирге', racing),
      ]);
      expect(pair[0]).toMatchObject({ ok: true, message: { seq: 2 } });
      expect(pair[1]).toEqual(pair[0]);
      await sleep(QUIET_MS);
      expect(seqs(got)).toEqual([1, 2]);
      const stored: { seq: number }[] = await t.db.query(
        'SELECT seq FROM messages WHERE room_id = $1 ORDER BY seq',
        [roomId],
      );
      expect(seqs(stored)).toEqual([1, 2]);
      // The counter did not move for the duplicates: the next message is 3.
      expect(await send(s, roomId, 'үчүнчү')).toMatchObject({ ok: true, message: { seq: 3 } });
    });

    it('a client that reconnects gets exactly the messages it missed, in order', async () => {
      const roomId = await networkRoom(t, staff);
      const bek = await networkMember(t);
      const s = await client(t, staff);
      let b = await client(t, bek);
      await join(s, roomId);
      await join(b, roomId);
      await send(s, roomId, 'биринчи');
      const seen = await next<MessageView>(b, 'message:new', (m) => m.seq === 1);
      expect(seen.body).toBe('биринчи');
      b.close();
      for (const body of ['экинчи', 'үчүнчү', 'төртүнчү']) {
        expect(await send(s, roomId, body)).toMatchObject({ ok: true });
      }
      b = await client(t, bek);
      const resumed = await join(b, roomId, seen.seq);
      expect(resumed).toMatchObject({ ok: true, room: { id: roomId, lastSeq: 4 }, hasMore: false });
      expect(resumed.missed.map((m) => [m.seq, m.body])).toEqual([
        [2, 'экинчи'],
        [3, 'үчүнчү'],
        [4, 'төртүнчү'],
      ]);
      // Up to date: nothing missed; and live delivery resumes.
      expect(await join(b, roomId, 4)).toMatchObject({ ok: true, missed: [], hasMore: false });
      const live = next<MessageView>(b, 'message:new');
      await send(s, roomId, 'бешинчи');
      expect(await live).toMatchObject({ seq: 5, body: 'бешинчи' });
    });

    it('a join while others send loses nothing: what it returns plus what comes live is complete', async () => {
      const roomId = await networkRoom(t, staff);
      // A message stored while room:join reads the history must come either in `missed` or
      // live. A long history of long messages (6 MB to read) widens that moment, and four
      // members keep sending through it.
      // (Before the fix the socket entered the room's channel after the read: a few per run fell between.)
      // Reading 6 MB while four send can take over 5 s on a loaded 2-core machine (seen in a run
      // with three test workers): the acks may take up to HEAVY_ACK_MS here.
      const HEAVY_ACK_MS = 20_000;
      await t.db.query(
        `INSERT INTO messages (room_id, seq, client_msg_id, author_id, body)
         SELECT $1, g, gen_random_uuid(), $2, repeat('😀', 4000) FROM generate_series(1, 420) g`,
        [roomId, staff.id],
      );
      await t.db.query('UPDATE rooms SET last_seq = 420 WHERE id = $1', [roomId]);
      const senders = await Promise.all(
        range(1, 4).map(async () => client(t, await networkMember(t))),
      );
      const reader = await networkMember(t);
      let sending = true;
      const streams = senders.map(async (socket) => {
        while (sending)
          expect((await send(socket, roomId, 'агым', randomUUID(), HEAVY_ACK_MS)).ok).toBe(true);
      });
      const joins: { afterSeq: number; have: Set<number> }[] = [];
      const joinOnce = async () => {
        const socket = await client(t, reader);
        const have = new Set<number>();
        socket.on('message:new', (m: MessageView) => have.add(m.seq));
        const rows: { last_seq: number }[] = await t.db.query(
          'SELECT last_seq FROM rooms WHERE id = $1',
          [roomId],
        );
        const afterSeq = rows[0].last_seq - 350;
        const ack = await join(socket, roomId, afterSeq, HEAVY_ACK_MS);
        expect(ack).toMatchObject({ ok: true, hasMore: false });
        for (const m of ack.missed) have.add(m.seq);
        joins.push({ afterSeq, have });
      };
      for (let i = 0; i < 10; i += 1) await joinOnce();
      sending = false;
      await Promise.all(streams);
      await sleep(QUIET_MS);
      const rows: { last_seq: number }[] = await t.db.query(
        'SELECT last_seq FROM rooms WHERE id = $1',
        [roomId],
      );
      const lost = joins
        .map(({ afterSeq, have }) =>
          range(afterSeq + 1, rows[0].last_seq).filter((n) => !have.has(n)),
        )
        .filter((missing) => missing.length);
      expect(lost).toEqual([]);
    }, 180_000);

    it('with more than 500 missed, room:join returns 500 and hasMore; REST pages the rest', async () => {
      const roomId = await networkRoom(t, staff);
      const s = await client(t, staff);
      await join(s, roomId);
      for (let from = 1; from <= 520; from += 65) {
        const batch = range(from, Math.min(from + 64, 520)).map((n) =>
          send(s, roomId, `message ${n}`),
        );
        for (const ack of await Promise.all(batch)) expect(ack.ok).toBe(true);
      }
      const bek = await networkMember(t);
      const b = await client(t, bek);
      const resumed = await join(b, roomId, 0);
      expect(resumed).toMatchObject({ ok: true, room: { lastSeq: 520 }, hasMore: true });
      expect(seqs(resumed.missed)).toEqual(range(1, 500));
      const rest = await history(t, bek, roomId, { afterSeq: 500, limit: 100 });
      expect(seqs(rest.items)).toEqual(range(501, 520));
      expect(rest.hasMore).toBe(false);
    }, 60_000);

    it('five concurrent senders, twenty messages each: seq is exactly 1..100, received in order', async () => {
      const roomId = await networkRoom(t, staff);
      const users = await Promise.all(range(1, 5).map(() => networkMember(t)));
      const sockets = await Promise.all(users.map((u) => client(t, u)));
      for (const socket of sockets) expect(await join(socket, roomId)).toMatchObject({ ok: true });
      const received = sockets.map((socket) => collect<MessageView>(socket, 'message:new'));
      const acks = await Promise.all(
        sockets.flatMap((socket, i) =>
          range(1, 20).map((n) => send(socket, roomId, `sender ${i} message ${n}`)),
        ),
      );
      expect(acks.every((a) => a.ok)).toBe(true);
      expect(seqs(acks.map((a) => a.message)).sort((x, y) => x - y)).toEqual(range(1, 100));
      const page = await history(t, users[0], roomId, { afterSeq: 0, limit: 100 });
      expect(seqs(page.items)).toEqual(range(1, 100));
      expect(page.hasMore).toBe(false);
      const stored: { seq: number }[] = await t.db.query(
        'SELECT seq FROM messages WHERE room_id = $1 ORDER BY seq',
        [roomId],
      );
      expect(seqs(stored)).toEqual(range(1, 100));
      const counter: { last_seq: number }[] = await t.db.query(
        'SELECT last_seq FROM rooms WHERE id = $1',
        [roomId],
      );
      expect(counter[0].last_seq).toBe(100);
      // Every member got each message once, in seq order (commits finish in any order).
      const deadline = Date.now() + 5000;
      while (received.some((r) => r.length < 100) && Date.now() < deadline) await sleep(50);
      for (const got of received) expect(seqs(got)).toEqual(range(1, 100));
    }, 60_000);

    /**
     * Two members joined to a new room; `storeUnannounced` commits a message the way a node
     * does, but announces it to no one (as if that node died right after its commit).
     */
    async function roomWithUnannouncedMessages() {
      const roomId = await networkRoom(t, staff);
      const [ayana, bek] = [await networkMember(t), await networkMember(t)];
      const [a, b] = [await client(t, ayana), await client(t, bek)];
      for (const socket of [a, b]) expect(await join(socket, roomId)).toMatchObject({ ok: true });
      const received = collect<MessageView>(b, 'message:new');
      const storeUnannounced = (body: string) =>
        t.db.query(
          `WITH bumped AS (UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
           INSERT INTO messages (room_id, seq, client_msg_id, author_id, body)
           SELECT $1, last_seq, $2, $3, $4 FROM bumped`,
          [roomId, randomUUID(), ayana.id, body],
        );
      const receivedAfter = async (count: number, withinMs: number) => {
        const deadline = Date.now() + withinMs;
        while (received.length < count && Date.now() < deadline) await sleep(20);
        await sleep(QUIET_MS);
        return received.map((m) => [m.seq, m.body]);
      };
      return { roomId, sender: a, storeUnannounced, receivedAfter };
    }

    it('a message stored without a live event (as if its node died after commit) still reaches members, before the next one', async () => {
      const { roomId, sender, storeUnannounced, receivedAfter } =
        await roomWithUnannouncedMessages();
      expect(await send(sender, roomId, 'биринчи')).toMatchObject({
        ok: true,
        message: { seq: 1 },
      });
      await storeUnannounced('экинчи');
      expect(await send(sender, roomId, 'үчүнчү')).toMatchObject({ ok: true, message: { seq: 3 } });
      expect(await receivedAfter(3, 5000)).toEqual([
        [1, 'биринчи'],
        [2, 'экинчи'],
        [3, 'үчүнчү'],
      ]);
    });

    it('a message stored without a live event and with none after it reaches members within seconds (the sweep)', async () => {
      const { roomId, sender, storeUnannounced, receivedAfter } =
        await roomWithUnannouncedMessages();
      expect(await send(sender, roomId, 'биринчи')).toMatchObject({
        ok: true,
        message: { seq: 1 },
      });
      await storeUnannounced('унутулган');
      // Each node compares its rooms with the database every 5 s.
      expect(await receivedAfter(2, 8000)).toEqual([
        [1, 'биринчи'],
        [2, 'унутулган'],
      ]);
    }, 15_000);
  });

  describe('read markers, typing and presence', () => {
    it('room:read moves the read marker forward only; GET /rooms shows unread', async () => {
      const roomId = await networkRoom(t, staff);
      const bek = await networkMember(t);
      const [s, b] = [await client(t, staff), await client(t, bek)];
      await join(s, roomId);
      for (let n = 1; n <= 5; n += 1) await send(s, roomId, `message ${n}`);
      expect(await roomView(t, bek, roomId)).toMatchObject({ lastSeq: 5, unread: 5 });
      expect(await ask<Ack>(b, 'room:read', { roomId, seq: 3 })).toEqual({ ok: true });
      expect(await roomView(t, bek, roomId)).toMatchObject({ unread: 2 });
      // Never backwards.
      expect(await ask<Ack>(b, 'room:read', { roomId, seq: 1 })).toEqual({ ok: true });
      expect(await roomView(t, bek, roomId)).toMatchObject({ unread: 2 });
      const single = await t.http.get(`${API}/rooms/${roomId}`).set(bek.auth);
      expect(single.body).toMatchObject({ unread: 2 });
      // Not beyond the last message.
      expect(await ask<Ack>(b, 'room:read', { roomId, seq: 6 })).toMatchObject(
        refusal('validation_failed'),
      );
      expect(await ask<Ack>(b, 'room:read', { roomId, seq: 5 })).toEqual({ ok: true });
      expect(await roomView(t, bek, roomId)).toMatchObject({ unread: 0 });
      // The sender's marker is their own.
      expect(await roomView(t, staff, roomId)).toMatchObject({ unread: 5 });
      // room:join without afterSeq resumes from the read marker.
      await send(s, roomId, 'жаңы');
      const resumed = await join(b, roomId);
      expect(seqs(resumed.missed)).toEqual([6]);
    });

    it('typing is relayed to the others only, at most once per two seconds', async () => {
      const roomId = await networkRoom(t, staff);
      const [alice, bek] = [await networkMember(t), await networkMember(t)];
      const [a, b, s] = [await client(t, alice), await client(t, bek), await client(t, staff)];
      for (const socket of [a, b, s]) await join(socket, roomId);
      const typingAtA = collect(a, 'typing');
      const typingAtB = collect(b, 'typing');
      const typingAtS = collect(s, 'typing');
      for (let n = 0; n < 4; n += 1) {
        expect(await ask<Ack>(a, 'typing', { roomId })).toEqual({ ok: true });
      }
      await sleep(QUIET_MS);
      expect(typingAtB).toEqual([{ roomId, userId: alice.id }]);
      expect(typingAtS).toEqual([{ roomId, userId: alice.id }]);
      expect(typingAtA).toEqual([]);
      await sleep(2100 - QUIET_MS);
      expect(await ask<Ack>(a, 'typing', { roomId })).toEqual({ ok: true });
      await sleep(QUIET_MS);
      expect(typingAtB).toHaveLength(2);
      expect(typingAtA).toEqual([]);
    });

    it('room:presence lists who is online after join, leave and disconnect', async () => {
      const roomId = await networkRoom(t, staff);
      const bek = await networkMember(t);
      const s = await client(t, staff);
      const presence = (online: string[]) =>
        next<Presence>(s, 'room:presence', (p) => p.roomId === roomId && sameSet(p.online, online));
      let expected = presence([staff.id]);
      await join(s, roomId);
      await expect(expected).resolves.toMatchObject({ online: [staff.id] });

      let b = await client(t, bek);
      expected = presence([staff.id, bek.id]);
      await join(b, roomId);
      await expected;

      expected = presence([staff.id]);
      await ask(b, 'room:leave', { roomId });
      await expected;

      expected = presence([staff.id, bek.id]);
      await join(b, roomId);
      await expected;

      expected = presence([staff.id]);
      b.close();
      await expected;

      // Two sockets of one member count once; the member is online while either is.
      b = await client(t, bek);
      const b2 = await client(t, bek);
      expected = presence([staff.id, bek.id]);
      await join(b, roomId);
      await join(b2, roomId);
      const both = await expected;
      expect(both.online).toHaveLength(2);
    });
  });

  describe('moderation through the socket', () => {
    let roomId: string;
    let member: SignedUp;
    let other: SignedUp;
    let mod: Socket;
    let m: Socket;
    let o: Socket;

    beforeEach(async () => {
      roomId = await networkRoom(t, staff);
      member = await networkMember(t);
      other = await networkMember(t);
      [mod, m, o] = [await client(t, staff), await client(t, member), await client(t, other)];
      for (const socket of [mod, m, o])
        expect(await join(socket, roomId)).toMatchObject({ ok: true });
    });

    const post = (path: string, body: object, as = staff) =>
      t.http.post(`${API}${path}`).set(as.auth).send(body);

    it('lock: members are refused room_locked, moderators still send; room:updated is broadcast', async () => {
      const updates = [m, o].map((socket) =>
        next(socket, 'room:updated', (u: { locked: boolean }) => u.locked),
      );
      const res = await post(`/rooms/${roomId}/lock`, { locked: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: roomId, locked: true });
      for (const update of await Promise.all(updates)) {
        expect(update).toMatchObject({ roomId, locked: true, slowModeSeconds: 0 });
      }
      expect(await send(m, roomId, 'уккула')).toEqual(refusal('room_locked'));
      expect(await send(mod, roomId, 'Тынчтангыла')).toMatchObject({ ok: true });
      const unlocked = next(m, 'room:updated', (u: { locked: boolean }) => !u.locked);
      expect((await post(`/rooms/${roomId}/lock`, { locked: false })).status).toBe(200);
      await unlocked;
      expect(await send(m, roomId, 'рахмат')).toMatchObject({ ok: true });
      // Only moderators lock.
      expectProblem(
        await post(`/rooms/${roomId}/lock`, { locked: true }, member),
        403,
        'forbidden',
      );
    });

    it('slow mode: a second message within the window is rate_limited', async () => {
      const updated = next(
        m,
        'room:updated',
        (u: { slowModeSeconds: number }) => u.slowModeSeconds > 0,
      );
      expect((await post(`/rooms/${roomId}/slow-mode`, { seconds: 2 })).status).toBe(200);
      expect(await updated).toMatchObject({ roomId, locked: false, slowModeSeconds: 2 });
      expect(await send(m, roomId, 'биринчи')).toMatchObject({ ok: true });
      expect(await send(m, roomId, 'экинчи')).toEqual(refusal('rate_limited'));
      // Another member has their own window; moderators have none.
      expect(await send(o, roomId, 'мен да')).toMatchObject({ ok: true });
      expect(await send(mod, roomId, 'бир')).toMatchObject({ ok: true });
      expect(await send(mod, roomId, 'эки')).toMatchObject({ ok: true });
      await sleep(2100);
      expect(await send(m, roomId, 'эми болот')).toMatchObject({ ok: true });
      expect((await post(`/rooms/${roomId}/slow-mode`, { seconds: 0 })).status).toBe(200);
      expect(await send(m, roomId, 'тез')).toMatchObject({ ok: true });
      expect(await send(m, roomId, 'тезирээк')).toMatchObject({ ok: true });
    });

    it('mute: acks muted until the mute ends; others are unaffected', async () => {
      const told = next(m, 'room:muted');
      const res = await post(`/rooms/${roomId}/mutes`, {
        userId: member.id,
        minutes: 5,
        reason: 'Кызуу сөздөр',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ roomId, userId: member.id, kind: 'mute' });
      expect(await told).toMatchObject({ roomId, reason: 'Кызуу сөздөр' });
      expect(await send(m, roomId, 'бирок')).toEqual(refusal('muted'));
      expect(await send(o, roomId, 'мен сүйлөй алам')).toMatchObject({ ok: true });
      // A muted member still reads: joins, receives.
      const arrives = next<MessageView>(m, 'message:new');
      await send(mod, roomId, 'угуп тургула');
      await arrives;
      // Time passes: the mute is over.
      await t.db.query(
        "UPDATE room_sanctions SET until = now() - interval '1 second' WHERE room_id = $1 AND user_id = $2",
        [roomId, member.id],
      );
      expect(await send(m, roomId, 'кайра')).toMatchObject({ ok: true });
    });

    it('ban: acks banned, the socket leaves the channel, join and history refuse; unban restores', async () => {
      const told = next(m, 'room:banned');
      // The others are told who is still there: the banned member is not. (First let the
      // presence updates of the joins go out: they are sent 300 ms after a join.)
      await sleep(QUIET_MS);
      const presence = next<Presence>(
        o,
        'room:presence',
        (p) => p.roomId === roomId && !p.online.includes(member.id),
      );
      const res = await post(`/rooms/${roomId}/bans`, { userId: member.id, reason: 'Коркутуу' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ roomId, userId: member.id, kind: 'ban', until: null });
      expect(await told).toEqual({ roomId, reason: 'Коркутуу' });
      expect((await presence).online).toContain(other.id);
      expectProblem(
        await post(`/rooms/${roomId}/bans`, { userId: member.id, reason: 'дагы' }),
        409,
        'conflict',
      );

      const bannedGot = collect(m, 'message:new');
      const otherGets = next(o, 'message:new');
      expect(await send(mod, roomId, 'after the ban')).toMatchObject({ ok: true });
      await otherGets;
      expect(await send(m, roomId, 'мени уккула')).toEqual(refusal('banned'));
      expect(await join(m, roomId)).toEqual(refusal('banned'));
      await sleep(QUIET_MS);
      expect(bannedGot).toEqual([]);
      expectProblem(
        await t.http.get(`${API}/rooms/${roomId}/messages`).set(member.auth),
        403,
        'banned',
      );

      const lifted = await t.http
        .delete(`${API}/rooms/${roomId}/bans/${member.id}`)
        .set(staff.auth);
      expect(lifted.status).toBe(204);
      expectProblem(
        await t.http.delete(`${API}/rooms/${roomId}/bans/${member.id}`).set(staff.auth),
        404,
        'not_found',
      );
      const back = await join(m, roomId, 0);
      expect(back).toMatchObject({ ok: true, missed: [{ body: 'after the ban' }] });
      const arrives = next<MessageView>(o, 'message:new');
      expect(await send(m, roomId, 'кечиресиздер')).toMatchObject({ ok: true });
      expect(await arrives).toMatchObject({ authorId: member.id });
      expect((await t.http.get(`${API}/rooms/${roomId}/messages`).set(member.auth)).status).toBe(
        200,
      );
    });

    it('hide: message:hidden to the room; members then see an empty body, moderators the text', async () => {
      const sent = await send(m, roomId, 'орой сөз');
      const hiddenAt = [mod, m, o].map((socket) => next(socket, 'message:hidden'));
      const res = await post(`/messages/${sent.message.id}/hide`, { reason: 'Орой сөз' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: sent.message.id, hidden: true, body: 'орой сөз' });
      for (const event of await Promise.all(hiddenAt)) {
        expect(event).toEqual({ roomId, messageId: sent.message.id, seq: sent.message.seq });
      }
      const forMember = await history(t, other, roomId);
      expect(forMember.items).toEqual([
        expect.objectContaining({ id: sent.message.id, body: '', hidden: true }),
      ]);
      const forModerator = await history(t, staff, roomId);
      expect(forModerator.items).toEqual([
        expect.objectContaining({ id: sent.message.id, body: 'орой сөз', hidden: true }),
      ]);
      const rejoined = await join(o, roomId, 0);
      expect(rejoined.missed).toEqual([expect.objectContaining({ body: '', hidden: true })]);
      expectProblem(
        await post(`/messages/${sent.message.id}/hide`, { reason: 'again' }),
        409,
        'conflict',
      );
      expectProblem(
        await post(`/messages/${sent.message.id}/hide`, { reason: 'мен' }, other),
        403,
        'forbidden',
      );
    });

    it("an organisation room's representative moderates it; a plain member cannot", async () => {
      const rep = await signUp(t);
      const plain = await signUp(t);
      const organisation = await makeOrganisation(t, rep);
      const added = await post(
        `/organisations/${organisation.id}/members`,
        { userId: plain.id, role: 'member' },
        rep,
      );
      expect(added.status).toBeLessThan(300);
      const created = await post(
        '/rooms',
        { name: 'Ички талкуу', kind: 'organisation', organisationId: organisation.id },
        rep,
      );
      expect(created.status).toBe(201);
      const orgRoom = created.body.id as string;
      const [r, p] = [await client(t, rep), await client(t, plain)];
      await join(r, orgRoom);
      expect(await join(p, orgRoom)).toMatchObject({ ok: true });

      expect((await post(`/rooms/${orgRoom}/lock`, { locked: true }, rep)).status).toBe(200);
      expect(await send(p, orgRoom, 'мен')).toEqual(refusal('room_locked'));
      expect(await send(r, orgRoom, 'азыр эмес')).toMatchObject({ ok: true });
      expectProblem(
        await post(`/rooms/${orgRoom}/lock`, { locked: false }, plain),
        403,
        'forbidden',
      );
      expect((await post(`/rooms/${orgRoom}/lock`, { locked: false }, rep)).status).toBe(200);
      const said = await send(p, orgRoom, 'сөз');
      expect(said).toMatchObject({ ok: true });

      const muted = await post(
        `/rooms/${orgRoom}/mutes`,
        { userId: plain.id, minutes: 1, reason: 'бир аз күт' },
        rep,
      );
      expect(muted.status).toBe(201);
      expect(await send(p, orgRoom, 'дагы')).toEqual(refusal('muted'));
      expect(
        (await post(`/messages/${said.message.id}/hide`, { reason: 'тема эмес' }, rep)).status,
      ).toBe(200);
    });
  });

  describe('notifications', () => {
    it('a notification from the issues module reaches its recipient and no one else', async () => {
      const [author, commenter, bystander] = [await signUp(t), await signUp(t), await signUp(t)];
      const [a, c, x] = [
        await client(t, author),
        await client(t, commenter),
        await client(t, bystander),
      ];
      const commenterGot = collect(c, 'notification');
      const bystanderGot = collect(x, 'notification');
      const issue = await t.http
        .post(`${API}/issues`)
        .set(author.auth)
        .send({
          title: 'Сугат суусу жетпей жатат',
          body: 'Каналдагы суу айылга жетпейт.',
          category: 'water_irrigation',
          territoryIds: [TERRITORY.akSaiVillage],
          decisionLevel: 'aiyl_aimak',
        });
      expect(issue.status).toBe(201);
      const arrives = next<{ kind: string; issueId: string; actorId: string }>(a, 'notification');
      const comment = await t.http
        .post(`${API}/issues/${issue.body.id}/comments`)
        .set(commenter.auth)
        .send({ body: 'Биз да ушундай абалдабыз.' });
      expect(comment.status).toBe(201);
      expect(await arrives).toMatchObject({
        id: expect.any(String),
        kind: 'comment',
        issueId: issue.body.id,
        actorId: commenter.id,
        read: false,
      });
      await sleep(QUIET_MS);
      expect(commenterGot).toEqual([]);
      expect(bystanderGot).toEqual([]);
    });
  });
});

describe('real-time rooms with rate limits on', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ KENESH_RATE_LIMITS: 'on' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('a member sending 15 messages at once gets rate_limited beyond the burst of 10', async () => {
    const staff = await signUp(t, { role: 'facilitator' });
    const member = await networkMember(t);
    const roomId = await networkRoom(t, staff);
    const socket = await client(t, member);
    await join(socket, roomId);
    const acks = await Promise.all(range(1, 15).map((n) => send(socket, roomId, `spam ${n}`)));
    const ok = acks.filter((a) => a.ok);
    const limited = acks.filter((a) => a.error?.code === 'rate_limited');
    expect(ok.length + limited.length).toBe(15);
    expect(ok.length).toBeGreaterThanOrEqual(10);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(seqs(ok.map((a) => a.message)).sort((x, y) => x - y)).toEqual(range(1, ok.length));
    // Someone else is not limited by that member's bucket.
    const other = await client(t, staff);
    await join(other, roomId);
    expect(await send(other, roomId, 'тынч')).toMatchObject({ ok: true });
  });
});
