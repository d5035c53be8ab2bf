/**
 * `npm run bench:reports [-- --scale=0.1] [-- --out=DIR]`: the district report pack at
 * programme size. On a fresh embedded database:
 * 1. seeds Batken district's register straight into PostgreSQL: 100,000 issues (times
 *    --scale) over its seven aiyl aimaks, their villages and the district itself, all twelve
 *    categories and the statuses in a plausible mix; escalations for 3 % of them (half
 *    answered, a quarter overdue); one held event per 500 issues with 20 sign-in lines each
 *    (gender × age band), counts without names for a fifth of them, two commitments each;
 * 2. builds the pack through the hub (POST /reports, the pg-boss job, GET /reports/:id polled
 *    every 100 ms): time to ready, time of each step as the progress showed it, the hub's
 *    resident memory sampled every 100 ms (idle and peak) and the build's own peak heap and RSS
 *    (from its report_ready log line), the PDF's and XLSX's sizes and pages;
 * 3. beside the pack's figures (read from GET /reports/:id/snapshot), the same figures written
 *    as plain SQL straight on PostgreSQL, timed, and checked equal.
 * `--out=DIR` keeps the PDF and XLSX there. Progress lines as it goes. docs/reports.md has the
 * figures.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import {
  API,
  call,
  HOST,
  loadAverage,
  log,
  makeDataDir,
  ms,
  rssMiB,
  runBench,
  send,
  startHub,
  table,
} from './lib.js';

const ISSUES = 100_000;
const BATCH = 10_000;
const PASSWORD = 'bench password 0123456789';
const DISTRICT = '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0002';
const CATEGORIES = [
  'water_irrigation',
  'land_pasture',
  'roads_transport',
  'border_crossing',
  'documents_citizenship',
  'trade_markets',
  'education',
  'health',
  'security_incidents',
  'interethnic_relations',
  'infrastructure',
  'other',
];
/** Status mix (per thousand): most issues are raised or discussed, few reach an answer. */
const STATUS_MIX: [string, number][] = [
  ['raised', 450],
  ['discussing', 250],
  ['prioritised', 3],
  ['escalated', 20],
  ['answered', 10],
  ['resolved', 150],
  ['closed', 117],
];
const GENDERS = ['female', 'male', 'undisclosed'];
const AGE_BANDS = ['<18', '18-29', '30-44', '45-59', '60+'];
const PERIOD_DAYS = 365;

function parseArgs(): { scale: number; out?: string } {
  let scale = 1;
  let out: string | undefined;
  for (const arg of process.argv.slice(2)) {
    const scaleValue = /^--scale=(.+)$/.exec(arg)?.[1];
    const outValue = /^--out=(.+)$/.exec(arg)?.[1];
    if (scaleValue !== undefined) {
      scale = Number(scaleValue);
      if (!(scale > 0 && scale <= 10))
        throw new Error(`--scale must be in (0, 10], got ${scaleValue}`);
    } else if (outValue !== undefined) out = outValue;
    else throw new Error(`unknown argument ${arg} (known: --scale=<factor>, --out=<dir>)`);
  }
  return { scale, out };
}

interface KeyFigures {
  issuesRaised: number;
  issuesByStatus: { status: string; count: number }[];
  escalationsSent: number;
  escalationsAnswered: number;
  escalationsOverdue: number;
  eventsHeld: number;
  participants: { count: number | null };
  commitments: number;
}

