import { randomUUID } from 'node:crypto';
import {
  SubmissionTallies,
  talliesFromAnswersSql,
} from '../src/modules/surveys/results/submission-tallies.js';
import { API, call, expectProblem, type SignedUp, signUp, TERRITORY } from './support/factories.js';
import { question, seedSubmissions, seedSurvey, seedTerritory } from './support/survey-seed.js';
import { openSurvey, respondent } from './support/surveys.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Cell {
  group: string;
  count: number | null;
  percent: number | null;
  suppressed?: 'primary' | 'secondary';
}
interface Results {
  by: string[];
  territoryLevel: string | null;
  minCellSize: number;
  respondents: number;
  groups: {
    key: string;
    respondents: number | null;
    territoryId?: string;
    borderStatus?: string;
  }[];
  questions: {
    key: string;
    retired: boolean;
    multipleAnswers: boolean;
    bases: { group: string; count: number | null; withheld: boolean }[];
    choices: { code: string; label: Record<string, string>; cells: Cell[] }[];
  }[];
}

function cell(results: Results, key: string, code: string, group: string): Cell {
  const q = results.questions.find((x) => x.key === key);
  const row = q?.choices.find((c) => c.code === code);
  const found = row?.cells.find((c) => c.group === group);
  if (!found) throw new Error(`no cell ${key}/${code}/${group}`);
  return found;
}

/** The rows over every age band equal a recount grouped without age. */
async function expectAllAgesRecounted(t: TestApp, id: string): Promise<void> {
  const stored = await t.db.query(
    `SELECT gender, territory_id, question_key, answer, count FROM survey_tallies
      WHERE survey_id = $1 AND count > 0 AND age_band = '*' ORDER BY 1, 2, 3, 4`,
    [id],
  );
  const recounted = await t.db.query(
    `SELECT * FROM (${talliesFromAnswersSql(['gender', 'territory_id'])}) x ORDER BY 1, 2, 3, 4`,
    [id],
  );
  expect(stored).toEqual(recounted);
  expect(stored.length).toBeGreaterThan(3);
}

function base(results: Results, key: string, group: string) {
  return results.questions.find((x) => x.key === key)!.bases.find((b) => b.group === group)!;
}

