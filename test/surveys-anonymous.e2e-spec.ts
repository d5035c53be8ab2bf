import { randomUUID } from 'node:crypto';
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
import { createSurvey, openSurvey, respondent } from './support/surveys.js';

/**
 * Anonymous surveys and public links: no user id stored with an answer nor written to any
 * log line (the request log included), one answer per signed-in person through a keyed mark,
 * `anonymous` and `minCellSize` fixed once the survey leaves draft, links capped and expiring.
 */

let t: TestApp;
let facilitator: SignedUp;
let member: SignedUp;
let enumerator: SignedUp;
const logged: string[] = [];
const realWrite = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  // pino writes to process.stdout once it has been replaced: every log line lands here.
  process.stdout.write = (chunk: string | Uint8Array) => {
    logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  t = await startTestApp({ LOG_LEVEL: 'info' });
  [facilitator, member, enumerator] = await Promise.all([
    signUp(t, { role: 'facilitator' }),
    signUp(t),
    signUp(t),
  ]);
  await makeOrganisation(t, enumerator);
});

afterAll(async () => {
  await t.close();
  process.stdout.write = realWrite;
});

function online(answers: Record<string, unknown> = { water_source: 'tap' }) {
  return { version: 1, mode: 'online', respondent: respondent(), answers };
}

function put(as: SignedUp, surveyId: string, submissionId: string, body: object) {
  return t.http
    .put(`${API}/surveys/${surveyId}/submissions/${submissionId}`)
    .set(as.auth)
    .send(body);
}

function putPublic(token: string, submissionId: string, body: object) {
  return t.http.put(`${API}/public/surveys/${token}/submissions/${submissionId}`).send(body);
}

describe('anonymous surveys', () => {
  it('store and log no user id, and take one answer per signed-in person', async () => {
    const id = await openSurvey(t, facilitator, { anonymous: true });
    const submissionId = randomUUID();
    const first = await put(member, id, submissionId, online());
    expect(first.status).toBe(201);
    expect(first.body.enteredById).toBeNull();

    // Replaying the same submission is not a second answer.
    const replay = await put(member, id, submissionId, online());
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);

    // A second answer by the same person under a new id is refused; the mark does it.
    const again = await put(
      member,
      id,
      randomUUID(),
      online({ water_source: 'canal', canal_days: 1 }),
    );
    expectProblem(again, 409, 'conflict');

    // An enumerator's paper forms are many answers, and carry no user id either.
    const paperId = randomUUID();
    const paper = await put(enumerator, id, paperId, {
      ...online(),
      mode: 'paper',
      collectedOn: '2026-11-20',
    });
    expect(paper.status).toBe(201);
    expect(paper.body.enteredById).toBeNull();

    const rows = await t.db.query(
      'SELECT id, entered_by, link_id FROM survey_submissions WHERE survey_id = $1',
      [id],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.entered_by).toBeNull();
    // Nothing in the submission rows or the marks names the person.
    const dump = JSON.stringify(
      await t.db.query(
        `SELECT (SELECT json_agg(s) FROM survey_submissions s WHERE s.survey_id = $1) AS s,
                (SELECT json_agg(m) FROM survey_respondent_marks m WHERE m.survey_id = $1) AS m`,
        [id],
      ),
    );
    expect(dump).not.toContain(member.id);
    expect(dump).not.toContain(enumerator.id);
    const marks = await t.db.query('SELECT * FROM survey_respondent_marks WHERE survey_id = $1', [
      id,
    ]);
    expect(marks).toHaveLength(1);
    expect(Object.keys(marks[0]).sort()).toEqual(['mark', 'survey_id']);

    // The raw rows: the enumerator cannot find "their" anonymous rows; staff see no user ids.
    const own = await call(t, 'get', `/surveys/${id}/submissions`, enumerator);
    expect(own.body.items).toEqual([]);
    const all = await call(t, 'get', `/surveys/${id}/submissions`, facilitator);
    expect((all.body.items as { enteredById: unknown }[]).map((r) => r.enteredById)).toEqual([
      null,
      null,
    ]);

    // No log line of these requests names the respondent: not the service's, not pino-http's.
    const lines = logged.join('').split('\n').filter(Boolean);
    const submissionLines = lines.filter(
      (line) => line.includes(submissionId) || line.includes(`/surveys/${id}/submissions`),
    );
    expect(submissionLines.length).toBeGreaterThan(0);
    const requestIds = new Set(
      submissionLines.map((line) => (JSON.parse(line) as { reqId?: string }).reqId),
    );
    const related = lines.filter((line) => {
      const reqId = (JSON.parse(line) as { reqId?: string }).reqId;
      return reqId !== undefined && requestIds.has(reqId);
    });
    expect(related.length).toBeGreaterThan(0);
    for (const line of [...submissionLines, ...related]) {
      expect(line).not.toContain(member.id);
      expect(line).not.toContain(enumerator.id);
    }
  });

  it('fixes anonymous, minCellSize and territoryIds once the survey leaves draft', async () => {
    const id = await createSurvey(t, facilitator, { anonymous: true, minCellSize: 5 });
    // While draft all of them may change.
    const before = await call(t, 'patch', `/surveys/${id}`, facilitator, { minCellSize: 6 });
    expect(before.status).toBe(200);
    expect(before.body.minCellSize).toBe(6);
    const opened = await call(t, 'post', `/surveys/${id}/transitions`, facilitator, { to: 'open' });
    expect(opened.status).toBe(200);
    const refused = async (): Promise<void> => {
      for (const change of [
        { anonymous: false },
        { minCellSize: 10 },
        { territoryIds: [TERRITORY.kyshtut] },
        // Once open even the same value is refused: PATCH is for drafts only.
        { anonymous: true, minCellSize: 6 },
      ]) {
        expectProblem(
          await call(t, 'patch', `/surveys/${id}`, facilitator, change),
          409,
          'conflict',
        );
      }
    };
    // Open without a submission yet, then with one.
    await refused();
    expect((await put(member, id, randomUUID(), online())).status).toBe(201);
    await refused();
    const [row] = await t.db.query('SELECT anonymous, min_cell_size FROM surveys WHERE id = $1', [
      id,
    ]);
    expect(row).toEqual({ anonymous: true, min_cell_size: 6 });
  });
});

