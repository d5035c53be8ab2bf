import { createHash } from 'node:crypto';
import { ReportsService } from '../src/modules/reports/reports.service.js';
import {
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import {
  download,
  keep,
  loadWorkbook,
  pdfText,
  type ReportBody,
  sheetValues,
  waitForReport,
} from './support/reports.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('district report pack', () => {
  let t: TestApp;
  let staff: SignedUp;
  let admin: SignedUp;
  let member: SignedUp;
  let from: string;
  let to: string;
  const body = (extra: Record<string, unknown> = {}) => ({
    kind: 'district_round_table',
    territoryId: TERRITORY.batkenDistrict,
    from,
    to,
    language: 'ky',
    ...extra,
  });

  async function raise(title: string, category: string, territoryIds: string[]): Promise<string> {
    const res = await call(t, 'post', '/issues', member, {
      title,
      body: `${title}: толук маалымат.`,
      category,
      territoryIds,
      decisionLevel: 'district',
      language: 'ky',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  async function move(id: string, ...statuses: string[]) {
    for (const to of statuses) {
      const res = await call(t, 'post', `/issues/${id}/transitions`, staff, { to });
      expect(res.status).toBe(200);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
    member = await signUp(t);
    from = ago(3 * DAY_MS);
    to = ahead(DAY_MS);
    const authority = await makeOrganisation(t, staff, {
      kind: 'state_administration',
      name: 'Баткен райондук мамлекеттик администрациясы',
    });
    const council = await makeOrganisation(t, staff, { kind: 'ngo', name: 'Ак-Сай аялдар кеңеши' });

    // Two aiyl aimaks, four categories, one issue of the whole district, one raised long ago.
    await raise('Арыкта суу жок', 'water_irrigation', [TERRITORY.akSai]);
    await raise('Насос иштебейт', 'water_irrigation', [TERRITORY.akSaiVillage]);
    const road = await raise('Жол жабык', 'roads_transport', [TERRITORY.akSai]);
    const canal = await raise('Ак-Татырда сугат каналы бузулду', 'water_irrigation', [
      TERRITORY.akTatyr,
    ]);
    await raise('Бейтапкана алыс', 'health', [TERRITORY.akTatyr]);
    await raise('Чек ара өткөөлү жабык', 'border_crossing', [TERRITORY.batkenDistrict]);
    const old = await raise('Эски маселе', 'education', [TERRITORY.akSai]);
    await t.db.query(`UPDATE issues SET created_at = now() - interval '100 days' WHERE id = $1`, [
      old,
    ]);

    // Two prioritised and escalated: one overdue, one answered.
    await move(road, 'discussing', 'prioritised');
    await move(canal, 'discussing', 'prioritised');
    const overdue = await call(t, 'post', `/issues/${road}/escalations`, staff, {
      authorityOrganisationId: authority.id,
      sentAt: ago(DAY_MS),
      responseDueAt: ago(HOUR_MS),
      reference: '№ 12/34',
    });
    expect(overdue.status).toBe(201);
    const answered = await call(t, 'post', `/issues/${canal}/escalations`, staff, {
      authorityOrganisationId: authority.id,
      sentAt: ago(2 * DAY_MS),
    });
    expect(answered.status).toBe(201);
    const answer = await call(t, 'patch', `/escalations/${answered.body.id}`, staff, {
      responseText: 'Канал жайында оңдолот.',
      respondedAt: ago(HOUR_MS),
    });
    expect(answer.status).toBe(200);

    // A round table held, 13 on the sheet with a small cell (2 women over 60), two commitments.
    const event = await call(t, 'post', '/events', staff, {
      kind: 'round_table',
      title: { ky: 'Суу боюнча тегерек стол', ru: 'Круглый стол по воде' },
      startsAt: ago(DAY_MS),
      territoryId: TERRITORY.akSai,
      place: 'Ак-Сай айыл өкмөтү',
    });
    expect(event.status).toBe(201);
    const rows = [
      ...Array.from({ length: 6 }, () => ({ gender: 'female', ageBand: '18-29' })),
      ...Array.from({ length: 5 }, () => ({ gender: 'male', ageBand: '30-44' })),
      ...Array.from({ length: 2 }, () => ({ gender: 'female', ageBand: '60+' })),
    ].map((r, i) => ({
      ...r,
      clientRowId: `row-${i}`,
      name: `Катышуучу ${i + 1}`,
      role: 'participant',
    }));
    const sheet = await call(t, 'post', `/events/${event.body.id}/attendance`, staff, { rows });
    expect(sheet.status).toBe(200);
    const closed = await call(t, 'post', `/events/${event.body.id}/close`, staff, {
      minutes: { ky: 'Суу маселеси талкууланды.' },
      commitments: [
        { text: 'Арыкты тазалоо', ownerOrganisationId: council.id, dueAt: ahead(30 * DAY_MS) },
        {
          text: 'Насосту алмаштыруу',
          ownerOrganisationId: authority.id,
          dueAt: ahead(60 * DAY_MS),
        },
      ],
    });
    expect(closed.status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  let ky: ReportBody;
  let kyPdf: Buffer;

  it('a facilitator requests a Kyrgyz pack: 202 pending, then building, then ready with its hash', async () => {
    const res = await call(t, 'post', '/reports', staff, body());
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'pending' });
    const seen = new Set<string>();
    ky = await waitForReport(t, staff, res.body.id as string, seen);
    expect(ky).toMatchObject({
      id: res.body.id,
      kind: 'district_round_table',
      territoryId: TERRITORY.batkenDistrict,
      territoryName: { ky: 'Баткен району', ru: 'Баткенский район' },
      language: 'ky',
      status: 'ready',
      error: null,
      progress: { percent: 100, name: 'done' },
      snapshotHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      pdfBytes: expect.any(Number),
      xlsxBytes: expect.any(Number),
      attempts: 1,
    });
    const [audit] = await t.db.query(
      `SELECT actor_id FROM audit_log WHERE action = 'report.request' AND target_id = $1`,
      [ky.id],
    );
    expect(audit).toEqual({ actor_id: staff.id });
  });

  it('the snapshot route serves the canonical JSON whose SHA-256 is the hash; its figures are the register', async () => {
    const res = await download(t, `/reports/${ky.id}/snapshot`, staff);
    expect(res.status).toBe(200);
    const json = res.body as Buffer;
    expect(createHash('sha256').update(json).digest('hex')).toBe(ky.snapshotHash);
    expect(res.headers['x-snapshot-hash']).toBe(ky.snapshotHash);
    const snapshot = JSON.parse(json.toString('utf8'));
    expect(snapshot.keyFigures).toMatchObject({
      issuesRaised: 6,
      escalationsSent: 2,
      escalationsAnswered: 1,
      escalationsOverdue: 1,
      eventsHeld: 1,
      participants: { count: 13, suppressed: null },
      commitments: 2,
    });
    expect(snapshot.issuesByCategory).toEqual([
      { category: 'border_crossing', aiylAimakId: null, count: 1 },
      { category: 'health', aiylAimakId: TERRITORY.akTatyr, count: 1 },
      { category: 'roads_transport', aiylAimakId: TERRITORY.akSai, count: 1 },
      // Aiyl aimaks by code: ak-sai, then ak-tatyr.
      { category: 'water_irrigation', aiylAimakId: TERRITORY.akSai, count: 2 },
      { category: 'water_irrigation', aiylAimakId: TERRITORY.akTatyr, count: 1 },
    ]);
    expect(snapshot.prioritised).toHaveLength(2);
    expect(snapshot.ballots).toEqual({ ballots: [] });
    // The small cell (2 women over 60) and the cell that would give it away are hidden.
    const cell = (gender: string, ageBand: string) =>
      snapshot.attendance.cells.find(
        (c: { gender: string; ageBand: string }) => c.gender === gender && c.ageBand === ageBand,
      );
    expect(cell('female', '60+')).toEqual({
      gender: 'female',
      ageBand: '60+',
      count: null,
      suppressed: 'primary',
    });
    expect(cell('female', '18-29')).toMatchObject({ count: null, suppressed: 'secondary' });
    // The men over 60 (none) are hidden with the 2 women; the men's row then hides its 5 too,
    // or the men's total would show that 0 and so give the 2 away.
    expect(cell('male', '30-44')).toMatchObject({ count: null, suppressed: 'secondary' });
    expect(JSON.stringify(snapshot.attendance)).not.toContain('"count":2');
  });

  it('the PDF is in Kyrgyz with the district, the counts, the hash on the title page and every footer', async () => {
    const res = await download(t, `/reports/${ky.id}/pdf`, staff);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="report-batken-district-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-ky\.pdf"$/,
    );
    kyPdf = res.body as Buffer;
    await keep('report-ky.pdf', kyPdf);
    expect(kyPdf.length).toBe(ky.pdfBytes);
    expect(kyPdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(kyPdf);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Баткен району');
    expect(flat).toContain('Райондук тегерек стол үчүн отчет');
    expect(flat).toMatch(/Көтөрүлгөн маселелер ?6/);
    expect(flat).toMatch(/Бийликке жөнөтүлгөн кайрылуулар ?2/);
    expect(flat).toMatch(/Жооп алынган кайрылуулар ?1/);
    expect(flat).toMatch(/Жооп мөөнөтү өтүп кеткен кайрылуулар ?1/);
    expect(flat).toMatch(/Катышуучулар ?13/);
    expect(flat).toContain('Ак-Сай айыл аймагы');
    expect(flat).toContain('Суу жана сугат');
    expect(flat).toContain('мөөнөтү өттү');
    expect(flat).toContain('Арыкты тазалоо');
    expect(flat).toContain('×');
    expect(flat).toContain('Бул мезгилде добуш берүү болгон жок.');
    // The hash: on the title page and in each page's footer with "n / N".
    const hash = ky.snapshotHash;
    expect(text.split(hash).length - 1).toBeGreaterThanOrEqual(pages + 1);
    for (let p = 1; p <= pages; p++) expect(flat).toContain(`${p} / ${pages}`);
  });

  it('the XLSX has a sheet per section and the snapshot sheet with the hash', async () => {
    const res = await download(t, `/reports/${ky.id}/xlsx`, staff);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(
      /filename="report-batken-district-.*-ky\.xlsx"/,
    );
    const book = await loadWorkbook(res.body as Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'key_figures',
      'issues_by_category',
      'prioritised',
      'ballots',
      'escalations',
      'legal_basis',
      'strategy',
      'reach',
      'attendance',
      'commitments',
      'snapshot',
    ]);
    const values = (name: string) => sheetValues(book, name);
    expect(values('key_figures')).toEqual(
      expect.arrayContaining([
        ['Көтөрүлгөн маселелер', 6],
        ['Катышуучулар', 13],
      ]),
    );
    expect(values('issues_by_category')).toEqual(
      expect.arrayContaining([
        ['water_irrigation', 'Суу жана сугат', TERRITORY.akSai, 'Ак-Сай айыл аймагы', 2],
      ]),
    );
    expect(values('escalations')).toHaveLength(2 + 2);
    expect(values('commitments')).toHaveLength(2 + 2);
    expect(values('snapshot')).toEqual(
      expect.arrayContaining([
        ['sha256', ky.snapshotHash],
        ['district_id', TERRITORY.batkenDistrict],
      ]),
    );
    const attendance = values('attendance').flat();
    expect(attendance).toContain('×');
    expect(attendance).not.toContain(2);
  });

  it('a Russian pack of the same register has the same figures and Russian texts', async () => {
    const res = await call(t, 'post', '/reports', admin, body({ language: 'ru' }));
    expect(res.status).toBe(202);
    const ru = await waitForReport(t, admin, res.body.id as string);
    expect(ru.status).toBe('ready');
    const pdf = await download(t, `/reports/${ru.id}/pdf`, admin);
    await keep('report-ru.pdf', pdf.body as Buffer);
    const { text } = await pdfText(pdf.body as Buffer);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Баткенский район');
    expect(flat).toContain('Отчёт к районному круглому столу');
    expect(flat).toMatch(/Поднято вопросов ?6/);
    expect(flat).toContain('Вода и орошение');
    expect(flat).toContain('В этот период голосований не было.');
    expect(flat).toContain(ru.snapshotHash);
    expect(pdf.headers['content-disposition']).toMatch(/-ru\.pdf"$/);
  });

  it('a change to the register after the pack changes neither its files nor its hash', async () => {
    await raise('Жаңы маселе', 'health', [TERRITORY.akSai]);
    const again = await call(t, 'get', `/reports/${ky.id}`, staff);
    expect(again.body.snapshotHash).toBe(ky.snapshotHash);
    const pdf = await download(t, `/reports/${ky.id}/pdf`, staff);
    expect(Buffer.compare(pdf.body as Buffer, kyPdf)).toBe(0);
    const snapshot = await download(t, `/reports/${ky.id}/snapshot`, staff);
    expect(
      createHash('sha256')
        .update(snapshot.body as Buffer)
        .digest('hex'),
    ).toBe(ky.snapshotHash);
    // A new pack sees the new issue, and so has another hash.
    const next = await call(t, 'post', '/reports', staff, body());
    const built = await waitForReport(t, staff, next.body.id as string);
    expect(built.snapshotHash).not.toBe(ky.snapshotHash);
  });

  it('lists packs newest first for staff', async () => {
    const res = await call(t, 'get', '/reports?limit=2', staff);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.nextCursor).toEqual(expect.any(String));
    const next = await call(
      t,
      'get',
      `/reports?limit=2&cursor=${encodeURIComponent(res.body.nextCursor)}`,
      staff,
    );
    expect(next.status).toBe(200);
    const ids = [...res.body.items, ...next.body.items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(ky.id);
    const ready = await call(
      t,
      'get',
      `/reports?status=failed&territoryId=${TERRITORY.batkenDistrict}`,
      staff,
    );
    expect(ready.body.items.every((r: { status: string }) => r.status === 'failed')).toBe(true);
  });

  it('who may not: members get 403 on request and list, 404 on a pack and its files; no token 401', async () => {
    expectProblem(await call(t, 'post', '/reports', member, body()), 403, 'forbidden');
    expectProblem(await call(t, 'get', '/reports', member), 403, 'forbidden');
    for (const path of ['', '/pdf', '/xlsx', '/snapshot'])
      expectProblem(await call(t, 'get', `/reports/${ky.id}${path}`, member), 404, 'not_found');
    expectProblem(await call(t, 'post', '/reports', undefined, body()), 401, 'unauthorized');
    expectProblem(await call(t, 'get', `/reports/${ky.id}/pdf`), 401, 'unauthorized');
    expectProblem(
      await call(t, 'get', '/reports/00000000-0000-4000-8000-000000000000', staff),
      404,
      'not_found',
    );
    expectProblem(await call(t, 'get', '/reports/not-a-uuid', staff), 400, 'validation_failed');
  });

  it.each([
    ['an aiyl aimak, not a district', { territoryId: TERRITORY.akSai }, 'territoryId'],
    [
      'an unknown territory',
      { territoryId: '00000000-0000-4000-8000-000000000000' },
      'territoryId',
    ],
    ['from equal to to', { to: '@from' }, 'to'],
    ['from after to', { from: '@to', to: '@from' }, 'to'],
    ['a bare date', { from: '2026-01-01' }, 'from'],
    ['English', { language: 'en' }, 'language'],
    ['another kind', { kind: 'annual' }, 'kind'],
    ['an unknown field', { format: 'docx' }, 'format'],
  ])('refuses %s (400, nothing stored)', async (_name, change, field) => {
    const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM reports');
    const resolved = Object.fromEntries(
      Object.entries(change).map(([k, v]) => [k, v === '@from' ? from : v === '@to' ? to : v]),
    );
    const res = await call(t, 'post', '/reports', staff, body(resolved));
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM reports');
    expect(after).toBe(before);
  });

  it('files are 409 until the pack is ready', async () => {
    const [row] = await t.db.query(
      `INSERT INTO reports (kind, territory_id, period_from, period_to, language, status)
       VALUES ('district_round_table', $1, $2, $3, 'ru', 'pending') RETURNING id`,
      [TERRITORY.batkenDistrict, from, to],
    );
    for (const path of ['/pdf', '/xlsx', '/snapshot'])
      expectProblem(await call(t, 'get', `/reports/${row.id}${path}`, staff), 409, 'conflict');
    const view = await call(t, 'get', `/reports/${row.id}`, staff);
    expect(view.body).toMatchObject({ status: 'pending', snapshotHash: null, pdfBytes: null });
  });

  it('a build that cannot succeed ends failed with the reason', async () => {
    // Stored past the validation (as if the territory had changed level): the job refuses it.
    const [row] = await t.db.query(
      `INSERT INTO reports (kind, territory_id, period_from, period_to, language, status)
       VALUES ('district_round_table', $1, $2, $3, 'ky', 'pending') RETURNING id`,
      [TERRITORY.akSai, from, to],
    );
    await t.app.get(ReportsService).enqueueBuild(row.id as string);
    const failed = await waitForReport(t, staff, row.id as string);
    expect(failed).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/not a district/),
      snapshotHash: null,
    });
    expectProblem(await call(t, 'get', `/reports/${row.id}/pdf`, staff), 409, 'conflict');
  });

  it('a build cut off with its node (left building) is taken up again and completes', async () => {
    const [row] = await t.db.query(
      `INSERT INTO reports (kind, territory_id, period_from, period_to, language, status, attempts, progress)
       VALUES ('district_round_table', $1, $2, $3, 'ky', 'building', 1,
               '{"percent": 40, "step": 3, "of": 5, "name": "pdf"}') RETURNING id`,
      [TERRITORY.batkenDistrict, from, to],
    );
    await t.app.get(ReportsService).enqueueBuild(row.id as string);
    const done = await waitForReport(t, staff, row.id as string);
    expect(done).toMatchObject({ status: 'ready', attempts: 2, error: null });
  });

  it('a retried build reuses the stored snapshot: same hash as first taken', async () => {
    const [row] = await t.db.query(
      `INSERT INTO reports (kind, territory_id, period_from, period_to, language, status, attempts,
                            snapshot, snapshot_hash, snapshot_at)
       SELECT kind, territory_id, period_from, period_to, language, 'building', 1, snapshot,
              snapshot_hash, snapshot_at FROM reports WHERE id = $1
       RETURNING id`,
      [ky.id],
    );
    await t.app.get(ReportsService).enqueueBuild(row.id as string);
    const done = await waitForReport(t, staff, row.id as string);
    expect(done).toMatchObject({ status: 'ready', snapshotHash: ky.snapshotHash });
  });
});