describe('survey results', () => {
  let t: TestApp;
  let facilitator: SignedUp;
  let member: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    [facilitator, member] = await Promise.all([signUp(t, { role: 'facilitator' }), signUp(t)]);
  });
  afterAll(async () => {
    await t.close();
  });

  const results = async (as: SignedUp, id: string, query: string): Promise<Results> => {
    const res = await call(t, 'get', `/surveys/${id}/results?${query}`, as);
    expect(res.status).toBe(200);
    return res.body as Results;
  };

  describe('small-cell suppression', () => {
    let surveyId: string;

    beforeAll(async () => {
      surveyId = await seedSurvey(t, {
        minCellSize: 5,
        versions: [[question('water', 'single_choice')]],
      });
      // female: a 40, b 2, c 10 · male: a 30, b 25, c 12
      await seedSubmissions(t, surveyId, [
        { gender: 'female', answers: { water: 'a' }, times: 40 },
        { gender: 'female', answers: { water: 'b' }, times: 2 },
        { gender: 'female', answers: { water: 'c' }, times: 10 },
        { gender: 'male', answers: { water: 'a' }, times: 30 },
        { gender: 'male', answers: { water: 'b' }, times: 25 },
        { gender: 'male', answers: { water: 'c' }, times: 12 },
      ]);
    });

    it('hides a cell of 2 and its complements, and what is shown still adds up', async () => {
      const r = await results(member, surveyId, 'by=gender');
      expect(r.minCellSize).toBe(5);
      expect(r.respondents).toBe(119);
      expect(cell(r, 'water', 'b', 'female')).toEqual({
        group: 'female',
        count: null,
        percent: null,
        suppressed: 'primary',
      });
      // Its row: the next smallest (male 25); its column: the next smallest (female 10).
      expect(cell(r, 'water', 'b', 'male')).toMatchObject({ count: null, suppressed: 'secondary' });
      expect(cell(r, 'water', 'c', 'female')).toMatchObject({
        count: null,
        suppressed: 'secondary',
      });
      // The male column then hid 25 alone: its smallest other goes too.
      expect(cell(r, 'water', 'c', 'male')).toMatchObject({ count: null, suppressed: 'secondary' });
      expect(cell(r, 'water', 'a', 'female')).toEqual({
        group: 'female',
        count: 40,
        percent: 76.9,
      });
      expect(cell(r, 'water', 'a', 'male')).toEqual({ group: 'male', count: 30, percent: 44.8 });
      // Totals: bases are shown; shown + hidden = base, and no line hides a single cell.
      const q = r.questions[0];
      for (const group of ['female', 'male']) {
        const shown = q.choices.map((c) => c.cells.find((x) => x.group === group)!);
        const hidden = shown.filter((c) => c.count === null);
        expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
        expect(base(r, 'water', group).count).toBe(group === 'female' ? 52 : 67);
      }
      for (const row of q.choices) {
        const hidden = row.cells.filter((c) => c.count === null);
        expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
      }
      // Nobody undisclosed: zeros, which are not sensitive; no percentage of nobody.
      expect(cell(r, 'water', 'a', 'undisclosed')).toEqual({
        group: 'undisclosed',
        count: 0,
        percent: null,
      });
    });

    it('withholds a whole group whose base is under the minimum', async () => {
      const id = await seedSurvey(t, {
        minCellSize: 5,
        versions: [[question('water', 'single_choice')]],
      });
      await seedSubmissions(t, id, [
        { ageBand: '30-44', answers: { water: 'a' }, times: 20 },
        { ageBand: '30-44', answers: { water: 'b' }, times: 15 },
        { ageBand: '18-29', answers: { water: 'a' }, times: 12 },
        { ageBand: '18-29', answers: { water: 'b' }, times: 9 },
        { ageBand: '60+', answers: { water: 'a' }, times: 3 },
      ]);
      const r = await results(facilitator, id, 'by=ageBand');
      expect(base(r, 'water', '60+')).toEqual({ group: '60+', count: null, withheld: true });
      expect(r.groups.find((g) => g.key === '60+')!.respondents).toBeNull();
      for (const code of ['a', 'b', 'c'])
        expect(cell(r, 'water', code, '60+')).toMatchObject({ count: null, suppressed: 'primary' });
      // Row a would give the withheld 3 away from its total: the smallest other is hidden.
      expect(cell(r, 'water', 'a', '18-29')).toMatchObject({
        count: null,
        suppressed: 'secondary',
      });
      expect(base(r, 'water', '30-44')).toEqual({ group: '30-44', count: 35, withheld: false });
    });
  });

  describe('groups', () => {
    let surveyId: string;
    let delimitedAimak: string;
    let inheritingVillage: string;
    let noBorderVillage: string;

    beforeAll(async () => {
      delimitedAimak = await seedTerritory(t, {
        level: 'aiyl_aimak',
        parentId: TERRITORY.batkenDistrict,
        borderStatus: 'delimited',
        name: 'Delimited aimak',
      });
      inheritingVillage = await seedTerritory(t, {
        level: 'village',
        parentId: delimitedAimak,
        borderStatus: null,
        name: 'Inheriting village',
      });
      noBorderVillage = await seedTerritory(t, {
        level: 'village',
        parentId: delimitedAimak,
        borderStatus: 'none',
        name: 'Inland village',
      });
      surveyId = await seedSurvey(t, {
        minCellSize: 3,
        versions: [[question('ok', 'yes_no')]],
      });
      await seedSubmissions(t, surveyId, [
        { territoryId: TERRITORY.akSaiVillage, answers: { ok: 'yes' }, times: 6 },
        { territoryId: TERRITORY.kokTashVillage, answers: { ok: 'yes' }, times: 4 },
        { territoryId: TERRITORY.kokTashVillage, answers: { ok: 'no' }, times: 5 },
        { territoryId: inheritingVillage, answers: { ok: 'no' }, times: 7 },
        { territoryId: noBorderVillage, answers: { ok: 'yes' }, times: 8 },
      ]);
    });

    it('rolls villages up to the aiyl aimak by default, and to any level asked', async () => {
      const byAimak = await results(member, surveyId, 'by=territory');
      expect(byAimak.territoryLevel).toBe('aiyl_aimak');
      expect(byAimak.groups.map((g) => g.key).sort()).toEqual(
        [TERRITORY.akSai, delimitedAimak].sort(),
      );
      expect(cell(byAimak, 'ok', 'yes', TERRITORY.akSai)).toMatchObject({ count: 10 });
      expect(base(byAimak, 'ok', TERRITORY.akSai).count).toBe(15);

      const byVillage = await results(member, surveyId, 'by=territory&territoryLevel=village');
      expect(byVillage.groups).toHaveLength(4);
      expect(cell(byVillage, 'ok', 'yes', TERRITORY.kokTashVillage)).toMatchObject({ count: 4 });

      const byDistrict = await results(member, surveyId, 'by=territory&territoryLevel=district');
      expect(byDistrict.groups.map((g) => g.key)).toEqual([TERRITORY.batkenDistrict]);
      expect(cell(byDistrict, 'ok', 'yes', TERRITORY.batkenDistrict)).toEqual({
        group: TERRITORY.batkenDistrict,
        count: 18,
        percent: 60,
      });
      const byOblast = await results(member, surveyId, 'by=territory&territoryLevel=oblast');
      expect(byOblast.groups.map((g) => g.key)).toEqual([TERRITORY.batkenOblast]);
    });

    it('groups by border status, a village inheriting its nearest ancestor’s', async () => {
      const r = await results(member, surveyId, 'by=borderStatus');
      expect(r.groups.map((g) => g.key)).toEqual(['delimited', 'non_delimited', 'none']);
      expect(base(r, 'ok', 'delimited').count).toBe(7);
      expect(base(r, 'ok', 'non_delimited').count).toBe(15);
      expect(base(r, 'ok', 'none').count).toBe(8);
      expect(cell(r, 'ok', 'no', 'delimited')).toMatchObject({ count: 7, percent: 100 });
    });

    it('cross-tabulates territory by gender (an extension of the contract)', async () => {
      const r = await results(member, surveyId, 'by=territory,gender');
      expect(r.by).toEqual(['territory', 'gender']);
      expect(r.groups).toHaveLength(2 * 3);
      expect(cell(r, 'ok', 'yes', `${TERRITORY.akSai}|female`)).toMatchObject({ count: 10 });
      expect(cell(r, 'ok', 'yes', `${TERRITORY.akSai}|male`)).toMatchObject({ count: 0 });
    });

    it('refuses groupings and questions it does not know', async () => {
      for (const query of ['by=village', 'by=gender,gender', 'by=', '', 'by=gender&extra=1'])
        expectProblem(
          await call(t, 'get', `/surveys/${surveyId}/results?${query}`, member),
          400,
          'validation_failed',
        );
      expectProblem(
        await call(
          t,
          'get',
          `/surveys/${surveyId}/results?by=gender&territoryLevel=street`,
          member,
        ),
        400,
        'validation_failed',
      );
      const unknown = await call(
        t,
        'get',
        `/surveys/${surveyId}/results?by=gender&question=nope`,
        member,
      );
      expectProblem(unknown, 400, 'validation_failed');
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'question' })]);
      const one = await results(member, surveyId, 'by=gender&question=ok');
      expect(one.questions.map((q) => q.key)).toEqual(['ok']);
      expect(one.respondents).toBe(30);
    });
  });

  describe('versions and question types', () => {
    it('counts every version under its question key, retired questions included', async () => {
      const v1 = [
        question('source', 'single_choice'),
        question('needs', 'multi_choice'),
        question('old', 'yes_no'),
        question('age', 'integer'),
      ];
      const v2 = [
        question('source', 'single_choice', {
          choices: [
            ...question('source', 'single_choice').choices!,
            { code: 'd', label: { ky: 'd ky', ru: 'd ru' } },
          ],
        }),
        question('needs', 'multi_choice'),
        { ...question('old', 'yes_no'), retired: true },
        question('age', 'integer'),
        question('score', 'scale', { min: 1, max: 3 }),
        question('order', 'rank'),
      ];
      const id = await seedSurvey(t, { minCellSize: 3, versions: [v1, v2] });
      await seedSubmissions(t, id, [
        { version: 1, answers: { source: 'a', needs: ['a', 'b'], old: 'yes', age: 40 }, times: 5 },
        {
          version: 2,
          answers: { source: 'd', needs: ['b'], age: 30, score: 3, order: ['c', 'a', 'b'] },
          times: 6,
        },
      ]);
      const r = await results(member, id, 'by=gender');
      expect(r.questions.map((q) => q.key)).toEqual(['source', 'needs', 'old', 'score', 'order']);
      expect(r.questions.find((q) => q.key === 'old')!.retired).toBe(true);
      expect(cell(r, 'old', 'yes', 'female')).toMatchObject({ count: 5, percent: 100 });
      expect(cell(r, 'source', 'a', 'female')).toMatchObject({ count: 5 });
      expect(cell(r, 'source', 'd', 'female')).toMatchObject({ count: 6 });
      // multi_choice: percent of respondents; they add up to more than 100.
      expect(r.questions.find((q) => q.key === 'needs')!.multipleAnswers).toBe(true);
      expect(cell(r, 'needs', 'b', 'female')).toMatchObject({ count: 11, percent: 100 });
      expect(cell(r, 'needs', 'a', 'female')).toMatchObject({ count: 5, percent: 45.5 });
      expect(cell(r, 'score', '3', 'female')).toMatchObject({ count: 6, percent: 100 });
      expect(cell(r, 'score', '1', 'female')).toMatchObject({ count: 0 });
      expect(cell(r, 'order', 'c', 'female')).toMatchObject({ count: 6 });
    });

    it('keeps the tallies equal to a recount of the answers, also through revisions', async () => {
      const id = await seedSurvey(t, {
        minCellSize: 3,
        versions: [[question('source', 'single_choice'), question('needs', 'multi_choice')]],
      });
      const [first] = await seedSubmissions(t, id, [
        { answers: { source: 'a', needs: ['a', 'c'] }, times: 4 },
        {
          gender: 'male',
          territoryId: TERRITORY.kokTashVillage,
          answers: { source: 'b' },
          times: 3,
        },
        // None of the choices: in the base of needs, under no choice.
        { gender: 'undisclosed', answers: { source: 'a', needs: [] }, times: 3 },
      ]);
      const before = {
        surveyId: id,
        version: 1,
        gender: 'female' as const,
        ageBand: '30-44' as const,
        territoryId: TERRITORY.akSaiVillage,
        answers: { source: 'a', needs: ['a', 'c'] },
      };
      const after = { ...before, answers: { source: 'c', needs: ['b'] } };
      await t.db.transaction(async (manager) => {
        await manager.query('UPDATE survey_submissions SET answers = $2 WHERE id = $1', [
          first,
          JSON.stringify(after.answers),
        ]);
        await new SubmissionTallies().apply(manager, before, after);
      });
      const stored = await t.db.query(
        `SELECT gender, age_band, territory_id, question_key, answer, count FROM survey_tallies
          WHERE survey_id = $1 AND count > 0 AND age_band <> '*' ORDER BY 1, 2, 3, 4, 5`,
        [id],
      );
      const recounted = await t.db.query(
        `SELECT * FROM (${talliesFromAnswersSql(['gender', 'age_band', 'territory_id'])}) x ORDER BY 1, 2, 3, 4, 5`,
        [id],
      );
      expect(stored).toEqual(recounted);
      await expectAllAgesRecounted(t, id);
      expect(stored.length).toBeGreaterThan(5);
      const r = await results(member, id, 'by=gender');
      expect(base(r, 'source', 'female').count).toBe(4);
      expect(base(r, 'needs', 'undisclosed').count).toBe(3);
      // Row c hides the women's 1 and, having nothing else, the men's 0; the men's column then
      // hides its 3 too, or its total would show that 0 and so give the 1 away.
      expect(cell(r, 'source', 'c', 'female')).toMatchObject({
        count: null,
        suppressed: 'primary',
      });
      expect(cell(r, 'source', 'b', 'male')).toMatchObject({
        count: null,
        suppressed: 'secondary',
      });
    });
  });

  describe('through the submissions routes', () => {
    it('counts what PUT stores once, and moves the counts when a submission is revised', async () => {
      const id = await openSurvey(t, facilitator);
      const put = (submissionId: string, answers: object) =>
        t.http.put(`${API}/surveys/${id}/submissions/${submissionId}`).set(facilitator.auth).send({
          version: 1,
          mode: 'paper',
          respondent: respondent(),
          answers,
          collectedOn: '2026-05-02',
        });
      const ids = Array.from({ length: 6 }, () => randomUUID());
      for (const submissionId of ids)
        expect((await put(submissionId, { water_source: 'tap', needs: ['water'] })).status).toBe(
          201,
        );
      // A replay stores nothing and counts nothing.
      expect((await put(ids[0], { water_source: 'tap', needs: ['water'] })).status).toBe(200);
      let r = await results(member, id, 'by=gender');
      expect(r.respondents).toBe(6);
      expect(cell(r, 'water_source', 'tap', 'female')).toMatchObject({ count: 6, percent: 100 });

      const revised = await call(t, 'patch', `/submissions/${ids[0]}`, facilitator, {
        answers: { water_source: 'canal', canal_days: 3, needs: ['road'] },
        reason: 'typed from the wrong sheet',
      });
      expect(revised.status).toBe(200);
      r = await results(member, id, 'by=gender');
      expect(r.respondents).toBe(6);
      expect(cell(r, 'water_source', 'tap', 'female')).toMatchObject({
        count: null,
        suppressed: 'secondary',
      });
      expect(cell(r, 'water_source', 'canal', 'female')).toMatchObject({
        count: null,
        suppressed: 'primary',
      });
      const stored = await t.db.query(
        `SELECT gender, age_band, territory_id, question_key, answer, count FROM survey_tallies
          WHERE survey_id = $1 AND count > 0 AND age_band <> '*' ORDER BY 1, 2, 3, 4, 5`,
        [id],
      );
      const recounted = await t.db.query(
        `SELECT * FROM (${talliesFromAnswersSql(['gender', 'age_band', 'territory_id'])}) x ORDER BY 1, 2, 3, 4, 5`,
        [id],
      );
      expect(stored).toEqual(recounted);
      await expectAllAgesRecounted(t, id);
    });
  });

  describe('who may read', () => {
    it('lets any member read an open survey, only staff a draft; 404 for unknown ids', async () => {
      const draft = await seedSurvey(t, {
        status: 'draft',
        versions: [[question('x', 'yes_no')]],
      });
      expectProblem(
        await call(t, 'get', `/surveys/${draft}/results?by=gender`, member),
        404,
        'not_found',
      );
      expect(
        (await call(t, 'get', `/surveys/${draft}/results?by=gender`, facilitator)).status,
      ).toBe(200);
      for (const status of ['closed', 'archived'] as const) {
        const id = await seedSurvey(t, { status, versions: [[question('x', 'yes_no')]] });
        expect((await call(t, 'get', `/surveys/${id}/results?by=gender`, member)).status).toBe(200);
      }
      expectProblem(
        await call(t, 'get', `/surveys/${randomUUID()}/results?by=gender`, facilitator),
        404,
        'not_found',
      );
      expectProblem(
        await call(t, 'get', `/surveys/not-a-uuid/results?by=gender`, member),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'get', `/surveys/${draft}/results?by=gender`),
        401,
        'unauthorized',
      );
    });
  });
});