describe('one person answering twice at once', () => {
  it.each([true, false])('anonymous %s: one 201, one 409, never a 500', async (anonymous) => {
    const id = await openSurvey(t, facilitator, { anonymous });
    const person = await signUp(t);
    const answers = await Promise.all([0, 1, 2].map(() => put(person, id, randomUUID(), online())));
    expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409]);
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM survey_submissions WHERE survey_id = $1',
      [id],
    );
    expect(n).toBe(1);
  });
});

describe('a change of anonymity racing the opening', () => {
  it('never leaves a user id on a row of an anonymous survey', async () => {
    for (let round = 0; round < 6; round += 1) {
      const id = await createSurvey(t, facilitator);
      const [patched, opened] = await Promise.all([
        call(t, 'patch', `/surveys/${id}`, facilitator, { anonymous: true }),
        call(t, 'post', `/surveys/${id}/transitions`, facilitator, { to: 'open' }),
      ]);
      expect([200, 409]).toContain(patched.status);
      expect(opened.status).toBe(200);
      const stored = await put(enumerator, id, randomUUID(), {
        ...online(),
        mode: 'paper',
        collectedOn: '2026-11-20',
      });
      expect(stored.status).toBe(201);
      const [row] = await t.db.query(
        `SELECT s.anonymous, b.entered_by FROM surveys s
         JOIN survey_submissions b ON b.survey_id = s.id WHERE s.id = $1`,
        [id],
      );
      // Either the PATCH came first (still a draft: anonymous) or it was refused (open already).
      expect(row.anonymous).toBe(patched.status === 200);
      expect(row.entered_by === null).toBe(row.anonymous);
    }
  });
});

