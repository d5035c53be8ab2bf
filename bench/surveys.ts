/**
 * `npm run bench:surveys [-- --scale=0.1]`: survey results and exports at programme size. On a
 * fresh embedded database:
 * 1. seeds one survey of 40 questions (20 single choice, 6 multi choice, 6 yes/no, 4 scales,
 *    2 integers, 2 texts) over two versions, 40 villages under the seven aiyl aimaks, and
 *    100,000 submissions (times --scale) written straight into PostgreSQL in batches, then
 *    counts them into the tallies with the same SQL the rebuild uses;
 * 2. results through the hub (GET /surveys/:id/results: tallies, roll-up to aiyl aimaks,
 *    suppression, JSON): p50/p95/p99 by territory × gender, by gender and by territory;
 * 3. beside them, the same counts written as plain SQL over survey_submissions' jsonb answers,
 *    run straight on PostgreSQL (no HTTP, no roll-up, no suppression: a floor for that path);
 * 4. the export of every row, CSV and XLSX: time, bytes, and the hub's resident memory
 *    sampled every 100 ms during the export beside its idle resident memory, and its peak over
 *    the first tenth of the bytes (memory that followed the rows would keep climbing after);
 *    a survey with a tenth of the rows first, for comparison;
 * 5. 500 submissions stored through PUT, 4 at a time (validation, the row, the tallies hook).
 * BENCH_EXPLAIN=1 prints the plain SQL's plans. Progress lines as it goes; nothing is asserted. docs/survey-results.md has the figures.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import {
  rebuildTalliesSql,
  talliesFromAnswersSql,
} from '../src/modules/surveys/results/submission-tallies.js';
import { talliesSql } from '../src/modules/surveys/results/survey-results.service.js';
import {
  API,
  call,
  HOST,
  loadAverage,
  log,
  makeDataDir,
  ms,
  percentile,
  pool,
  rssMiB,
  runBench,
  send,
  startHub,
  table,
} from './lib.js';

const SUBMISSIONS = 100_000;
const BATCH = 2_000;
const VILLAGES = 40;
const RUNS = 60;
const WARM_UP = 5;
const SQL_RUNS = 3;
const WRITES = 500;
const WRITERS = 4;
const PASSWORD = 'bench password 0123456789';
const AIMAKS = [
  '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0101',
  '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0102',
  '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0103',
  '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0104',
  '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0105',
  '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0106',
  '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0107',
];
const GENDERS = ['female', 'male', 'undisclosed'];
const AGE_BANDS = ['<18', '18-29', '30-44', '45-59', '60+'];
const MODES = ['online', 'in_person', 'paper'];

interface Question {
  key: string;
  type: string;
  label: Record<string, string>;
  choices?: { code: string; label: Record<string, string> }[];
  min?: number;
  max?: number;
  retired?: boolean;
}

function questions(): Question[] {
  const label = (i: number) => ({ ky: `Суроо ${i}`, ru: `Вопрос ${i}`, en: `Question ${i}` });
  const choices = (n: number) =>
    Array.from({ length: n }, (_, c) => ({
      code: `c${c + 1}`,
      label: { ky: `Жооп ${c + 1}`, ru: `Ответ ${c + 1}`, en: `Answer ${c + 1}` },
    }));
  const list: Question[] = [];
  for (let i = 1; i <= 40; i += 1) {
    const key = `q${String(i).padStart(2, '0')}`;
    if (i <= 20) list.push({ key, type: 'single_choice', label: label(i), choices: choices(5) });
    else if (i <= 26)
      list.push({ key, type: 'multi_choice', label: label(i), choices: choices(6) });
    else if (i <= 32) list.push({ key, type: 'yes_no', label: label(i) });
    else if (i <= 36) list.push({ key, type: 'scale', label: label(i), min: 1, max: 5 });
    else if (i <= 38) list.push({ key, type: 'integer', label: label(i), min: 0, max: 50 });
    else list.push({ key, type: 'text', label: label(i) });
  }
  return list;
}

/** A small deterministic generator (mulberry32): the same data on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function answersFor(qs: Question[], random: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of qs) {
    if (q.retired || random() < 0.08) continue; // not relevant, or skipped
    const pick = (n: number) => Math.min(n - 1, Math.floor(random() ** 1.6 * n));
    switch (q.type) {
      case 'single_choice':
        answers[q.key] = `c${pick(5) + 1}`;
        break;
      case 'multi_choice':
        answers[q.key] = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].filter(() => random() < 0.35);
        break;
      case 'yes_no':
        answers[q.key] = random() < 0.6 ? 'yes' : 'no';
        break;
      case 'scale':
        answers[q.key] = pick(5) + 1;
        break;
      case 'integer':
        answers[q.key] = Math.floor(random() * 12);
        break;
      default:
        answers[q.key] = `Жооп ${Math.floor(random() * 1000)}: суу, жол, мектеп`;
    }
  }
  return answers;
}

async function timeRequests(
  port: number,
  token: string,
  path: string,
): Promise<{ sorted: number[]; bytes: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let bytes = 0;
  for (let i = 0; i < WARM_UP; i += 1) await send(agent, port, 'GET', path, { token });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const reply = await send(agent, port, 'GET', path, { token, timeoutMs: 60_000 });
    times.push(performance.now() - started);
    if (reply.status !== 200)
      throw new Error(`${path}: ${reply.status} ${reply.body.slice(0, 300)}`);
    bytes = reply.body.length;
  }
  agent.destroy();
  return { sorted: times.sort((a, b) => a - b), bytes };
}

async function timeSql(
  db: pg.Client,
  sql: string,
  params: unknown[],
  runs = SQL_RUNS,
): Promise<number[]> {
  await db.query(sql, params);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await db.query(sql, params);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** Downloads an export, counting bytes, while sampling the hub's resident memory. */
