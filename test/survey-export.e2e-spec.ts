import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { EXPORT_BATCH } from '../src/modules/surveys/results/survey-export.service.js';
import { API, call, expectProblem, type SignedUp, signUp, TERRITORY } from './support/factories.js';
import { question, seedSubmissions, seedSurvey } from './support/survey-seed.js';
import { openSurvey, respondent } from './support/surveys.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The codebook sheet's columns, as docs/survey-results.md lists them. */
const CODEBOOK_COLUMNS = [
  'key',
  'type',
  'label_ky',
  'label_ru',
  'label_en',
  'choices',
  'first_version',
  'last_version',
  'retired',
];

/** RFC 4180, enough for what the export writes (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The whole answer as bytes, whatever its type. */
function download(t: TestApp, path: string, as?: SignedUp) {
  let req = t.http.get(`${API}${path}`);
  if (as) req = req.set(as.auth);
  return req.buffer(true).parse((res, done) => {
    const parts: Buffer[] = [];
    res.on('data', (chunk: Buffer) => parts.push(chunk));
    res.on('end', () => done(null, Buffer.concat(parts)));
  });
}

/** An XLSX answer read back by exceljs. */
async function workbookOf(res: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const bytes = res.body as Buffer;
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return workbook;
}

/** A sheet's rows as arrays (exceljs' rows are 1-based: the first slot dropped). */
function sheetRows(workbook: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return (sheet.getSheetValues().slice(1) as unknown[][]).map((r) => r.slice(1));
}

function problemOf(res: Response): Response {
  // The parser above kept the problem as bytes: read it back as JSON for expectProblem.
  res.body = JSON.parse((res.body as Buffer).toString('utf8')) as Record<string, unknown>;
  return res;
}