describe('public links', () => {
  async function link(surveyId: string, body: object = {}): Promise<string> {
    const res = await call(t, 'post', `/surveys/${surveyId}/links`, facilitator, body);
    expect(res.status).toBe(201);
    expect(res.body.path).toBe(`/s/${res.body.token}`);
    return res.body.token as string;
  }

  it('takes answers without an account, stores no user id, refuses past its cap', async () => {
    const id = await openSurvey(t, facilitator);
    expectProblem(await call(t, 'post', `/surveys/${id}/links`, member, {}), 403, 'forbidden');
    const token = await link(id, { maxResponses: 2 });
    const [{ token_hash }] = await t.db.query(
      'SELECT token_hash FROM survey_links WHERE survey_id = $1',
      [id],
    );
    expect(token_hash).not.toContain(token);

    const form = await t.http.get(`${API}/public/surveys/${token}`);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ id, version: 1 });
    expect((form.body.territories as { id: string }[]).map((x) => x.id)).toContain(
      TERRITORY.akSaiVillage,
    );

    const body = { version: 1, respondent: respondent(), answers: { water_source: 'tap' } };
    const first = randomUUID();
    const stored = await putPublic(token, first, body);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ mode: 'online', enteredById: null, viaLink: true });
    // A replay does not count against the cap.
    expect((await putPublic(token, first, body)).status).toBe(200);
    expect((await putPublic(token, randomUUID(), body)).status).toBe(201);
    const full = await putPublic(token, randomUUID(), body);
    expectProblem(full, 409, 'conflict');
    expect(full.body.detail).toContain('2');

    const bad = await putPublic(token, randomUUID(), { ...body, answers: { water_source: 'sea' } });
    // Validation comes before the cap: the caller learns what is wrong with the form.
    expectProblem(bad, 400, 'validation_failed');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'answers.water_source' })]);
    const unknown = await putPublic(token, randomUUID(), { ...body, mode: 'paper' });
    expectProblem(unknown, 400, 'validation_failed');

    const links = await call(t, 'get', `/surveys/${id}/links`, facilitator);
    expect(links.body.items).toEqual([
      expect.objectContaining({ maxResponses: 2, responseCount: 2, exhausted: true }),
    ]);
    expect(JSON.stringify(links.body)).not.toContain(token);
    // The token is a credential: the request log writes the route without it.
    const requestLines = logged
      .join('')
      .split('\n')
      .filter((line) => line.includes('/public/surveys/'));
    expect(requestLines.length).toBeGreaterThan(0);
    expect(logged.join('')).not.toContain(token);
    expectProblem(await call(t, 'get', `/surveys/${id}/links`, member), 403, 'forbidden');

    const rows = await t.db.query(
      'SELECT entered_by, link_id FROM survey_submissions WHERE survey_id = $1',
      [id],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ entered_by: null, link_id: expect.any(String) });
  });

  it('refuses an expired link and an unknown one', async () => {
    const id = await openSurvey(t, facilitator);
    const token = await link(id, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await t.db.query(
      `UPDATE survey_links SET expires_at = now() - interval '1 minute' WHERE survey_id = $1`,
      [id],
    );
    const body = { version: 1, respondent: respondent(), answers: { water_source: 'tap' } };
    expectProblem(await putPublic(token, randomUUID(), body), 409, 'conflict');
    expectProblem(await t.http.get(`${API}/public/surveys/${token}`), 409, 'conflict');
    expectProblem(await putPublic('x'.repeat(32), randomUUID(), body), 404, 'not_found');
    expectProblem(await t.http.get(`${API}/public/surveys/short`), 404, 'not_found');
    const past = await call(t, 'post', `/surveys/${id}/links`, facilitator, {
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expectProblem(past, 400, 'validation_failed');
  });
});

describe('public link rate limit', () => {
  it('answers 429 with Retry-After past KENESH_PUBLIC_SURVEY_RATE_PER_MINUTE', async () => {
    const limited = await startTestApp({
      KENESH_RATE_LIMITS: 'on',
      KENESH_PUBLIC_SURVEY_RATE_PER_MINUTE: '3',
      KENESH_AUTH_RATE_PER_MINUTE: '1000',
    });
    try {
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 5; i += 1) {
        const res = await limited.http.get(`${API}/public/surveys/${'y'.repeat(32)}`);
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers['retry-after'];
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
