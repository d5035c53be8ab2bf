import { randomUUID } from 'node:crypto';
import { StrategiesOverdueJob } from '../src/modules/strategies/strategies-overdue.js';
import { strategiesForReport } from '../src/modules/strategies/strategies-report.js';
import { seedStrategySamples } from '../src/modules/strategies/strategies-seed.js';
import {
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString();
}

async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}

describe('strategies', () => {
  let t: TestApp;
  let staff: SignedUp;
  let admin: SignedUp;
  let rep: SignedUp;
  let rep2: SignedUp;
  let otherRep: SignedUp;
  let member: SignedUp;
  let owner: { id: string; name: string };
  let authority: { id: string; name: string };
  let ngo: { id: string };
  let issueId: string;
  let strategyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
    rep = await signUp(t);
    rep2 = await signUp(t);
    otherRep = await signUp(t);
    member = await signUp(t);
    owner = await makeOrganisation(t, rep, { kind: 'aiyl_okmotu', networkStatus: 'member' });
    // A second representative of the owner organisation.
    await t.db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'representative')`,
      [owner.id, rep2.id],
    );
    await makeOrganisation(t, otherRep, { networkStatus: 'member' });
    authority = await makeOrganisation(t, staff, {
      kind: 'state_administration',
      territoryId: TERRITORY.batkenDistrict,
    });
    ngo = await makeOrganisation(t, staff, { kind: 'ngo' });
    const issue = await call(t, 'post', '/issues', rep, {
      title: 'Сугат суусу жетпейт',
      body: 'Жайында арыкта суу жок.',
      category: 'water_irrigation',
      territoryIds: [TERRITORY.akSai],
      decisionLevel: 'district',
    });
    expect(issue.status).toBe(201);
    issueId = issue.body.id as string;
  });
  afterAll(async () => {
    await t.close();
  });

  const strategyBody = (extra: Record<string, unknown> = {}) => ({
    title: { ky: 'Суу стратегиясы', ru: 'Стратегия по воде' },
    goal: { ky: 'Ар бир үйгө сугат суусу', ru: 'Поливная вода каждому двору' },
    issueIds: [issueId],
    ...extra,
  });

  describe('strategies', () => {
    it('staff write a strategy; members and representatives cannot', async () => {
      for (const who of [member, rep]) {
        expectProblem(await call(t, 'post', '/strategies', who, strategyBody()), 403, 'forbidden');
      }
      expectProblem(
        await call(t, 'post', '/strategies', undefined, strategyBody()),
        401,
        'unauthorized',
      );
      const res = await call(
        t,
        'post',
        '/strategies',
        staff,
        strategyBody({ territoryIds: [TERRITORY.akSai] }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: { ky: 'Суу стратегиясы' },
        issueIds: [issueId],
        territoryIds: [TERRITORY.akSai],
        progress: 0,
        objectives: [],
        overdueActions: [],
        canManage: true,
      });
      strategyId = res.body.id as string;
      expect(
        await count(t, `audit_log WHERE action = 'strategy.create' AND target_id = $1`, [
          strategyId,
        ]),
      ).toBe(1);
    });

    it('refuses bad payloads', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [strategyBody({ colour: 'red' }), 'colour'],
        [strategyBody({ title: {} }), 'title'],
        [strategyBody({ issueIds: [] }), 'issueIds'],
        [strategyBody({ issueIds: [randomUUID()] }), 'issueIds.0'],
        [strategyBody({ territoryIds: [randomUUID()] }), 'territoryIds.0'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t, 'post', '/strategies', staff, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
    });

    it('everyone signed in reads it; an unknown one is 404', async () => {
      const res = await call(t, 'get', `/strategies/${strategyId}`, member);
      expect(res.status).toBe(200);
      expect(res.body.canManage).toBe(false);
      expectProblem(await call(t, 'get', `/strategies/${randomUUID()}`, member), 404, 'not_found');
      expectProblem(await call(t, 'get', '/strategies/nope', member), 400, 'validation_failed');
    });

    it('staff edit it (audited); others cannot', async () => {
      expectProblem(
        await call(t, 'patch', `/strategies/${strategyId}`, rep, { title: { ky: 'Башка' } }),
        403,
        'forbidden',
      );
      const res = await call(t, 'patch', `/strategies/${strategyId}`, admin, {
        goal: { ky: 'Ар бир үйгө суу', ru: 'Вода каждому двору' },
      });
      expect(res.status).toBe(200);
      expect(res.body.goal).toEqual({ ky: 'Ар бир үйгө суу', ru: 'Вода каждому двору' });
      expectProblem(
        await call(t, 'patch', `/strategies/${strategyId}`, admin, { colour: 'red' }),
        400,
        'validation_failed',
      );
      expect(
        await count(t, `audit_log WHERE action = 'strategy.edit' AND target_id = $1`, [strategyId]),
      ).toBe(1);
    });
  });

  describe('objectives, actions and the rollup', () => {
    let objA: string;
    let objB: string;
    const actions: Record<string, string> = {};

    it('staff add objectives; others cannot', async () => {
      expectProblem(
        await call(t, 'post', `/strategies/${strategyId}/objectives`, rep, { title: { ky: 'A' } }),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'post', `/strategies/${strategyId}/objectives`, staff, {
          title: { ky: 'A' },
          weight: 0,
        }),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'post', `/strategies/${randomUUID()}/objectives`, staff, {
          title: { ky: 'A' },
        }),
        404,
        'not_found',
      );
      const a = await call(t, 'post', `/strategies/${strategyId}/objectives`, staff, {
        title: { ky: 'Арыктарды тазалоо', ru: 'Очистка арыков' },
        weight: 2,
      });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ weight: 2, position: 1, progress: 0, actions: [] });
      objA = a.body.id as string;
      const b = await call(t, 'post', `/strategies/${strategyId}/objectives`, staff, {
        title: { ky: 'Суу графиги', ru: 'График полива' },
      });
      expect(b.body).toMatchObject({ weight: 1, position: 2 });
      objB = b.body.id as string;
    });

    it('staff add actions; the target must be an authority; others cannot', async () => {
      const body = (extra: Record<string, unknown> = {}) => ({
        title: { ky: 'Айыл өкмөтүнө кат', ru: 'Письмо в айыл окмоту' },
        ownerOrganisationId: owner.id,
        targetAuthorityOrganisationId: authority.id,
        dueAt: daysFromNow(30),
        ...extra,
      });
      expectProblem(
        await call(t, 'post', `/objectives/${objA}/actions`, rep, body()),
        403,
        'forbidden',
      );
      const bad: [Record<string, unknown>, string][] = [
        [body({ targetAuthorityOrganisationId: ngo.id }), 'targetAuthorityOrganisationId'],
        [body({ targetAuthorityOrganisationId: randomUUID() }), 'targetAuthorityOrganisationId'],
        [body({ ownerOrganisationId: randomUUID() }), 'ownerOrganisationId'],
        [body({ dueAt: 'tomorrow' }), 'dueAt'],
        [body({ weight: 101 }), 'weight'],
        [body({ progress: 10 }), 'progress'],
        [body({ issueIds: [randomUUID()] }), 'issueIds.0'],
        [{ ownerOrganisationId: owner.id, dueAt: daysFromNow(3) }, 'title'],
      ];
      for (const [b, field] of bad) {
        const res = await call(t, 'post', `/objectives/${objA}/actions`, staff, b);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      expectProblem(
        await call(t, 'post', `/objectives/${randomUUID()}/actions`, staff, body()),
        404,
        'not_found',
      );
      // Objective A: weights 1 and 3, and one to be dropped; objective B: two of weight 1.
      const specs: [string, string, number, string][] = [
        ['a1', objA, 1, daysFromNow(30)],
        ['a3', objA, 3, daysFromNow(40)],
        ['aDropped', objA, 1, daysFromNow(50)],
        ['b1', objB, 1, daysFromNow(-3)],
        ['b2', objB, 1, daysFromNow(20)],
      ];
      for (const [key, objective, weight, dueAt] of specs) {
        const res = await call(
          t,
          'post',
          `/objectives/${objective}/actions`,
          staff,
          body({ weight, dueAt, issueIds: [issueId] }),
        );
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          weight,
          status: 'planned',
          progress: 0,
          ownerName: owner.name,
          targetAuthorityName: authority.name,
          issueIds: [issueId],
          updates: [],
          canUpdate: true,
        });
        actions[key] = res.body.id as string;
      }
      expect(await count(t, `audit_log WHERE action = 'strategy_action.create'`)).toBe(5);
    });

    it("the owner's representatives post updates; a member of another organisation cannot", async () => {
      const update = (progress: number, status: string, note?: string) => ({
        progress,
        status,
        ...(note ? { note } : {}),
      });
      expectProblem(
        await call(
          t,
          'post',
          `/actions/${actions.a1}/updates`,
          otherRep,
          update(40, 'in_progress'),
        ),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'post', `/actions/${actions.a1}/updates`, member, update(40, 'in_progress')),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'patch', `/actions/${actions.a1}`, otherRep, { progress: 40 }),
        403,
        'forbidden',
      );
      for (const body of [
        update(101, 'in_progress'),
        update(-1, 'in_progress'),
        update(50, 'finished'),
        { ...update(50, 'in_progress'), colour: 'red' },
        { status: 'in_progress' },
        { progress: 1.5, status: 'in_progress' },
      ]) {
        const res = await call(t, 'post', `/actions/${actions.a1}/updates`, rep, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      expectProblem(
        await call(t, 'post', `/actions/${randomUUID()}/updates`, rep, update(1, 'planned')),
        404,
        'not_found',
      );
      const posted = await call(
        t,
        'post',
        `/actions/${actions.a1}/updates`,
        rep,
        update(40, 'in_progress', 'Кат жазылды'),
      );
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({
        actionId: actions.a1,
        authorId: rep.id,
        authorName: rep.displayName,
        note: 'Кат жазылды',
        progress: 40,
        status: 'in_progress',
      });
      expect(
        (await call(t, 'post', `/actions/${actions.a3}/updates`, rep2, update(80, 'in_progress')))
          .status,
      ).toBe(201);
      // PATCH reports too (note, progress, status) and joins the timeline.
      const patched = await call(t, 'patch', `/actions/${actions.b1}`, rep, { progress: 10 });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ progress: 10, status: 'planned' });
      expect(patched.body.updates).toHaveLength(1);
      expect(
        (await call(t, 'post', `/actions/${actions.b2}/updates`, rep, update(15, 'blocked')))
          .status,
      ).toBe(201);
      // No audit for the owner's own reports.
      expect(
        await count(
          t,
          `audit_log WHERE action LIKE 'strategy_action.%' AND actor_id = ANY($1::uuid[])`,
          [[rep.id, rep2.id]],
        ),
      ).toBe(0);
    });

    it('a representative changes no plan fields; staff do (audited), and a staff report is audited', async () => {
      expectProblem(
        await call(t, 'patch', `/actions/${actions.aDropped}`, rep, { dueAt: daysFromNow(90) }),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'patch', `/actions/${actions.aDropped}`, staff, {
          targetAuthorityOrganisationId: ngo.id,
        }),
        400,
        'validation_failed',
      );
      const res = await call(t, 'post', `/actions/${actions.aDropped}/updates`, staff, {
        progress: 60,
        status: 'dropped',
        note: 'Керек эмес болуп калды',
      });
      expect(res.status).toBe(201);
      const edited = await call(t, 'patch', `/actions/${actions.aDropped}`, staff, { weight: 2 });
      expect(edited.body).toMatchObject({ weight: 2, status: 'dropped', progress: 60 });
      expect(
        await count(
          t,
          `audit_log WHERE target_id = $1 AND action IN ('strategy_action.update', 'strategy_action.edit')`,
          [actions.aDropped],
        ),
      ).toBe(2);
    });

    it('rolls progress up as weighted means, dropped actions left out (worked by hand)', async () => {
      // A (weight 2): (1 × 40 + 3 × 80) / (1 + 3) = 70, the dropped one ignored.
      // B (weight 1): (1 × 10 + 1 × 15) / 2 = 12.5.
      // Strategy: (2 × 70 + 1 × 12.5) / 3 = 50.833… → 50.8.
      const res = await call(t, 'get', `/strategies/${strategyId}`, member);
      expect(res.status).toBe(200);
      expect(res.body.objectives.map((o: { progress: number }) => o.progress)).toEqual([70, 12.5]);
      expect(res.body.progress).toBe(50.8);
      const list = await call(t, 'get', '/strategies', member);
      expect(list.body.items[0]).toMatchObject({
        id: strategyId,
        progress: 50.8,
        objectiveCount: 2,
        actionCount: 5,
        overdueCount: 1,
      });
    });

    it('lists the overdue actions and flags them; done is 100 and not overdue', async () => {
      let res = await call(t, 'get', `/strategies/${strategyId}`, rep);
      expect(res.body.overdueActions.map((a: { id: string }) => a.id)).toEqual([actions.b1]);
      const b1 = res.body.objectives[1].actions.find((a: { id: string }) => a.id === actions.b1);
      expect(b1).toMatchObject({ overdue: true, canUpdate: true });
      const b2 = res.body.objectives[1].actions.find((a: { id: string }) => a.id === actions.b2);
      expect(b2.overdue).toBe(false);
      expect(
        (await call(t, 'get', `/strategies/${strategyId}`, otherRep)).body.objectives[1].actions[0]
          .canUpdate,
      ).toBe(false);

      const done = await call(t, 'post', `/actions/${actions.b1}/updates`, rep, {
        progress: 70,
        status: 'done',
      });
      expect(done.body).toMatchObject({ progress: 100, status: 'done' });
      res = await call(t, 'get', `/strategies/${strategyId}`, rep);
      expect(res.body.overdueActions).toEqual([]);
      // B: (100 + 15) / 2 = 57.5; strategy: (140 + 57.5) / 3 = 65.833… → 65.8.
      expect(res.body.objectives[1].progress).toBe(57.5);
      expect(res.body.progress).toBe(65.8);
      // Back to in progress, still past due: overdue again.
      await call(t, 'post', `/actions/${actions.b1}/updates`, rep, {
        progress: 90,
        status: 'in_progress',
      });
    });

    it("an action's page has its timeline, newest first, also in pages", async () => {
      const res = await call(t, 'get', `/actions/${actions.b1}`, otherRep);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        strategyTitle: { ky: 'Суу стратегиясы' },
        objectiveTitle: { ky: 'Суу графиги' },
        overdue: true,
        canUpdate: false,
      });
      expect(res.body.updates.map((u: { status: string }) => u.status)).toEqual([
        'in_progress',
        'done',
        'planned',
      ]);
      const first = await call(t, 'get', `/actions/${actions.b1}/updates?limit=2`, member);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const next = await call(
        t,
        'get',
        `/actions/${actions.b1}/updates?limit=2&cursor=${first.body.nextCursor as string}`,
        member,
      );
      expect(next.body.items.map((u: { status: string }) => u.status)).toEqual(['planned']);
      expect(next.body.nextCursor).toBeNull();
      expectProblem(await call(t, 'get', `/actions/${randomUUID()}`, member), 404, 'not_found');
      expectProblem(
        await call(t, 'get', `/actions/${randomUUID()}/updates`, member),
        404,
        'not_found',
      );
    });

    it('the overdue job tells the owner representatives once per overdue spell', async () => {
      const job = t.app.get(StrategiesOverdueJob);
      const notices = () =>
        count(t, `notifications WHERE kind = 'action_overdue' AND payload->>'actionId' = $1`, [
          actions.b1,
        ]);
      await job.run();
      expect(await notices()).toBe(2);
      const rows = await t.db.query(
        `SELECT recipient_id FROM notifications WHERE kind = 'action_overdue' AND payload->>'actionId' = $1 ORDER BY recipient_id`,
        [actions.b1],
      );
      expect(rows.map((r: { recipient_id: string }) => r.recipient_id).sort()).toEqual(
        [rep.id, rep2.id].sort(),
      );
      // A second run tells nobody again.
      const again = await job.run();
      expect(again.actions).toBe(0);
      expect(await notices()).toBe(2);
      // The representative reads it in their language.
      const list = await call(t, 'get', '/notifications?kind=action_overdue', rep).set(
        'Accept-Language',
        'ky',
      );
      expect(list.status).toBe(200);
      expect(list.body.items[0]).toMatchObject({
        kind: 'action_overdue',
        title: 'Иш-аракеттин мөөнөтү өттү',
        payload: { actionId: actions.b1, strategyId },
      });
      expect(list.body.items[0].summary).toContain('Айыл өкмөтүнө кат');
      // The spell ends (a later due date), then a new one begins: told again, once.
      await call(t, 'patch', `/actions/${actions.b1}`, staff, { dueAt: daysFromNow(5) });
      await job.run();
      expect(await notices()).toBe(2);
      await call(t, 'patch', `/actions/${actions.b1}`, staff, { dueAt: daysFromNow(-1) });
      await job.run();
      await job.run();
      expect(await notices()).toBe(4);
    });

    it('the district report section lists the strategy with the same figures', async () => {
      const section = await t.db.transaction('REPEATABLE READ', (manager) =>
        strategiesForReport(manager, {
          districtId: TERRITORY.batkenDistrict,
          territoryIds: [TERRITORY.batkenDistrict, TERRITORY.akSai, TERRITORY.akSaiVillage],
          from: '2020-01-01T00:00:00Z',
          to: '2100-01-01T00:00:00Z',
          language: 'ky',
        }),
      );
      const strategy = section.strategies.find((s) => s.id === strategyId);
      expect(strategy).toBeDefined();
      const view = await call(t, 'get', `/strategies/${strategyId}`, member);
      expect(strategy?.progress).toBe(view.body.progress);
      expect(strategy?.objectives.map((o) => o.progress)).toEqual(
        view.body.objectives.map((o: { progress: number }) => o.progress),
      );
      expect(strategy?.actions).toHaveLength(5);
      expect(strategy?.actions.filter((a) => a.overdue)).toHaveLength(1);
      const elsewhere = await t.db.transaction('REPEATABLE READ', (manager) =>
        strategiesForReport(manager, {
          districtId: TERRITORY.batkenDistrict,
          territoryIds: [TERRITORY.kyshtut],
          from: '2020-01-01T00:00:00Z',
          to: '2100-01-01T00:00:00Z',
          language: 'ru',
        }),
      );
      expect(elsewhere.strategies.find((s) => s.id === strategyId)).toBeUndefined();
    });
  });

  describe('actions from event commitments', () => {
    it('a commitment becomes one action, with its text, owner and due date; the event shows which', async () => {
      const event = await call(t, 'post', '/events', staff, {
        kind: 'round_table',
        title: { ky: 'Тегерек үстөл' },
        startsAt: daysFromNow(-2),
        territoryId: TERRITORY.akSai,
        language: 'ky',
      });
      expect(event.status).toBe(201);
      const eventId = event.body.id as string;
      const closed = await call(t, 'post', `/events/${eventId}/close`, staff, {
        minutes: { ky: 'Протокол' },
        commitments: [
          { text: 'Суу графигин жарыялоо', ownerOrganisationId: owner.id, dueAt: daysFromNow(14) },
        ],
      });
      expect(closed.status).toBe(200);
      const commitmentId = closed.body.commitments[0].id as string;
      const objective = await call(t, 'post', `/strategies/${strategyId}/objectives`, staff, {
        title: { ky: 'Милдеттенмелер' },
      });
      const objectiveId = objective.body.id as string;
      expectProblem(
        await call(t, 'post', `/objectives/${objectiveId}/actions`, staff, {
          commitmentId: randomUUID(),
        }),
        400,
        'validation_failed',
      );
      const made = await call(t, 'post', `/objectives/${objectiveId}/actions`, staff, {
        commitmentId,
        targetAuthorityOrganisationId: authority.id,
      });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        title: { ky: 'Суу графигин жарыялоо' },
        ownerOrganisationId: owner.id,
        dueAt: closed.body.commitments[0].dueAt,
        commitmentId,
      });
      expectProblem(
        await call(t, 'post', `/objectives/${objectiveId}/actions`, staff, { commitmentId }),
        409,
        'conflict',
      );
      const listed = await call(t, 'get', `/events/${eventId}/commitments`, member);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: commitmentId, actionId: made.body.id, strategyId }),
      ]);
      expectProblem(
        await call(t, 'get', `/events/${randomUUID()}/commitments`, member),
        404,
        'not_found',
      );
    });
  });

  describe('the list', () => {
    it('filters by issue and territory, in pages', async () => {
      const second = await call(t, 'post', '/strategies', staff, {
        ...strategyBody({ issueIds: [issueId], territoryIds: [TERRITORY.kyshtut] }),
        title: { ky: 'Экинчи' },
      });
      expect(second.status).toBe(201);
      const page = await call(t, 'get', '/strategies?limit=1', member);
      expect(page.body.items.map((s: { id: string }) => s.id)).toEqual([second.body.id]);
      const rest = await call(
        t,
        'get',
        `/strategies?limit=1&cursor=${page.body.nextCursor as string}`,
        member,
      );
      expect(rest.body.items.map((s: { id: string }) => s.id)).toEqual([strategyId]);
      const inKyshtut = await call(
        t,
        'get',
        `/strategies?territoryId=${TERRITORY.kyshtut}`,
        member,
      );
      expect(inKyshtut.body.items.map((s: { id: string }) => s.id)).toEqual([second.body.id]);
      const byIssue = await call(t, 'get', `/strategies?issueId=${issueId}`, member);
      expect(byIssue.body.items).toHaveLength(2);
      expectProblem(
        await call(t, 'get', '/strategies?cursor=junk', member),
        400,
        'validation_failed',
      );
    });
  });

  describe('the demo sample', () => {
    it('is seeded once, readable through the API', async () => {
      const lines: string[] = [];
      await seedStrategySamples(t.db, (line) => lines.push(line));
      await seedStrategySamples(t.db, (line) => lines.push(line));
      expect(lines).toEqual(['strategies 1/1']);
      const [row] = await t.db.query(`SELECT id FROM strategies WHERE title->>'ky' LIKE 'Үлгү:%'`);
      const res = await call(t, 'get', `/strategies/${row.id as string}`, member);
      expect(res.status).toBe(200);
      expect(res.body.objectives[0].actions).toHaveLength(2);
      expect(res.body.overdueActions).toHaveLength(1);
      // (40 + 0) / 2 = 20.
      expect(res.body.progress).toBe(20);
    });
  });
});