describe('survey export', () => {
  let t: TestApp;
  let facilitator: SignedUp;
  let admin: SignedUp;
  let member: SignedUp;
  let enumerator: SignedUp;
  let surveyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [facilitator, admin, member, enumerator] = await Promise.all([
      signUp(t, { role: 'facilitator' }),
      signUp(t, { role: 'admin' }),
      signUp(t),
      signUp(t),
    ]);
    const v1 = [
      question('source', 'single_choice'),
      question('needs', 'multi_choice'),
      question('old', 'yes_no'),
      question('comment', 'text'),
      { ...question('intro', 'note') },
    ];
    const v2 = [
      question('source', 'single_choice'),
      question('needs', 'multi_choice'),
      { ...question('old', 'yes_no'), retired: true },
      question('comment', 'text'),
      question('households', 'integer'),
      question('order', 'rank'),
    ];
    surveyId = await seedSurvey(t, { versions: [v1, v2], createdBy: facilitator.id });
    await seedSubmissions(t, surveyId, [
      {
        version: 1,
        gender: 'female',
        ageBand: '18-29',
        answers: { source: 'a', needs: ['a', 'c'], old: 'yes', comment: 'Суу, "таза" эмес' },
        collectedOn: '2026-05-01',
        enteredBy: enumerator.id,
      },
      {
        version: 2,
        gender: 'male',
        ageBand: '60+',
        territoryId: TERRITORY.kokTashVillage,
        mode: 'online',
        answers: { source: 'b', needs: [], households: 7, order: ['c', 'a'], comment: '=1+1' },
        enteredBy: enumerator.id,
      },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes a CSV with a BOM, one row per submission, every version’s questions', async () => {
    const res = await download(t, `/surveys/${surveyId}/export?format=csv`, facilitator);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="survey-${surveyId}-\\d{4}-\\d{2}-\\d{2}-keys\\.csv"$`),
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).not.toContain(enumerator.id);
    expect(text).not.toContain(facilitator.id);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'submission_id',
      'version',
      'mode',
      'collected_on',
      'created_at',
      'gender',
      'age_band',
      'territory_code',
      'territory_name',
      'border_status',
      'source',
      'needs/a',
      'needs/b',
      'needs/c',
      'old',
      'comment',
      'households',
      'order',
    ]);
    expect(rows).toHaveLength(2);
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    // Stored in one transaction: the same created_at, in id order; take them by version.
    const first = rows.find((r) => col(r, 'version') === '1')!;
    const second = rows.find((r) => col(r, 'version') === '2')!;
    expect(col(first, 'old')).toBe('yes');
    expect([col(first, 'needs/a'), col(first, 'needs/b'), col(first, 'needs/c')]).toEqual([
      '1',
      '0',
      '1',
    ]);
    expect(col(first, 'comment')).toBe('Суу, "таза" эмес');
    expect(col(first, 'collected_on')).toBe('2026-05-01');
    expect(col(first, 'territory_code')).toBe('ak-sai-village');
    expect(col(first, 'border_status')).toBe('non_delimited');
    expect(col(second, 'version')).toBe('2');
    expect(col(second, 'old')).toBe('');
    expect(col(second, 'needs/a')).toBe('0');
    expect(col(second, 'households')).toBe('7');
    expect(col(second, 'order')).toBe('c; a');
    // A text that a spreadsheet would run as a formula is defused.
    expect(col(second, 'comment')).toBe("'=1+1");
  });

  it('writes labels in Kyrgyz or Russian', async () => {
    const ky = await download(t, `/surveys/${surveyId}/export?format=csv&labels=ky`, admin);
    expect(ky.status).toBe(200);
    const [kyHeader, ...kyRows] = parseCsv((ky.body as Buffer).toString('utf8').slice(1));
    const kyFirst = kyRows.find((r) => r[1] === '1')!;
    expect(kyHeader.slice(0, 3)).toEqual(['Жооптун ID', 'Версия', 'Ыкма']);
    expect(kyHeader).toContain('source суроосу');
    expect(kyHeader).toContain('needs суроосу: a ky-жооп');
    expect(kyFirst[kyHeader.indexOf('source суроосу')]).toBe('a ky-жооп');
    expect(kyFirst[kyHeader.indexOf('old суроосу')]).toBe('Ооба');
    expect(kyFirst[kyHeader.indexOf('Жынысы')]).toBe('аял');
    expect(kyFirst[kyHeader.indexOf('Аймак')]).toBe('Ак-Сай айылы');

    const ru = await download(t, `/surveys/${surveyId}/export?format=csv&labels=ru`, admin);
    const [ruHeader, ...ruRows] = parseCsv((ru.body as Buffer).toString('utf8').slice(1));
    const ruFirst = ruRows.find((r) => r[1] === '1')!;
    expect(ruHeader).toContain('Вопрос source');
    expect(ruFirst[ruHeader.indexOf('Вопрос old')]).toBe('Да');
    expect(ruFirst[ruHeader.indexOf('Пол')]).toBe('женский');
    expect(ruFirst[ruHeader.indexOf('Статус границы')]).toBe('не делимитирована');
  });

  it('writes an XLSX with the data and a codebook that exceljs reads back', async () => {
    const res = await download(t, `/surveys/${surveyId}/export?format=xlsx&labels=ru`, facilitator);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/-ru\.xlsx"$/);
    const workbook = await workbookOf(res);
    const data = workbook.getWorksheet('data')!;
    const values = (row: number) => (data.getRow(row).values as unknown[]).slice(1);
    expect(data.rowCount).toBe(3);
    const header = values(1) as string[];
    expect(header[0]).toBe('ID ответа');
    const second = [values(2), values(3)].find((r) => r[1] === 2)!;
    expect(second[header.indexOf('Вопрос households')]).toBe(7);
    expect(second[header.indexOf('Версия')]).toBe(2);

    const codebook = workbook.getWorksheet('codebook')!;
    const rows = codebook.getSheetValues().slice(1) as unknown[][];
    const cb = rows.map((r) => r.slice(1));
    expect(cb[0]).toEqual(CODEBOOK_COLUMNS);
    const old = cb.find((r) => r[0] === 'old')!;
    expect(old.slice(6)).toEqual([1, 1, 1]);
    const source = cb.find((r) => r[0] === 'source')!;
    expect(source[5]).toContain('a = a ky-жооп / a ру-ответ / a answer');
    expect(cb.find((r) => r[0] === 'households')!.slice(6)).toEqual([2, 2, 0]);
  });

  describe('a question retired through POST /surveys/:id/versions', () => {
    let id: string;
    const ids = { first: randomUUID(), second: randomUUID(), third: randomUUID() };
    const paper = (version: number, answers: Record<string, unknown>) => ({
      version,
      mode: 'paper',
      respondent: respondent(),
      answers,
      collectedOn: '2026-11-20',
    });
    const submit = (submissionId: string, body: object) =>
      t.http
        .put(`${API}/surveys/${id}/submissions/${submissionId}`)
        .set(facilitator.auth)
        .send(body);

    beforeAll(async () => {
      // Everything through the API: the survey, answers on version 1, the new version that
      // leaves `water_ok` out (retired), an answer on version 2.
      id = await openSurvey(t, facilitator, {
        questions: [
          question('source', 'single_choice'),
          question('water_ok', 'yes_no'),
          question('households', 'integer'),
        ],
      });
      expect(
        (await submit(ids.first, paper(1, { source: 'a', water_ok: 'no', households: 4 }))).status,
      ).toBe(201);
      expect((await submit(ids.second, paper(1, { source: 'b', water_ok: 'yes' }))).status).toBe(
        201,
      );
      const v2 = await call(t, 'post', `/surveys/${id}/versions`, facilitator, {
        questions: [
          question('source', 'single_choice'),
          question('households', 'integer'),
          question('comment', 'text'),
        ],
      });
      expect(v2.status).toBe(201);
      expect(v2.body.version).toBe(2);
      expect(v2.body.questions).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: 'water_ok', retired: true })]),
      );
      // Version 2 takes no answer to the retired question.
      const retired = await submit(randomUUID(), paper(2, { source: 'c', water_ok: 'no' }));
      expectProblem(retired, 400, 'validation_failed');
      expect(retired.body.errors).toEqual([expect.objectContaining({ field: 'answers.water_ok' })]);
      expect(
        (await submit(ids.third, paper(2, { source: 'c', households: 2, comment: 'Жаңы суу' })))
          .status,
      ).toBe(201);
    });

    it('the CSV keeps the retired column with the version 1 answers, and a version column', async () => {
      const res = await download(t, `/surveys/${id}/export?format=csv`, facilitator);
      expect(res.status).toBe(200);
      const [header, ...rows] = parseCsv((res.body as Buffer).toString('utf8').slice(1));
      expect(header.slice(10)).toEqual(['source', 'water_ok', 'households', 'comment']);
      expect(header[1]).toBe('version');
      const col = (name: string) => header.indexOf(name);
      const byId = new Map(rows.map((r) => [r[0], r]));
      expect(byId.size).toBe(3);
      const picked = (sid: string) =>
        ['version', 'source', 'water_ok', 'households', 'comment'].map(
          (name) => byId.get(sid)![col(name)],
        );
      expect(picked(ids.first)).toEqual(['1', 'a', 'no', '4', '']);
      expect(picked(ids.second)).toEqual(['1', 'b', 'yes', '', '']);
      expect(picked(ids.third)).toEqual(['2', 'c', '', '2', 'Жаңы суу']);
    });

    it('the XLSX in Kyrgyz carries the same, with a codebook marking the retired question', async () => {
      const res = await download(t, `/surveys/${id}/export?format=xlsx&labels=ky`, facilitator);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/-ky\.xlsx"$/);
      const workbook = await workbookOf(res);
      const [header, ...rows] = sheetRows(workbook, 'data') as string[][];
      expect(header.slice(0, 3)).toEqual(['Жооптун ID', 'Версия', 'Ыкма']);
      expect(header).toEqual(
        expect.arrayContaining([
          'Жынысы',
          'Аймак',
          'source суроосу',
          'water_ok суроосу',
          'households суроосу',
          'comment суроосу',
        ]),
      );
      const col = (name: string) => header.indexOf(name);
      const byId = new Map(rows.map((r) => [r[0], r]));
      expect(byId.size).toBe(3);
      const first = byId.get(ids.first)!;
      expect(first[col('Версия')]).toBe(1);
      expect(first[col('source суроосу')]).toBe('a ky-жооп');
      expect(first[col('water_ok суроосу')]).toBe('Жок');
      expect(first[col('households суроосу')]).toBe(4);
      expect(first[col('Жынысы')]).toBe('аял');
      expect(first[col('Аймак')]).toBe('Ак-Сай айылы');
      expect(byId.get(ids.second)![col('water_ok суроосу')]).toBe('Ооба');
      const third = byId.get(ids.third)!;
      expect(third[col('Версия')]).toBe(2);
      expect(third[col('water_ok суроосу')] ?? null).toBeNull();
      expect(third[col('comment суроосу')]).toBe('Жаңы суу');

      const [bookHeader, ...book] = sheetRows(workbook, 'codebook');
      expect(bookHeader).toEqual(CODEBOOK_COLUMNS);
      const entry = (key: string) => book.find((r) => r[0] === key)!;
      expect(entry('water_ok').slice(0, 3)).toEqual(['water_ok', 'yes_no', 'water_ok суроосу']);
      expect(entry('water_ok').slice(6)).toEqual([1, 1, 1]);
      expect(entry('source').slice(6)).toEqual([1, 2, 0]);
      expect(entry('source')[5]).toContain('a = a ky-жооп / a ру-ответ / a answer');
      expect(entry('comment').slice(6)).toEqual([2, 2, 0]);
    });
  });

  it('streams every row across batches', async () => {
    const id = await seedSurvey(t, { versions: [[question('ok', 'yes_no')]] });
    const n = EXPORT_BATCH * 2 + 7;
    // Straight into the table: the export reads submissions, not tallies.
    await t.db.query(
      `INSERT INTO survey_submissions
         (id, survey_id, version, mode, gender, age_band, territory_id, answers, content_hash, created_at)
       SELECT gen_random_uuid(), $1, 1, 'paper', 'female', '30-44', $2, '{"ok":"yes"}', 'x',
              now() - (g % 5) * interval '1 second'
         FROM generate_series(1, $3) g`,
      [id, TERRITORY.akSaiVillage, n],
    );
    const res = await download(t, `/surveys/${id}/export?format=csv`, facilitator);
    const rows = parseCsv((res.body as Buffer).toString('utf8').slice(1)).slice(1);
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r[0])).size).toBe(n);
  });

  it('is for facilitators and admins only; 404 for a survey that does not exist', async () => {
    const refused = problemOf(await download(t, `/surveys/${surveyId}/export?format=csv`, member));
    expectProblem(refused, 403, 'forbidden');
    expectProblem(
      problemOf(await download(t, `/surveys/${surveyId}/export?format=csv`)),
      401,
      'unauthorized',
    );
    expectProblem(
      problemOf(await download(t, `/surveys/${randomUUID()}/export?format=csv`, facilitator)),
      404,
      'not_found',
    );
    for (const query of ['format=pdf', '', 'format=csv&labels=en', 'format=csv&extra=1'])
      expectProblem(
        problemOf(await download(t, `/surveys/${surveyId}/export?${query}`, facilitator)),
        400,
        'validation_failed',
      );
  });
});
