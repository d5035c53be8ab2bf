import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import {
  API,
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createSurvey, openSurvey, QUESTIONS, respondent } from './support/surveys.js';

/** A village of Ak-Tatyr aiyl aimak, outside the surveys made here (they cover Ak-Sai). */
const AK_TATYR_VILLAGE = '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0201';

function put(t: TestApp, as: SignedUp, surveyId: string, submissionId: string, body: object) {
  return t.http
    .put(`${API}/surveys/${surveyId}/submissions/${submissionId}`)
    .set(as.auth)
    .send(body);
}

function paper(answers: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    version: 1,
    mode: 'paper',
    respondent: respondent(),
    answers,
    collectedOn: '2026-11-20',
    ...extra,
  };
}

function fields(res: Response): string[] {
  return ((res.body.errors ?? []) as { field: string }[]).map((e) => e.field);
}

let t: TestApp;
let facilitator: SignedUp;
let admin: SignedUp;
let member: SignedUp;
let enumerator: SignedUp;
let otherEnumerator: SignedUp;

beforeAll(async () => {
  t = await startTestApp();
  [facilitator, admin, member, enumerator, otherEnumerator] = await Promise.all([
    signUp(t, { role: 'facilitator' }),
    signUp(t, { role: 'admin' }),
    signUp(t),
    signUp(t),
    signUp(t),
  ]);
  await makeOrganisation(t, enumerator);
  await makeOrganisation(t, otherEnumerator);
});

afterAll(async () => {
  await t.close();
});

