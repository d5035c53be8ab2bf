/**
 * `npm run bench:attachments`: what attachments cost the hub. On a fresh embedded database:
 * 1. upload throughput: 10 MB files through tus (creation, one PATCH each), one client, in
 *    MB/s, beside a baseline measured in the same run: the same bytes written straight into
 *    PostgreSQL as 512 KiB `bytea` rows of a logged table by one client (the floor the store
 *    sits on);
 * 2. memory while 20 clients upload 10 MB files at once: the hub process's resident set
 *    sampled every 100 ms, beside its idle resident set in the same run (flat means streamed);
 * 3. photo processing: phone-sized JPEGs (12 MP) turned into attachments (decode, re-encode,
 *    display and thumbnail versions), in images per second, one and two at a time;
 * 4. the bytes a timeline of 20 photo issues costs on first load: a page of 20 issues (JSON)
 *    plus each one's attachment view (JSON) and thumbnail, against the same with originals.
 * Progress lines as it goes; nothing is asserted. See docs/attachments.md for figures.
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import sharp from 'sharp';
import {
  API,
  call,
  HOST,
  loadAverage,
  log,
  makeDataDir,
  pool,
  rssMiB,
  runBench,
  startHub,
  table,
} from './lib.js';

const MB = 1024 * 1024;
const FILE_BYTES = 10 * MB;
const SINGLE_FILES = 5;
const CLIENTS = 20;
const PHOTOS = 8;
const PHOTO_SIZE = { width: 4000, height: 3000 };
const TIMELINE = 20;
const PASSWORD = 'bench password 0123456789';
const TERRITORY = '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0102';

interface Session {
  accessToken: string;
}

function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method, path, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One tus upload: creation, then the whole file in one PATCH; answers the upload id. */
async function tusUpload(port: number, token: string, bytes: Buffer, name: string) {
  const auth = { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
  const created = await request(port, 'POST', `${API}/uploads`, {
    ...auth,
    'upload-length': String(bytes.length),
    'upload-metadata': `filename ${Buffer.from(name).toString('base64')}`,
  });
  if (created.status !== 201)
    throw new Error(`creation: ${created.status} ${created.body.toString()}`);
  const location = String(created.headers.location);
  const patched = await request(
    port,
    'PATCH',
    location,
    {
      ...auth,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
      'content-length': String(bytes.length),
    },
    bytes,
  );
  if (patched.status !== 204)
    throw new Error(`PATCH: ${patched.status} ${patched.body.toString()}`);
  return location.split('/').pop()!;
}

/** A PDF of about `size` bytes (a scanned letter's size; its content does not matter here). */
function pdfOf(size: number, seed: number): Buffer {
  const head = Buffer.from(`%PDF-1.4\n% bench ${seed}\n`, 'latin1');
  const filler = Buffer.alloc(size - head.length - 6, 0x20 + (seed % 90));
  return Buffer.concat([head, filler, Buffer.from('\n%%EOF', 'latin1')]);
}

/** A phone-like photo: noise compresses as badly as a real scene does. */
async function photo(seed: number): Promise<Buffer> {
  const { width, height } = PHOTO_SIZE;
  const small = { width: width / 8, height: height / 8 };
  const pixels = Buffer.alloc(small.width * small.height * 3);
  let state = seed + 1;
  for (let i = 0; i < pixels.length; i += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = (state >> 16) & 0xff;
  }
  return sharp(pixels, { raw: { ...small, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const mbps = (bytes: number, ms: number) => ((bytes / MB / ms) * 1000).toFixed(1);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  log(`load average before: ${loadAverage()}`);
  const dir = await makeDataDir();
  const { hub, readyMs } = await startHub(dir, {
    KENESH_UPLOAD_QUOTA_USER: '1024gb',
    KENESH_UPLOAD_QUOTA_ORGANISATION: '1024gb',
    KENESH_IMAGE_MAX_PIXELS: '50000000',
  });
  const port = hub.port;
  log(`hub ready in ${readyMs.toFixed(0)} ms (pid ${hub.pid}, port ${port})`);
  const register = (i: number) =>
    call<Session>(
      port,
      {
        method: 'POST',
        path: `${API}/auth/register`,
        body: {
          email: `bench-${i}-${randomUUID().slice(0, 6)}@example.kg`,
          password: PASSWORD,
          displayName: `Bench ${i}`,
        },
      },
      201,
    );
  const users = await pool(CLIENTS, 4, register);
  const token = users[0].accessToken;

  // Warm up the code paths (first tus request, first PATCH, first attachment).
  await tusUpload(port, token, pdfOf(MB, 0), 'warm.pdf');

  // 1. Throughput, with the PostgreSQL floor measured on the same database.
  log(`1/4 upload throughput: ${SINGLE_FILES} files of 10 MB, one client`);
  const file = pdfOf(FILE_BYTES, 1);
  let started = performance.now();
  for (let i = 0; i < SINGLE_FILES; i += 1) {
    await tusUpload(port, token, file, `file-${i}.pdf`);
    log(`  uploaded ${i + 1}/${SINGLE_FILES}`);
  }
  const hubMs = performance.now() - started;
  const db = new pg.Client({
    host: HOST,
    port: hub.pgPort,
    user: 'kenesh',
    password: 'kenesh',
    database: 'kenesh',
  });
  await db.connect();
  // A logged table like file_chunks (a temporary one would skip the WAL and flatter it).
  await db.query('CREATE TABLE bench_chunks (seq int, data bytea)');
  await db.query('ALTER TABLE bench_chunks ALTER COLUMN data SET STORAGE EXTERNAL');
  started = performance.now();
  for (let i = 0; i < SINGLE_FILES; i += 1) {
    for (let offset = 0, seq = 0; offset < file.length; offset += 512 * 1024, seq += 1) {
      await db.query('INSERT INTO bench_chunks VALUES ($1, $2)', [
        seq,
        file.subarray(offset, offset + 512 * 1024),
      ]);
    }
  }
  const floorMs = performance.now() - started;
  await db.query('DROP TABLE bench_chunks');
  await db.end();
  const total = FILE_BYTES * SINGLE_FILES;
  console.log(
    table(
      ['upload, 10 MB files', 'MB/s', 'seconds'],
      [
        ['hub: tus POST + PATCH into PostgreSQL', mbps(total, hubMs), (hubMs / 1000).toFixed(2)],
        [
          'baseline: 512 KiB bytea INSERTs, no hub',
          mbps(total, floorMs),
          (floorMs / 1000).toFixed(2),
        ],
      ],
    ),
  );

  // 2. Memory while 20 clients upload at once.
  log(`2/4 memory: idle, then ${CLIENTS} clients uploading 10 MB each at once`);
  const idle: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    idle.push(rssMiB(hub.pid) ?? NaN);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const busy: number[] = [];
  const sampler = setInterval(() => busy.push(rssMiB(hub.pid) ?? NaN), 100);
  started = performance.now();
  let done = 0;
  await Promise.all(
    users.map(async (user, i) => {
      await tusUpload(port, user.accessToken, file, `parallel-${i}.pdf`);
      done += 1;
      if (done % 5 === 0) log(`  ${done}/${CLIENTS} uploads finished`);
    }),
  );
  const parallelMs = performance.now() - started;
  clearInterval(sampler);
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    table(
      ['hub RSS (MiB)', 'idle (baseline)', `${CLIENTS} uploads`],
      [
        ['median', median(idle).toFixed(1), median(busy).toFixed(1)],
        ['peak', Math.max(...idle).toFixed(1), Math.max(...busy).toFixed(1)],
      ],
    ),
  );
  log(
    `  ${CLIENTS} × 10 MB in ${(parallelMs / 1000).toFixed(1)} s (${mbps(FILE_BYTES * CLIENTS, parallelMs)} MB/s together); peak − idle = ${(Math.max(...busy) - median(idle)).toFixed(1)} MiB for ${(FILE_BYTES * CLIENTS) / MB} MiB uploaded`,
  );

  // 3. Photo processing.
  log(`3/4 photos: ${PHOTOS} JPEGs of ${PHOTO_SIZE.width}×${PHOTO_SIZE.height}`);
  const photos = await Promise.all(Array.from({ length: PHOTOS }, (_, i) => photo(i)));
  const photoUploads: string[] = [];
  for (const [i, bytes] of photos.entries())
    photoUploads.push(await tusUpload(port, token, bytes, `photo-${i}.jpg`));
  // No timeout: a 12 MP photo takes seconds on a busy 2-core machine, and that is the figure.
  const attach = async (uploadId: string): Promise<View> => {
    const body = Buffer.from(JSON.stringify({ uploadId }));
    const res = await request(
      port,
      'POST',
      `${API}/attachments`,
      {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': String(body.length),
      },
      body,
    );
    if (res.status !== 201) throw new Error(`attach: ${res.status} ${res.body.toString()}`);
    return JSON.parse(res.body.toString()) as View;
  };
  const half = PHOTOS / 2;
  started = performance.now();
  const views: View[] = [];
  for (const uploadId of photoUploads.slice(0, half)) {
    views.push(await attach(uploadId));
    log(`  processed ${views.length}/${PHOTOS}`);
  }
  const sequentialMs = performance.now() - started;
  started = performance.now();
  views.push(...(await pool(half, 2, (i) => attach(photoUploads[half + i]))));
  const parallelPhotosMs = performance.now() - started;
  log(`  processed ${views.length}/${PHOTOS}`);
  const avgInput = photos.reduce((sum, p) => sum + p.length, 0) / PHOTOS;
  console.log(
    table(
      ['photos → attachments', 'images/s', 'ms per image'],
      [
        [
          'one at a time',
          (half / (sequentialMs / 1000)).toFixed(2),
          (sequentialMs / half).toFixed(0),
        ],
        [
          'two at a time',
          (half / (parallelPhotosMs / 1000)).toFixed(2),
          (parallelPhotosMs / half).toFixed(0),
        ],
      ],
    ),
  );
  log(`  average input ${kb(avgInput)}; 12 MP decode, re-encode, 1280 px and 320 px WebP`);

  // 4. A timeline of 20 photo issues, first load.
  log(`4/4 a timeline of ${TIMELINE} photo issues`);
  for (let i = 0; i < TIMELINE; i += 1) {
    await call(
      port,
      {
        method: 'POST',
        path: `${API}/issues`,
        token,
        body: {
          title: `Канал ${i + 1}: суу жетпейт`,
          body: 'Жайкы сугат мезгилинде Көк-Таш каналындагы суу жетишпейт. Сүрөт тиркелди.',
          category: 'water_irrigation',
          territoryIds: [TERRITORY],
          decisionLevel: 'district',
        },
      },
      201,
    );
  }
  const page = await request(port, 'GET', `${API}/issues?limit=${TIMELINE}`, {
    authorization: `Bearer ${token}`,
    'accept-encoding': 'identity',
  });
  const timelineViews = Array.from({ length: TIMELINE }, (_, i) => views[i % views.length]);
  const viewsJson = timelineViews.reduce((sum, v) => sum + JSON.stringify([v]).length, 0);
  let thumbnails = 0;
  let displays = 0;
  let originals = 0;
  for (const view of timelineViews) {
    thumbnails += (await request(port, 'GET', view.urls.thumbnail!, {})).body.length;
    displays += (await request(port, 'GET', view.urls.display!, {})).body.length;
    originals += (await request(port, 'GET', view.urls.original, {})).body.length;
  }
  const json = page.body.length + viewsJson;
  const sha = createHash('sha256').update(page.body).digest('hex').slice(0, 8);
  console.log(
    table(
      [`first load, ${TIMELINE} photo issues`, 'bytes', 'per issue'],
      [
        ['JSON: the page + attachment views', kb(json), kb(json / TIMELINE)],
        [
          '+ thumbnails (what the timeline loads)',
          kb(json + thumbnails),
          kb((json + thumbnails) / TIMELINE),
        ],
        ['  with display versions instead', kb(json + displays), kb((json + displays) / TIMELINE)],
        [
          '  with originals instead (baseline)',
          kb(json + originals),
          kb((json + originals) / TIMELINE),
        ],
        [
          '  the photos as phones took them',
          kb(json + avgInput * TIMELINE),
          kb(json / TIMELINE + avgInput),
        ],
      ],
    ),
  );
  log(
    `  page ${sha}: ${kb(page.body.length)} uncompressed; thumbnails average ${kb(thumbnails / TIMELINE)}`,
  );
  log(`load average after: ${loadAverage()}`);
}

interface View {
  id: string;
  urls: { original: string; display?: string; thumbnail?: string };
}

await runBench('bench:attachments', 20 * 60_000, main);
