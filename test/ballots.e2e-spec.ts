import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ballotsForReport } from '../src/modules/ballots/ballots-report.js';
import { BallotsService } from '../src/modules/ballots/ballots.service.js';
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

const HOUR_MS = 60 * 60 * 1000;

function put(t: TestApp, path: string, as: SignedUp, body: object) {
  return t.http.put(`${API}${path}`).set(as.auth).set('Accept-Language', 'en').send(body);
}

function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * HOUR_MS).toISOString();
}

async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}

async function raise(
  t: TestApp,
  author: SignedUp,
  title: string,
  territoryId: string = TERRITORY.akSai,
) {
  const res = await call(t, 'post', '/issues', author, {
    title,
    body: 'A problem the network shares and wants to take to the district.',
    category: 'water_irrigation',
    territoryIds: [territoryId],
    decisionLevel: 'district',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function move(t: TestApp, issueId: string, staff: SignedUp, to: string, note?: string) {
  const res = await call(t, 'post', `/issues/${issueId}/transitions`, staff, { to, note });
  expect(res.status).toBe(200);
}

async function issueStatus(t: TestApp, id: string): Promise<string> {
  const [{ status }] = await t.db.query('SELECT status FROM issues WHERE id = $1', [id]);
  return status as string;
}

describe('priority ballots', () => {
  let t: TestApp;
  let staff: SignedUp;
  let repA: SignedUp;
  let repB: SignedUp;
  let repC: SignedUp;
  let plainMember: SignedUp;
  let authorityRep: SignedUp;
  let outsiderRep: SignedUp;
  let orgA: { id: string }; // ngo, Ak-Sai
  let orgB: { id: string }; // aiyl okmotu, Ak-Tatyr
  let orgC: { id: string }; // aiyl kenesh registered at the district: no aiyl aimak
  let authority: { id: string };
  let outsider: { id: string };
  let issues: string[];
  let voters: number;

  function ballotBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      title: { ky: 'Артыкчылыктар 2027', ru: 'Приоритеты 2027' },
      method: 'ranked',
      issueIds: issues.slice(0, 3),
      closesAt: hoursFromNow(24),
      ...extra,
    };
  }

  async function open(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await call(t, 'post', '/ballots', staff, ballotBody(extra));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    [repA, repB, repC, plainMember, authorityRep, outsiderRep] = await Promise.all(
      Array.from({ length: 6 }, () => signUp(t)),
    );
    orgA = await makeOrganisation(t, repA, { networkStatus: 'member' });
    orgB = await makeOrganisation(t, repB, {
      kind: 'aiyl_okmotu',
      territoryId: TERRITORY.akTatyr,
      networkStatus: 'member',
    });
    orgC = await makeOrganisation(t, repC, {
      kind: 'aiyl_kenesh',
      territoryId: TERRITORY.batkenDistrict,
      networkStatus: 'member',
    });
    authority = await makeOrganisation(t, authorityRep, {
      kind: 'state_administration',
      territoryId: TERRITORY.batkenDistrict,
      networkStatus: 'member',
    });
    outsider = await makeOrganisation(t, outsiderRep, { networkStatus: 'pending' });
    await t.db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'member')`,
      [orgA.id, plainMember.id],
    );
    issues = [];
    for (const title of [
      'Water for the lower fields',
      'Pasture by the border',
      'School road',
      'Market hours',
    ])
      issues.push(await raise(t, repA, title));
    await move(t, issues[0], staff, 'discussing');
    await move(t, issues[1], staff, 'discussing');
    voters = await count(
      t,
      `organisations WHERE network_status = 'member' AND kind NOT IN ('state_administration', 'government_body')`,
    );
    expect(voters).toBe(3);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('opening', () => {
    it('a facilitator opens a ballot; the roll holds the network members but not the authorities; raised issues move to discussing', async () => {
      const res = await call(t, 'post', '/ballots', staff, ballotBody({ maxChoices: 2 }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        method: 'ranked',
        maxChoices: 2,
        points: null,
        status: 'open',
        voters: 3,
        voted: 0,
        canManage: true,
        outcome: null,
      });
      expect(res.body.issues.map((i: { id: string }) => i.id)).toEqual(issues.slice(0, 3));
      const roll = await t.db.query(
        'SELECT organisation_id, kind, aiyl_aimak_id FROM ballot_voters WHERE ballot_id = $1',
        [res.body.id],
      );
      expect(roll).toEqual(
        expect.arrayContaining([
          { organisation_id: orgA.id, kind: 'ngo', aiyl_aimak_id: TERRITORY.akSai },
          { organisation_id: orgB.id, kind: 'aiyl_okmotu', aiyl_aimak_id: TERRITORY.akTatyr },
          { organisation_id: orgC.id, kind: 'aiyl_kenesh', aiyl_aimak_id: null },
        ]),
      );
      expect(roll).toHaveLength(3);
      // On the ballot means under discussion: the raised one moved through the workflow.
      expect(await issueStatus(t, issues[2])).toBe('discussing');
      expect(
        await count(t, `audit_log WHERE action = 'ballot.open' AND target_id = $1`, [res.body.id]),
      ).toBe(1);
    });

    it('a member or a representative cannot open one', async () => {
      expectProblem(await call(t, 'post', '/ballots', repA, ballotBody()), 403, 'forbidden');
      expectProblem(await call(t, 'post', '/ballots', plainMember, ballotBody()), 403, 'forbidden');
    });

    it('refuses bad ballots: unknown fields, too few issues, unknown or finished issues, the past, choices and budgets that do not fit', async () => {
      await move(t, issues[3], staff, 'discussing');
      await move(t, issues[3], staff, 'prioritised');
      const cases: [Record<string, unknown>, string][] = [
        [ballotBody({ colour: 'red' }), 'colour'],
        [ballotBody({ issueIds: [issues[0]] }), 'issueIds'],
        [ballotBody({ issueIds: [issues[0], issues[0]] }), 'issueIds'],
        [ballotBody({ issueIds: [issues[0], randomUUID()] }), 'issueIds.1'],
        [ballotBody({ issueIds: [issues[0], issues[3]] }), 'issueIds.1'],
        [ballotBody({ closesAt: hoursFromNow(-1) }), 'closesAt'],
        [ballotBody({ closesAt: '2027-02-30T10:00:00Z' }), 'closesAt'],
        [ballotBody({ maxChoices: 4 }), 'maxChoices'],
        [ballotBody({ method: 'dot' }), 'points'],
        [ballotBody({ method: 'dot', points: 10, maxChoices: 2 }), 'maxChoices'],
        [ballotBody({ method: 'approval', points: 10 }), 'points'],
        [ballotBody({ method: 'plurality' }), 'method'],
        [ballotBody({ title: {} }), 'title'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t, 'post', '/ballots', staff, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
    });
  });

  describe('reading', () => {
    it('lists newest first in pages, and filters by status and issue', async () => {
      const first = await open();
      const second = await open({ method: 'approval' });
      const page = await call(t, 'get', '/ballots?limit=1', repA);
      expect(page.status).toBe(200);
      expect(page.body.items.map((b: { id: string }) => b.id)).toEqual([second]);
      const next = await call(t, 'get', `/ballots?limit=1&cursor=${page.body.nextCursor}`, repA);
      expect(next.body.items.map((b: { id: string }) => b.id)).toEqual([first]);
      const byIssue = await call(t, 'get', `/ballots?issueId=${issues[2]}&status=open`, repA);
      expect(byIssue.body.items.map((b: { id: string }) => b.id)).toEqual(
        expect.arrayContaining([first, second]),
      );
      expect((await call(t, 'get', '/ballots?status=ajar', repA)).status).toBe(400);
      expect((await call(t, 'get', '/ballots?cursor=nonsense', repA)).status).toBe(400);
    });

    it("shows the caller's organisations and whether they are on the roll, and no tallies before the close", async () => {
      const id = await open();
      const res = await call(t, 'get', `/ballots/${id}`, repA);
      expect(res.status).toBe(200);
      expect(res.body.myOrganisations).toEqual([
        expect.objectContaining({ organisationId: orgA.id, kind: 'ngo', onRoll: true, vote: null }),
      ]);
      expect(res.body.canManage).toBe(false);
      expect(res.body).not.toHaveProperty('results');
      expect(JSON.stringify(res.body)).not.toMatch(/"score"/);
      const auth = await call(t, 'get', `/ballots/${id}`, authorityRep);
      expect(auth.body.myOrganisations).toEqual([
        expect.objectContaining({ organisationId: authority.id, onRoll: false }),
      ]);
      expect((await call(t, 'get', `/ballots/${id}`, plainMember)).body.myOrganisations).toEqual(
        [],
      );
    });

    it('bad and unknown ids', async () => {
      expectProblem(await call(t, 'get', `/ballots/${randomUUID()}`, repA), 404, 'not_found');
      expectProblem(await call(t, 'get', '/ballots/not-a-uuid', repA), 400, 'validation_failed');
      expectProblem(
        await call(t, 'get', `/ballots/${randomUUID()}/results`, repA),
        404,
        'not_found',
      );
      expectProblem(
        await call(t, 'post', `/ballots/${randomUUID()}/close`, staff),
        404,
        'not_found',
      );
      expectProblem(
        await call(t, 'post', `/ballots/${randomUUID()}/outcome`, staff, {
          selectedIssueIds: [issues[0]],
          statement: 'Chosen',
        }),
        404,
        'not_found',
      );
      expectProblem(
        await put(t, `/ballots/${randomUUID()}/votes/${orgA.id}`, repA, { choices: [issues[0]] }),
        404,
        'not_found',
      );
      const id = await open();
      expectProblem(
        await put(t, `/ballots/${id}/votes/${randomUUID()}`, repA, { choices: [issues[0]] }),
        404,
        'not_found',
      );
      expectProblem(
        await put(t, `/ballots/${id}/votes/not-a-uuid`, repA, { choices: [issues[0]] }),
        400,
        'validation_failed',
      );
    });
  });

  describe('voting', () => {
    let ballot: string;
    beforeAll(async () => {
      ballot = await open({ maxChoices: 2 });
    });

    it('a representative votes for their organisation, and may change it; the same vote again changes nothing', async () => {
      const first = await put(t, `/ballots/${ballot}/votes/${orgA.id}`, repA, {
        choices: [issues[1], issues[0]],
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        organisationId: orgA.id,
        choices: [issues[1], issues[0]],
        points: null,
        paper: false,
        note: null,
        recordedById: repA.id,
      });
      const changed = await put(t, `/ballots/${ballot}/votes/${orgA.id}`, repA, {
        choices: [issues[2]],
      });
      expect(changed.body.choices).toEqual([issues[2]]);
      const again = await put(t, `/ballots/${ballot}/votes/${orgA.id}`, repA, {
        choices: [issues[2]],
      });
      expect(again.status).toBe(200);
      expect(again.body.updatedAt).toBe(changed.body.updatedAt);
      expect(
        await count(t, 'ballot_vote_revisions WHERE ballot_id = $1 AND organisation_id = $2', [
          ballot,
          orgA.id,
        ]),
      ).toBe(2);
      expect(await count(t, 'ballot_votes WHERE ballot_id = $1', [ballot])).toBe(1);
      const view = await call(t, 'get', `/ballots/${ballot}`, repA);
      expect(view.body).toMatchObject({ voted: 1, voters: 3 });
      expect(view.body.myOrganisations[0].vote.choices).toEqual([issues[2]]);
    });

    it("a member cannot vote for an organisation they don't represent, nor a plain member for their own", async () => {
      expectProblem(
        await put(t, `/ballots/${ballot}/votes/${orgB.id}`, repA, { choices: [issues[0]] }),
        403,
        'forbidden',
      );
      expectProblem(
        await put(t, `/ballots/${ballot}/votes/${orgA.id}`, plainMember, { choices: [issues[0]] }),
        403,
        'forbidden',
      );
      expect(
        await count(t, 'ballot_votes WHERE ballot_id = $1 AND organisation_id = $2', [
          ballot,
          orgB.id,
        ]),
      ).toBe(0);
    });

    it('an authority does not vote, nor an organisation outside the network', async () => {
      const res = await put(t, `/ballots/${ballot}/votes/${authority.id}`, authorityRep, {
        choices: [issues[0]],
      });
      expectProblem(res, 403, 'forbidden');
      expect(res.body.detail).toMatch(/Authorities/);
      const out = await put(t, `/ballots/${ballot}/votes/${outsider.id}`, outsiderRep, {
        choices: [issues[0]],
      });
      expectProblem(out, 403, 'forbidden');
      expect(out.body.detail).toMatch(/not a network member when the ballot opened/);
    });

    it('an organisation that became a member after the ballot opened has no voice on it', async () => {
      const lateRep = await signUp(t);
      const late = await makeOrganisation(t, lateRep, { kind: 'community_group' });
      const res = await call(
        t,
        'post',
        `/organisations/${late.id}/network-application`,
        lateRep,
        {},
      );
      expect(res.status).toBeLessThan(300);
      const decided = await call(
        t,
        'post',
        `/organisations/${late.id}/network-application/decision`,
        staff,
        {
          approve: true,
        },
      );
      expect(decided.status).toBeLessThan(300);
      expectProblem(
        await put(t, `/ballots/${ballot}/votes/${late.id}`, lateRep, { choices: [issues[0]] }),
        403,
        'forbidden',
      );
      // A ballot opened now counts it; later tests expect three voters, so it leaves again.
      await t.db.query(`UPDATE organisations SET network_status = 'none' WHERE id = $1`, [late.id]);
    });

    it('refuses votes that do not fit the ballot', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ choices: [issues[0]], colour: 'red' }, 'colour'],
        [{ points: { [issues[0]]: 1 } }, 'points'],
        [{}, 'choices'],
        [{ choices: [] }, 'choices'],
        [{ choices: [issues[0], issues[0]] }, 'choices'],
        [{ choices: [issues[0], issues[1], issues[2]] }, 'choices'],
        [{ choices: [issues[3]] }, 'choices.0'],
        [{ choices: ['nope'] }, 'choices'],
        [{ choices: [issues[0]], note: 'from paper' }, 'note'],
      ];
      for (const [body, field] of cases) {
        const res = await put(t, `/ballots/${ballot}/votes/${orgB.id}`, repB, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
    });

    it('results are hidden until the close (409); members cannot close; after the close no vote is taken', async () => {
      expectProblem(await call(t, 'get', `/ballots/${ballot}/results`, repA), 409, 'conflict');
      expectProblem(await call(t, 'post', `/ballots/${ballot}/close`, repA), 403, 'forbidden');
      const closed = await call(t, 'post', `/ballots/${ballot}/close`, staff);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed' });
      expect(closed.body.closedAt).toEqual(expect.any(String));
      expect(
        await count(t, `audit_log WHERE action = 'ballot.close' AND target_id = $1`, [ballot]),
      ).toBe(1);
      expectProblem(await call(t, 'post', `/ballots/${ballot}/close`, staff), 409, 'conflict');
      expectProblem(
        await put(t, `/ballots/${ballot}/votes/${orgB.id}`, repB, { choices: [issues[0]] }),
        409,
        'conflict',
      );
      expect((await call(t, 'get', `/ballots/${ballot}/results`, repA)).status).toBe(200);
    });
  });

  describe('scoring', () => {
    it('ranked: n − rank + 1 points, by kind and by aiyl aimak', async () => {
      const id = await open();
      const [i1, i2, i3] = issues;
      expect(
        (await put(t, `/ballots/${id}/votes/${orgA.id}`, repA, { choices: [i2, i1] })).status,
      ).toBe(200);
      expect(
        (await put(t, `/ballots/${id}/votes/${orgB.id}`, repB, { choices: [i1, i3, i2] })).status,
      ).toBe(200);
      expect(
        (await put(t, `/ballots/${id}/votes/${orgC.id}`, repC, { choices: [i2] })).status,
      ).toBe(200);
      await call(t, 'post', `/ballots/${id}/close`, staff);
      const res = await call(t, 'get', `/ballots/${id}/results`, plainMember);
      expect(res.status).toBe(200);
      // n = 3. A: i2 3, i1 2. B: i1 3, i3 2, i2 1. C: i2 3. → i1 5, i2 7, i3 2.
      expect(res.body).toMatchObject({
        method: 'ranked',
        voters: 3,
        voted: 3,
        turnout: 1,
        paperVotes: 0,
      });
      expect(
        res.body.results.map((r: { issueId: string; score: number; rank: number }) => [
          r.issueId,
          r.score,
          r.rank,
        ]),
      ).toEqual([
        [i2, 7, 1],
        [i1, 5, 2],
        [i3, 2, 3],
      ]);
      const scores = (rows: { issueId: string; score: number }[]) => rows.map((r) => r.score);
      const byKind = Object.fromEntries(
        res.body.byKind.map(
          (g: { kind: string; voters: number; voted: number; scores: never[] }) => [
            g.kind,
            [g.voters, g.voted, scores(g.scores)],
          ],
        ),
      );
      expect(byKind).toEqual({
        ngo: [1, 1, [2, 3, 0]],
        aiyl_okmotu: [1, 1, [3, 1, 2]],
        aiyl_kenesh: [1, 1, [0, 3, 0]],
      });
      const byAimak = Object.fromEntries(
        res.body.byAiylAimak.map(
          (g: { aiylAimakId: string | null; voters: number; scores: never[] }) => [
            String(g.aiylAimakId),
            [g.voters, scores(g.scores)],
          ],
        ),
      );
      expect(byAimak).toEqual({
        [TERRITORY.akSai]: [1, [2, 3, 0]],
        [TERRITORY.akTatyr]: [1, [3, 1, 2]],
        null: [1, [0, 3, 0]],
      });
      expect(
        res.body.byAiylAimak.find(
          (g: { aiylAimakId: string }) => g.aiylAimakId === TERRITORY.akTatyr,
        ).name.ky,
      ).toEqual(expect.any(String));
    });

    it('approval: one point per organisation, ties share a rank; turnout counts who voted', async () => {
      const id = await open({ method: 'approval', maxChoices: 2 });
      const [i1, i2, i3] = issues;
      await put(t, `/ballots/${id}/votes/${orgA.id}`, repA, { choices: [i1, i2] });
      await put(t, `/ballots/${id}/votes/${orgB.id}`, repB, { choices: [i2, i3] });
      await call(t, 'post', `/ballots/${id}/close`, staff);
      const res = await call(t, 'get', `/ballots/${id}/results`, repC);
      expect(res.body).toMatchObject({ voters: 3, voted: 2, turnout: 0.667 });
      expect(
        res.body.results.map((r: { issueId: string; score: number; rank: number }) => [
          r.issueId,
          r.score,
          r.rank,
        ]),
      ).toEqual([
        [i2, 2, 1],
        [i1, 1, 2],
        [i3, 1, 2],
      ]);
      const kenesh = res.body.byKind.find((g: { kind: string }) => g.kind === 'aiyl_kenesh');
      expect(kenesh).toMatchObject({ voters: 1, voted: 0 });
    });

    it('dot: points summed within the budget; a facilitator enters a paper vote with a note, audited', async () => {
      const id = await open({ method: 'dot', points: 10 });
      const [i1, i2, i3] = issues;
      const over = await put(t, `/ballots/${id}/votes/${orgA.id}`, repA, {
        points: { [i1]: 6, [i3]: 5 },
      });
      expectProblem(over, 400, 'validation_failed');
      for (const bad of [
        { [i1]: -1 },
        { [i1]: 1.5 },
        { [i1]: 0 },
        { 'not-an-id': 1 },
        { [issues[3]]: 1 },
      ])
        expect(
          (await put(t, `/ballots/${id}/votes/${orgA.id}`, repA, { points: bad })).status,
        ).toBe(400);
      expect(
        (await put(t, `/ballots/${id}/votes/${orgA.id}`, repA, { choices: [i1] })).status,
      ).toBe(400);
      expect(
        (await put(t, `/ballots/${id}/votes/${orgA.id}`, repA, { points: { [i1]: 6, [i3]: 4 } }))
          .status,
      ).toBe(200);
      expect(
        (await put(t, `/ballots/${id}/votes/${orgB.id}`, repB, { points: { [i2]: 10 } })).status,
      ).toBe(200);
      // Paper: a note is required, and only staff enter one.
      expectProblem(
        await put(t, `/ballots/${id}/votes/${orgC.id}`, staff, { points: { [i1]: 1 } }),
        400,
        'validation_failed',
      );
      const paper = await put(t, `/ballots/${id}/votes/${orgC.id}`, staff, {
        points: { [i1]: 1, [i2]: 1, [i3]: 1 },
        note: 'Paper ballot signed by the chair, kept in the Ak-Sai office file 12',
      });
      expect(paper.status).toBe(200);
      expect(paper.body).toMatchObject({
        paper: true,
        recordedById: staff.id,
        note: expect.stringMatching(/file 12/),
      });
      const [audit] = await t.db.query(
        `SELECT actor_id, details FROM audit_log WHERE action = 'ballot.paper_vote' AND target_id = $1`,
        [id],
      );
      expect(audit).toMatchObject({
        actor_id: staff.id,
        details: { organisationId: orgC.id, note: expect.stringMatching(/file 12/) },
      });
      await call(t, 'post', `/ballots/${id}/close`, staff);
      const res = await call(t, 'get', `/ballots/${id}/results`, repA);
      // i1 6 + 1 = 7, i2 10 + 1 = 11, i3 4 + 1 = 5.
      expect(
        res.body.results.map((r: { issueId: string; score: number; rank: number }) => [
          r.issueId,
          r.score,
          r.rank,
        ]),
      ).toEqual([
        [i2, 11, 1],
        [i1, 7, 2],
        [i3, 5, 3],
      ]);
      expect(res.body.paperVotes).toBe(1);
    });
  });

  describe('outcome', () => {
    it('before the close: 409; by a member: 403; an issue not on the ballot: 400', async () => {
      const id = await open();
      const body = { selectedIssueIds: [issues[0]], statement: 'The network chose water first.' };
      expectProblem(await call(t, 'post', `/ballots/${id}/outcome`, staff, body), 409, 'conflict');
      expectProblem(await call(t, 'post', `/ballots/${id}/outcome`, repA, body), 403, 'forbidden');
      await call(t, 'post', `/ballots/${id}/close`, staff);
      const res = await call(t, 'post', `/ballots/${id}/outcome`, staff, {
        selectedIssueIds: [issues[3]],
        statement: 'Not on it',
      });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'selectedIssueIds.0' })]);
      expectProblem(
        await call(t, 'post', `/ballots/${id}/outcome`, staff, { ...body, extra: 1 }),
        400,
        'validation_failed',
      );
    });

    it('a workflow refusal names the issue and applies nothing', async () => {
      const a = await raise(t, repA, 'Bridge repair');
      const b = await raise(t, repA, 'Clinic hours');
      const id = await open({ issueIds: [a, b] });
      await move(t, b, staff, 'closed', 'Solved by the district');
      await call(t, 'post', `/ballots/${id}/close`, staff);
      const res = await call(t, 'post', `/ballots/${id}/outcome`, staff, {
        selectedIssueIds: [a, b],
        statement: 'Both matter.',
      });
      expectProblem(res, 409, 'conflict');
      expect(res.body.detail).toMatch(/Clinic hours/);
      expect(await issueStatus(t, a)).toBe('discussing');
      expect((await call(t, 'get', `/ballots/${id}`, staff)).body.outcome).toBeNull();
    });

    it('moves the chosen issues to prioritised through the workflow, in their history; once', async () => {
      const a = await raise(t, repA, 'Irrigation canal');
      const b = await raise(t, repA, 'Border pasture passes');
      const c = await raise(t, repA, 'Bus to the district');
      await move(t, b, staff, 'discussing');
      const id = await open({ issueIds: [a, b, c] });
      await put(t, `/ballots/${id}/votes/${orgA.id}`, repA, { choices: [a, b] });
      await call(t, 'post', `/ballots/${id}/close`, staff);
      const body = {
        selectedIssueIds: [a, b],
        statement: 'The network takes water and pastures first.',
      };
      const res = await call(t, 'post', `/ballots/${id}/outcome`, staff, body);
      expect(res.status).toBe(200);
      expect(res.body.outcome).toMatchObject({
        selectedIssueIds: [a, b],
        statement: body.statement,
        decidedById: staff.id,
      });
      expect(await issueStatus(t, a)).toBe('prioritised');
      expect(await issueStatus(t, b)).toBe('prioritised');
      expect(await issueStatus(t, c)).toBe('discussing');
      const history = await call(t, 'get', `/issues/${a}/history`, repA);
      expect(
        history.body.items.map((h: { fromStatus: string; toStatus: string }) => [
          h.fromStatus,
          h.toStatus,
        ]),
      ).toEqual([
        [null, 'raised'],
        ['raised', 'discussing'],
        ['discussing', 'prioritised'],
      ]);
      expect(history.body.items[2]).toMatchObject({
        actor: expect.objectContaining({ id: staff.id }),
        note: body.statement,
      });
      const results = await call(t, 'get', `/ballots/${id}/results`, repA);
      expect(
        results.body.results
          .filter((r: { selected: boolean }) => r.selected)
          .map((r: { issueId: string }) => r.issueId)
          .sort(),
      ).toEqual([a, b].sort());
      expect(
        await count(t, `audit_log WHERE action = 'ballot.outcome' AND target_id = $1`, [id]),
      ).toBe(1);
      expectProblem(await call(t, 'post', `/ballots/${id}/outcome`, staff, body), 409, 'conflict');
    });
  });

  describe('closing at closesAt', () => {
    it('no vote after closesAt; results then; the job closes due ballots, and is scheduled', async () => {
      const id = await open({ closesAt: new Date(Date.now() + 1500).toISOString() });
      await new Promise((r) => setTimeout(r, 1800));
      expectProblem(
        await put(t, `/ballots/${id}/votes/${orgA.id}`, repA, { choices: [issues[0]] }),
        409,
        'conflict',
      );
      expect((await call(t, 'get', `/ballots/${id}`, repA)).body.status).toBe('closed');
      const due = await open({ closesAt: new Date(Date.now() + 1000).toISOString() });
      await new Promise((r) => setTimeout(r, 1200));
      expect(await t.app.get(BallotsService).closeDue()).toBeGreaterThanOrEqual(1);
      const [row] = await t.db.query(
        'SELECT status, closed_at, closes_at FROM ballots WHERE id = $1',
        [due],
      );
      expect(row.status).toBe('closed');
      expect(row.closed_at.getTime()).toBe(row.closes_at.getTime());
      expect((await call(t, 'get', `/ballots/${id}/results`, repA)).status).toBe(200);
      expect(await count(t, `pgboss.schedule WHERE name = 'ballots-close-due'`)).toBe(1);
    });
  });

  describe('district report section', () => {
    it('gives the ballots closed in the period about the scope, with scores and ranks', async () => {
      const manager = t.app.get(DataSource).manager;
      const scope = {
        districtId: TERRITORY.batkenDistrict,
        territoryIds: [TERRITORY.batkenDistrict, TERRITORY.akSai],
        from: new Date(Date.now() - HOUR_MS).toISOString(),
        to: new Date(Date.now() + HOUR_MS).toISOString(),
        language: 'ru' as const,
      };
      const section = await ballotsForReport(manager, scope);
      expect(section.ballots.length).toBeGreaterThan(0);
      const closedAt = section.ballots.map((b) => b.closedAt);
      expect([...closedAt].sort()).toEqual(closedAt);
      const ranked = section.ballots.find((b) => b.method === 'dot')!;
      expect(ranked.results[0]).toMatchObject({
        score: 11,
        rank: 1,
        issueTitle: 'Pasture by the border',
      });
      expect(ranked).toMatchObject({ voters: 3, voted: 3 });
      expect(
        await ballotsForReport(manager, { ...scope, territoryIds: [TERRITORY.kyshtut] }),
      ).toEqual({ ballots: [] });
      expect(
        await ballotsForReport(manager, { ...scope, to: scope.from, from: '2020-01-01T00:00:00Z' }),
      ).toEqual({ ballots: [] });
      expect(await ballotsForReport(manager, scope)).toEqual(section);
    });
  });
});
