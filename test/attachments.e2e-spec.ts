import { readFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import sharp from 'sharp';
import type { AttachmentView } from '../src/modules/attachments/attachment-parents.js';
import { AttachmentsService } from '../src/modules/attachments/attachments.service.js';
import { fileUrlKey, signedFilePath } from '../src/modules/attachments/file-urls.js';
import {
  HTML,
  jpegWithGps,
  m4aAac,
  oggOpus,
  pdf,
  png,
  SVG_WITH_SCRIPT,
  TEXT,
  webmOpus,
  webp,
} from './support/attachment-fixtures.js';
import { API, expectProblem, type SignedUp, signUp, TERRITORY } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { uploadFile } from './support/tus-client.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Whether an EXIF block points to a GPS IFD (tag 0x8825, in either byte order). */
function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}

/** The contract's shape of an attachment, as the tests read answers. */
type View = AttachmentView;

describe('attachments: types read from the bytes, photos cleaned, signed downloads', () => {
  let t: TestApp;
  let alice: SignedUp;
  let bob: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob] = await Promise.all([signUp(t), signUp(t)]);
  });
  afterAll(() => t.close());

  async function attach(as: SignedUp, bytes: Buffer, filename: string, caption?: string) {
    const uploadId = await uploadFile(t.baseUrl, as, bytes, filename);
    return t.http
      .post(`${API}/attachments`)
      .set(as.auth)
      .send({ uploadId, ...(caption === undefined ? {} : { caption }) });
  }

  async function download(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${t.baseUrl}${path}`, { headers });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('takes a JPEG: re-encoded upright, without EXIF or GPS, with a display and a thumbnail', async () => {
    const original = await jpegWithGps(640, 480);
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(hasGpsIfd(before.exif)).toBe(true);
    const res = await attach(alice, original, 'canal head.jpg', 'The canal head, broken');
    expect(res.status).toBe(201);
    const view = res.body as View;
    // Orientation 6: the stored photo is turned upright, so width and height swap.
    expect(view).toMatchObject({
      kind: 'image',
      mimeType: 'image/jpeg',
      caption: 'The canal head, broken',
      width: 480,
      height: 640,
    });
    expect(view.urls.display).toMatch(/^\/api\/v1\/files\/.+\/display\?exp=\d+&sig=/);
    expect(view.urls.thumbnail).toMatch(/^\/api\/v1\/files\/.+\/thumbnail\?exp=\d+&sig=/);

    const { res: served, bytes } = await download(view.urls.original);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(served.headers.get('content-disposition')).toMatch(/^inline; filename="canal head.jpg"/);
    expect(served.headers.get('etag')).toBe(`"${view.sha256}"`);
    expect(served.headers.get('cache-control')).toMatch(/^private, max-age=\d+, immutable/);
    expect(sha256(bytes)).toBe(view.sha256);
    expect(bytes.length).toBe(view.size);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(hasGpsIfd(meta.exif)).toBe(false);
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // No EXIF segment at all (APP1 "Exif\0\0"), so no GPS IFD either.
    expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(bytes.includes(Buffer.from('KeneshPhone'))).toBe(false);

    const thumb = await download(view.urls.thumbnail!);
    expect(thumb.res.headers.get('content-type')).toBe('image/webp');
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(Math.max(thumbMeta.width, thumbMeta.height)).toBeLessThanOrEqual(320);
    expect(thumb.bytes.length).toBeLessThanOrEqual(20 * 1024);
    const display = await download(view.urls.display!);
    expect((await sharp(display.bytes).metadata()).format).toBe('webp');
    expect(display.bytes.length).toBeLessThanOrEqual(150 * 1024);
  });

  it('takes PNG and WebP photos', async () => {
    for (const [bytes, mime] of [
      [await png(), 'image/png'],
      [await webp(), 'image/webp'],
    ] as const) {
      const res = await attach(alice, bytes, 'photo');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'image', mimeType: mime, width: 400, height: 300 });
    }
  });

  it('takes a PDF as it is, served as a download', async () => {
    const bytes = pdf();
    const res = await attach(alice, bytes, 'letter from the district.pdf');
    expect(res.status).toBe(201);
    const view = res.body as View;
    expect(view).toMatchObject({
      kind: 'document',
      mimeType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
    });
    expect(view.urls.thumbnail).toBeUndefined();
    const { res: served, bytes: got } = await download(view.urls.original);
    expect(got.equals(bytes)).toBe(true);
    expect(served.headers.get('content-disposition')).toBe(
      `attachment; filename="letter from the district.pdf"; filename*=UTF-8''letter%20from%20the%20district.pdf`,
    );
  });

  it('takes voice notes: Opus in Ogg and WebM, AAC in MP4, with their duration', async () => {
    const cases = [
      [oggOpus(3), 'audio/ogg', 3],
      [webmOpus(2), 'audio/webm', 2],
      [m4aAac(4), 'audio/mp4', 4],
      [m4aAac(2, { brand: 'isom' }), 'audio/mp4', 2],
    ] as const;
    for (const [bytes, mimeType, seconds] of cases) {
      const res = await attach(alice, bytes, 'voice');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'audio', mimeType, size: bytes.length });
      expect((res.body as View).durationSeconds).toBeCloseTo(seconds, 1);
    }
  });

  it('takes a WebM as Chromium records it live (no sizes, no duration), judged by its tracks', async () => {
    // Recorded by Chromium's MediaRecorder (fake microphone): music-metadata cannot read it.
    const live = readFileSync(new URL('../web/test/fixtures/chromium-voice.webm', import.meta.url));
    const res = await attach(alice, live, 'voice.webm');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'audio', mimeType: 'audio/webm', size: live.length });
    expect((res.body as View).durationSeconds).toBeUndefined();
  });

  it('refuses what is not a photo, a PDF or a voice note, whatever its name says', async () => {
    const cases: [Buffer, string][] = [
      [HTML, 'photo.jpg'],
      [SVG_WITH_SCRIPT, 'drawing.svg'],
      [SVG_WITH_SCRIPT, 'photo.png'],
      [TEXT, 'photo.jpg'],
      [webmOpus(2, { video: true }), 'voice.webm'],
      [m4aAac(2, { video: true, brand: 'isom' }), 'voice.m4a'],
    ];
    for (const [bytes, filename] of cases) {
      const res = await attach(alice, bytes, filename);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'uploadId', message: expect.any(String) }]);
    }
  });

  it("says why in the reader's language", async () => {
    const uploadId = await uploadFile(t.baseUrl, alice, HTML, 'x.jpg');
    const res = await t.http
      .post(`${API}/attachments`)
      .set(alice.auth)
      .set('Accept-Language', 'ky')
      .send({ uploadId });
    expectProblem(res, 400, 'validation_failed');
    expect(res.headers['content-language']).toBe('ky');
    expect((res.body.errors as { message: string }[])[0].message).toContain('тиркөөгө болбойт');
  });

  it('names a download safely: no path, ASCII in filename, the exact name in filename*', async () => {
    const res = await attach(alice, pdf(5), '../../etc/Кат "акимге".pdf');
    const { res: served } = await download((res.body as View).urls.original);
    // Path and quotes dropped; Cyrillic folded to _ in filename, exact in filename*.
    expect(served.headers.get('content-disposition')).toBe(
      `attachment; filename="___ ______.pdf"; filename*=UTF-8''${encodeURIComponent('Кат акимге.pdf')}`,
    );
  });

  it('a PNG named .pdf is a PNG: the bytes decide, and the download is named .png', async () => {
    const res = await attach(alice, await png(), 'report.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', mimeType: 'image/png' });
    const { res: served } = await download((res.body as View).urls.original);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-disposition')).toMatch(/filename="report.png"/);
  });

  it('the same upload posted twice is the same attachment, one row', async () => {
    const uploadId = await uploadFile(t.baseUrl, alice, pdf(10), 'a.pdf');
    const first = await t.http.post(`${API}/attachments`).set(alice.auth).send({ uploadId });
    const second = await t.http.post(`${API}/attachments`).set(alice.auth).send({ uploadId });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    const [{ count }] = await t.db.query(
      'SELECT count(*)::int AS count FROM attachments WHERE upload_id = $1',
      [uploadId],
    );
    expect(count).toBe(1);
    // And with an Idempotency-Key, the replay is the stored answer.
    const key = randomUUID();
    const other = await uploadFile(t.baseUrl, alice, pdf(11), 'b.pdf');
    const a = await t.http
      .post(`${API}/attachments`)
      .set(alice.auth)
      .set('Idempotency-Key', key)
      .send({ uploadId: other });
    const b = await t.http
      .post(`${API}/attachments`)
      .set(alice.auth)
      .set('Idempotency-Key', key)
      .send({ uploadId: other });
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.body.id).toBe(a.body.id);
  });

  it('keeps one copy of the same bytes', async () => {
    const bytes = pdf(1234);
    const one = await attach(alice, bytes, 'one.pdf');
    const two = await attach(bob, bytes, 'two.pdf');
    expect(one.body.id).not.toBe(two.body.id);
    const [{ count }] = await t.db.query(
      'SELECT count(*)::int AS count FROM file_blobs WHERE sha256 = $1',
      [sha256(bytes)],
    );
    expect(count).toBe(1);
  });

  it("refuses an upload that is not finished, and one that is someone else's", async () => {
    const created = await fetch(`${t.baseUrl}${API}/uploads`, {
      method: 'POST',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '100', ...alice.auth },
    });
    const uploadId = created.headers.get('location')!.split('/').pop()!;
    const unfinished = await t.http.post(`${API}/attachments`).set(alice.auth).send({ uploadId });
    expectProblem(unfinished, 400, 'validation_failed');
    const done = await uploadFile(t.baseUrl, alice, pdf(), 'x.pdf');
    const stolen = await t.http.post(`${API}/attachments`).set(bob.auth).send({ uploadId: done });
    expectProblem(stolen, 400, 'validation_failed');
    const unknown = await t.http
      .post(`${API}/attachments`)
      .set(alice.auth)
      .send({ uploadId: '7d8f0c3e-1111-4a4a-8b8b-000000000000', extra: 1 });
    expectProblem(unknown, 400, 'validation_failed');
  });

  it("an unattached file is its uploader's alone; an unknown id is 404", async () => {
    const res = await attach(alice, pdf(3), 'mine.pdf');
    const id = (res.body as View).id;
    expect((await t.http.get(`${API}/attachments/${id}`).set(alice.auth)).status).toBe(200);
    expectProblem(await t.http.get(`${API}/attachments/${id}`).set(bob.auth), 404, 'not_found');
    expectProblem(
      await t.http.get(`${API}/attachments/7d8f0c3e-1111-4a4a-8b8b-000000000000`).set(alice.auth),
      404,
      'not_found',
    );
    expectProblem(await t.http.get(`${API}/attachments/${id}`), 401, 'unauthorized');
  });

  it('claims keep their order and replay as a no-op; another user cannot claim them; a hidden parent hides its files', async () => {
    const service = t.app.get(AttachmentsService);
    const db = t.app.get(DataSource);
    // A real issue (no files yet): the issues module's own policy decides who sees its files.
    const raised = await t.http
      .post(`${API}/issues`)
      .set(alice.auth)
      .send({
        title: 'Каналдын башы бузулду',
        body: 'Суу бөлүштүргүч талкаланган.',
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSai],
        decisionLevel: 'district',
      });
    expect(raised.status).toBe(201);
    const parent = { type: 'issue' as const, id: String(raised.body.id) };
    const one = (await attach(alice, pdf(21), 'one.pdf')).body as View;
    const two = (await attach(alice, await png(), 'two.png')).body as View;
    // Not attached yet: the uploader's alone.
    expectProblem(await t.http.get(`${API}/attachments/${one.id}`).set(bob.auth), 404, 'not_found');
    const views = await db.transaction((manager) =>
      service.claim(manager, alice.id, [two.id, one.id], parent),
    );
    expect(views.map((v) => v.id)).toEqual([two.id, one.id]);
    // A replay of the same claim changes nothing.
    await db.transaction((manager) => service.claim(manager, alice.id, [two.id, one.id], parent));
    const unknownParent = '5a5a5a5a-0000-4000-8000-00000000000f';
    const byParent = await service.viewsFor('issue', [parent.id, unknownParent]);
    expect(byParent.get(parent.id)!.map((v) => v.id)).toEqual([two.id, one.id]);
    expect(byParent.get(unknownParent)).toEqual([]);
    // Bob may see the issue, so its files, but not claim them for an item of his own.
    expect((await t.http.get(`${API}/attachments/${one.id}`).set(bob.auth)).status).toBe(200);
    await expect(
      db.transaction((manager) =>
        service.claim(manager, bob.id, [one.id], { type: 'comment', id: unknownParent }),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });

    // The parent hidden: its files are gone, even by a valid signed URL; shown again, back.
    const fresh = (await t.http.get(`${API}/attachments/${two.id}`).set(alice.auth)).body as View;
    await db.transaction((manager) => service.setParentHidden(manager, parent, true));
    expect((await download(fresh.urls.original)).res.status).toBe(404);
    expect((await service.viewsFor('issue', [parent.id])).get(parent.id)).toEqual([]);
    expectProblem(await t.http.get(`${API}/attachments/${two.id}`).set(bob.auth), 404, 'not_found');
    await db.transaction((manager) => service.setParentHidden(manager, parent, false));
    expect((await download(fresh.urls.original)).res.status).toBe(200);
  });

  it('signed URLs work without a token and stop working when they expire or are altered', async () => {
    const view = (await attach(alice, pdf(77), 'signed.pdf')).body as View;
    expect((await download(view.urls.original)).res.status).toBe(200);
    const key = fileUrlKey(t.config);
    const expired = signedFilePath(key, view.id, 'original', Math.floor(Date.now() / 1000) - 1);
    const gone = await download(expired);
    expect(gone.res.status).toBe(403);
    expect(gone.res.headers.get('content-type')).toMatch(/problem\+json/);
    const otherVariant = view.urls.original.replace('/original?', '/thumbnail?');
    expect((await download(otherVariant)).res.status).toBe(403);
    const tampered = view.urls.original.replace(/sig=./, 'sig=A');
    expect((await download(tampered)).res.status).toBe(403);
    const otherFile = view.urls.original.replace(view.id, '7d8f0c3e-1111-4a4a-8b8b-000000000000');
    expect((await download(otherFile)).res.status).toBe(403);
  });

  it('serves one range of a voice note (206) and refuses one past its end (416)', async () => {
    const bytes = oggOpus(5);
    const view = (await attach(alice, bytes, 'voice.ogg')).body as View;
    const part = await download(view.urls.original, { Range: 'bytes=100-199' });
    expect(part.res.status).toBe(206);
    expect(part.res.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.bytes.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await download(view.urls.original, { Range: 'bytes=-50' });
    expect(tail.res.status).toBe(206);
    expect(tail.bytes.equals(bytes.subarray(bytes.length - 50))).toBe(true);
    const open = await download(view.urls.original, { Range: `bytes=${bytes.length - 10}-` });
    expect(open.bytes.equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const past = await download(view.urls.original, { Range: `bytes=${bytes.length}-` });
    expect(past.res.status).toBe(416);
    expect(past.res.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const cached = await download(view.urls.original, { 'If-None-Match': `"${view.sha256}"` });
    expect(cached.res.status).toBe(304);
  });
});
