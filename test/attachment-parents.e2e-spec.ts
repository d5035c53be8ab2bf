import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import {
  API,
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { oggOpus } from './support/attachment-fixtures.js';
import { ask, connect, next } from './support/socket.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Files on their parents: issues, comments, escalation answers and room messages carry the
 * files claimed in their own transaction, answer them with signed URLs, and hide them with
 * themselves. Uploads go through the real routes (tus, then POST /attachments), downloads through
 * the signed URLs.
 */

interface AttachmentView {
  id: string;
  kind: string;
  mimeType: string;
  urls: { original: string; display?: string; thumbnail?: string };
}

interface MessageView {
  id: string;
  seq: number;
  body: string;
  hidden: boolean;
  attachments: AttachmentView[];
}

type SendAck =
  | { ok: true; message: MessageView }
  | { ok: false; error: { code: string; errors?: { field: string }[] } };

let t: TestApp;
const sockets: Socket[] = [];

/** A small PNG of one colour; `seed` makes each one's bytes (and sha256) its own. */
async function png(seed: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 40 + (seed % 50),
      height: 30,
      channels: 3,
      background: { r: seed % 256, g: (seed * 7) % 256, b: 90 },
    },
  })
    .png()
    .toBuffer();
}

let seeds = 0;
/** Uploads a photo as `as` (tus creation-with-upload, then POST /attachments); its id. */
async function upload(as: SignedUp, bytes?: Buffer): Promise<string> {
  seeds += 1;
  const body = bytes ?? (await png(seeds));
  const created = await t.http
    .post(`${API}/uploads`)
    .set(as.auth)
    .set('Tus-Resumable', '1.0.0')
    .set('Upload-Length', String(body.length))
    .set('Upload-Metadata', `filename ${Buffer.from(`file-${seeds}`).toString('base64')}`)
    .set('Content-Type', 'application/offset+octet-stream')
    .send(body);
  if (created.status !== 201)
    throw new Error(`upload failed: ${created.status} ${JSON.stringify(created.body)}`);
  const uploadId = String(created.headers.location).split('/').pop();
  const attached = await call(t, 'post', '/attachments', as, { uploadId });
  if (attached.status !== 201)
    throw new Error(`attachment failed: ${attached.status} ${JSON.stringify(attached.body)}`);
  return attached.body.id as string;
}

const issueBody = (extra: Record<string, unknown> = {}) => ({
  title: 'Каналдын башы бузулду',
  body: 'Суу бөлүштүргүч талкаланган, сүрөттөр тиркелди.',
  category: 'water_irrigation',
  territoryIds: [TERRITORY.akSai],
  decisionLevel: 'district',
  ...extra,
});

