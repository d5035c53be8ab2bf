import { randomUUID } from 'node:crypto';
import { API, signUp } from './support/factories.js';
import { ask, connect, next } from './support/socket.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('rooms smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a socket without a valid token', async () => {
    await expect(connect(t.baseUrl)).rejects.toThrow('unauthorized');
    await expect(connect(t.baseUrl, 'nonsense')).rejects.toThrow('unauthorized');
  });

  it('delivers, dedupes and resumes', async () => {
    const staff = await signUp(t, { role: 'facilitator' });
    const other = await signUp(t, { role: 'facilitator' });
    const room = await t.http
      .post(`${API}/rooms`)
      .set(staff.auth)
      .send({ name: 'Суу маселеси', kind: 'network' });
    expect(room.status).toBe(201);
    const a = await connect(t.baseUrl, staff.accessToken);
    const b = await connect(t.baseUrl, other.accessToken);
    try {
      expect(await ask(a, 'room:join', { roomId: room.body.id })).toMatchObject({
        ok: true,
        room: { id: room.body.id, lastSeq: 0 },
        missed: [],
      });
      expect(await ask(b, 'room:join', { roomId: room.body.id })).toMatchObject({ ok: true });
      const clientMsgId = randomUUID();
      const arrived = next(b, 'message:new');
      const sent = await ask(a, 'message:send', {
        roomId: room.body.id,
        clientMsgId,
        body: 'Салам',
      });
      expect(sent).toMatchObject({ ok: true, message: { seq: 1, body: 'Салам', clientMsgId } });
      expect(await arrived).toMatchObject({ seq: 1, body: 'Салам' });
      const again = await ask(a, 'message:send', {
        roomId: room.body.id,
        clientMsgId,
        body: 'Салам',
      });
      expect(again).toMatchObject({ ok: true, message: { seq: 1 } });
      const bad = await ask(a, 'message:send', {
        roomId: room.body.id,
        clientMsgId: 'x',
        body: '',
        extra: 1,
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      b.close();
      await ask(a, 'message:send', {
        roomId: room.body.id,
        clientMsgId: randomUUID(),
        body: 'экинчи',
      });
      const b2 = await connect(t.baseUrl, other.accessToken);
      const rejoin = await ask(b2, 'room:join', { roomId: room.body.id, afterSeq: 1 });
      expect(rejoin).toMatchObject({
        ok: true,
        missed: [{ seq: 2, body: 'экинчи' }],
        hasMore: false,
      });
      b2.close();
      const history = await t.http.get(`${API}/rooms/${room.body.id}/messages`).set(staff.auth);
      expect(history.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
    } finally {
      a.close();
      b.close();
    }
  });
});