async function main(): Promise<void> {
  const { scale, out } = parseArgs();
  const issues = Math.round(ISSUES * scale);
  log(`load average before: ${loadAverage()}`);
  const dir = await makeDataDir();
  // Info level: the build's report_ready line carries its peak heap.
  const { hub, readyMs } = await startHub(dir, { LOG_LEVEL: 'info' });
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
    const to = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1),
    );
    const from = new Date(to.getTime() - PERIOD_DAYS * 86_400_000);
    log(`1/3 seeding Batken district: ${issues} issues, escalations, events, attendance`);
    const seedStarted = performance.now();
    const { rows: places } = await db.query<{ id: string }>(
      `WITH RECURSIVE tree AS (SELECT id FROM territories WHERE id = $1
         UNION ALL SELECT t.id FROM territories t JOIN tree ON t.parent_id = tree.id)
       SELECT id FROM tree ORDER BY id`,
      [DISTRICT],
    );
    const placeIds = places.map((p) => p.id);
    const {
      rows: [authority],
    } = await db.query<{ id: string }>(
      `INSERT INTO organisations (name, kind, territory_id) VALUES ('Баткен райондук мамлекеттик администрациясы', 'state_administration', $1) RETURNING id`,
      [DISTRICT],
    );
    const {
      rows: [council],
    } = await db.query<{ id: string }>(
      `INSERT INTO organisations (name, kind, territory_id, network_status) VALUES ('Ак-Сай аялдар кеңеши', 'ngo', $1, 'member') RETURNING id`,
      [placeIds[1]],
    );
    const statusCase = (() => {
      let acc = 0;
      const parts = STATUS_MIX.map(([status, share]) => {
        acc += share;
        return `WHEN (g % 1000) < ${acc} THEN '${status}'`;
      });
      return `CASE ${parts.join(' ')} ELSE 'raised' END`;
    })();
    for (let start = 0; start < issues; start += BATCH) {
      const end = Math.min(issues, start + BATCH);
      await db.query(
        `WITH made AS (
           INSERT INTO issues (title, body, category, decision_level, status, language, created_at, updated_at, last_activity_at, status_changed_at)
           SELECT 'Маселе № ' || g || ': суу, жол, чек ара', 'Айылдагы маселенин толук баяндамасы № ' || g,
                  ($3::text[])[1 + (g * 7) % 12], 'aiyl_aimak', ${statusCase}, 'ky',
                  $4::timestamptz + ((g::bigint * 7919) % ($5::int * 86400)) * interval '1 second', now(), now(), now()
             FROM generate_series($1::int, $2::int - 1) AS g
           RETURNING id, title)
         INSERT INTO issue_territories (issue_id, territory_id)
         SELECT id, ($6::uuid[])[1 + abs(hashtext(id::text)) % cardinality($6::uuid[])] FROM made`,
        [start, end, CATEGORIES, from.toISOString(), PERIOD_DAYS, placeIds],
      );
      log(`  issues ${end}/${issues}`);
    }
    // Escalations: 3 % of the issues, sent in the period; half answered, a quarter overdue.
    await db.query(
      `INSERT INTO escalations (issue_id, authority_organisation_id, sent_at, response_due_at, response_text, responded_at, reference)
       SELECT id, $1, sent, due,
              CASE WHEN n % 2 = 0 THEN 'Жооп № ' || n END,
              CASE WHEN n % 2 = 0 THEN least(sent + interval '20 days', now()) END,
              'Кат № ' || n
         FROM (SELECT i.id, row_number() OVER (ORDER BY i.id) AS n,
                      i.created_at + interval '1 day' AS sent,
                      CASE WHEN row_number() OVER (ORDER BY i.id) % 4 = 1
                           THEN least(i.created_at + interval '2 days', now() - interval '1 hour')
                           ELSE greatest(i.created_at + interval '30 days', now() + interval '1 day') END AS due
                 FROM issues i WHERE i.status IN ('escalated', 'answered', 'resolved') AND i.created_at < now() - interval '3 days'
                ORDER BY i.id LIMIT $2) x`,
      [authority.id, Math.round(issues * 0.03)],
    );
    // Events: one per 500 issues, held, 20 lines each; every fifth with counts without names too.
    const events = Math.max(1, Math.round(issues / 500));
    await db.query(
      `WITH made AS (
         INSERT INTO events (kind, focus_group, title, starts_at, territory_id, status, minutes, closed_at)
         SELECT (ARRAY['training','round_table','focus_group','network_meeting','presentation'])[1 + g % 5],
                CASE WHEN g % 5 = 2 THEN 'mixed' END,
                jsonb_build_object('ky', 'Иш-чара № ' || g, 'ru', 'Мероприятие № ' || g),
                $2::timestamptz + (g::bigint * 86400 * $4::int / $1::int) * interval '1 second',
                ($3::uuid[])[1 + g % cardinality($3::uuid[])], 'held', '{"ky": "Протокол"}', now()
           FROM generate_series(0, $1::int - 1) AS g
         RETURNING id)
       SELECT count(*) FROM made`,
      [events, from.toISOString(), placeIds, PERIOD_DAYS - 1],
    );
    await db.query(
      `INSERT INTO event_attendance (event_id, client_row_id, name, gender, age_band, role)
       SELECT e.id, 'row-' || r, 'Катышуучу ' || r, ($1::text[])[1 + abs(r + hashtext(e.id::text)) % 3],
              ($2::text[])[1 + (r * 3 + abs(hashtext(e.id::text))) % 5], 'participant'
         FROM events e CROSS JOIN generate_series(0, 19) AS r`,
      [GENDERS, AGE_BANDS],
    );
    await db.query(
      `INSERT INTO event_tallies (event_id, gender, age_band, count)
       SELECT e.id, g, a, 3 FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM events) e
         CROSS JOIN unnest($1::text[]) AS g CROSS JOIN unnest($2::text[]) AS a WHERE e.n % 5 = 0`,
      [GENDERS, AGE_BANDS],
    );
    await db.query(
      `INSERT INTO event_commitments (event_id, position, text, owner_organisation_id, due_at)
       SELECT e.id, p, 'Милдеттенме ' || p || ': арыкты оңдоо', CASE WHEN p = 0 THEN $1::uuid ELSE $2::uuid END,
              e.starts_at + interval '60 days'
         FROM events e CROSS JOIN generate_series(0, 1) AS p`,
      [council.id, authority.id],
    );
    await db.query('ANALYZE');
    log(`  seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    // 2. The pack, through the hub and the job.
    log('2/3 building the pack (ky) through POST /reports and the job');
    const idleRss = rssMiB(hub.pid) ?? NaN;
    let peakRss = idleRss;
    const sampler = setInterval(() => {
      const rss = rssMiB(hub.pid);
      if (rss !== undefined) peakRss = Math.max(peakRss, rss);
    }, 100);
    const started = performance.now();
    const accepted = await call<{ id: string }>(
      port,
      {
        method: 'POST',
        path: `${API}/reports`,
        token,
        body: {
          kind: 'district_round_table',
          territoryId: DISTRICT,
          from: from.toISOString(),
          to: to.toISOString(),
          language: 'ky',
        },
      },
      202,
    );
    const steps = new Map<string, number>();
    let report: Record<string, unknown>;
    for (;;) {
      const reply = await send(false, port, 'GET', `${API}/reports/${accepted.id}`, { token });
      report = JSON.parse(reply.body) as Record<string, unknown>;
      const progress = report.progress as {
        name: string;
        step: number;
        of: number;
        percent: number;
      } | null;
      if (progress && !steps.has(progress.name)) {
        steps.set(progress.name, performance.now() - started);
        log(
          `  ${report.status as string}: step ${progress.step}/${progress.of} ${progress.name} (${progress.percent} %) at ${ms(performance.now() - started)} ms`,
        );
      }
      if (report.status === 'ready' || report.status === 'failed') break;
      if (performance.now() - started > 10 * 60_000)
        throw new Error('the pack was not ready after 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const totalMs = performance.now() - started;
    clearInterval(sampler);
    if (report.status !== 'ready') throw new Error(`the pack failed: ${String(report.error)}`);
    const ready = hub.output
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return {};
        }
      })
      .find((entry) => entry.event === 'report_ready' && entry.reportId === accepted.id);
    const pdf = await fetchBytes(port, token, `${API}/reports/${accepted.id}/pdf`);
    const xlsx = await fetchBytes(port, token, `${API}/reports/${accepted.id}/xlsx`);
    const snapshotText = (
      await send(false, port, 'GET', `${API}/reports/${accepted.id}/snapshot`, {
        token,
        timeoutMs: 60_000,
      })
    ).body;
    const snapshot = JSON.parse(snapshotText) as {
      keyFigures: KeyFigures;
      issuesByCategory: { category: string; aiylAimakId: string | null; count: number }[];
      escalations: unknown[];
      prioritised: unknown[];
    };
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    if (out) {
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'bench-report-ky.pdf'), pdf);
      await writeFile(join(out, 'bench-report-ky.xlsx'), xlsx);
      log(`  kept in ${out}`);
    }

    // 3. The same figures by plain SQL.
    log('3/3 the same figures by plain SQL');
    const sqlStarted = performance.now();
    const scope = [placeIds, from.toISOString(), to.toISOString()];
    const inScope =
      'i.id IN (SELECT issue_id FROM issue_territories WHERE territory_id = ANY($1::uuid[]))';
    const {
      rows: [plain],
    } = await db.query(
      `SELECT
         (SELECT count(*)::int FROM issues i WHERE i.created_at >= $2 AND i.created_at < $3 AND ${inScope}) AS issues_raised,
         (SELECT count(*)::int FROM escalations e JOIN issues i ON i.id = e.issue_id WHERE e.sent_at >= $2 AND e.sent_at < $3 AND ${inScope}) AS escalations_sent,
         (SELECT count(*)::int FROM escalations e JOIN issues i ON i.id = e.issue_id WHERE e.sent_at >= $2 AND e.sent_at < $3 AND e.responded_at IS NOT NULL AND ${inScope}) AS escalations_answered,
         (SELECT count(*)::int FROM escalations e JOIN issues i ON i.id = e.issue_id WHERE e.sent_at >= $2 AND e.sent_at < $3 AND e.responded_at IS NULL AND e.response_due_at < now() AND ${inScope}) AS escalations_overdue,
         (SELECT count(*)::int FROM events WHERE territory_id = ANY($1::uuid[]) AND status = 'held' AND starts_at >= $2 AND starts_at < $3) AS events_held,
         (SELECT count(*)::int FROM event_attendance a JOIN events e ON e.id = a.event_id WHERE e.territory_id = ANY($1::uuid[]) AND e.status = 'held' AND e.starts_at >= $2 AND e.starts_at < $3)
         + (SELECT coalesce(sum(t.count), 0)::int FROM event_tallies t JOIN events e ON e.id = t.event_id WHERE e.territory_id = ANY($1::uuid[]) AND e.status = 'held' AND e.starts_at >= $2 AND e.starts_at < $3) AS participants,
         (SELECT count(*)::int FROM event_commitments c JOIN events e ON e.id = c.event_id WHERE e.territory_id = ANY($1::uuid[]) AND e.status = 'held' AND e.starts_at >= $2 AND e.starts_at < $3) AS commitments`,
      scope,
    );
    const { rows: byStatus } = await db.query<{ status: string; n: number }>(
      `SELECT i.status, count(*)::int AS n FROM issues i WHERE i.created_at >= $2 AND i.created_at < $3 AND ${inScope} GROUP BY 1`,
      scope,
    );
    const { rows: byCategory } = await db.query<{
      category: string;
      aimak: string | null;
      n: number;
    }>(
      `SELECT i.category, CASE WHEN t.level = 'aiyl_aimak' THEN t.id WHEN t.level = 'village' THEN t.parent_id END AS aimak,
              count(DISTINCT i.id)::int AS n
         FROM issues i JOIN issue_territories it ON it.issue_id = i.id JOIN territories t ON t.id = it.territory_id
        WHERE it.territory_id = ANY($1::uuid[]) AND i.created_at >= $2 AND i.created_at < $3
        GROUP BY 1, 2`,
      scope,
    );
    const sqlMs = performance.now() - sqlStarted;

    const k = snapshot.keyFigures;
    const statusOf = (s: string) => k.issuesByStatus.find((x) => x.status === s)?.count ?? 0;
    const pairs: [string, number | null, number][] = [
      ['issues raised', k.issuesRaised, plain.issues_raised],
      ...STATUS_MIX.map(([s]): [string, number | null, number] => [
        `  ${s}`,
        statusOf(s),
        byStatus.find((r) => r.status === s)?.n ?? 0,
      ]),
      ['escalations sent', k.escalationsSent, plain.escalations_sent],
      ['  answered', k.escalationsAnswered, plain.escalations_answered],
      ['  overdue', k.escalationsOverdue, plain.escalations_overdue],
      ['events held', k.eventsHeld, plain.events_held],
      ['participants', k.participants.count, plain.participants],
      ['commitments', k.commitments, plain.commitments],
      ['category × aiyl aimak cells', snapshot.issuesByCategory.length, byCategory.length],
      [
        'category × aiyl aimak total',
        snapshot.issuesByCategory.reduce((s, c) => s + c.count, 0),
        byCategory.reduce((s, c) => s + c.n, 0),
      ],
    ];
    const cellsAgree = byCategory.every((r) =>
      snapshot.issuesByCategory.some(
        (c) => c.category === r.category && c.aiylAimakId === r.aimak && c.count === r.n,
      ),
    );
    const disagree = pairs.filter(([, a, b]) => a !== b);
    console.log('');
    console.log(
      `Report pack for ${issues} issues (scale ${scale}), load average now ${loadAverage()}`,
    );
    console.log(
      table(
        ['figure', 'pack (snapshot)', 'plain SQL', 'agree'],
        pairs.map(([name, a, b]) => [name, String(a), String(b), a === b ? 'yes' : 'NO']),
      ),
    );
    console.log('');
    console.log(
      table(
        ['measure', 'value'],
        [
          ['build, POST to ready (ms)', ms(totalMs)],
          ['build, in the job (ms)', String(report.buildMs)],
          ...[...steps.entries()].map(([name, at]): [string, string] => [
            `  step ${name} seen at (ms)`,
            ms(at),
          ]),
          ['plain SQL, all figures (ms)', ms(sqlMs)],
          ['hub RSS idle (MiB)', idleRss.toFixed(0)],
          ['hub RSS peak, sampled (MiB)', peakRss.toFixed(0)],
          ['build peak heap (MiB)', String((ready?.peakHeapMiB as number | undefined) ?? 'n/a')],
          ['build peak RSS (MiB)', String((ready?.peakRssMiB as number | undefined) ?? 'n/a')],
          ['PDF (bytes / pages)', `${pdf.length} / ${pages}`],
          ['XLSX (bytes)', String(xlsx.length)],
          ['snapshot JSON (bytes)', String(Buffer.byteLength(snapshotText))],
          [
            'escalations / prioritised listed',
            `${snapshot.escalations.length} / ${snapshot.prioritised.length}`,
          ],
          ['snapshot hash', String(report.snapshotHash)],
        ],
      ),
    );
    console.log('');
    if (disagree.length || !cellsAgree)
      throw new Error(
        `the pack and plain SQL disagree: ${disagree.map(([n]) => n.trim()).join(', ')}${cellsAgree ? '' : ' (category cells)'}`,
      );
    log(`the pack and plain SQL agree; built in ${(totalMs / 1000).toFixed(1)} s (target ≤ 30 s)`);
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function fetchBytes(port: number, token: string, path: string): Promise<Buffer> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http
      .get(
        { host: HOST, port, path, headers: { authorization: `Bearer ${token}` }, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(Buffer.concat(chunks))
              : reject(new Error(`${path}: ${res.statusCode}`)),
          );
          res.on('error', reject);
        },
      )
      .on('error', reject);
  });
}

await runBench('bench:reports', 30 * 60_000, main);
