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

const HOUR_MS = 60 * 60 * 1000;

/** PUT as `as` (the shared `call` helper knows get, post, patch and delete). */
function put(t: TestApp, path: string, as: SignedUp, body: object) {
  return t.http.put(`${API}${path}`).set(as.auth).send(body);
}

function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * HOUR_MS).toISOString();
}

async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}

function eventBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'training',
    title: { ky: 'Жер укугу боюнча тренинг', ru: 'Тренинг по земельному праву' },
    startsAt: hoursFromNow(48),
    territoryId: TERRITORY.akSai,
    place: 'Ак-Сай айыл өкмөтүнүн залы',
    ...extra,
  };
}

describe('events', () => {
  let t: TestApp;
  let staff: SignedUp;
  let rep: SignedUp;
  let otherRep: SignedUp;
  let outsider: SignedUp;
  let networkOrg: { id: string };
  let outsideOrg: { id: string };
  let aiylOkmotu: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    rep = await signUp(t);
    otherRep = await signUp(t);
    outsider = await signUp(t);
    networkOrg = await makeOrganisation(t, rep, { networkStatus: 'member' });
    await makeOrganisation(t, otherRep, { networkStatus: 'member' });
    outsideOrg = await makeOrganisation(t, outsider, { networkStatus: 'pending' });
    aiylOkmotu = await makeOrganisation(t, staff, { kind: 'aiyl_okmotu', networkStatus: 'member' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('who may organise and edit', () => {
    it('a representative of a network-member organisation plans an event for it', async () => {
      const res = await call(
        t,
        'post',
        '/events',
        rep,
        eventBody({ organiserOrganisationId: networkOrg.id, capacity: 30 }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'training',
        status: 'planned',
        organiserOrganisationId: networkOrg.id,
        capacity: 30,
        group: null,
        registeredCount: 0,
        canManage: true,
      });
    });

    it('a representative of an organisation outside the network cannot, nor can a plain member', async () => {
      const before = await count(t, 'events');
      expectProblem(
        await call(
          t,
          'post',
          '/events',
          outsider,
          eventBody({ organiserOrganisationId: outsideOrg.id }),
        ),
        403,
        'forbidden',
      );
      expectProblem(await call(t, 'post', '/events', outsider, eventBody()), 403, 'forbidden');
      // Someone else's network organisation: not theirs to organise for.
      expectProblem(
        await call(
          t,
          'post',
          '/events',
          outsider,
          eventBody({ organiserOrganisationId: networkOrg.id }),
        ),
        403,
        'forbidden',
      );
      expect(await count(t, 'events')).toBe(before);
    });

    it('staff plan events without an organisation', async () => {
      const res = await call(t, 'post', '/events', staff, eventBody({ kind: 'network_meeting' }));
      expect(res.status).toBe(201);
    });

    it('refuses bad payloads: unknown fields, a group on a training, ends before it starts', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [eventBody({ colour: 'red' }), 'colour'],
        [eventBody({ group: 'women' }), 'group'],
        [eventBody({ group: 'mixed' }), 'group'],
        [eventBody({ kind: 'focus_group', group: 'elders' }), 'group'],
        [eventBody({ endsAt: hoursFromNow(1) }), 'endsAt'],
        [eventBody({ title: {} }), 'title'],
        [eventBody({ kind: 'party' }), 'kind'],
        [eventBody({ territoryId: randomUUID() }), 'territoryId'],
        [eventBody({ issueIds: [randomUUID()] }), 'issueIds.0'],
        [eventBody({ startsAt: '2026-02-30T10:00:00Z' }), 'startsAt'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t, 'post', '/events', staff, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
    });

    it("another organisation's representative cannot edit; staff can, and are audited", async () => {
      const created = await call(
        t,
        'post',
        '/events',
        rep,
        eventBody({ organiserOrganisationId: networkOrg.id }),
      );
      const id = created.body.id as string;
      expectProblem(
        await call(t, 'patch', `/events/${id}`, otherRep, { place: 'Elsewhere' }),
        403,
        'forbidden',
      );
      const own = await call(t, 'patch', `/events/${id}`, rep, { place: 'Мектеп' });
      expect(own.status).toBe(200);
      expect(own.body.place).toBe('Мектеп');
      expect(await count(t, `audit_log WHERE target_id = $1`, [id])).toBe(0);
      const edited = await call(t, 'patch', `/events/${id}`, staff, { place: 'Клуб' });
      expect(edited.status).toBe(200);
      const [entry] = await t.db.query(
        `SELECT actor_id, action, details FROM audit_log WHERE target_id = $1`,
        [id],
      );
      expect(entry).toMatchObject({ actor_id: staff.id, action: 'event.edit' });
      expectProblem(
        await call(t, 'patch', `/events/${randomUUID()}`, staff, { place: 'X' }),
        404,
        'not_found',
      );
      expectProblem(
        await call(t, 'patch', `/events/${id}`, rep, { kind: 'round_table' }),
        400,
        'validation_failed',
      );
    });

    it('a new representative of the organiser may manage its event', async () => {
      const created = await call(
        t,
        'post',
        '/events',
        rep,
        eventBody({ organiserOrganisationId: networkOrg.id }),
      );
      const colleague = await signUp(t);
      const added = await call(t, 'post', `/organisations/${networkOrg.id}/members`, rep, {
        userId: colleague.id,
        role: 'representative',
      });
      expect(added.status).toBe(201);
      const res = await call(t, 'patch', `/events/${created.body.id as string}`, colleague, {
        capacity: 12,
      });
      expect(res.status).toBe(200);
      expect(res.body.capacity).toBe(12);
    });
  });

  describe('the list', () => {
    it('finds the events about an issue', async () => {
      const issue = await call(t, 'post', '/issues', rep, {
        title: 'Сугат суусу жетпейт',
        body: 'Жайында арыкта суу жок.',
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSai],
        decisionLevel: 'district',
      });
      expect(issue.status).toBe(201);
      const about = await call(
        t,
        'post',
        '/events',
        staff,
        eventBody({ kind: 'presentation', issueIds: [issue.body.id as string] }),
      );
      expect(about.body.issueIds).toEqual([issue.body.id]);
      await call(t, 'post', '/events', staff, eventBody({ kind: 'presentation' }));
      const res = await call(t, 'get', `/events?issueId=${issue.body.id as string}`, outsider);
      expect((res.body.items as { id: string }[]).map((e) => e.id)).toEqual([about.body.id]);
    });

    it('filters by kind, territory (with the villages below) and time, in pages', async () => {
      const make = async (extra: Record<string, unknown>) =>
        (await call(t, 'post', '/events', staff, eventBody(extra))).body.id as string;
      const village = await make({
        kind: 'round_table',
        territoryId: TERRITORY.akSaiVillage,
        startsAt: hoursFromNow(100),
      });
      const aimak = await make({
        kind: 'round_table',
        territoryId: TERRITORY.akSai,
        startsAt: hoursFromNow(101),
      });
      const elsewhere = await make({
        kind: 'round_table',
        territoryId: TERRITORY.karabak,
        startsAt: hoursFromNow(102),
      });
      const res = await call(
        t,
        'get',
        `/events?kind=round_table&territoryId=${TERRITORY.akSai}`,
        rep,
      );
      expect(res.status).toBe(200);
      const ids = (res.body.items as { id: string }[]).map((e) => e.id);
      expect(ids).toEqual([village, aimak]);
      const late = await call(
        t,
        'get',
        `/events?kind=round_table&from=${encodeURIComponent(hoursFromNow(100.5))}`,
        rep,
      );
      expect((late.body.items as { id: string }[]).map((e) => e.id)).toEqual([aimak, elsewhere]);
      const paged = await call(t, 'get', '/events?kind=round_table&limit=2', rep);
      expect(paged.body.items).toHaveLength(2);
      const rest = await call(
        t,
        'get',
        `/events?kind=round_table&limit=2&cursor=${paged.body.nextCursor as string}`,
        rep,
      );
      expect((rest.body.items as { id: string }[]).map((e) => e.id)).toEqual([elsewhere]);
      expect(rest.body.nextCursor).toBeNull();
    });
  });

  describe('registrations', () => {
    it('waitlists past the capacity and promotes the first waitlisted when a place is freed', async () => {
      const id = (await call(t, 'post', '/events', staff, eventBody({ capacity: 2 }))).body
        .id as string;
      const people = [await signUp(t), await signUp(t), await signUp(t), await signUp(t)];
      const answers = [];
      for (const p of people) answers.push(await call(t, 'post', `/events/${id}/registrations`, p));
      expect(answers.map((a) => [a.status, a.body.status, a.body.waitlistPosition])).toEqual([
        [201, 'registered', null],
        [201, 'registered', null],
        [201, 'waitlisted', 1],
        [201, 'waitlisted', 2],
      ]);
      // Registering again answers the registration as it is.
      const again = await call(t, 'post', `/events/${id}/registrations`, people[2]);
      expect([again.status, again.body.status]).toEqual([200, 'waitlisted']);

      expect((await call(t, 'delete', `/events/${id}/registrations/me`, people[0])).status).toBe(
        204,
      );
      const promoted = await call(t, 'get', `/events/${id}`, people[2]);
      expect(promoted.body).toMatchObject({
        myRegistration: 'registered',
        registeredCount: 2,
        waitlistedCount: 1,
      });
      expectProblem(
        await call(t, 'delete', `/events/${id}/registrations/me`, people[0]),
        404,
        'not_found',
      );

      // Raising the capacity lets the rest in.
      await call(t, 'patch', `/events/${id}`, staff, { capacity: 5 });
      const last = await call(t, 'get', `/events/${id}`, people[3]);
      expect(last.body).toMatchObject({
        myRegistration: 'registered',
        registeredCount: 3,
        waitlistedCount: 0,
      });
    });

    it('takes the last place once when two people register at the same moment', async () => {
      const id = (await call(t, 'post', '/events', staff, eventBody({ capacity: 1 }))).body
        .id as string;
      const [a, b] = [await signUp(t), await signUp(t)];
      const answers = await Promise.all(
        [a, b].map((p) => call(t, 'post', `/events/${id}/registrations`, p)),
      );
      expect(answers.map((r) => r.body.status).sort()).toEqual(['registered', 'waitlisted']);
    });

    it('404 for an unknown event', async () => {
      expectProblem(
        await call(t, 'post', `/events/${randomUUID()}/registrations`, rep),
        404,
        'not_found',
      );
    });
  });

  describe('attendance, tallies, closing and statistics', () => {
    let id: string;
    const sheet = () => [
      {
        clientRowId: 'r1',
        name: 'Айгүл Т.',
        gender: 'female',
        ageBand: '18-29',
        role: 'participant',
        organisationId: aiylOkmotu.id,
      },
      {
        clientRowId: 'r2',
        name: 'Бурул К.',
        gender: 'female',
        ageBand: '18-29',
        role: 'participant',
        organisationId: aiylOkmotu.id,
      },
      { clientRowId: 'r3', userId: otherRep.id, gender: 'male', ageBand: '30-44', role: 'speaker' },
    ];

    beforeAll(async () => {
      id = (
        await call(
          t,
          'post',
          '/events',
          rep,
          eventBody({ organiserOrganisationId: networkOrg.id, startsAt: hoursFromNow(-3) }),
        )
      ).body.id as string;
    });

    it('stores a sheet once: a replay of the same rows stores nothing', async () => {
      const first = await call(t, 'post', `/events/${id}/attendance`, rep, { rows: sheet() });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ stored: ['r1', 'r2', 'r3'], alreadyStored: [], total: 3 });
      const replay = await call(t, 'post', `/events/${id}/attendance`, rep, { rows: sheet() });
      expect(replay.body).toEqual({ stored: [], alreadyStored: ['r1', 'r2', 'r3'], total: 3 });
      // A new line with a member already on the sheet is not a second attendance either.
      const again = await call(t, 'post', `/events/${id}/attendance`, rep, {
        rows: [
          {
            clientRowId: 'r4',
            userId: otherRep.id,
            gender: 'male',
            ageBand: '30-44',
            role: 'participant',
          },
        ],
      });
      expect(again.body).toEqual({ stored: [], alreadyStored: ['r4'], total: 3 });
      expect(await count(t, 'event_attendance WHERE event_id = $1', [id])).toBe(3);
    });

    it('refuses a row with both userId and name, with neither, repeated ids, unknown references, and other people', async () => {
      const bad = [
        [
          {
            clientRowId: 'x1',
            userId: rep.id,
            name: 'Both',
            gender: 'female',
            ageBand: '18-29',
            role: 'participant',
          },
        ],
        [{ clientRowId: 'x2', gender: 'female', ageBand: '18-29', role: 'participant' }],
        [
          { clientRowId: 'x3', name: 'A', gender: 'female', ageBand: '18-29', role: 'participant' },
          { clientRowId: 'x3', name: 'B', gender: 'female', ageBand: '18-29', role: 'participant' },
        ],
        [
          {
            clientRowId: 'x4',
            name: 'A',
            gender: 'female',
            ageBand: '18-29',
            role: 'participant',
            organisationId: randomUUID(),
          },
        ],
        [{ clientRowId: 'x5', name: 'A', gender: 'woman', ageBand: '18-29', role: 'participant' }],
      ];
      for (const rows of bad) {
        expectProblem(
          await call(t, 'post', `/events/${id}/attendance`, rep, { rows }),
          400,
          'validation_failed',
        );
      }
      expectProblem(
        await call(t, 'post', `/events/${id}/attendance`, otherRep, { rows: sheet() }),
        403,
        'forbidden',
      );
      expect(await count(t, 'event_attendance WHERE event_id = $1', [id])).toBe(3);
    });

    it('replaces the tallies each time', async () => {
      const first = await put(t, `/events/${id}/tallies`, rep, {
        rows: [
          { gender: 'female', ageBand: '<18', count: 4 },
          { gender: 'male', ageBand: '60+', count: 1 },
        ],
      });
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(5);
      const second = await put(t, `/events/${id}/tallies`, rep, {
        rows: [{ gender: 'female', ageBand: '<18', count: 6 }],
      });
      expect(second.body).toEqual({
        rows: [{ gender: 'female', ageBand: '<18', count: 6 }],
        total: 6,
      });
      expectProblem(
        await put(t, `/events/${id}/tallies`, rep, {
          rows: [
            { gender: 'female', ageBand: '<18', count: 1 },
            { gender: 'female', ageBand: '<18', count: 2 },
          ],
        }),
        400,
        'validation_failed',
      );
      expectProblem(
        await put(t, `/events/${id}/tallies`, rep, {
          rows: [{ gender: 'female', ageBand: '<18', count: -1 }],
        }),
        400,
        'validation_failed',
      );
      expectProblem(
        await put(t, `/events/${id}/tallies`, outsider, { rows: [] }),
        403,
        'forbidden',
      );
    });

    it('suppresses small cells for members, not for the organiser or staff', async () => {
      const organiser = await call(t, 'get', `/events/${id}/stats`, rep);
      expect(organiser.status).toBe(200);
      expect(organiser.body).toMatchObject({
        suppressionApplied: false,
        total: 9,
        attendanceRows: 3,
        minCellSize: 5,
      });
      expect(organiser.body.byGender).toEqual([
        { gender: 'female', count: 8 },
        { gender: 'male', count: 1 },
      ]);
      expect(organiser.body.cells).toEqual(
        expect.arrayContaining([
          { gender: 'female', ageBand: '18-29', organisationKind: 'aiyl_okmotu', count: 2 },
        ]),
      );
      const viaStaff = await call(t, 'get', `/events/${id}/stats`, staff);
      expect(viaStaff.body.suppressionApplied).toBe(false);

      const member = await call(t, 'get', `/events/${id}/stats`, outsider);
      // Three lines on the sheet: a small cell of its own.
      expect(member.body).toMatchObject({
        suppressionApplied: true,
        total: 9,
        attendanceRows: null,
      });
      // male 1 is small; female 8 is the only non-zero complement and goes too.
      expect(member.body.byGender).toEqual([
        { gender: 'female', count: null, suppressed: 'secondary' },
        { gender: 'male', count: null, suppressed: 'primary' },
      ]);
      for (const cell of member.body.cells as { count: number | null }[])
        expect(cell.count === null || cell.count >= 5).toBe(true);
      expect(JSON.stringify(member.body.cells)).not.toContain('"count":2');
    });

    it('withholds everything from members when the whole base is under the minimum', async () => {
      const small = (
        await call(t, 'post', '/events', staff, eventBody({ kind: 'focus_group', group: 'youth' }))
      ).body.id as string;
      await put(t, `/events/${small}/tallies`, staff, {
        rows: [{ gender: 'male', ageBand: '<18', count: 3 }],
      });
      const member = await call(t, 'get', `/events/${small}/stats`, outsider);
      expect(member.body).toMatchObject({
        total: null,
        attendanceRows: null,
        cells: [],
        byGender: [],
      });
      const organiser = await call(t, 'get', `/events/${small}/stats`, staff);
      expect(organiser.body).toMatchObject({ total: 3, byGender: [{ gender: 'male', count: 3 }] });
    });

    it('closes with minutes, findings and commitments once; registration then refused', async () => {
      expectProblem(
        await call(t, 'post', `/events/${id}/close`, otherRep, { minutes: { ky: 'Протокол' } }),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'post', `/events/${id}/close`, rep, { minutes: {} }),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'post', `/events/${id}/close`, rep, {
          minutes: { ky: 'Протокол' },
          commitments: [
            { text: 'X', ownerOrganisationId: randomUUID(), dueAt: hoursFromNow(24 * 30) },
          ],
        }),
        400,
        'validation_failed',
      );
      const closed = await call(t, 'post', `/events/${id}/close`, rep, {
        minutes: {
          ky: 'Катышуучулар жер укугун талкуулашты.',
          ru: 'Участники обсудили земельное право.',
        },
        findings: 'Аялдардын жер укуктары тууралуу маалымат жетишсиз.',
        commitments: [
          {
            text: 'Жер үлүштөрүнүн тизмесин жарыялоо',
            ownerOrganisationId: aiylOkmotu.id,
            dueAt: hoursFromNow(24 * 30),
          },
        ],
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'held',
        findings: 'Аялдардын жер укуктары тууралуу маалымат жетишсиз.',
        commitments: [
          { ownerOrganisationId: aiylOkmotu.id, text: 'Жер үлүштөрүнүн тизмесин жарыялоо' },
        ],
      });
      expect(closed.body.closedAt).toEqual(expect.any(String));
      expectProblem(
        await call(t, 'post', `/events/${id}/close`, rep, { minutes: { ky: 'Дагы' } }),
        409,
        'conflict',
      );
      expectProblem(
        await call(t, 'post', `/events/${id}/registrations`, outsider),
        409,
        'conflict',
      );
      // Sheets typed in later still count.
      const late = await call(t, 'post', `/events/${id}/attendance`, rep, {
        rows: [
          {
            clientRowId: 'late1',
            name: 'Гүлнара',
            gender: 'female',
            ageBand: '45-59',
            role: 'participant',
          },
        ],
      });
      expect(late.body.stored).toEqual(['late1']);
    });

    it('records a focus group: place, date, group, tallies, minutes and findings', async () => {
      const created = await call(t, 'post', '/events', rep, {
        kind: 'focus_group',
        group: 'women',
        title: { ky: 'Аялдар менен фокус-топ', ru: 'Фокус-группа с женщинами' },
        startsAt: hoursFromNow(-2),
        territoryId: TERRITORY.akSaiVillage,
        place: 'Ак-Сай мектеби',
        organiserOrganisationId: networkOrg.id,
      });
      expect(created.status).toBe(201);
      const fg = created.body.id as string;
      await put(t, `/events/${fg}/tallies`, rep, {
        rows: [
          { gender: 'female', ageBand: '18-29', count: 6 },
          { gender: 'female', ageBand: '30-44', count: 5 },
        ],
      });
      const closed = await call(t, 'post', `/events/${fg}/close`, rep, {
        minutes: { ky: 'Суу жетишсиз.' },
        findings: 'Сугат суусу кечигип келет.',
      });
      expect(closed.body).toMatchObject({
        kind: 'focus_group',
        group: 'women',
        status: 'held',
        tallies: [
          { gender: 'female', ageBand: '18-29', count: 6 },
          { gender: 'female', ageBand: '30-44', count: 5 },
        ],
      });
      // Raw counts are the organiser's; a member reads the (suppressed) statistics instead.
      const seen = await call(t, 'get', `/events/${fg}`, outsider);
      expect(seen.body).toMatchObject({ tallies: [], canManage: false });
      const listed = await call(t, 'get', `/events?kind=focus_group&status=held`, outsider);
      expect((listed.body.items as { id: string }[]).map((e) => e.id)).toContain(fg);
      expectProblem(
        await call(t, 'patch', `/events/${fg}`, rep, { group: 'nobody' }),
        400,
        'validation_failed',
      );
    });
  });

  describe('focus groups: counted without names', () => {
    let fg: string;
    const line = (extra: Record<string, unknown>) => ({
      gender: 'female',
      ageBand: '18-29',
      role: 'participant',
      ...extra,
    });

    beforeAll(async () => {
      // The contract's body has no `group`: a focus group made from it is a mixed one.
      const created = await call(t, 'post', '/events', rep, {
        kind: 'focus_group',
        title: { ky: 'Жаштар менен фокус-топ', ru: 'Фокус-группа с молодёжью' },
        startsAt: hoursFromNow(2),
        territoryId: TERRITORY.akSaiVillage,
        organiserOrganisationId: networkOrg.id,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: 'focus_group', group: 'mixed' });
      fg = created.body.id as string;
    });

    it('a focus group made without a group is mixed, stored so', async () => {
      expect((await call(t, 'get', `/events/${fg}`, outsider)).body.group).toBe('mixed');
      const [row] = await t.db.query('SELECT focus_group FROM events WHERE id = $1', [fg]);
      expect(row.focus_group).toBe('mixed');
    });

    it('refuses sheet lines naming anyone, with a field error per line, and stores none of them', async () => {
      const res = await call(t, 'post', `/events/${fg}/attendance`, rep, {
        rows: [
          line({ clientRowId: 'f1', name: 'Айгүл Т.' }),
          line({ clientRowId: 'f2', userId: otherRep.id }),
          line({ clientRowId: 'f3', name: 'Бурул К.', gender: 'male' }),
        ],
      });
      expectProblem(res, 400, 'validation_failed');
      const errors = res.body.errors as { field: string; message: string }[];
      expect(errors.map((e) => e.field).sort()).toEqual(
        ['rows.0.name', 'rows.1.userId', 'rows.2.name'].sort(),
      );
      for (const e of errors) expect(e.message).toEqual(expect.any(String));
      // One clean-looking line beside a named one does not get through either.
      expectProblem(
        await call(t, 'post', `/events/${fg}/attendance`, staff, {
          rows: [line({ clientRowId: 'f4' }), line({ clientRowId: 'f5', name: 'Жылдыз' })],
        }),
        400,
        'validation_failed',
      );
      expect(await count(t, 'event_attendance WHERE event_id = $1', [fg])).toBe(0);
      const sheet = await call(t, 'get', `/events/${fg}/attendance`, rep);
      expect(sheet.body.items).toEqual([]);
      // The counts go through the tallies.
      const tallies = await put(t, `/events/${fg}/tallies`, rep, {
        rows: [{ gender: 'female', ageBand: '18-29', count: 7 }],
      });
      expect(tallies.status).toBe(200);
    });

    it('takes no registrations: 409 with a localised reason, nothing stored', async () => {
      const res = await call(t, 'post', `/events/${fg}/registrations`, outsider);
      expectProblem(res, 409, 'conflict');
      const said = await t.http
        .post(`${API}/events/${fg}/registrations`)
        .set(outsider.auth)
        .set('Accept-Language', 'ru');
      expectProblem(said, 409, 'conflict');
      expect(said.body.detail).toMatch(/фокус-групп/i);
      const inKyrgyz = await t.http
        .post(`${API}/events/${fg}/registrations`)
        .set(outsider.auth)
        .set('Accept-Language', 'ky');
      expect(inKyrgyz.body.detail).toMatch(/фокус-топ/i);
      expect(await count(t, 'event_registrations WHERE event_id = $1', [fg])).toBe(0);
    });
  });

  it('needs a token on every route', async () => {
    const id = randomUUID();
    for (const [method, path] of [
      ['post', '/events'],
      ['get', '/events'],
      ['get', `/events/${id}`],
      ['patch', `/events/${id}`],
      ['post', `/events/${id}/registrations`],
      ['delete', `/events/${id}/registrations/me`],
      ['post', `/events/${id}/attendance`],
      ['post', `/events/${id}/close`],
      ['get', `/events/${id}/stats`],
    ] as const) {
      expectProblem(await call(t, method, path, undefined, {}), 401, 'unauthorized');
    }
  });
});
