import {
  call,
  expectProblem,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 13: the representatives of the organisation that raised an issue record an escalation
 * they sent themselves, from `discussing` or `prioritised`; staff keep their rights.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const yesterday = (): string => new Date(Date.now() - DAY_MS).toISOString();

describe('escalations recorded by the representatives of the raising organisation', () => {
  let t: TestApp;
  let staff: SignedUp;
  let rep: SignedUp;
  let plainMember: SignedUp;
  let otherRep: SignedUp;
  let stranger: SignedUp;
  let orgId: string;
  let authorityId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    rep = await signUp(t);
    plainMember = await signUp(t);
    otherRep = await signUp(t);
    stranger = await signUp(t);
    orgId = (await makeOrganisation(t, rep, { kind: 'aiyl_okmotu' })).id;
    await makeOrganisation(t, otherRep, { kind: 'aiyl_okmotu' });
    await t.db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'member')`,
      [orgId, plainMember.id],
    );
    authorityId = (await makeOrganisation(t, staff, { kind: 'state_administration' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  /** An issue raised by `author` (for the organisation unless `organisationId` is null), moved by staff. */
  async function issueIn(
    status: 'raised' | 'discussing' | 'prioritised',
    options: { author?: SignedUp; organisationId?: string | null } = {},
  ): Promise<string> {
    const organisationId = options.organisationId === undefined ? orgId : options.organisationId;
    const res = await call(t, 'post', '/issues', options.author ?? plainMember, {
      title: 'Irrigation canal blocked at the border',
      body: 'The canal has not carried water since April; the fields are dry.',
      category: 'water_irrigation',
      territoryIds: [TERRITORY.akSai],
      decisionLevel: 'district',
      ...(organisationId ? { organisationId } : {}),
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const path = {
      raised: [],
      discussing: ['discussing'],
      prioritised: ['discussing', 'prioritised'],
    };
    for (const to of path[status]) {
      const moved = await call(t, 'post', `/issues/${id}/transitions`, staff, { to });
      expect(moved.status).toBe(200);
    }
    return id;
  }

  async function status(issueId: string): Promise<string> {
    const [row] = await t.db.query('SELECT status FROM issues WHERE id = $1', [issueId]);
    return (row as { status: string }).status;
  }

  async function escalationsOf(issueId: string): Promise<number> {
    const [row] = await t.db.query(
      'SELECT count(*)::int AS n FROM escalations WHERE issue_id = $1',
      [issueId],
    );
    return (row as { n: number }).n;
  }

  function escalate(issueId: string, as: SignedUp, extra: Record<string, unknown> = {}) {
    return call(t, 'post', `/issues/${issueId}/escalations`, as, {
      authorityOrganisationId: authorityId,
      sentAt: yesterday(),
      reference: 'No. 42',
      ...extra,
    });
  }

  it('lets a representative escalate from discussing: the issue moves with them as the actor, audited', async () => {
    const issueId = await issueIn('discussing');
    const res = await escalate(issueId, rep);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      issueId,
      createdById: rep.id,
      authorityOrganisationId: authorityId,
    });
    expect(await status(issueId)).toBe('escalated');

    const history = await call(t, 'get', `/issues/${issueId}/history`, rep);
    const last = history.body.items.at(-1) as {
      fromStatus: string;
      toStatus: string;
      actor: { id: string };
    };
    expect(last).toMatchObject({
      fromStatus: 'discussing',
      toStatus: 'escalated',
      actor: { id: rep.id },
    });

    const audit = await t.db.query(
      `SELECT actor_id, details FROM audit_log WHERE action = 'escalation.record' AND target_id = $1`,
      [res.body.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(rep.id);
    expect(audit[0].details).toMatchObject({
      as: 'representative',
      organisationId: orgId,
      issueId,
    });
  });

  it('lets a representative escalate from prioritised', async () => {
    const issueId = await issueIn('prioritised');
    const res = await escalate(issueId, rep);
    expect(res.status).toBe(201);
    expect(await status(issueId)).toBe('escalated');
  });

  it('refuses a representative while the issue is only raised (409, the workflow), and stores nothing', async () => {
    const issueId = await issueIn('raised');
    const res = await escalate(issueId, rep);
    expectProblem(res, 409, 'conflict');
    expect(await status(issueId)).toBe('raised');
    expect(await escalationsOf(issueId)).toBe(0);
  });

  it('refuses a representative once the issue is escalated (409): a second authority is staff work', async () => {
    const issueId = await issueIn('discussing');
    expect((await escalate(issueId, rep)).status).toBe(201);
    const again = await escalate(issueId, rep, { reference: 'No. 43' });
    expectProblem(again, 409, 'conflict');
    expect(await escalationsOf(issueId)).toBe(1);
    // Staff keep their right to add another authority to an escalated issue.
    expect((await escalate(issueId, staff, { reference: 'No. 44' })).status).toBe(201);
  });

  it('refuses a plain member of the raising organisation (403) with a message that says who may', async () => {
    const issueId = await issueIn('discussing');
    const res = await call(t, 'post', `/issues/${issueId}/escalations`, plainMember, {
      authorityOrganisationId: authorityId,
      sentAt: yesterday(),
    });
    expectProblem(res, 403, 'forbidden');
    expect(res.body.detail).toMatch(/маселени көтөргөн уюмдун өкүлдөрү/);
    const ru = await t.http
      .post(`/api/v1/issues/${issueId}/escalations`)
      .set(plainMember.auth)
      .set('Accept-Language', 'ru')
      .send({ authorityOrganisationId: authorityId, sentAt: yesterday() });
    expect(ru.status).toBe(403);
    expect(ru.body.detail).toMatch(/представители организации/);
    expect(await escalationsOf(issueId)).toBe(0);
    expect(await status(issueId)).toBe('discussing');
  });

  it('refuses a representative of another organisation (403) and someone with no organisation', async () => {
    const issueId = await issueIn('prioritised');
    expectProblem(await escalate(issueId, otherRep), 403, 'forbidden');
    expectProblem(await escalate(issueId, stranger), 403, 'forbidden');
    expect(await escalationsOf(issueId)).toBe(0);
  });

  it('leaves an issue raised without an organisation to staff only', async () => {
    const issueId = await issueIn('prioritised', { author: rep, organisationId: null });
    // Even its author, a representative of some organisation, may not.
    expectProblem(await escalate(issueId, rep), 403, 'forbidden');
    expect((await escalate(issueId, staff)).status).toBe(201);
  });

  it('answers 404 for an issue that does not exist', async () => {
    const res = await escalate('00000000-0000-4000-8000-000000000000', rep);
    expectProblem(res, 404, 'not_found');
  });

  it('rejects unknown fields (400) from a representative too, storing nothing', async () => {
    const issueId = await issueIn('discussing');
    const res = await escalate(issueId, rep, { status: 'answered' });
    expectProblem(res, 400, 'validation_failed');
    expect(await escalationsOf(issueId)).toBe(0);
    const bad = await escalate(issueId, rep, { authorityOrganisationId: orgId });
    expectProblem(bad, 400, 'validation_failed');
    expect(await status(issueId)).toBe('discussing');
  });

  it("lets the raising organisation's representatives record the answer; not a plain member or another organisation", async () => {
    const issueId = await issueIn('discussing');
    const escalationId = (await escalate(issueId, rep)).body.id as string;
    const answer = {
      responseText: 'The canal will be cleared in May.',
      respondedAt: new Date().toISOString(),
    };
    expectProblem(
      await call(t, 'patch', `/escalations/${escalationId}`, plainMember, answer),
      403,
      'forbidden',
    );
    expectProblem(
      await call(t, 'patch', `/escalations/${escalationId}`, otherRep, answer),
      403,
      'forbidden',
    );
    expectProblem(
      await call(t, 'patch', `/escalations/00000000-0000-4000-8000-000000000000`, rep, answer),
      404,
      'not_found',
    );
    expectProblem(
      await call(t, 'patch', `/escalations/${escalationId}`, rep, { ...answer, note: 'x' }),
      400,
      'validation_failed',
    );
    const res = await call(t, 'patch', `/escalations/${escalationId}`, rep, answer);
    expect(res.status).toBe(200);
    expect(res.body.responseText).toBe(answer.responseText);
    expect(await status(issueId)).toBe('answered');
    const audit = await t.db.query(
      `SELECT actor_id FROM audit_log WHERE action = 'escalation.answer' AND target_id = $1`,
      [escalationId],
    );
    expect(audit.map((r: { actor_id: string }) => r.actor_id)).toEqual([rep.id]);
  });

  it('leaves the answer of an escalation on an organisation-less issue to staff', async () => {
    const issueId = await issueIn('prioritised', { author: rep, organisationId: null });
    const escalationId = (await escalate(issueId, staff)).body.id as string;
    const res = await call(t, 'patch', `/escalations/${escalationId}`, rep, { reference: 'No. 9' });
    expectProblem(res, 403, 'forbidden');
  });
});