async function timeExport(
  port: number,
  pid: number,
  token: string,
  path: string,
): Promise<{ ms: number; bytes: number; peakMiB: number; firstTenthPeakMiB: number }> {
  let n = 0;
  // (bytes received so far, resident MiB) every 100 ms: does memory follow the rows?
  const samples: [number, number][] = [[0, rssMiB(pid) ?? NaN]];
  const sampler = setInterval(() => samples.push([n, rssMiB(pid) ?? NaN]), 100);
  const started = performance.now();
  try {
    const bytes = await new Promise<number>((resolve, reject) => {
      const req = http.get(
        { host: HOST, port, path, headers: { authorization: `Bearer ${token}` }, agent: false },
        (res) => {
          if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`));
          res.on('data', (chunk: Buffer) => (n += chunk.length));
          res.on('end', () => resolve(n));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
    samples.push([bytes, rssMiB(pid) ?? NaN]);
    const peakOf = (list: [number, number][]) => Math.max(...list.map(([, rss]) => rss));
    return {
      ms: performance.now() - started,
      bytes,
      peakMiB: peakOf(samples),
      firstTenthPeakMiB: peakOf(samples.filter(([at]) => at <= bytes / 10)),
    };
  } finally {
    clearInterval(sampler);
  }
}

function parseScale(): number {
  let scale = 1;
  for (const arg of process.argv.slice(2)) {
    const value = /^--scale=(.+)$/.exec(arg)?.[1];
    if (value === undefined) throw new Error(`unknown argument ${arg} (known: --scale=<factor>)`);
    scale = Number(value);
    if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be in (0, 10], got ${value}`);
  }
  return scale;
}

async function main(): Promise<void> {
  const scale = parseScale();
  const total = Math.round(SUBMISSIONS * scale);
  log(`load average before: ${loadAverage()}`);
  const dir = await makeDataDir();
  const { hub, readyMs } = await startHub(dir);
  const port = hub.port;
  log(`hub ready in ${readyMs.toFixed(0)} ms (pid ${hub.pid}, port ${port})`);

  const db = new pg.Client({
    host: HOST,
    port: hub.pgPort,
    user: 'kenesh',
    password: 'kenesh',
    database: 'kenesh',
  });
  await db.connect();
  try {
    const session = await call<{ accessToken: string; user: { id: string } }>(
      port,
      {
        method: 'POST',
        path: `${API}/auth/register`,
        body: {
          email: `bench-${randomUUID().slice(0, 8)}@example.kg`,
          password: PASSWORD,
          displayName: 'Bench facilitator',
        },
      },
      201,
    );
    await db.query(`UPDATE users SET role = 'facilitator' WHERE id = $1`, [session.user.id]);
    const token = session.accessToken;

    // 1. Seed.
    log(`1/5 seeding ${VILLAGES} villages, a survey of 40 questions, ${total} submissions`);
    const villages: string[] = [];
    for (let v = 0; v < VILLAGES; v += 1) {
      const id = randomUUID();
      villages.push(id);
      await db.query(
        `INSERT INTO territories (id, code, level, name, parent_id, border_status)
         VALUES ($1, $2, 'village', $3, $4, $5)`,
        [
          id,
          `bench-village-${v}`,
          JSON.stringify({ ky: `Айыл ${v}`, ru: `Село ${v}`, en: `Village ${v}` }),
          AIMAKS[v % AIMAKS.length],
          v % 3 === 0 ? 'delimited' : v % 3 === 1 ? null : 'none',
        ],
      );
    }
    const v1 = questions();
    // Version 2 retires two questions and adds a choice: exports carry both versions.
    const v2 = v1.map((q) =>
      q.key === 'q19' || q.key === 'q20'
        ? { ...q, retired: true }
        : q.key === 'q01'
          ? { ...q, choices: [...q.choices!, { code: 'c6', label: { ky: 'Башка', ru: 'Другое' } }] }
          : q,
    );
    const surveyId = randomUUID();
    await db.query(
      `INSERT INTO surveys (id, title, anonymous, min_cell_size, status, current_version, created_by)
       VALUES ($1, $2, false, 5, 'open', 2, $3)`,
      [surveyId, JSON.stringify({ ky: 'Муктаждыктар', ru: 'Потребности' }), session.user.id],
    );
    for (const [i, qs] of [v1, v2].entries())
      await db.query(
        'INSERT INTO survey_versions (survey_id, version, questions) VALUES ($1, $2, $3)',
        [surveyId, i + 1, JSON.stringify(qs)],
      );
    await db.query(
      `INSERT INTO survey_territories (survey_id, territory_id)
       VALUES ($1, '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0002')`,
      [surveyId],
    );

    const random = generator(42);
    let started = performance.now();
    for (let done = 0; done < total;) {
      const n = Math.min(BATCH, total - done);
      const rows = Array.from({ length: n }, (_, i) => {
        const version = done + i < total / 2 ? 1 : 2;
        return {
          id: randomUUID(),
          version,
          mode: MODES[Math.floor(random() * 3)],
          gender: GENDERS[random() < 0.04 ? 2 : random() < 0.55 ? 0 : 1],
          ageBand: AGE_BANDS[Math.floor(random() * 5)],
          territory: villages[Math.floor(random() ** 1.3 * VILLAGES)],
          answers: JSON.stringify(answersFor(version === 1 ? v1 : v2, random)),
        };
      });
      await db.query(
        `INSERT INTO survey_submissions
           (id, survey_id, version, mode, gender, age_band, territory_id, answers, content_hash,
            collected_on)
         SELECT id, $1, v, m, g, b, tr, a::jsonb, md5(a), current_date - (v * 3)
           FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
             AS d(id, v, m, g, b, tr, a)`,
        [
          surveyId,
          rows.map((r) => r.id),
          rows.map((r) => r.version),
          rows.map((r) => r.mode),
          rows.map((r) => r.gender),
          rows.map((r) => r.ageBand),
          rows.map((r) => r.territory),
          rows.map((r) => r.answers),
        ],
      );
      done += n;
      if (done % 20_000 === 0 || done === total) log(`  ${done}/${total} submissions`);
    }
    const seedMs = performance.now() - started;
    started = performance.now();
    await db.query(rebuildTalliesSql(), [surveyId]);
    const tallyMs = performance.now() - started;
    await db.query('ANALYZE survey_submissions');
    await db.query('ANALYZE survey_tallies');
    const counted = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM survey_tallies WHERE survey_id = $1',
      [surveyId],
    );
    const tallyRows = counted.rows[0].n;
    log(
      `  seeded in ${(seedMs / 1000).toFixed(1)} s; tallies counted in ${(tallyMs / 1000).toFixed(1)} s (${tallyRows} rows)`,
    );

    // 2. Results through the hub.
    log(`2/5 results through the hub, ${RUNS} runs each after ${WARM_UP} warm-ups`);
    const base = `${API}/surveys/${surveyId}/results`;
    const hubRuns = [
      ['territory × gender', `${base}?by=territory,gender`],
      ['gender', `${base}?by=gender`],
      ['territory', `${base}?by=territory`],
      ['border status', `${base}?by=borderStatus`],
      ['territory × gender, one question', `${base}?by=territory,gender&question=q01`],
    ] as const;
    const hubFigures: string[][] = [];
    for (const [name, path] of hubRuns) {
      const { sorted, bytes } = await timeRequests(port, token, path);
      hubFigures.push([
        `hub: results by ${name}`,
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 95)),
        ms(percentile(sorted, 99)),
        `${(bytes / 1024).toFixed(0)} KB`,
      ]);
      log(`  ${name}: p95 ${ms(percentile(sorted, 95))} ms`);
    }

    // 3. The same counts as plain SQL over the answers.
    log(`3/5 the same counts as plain SQL over survey_submissions' jsonb, ${SQL_RUNS} runs each`);
    const sqlFigures: string[][] = [];
    for (const [name, columns] of [
      ['territory × gender', ['territory_id', 'gender']],
      ['gender', ['gender']],
    ] as const) {
      const sql = talliesFromAnswersSql([...columns]);
      if (process.env.BENCH_EXPLAIN) {
        const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [
          surveyId,
        ]);
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
      const sorted = await timeSql(db, sql, [surveyId]);
      sqlFigures.push([
        `plain SQL over jsonb: by ${name}`,
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 95)),
        ms(percentile(sorted, 99)),
        '',
      ]);
      log(`  ${name}: p95 ${ms(percentile(sorted, 95))} ms`);
    }
    // Villages placed in their aiyl aimak, as the hub places them for the default level.
    const placed = await db.query<{ id: string; grp: string; border: string }>(
      `SELECT id, CASE WHEN level = 'village' THEN parent_id ELSE id END AS grp,
              coalesce(border_status, 'none') AS border
         FROM territories`,
    );
    const placement = [
      placed.rows.map((r) => r.id),
      placed.rows.map((r) => r.grp),
      placed.rows.map((r) => r.border),
    ];
    for (const [name, by, params] of [
      ['territory × gender', ['territory', 'gender'], [surveyId, [], ...placement]],
      ['gender', ['gender'], [surveyId, []]],
    ] as const) {
      if (process.env.BENCH_EXPLAIN) {
        const plan = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${talliesSql([...by], false)}`,
          [...params],
        );
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
      const sorted = await timeSql(db, talliesSql([...by], false), [...params], RUNS);
      sqlFigures.push([
        `its tallies query alone: by ${name}`,
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 95)),
        ms(percentile(sorted, 99)),
        '',
      ]);
    }
    console.log(
      table(['results', 'p50 ms', 'p95 ms', 'p99 ms', 'answer'], [...hubFigures, ...sqlFigures]),
    );

    // 4. Exports.
    log('4/5 exports of every row, memory sampled every 100 ms');
    const idle: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      idle.push(rssMiB(hub.pid) ?? NaN);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const idleMiB = Math.max(...idle);
    // A survey with a tenth of the rows: if memory follows the rows, its peak is lower.
    const tenthId = randomUUID();
    const tenth = Math.round(total / 10);
    await db.query(
      `INSERT INTO surveys (id, title, anonymous, min_cell_size, status, current_version)
       VALUES ($1, '{"ru": "Десятая часть"}', false, 5, 'open', 2)`,
      [tenthId],
    );
    await db.query(
      `INSERT INTO survey_versions (survey_id, version, questions)
       SELECT $2, version, questions FROM survey_versions WHERE survey_id = $1`,
      [surveyId, tenthId],
    );
    await db.query(
      `INSERT INTO survey_submissions
         (id, survey_id, version, mode, gender, age_band, territory_id, answers, content_hash)
       SELECT gen_random_uuid(), $2, version, mode, gender, age_band, territory_id, answers,
              content_hash
         FROM survey_submissions WHERE survey_id = $1 LIMIT $3`,
      [surveyId, tenthId, tenth],
    );
    const exportFigures: string[][] = [];
    for (const [name, query, id, rows] of [
      [`CSV, keys, ${tenth} rows`, 'format=csv', tenthId, tenth],
      [`XLSX, Kyrgyz labels, ${tenth} rows`, 'format=xlsx&labels=ky', tenthId, tenth],
      [`CSV, keys, ${total} rows`, 'format=csv', surveyId, total],
      [`CSV, Russian labels, ${total} rows`, 'format=csv&labels=ru', surveyId, total],
      [`XLSX, Kyrgyz labels, ${total} rows`, 'format=xlsx&labels=ky', surveyId, total],
    ] as const) {
      const figures = await timeExport(
        port,
        hub.pid,
        token,
        `${API}/surveys/${id}/export?${query}`,
      );
      exportFigures.push([
        name,
        (figures.ms / 1000).toFixed(1),
        `${(figures.bytes / 1024 / 1024).toFixed(1)} MB`,
        `${Math.round(rows / (figures.ms / 1000))}`,
        idleMiB.toFixed(0),
        figures.firstTenthPeakMiB.toFixed(0),
        figures.peakMiB.toFixed(0),
      ]);
      log(`  ${name}: ${(figures.ms / 1000).toFixed(1)} s, peak ${figures.peakMiB.toFixed(0)} MiB`);
    }
    console.log(
      table(
        [
          'export',
          'seconds',
          'size',
          'rows/s',
          'idle RSS MiB',
          'peak RSS MiB, first tenth',
          'peak RSS MiB',
        ],
        exportFigures,
      ),
    );

    // 5. Writes: what keeping the tallies in step costs a submission.
    log(`5/5 ${WRITES} submissions stored through PUT, ${WRITERS} at a time`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: WRITERS });
    const writeRandom = generator(7);
    const latencies = await pool(WRITES, WRITERS, async () => {
      const body = {
        version: 2,
        mode: 'paper',
        respondent: {
          gender: GENDERS[Math.floor(writeRandom() * 2)],
          ageBand: AGE_BANDS[Math.floor(writeRandom() * 5)],
          territoryId: villages[Math.floor(writeRandom() * VILLAGES)],
        },
        answers: answersFor(v2, writeRandom),
      };
      const started = performance.now();
      const reply = await send(
        agent,
        port,
        'PUT',
        `${base.replace('/results', '')}/submissions/${randomUUID()}`,
        {
          token,
          body,
        },
      );
      if (reply.status !== 201)
        throw new Error(`PUT: ${reply.status} ${reply.body.slice(0, 1500)}`);
      return performance.now() - started;
    });
    agent.destroy();
    const sortedWrites = latencies.sort((a, b) => a - b);
    console.log(
      table(
        ['PUT /surveys/:id/submissions/:id', 'p50 ms', 'p95 ms', 'p99 ms'],
        [
          [
            `${WRITES} submissions of 40 questions, ${WRITERS} at a time`,
            ms(percentile(sortedWrites, 50)),
            ms(percentile(sortedWrites, 95)),
            ms(percentile(sortedWrites, 99)),
          ],
        ],
      ),
    );
    log(`load average after: ${loadAverage()}`);
  } finally {
    await db.end();
  }
}

await runBench('bench:surveys', 40 * 60_000, main);
