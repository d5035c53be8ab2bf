import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { RealtimeEvents } from '../src/modules/rooms/realtime-events.js';
import { png } from './support/attachment-fixtures.js';
import { API, call, type SignedUp, signUp } from './support/factories.js';
import { ask, connect, next } from './support/socket.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';
import { eventually } from './support/wait.js';

/**
 * A message's files signed once on the node that stored it reach the room's sockets on every
 * node (PostgreSQL adapter), and their URLs work on any node for any member: the signature
 * does not depend on the node or the reader.
 */

interface MessageView {
  id: string;
  seq: number;
  attachments: { id: string; urls: { original: string; thumbnail?: string } }[];
}

let a: TestApp;
let b: TestApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestAppOn(a.databaseUrl);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await b?.close();
  await a?.close();
});

async function upload(as: SignedUp): Promise<string> {
  const bytes = await png(120, 90);
  const created = await a.http
    .post(`${API}/uploads`)
    .set(as.auth)
    .set('Tus-Resumable', '1.0.0')
    .set('Upload-Length', String(bytes.length))
    .set('Content-Type', 'application/offset+octet-stream')
    .send(bytes);
  expect(created.status).toBe(201);
  const uploadId = String(created.headers.location).split('/').pop();
  const attached = await call(a, 'post', '/attachments', as, { uploadId });
  expect(attached.status).toBe(201);
  return attached.body.id as string;
}

it('a photo sent on node A comes to a member on node B with URLs node B serves', async () => {
  const alice = await signUp(a);
  const bob = await signUp(b);
  const room = await call(a, 'post', '/rooms', alice, {
    name: 'Эки түйүн',
    kind: 'private',
    memberIds: [bob.id],
  });
  expect(room.status).toBe(201);
  const roomId = room.body.id as string;
  const aliceOnA = await connect(a.baseUrl, alice.accessToken);
  const bobOnB = await connect(b.baseUrl, bob.accessToken);
  sockets.push(aliceOnA, bobOnB);
  expect(await ask(aliceOnA, 'room:join', { roomId })).toMatchObject({ ok: true });
  expect(await ask(bobOnB, 'room:join', { roomId })).toMatchObject({ ok: true });
  await eventually('node A to see bob on node B', async () =>
    (await a.app.get(RealtimeEvents).online(roomId)).includes(bob.id),
  );

  const photo = await upload(alice);
  const heard = next<MessageView>(bobOnB, 'message:new', (m) => m.attachments.length > 0, 10_000);
  const sent = await ask<{ ok: boolean; message: MessageView }>(aliceOnA, 'message:send', {
    roomId,
    clientMsgId: randomUUID(),
    body: 'Каналдын сүрөтү',
    attachmentIds: [photo],
  });
  expect(sent.ok).toBe(true);
  const live = await heard;
  // The same signed URLs every socket got, and node B serves them.
  expect(live.attachments).toEqual(sent.message.attachments);
  for (const url of [live.attachments[0].urls.original, live.attachments[0].urls.thumbnail]) {
    expect((await b.http.get(String(url))).status).toBe(200);
  }
});
