import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackup } from '../src/infra/database/backup.js';
import { restoreBackup } from '../src/infra/database/restore.js';
import { AttachmentsSweep } from '../src/modules/attachments/attachments-sweep.js';
import { CHUNK_BYTES } from '../src/modules/attachments/blob-store.js';
import sharp from 'sharp';
import { oggOpus, pdf, png } from './support/attachment-fixtures.js';
import {
  API,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
} from './support/factories.js';
import { startTestApp, startTestAppOn, type TestApp } from './support/test-app.js';
import {
  createUpload,
  cutPatch,
  deleteUpload,
  headUpload,
  patchUpload,
  uploadFile,
  uploadIdOf,
} from './support/tus-client.js';
import { ADMIN_URL_VAR, adminQuery, withDatabase } from './support/test-database.js';
import { sleep } from './support/wait.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The upload's offset once it stops moving (a cut request may still be storing its tail). */
async function settledOffset(baseUrl: string, as: SignedUp, location: string): Promise<number> {
  let last = -1;
  for (let i = 0; i < 50; i += 1) {
    const head = await headUpload(baseUrl, as, location);
    const offset = Number(head.headers.get('upload-offset'));
    if (offset === last) return offset;
    last = offset;
    await sleep(150);
  }
  return last;
}

describe('attachments: tus uploads', () => {
  let t: TestApp;
  let alice: SignedUp;
  let bob: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob] = await Promise.all([signUp(t), signUp(t)]);
  });
  afterAll(() => t.close());

  it('creates an upload (201, Location under /api/v1/uploads/), takes bytes and reports the offset', async () => {
    const bytes = pdf(CHUNK_BYTES); // more than one stored piece
    const created = await createUpload(t.baseUrl, alice, bytes.length, { filename: 'a.pdf' });
    expect(created.status).toBe(201);
    expect(created.location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
    expect(created.headers.get('tus-resumable')).toBe('1.0.0');
    const location = created.location!;
    const half = 300_000;
    // Small writes are gathered into whole pieces (several PATCHes of odd sizes).
    let offset = 0;
    for (const size of [1, 70_000, half - 70_001]) {
      const patched = await patchUpload(
        t.baseUrl,
        alice,
        location,
        offset,
        bytes.subarray(offset, offset + size),
      );
      expect(patched.status).toBe(204);
      offset += size;
      expect(patched.headers.get('upload-offset')).toBe(String(offset));
    }
    const head = await headUpload(t.baseUrl, alice, location);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(half));
    expect(head.headers.get('upload-length')).toBe(String(bytes.length));
    const rest = await patchUpload(t.baseUrl, alice, location, half, bytes.subarray(half));
    expect(rest.status).toBe(204);
    const res = await t.http
      .post(`${API}/attachments`)
      .set(alice.auth)
      .send({ uploadId: uploadIdOf(location) });
    expect(res.status).toBe(201);
    expect(res.body.sha256).toBe(sha256(bytes));
    // Stored as pieces of CHUNK_BYTES, the last one shorter.
    const pieces = await t.db.query(
      `SELECT c.seq, length(c.data) AS length FROM file_chunks c
         JOIN file_blobs b ON b.id = c.blob_id WHERE b.sha256 = $1 ORDER BY c.seq`,
      [sha256(bytes)],
    );
    expect(pieces.map((p: { length: number }) => p.length)).toEqual([
      CHUNK_BYTES,
      bytes.length - CHUNK_BYTES,
    ]);
  });

  it('creation-with-upload: the first bytes come with the POST', async () => {
    const bytes = pdf(50);
    const created = await createUpload(t.baseUrl, alice, bytes.length, { body: bytes });
    expect(created.status).toBe(201);
    expect(created.headers.get('upload-offset')).toBe(String(bytes.length));
  });

  it('an upload cut at 50% by a dropped connection continues after HEAD and completes with the right SHA-256', async () => {
    const bytes = pdf(3 * 1024 * 1024);
    const created = await createUpload(t.baseUrl, alice, bytes.length, { filename: 'scan.pdf' });
    const location = created.location!;
    await cutPatch(t.baseUrl, alice, location, 0, bytes, Math.floor(bytes.length / 2));
    const offset = await settledOffset(t.baseUrl, alice, location);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(bytes.length / 2);
    const rest = await patchUpload(t.baseUrl, alice, location, offset, bytes.subarray(offset));
    expect(rest.status).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(bytes.length));
    const res = await t.http
      .post(`${API}/attachments`)
      .set(alice.auth)
      .send({ uploadId: uploadIdOf(location) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'document', size: bytes.length, sha256: sha256(bytes) });
    const served = Buffer.from(
      await (await fetch(`${t.baseUrl}${res.body.urls.original}`)).arrayBuffer(),
    );
    expect(sha256(served)).toBe(sha256(bytes));
  });

  it('a wrong offset is 409, a missing Tus-Resumable 412, both as problem details', async () => {
    const created = await createUpload(t.baseUrl, alice, 100);
    const wrong = await patchUpload(t.baseUrl, alice, created.location!, 10, Buffer.alloc(10));
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(wrong.json).toMatchObject({ status: 409, code: 'conflict' });
    const bare = await fetch(`${t.baseUrl}${created.location}`, {
      method: 'HEAD',
      headers: alice.auth,
    });
    expect(bare.status).toBe(412);
    const noLength = await fetch(`${t.baseUrl}${API}/uploads`, {
      method: 'POST',
      headers: { 'Tus-Resumable': '1.0.0', ...alice.auth },
    });
    expect(noLength.status).toBe(400);
    expect(await noLength.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('only the uploader may HEAD, PATCH or DELETE an upload; anyone else is told it does not exist', async () => {
    const created = await createUpload(t.baseUrl, alice, 100);
    const location = created.location!;
    for (const answer of [
      await headUpload(t.baseUrl, bob, location),
      await patchUpload(t.baseUrl, bob, location, 0, Buffer.alloc(10)),
      await deleteUpload(t.baseUrl, bob, location),
    ]) {
      expect(answer.status).toBe(404);
    }
    const patched = await patchUpload(t.baseUrl, bob, location, 0, Buffer.alloc(10));
    expect(patched.json).toMatchObject({ code: 'not_found' });
    expect((await headUpload(t.baseUrl, undefined, location)).status).toBe(401);
    expect((await createUpload(t.baseUrl, undefined, 100)).status).toBe(401);
    // Still there, untouched, for its uploader.
    const head = await headUpload(t.baseUrl, alice, location);
    expect(head.headers.get('upload-offset')).toBe('0');
    // Termination: the uploader may, and then it is gone.
    expect((await deleteUpload(t.baseUrl, alice, location)).status).toBe(204);
    expect((await headUpload(t.baseUrl, alice, location)).status).toBe(404);
  });

  it('the sweep removes uploads left unfinished for 24 hours, unattached files, and bytes nobody uses', async () => {
    const stale = await createUpload(t.baseUrl, alice, 1000);
    await patchUpload(t.baseUrl, alice, stale.location!, 0, Buffer.alloc(500, 1));
    const fresh = await createUpload(t.baseUrl, alice, 1000);
    const id = uploadIdOf(stale.location!);
    const unattached = await uploadFile(t.baseUrl, alice, pdf(999), 'old.pdf');
    const attachment = await t.http
      .post(`${API}/attachments`)
      .set(alice.auth)
      .send({ uploadId: unattached });
    await t.db.query(`UPDATE uploads SET created_at = now() - interval '25 hours' WHERE id = $1`, [
      id,
    ]);
    await t.db.query(
      `UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = $1`,
      [attachment.body.id],
    );
    await t.db.query(`UPDATE file_blobs SET created_at = now() - interval '2 hours'`);
    const result = await t.app.get(AttachmentsSweep).run();
    expect(result.uploads).toBeGreaterThanOrEqual(1);
    expect(result.unattached).toBeGreaterThanOrEqual(1);
    expect(result.blobs).toBeGreaterThanOrEqual(2);
    expect((await headUpload(t.baseUrl, alice, stale.location!)).status).toBe(404);
    expect((await headUpload(t.baseUrl, alice, fresh.location!)).status).toBe(200);
    expect(
      (await t.http.get(`${API}/attachments/${attachment.body.id}`).set(alice.auth)).status,
    ).toBe(404);
    const orphans = await t.db.query(
      `SELECT count(*)::int AS count FROM file_blobs b WHERE NOT EXISTS (SELECT 1 FROM uploads u WHERE u.blob_id = b.id)
         AND NOT EXISTS (SELECT 1 FROM attachments a WHERE b.id IN (a.blob_id, a.display_blob_id, a.thumbnail_blob_id))`,
    );
    expect(orphans[0].count).toBe(0);
  });

  it('the files of a deleted item go after the grace period', async () => {
    const uploadId = await uploadFile(t.baseUrl, alice, pdf(4321), 'gone.pdf');
    const view = (await t.http.post(`${API}/attachments`).set(alice.auth).send({ uploadId })).body;
    await t.db.query(
      `UPDATE attachments SET parent_type = 'comment', parent_id = gen_random_uuid(), position = 0,
              attached_at = now(), parent_deleted_at = now() - interval '8 days' WHERE id = $1`,
      [view.id],
    );
    expect((await fetch(`${t.baseUrl}${view.urls.original}`)).status).toBe(404);
    const result = await t.app.get(AttachmentsSweep).run();
    expect(result.attachments).toBeGreaterThanOrEqual(1);
    const left = await t.db.query('SELECT 1 FROM attachments WHERE id = $1', [view.id]);
    expect(left).toEqual([]);
  });
});

describe('attachments: limits and quotas', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      KENESH_ATTACHMENT_MAX_IMAGE: '64kb',
      KENESH_ATTACHMENT_MAX_DOCUMENT: '64kb',
      KENESH_ATTACHMENT_MAX_AUDIO: '2kb',
      KENESH_UPLOAD_QUOTA_USER: '100kb',
      KENESH_UPLOAD_QUOTA_ORGANISATION: '150kb',
      KENESH_IMAGE_MAX_PIXELS: '100000',
    });
  });
  afterAll(() => t.close());

  it('an upload larger than the largest file allowed is 413 before a byte is sent', async () => {
    const user = await signUp(t);
    const res = await createUpload(t.baseUrl, user, 65 * 1024, {
      headers: { 'Accept-Language': 'ru' },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(res.json!.detail).toContain('64 KB');
  });

  it("a file over its kind's limit is 413 when it becomes an attachment", async () => {
    const user = await signUp(t);
    const voice = oggOpus(12);
    expect(voice.length).toBeGreaterThan(2048);
    const uploadId = await uploadFile(t.baseUrl, user, voice, 'long.ogg');
    const res = await t.http.post(`${API}/attachments`).set(user.auth).send({ uploadId });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('a photo of more pixels than allowed is refused before it is decoded (decompression bombs)', async () => {
    const user = await signUp(t);
    // 4000×4000 of one colour: a few KB of PNG, 16 million pixels once decoded.
    const bomb = await sharp({
      create: { width: 4000, height: 4000, channels: 3, background: '#777' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(64 * 1024);
    const uploadId = await uploadFile(t.baseUrl, user, bomb, 'bomb.png');
    const res = await t.http
      .post(`${API}/attachments`)
      .set(user.auth)
      .set('Accept-Language', 'en')
      .send({ uploadId });
    expectProblem(res, 400, 'validation_failed');
    expect((res.body.errors as { message: string }[])[0].message).toMatch(/megapixels/);
    const small = await uploadFile(t.baseUrl, user, await png(100, 80), 'small.png');
    const ok = await t.http.post(`${API}/attachments`).set(user.auth).send({ uploadId: small });
    expect(ok.status).toBe(201);
  });

  it('past the per-user quota a new upload is 413 with a clear message', async () => {
    const user = await signUp(t);
    await uploadFile(t.baseUrl, user, pdf(60 * 1024), 'one.pdf');
    const res = await createUpload(t.baseUrl, user, 60 * 1024, {
      headers: { 'Accept-Language': 'en' },
    });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ code: 'payload_too_large' });
    expect(res.json!.detail).toMatch(/Your files already take 60 KB of your 100 KB/);
  });

  it("past the per-organisation quota a member's new upload is 413 naming the organisation", async () => {
    const [rep, member, third] = await Promise.all([signUp(t), signUp(t), signUp(t)]);
    const org = await makeOrganisation(t, rep);
    for (const user of [member, third])
      await t.db.query(
        `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'member')`,
        [org.id, user.id],
      );
    await uploadFile(t.baseUrl, rep, pdf(60 * 1024), 'a.pdf');
    await uploadFile(t.baseUrl, member, pdf(60 * 1024 + 1), 'b.pdf');
    const res = await createUpload(t.baseUrl, third, 40 * 1024);
    expect(res.status).toBe(413);
    expect(res.json!.detail).toContain(org.name);
  });
});

describe('attachments: two nodes on one database', () => {
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    one = await startTestApp();
    two = await startTestAppOn(one.databaseUrl);
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('half an upload on one node, the rest on the other; both serve the file', async () => {
    const user = await signUp(one);
    const bytes = pdf(2 * 1024 * 1024);
    const created = await createUpload(one.baseUrl, user, bytes.length, { filename: 'two.pdf' });
    const location = created.location!;
    const half = Math.floor(bytes.length / 2);
    expect(
      (await patchUpload(one.baseUrl, user, location, 0, bytes.subarray(0, half))).status,
    ).toBe(204);
    const head = await headUpload(two.baseUrl, user, location);
    expect(head.headers.get('upload-offset')).toBe(String(half));
    expect(
      (await patchUpload(two.baseUrl, user, location, half, bytes.subarray(half))).status,
    ).toBe(204);
    const res = await two.http
      .post(`${API}/attachments`)
      .set(user.auth)
      .send({ uploadId: uploadIdOf(location) });
    expect(res.status).toBe(201);
    expect(res.body.sha256).toBe(sha256(bytes));
    for (const node of [one, two]) {
      const served = await fetch(`${node.baseUrl}${res.body.urls.original}`);
      expect(served.status).toBe(200);
      expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(sha256(bytes));
    }
  });
});

describe('attachments: backups carry the files', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ KENESH_CORS_ORIGINS: 'https://kenesh.example' });
    dir = await mkdtemp(join(tmpdir(), 'kenesh-attachments-backup-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a browser on an allowed origin reads Location and Upload-Offset', async () => {
    const user = await signUp(t);
    const preflight = await fetch(
      `${t.baseUrl}${API}/uploads/7d8f0c3e-1111-4a4a-8b8b-000000000000`,
      {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://kenesh.example',
          'Access-Control-Request-Method': 'PATCH',
          'Access-Control-Request-Headers':
            'authorization, tus-resumable, upload-offset, content-type',
        },
      },
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('upload-offset');
    const created = await createUpload(t.baseUrl, user, 10, {
      headers: { Origin: 'https://kenesh.example' },
    });
    expect(created.headers.get('access-control-allow-origin')).toBe('https://kenesh.example');
    const exposed = created.headers.get('access-control-expose-headers') ?? '';
    for (const header of ['Location', 'Upload-Offset', 'Tus-Resumable'])
      expect(exposed.toLowerCase()).toContain(header.toLowerCase());
    const elsewhere = await createUpload(t.baseUrl, user, 10, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a backup restored into an empty database serves the same files', async () => {
    const user = await signUp(t);
    const bytes = pdf(700 * 1024);
    const uploadId = await uploadFile(t.baseUrl, user, bytes, 'kept.pdf');
    const view = (await t.http.post(`${API}/attachments`).set(user.auth).send({ uploadId })).body;
    const folder = join(dir, 'backup');
    await createBackup(t.databaseUrl, { folder });
    const target = await emptyDatabase();
    let restored: TestApp | undefined;
    try {
      await restoreBackup(folder, target.url);
      restored = await startTestAppOn(target.url, { KENESH_MIGRATIONS_RUN: 'true' });
      const again = await restored.http.get(`${API}/attachments/${view.id}`).set(user.auth);
      expect(again.status).toBe(200);
      const served = await fetch(`${restored.baseUrl}${again.body.urls.original}`);
      expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(sha256(bytes));
    } finally {
      await restored?.close();
      await target.drop();
    }
  });
});

/** An empty database on the test server (not cloned from the migrated template). */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env[ADMIN_URL_VAR]!;
  const name = `kenesh_restore_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
