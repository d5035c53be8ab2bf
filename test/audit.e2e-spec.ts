import { API, expectProblem, makeOrganisation, signUp } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('audit log of governance actions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('records role changes and network decisions, visible to staff only', async () => {
    const admin = await signUp(t, { role: 'admin' });
    const facilitator = await signUp(t, { role: 'facilitator' });
    const member = await signUp(t);
    const changed = await t.http
      .patch(`${API}/users/${member.id}/role`)
      .set(admin.auth)
      .send({ role: 'facilitator' });
    expect(changed.status).toBe(200);
    const org = await makeOrganisation(t, member);
    expect(
      (
        await t.http
          .post(`${API}/organisations/${org.id}/network-application`)
          .set(member.auth)
          .send({})
      ).status,
    ).toBe(200);
    const decided = await t.http
      .post(`${API}/organisations/${org.id}/network-application/decision`)
      .set(facilitator.auth)
      .send({ approve: false, reason: 'Outside the programme area' });
    expect(decided.status).toBe(200);

    const log = await t.http.get(`${API}/audit-log`).set(facilitator.auth);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'user.role',
          actorId: admin.id,
          targetId: member.id,
          details: { from: 'member', to: 'facilitator' },
        }),
        expect.objectContaining({
          action: 'organisation.network_decision',
          actorId: facilitator.id,
          targetId: org.id,
          details: { approve: false, reason: 'Outside the programme area' },
        }),
      ]),
    );
    const filtered = await t.http
      .get(`${API}/audit-log`)
      .set(facilitator.auth)
      .query({ action: 'user.role' });
    expect(filtered.body.items.every((e: { action: string }) => e.action === 'user.role')).toBe(
      true,
    );
    const byActor = await t.http
      .get(`${API}/audit-log`)
      .set(facilitator.auth)
      .query({ actorId: facilitator.id });
    expect(byActor.body.items.map((e: { action: string }) => e.action)).toEqual([
      'organisation.network_decision',
    ]);

    const outsider = await signUp(t);
    expectProblem(await t.http.get(`${API}/audit-log`).set(outsider.auth), 403, 'forbidden');
    expectProblem(
      await t.http.get(`${API}/audit-log`).set(facilitator.auth).query({ action: 'DROP TABLE' }),
      400,
      'validation_failed',
    );
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    const admin = await signUp(t, { role: 'admin' });
    const member = await signUp(t);
    await t.http
      .patch(`${API}/users/${member.id}/role`)
      .set(admin.auth)
      .send({ role: 'facilitator' });
    await expect(t.db.query("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('keeps no entry when the change itself fails', async () => {
    const admin = await signUp(t, { role: 'admin' });
    const before = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.role'",
    );
    // Make this the only admin: the last-admin rule then refuses the demotion, and its
    // audit entry must roll back with it.
    await t.db.query("UPDATE users SET role = 'member' WHERE role = 'admin' AND id <> $1", [
      admin.id,
    ]);
    expectProblem(
      await t.http.patch(`${API}/users/${admin.id}/role`).set(admin.auth).send({ role: 'member' }),
      409,
      'conflict',
    );
    const after = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.role'",
    );
    expect(after[0].n).toBe(before[0].n);
  });
});