describe('the survey builder', () => {
  it('creates a draft at version 1 with its questions in every language', async () => {
    const id = await createSurvey(t, facilitator, { minCellSize: 4, audiences: ['women'] });
    const res = await call(t, 'get', `/surveys/${id}`, facilitator);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      minCellSize: 4,
      anonymous: false,
      audiences: ['women'],
      territoryIds: [TERRITORY.akSai],
      hasSubmissions: false,
    });
    expect(res.body.questions[0].label).toEqual({
      ky: 'Сууну кайдан аласыз?',
      ru: 'Откуда вы берёте воду?',
    });
    expect(res.body.questions[1].relevant).toEqual({ '==': [{ var: 'water_source' }, 'canal'] });
  });

  it('lets only facilitators and admins create, edit and move surveys', async () => {
    const res = await call(t, 'post', '/surveys', member, {
      title: { ru: 'Опрос' },
      anonymous: false,
      territoryIds: [TERRITORY.akSai],
      questions: QUESTIONS,
    });
    expectProblem(res, 403, 'forbidden');
    const id = await createSurvey(t, admin);
    expectProblem(
      await call(t, 'patch', `/surveys/${id}`, enumerator, { title: { ru: 'x' } }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(t, 'post', `/surveys/${id}/transitions`, member, { to: 'open' }),
      403,
      'forbidden',
    );
  });

  it('hides drafts from members (404) and lists open surveys to them', async () => {
    const draft = await createSurvey(t, facilitator);
    const open = await openSurvey(t, facilitator);
    expectProblem(await call(t, 'get', `/surveys/${draft}`, member), 404, 'not_found');
    const list = await call(t, 'get', '/surveys?limit=100', member);
    const ids = (list.body.items as { id: string }[]).map((s) => s.id);
    expect(ids).toContain(open);
    expect(ids).not.toContain(draft);
    const staffList = await call(t, 'get', '/surveys?status=draft&limit=100', facilitator);
    expect((staffList.body.items as { id: string }[]).map((s) => s.id)).toContain(draft);
    // A village inside the survey's aiyl aimak finds it; another aiyl aimak does not.
    const inside = await call(t, 'get', `/surveys?territoryId=${TERRITORY.akSaiVillage}`, member);
    expect((inside.body.items as { id: string }[]).map((s) => s.id)).toContain(open);
    const outside = await call(t, 'get', `/surveys?territoryId=${TERRITORY.kyshtut}`, member);
    expect((outside.body.items as { id: string }[]).map((s) => s.id)).not.toContain(open);
  });

  it('refuses unknown fields, bad rules and missing languages with field errors', async () => {
    const base = {
      title: { ru: 'Опрос' },
      anonymous: false,
      territoryIds: [TERRITORY.akSai],
      questions: QUESTIONS,
    };
    const unknown = await call(t, 'post', '/surveys', facilitator, { ...base, colour: 'red' });
    expectProblem(unknown, 400, 'validation_failed');
    expect(fields(unknown)).toContain('colour');

    const later = await call(t, 'post', '/surveys', facilitator, {
      ...base,
      questions: [{ ...QUESTIONS[0], relevant: { '==': [{ var: 'household' }, 2] } }, QUESTIONS[2]],
    });
    expectProblem(later, 400, 'validation_failed');
    expect(fields(later)).toEqual(['questions.0.relevant']);

    const operator = await call(t, 'post', '/surveys', facilitator, {
      ...base,
      questions: [
        QUESTIONS[0],
        { ...QUESTIONS[2], relevant: { method: [{ var: 'water_source' }, 'toString'] } },
      ],
    });
    expect(fields(operator)).toEqual(['questions.1.relevant']);

    const nested = await call(t, 'post', '/surveys', facilitator, {
      ...base,
      questions: [{ ...QUESTIONS[0], hint: 'x' }],
    });
    expect(fields(nested)).toEqual(['questions.0.hint']);
    const inChoice = await call(t, 'post', '/surveys', facilitator, {
      ...base,
      questions: [
        { ...QUESTIONS[0], choices: [{ code: 'canal', label: { ru: 'Арык', fr: 'Canal' } }] },
      ],
    });
    expect(fields(inChoice)).toEqual(['questions.0.choices.0.label.fr']);

    const noLanguage = await call(t, 'post', '/surveys', facilitator, { ...base, title: {} });
    expect(fields(noLanguage)).toEqual(['title']);

    const badType = await call(t, 'post', '/surveys', facilitator, {
      ...base,
      questions: [{ key: 'x', type: 'essay', label: { ru: 'x' } }],
    });
    expect(fields(badType)).toEqual(['questions.0.type']);

    const unknownTerritory = await call(t, 'post', '/surveys', facilitator, {
      ...base,
      territoryIds: [randomUUID()],
    });
    expect(fields(unknownTerritory)).toEqual(['territoryIds']);

    const lowCell = await call(t, 'post', '/surveys', facilitator, { ...base, minCellSize: 2 });
    expect(fields(lowCell)).toEqual(['minCellSize']);
  });

  it('moves draft → open → closed → open → closed → archived and refuses other moves', async () => {
    const id = await createSurvey(t, facilitator);
    const move = (to: string) => call(t, 'post', `/surveys/${id}/transitions`, facilitator, { to });
    expectProblem(await move('closed'), 409, 'conflict');
    const inKyrgyz = await t.http
      .post(`${API}/surveys/${id}/transitions`)
      .set(facilitator.auth)
      .set('Accept-Language', 'ky')
      .send({ to: 'closed' });
    expect(inKyrgyz.body.detail).toBe('Сурамжылоо «долбоор» абалынан «жабык» абалына өтө албайт');
    for (const to of ['open', 'closed', 'open', 'closed', 'archived']) {
      const res = await move(to);
      expect({ to, status: res.status, now: res.body.status }).toEqual({
        to,
        status: 200,
        now: to,
      });
    }
    expectProblem(await move('open'), 409, 'conflict');
    expectProblem(
      await call(t, 'patch', `/surveys/${id}`, facilitator, { title: { ru: 'Новое' } }),
      409,
      'conflict',
    );
  });

  it('edits anything while draft; after that nothing, with a 409 that points to versions and transitions', async () => {
    const id = await createSurvey(t, facilitator);
    const edited = await call(t, 'patch', `/surveys/${id}`, facilitator, {
      anonymous: true,
      questions: [QUESTIONS[0]],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ anonymous: true, version: 1 });
    expect(edited.body.questions).toHaveLength(1);
    const opened = await call(t, 'post', `/surveys/${id}/transitions`, facilitator, { to: 'open' });
    expect(opened.status).toBe(200);

    // Every field of the contract's body, one at a time, before any submission.
    const changes: Record<string, unknown>[] = [
      { title: { ky: 'Жаңы аталыш' } },
      { description: { ru: 'Новое описание' } },
      { audiences: ['youth'] },
      { opensAt: '2026-12-01T00:00:00.000Z' },
      { closesAt: '2027-12-01T00:00:00.000Z' },
      { anonymous: false },
      { minCellSize: 7 },
      { territoryIds: [TERRITORY.kyshtut] },
      { questions: QUESTIONS },
    ];
    const refuse = async (): Promise<void> => {
      for (const change of changes) {
        const res = await call(t, 'patch', `/surveys/${id}`, facilitator, change);
        expect({ change, status: res.status, code: res.body.code }).toEqual({
          change,
          status: 409,
          code: 'conflict',
        });
        expectProblem(res, 409, 'conflict');
      }
    };
    await refuse();

    const say = (language: string) =>
      t.http
        .patch(`${API}/surveys/${id}`)
        .set(facilitator.auth)
        .set('Accept-Language', language)
        .send({ title: { ru: 'Новое' } });
    expect((await say('en')).body.detail).toMatch(
      /only while it is a draft.*new version.*transition/,
    );
    // The state is named in the reader's words, not as its code.
    expect((await say('ru')).body.detail).toMatch(/черновика.*«открыт».*новой версией.*переходом/);
    expect((await say('ky')).body.detail).toMatch(/долбоор.*«ачык».*жаңы версия.*өтүүсү/);

    // Nothing changed, and a closed survey refuses the same way.
    const stored = await call(t, 'get', `/surveys/${id}`, facilitator);
    expect(stored.body).toMatchObject({
      title: { ky: 'Суу боюнча сурамжылоо', ru: 'Опрос о воде' },
      anonymous: true,
      minCellSize: 5,
      territoryIds: [TERRITORY.akSai],
    });
    expect(stored.body.questions).toHaveLength(1);
    await call(t, 'post', `/surveys/${id}/transitions`, facilitator, { to: 'closed' });
    await refuse();
  });
});