async function raise(as: SignedUp, attachmentIds?: string[]): Promise<Record<string, unknown>> {
  const res = await call(t, 'post', '/issues', as, issueBody({ attachmentIds }));
  if (res.status !== 201)
    throw new Error(`raise failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

function expectAttachmentIdsRefused(res: {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}): void {
  expectProblem(res, 400, 'validation_failed');
  expect(res.body.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field: 'attachmentIds' })]),
  );
}

async function socketOf(user: SignedUp): Promise<Socket> {
  const socket = await connect(t.baseUrl, user.accessToken);
  sockets.push(socket);
  return socket;
}

async function privateRoom(owner: SignedUp, members: SignedUp[]): Promise<string> {
  const res = await call(t, 'post', '/rooms', owner, {
    name: 'Суу комиссиясы',
    kind: 'private',
    memberIds: members.map((m) => m.id),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** The status of a GET of a signed URL, without any token. */
async function signedStatus(url: string): Promise<number> {
  const path = url.startsWith('http') ? new URL(url).pathname + new URL(url).search : url;
  return (await t.http.get(path)).status;
}

async function attachedCount(parentType: string, parentId: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM attachments WHERE parent_type = $1 AND parent_id = $2',
    [parentType, parentId],
  );
  return row.n;
}

let author: SignedUp;
let other: SignedUp;
let staff: SignedUp;

beforeAll(async () => {
  t = await startTestApp();
  [author, other, staff] = await Promise.all([
    signUp(t),
    signUp(t),
    signUp(t, { role: 'facilitator' }),
  ]);
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

describe('an issue with files', () => {
  it('carries its two photos, in order, in its detail and as a card in the list', async () => {
    const first = await upload(author);
    const second = await upload(author);
    const issue = await raise(author, [second, first]);
    expect((issue.attachments as AttachmentView[]).map((a) => a.id)).toEqual([second, first]);

    const detail = await call(t, 'get', `/issues/${String(issue.id)}`, other);
    expect(detail.status).toBe(200);
    const files = detail.body.attachments as AttachmentView[];
    expect(files.map((a) => a.id)).toEqual([second, first]);
    expect(files[0]).toMatchObject({ kind: 'image', urls: { original: expect.any(String) } });
    // The signed URL works without a token for anyone who has it.
    expect(await signedStatus(files[0].urls.thumbnail ?? files[0].urls.original)).toBe(200);

    const list = await call(t, 'get', '/issues?limit=100', other);
    const card = (list.body.items as { id: string; attachments: AttachmentView[] }[]).find(
      (i) => i.id === issue.id,
    );
    expect(card?.attachments.map((a) => a.id)).toEqual([second, first]);
  });

  it('a replayed POST with the same Idempotency-Key makes one issue and attaches once', async () => {
    const file = await upload(author);
    const key = randomUUID();
    const post = () =>
      t.http
        .post(`${API}/issues`)
        .set(author.auth)
        .set('Idempotency-Key', key)
        .send(issueBody({ title: `Replayed ${key}`, attachmentIds: [file] }));
    const first = await post();
    const again = await post();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const issues = await t.db.query<unknown[]>('SELECT id FROM issues WHERE title = $1', [
      `Replayed ${key}`,
    ]);
    expect(issues).toHaveLength(1);
    expect(await attachedCount('issue', String(first.body.id))).toBe(1);
  });

  it('refuses someone else’s file, an unknown id and one attached elsewhere (400 attachmentIds), leaving no issue', async () => {
    const others = await upload(other);
    const mine = await upload(author);
    await raise(author, [mine]);
    const before = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM issues');
    for (const ids of [[others], [randomUUID()], [mine]]) {
      const res = await call(t, 'post', '/issues', author, issueBody({ attachmentIds: ids }));
      expectAttachmentIdsRefused(res);
    }
    const after = await t.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM issues');
    expect(after[0].n).toBe(before[0].n);
    // The refused file of the other member is still theirs to attach.
    await raise(other, [others]);
    // A good file refused with a bad one stays unattached, free for the next try.
    const good = await upload(author);
    expectAttachmentIdsRefused(
      await call(t, 'post', '/issues', author, issueBody({ attachmentIds: [good, randomUUID()] })),
    );
    expect((await raise(author, [good])).attachments).toHaveLength(1);
  });

  it('refuses malformed attachmentIds: not uuids, repeated, more than ten, unknown fields', async () => {
    const file = await upload(author);
    for (const attachmentIds of [
      ['x'],
      [file, file],
      Array.from({ length: 11 }, randomUUID),
      'a',
    ]) {
      const res = await call(t, 'post', '/issues', author, issueBody({ attachmentIds }));
      expectAttachmentIdsRefused(res);
    }
  });
});

describe('comments with files', () => {
  it('a comment may be a file alone; without files a blank one is refused', async () => {
    const issue = await raise(author);
    const file = await upload(other);
    const res = await call(t, 'post', `/issues/${String(issue.id)}/comments`, other, {
      attachmentIds: [file],
    });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe('');
    expect((res.body.attachments as AttachmentView[]).map((a) => a.id)).toEqual([file]);
    const blank = await call(t, 'post', `/issues/${String(issue.id)}/comments`, other, {
      body: '   ',
    });
    expectProblem(blank, 400, 'validation_failed');
    const list = await call(t, 'get', `/issues/${String(issue.id)}/comments`, author);
    expect((list.body.items as { attachments: AttachmentView[] }[])[0].attachments).toHaveLength(1);
  });

  it('a deleted comment’s files are gone from it, refused by id and signed URL, and marked for the sweep', async () => {
    const issue = await raise(author);
    const file = await upload(other);
    const created = await call(t, 'post', `/issues/${String(issue.id)}/comments`, other, {
      body: 'Мына сүрөтү',
      attachmentIds: [file],
    });
    const url = (created.body.attachments as AttachmentView[])[0].urls.original;
    expect(await signedStatus(url)).toBe(200);
    const removed = await call(t, 'delete', `/comments/${String(created.body.id)}`, other);
    expect(removed.status).toBe(204);

    const [row] = await t.db.query<{ parent_deleted_at: Date | null }[]>(
      'SELECT parent_deleted_at FROM attachments WHERE id = $1',
      [file],
    );
    expect(row.parent_deleted_at).toBeInstanceOf(Date);
    const list = await call(t, 'get', `/issues/${String(issue.id)}/comments`, other);
    expect((list.body.items as { attachments: AttachmentView[] }[])[0].attachments).toEqual([]);
    expectProblem(await call(t, 'get', `/attachments/${file}`, other), 404, 'not_found');
    expect(await signedStatus(url)).toBe(404);
  });

  it('a hidden comment’s files are withheld from everyone, staff included, and come back when it is shown again', async () => {
    const issue = await raise(author);
    const file = await upload(other);
    const created = await call(t, 'post', `/issues/${String(issue.id)}/comments`, other, {
      body: 'Көрүңүздөр',
      attachmentIds: [file],
    });
    const id = String(created.body.id);
    expect(
      (await call(t, 'post', `/comments/${id}/hide`, staff, { reason: 'Жеке маалымат' })).status,
    ).toBe(200);
    const seen = async (as: SignedUp) =>
      (
        (await call(t, 'get', `/issues/${String(issue.id)}/comments`, as)).body.items as {
          attachments: AttachmentView[];
        }[]
      )[0].attachments.length;
    expect(await seen(other)).toBe(0);
    expect(await seen(author)).toBe(0);
    expect(await seen(staff)).toBe(0);
    expectProblem(await call(t, 'get', `/attachments/${file}`, author), 404, 'not_found');
    expect((await call(t, 'post', `/comments/${id}/unhide`, staff)).status).toBe(200);
    expect(await seen(author)).toBe(1);
  });
});

describe('an escalation answer with the authority’s letter', () => {
  it('carries the letter; files without the answer are refused', async () => {
    const issue = await raise(author);
    for (const to of ['discussing', 'prioritised']) {
      expect(
        (await call(t, 'post', `/issues/${String(issue.id)}/transitions`, staff, { to })).status,
      ).toBe(200);
    }
    const authority = await makeOrganisation(t, staff, { kind: 'state_administration' });
    const sent = await call(t, 'post', `/issues/${String(issue.id)}/escalations`, staff, {
      authorityOrganisationId: authority.id,
      sentAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(sent.status).toBe(201);
    const letter = await upload(staff);
    const alone = await call(t, 'patch', `/escalations/${String(sent.body.id)}`, staff, {
      reference: 'No 12',
      attachmentIds: [letter],
    });
    expectAttachmentIdsRefused(alone);
    const answered = await call(t, 'patch', `/escalations/${String(sent.body.id)}`, staff, {
      responseText: 'Акимиат каналды жайда оңдойт.',
      respondedAt: new Date().toISOString(),
      attachmentIds: [letter],
    });
    expect(answered.status).toBe(200);
    expect((answered.body.attachments as AttachmentView[]).map((a) => a.id)).toEqual([letter]);
    const listed = await call(t, 'get', `/issues/${String(issue.id)}/escalations`, other);
    expect((listed.body.items as { attachments: AttachmentView[] }[])[0].attachments).toHaveLength(
      1,
    );
  });
});

describe('messages with files', () => {
  it('the same clientMsgId twice attaches once; the file cannot go on another message', async () => {
    const room = await privateRoom(author, [other]);
    const socket = await socketOf(author);
    const file = await upload(author);
    const clientMsgId = randomUUID();
    const send = () =>
      ask<SendAck>(socket, 'message:send', { roomId: room, clientMsgId, attachmentIds: [file] });
    const first = await send();
    const again = await send();
    if (!first.ok || !again.ok) throw new Error(JSON.stringify({ first, again }));
    expect(again.message.id).toBe(first.message.id);
    expect(first.message.body).toBe('');
    expect(again.message.attachments.map((a) => a.id)).toEqual([file]);
    expect(await attachedCount('message', first.message.id)).toBe(1);
    const elsewhere = await ask<SendAck>(socket, 'message:send', {
      roomId: room,
      clientMsgId: randomUUID(),
      body: 'again',
      attachmentIds: [file],
    });
    expect(elsewhere).toMatchObject({
      ok: false,
      error: {
        code: 'validation_failed',
        errors: [expect.objectContaining({ field: 'attachmentIds' })],
      },
    });
    const blank = await ask<SendAck>(socket, 'message:send', {
      roomId: room,
      clientMsgId: randomUUID(),
      body: ' ',
    });
    expect(blank).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    // The refused sends used no seq.
    const history = await call(t, 'get', `/rooms/${room}/messages`, other);
    expect((history.body.items as MessageView[]).map((m) => m.seq)).toEqual([first.message.seq]);
    expect((history.body.items as MessageView[])[0].attachments.map((a) => a.id)).toEqual([file]);
  });

  it('a member gets the files in message:new and in room:join; an outsider gets nothing', async () => {
    const room = await privateRoom(author, [other]);
    const listener = await socketOf(other);
    expect(await ask(listener, 'room:join', { roomId: room })).toMatchObject({ ok: true });
    const heard = new Promise<MessageView>((resolve) => listener.once('message:new', resolve));
    const sender = await socketOf(author);
    // A voice note alone: no text.
    const file = await upload(author, oggOpus(2));
    const sent = await ask<SendAck>(sender, 'message:send', {
      roomId: room,
      clientMsgId: randomUUID(),
      attachmentIds: [file],
    });
    expect(sent.ok).toBe(true);
    const live = await heard;
    expect(live.attachments.map((a) => a.id)).toEqual([file]);
    expect(live.attachments[0]).toMatchObject({ kind: 'audio', mimeType: 'audio/ogg' });
    expect(await signedStatus(live.attachments[0].urls.original)).toBe(200);

    const late = await socketOf(other);
    const joined = await ask<{ ok: true; missed: MessageView[] }>(late, 'room:join', {
      roomId: room,
      afterSeq: 0,
    });
    expect(joined.missed.at(-1)?.attachments.map((a) => a.id)).toEqual([file]);

    const outsider = await signUp(t);
    expectProblem(await call(t, 'get', `/attachments/${file}`, outsider), 404, 'not_found');
    expectProblem(await call(t, 'get', `/rooms/${room}/messages`, outsider), 404, 'not_found');
    const flag = await call(t, 'post', `/attachments/${file}/flags`, outsider, {
      reason: 'Көрүнбөйт',
    });
    expectProblem(flag, 404, 'not_found');
  });

  it('a hidden message hides its files from members, by id and by signed URL', async () => {
    const room = await privateRoom(author, [other]);
    const socket = await socketOf(author);
    const file = await upload(author);
    const sent = await ask<SendAck>(socket, 'message:send', {
      roomId: room,
      clientMsgId: randomUUID(),
      body: 'Жашырыла турган',
      attachmentIds: [file],
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    const url = sent.message.attachments[0].urls.original;
    expect(await signedStatus(url)).toBe(200);
    const hidden = await call(t, 'post', `/messages/${sent.message.id}/hide`, staff, {
      reason: 'Жеке маалымат',
    });
    expect(hidden.status).toBe(200);
    const history = await call(t, 'get', `/rooms/${room}/messages`, other);
    expect((history.body.items as MessageView[])[0]).toMatchObject({
      hidden: true,
      attachments: [],
    });
    expectProblem(await call(t, 'get', `/attachments/${file}`, other), 404, 'not_found');
    expect(await signedStatus(url)).toBe(404);
  });
});

describe('moderating files', () => {
  it('flag → queue → resolve with hide: the file leaves its issue, its URL stops, both steps audited', async () => {
    const photo = await upload(author);
    const kept = await upload(author);
    const issue = await raise(author, [photo, kept]);
    const url = (issue.attachments as AttachmentView[])[0].urls.original;
    const flagged = await call(t, 'post', `/attachments/${photo}/flags`, other, {
      reason: 'Адамдын жүзү көрүнүп турат',
    });
    expect(flagged.status).toBe(201);
    expect(flagged.body).toMatchObject({
      target: 'attachment',
      attachmentId: photo,
      attachmentParent: { type: 'issue', id: issue.id },
      messageId: null,
      authorId: author.id,
      status: 'open',
    });
    const twice = await call(t, 'post', `/attachments/${photo}/flags`, other, { reason: 'Дагы' });
    expectProblem(twice, 409, 'conflict');

    const queue = await call(t, 'get', '/moderation/flags?limit=100', staff);
    expect(queue.status).toBe(200);
    const row = (queue.body.items as { id: string; attachmentId: string | null }[]).find(
      (f) => f.attachmentId === photo,
    );
    expect(row).toBeDefined();

    const muting = await call(t, 'post', `/moderation/flags/${row!.id}/resolve`, staff, {
      action: 'mute',
    });
    expectProblem(muting, 400, 'validation_failed');
    const resolved = await call(t, 'post', `/moderation/flags/${row!.id}/resolve`, staff, {
      action: 'hide',
      note: 'Уруксатсыз сүрөт',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'actioned',
      action: 'hide',
      attachmentHidden: true,
    });

    const detail = await call(t, 'get', `/issues/${String(issue.id)}`, other);
    expect((detail.body.attachments as AttachmentView[]).map((a) => a.id)).toEqual([kept]);
    expectProblem(await call(t, 'get', `/attachments/${photo}`, other), 404, 'not_found');
    expect(await signedStatus(url)).toBe(404);

    const audit = await t.db.query<{ action: string; target_type: string; actor_id: string }[]>(
      `SELECT action, target_type, actor_id FROM audit_log WHERE target_id = $1 ORDER BY created_at`,
      [photo],
    );
    expect(audit.map((a) => a.action)).toEqual(['attachment.hide', 'flag.resolve']);
    expect(audit.every((a) => a.target_type === 'attachment' && a.actor_id === staff.id)).toBe(
      true,
    );
  });

  it('a flag on a message’s file names the message and its room; ban applies there to the uploader', async () => {
    const room = await privateRoom(author, [other]);
    const socket = await socketOf(other);
    const note = await upload(other, oggOpus(1));
    const sent = await ask<SendAck>(socket, 'message:send', {
      roomId: room,
      clientMsgId: randomUUID(),
      body: 'Угуп көргүлө',
      attachmentIds: [note],
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    const flagged = await call(t, 'post', `/attachments/${note}/flags`, author, {
      reason: 'Коркутуу бар',
    });
    expect(flagged.status).toBe(201);
    expect(flagged.body).toMatchObject({
      target: 'attachment',
      attachmentId: note,
      attachmentParent: { type: 'message', id: sent.message.id },
      messageId: sent.message.id,
      roomId: room,
      seq: sent.message.seq,
      body: 'Угуп көргүлө',
      authorId: other.id,
    });
    const resolved = await call(
      t,
      'post',
      `/moderation/flags/${String(flagged.body.id)}/resolve`,
      staff,
      { action: 'ban', note: 'Коркутуу' },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'actioned',
      action: 'ban',
      attachmentHidden: false,
    });
    const refused = await ask<SendAck>(socket, 'message:send', {
      roomId: room,
      clientMsgId: randomUUID(),
      body: 'Дагы',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'banned' } });
    // A banned member no longer sees the room's files either.
    expectProblem(await call(t, 'get', `/attachments/${note}`, other), 404, 'not_found');
  });

  it('an NGO member cannot hide a file (403); a room’s representative hides its messages’ files', async () => {
    const representative = await signUp(t);
    const organisation = await makeOrganisation(t, representative);
    const member = await signUp(t);
    expect(
      (
        await call(t, 'post', `/organisations/${organisation.id}/members`, representative, {
          userId: member.id,
          role: 'member',
        })
      ).status,
    ).toBe(201);
    const photo = await upload(author);
    await raise(author, [photo]);
    const refused = await call(t, 'post', `/attachments/${photo}/hide`, member, {
      reason: 'Жакпады',
    });
    expectProblem(refused, 403, 'forbidden');
    expectProblem(
      await call(t, 'post', `/attachments/${photo}/hide`, representative, { reason: 'Жакпады' }),
      403,
      'forbidden',
    );

    const room = await call(t, 'post', '/rooms', representative, {
      name: 'Уюмдун бөлмөсү',
      kind: 'organisation',
      organisationId: organisation.id,
    });
    expect(room.status).toBe(201);
    const socket = await socketOf(member);
    const file = await upload(member);
    const sent = await ask<SendAck>(socket, 'message:send', {
      roomId: room.body.id,
      clientMsgId: randomUUID(),
      body: 'Сүрөт',
      attachmentIds: [file],
    });
    expect(sent.ok).toBe(true);
    expectProblem(
      await call(t, 'post', `/attachments/${file}/hide`, member, { reason: 'Өзүм' }),
      403,
      'forbidden',
    );
    expect(await ask(socket, 'room:join', { roomId: room.body.id })).toMatchObject({ ok: true });
    const told = next<{ attachmentId: string; messageId: string }>(socket, 'attachment:hidden');
    const hidden = await call(t, 'post', `/attachments/${file}/hide`, representative, {
      reason: 'Туура эмес сүрөт',
    });
    expect(hidden.status).toBe(204);
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    expect(await told).toEqual({
      roomId: room.body.id,
      messageId: sent.message.id,
      seq: sent.message.seq,
      attachmentId: file,
    });
    const again = await call(t, 'post', `/attachments/${file}/hide`, staff, { reason: 'Дагы бир' });
    expectProblem(again, 409, 'conflict');
    const history = await call(t, 'get', `/rooms/${String(room.body.id)}/messages`, member);
    expect((history.body.items as MessageView[])[0].attachments).toEqual([]);
    const [entry] = await t.db.query<{ room_id: string; actor_id: string }[]>(
      `SELECT room_id, actor_id FROM audit_log WHERE action = 'attachment.hide' AND target_id = $1`,
      [file],
    );
    expect(entry).toEqual({ room_id: room.body.id, actor_id: representative.id });
  });
});
