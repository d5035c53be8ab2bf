import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { EXPORT_BATCH } from '../src/modules/surveys/results/survey-export.service.js';
import { API, expectProblem, type SignedUp, signUp, TERRITORY } from './support/factories.js';
import { question, seedSubmissions, seedSurvey } from './support/survey-seed.js';
import { startTestApp, type TestApp } from './support/test-app.js';

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
    const workbook = new ExcelJS.Workbook();
    const bytes = res.body as Buffer;
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
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
    expect(cb[0]).toEqual([
      'key',
      'type',
      'label_ky',
      'label_ru',
      'label_en',
      'choices',
      'first_version',
      'last_version',
      'retired',
    ]);
    const old = cb.find((r) => r[0] === 'old')!;
    expect(old.slice(6)).toEqual([1, 1, 1]);
    const source = cb.find((r) => r[0] === 'source')!;
    expect(source[5]).toContain('a = a ky-жооп / a ру-ответ / a answer');
    expect(cb.find((r) => r[0] === 'households')!.slice(6)).toEqual([2, 2, 0]);
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