describe('versions', () => {
  it('refuses a changed type or a lost choice code with 409, allows labels, choices, questions, retiring', async () => {
    const id = await openSurvey(t, facilitator);
    const version = (questions: unknown[]) =>
      call(t, 'post', `/surveys/${id}/versions`, facilitator, { questions });

    const typeChanged = await version([
      QUESTIONS[0],
      QUESTIONS[1],
      { ...QUESTIONS[2], type: 'decimal' },
      QUESTIONS[3],
    ]);
    expectProblem(typeChanged, 409, 'conflict');
    expect(typeChanged.body.detail).toContain('household');

    const codeLost = await version([
      { ...QUESTIONS[0], choices: [QUESTIONS[0].choices![1]] },
      QUESTIONS[1],
      QUESTIONS[2],
      QUESTIONS[3],
    ]);
    expectProblem(codeLost, 409, 'conflict');

    const codeRenamed = await version([
      {
        ...QUESTIONS[0],
        choices: [{ code: 'canal_water', label: { ru: 'Арык' } }, QUESTIONS[0].choices![1]],
      },
      QUESTIONS[1],
      QUESTIONS[2],
      QUESTIONS[3],
    ]);
    expectProblem(codeRenamed, 409, 'conflict');

    // Relabel, add a choice, add a question, leave `needs` out (retired, kept).
    const ok = await version([
      {
        ...QUESTIONS[0],
        label: { ky: 'Суу булагы', ru: 'Источник воды' },
        choices: [...QUESTIONS[0].choices!, { code: 'well', label: { ru: 'Колодец' } }],
      },
      QUESTIONS[1],
      QUESTIONS[2],
      { key: 'comment', type: 'text', label: { ru: 'Комментарий' } },
    ]);
    expect(ok.status).toBe(201);
    expect(ok.body.version).toBe(2);
    const keys = (ok.body.questions as { key: string; retired?: boolean }[]).map((q) => [
      q.key,
      q.retired ?? false,
    ]);
    expect(keys).toEqual([
      ['water_source', false],
      ['canal_days', false],
      ['household', false],
      ['needs', true],
      ['comment', false],
    ]);
  });

  it('keeps every submission tied to the version it was answered on', async () => {
    const id = await openSurvey(t, facilitator);
    const first = randomUUID();
    expect(
      (await put(t, enumerator, id, first, paper({ water_source: 'tap', needs: ['road'] }))).status,
    ).toBe(201);
    const v2 = await call(t, 'post', `/surveys/${id}/versions`, facilitator, {
      questions: [
        QUESTIONS[0],
        QUESTIONS[1],
        QUESTIONS[2],
        { key: 'comment', type: 'text', label: { ru: 'Комментарий' } },
      ],
    });
    expect(v2.status).toBe(201);
    // The form loaded on version 1 is still accepted, with version 1's questions.
    const old = randomUUID();
    expect(
      (await put(t, enumerator, id, old, paper({ water_source: 'tap', needs: ['water'] }))).status,
    ).toBe(201);
    // Version 2 has retired `needs` and knows `comment`.
    const retired = await put(
      t,
      enumerator,
      id,
      randomUUID(),
      paper({ water_source: 'tap', needs: ['water'] }, { version: 2 }),
    );
    expectProblem(retired, 400, 'validation_failed');
    expect(fields(retired)).toEqual(['answers.needs']);
    const current = randomUUID();
    expect(
      (
        await put(
          t,
          enumerator,
          id,
          current,
          paper({ water_source: 'tap', comment: 'ok' }, { version: 2 }),
        )
      ).status,
    ).toBe(201);
    const noVersion = await put(
      t,
      enumerator,
      id,
      randomUUID(),
      paper({ water_source: 'tap' }, { version: 9 }),
    );
    expect(fields(noVersion)).toEqual(['version']);
    const rows = await t.db.query(
      'SELECT id, version FROM survey_submissions WHERE survey_id = $1 ORDER BY created_at',
      [id],
    );
    expect(rows).toEqual([
      { id: first, version: 1 },
      { id: old, version: 1 },
      { id: current, version: 2 },
    ]);
  });
});

