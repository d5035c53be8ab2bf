import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import {
  API,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { ask, connect } from './support/socket.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Rooms over REST: creation rules, visibility, history paging, invitations, moderation, flags, audit. */

interface RoomView {
  id: string;
  name: string;
  kind: string;
  issueId: string | null;
  organisationId: string | null;
  locked: boolean;
  slowModeSeconds: number;
  lastSeq: number;
  unread: number;
  moderator: boolean;
}

interface MessageView {
  id: string;
  seq: number;
  body: string;
  hidden: boolean;
  authorId: string | null;
}

interface SendAck {
  ok: boolean;
  message: MessageView;
  error?: { code: string };
}

interface FlagView {
  id: string;
  messageId: string;
  status: string;
  action: string | null;
}

interface AuditView {
  id: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  roomId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

type Method = 'get' | 'post' | 'patch' | 'delete';

const opened: Socket[] = [];

afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const seqs = (items: { seq: number }[]) => items.map((m) => m.seq);

describe('rooms over REST', () => {
  let t: TestApp;
  let staff: SignedUp;
  /** Representative of an organisation admitted to the network. */
  let rep: SignedUp;
  /** A plain member of the same organisation. */
  let plain: SignedUp;
  /** Representative of an organisation whose application is still pending. */
  let pending: SignedUp;
  /** Signed in, in no organisation. */
  let outsider: SignedUp;
  /** In no organisation; invited into the private room. */
  let invitee: SignedUp;
  let organisationId: string;
  let issueId: string;

  function call(method: Method, path: string, as?: SignedUp, body?: object) {
    let req = t.http[method](`${API}${path}`);
    if (as) req = req.set(as.auth);
    return body === undefined ? req : req.send(body);
  }

  async function createRoom(as: SignedUp, body: Record<string, unknown>): Promise<RoomView> {
    const res = await call('post', '/rooms', as, body);
    if (res.status !== 201)
      throw new Error(`createRoom failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as RoomView;
  }

  async function raiseIssue(as: SignedUp): Promise<string> {
    const res = await call('post', '/issues', as, {
      title: 'Чек арадагы жол жабылды',
      body: 'Базарга жол жабык, соода токтоп калды.',
      category: 'roads_transport',
      territoryIds: [TERRITORY.akSaiVillage],
      decisionLevel: 'district',
    });
    if (res.status !== 201)
      throw new Error(`raise failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  async function visibleIds(as: SignedUp): Promise<string[]> {
    const res = await call('get', '/rooms', as);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    return (res.body.items as RoomView[]).map((r) => r.id);
  }

  async function socketOf(user: SignedUp): Promise<Socket> {
    const socket = await connect(t.baseUrl, user.accessToken);
    opened.push(socket);
    return socket;
  }

  async function say(socket: Socket, roomId: string, body: string): Promise<MessageView> {
    const ack = await ask<SendAck>(socket, 'message:send', {
      roomId,
      clientMsgId: randomUUID(),
      body,
    });
    if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
    return ack.message;
  }

  async function networkMember(): Promise<SignedUp> {
    const user = await signUp(t);
    await makeOrganisation(t, user, { networkStatus: 'member' });
    return user;
  }

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    [rep, plain, pending, outsider, invitee] = await Promise.all(range(1, 5).map(() => signUp(t)));
    organisationId = (await makeOrganisation(t, rep, { networkStatus: 'member' })).id;
    const added = await call('post', `/organisations/${organisationId}/members`, rep, {
      userId: plain.id,
      role: 'member',
    });
    expect(added.status).toBe(201);
    await makeOrganisation(t, pending, { networkStatus: 'pending' });
    issueId = await raiseIssue(outsider);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('POST /rooms', () => {
    it('network rooms: facilitators and admins only', async () => {
      const res = await call('post', '/rooms', staff, { name: 'Жалпы кеңеш', kind: 'network' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'Жалпы кеңеш',
        kind: 'network',
        issueId: null,
        organisationId: null,
        locked: false,
        slowModeSeconds: 0,
        lastSeq: 0,
        pinnedSeq: null,
        unread: 0,
        moderator: true,
        createdAt: expect.any(String),
      });
      const admin = await signUp(t, { role: 'admin' });
      expect((await call('post', '/rooms', admin, { name: 'Admin', kind: 'network' })).status).toBe(
        201,
      );
      for (const who of [rep, plain, outsider]) {
        expectProblem(
          await call('post', '/rooms', who, { name: 'Менин', kind: 'network' }),
          403,
          'forbidden',
        );
      }
      expectProblem(
        await t.http.post(`${API}/rooms`).send({ name: 'x', kind: 'network' }),
        401,
        'unauthorized',
      );
    });

    it('issue rooms: one per issue; asking for a second is a 409 naming the existing room', async () => {
      const issue = await raiseIssue(plain);
      const first = await call('post', '/rooms', plain, {
        name: 'Жол боюнча',
        kind: 'issue',
        issueId: issue,
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ kind: 'issue', issueId: issue, moderator: false });
      const again = await call('post', '/rooms', outsider, {
        name: 'Башка ат',
        kind: 'issue',
        issueId: issue,
      });
      expectProblem(again, 409, 'conflict');
      expect(again.body.detail).toContain(first.body.id);
      // The second name was not applied anywhere.
      const names: { name: string }[] = await t.db.query(
        'SELECT name FROM rooms WHERE issue_id = $1',
        [issue],
      );
      expect(names).toEqual([{ name: 'Жол боюнча' }]);

      // Two at the same moment: one room; the loser's 409 names the winner's room.
      const racing = await raiseIssue(plain);
      const pair = await Promise.all(
        [plain, outsider].map((who) =>
          call('post', '/rooms', who, { name: 'Бирге', kind: 'issue', issueId: racing }),
        ),
      );
      expect(pair.map((r) => r.status).sort()).toEqual([201, 409]);
      const winner = pair.find((r) => r.status === 201)!;
      const loser = pair.find((r) => r.status === 409)!;
      expectProblem(loser, 409, 'conflict');
      expect(loser.body.detail).toContain(winner.body.id);
      const count: { n: number }[] = await t.db.query(
        'SELECT count(*)::int AS n FROM rooms WHERE issue_id = $1',
        [racing],
      );
      expect(count[0].n).toBe(1);

      for (const body of [
        { name: 'x', kind: 'issue' },
        { name: 'x', kind: 'issue', issueId: randomUUID() },
        { name: 'x', kind: 'issue', issueId: 'not-a-uuid' },
      ]) {
        const res = await call('post', '/rooms', plain, body);
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'issueId' })]);
      }
    });

    it('organisation rooms: its representatives and staff; not its plain members or others', async () => {
      const byRep = await call('post', '/rooms', rep, {
        name: 'Ички',
        kind: 'organisation',
        organisationId,
      });
      expect(byRep.status).toBe(201);
      expect(byRep.body).toMatchObject({ kind: 'organisation', organisationId, moderator: true });
      expect(
        (
          await call('post', '/rooms', staff, {
            name: 'Staff',
            kind: 'organisation',
            organisationId,
          })
        ).status,
      ).toBe(201);
      for (const who of [plain, outsider, pending]) {
        expectProblem(
          await call('post', '/rooms', who, { name: 'x', kind: 'organisation', organisationId }),
          403,
          'forbidden',
        );
      }
      for (const body of [
        { name: 'x', kind: 'organisation' },
        { name: 'x', kind: 'organisation', organisationId: randomUUID() },
      ]) {
        const res = await call('post', '/rooms', staff, body);
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'organisationId' })]);
      }
    });

    it('private rooms: the creator and the memberIds are invited', async () => {
      const room = await createRoom(outsider, {
        name: 'Экөөбүз',
        kind: 'private',
        memberIds: [invitee.id],
      });
      expect(room).toMatchObject({ kind: 'private', moderator: false });
      expect(await visibleIds(outsider)).toContain(room.id);
      expect(await visibleIds(invitee)).toContain(room.id);
      expect(await visibleIds(plain)).not.toContain(room.id);
      const members: { user_id: string }[] = await t.db.query(
        'SELECT user_id FROM room_members WHERE room_id = $1 AND invited ORDER BY user_id',
        [room.id],
      );
      expect(members.map((m) => m.user_id)).toEqual([outsider.id, invitee.id].sort());
      // The creator listed among memberIds is not doubled.
      expect(
        (
          await call('post', '/rooms', outsider, {
            name: 'Өзүм',
            kind: 'private',
            memberIds: [outsider.id, invitee.id],
          })
        ).status,
      ).toBe(201);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a bad kind', { name: 'x', kind: 'public' }, 'kind'],
      ['no kind', { name: 'x' }, 'kind'],
      ['no name', { kind: 'private' }, 'name'],
      ['an empty name', { name: '   ', kind: 'private' }, 'name'],
      ['a name over 120 characters', { name: 'ы'.repeat(121), kind: 'private' }, 'name'],
      ['memberIds on a network room', { name: 'x', kind: 'network', memberIds: [] }, 'memberIds'],
      ['an unknown field', { name: 'x', kind: 'private', topic: 'суу' }, 'topic'],
      [
        'issueId on a private room',
        { name: 'x', kind: 'private', issueId: randomUUID() },
        'issueId',
      ],
      ['a bad uuid in memberIds', { name: 'x', kind: 'private', memberIds: ['nope'] }, 'memberIds'],
      [
        'an unknown user in memberIds',
        { name: 'x', kind: 'private', memberIds: [randomUUID()] },
        'memberIds',
      ],
      [
        'the same user twice in memberIds',
        { name: 'x', kind: 'private', memberIds: ['SAME', 'SAME'] },
        'memberIds',
      ],
    ])('400 for %s', async (_label, body, field) => {
      const patched = JSON.parse(JSON.stringify(body).replaceAll('SAME', invitee.id)) as Record<
        string,
        unknown
      >;
      const res = await call('post', '/rooms', staff, patched);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('400 for memberIds on any non-private room, and ids of the wrong kind', async () => {
      const cases: Record<string, unknown>[] = [
        { name: 'x', kind: 'network', memberIds: [invitee.id] },
        { name: 'x', kind: 'organisation', organisationId, memberIds: [invitee.id] },
        { name: 'x', kind: 'issue', issueId, memberIds: [invitee.id] },
        { name: 'x', kind: 'network', issueId },
        { name: 'x', kind: 'network', organisationId },
      ];
      for (const body of cases) {
        expectProblem(await call('post', '/rooms', staff, body), 400, 'validation_failed');
      }
      const rooms: { n: number }[] = await t.db.query(
        "SELECT count(*)::int AS n FROM rooms WHERE name = 'x'",
      );
      expect(rooms[0].n).toBe(0);
    });
  });

  describe('who sees what', () => {
    let network: RoomView;
    let organisation: RoomView;
    let secret: RoomView;
    let issueRoom: RoomView;

    beforeAll(async () => {
      network = await createRoom(staff, { name: 'Тармак', kind: 'network' });
      organisation = await createRoom(rep, { name: 'Уюм', kind: 'organisation', organisationId });
      secret = await createRoom(rep, {
        name: 'Жашыруун',
        kind: 'private',
        memberIds: [invitee.id],
      });
      issueRoom = await createRoom(outsider, { name: 'Маселе', kind: 'issue', issueId });
    });

    const cases: [string, () => SignedUp, ('network' | 'organisation' | 'secret' | 'issue')[]][] = [
      ['the representative', () => rep, ['network', 'organisation', 'secret', 'issue']],
      [
        'a plain member of the admitted organisation',
        () => plain,
        ['network', 'organisation', 'issue'],
      ],
      ['a member of an organisation still pending', () => pending, ['issue']],
      ['an outsider', () => outsider, ['issue']],
      ['the invitee', () => invitee, ['secret', 'issue']],
      ['a facilitator', () => staff, ['network', 'organisation', 'issue']],
    ];

    it.each(cases)('%s sees exactly the rooms they may', async (_label, who, expected) => {
      const rooms = { network, organisation, secret, issue: issueRoom };
      const ids = await visibleIds(who());
      for (const [name, room] of Object.entries(rooms)) {
        const shouldSee = (expected as string[]).includes(name);
        expect({ name, listed: ids.includes(room.id) }).toEqual({ name, listed: shouldSee });
        if (name === 'secret' && who() === staff) continue; // staff open any room by id to moderate it
        const single = await call('get', `/rooms/${room.id}`, who());
        if (shouldSee) {
          expect(single.status).toBe(200);
          expect(single.body).toMatchObject({ id: room.id, kind: room.kind });
        } else {
          expectProblem(single, 404, 'not_found');
          expectProblem(await call('get', `/rooms/${room.id}/messages`, who()), 404, 'not_found');
        }
      }
    });

    it('unknown and malformed ids', async () => {
      expectProblem(await call('get', `/rooms/${randomUUID()}`, staff), 404, 'not_found');
      expectProblem(await call('get', `/rooms/${randomUUID()}/messages`, staff), 404, 'not_found');
      expectProblem(await call('get', '/rooms/not-a-uuid', staff), 400, 'validation_failed');
      expectProblem(await t.http.get(`${API}/rooms`), 401, 'unauthorized');
    });

    it('a network room is visible only while the organisation is admitted', async () => {
      const user = await signUp(t);
      const org = await makeOrganisation(t, user, { networkStatus: 'pending' });
      expect(await visibleIds(user)).not.toContain(network.id);
      await t.db.query("UPDATE organisations SET network_status = 'member' WHERE id = $1", [
        org.id,
      ]);
      expect(await visibleIds(user)).toContain(network.id);
      expect((await call('get', `/rooms/${network.id}`, user)).status).toBe(200);
    });
  });

  describe('GET /rooms/:id/messages', () => {
    let roomId: string;

    beforeAll(async () => {
      roomId = (await createRoom(staff, { name: 'Тарых', kind: 'network' })).id;
      const socket = await connect(t.baseUrl, staff.accessToken);
      try {
        for (const n of range(1, 12)) await say(socket, roomId, `билдирүү ${n}`);
      } finally {
        socket.close();
      }
    });

    async function page(query: Record<string, unknown>) {
      const res = await call('get', `/rooms/${roomId}/messages`, plain).query(query);
      expect(res.status).toBe(200);
      return { seqs: seqs(res.body.items as MessageView[]), hasMore: res.body.hasMore as boolean };
    }

    it('pages in seq order: latest by default, afterSeq forward, beforeSeq backward', async () => {
      expect(await page({})).toEqual({ seqs: range(1, 12), hasMore: false });
      expect(await page({ limit: 5 })).toEqual({ seqs: range(8, 12), hasMore: true });
      expect(await page({ afterSeq: 0, limit: 5 })).toEqual({ seqs: range(1, 5), hasMore: true });
      expect(await page({ afterSeq: 5, limit: 3 })).toEqual({ seqs: [6, 7, 8], hasMore: true });
      expect(await page({ afterSeq: 9 })).toEqual({ seqs: [10, 11, 12], hasMore: false });
      expect(await page({ afterSeq: 12 })).toEqual({ seqs: [], hasMore: false });
      expect(await page({ beforeSeq: 5 })).toEqual({ seqs: [1, 2, 3, 4], hasMore: false });
      expect(await page({ beforeSeq: 10, limit: 3 })).toEqual({ seqs: [7, 8, 9], hasMore: true });
      expect(await page({ beforeSeq: 1 })).toEqual({ seqs: [], hasMore: false });

      // Walking backward page by page yields everything once.
      const walked: number[] = [];
      let before: number | undefined;
      for (;;) {
        const p = await page(before === undefined ? { limit: 5 } : { beforeSeq: before, limit: 5 });
        walked.unshift(...p.seqs);
        if (!p.hasMore) break;
        before = p.seqs[0];
      }
      expect(walked).toEqual(range(1, 12));

      const res = await call('get', `/rooms/${roomId}/messages`, plain).query({
        afterSeq: 0,
        limit: 1,
      });
      expect(res.body.items[0]).toEqual({
        id: expect.any(String),
        roomId,
        seq: 1,
        clientMsgId: expect.any(String),
        authorId: staff.id,
        body: 'билдирүү 1',
        replyToSeq: null,
        createdAt: expect.any(String),
        hidden: false,
        attachments: [],
      });
    });

    it.each<[string, Record<string, unknown>]>([
      ['afterSeq and beforeSeq at once', { afterSeq: 2, beforeSeq: 8 }],
      ['limit 0', { limit: 0 }],
      ['limit over 500', { limit: 501 }],
      ['a non-numeric limit', { limit: 'ten' }],
      ['a negative afterSeq', { afterSeq: -1 }],
      ['beforeSeq 0', { beforeSeq: 0 }],
      ['an unknown parameter', { since: 3 }],
    ])('400 for %s', async (_label, query) => {
      expectProblem(
        await call('get', `/rooms/${roomId}/messages`, plain).query(query),
        400,
        'validation_failed',
      );
    });
  });

  describe('POST /rooms/:id/members', () => {
    it('invites into a private room, which then becomes visible to the invitee', async () => {
      const room = await createRoom(rep, { name: 'Кичи топ', kind: 'private' });
      const guest = await signUp(t);
      expectProblem(await call('get', `/rooms/${room.id}`, guest), 404, 'not_found');
      expect(await visibleIds(guest)).not.toContain(room.id);

      // Someone who cannot see the room cannot invite into it either.
      expectProblem(
        await call('post', `/rooms/${room.id}/members`, outsider, { userId: outsider.id }),
        404,
        'not_found',
      );
      const res = await call('post', `/rooms/${room.id}/members`, rep, { userId: guest.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: room.id, kind: 'private' });
      expect(await visibleIds(guest)).toContain(room.id);
      expect((await call('get', `/rooms/${room.id}`, guest)).status).toBe(200);
      expect((await call('get', `/rooms/${room.id}/messages`, guest)).status).toBe(200);
      // The invitee can now take part over the socket too.
      const socket = await socketOf(guest);
      expect(await ask(socket, 'room:join', { roomId: room.id })).toMatchObject({ ok: true });
      await say(socket, room.id, 'Рахмат');

      // Inviting again is harmless; unknown users and bad bodies are refused.
      expect(
        (await call('post', `/rooms/${room.id}/members`, guest, { userId: guest.id })).status,
      ).toBe(200);
      expectProblem(
        await call('post', `/rooms/${room.id}/members`, rep, { userId: randomUUID() }),
        404,
        'not_found',
      );
      for (const body of [{}, { userId: 'nope' }, { userId: guest.id, role: 'admin' }]) {
        expectProblem(
          await call('post', `/rooms/${room.id}/members`, rep, body),
          400,
          'validation_failed',
        );
      }
    });

    it('409 for every kind of room but private', async () => {
      const rooms = [
        await createRoom(staff, { name: 'n', kind: 'network' }),
        await createRoom(rep, { name: 'o', kind: 'organisation', organisationId }),
        await createRoom(staff, { name: 'i', kind: 'issue', issueId: await raiseIssue(rep) }),
      ];
      for (const room of rooms) {
        expectProblem(
          await call('post', `/rooms/${room.id}/members`, staff, { userId: outsider.id }),
          409,
          'conflict',
        );
      }
      expect(await visibleIds(outsider)).not.toContain(rooms[0].id);
    });
  });

  describe('moderation routes', () => {
    let orgRoom: string;
    let messageId: string;

    beforeAll(async () => {
      orgRoom = (await createRoom(rep, { name: 'Модерация', kind: 'organisation', organisationId }))
        .id;
      const socket = await connect(t.baseUrl, plain.accessToken);
      try {
        messageId = (await say(socket, orgRoom, 'жөнөкөй билдирүү')).id;
      } finally {
        socket.close();
      }
    });

    const routes = (): [Method, string, object | undefined][] => [
      ['post', `/rooms/${orgRoom}/lock`, { locked: true }],
      ['post', `/rooms/${orgRoom}/slow-mode`, { seconds: 10 }],
      ['post', `/rooms/${orgRoom}/pin`, { seq: 1 }],
      ['post', `/rooms/${orgRoom}/mutes`, { userId: outsider.id, minutes: 5, reason: 'себеп' }],
      ['post', `/rooms/${orgRoom}/bans`, { userId: outsider.id, reason: 'себеп' }],
      ['delete', `/rooms/${orgRoom}/bans/${outsider.id}`, undefined],
      ['post', `/messages/${messageId}/hide`, { reason: 'себеп' }],
    ];

    it('a plain member of the organisation gets 403; someone who cannot see the room 404', async () => {
      for (const [method, path, body] of routes()) {
        expectProblem(await call(method, path, plain, body), 403, 'forbidden');
        expectProblem(await call(method, path, outsider, body), 404, 'not_found');
      }
      const room = await call('get', `/rooms/${orgRoom}`, plain);
      expect(room.body).toMatchObject({ locked: false, slowModeSeconds: 0, moderator: false });
    });

    it("the representative moderates the organisation's room", async () => {
      expect((await call('post', `/rooms/${orgRoom}/slow-mode`, rep, { seconds: 30 })).status).toBe(
        200,
      );
      const pinned = await call('post', `/rooms/${orgRoom}/pin`, rep, { seq: 1 });
      expect(pinned.status).toBe(200);
      expect(pinned.body).toMatchObject({ pinnedSeq: 1, slowModeSeconds: 30, moderator: true });
      expectProblem(
        await call('post', `/rooms/${orgRoom}/pin`, rep, { seq: 99 }),
        400,
        'validation_failed',
      );
      expect((await call('post', `/rooms/${orgRoom}/slow-mode`, rep, { seconds: 0 })).status).toBe(
        200,
      );
      const muted = await call('post', `/rooms/${orgRoom}/mutes`, rep, {
        userId: plain.id,
        minutes: 1,
        reason: 'Бир мүнөт',
      });
      expect(muted.status).toBe(201);
      expect(new Date(muted.body.until as string).getTime()).toBeGreaterThan(Date.now() + 50_000);
    });

    it('a moderator of the room cannot be muted or banned (409); nor can oneself (400)', async () => {
      const rep2 = await signUp(t);
      expect(
        (
          await call('post', `/organisations/${organisationId}/members`, rep, {
            userId: rep2.id,
            role: 'representative',
          })
        ).status,
      ).toBe(201);
      const attempts: [SignedUp, SignedUp][] = [
        [rep, rep2],
        [rep, staff],
        [staff, rep],
      ];
      for (const [actor, target] of attempts) {
        expectProblem(
          await call('post', `/rooms/${orgRoom}/mutes`, actor, {
            userId: target.id,
            minutes: 5,
            reason: 'сынап көрүү',
          }),
          409,
          'conflict',
        );
        expectProblem(
          await call('post', `/rooms/${orgRoom}/bans`, actor, {
            userId: target.id,
            reason: 'сынап көрүү',
          }),
          409,
          'conflict',
        );
      }
      expectProblem(
        await call('post', `/rooms/${orgRoom}/mutes`, rep, {
          userId: rep.id,
          minutes: 5,
          reason: 'өзүм',
        }),
        400,
        'validation_failed',
      );
      // In a network room a representative is an ordinary member: staff may mute them.
      const network = await createRoom(staff, { name: 'Тармак 2', kind: 'network' });
      expect(
        (
          await call('post', `/rooms/${network.id}/mutes`, staff, {
            userId: rep.id,
            minutes: 5,
            reason: 'тармакта',
          })
        ).status,
      ).toBe(201);
    });

    it.each<[string, string, object]>([
      ['lock without locked', 'lock', {}],
      ['lock with a string', 'lock', { locked: 'yes' }],
      ['slow mode below zero', 'slow-mode', { seconds: -1 }],
      ['slow mode over an hour', 'slow-mode', { seconds: 3601 }],
      ['a mute of 0 minutes', 'mutes', { userId: randomUUID(), minutes: 0, reason: 'себеп' }],
      ['a mute without a reason', 'mutes', { userId: randomUUID(), minutes: 5 }],
      ['a ban with a short reason', 'bans', { userId: randomUUID(), reason: 'x' }],
      ['a ban with an unknown field', 'bans', { userId: randomUUID(), reason: 'себеп', days: 3 }],
    ])('400 for %s', async (_label, route, body) => {
      expectProblem(
        await call('post', `/rooms/${orgRoom}/${route}`, staff, body),
        400,
        'validation_failed',
      );
    });

    it('404 for sanctions of unknown users and for hiding unknown messages', async () => {
      expectProblem(
        await call('post', `/rooms/${orgRoom}/bans`, staff, {
          userId: randomUUID(),
          reason: 'себеп',
        }),
        404,
        'not_found',
      );
      expectProblem(
        await call('post', `/messages/${randomUUID()}/hide`, staff, { reason: 'себеп' }),
        404,
        'not_found',
      );
    });
  });

  describe('flags', () => {
    let roomId: string;
    let author: SignedUp;
    let second: SignedUp;
    let reporter: SignedUp;
    let reporter2: SignedUp;
    let authorSocket: Socket;
    let secondSocket: Socket;

    beforeAll(async () => {
      roomId = (await createRoom(staff, { name: 'Желек', kind: 'network' })).id;
      [author, second, reporter, reporter2] = await Promise.all(
        range(1, 4).map(() => networkMember()),
      );
    });

    beforeEach(async () => {
      authorSocket = await socketOf(author);
      secondSocket = await socketOf(second);
    });

    async function flag(as: SignedUp, id: string, reason = 'Коркутуу бар') {
      return call('post', `/messages/${id}/flags`, as, { reason });
    }

    async function resolve(flagId: string, body: object, as = staff) {
      return call('post', `/moderation/flags/${flagId}/resolve`, as, body);
    }

    async function openFlagsOn(messageId: string): Promise<FlagView[]> {
      const res = await call('get', '/moderation/flags', staff).query({ limit: 100 });
      expect(res.status).toBe(200);
      return (res.body.items as FlagView[]).filter((f) => f.messageId === messageId);
    }

    it('any member who can see the room flags a message, once; the queue is for staff', async () => {
      const message = await say(authorSocket, roomId, 'Жаман сөз');
      const res = await flag(reporter, message.id);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        target: 'message',
        attachmentId: null,
        attachmentParent: null,
        attachmentHidden: false,
        messageId: message.id,
        roomId,
        seq: message.seq,
        body: 'Жаман сөз',
        authorId: author.id,
        reporterId: reporter.id,
        reason: 'Коркутуу бар',
        status: 'open',
        action: null,
        resolutionNote: null,
        createdAt: expect.any(String),
      });
      expectProblem(await flag(reporter, message.id), 409, 'conflict');
      expect((await flag(reporter2, message.id)).status).toBe(201);
      expectProblem(await flag(outsider, message.id), 404, 'not_found');
      expectProblem(await flag(reporter, randomUUID()), 404, 'not_found');
      expectProblem(await flag(reporter, message.id, 'x'), 400, 'validation_failed');

      expectProblem(await call('get', '/moderation/flags', reporter), 403, 'forbidden');
      expectProblem(
        await resolve(res.body.id as string, { action: 'dismiss' }, reporter),
        403,
        'forbidden',
      );
      const queue = await openFlagsOn(message.id);
      expect(queue.map((f) => f.status)).toEqual(['open', 'open']);
    });

    it('dismiss settles every open flag on the message and changes nothing else', async () => {
      const message = await say(authorSocket, roomId, 'Талаштуу сөз');
      const first = (await flag(reporter, message.id)).body as FlagView;
      await flag(reporter2, message.id);
      const res = await resolve(first.id, { action: 'dismiss', note: 'Эреже бузулган жок' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'dismissed',
        action: 'dismiss',
        resolutionNote: 'Эреже бузулган жок',
      });
      expect(await openFlagsOn(message.id)).toEqual([]);
      const dismissed = await call('get', '/moderation/flags', staff).query({
        status: 'dismissed',
        limit: 100,
      });
      expect(
        (dismissed.body.items as FlagView[]).filter((f) => f.messageId === message.id),
      ).toHaveLength(2);
      const stored: { hidden_at: Date | null }[] = await t.db.query(
        'SELECT hidden_at FROM messages WHERE id = $1',
        [message.id],
      );
      expect(stored[0].hidden_at).toBeNull();
      expect(await say(authorSocket, roomId, 'дагы эле сүйлөйм')).toMatchObject({ hidden: false });
      expectProblem(await resolve(first.id, { action: 'hide' }), 409, 'conflict');
    });

    it('hide hides the message for members and settles the flags', async () => {
      const message = await say(authorSocket, roomId, 'Кемсинтүү');
      const first = (await flag(reporter, message.id)).body as FlagView;
      const secondFlag = (await flag(reporter2, message.id)).body as FlagView;
      const res = await resolve(secondFlag.id, { action: 'hide', note: 'Кемсинтүү' });
      expect(res.body).toMatchObject({ status: 'actioned', action: 'hide' });
      const actioned = await call('get', '/moderation/flags', staff).query({
        status: 'actioned',
        limit: 100,
      });
      expect(
        (actioned.body.items as FlagView[])
          .filter((f) => f.messageId === message.id)
          .map((f) => f.id)
          .sort(),
      ).toEqual([first.id, secondFlag.id].sort());
      const seen = await call('get', `/rooms/${roomId}/messages`, reporter).query({
        afterSeq: message.seq - 1,
        limit: 1,
      });
      expect(seen.body.items[0]).toMatchObject({ id: message.id, body: '', hidden: true });
    });

    it('mute mutes the author for the given minutes', async () => {
      const message = await say(secondSocket, roomId, 'Ачуулуу сөз');
      const flagId = ((await flag(reporter, message.id)).body as FlagView).id;
      const res = await resolve(flagId, { action: 'mute', minutes: 15 });
      expect(res.body).toMatchObject({ status: 'actioned', action: 'mute' });
      const refused = await ask<SendAck>(secondSocket, 'message:send', {
        roomId,
        clientMsgId: randomUUID(),
        body: 'угуңуз',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'muted' } });
      const mutes: { until: Date }[] = await t.db.query(
        "SELECT until FROM room_sanctions WHERE room_id = $1 AND user_id = $2 AND kind = 'mute'",
        [roomId, second.id],
      );
      expect(mutes).toHaveLength(1);
      const minutes = (mutes[0].until.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15);
    });

    it('ban bans the author from the room', async () => {
      const message = await say(authorSocket, roomId, 'Коркутам');
      const flagId = ((await flag(reporter2, message.id)).body as FlagView).id;
      const res = await resolve(flagId, { action: 'ban', note: 'Коркутуу' });
      expect(res.body).toMatchObject({ status: 'actioned', action: 'ban' });
      expectProblem(await call('get', `/rooms/${roomId}/messages`, author), 403, 'banned');
      const refused = await ask<SendAck>(authorSocket, 'message:send', {
        roomId,
        clientMsgId: randomUUID(),
        body: 'мени уккула',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'banned' } });
    });

    it('unknown flags 404; bad actions 400', async () => {
      expectProblem(await resolve(randomUUID(), { action: 'dismiss' }), 404, 'not_found');
      expectProblem(await resolve(randomUUID(), { action: 'delete' }), 400, 'validation_failed');
      expectProblem(
        await call('get', '/moderation/flags', staff).query({ status: 'closed' }),
        400,
        'validation_failed',
      );
    });
  });

  describe('audit log', () => {
    it('records every moderation action with actor, action and target; staff only', async () => {
      const moderator = await signUp(t, { role: 'facilitator' });
      const target = await networkMember();
      const roomId = (await createRoom(moderator, { name: 'Аудит', kind: 'network' })).id;
      const socket = await socketOf(target);
      const message = await say(socket, roomId, 'текшерүү');

      const steps: [Method, string, object | undefined][] = [
        ['post', `/rooms/${roomId}/lock`, { locked: true }],
        ['post', `/rooms/${roomId}/lock`, { locked: false }],
        ['post', `/rooms/${roomId}/slow-mode`, { seconds: 5 }],
        ['post', `/rooms/${roomId}/pin`, { seq: 1 }],
        ['post', `/rooms/${roomId}/mutes`, { userId: target.id, minutes: 5, reason: 'мут' }],
        ['post', `/rooms/${roomId}/bans`, { userId: target.id, reason: 'бан' }],
        ['delete', `/rooms/${roomId}/bans/${target.id}`, undefined],
        ['post', `/messages/${message.id}/hide`, { reason: 'жашыруу' }],
      ];
      for (const [method, path, body] of steps) {
        const res = await call(method, path, moderator, body);
        expect(res.status).toBeLessThan(300);
      }
      const flagId = (
        await call('post', `/messages/${message.id}/flags`, target, { reason: 'өзүмдүкү' })
      ).body.id as string;
      expect(
        (
          await call('post', `/moderation/flags/${flagId}/resolve`, moderator, {
            action: 'dismiss',
          })
        ).status,
      ).toBe(200);

      const res = await call('get', '/audit-log', staff).query({
        actorId: moderator.id,
        limit: 100,
      });
      expect(res.status).toBe(200);
      const entries = res.body.items as AuditView[];
      expect(entries.map((e) => e.action)).toEqual([
        'flag.resolve',
        'message.hide',
        'room.unban',
        'room.ban',
        'room.mute',
        'room.pin',
        'room.slow_mode',
        'room.unlock',
        'room.lock',
      ]);
      for (const entry of entries) {
        expect(entry).toMatchObject({ actorId: moderator.id, roomId });
      }
      const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
      expect(byAction['room.lock']).toMatchObject({ targetType: 'room', targetId: roomId });
      expect(byAction['room.slow_mode']).toMatchObject({ details: { seconds: 5 } });
      expect(byAction['room.mute']).toMatchObject({
        targetType: 'user',
        targetId: target.id,
        details: { minutes: 5, reason: 'мут' },
      });
      expect(byAction['room.ban']).toMatchObject({ targetType: 'user', targetId: target.id });
      expect(byAction['room.unban']).toMatchObject({ targetType: 'user', targetId: target.id });
      expect(byAction['message.hide']).toMatchObject({
        targetType: 'message',
        targetId: message.id,
        details: { seq: message.seq, reason: 'жашыруу' },
      });
      expect(byAction['flag.resolve']).toMatchObject({
        targetType: 'message',
        targetId: message.id,
        details: { flagId, action: 'dismiss' },
      });

      // Filters, and keyset paging that visits each entry once.
      const mutes = await call('get', '/audit-log', staff).query({
        actorId: moderator.id,
        action: 'room.mute',
      });
      expect((mutes.body.items as AuditView[]).map((e) => e.id)).toEqual([
        byAction['room.mute'].id,
      ]);
      const allMutes = await call('get', '/audit-log', staff).query({ action: 'room.mute' });
      expect((allMutes.body.items as AuditView[]).every((e) => e.action === 'room.mute')).toBe(
        true,
      );
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const pageRes = await call('get', '/audit-log', staff).query({
          actorId: moderator.id,
          limit: 4,
          ...(cursor ? { cursor } : {}),
        });
        walked.push(...(pageRes.body.items as AuditView[]).map((e) => e.id));
        cursor = pageRes.body.nextCursor as string | null;
      } while (cursor);
      expect(walked).toEqual(entries.map((e) => e.id));

      // Staff only; filters are validated.
      expectProblem(await call('get', '/audit-log', target), 403, 'forbidden');
      expectProblem(await call('get', '/audit-log', rep), 403, 'forbidden');
      for (const query of [{ actorId: 'x' }, { action: 'DROP TABLE' }, { sort: 'asc' }]) {
        expectProblem(
          await call('get', '/audit-log', staff).query(query),
          400,
          'validation_failed',
        );
      }
    });

    it('also records role changes', async () => {
      const admin = await signUp(t, { role: 'admin' });
      const promoted = await signUp(t);
      const res = await call('patch', `/users/${promoted.id}/role`, admin, { role: 'facilitator' });
      expect(res.status).toBe(200);
      const log = await call('get', '/audit-log', staff).query({
        actorId: admin.id,
        action: 'user.role',
      });
      expect(log.body.items).toEqual([
        expect.objectContaining({
          actorId: admin.id,
          action: 'user.role',
          targetType: 'user',
          targetId: promoted.id,
          details: { from: 'member', to: 'facilitator' },
        }),
      ]);
    });

    it('is append-only: UPDATE and DELETE on audit_log fail in the database', async () => {
      const rows: { id: string }[] = await t.db.query(
        `INSERT INTO audit_log (actor_id, action, target_type, target_id)
         VALUES ($1, 'room.lock', 'room', $2) RETURNING id`,
        [staff.id, randomUUID()],
      );
      const before: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
      await expect(
        t.db.query("UPDATE audit_log SET action = 'room.nothing' WHERE id = $1", [rows[0].id]),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.query('DELETE FROM audit_log WHERE id = $1', [rows[0].id])).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      const after: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
      expect(after[0].n).toBe(before[0].n);
      const still: { action: string }[] = await t.db.query(
        'SELECT action FROM audit_log WHERE id = $1',
        [rows[0].id],
      );
      expect(still[0].action).not.toBe('room.nothing');
    });
  });
});
