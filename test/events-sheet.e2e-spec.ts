import { randomUUID } from 'node:crypto';
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
 * Extensions for the organiser's screens (issue 13): who registered, and the sign-in sheet's
 * stored lines for a phone to reconcile what it typed.
 */
describe("events: the organiser's registrations and sheet lines", () => {
  let t: TestApp;
  let staff: SignedUp;
  let rep: SignedUp;
  let member: SignedUp;
  let second: SignedUp;
  let third: SignedUp;
  let orgId: string;
  let eventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    rep = await signUp(t);
    member = await signUp(t, { displayName: 'Айгүл Садыкова' });
    second = await signUp(t, { displayName: 'Бакыт Осмонов' });
    third = await signUp(t, { displayName: 'Чолпон Эркинова' });
    orgId = (await makeOrganisation(t, rep, { kind: 'aiyl_okmotu', networkStatus: 'member' })).id;
    const made = await call(t, 'post', '/events', rep, {
      kind: 'training',
      title: { ky: 'Жер укугу боюнча тренинг', ru: 'Тренинг по земельному праву' },
      startsAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
      territoryId: TERRITORY.akSai,
      organiserOrganisationId: orgId,
      capacity: 2,
    });
    expect(made.status).toBe(201);
    eventId = made.body.id as string;
    for (const u of [member, second, third])
      expect((await call(t, 'post', `/events/${eventId}/registrations`, u)).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the organiser the registered first, then the waitlist in order, in pages', async () => {
    const first = await call(t, 'get', `/events/${eventId}/registrations?limit=2`, rep);
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      expect.objectContaining({
        userId: member.id,
        displayName: 'Айгүл Садыкова',
        status: 'registered',
        waitlistPosition: null,
      }),
      expect.objectContaining({ userId: second.id, status: 'registered' }),
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await call(
      t,
      'get',
      `/events/${eventId}/registrations?limit=2&cursor=${first.body.nextCursor as string}`,
      rep,
    );
    expect(next.body.items).toEqual([
      expect.objectContaining({ userId: third.id, status: 'waitlisted', waitlistPosition: 1 }),
    ]);
    expect(next.body.nextCursor).toBeNull();
    // Staff see it too.
    expect((await call(t, 'get', `/events/${eventId}/registrations`, staff)).status).toBe(200);
  });

  it('refuses the list of registrations to a member (403), an unknown event 404, a bad cursor 400', async () => {
    expectProblem(
      await call(t, 'get', `/events/${eventId}/registrations`, member),
      403,
      'forbidden',
    );
    expectProblem(
      await call(t, 'get', `/events/${randomUUID()}/registrations`, rep),
      404,
      'not_found',
    );
    expectProblem(
      await call(t, 'get', `/events/${eventId}/registrations?cursor=nonsense`, rep),
      400,
      'validation_failed',
    );
    expectProblem(
      await call(t, 'get', `/events/${eventId}/registrations?status=registered`, rep),
      400,
      'validation_failed',
    );
    expectProblem(await call(t, 'get', `/events/${eventId}/registrations`), 401, 'unauthorized');
  });

  it("lists the sheet's lines once each, with the phone's ids, whatever the retries", async () => {
    const rows = [
      {
        clientRowId: randomUUID(),
        name: 'Гүлнара Ташиева',
        organisationId: orgId,
        gender: 'female',
        ageBand: '30-44',
        territoryId: TERRITORY.akSai,
        role: 'participant',
      },
      {
        clientRowId: randomUUID(),
        userId: member.id,
        gender: 'female',
        ageBand: '18-29',
        role: 'participant',
      },
      {
        clientRowId: randomUUID(),
        name: 'Азамат Калыев',
        gender: 'male',
        ageBand: '45-59',
        role: 'speaker',
      },
    ];
    for (const row of rows) {
      const res = await call(t, 'post', `/events/${eventId}/attendance`, rep, { rows: [row] });
      expect(res.status).toBe(200);
    }
    // The phone retries every line (a lost answer): nothing stored twice.
    const replay = await call(t, 'post', `/events/${eventId}/attendance`, rep, { rows });
    expect(replay.body).toMatchObject({ stored: [], total: 3 });

    const page = await call(t, 'get', `/events/${eventId}/attendance?limit=2`, rep);
    expect(page.status).toBe(200);
    const rest = await call(
      t,
      'get',
      `/events/${eventId}/attendance?limit=2&cursor=${page.body.nextCursor as string}`,
      rep,
    );
    const lines = [...page.body.items, ...rest.body.items] as Record<string, unknown>[];
    expect(rest.body.nextCursor).toBeNull();
    expect(lines.map((l) => l.clientRowId)).toEqual(rows.map((r) => r.clientRowId));
    expect(lines[0]).toMatchObject({
      name: 'Гүлнара Ташиева',
      organisationId: orgId,
      gender: 'female',
      ageBand: '30-44',
      role: 'participant',
    });
    expect(lines[1]).toMatchObject({ userId: member.id, name: 'Айгүл Садыкова' });
    expect(lines[2]).toMatchObject({
      name: 'Азамат Калыев',
      organisationId: null,
      role: 'speaker',
    });
  });

  it('refuses the sheet to a member (403) and answers 404 for an unknown event', async () => {
    expectProblem(await call(t, 'get', `/events/${eventId}/attendance`, member), 403, 'forbidden');
    expectProblem(
      await call(t, 'get', `/events/${randomUUID()}/attendance`, staff),
      404,
      'not_found',
    );
    expectProblem(
      await call(t, 'get', `/events/${eventId}/attendance?limit=1000`, rep),
      400,
      'validation_failed',
    );
  });

  it('tells the caller their registration in GET /events/:id', async () => {
    const res = await call(t, 'get', `/events/${eventId}`, third);
    expect(res.body).toMatchObject({
      myRegistration: 'waitlisted',
      registeredCount: 2,
      waitlistedCount: 1,
      canManage: false,
    });
  });
});