describe('submissions', () => {
  it('stores once: 201, then 200 with the same body on replay, 409 for other content', async () => {
    const id = await openSurvey(t, facilitator);
    const submissionId = randomUUID();
    const body = paper({ water_source: 'canal', canal_days: 3, household: 5 });
    const first = await put(t, enumerator, id, submissionId, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: submissionId,
      surveyId: id,
      version: 1,
      mode: 'paper',
      respondent: respondent(),
      answers: { water_source: 'canal', canal_days: 3, household: 5 },
      collectedOn: '2026-11-20',
      enteredById: enumerator.id,
      viaLink: false,
      revisions: 0,
    });
    const replay = await put(t, enumerator, id, submissionId, {
      ...body,
      // Key order does not matter: the content is compared in canonical form.
      answers: { household: 5, canal_days: 3, water_source: 'canal' },
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const other = await put(t, enumerator, id, submissionId, {
      ...body,
      answers: { water_source: 'tap' },
    });
    expectProblem(other, 409, 'conflict');
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM survey_submissions WHERE id = $1',
      [submissionId],
    );
    expect(n).toBe(1);
    const survey = await call(t, 'get', `/surveys/${id}`, facilitator);
    expect(survey.body.hasSubmissions).toBe(true);
  });

  it('two enumerators sending one id at once: one 201, the other 200 or 409, never a 500', async () => {
    const id = await openSurvey(t, facilitator);
    for (let round = 0; round < 5; round += 1) {
      const submissionId = randomUUID();
      const body = paper({ water_source: 'tap', household: round + 1 });
      const answers = await Promise.all([
        put(t, enumerator, id, submissionId, body),
        put(t, otherEnumerator, id, submissionId, body),
        put(t, enumerator, id, submissionId, body),
      ]);
      const statuses = answers.map((res) => res.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.every((s) => [200, 201, 409].includes(s))).toBe(true);
    }
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM survey_submissions WHERE survey_id = $1',
      [id],
    );
    expect(n).toBe(5);
  });

  it('reconciles a phone’s ids', async () => {
    const id = await openSurvey(t, facilitator);
    const stored = randomUUID();
    await put(t, enumerator, id, stored, paper({ water_source: 'tap' }));
    const lost = randomUUID();
    const res = await call(t, 'post', `/surveys/${id}/submissions/reconcile`, enumerator, {
      ids: [stored, lost],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: [stored], missing: [lost] });
    const bad = await call(t, 'post', `/surveys/${id}/submissions/reconcile`, enumerator, {
      ids: ['not-a-uuid'],
    });
    expectProblem(bad, 400, 'validation_failed');
  });

  it('validates answers with answers.<key> field errors and refuses skipped questions', async () => {
    const id = await openSurvey(t, facilitator);
    const send = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      put(t, enumerator, id, randomUUID(), paper(answers, extra));

    const skipped = await send({ water_source: 'tap', canal_days: 3 });
    expectProblem(skipped, 400, 'validation_failed');
    expect(fields(skipped)).toEqual(['answers.canal_days']);

    const required = await send({ water_source: 'canal' });
    expect(fields(required)).toEqual(['answers.canal_days']);

    const many = await send({
      water_source: 'river',
      household: 0,
      needs: ['water', 'school'],
      colour: 'red',
    });
    expect(fields(many).sort()).toEqual(
      ['answers.colour', 'answers.household', 'answers.needs', 'answers.water_source'].sort(),
    );

    const wrongType = await send({ water_source: 'canal', canal_days: '3' });
    expect(fields(wrongType)).toEqual(['answers.canal_days']);

    // Kok-Tash is a village of Ak-Sai aiyl aimak, the survey's territory: a village below it is
    // within the survey; Ak-Tatyr's village is below another aiyl aimak and is not.
    const [{ inside }] = await t.db.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM territories WHERE id = $1
         UNION ALL SELECT t.id, t.parent_id FROM territories t JOIN up ON t.id = up.parent_id)
       SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS inside`,
      [TERRITORY.kokTashVillage, TERRITORY.akSai],
    );
    expect(inside).toBe(true);
    const below = await send(
      { water_source: 'tap' },
      { respondent: respondent(TERRITORY.kokTashVillage) },
    );
    expect(below.status).toBe(201);
    const otherVillage = await send(
      { water_source: 'tap' },
      { respondent: respondent(AK_TATYR_VILLAGE) },
    );
    expectProblem(otherVillage, 400, 'validation_failed');
    expect(fields(otherVillage)).toEqual(['respondent.territoryId']);

    const elsewhere = await send(
      { water_source: 'tap' },
      { respondent: respondent(TERRITORY.kyshtut) },
    );
    expect(fields(elsewhere)).toEqual(['respondent.territoryId']);

    const unknownTerritory = await send(
      { water_source: 'tap' },
      { respondent: respondent(randomUUID()) },
    );
    expect(fields(unknownTerritory)).toEqual(['respondent.territoryId']);

    const badRespondent = await send(
      { water_source: 'tap' },
      { respondent: { gender: 'other', ageBand: '30-44', territoryId: TERRITORY.akSai } },
    );
    expect(fields(badRespondent)).toEqual(['respondent.gender']);

    const unknownField = await send({ water_source: 'tap' }, { note: 'x' });
    expect(fields(unknownField)).toEqual(['note']);
    const inRespondent = await send(
      { water_source: 'tap' },
      { respondent: { ...respondent(), name: 'Айгүл' } },
    );
    expect(fields(inRespondent)).toEqual(['respondent.name']);

    const future = await send({ water_source: 'tap' }, { collectedOn: '2099-01-01' });
    expect(fields(future)).toEqual(['collectedOn']);

    const badId = await t.http
      .put(`${API}/surveys/${id}/submissions/nope`)
      .set(enumerator.auth)
      .send(paper({ water_source: 'tap' }));
    expectProblem(badId, 400, 'validation_failed');
  });

  it('takes paper forms only from enumerators and staff; online from any member, once', async () => {
    const id = await openSurvey(t, facilitator);
    expectProblem(
      await put(t, member, id, randomUUID(), paper({ water_source: 'tap' })),
      403,
      'forbidden',
    );
    expect(
      (await put(t, facilitator, id, randomUUID(), paper({ water_source: 'tap' }))).status,
    ).toBe(201);
    const online = { ...paper({ water_source: 'tap' }), mode: 'online', collectedOn: null };
    expect((await put(t, member, id, randomUUID(), online)).status).toBe(201);
    expectProblem(await put(t, member, id, randomUUID(), online), 409, 'conflict');
  });

  it('takes answers only while open and within its dates', async () => {
    const draft = await createSurvey(t, facilitator);
    expectProblem(
      await put(t, facilitator, draft, randomUUID(), paper({ water_source: 'tap' })),
      409,
      'conflict',
    );
    const later = await openSurvey(t, facilitator, {
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expectProblem(
      await put(t, enumerator, later, randomUUID(), paper({ water_source: 'tap' })),
      409,
      'conflict',
    );
    const closed = await openSurvey(t, facilitator);
    const kept = randomUUID();
    const body = paper({ water_source: 'tap' });
    expect((await put(t, enumerator, closed, kept, body)).status).toBe(201);
    await call(t, 'post', `/surveys/${closed}/transitions`, facilitator, { to: 'closed' });
    expectProblem(await put(t, enumerator, closed, randomUUID(), body), 409, 'conflict');
    // A replay of what was stored is still answered after the close.
    expect((await put(t, enumerator, closed, kept, body)).status).toBe(200);
    expectProblem(await put(t, member, randomUUID(), randomUUID(), body), 404, 'not_found');

    // Past its closesAt an open survey takes nothing new, and still answers a replay.
    const ending = await openSurvey(t, facilitator);
    const early = randomUUID();
    expect((await put(t, enumerator, ending, early, body)).status).toBe(201);
    await t.db.query(`UPDATE surveys SET closes_at = now() - interval '1 minute' WHERE id = $1`, [
      ending,
    ]);
    const late = await put(t, enumerator, ending, randomUUID(), body);
    expectProblem(late, 409, 'conflict');
    // The moment in the reader's words and Kyrgyzstan's time, not an ISO string.
    expect(late.body.detail).toMatch(/^Сурамжылоо \d{4}-ж\., \d{1,2}-[а-яө]+ \d\d:\d\d жабылган$/);
    expect((await put(t, enumerator, ending, early, body)).status).toBe(200);
    const stored = await call(t, 'get', `/surveys/${ending}/submissions`, facilitator);
    expect(stored.body.items).toHaveLength(1);
  });
});

describe('revisions', () => {
  it('lets the enumerator who entered it or staff correct answers; keeps the old ones', async () => {
    const id = await openSurvey(t, facilitator);
    const submissionId = randomUUID();
    await put(t, enumerator, id, submissionId, paper({ water_source: 'tap', household: 4 }));

    const stranger = await call(t, 'patch', `/submissions/${submissionId}`, otherEnumerator, {
      answers: { water_source: 'tap' },
      reason: 'typo',
    });
    expectProblem(stranger, 404, 'not_found');

    const bad = await call(t, 'patch', `/submissions/${submissionId}`, enumerator, {
      answers: { water_source: 'tap', canal_days: 2 },
      reason: 'typo',
    });
    expect(fields(bad)).toEqual(['answers.canal_days']);
    const noReason = await call(t, 'patch', `/submissions/${submissionId}`, enumerator, {
      answers: { water_source: 'tap' },
    });
    expect(fields(noReason)).toEqual(['reason']);

    const own = await call(t, 'patch', `/submissions/${submissionId}`, enumerator, {
      answers: { water_source: 'tap', household: 5 },
      reason: 'Misread the paper form',
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      answers: { water_source: 'tap', household: 5 },
      revisions: 1,
    });

    const staff = await call(t, 'patch', `/submissions/${submissionId}`, admin, {
      answers: { water_source: 'canal', canal_days: 1, household: 5 },
      reason: 'Checked with the household',
    });
    expect(staff.status).toBe(200);
    expect(staff.body.revisions).toBe(2);

    const revisions = await t.db.query(
      `SELECT previous_answers, answers, reason, revised_by FROM survey_submission_revisions
       WHERE submission_id = $1 ORDER BY created_at`,
      [submissionId],
    );
    expect(revisions).toEqual([
      {
        previous_answers: { water_source: 'tap', household: 4 },
        answers: { water_source: 'tap', household: 5 },
        reason: 'Misread the paper form',
        revised_by: enumerator.id,
      },
      {
        previous_answers: { water_source: 'tap', household: 5 },
        answers: { water_source: 'canal', canal_days: 1, household: 5 },
        reason: 'Checked with the household',
        revised_by: admin.id,
      },
    ]);
    const audit = await t.db.query(
      `SELECT actor_id FROM audit_log WHERE action = 'survey_submission.revise' AND target_id = $1`,
      [submissionId],
    );
    expect(audit).toEqual([{ actor_id: admin.id }]);
  });
});

describe('who sees raw answers', () => {
  it('staff see all rows; an NGO member sees only the ones they entered', async () => {
    const id = await openSurvey(t, facilitator);
    const mine = randomUUID();
    const theirs = randomUUID();
    await put(t, enumerator, id, mine, paper({ water_source: 'tap' }));
    await put(t, otherEnumerator, id, theirs, paper({ water_source: 'tap' }));

    const staffRows = await call(t, 'get', `/surveys/${id}/submissions`, facilitator);
    expect(staffRows.status).toBe(200);
    expect((staffRows.body.items as { id: string }[]).map((r) => r.id).sort()).toEqual(
      [mine, theirs].sort(),
    );
    const own = await call(t, 'get', `/surveys/${id}/submissions`, enumerator);
    expect((own.body.items as { id: string }[]).map((r) => r.id)).toEqual([mine]);
    const none = await call(t, 'get', `/surveys/${id}/submissions`, member);
    expect(none.body).toEqual({ items: [], nextCursor: null });

    // Another survey's raw answers: nothing of them for the NGO member.
    const other = await openSurvey(t, facilitator);
    await put(t, otherEnumerator, other, randomUUID(), paper({ water_source: 'tap' }));
    const foreign = await call(t, 'get', `/surveys/${other}/submissions`, enumerator);
    expect(foreign.body.items).toEqual([]);
    const draft = await createSurvey(t, facilitator);
    expectProblem(
      await call(t, 'get', `/surveys/${draft}/submissions`, enumerator),
      404,
      'not_found',
    );
  });

  it('pages raw rows oldest first', async () => {
    const id = await openSurvey(t, facilitator);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const submissionId = randomUUID();
      ids.push(submissionId);
      await put(t, enumerator, id, submissionId, paper({ water_source: 'tap', household: i + 1 }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await call(t, 'get', `/surveys/${id}/submissions?limit=2${query}`, facilitator);
      seen.push(...(res.body.items as { id: string }[]).map((r) => r.id));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(ids);
  });
});
