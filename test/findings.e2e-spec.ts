import { randomUUID } from 'node:crypto';
import type { Gender } from '../src/modules/surveys/survey-contract.js';
import {
  API,
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { createSurvey, openSurvey, respondent } from './support/surveys.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;

async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}

/** Stores `n` paper forms through the surveys route (their tallies feed the results). */
async function answer(
  t: TestApp,
  as: SignedUp,
  surveyId: string,
  gender: Gender,
  source: 'canal' | 'tap',
  n: number,
) {
  for (let i = 0; i < n; i++) {
    const res = await t.http
      .put(`${API}/surveys/${surveyId}/submissions/${randomUUID()}`)
      .set(as.auth)
      .send({
        version: 1,
        mode: 'paper',
        respondent: { ...respondent(), gender },
        answers:
          source === 'canal' ? { water_source: 'canal', canal_days: 3 } : { water_source: 'tap' },
      });
    expect(res.status).toBe(201);
  }
}

describe('findings', () => {
  let t: TestApp;
  let staff: SignedUp;
  let admin: SignedUp;
  let member: SignedUp;
  let surveyId: string;
  let focusGroupId: string;

  const findingBody = (extra: Record<string, unknown> = {}) => ({
    statement: 'Аялдардын көбү сугат суусун арыктан алат, арык бузулган.',
    language: 'ky',
    category: 'water_irrigation',
    territoryIds: [TERRITORY.akSai],
    evidence: { surveyId, question: 'water_source', by: 'gender', eventIds: [focusGroupId] },
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
    member = await signUp(t);
    surveyId = await openSurvey(t, staff);
    await answer(t, staff, surveyId, 'female', 'canal', 8);
    await answer(t, staff, surveyId, 'female', 'tap', 6);
    await answer(t, staff, surveyId, 'male', 'canal', 7);
    await answer(t, staff, surveyId, 'male', 'tap', 2);
    const fg = await call(t, 'post', '/events', staff, {
      kind: 'focus_group',
      group: 'women',
      title: { ky: 'Аялдар менен фокус-топ' },
      startsAt: new Date(Date.now() - DAY_MS).toISOString(),
      territoryId: TERRITORY.akSaiVillage,
      place: 'Ак-Сай мектеби',
    });
    focusGroupId = fg.body.id as string;
    await t.http
      .put(`${API}/events/${focusGroupId}/tallies`)
      .set(staff.auth)
      .send({ rows: [{ gender: 'female', ageBand: '18-29', count: 9 }] });
    await call(t, 'post', `/events/${focusGroupId}/close`, staff, {
      minutes: { ky: 'Аялдар сууну талкуулашты.' },
      findings: 'Арык жазында бузулат.',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a facilitator records a finding; its cells are frozen with the minimum cell size and time', async () => {
    const res = await call(t, 'post', '/findings', staff, findingBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      category: 'water_irrigation',
      territoryIds: [TERRITORY.akSai],
      issueId: null,
      evidence: {
        surveyId,
        question: 'water_source',
        by: 'gender',
        minCellSize: 5,
        eventIds: [focusGroupId],
        events: [
          {
            id: focusGroupId,
            kind: 'focus_group',
            group: 'women',
            status: 'held',
            findings: 'Арык жазында бузулат.',
            participants: 9,
          },
        ],
      },
    });
    expect(res.body.evidence.frozenAt).toEqual(expect.any(String));
    const frozen = JSON.stringify(res.body.evidence.results);
    // male × tap is 2: suppressed in the frozen cells as in the live ones.
    expect(frozen).toContain('"suppressed":"primary"');

    // The data change after: the live results move, the finding keeps its cells.
    await answer(t, staff, surveyId, 'male', 'tap', 9);
    const live = await call(
      t,
      'get',
      `/surveys/${surveyId}/results?by=gender&question=water_source`,
      staff,
    );
    expect(live.status).toBe(200);
    expect(JSON.stringify(live.body)).not.toEqual(frozen);
    const again = await call(t, 'get', `/findings/${res.body.id as string}`, member);
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.body.evidence.results)).toBe(frozen);
    expect(again.body.evidence.frozenAt).toBe(res.body.evidence.frozenAt);
  });

  it('only facilitators and admins record findings; bad evidence is refused', async () => {
    const before = await count(t, 'findings');
    expectProblem(await call(t, 'post', '/findings', member, findingBody()), 403, 'forbidden');
    const cases: [Record<string, unknown>, string][] = [
      [findingBody({ evidence: {} }), 'evidence'],
      [
        findingBody({ evidence: { question: 'water_source', eventIds: [focusGroupId] } }),
        'evidence.question',
      ],
      [findingBody({ evidence: { eventIds: [randomUUID()] } }), 'evidence.eventIds.0'],
      [findingBody({ evidence: { surveyId: randomUUID() } }), 'evidence.surveyId'],
      [findingBody({ evidence: { surveyId, question: 'nope' } }), 'evidence.question'],
      [findingBody({ evidence: { surveyId, by: 'height' } }), 'evidence.by'],
      [findingBody({ category: 'weather' }), 'category'],
      [findingBody({ territoryIds: [randomUUID()] }), 'territoryIds.0'],
      [findingBody({ secret: true }), 'secret'],
    ];
    const draft = await createSurvey(t, staff);
    cases.push([findingBody({ evidence: { surveyId: draft } }), 'evidence.surveyId']);
    for (const [body, field] of cases) {
      const res = await call(t, 'post', '/findings', staff, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    expect(await count(t, 'findings')).toBe(before);
  });

  it('lists findings newest first with filters, to any signed-in member', async () => {
    const a = (await call(t, 'post', '/findings', staff, findingBody({ category: 'health' }))).body
      .id as string;
    const b = (
      await call(
        t,
        'post',
        '/findings',
        admin,
        findingBody({ category: 'health', evidence: { eventIds: [focusGroupId] } }),
      )
    ).body.id as string;
    const res = await call(t, 'get', '/findings?category=health', member);
    expect(res.status).toBe(200);
    expect((res.body.items as { id: string }[]).map((f) => f.id)).toEqual([b, a]);
    const bySurvey = await call(t, 'get', `/findings?category=health&surveyId=${surveyId}`, member);
    expect((bySurvey.body.items as { id: string }[]).map((f) => f.id)).toEqual([a]);
    const byEvent = await call(t, 'get', `/findings?eventId=${focusGroupId}&limit=1`, member);
    expect(byEvent.body.items).toHaveLength(1);
    expect(byEvent.body.nextCursor).toEqual(expect.any(String));
    expectProblem(await call(t, 'get', `/findings/${randomUUID()}`, member), 404, 'not_found');
    expectProblem(await call(t, 'get', '/findings', undefined), 401, 'unauthorized');
  });

  it('raises an issue once, with the evidence behind it, and traces it to the answer', async () => {
    const finding = (await call(t, 'post', '/findings', admin, findingBody())).body.id as string;
    expectProblem(
      await call(t, 'post', `/findings/${finding}/issue`, member, { decisionLevel: 'district' }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(t, 'post', `/findings/${finding}/issue`, staff, { decisionLevel: 'galaxy' }),
      400,
      'validation_failed',
    );
    const raised = await call(t, 'post', `/findings/${finding}/issue`, staff, {
      decisionLevel: 'district',
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({
      status: 'raised',
      category: 'water_irrigation',
      decisionLevel: 'district',
      title: 'Аялдардын көбү сугат суусун арыктан алат, арык бузулган.',
    });
    const issueId = raised.body.id as string;
    // The facilitator raised the admin's finding: audited.
    const [entry] = await t.db.query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'finding.raise_issue' AND target_id = $1`,
      [finding],
    );
    expect(entry).toMatchObject({ actor_id: staff.id, details: { issueId } });

    const twice = await call(t, 'post', `/findings/${finding}/issue`, staff, {
      decisionLevel: 'oblast',
    });
    expectProblem(twice, 409, 'conflict');
    expect(await count(t, 'findings WHERE issue_id = $1', [issueId])).toBe(1);

    const evidence = await call(t, 'get', `/issues/${issueId}/evidence`, member);
    expect(evidence.status).toBe(200);
    expect(evidence.body.issueId).toBe(issueId);
    expect(evidence.body.findings).toHaveLength(1);
    expect(evidence.body.findings[0]).toMatchObject({
      id: finding,
      issueId,
      evidence: { surveyId, minCellSize: 5, events: [{ id: focusGroupId, group: 'women' }] },
    });
    expect(evidence.body.findings[0].evidence.results).toEqual(expect.any(Object));
    expectProblem(
      await call(t, 'get', `/issues/${randomUUID()}/evidence`, member),
      404,
      'not_found',
    );

    // Through the workflow to an authority and its answer, by the existing routes.
    for (const to of ['discussing', 'prioritised'])
      expect((await call(t, 'post', `/issues/${issueId}/transitions`, staff, { to })).status).toBe(
        200,
      );
    const authority = await makeOrganisation(t, admin, { kind: 'state_administration' });
    const escalated = await call(t, 'post', `/issues/${issueId}/escalations`, staff, {
      authorityOrganisationId: authority.id,
      sentAt: new Date().toISOString(),
      reference: '№ 12/4',
    });
    expect(escalated.status).toBe(201);
    const answered = await call(t, 'patch', `/escalations/${escalated.body.id as string}`, staff, {
      responseText: 'Арык 2027-жылы оңдолот.',
      respondedAt: new Date().toISOString(),
    });
    expect(answered.status).toBe(200);

    const trace = await call(t, 'get', `/findings/${finding}/trace`, member);
    expect(trace.status).toBe(200);
    expect(trace.body.issueId).toBe(issueId);
    const steps = trace.body.steps as { kind: string; toStatus?: string; at: string }[];
    expect(steps.map((s) => [s.kind, s.toStatus ?? null])).toEqual([
      ['finding_recorded', null],
      ['issue_raised', 'raised'],
      ['transition', 'discussing'],
      ['transition', 'prioritised'],
      ['escalation_sent', null],
      ['transition', 'escalated'],
      ['answer_received', null],
      ['transition', 'answered'],
    ]);
    expect(steps.map((s) => s.at)).toEqual([...steps.map((s) => s.at)].sort());
    expect(steps[6]).toMatchObject({
      responseText: 'Арык 2027-жылы оңдолот.',
      authorityName: authority.name,
    });

    // A finding not raised traces to itself only.
    const lone = (await call(t, 'post', '/findings', staff, findingBody())).body.id as string;
    const loneTrace = await call(t, 'get', `/findings/${lone}/trace`, member);
    expect(loneTrace.body).toMatchObject({ issueId: null, steps: [{ kind: 'finding_recorded' }] });
    expectProblem(
      await call(t, 'get', `/findings/${randomUUID()}/trace`, member),
      404,
      'not_found',
    );
  });

  it('follows a merge: the evidence goes with the target and the trace continues there', async () => {
    const finding = (await call(t, 'post', '/findings', staff, findingBody())).body.id as string;
    const raised = await call(t, 'post', `/findings/${finding}/issue`, staff, {
      decisionLevel: 'district',
    });
    const duplicate = raised.body.id as string;
    const target = await call(t, 'post', '/issues', member, {
      title: 'Арык бузулган',
      body: 'Ак-Сайда арык жазында бузулат.',
      category: 'water_irrigation',
      territoryIds: [TERRITORY.akSai],
      decisionLevel: 'district',
    });
    const targetId = target.body.id as string;
    const merged = await call(t, 'post', `/issues/${duplicate}/merge`, staff, {
      targetIssueId: targetId,
    });
    expect(merged.status).toBe(200);
    for (const to of ['discussing', 'prioritised'])
      expect((await call(t, 'post', `/issues/${targetId}/transitions`, staff, { to })).status).toBe(
        200,
      );
    const authority = await makeOrganisation(t, admin, { kind: 'government_body' });
    const escalated = await call(t, 'post', `/issues/${targetId}/escalations`, staff, {
      authorityOrganisationId: authority.id,
      sentAt: new Date().toISOString(),
    });
    expect(escalated.status).toBe(201);

    const evidence = await call(t, 'get', `/issues/${targetId}/evidence`, member);
    expect((evidence.body.findings as { id: string }[]).map((f) => f.id)).toEqual([finding]);
    const trace = await call(t, 'get', `/findings/${finding}/trace`, member);
    const steps = trace.body.steps as { kind: string; toStatus?: string; issueId?: string }[];
    expect(steps.map((s) => [s.kind, s.toStatus ?? null, s.issueId ?? null])).toEqual([
      ['finding_recorded', null, null],
      ['issue_raised', 'raised', duplicate],
      ['transition', 'merged', duplicate],
      ['transition', 'discussing', targetId],
      ['transition', 'prioritised', targetId],
      ['escalation_sent', null, targetId],
      ['transition', 'escalated', targetId],
    ]);
  });

  it('two raises at once make one issue', async () => {
    const finding = (await call(t, 'post', '/findings', staff, findingBody())).body.id as string;
    const before = await count(t, 'issues');
    const answers = await Promise.all(
      [1, 2].map(() =>
        call(t, 'post', `/findings/${finding}/issue`, staff, { decisionLevel: 'district' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await count(t, 'issues')).toBe(before + 1);
  });
});
