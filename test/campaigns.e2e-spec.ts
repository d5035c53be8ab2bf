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
import { campaignsForReport } from '../src/modules/campaigns/campaigns-report.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar day in Kyrgyzstan (UTC+6), `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + days * DAY_MS + 6 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}

function campaignBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { ky: 'Чек арадагы жайыт укугу', ru: 'Право на пастбища у границы' },
    objective: {
      ky: 'Чек ара аймагынын тургундары жайытка укуктарын билишет',
      ru: 'Жители приграничья знают свои права на пастбища',
    },
    startsAt: new Date(Date.now() - 10 * DAY_MS).toISOString(),
    endsAt: new Date(Date.now() + 20 * DAY_MS).toISOString(),
    ...extra,
  };
}

function publicationBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'leaflet',
    language: 'ky',
    title: 'Жайытка укугуңуз',
    body: 'Жайыт комитети ар бир үй-бүлөгө…',
    audiences: ['women', 'farmers'],
    ...extra,
  };
}

describe('campaigns', () => {
  let t: TestApp;
  let staff: SignedUp;
  let rep: SignedUp;
  let member: SignedUp;
  let otherRep: SignedUp;
  let outsider: SignedUp;
  let org: { id: string };
  let otherOrg: { id: string };
  let pendingOrg: { id: string };
  let campaignId: string;

  const reach = (extra: Record<string, unknown> = {}) => ({
    clientRowId: randomUUID(),
    date: day(-1),
    territoryId: TERRITORY.akSaiVillage,
    channel: 'meeting',
    audience: 'women',
    female: 12,
    male: 3,
    undisclosed: 0,
    estimated: false,
    organisationId: org.id,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    rep = await signUp(t);
    member = await signUp(t);
    otherRep = await signUp(t);
    outsider = await signUp(t);
    org = await makeOrganisation(t, rep, { networkStatus: 'member' });
    otherOrg = await makeOrganisation(t, otherRep, { networkStatus: 'member' });
    pendingOrg = await makeOrganisation(t, outsider, { networkStatus: 'pending' });
    await t.db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'member')`,
      [org.id, member.id],
    );
    const res = await call(t, 'post', '/campaigns', rep, campaignBody({ organisationId: org.id }));
    expect(res.status).toBe(201);
    campaignId = res.body.id as string;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('campaigns: who may run one, what is refused', () => {
    it('a representative of a network-member organisation runs one for it', async () => {
      const res = await call(t, 'get', `/campaigns/${campaignId}`, rep);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: campaignId,
        organisationId: org.id,
        strategyId: null,
        provisionIds: [],
        canManage: true,
        publications: [],
        publicationCount: 0,
        reach: { female: 0, male: 0, undisclosed: 0, total: 0 },
      });
    });

    it('staff run campaigns without an organisation; plain members and outsiders cannot', async () => {
      expect((await call(t, 'post', '/campaigns', staff, campaignBody())).status).toBe(201);
      const before = await count(t, 'campaigns');
      for (const [who, body] of [
        [rep, campaignBody()],
        [member, campaignBody({ organisationId: org.id })],
        [outsider, campaignBody({ organisationId: pendingOrg.id })],
        [otherRep, campaignBody({ organisationId: org.id })],
      ] as const)
        expectProblem(await call(t, 'post', '/campaigns', who, body), 403, 'forbidden');
      expect(await count(t, 'campaigns')).toBe(before);
      expectProblem(
        await call(t, 'post', '/campaigns', undefined, campaignBody()),
        401,
        'unauthorized',
      );
    });

    it('refuses bad payloads: unknown fields, ends before it starts, no title, unknown strategy and provisions', async () => {
      const before = await count(t, 'campaigns');
      const cases: [Record<string, unknown>, string][] = [
        [campaignBody({ colour: 'red' }), 'colour'],
        [campaignBody({ endsAt: new Date(Date.now() - 20 * DAY_MS).toISOString() }), 'endsAt'],
        [campaignBody({ title: {} }), 'title'],
        [campaignBody({ objective: 'text' }), 'objective'],
        [campaignBody({ startsAt: '2026-02-30T10:00:00Z' }), 'startsAt'],
        // The strategies table may not exist yet (built in parallel): unknown either way.
        [campaignBody({ strategyId: randomUUID() }), 'strategyId'],
        [campaignBody({ provisionIds: [randomUUID()] }), 'provisionIds.0'],
        [campaignBody({ provisionIds: ['not-a-uuid'] }), 'provisionIds'],
        [campaignBody({ organisationId: randomUUID() }), 'organisationId'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t, 'post', '/campaigns', staff, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      expect(await count(t, 'campaigns')).toBe(before);
    });

    it('links real provisions of the legal library (once the library is merged)', async () => {
      const library = await call(t, 'get', '/legal-acts', staff);
      if (library.status === 404) {
        console.log(
          'skipped: GET /api/v1/legal-acts answers 404 (the legal library is not merged in this branch)',
        );
        return;
      }
      const act = await call(t, 'post', '/legal-acts', staff, {
        title: { ky: 'Жайыттар жөнүндө мыйзам (үлгү)', ru: 'Закон о пастбищах (образец)' },
        kind: 'law',
        adoptedAt: '2009-01-26',
        issuer: 'Жогорку Кеңеш (үлгү)',
        status: 'in_force',
      });
      expect(act.status).toBe(201);
      const provision = await call(t, 'post', `/legal-acts/${act.body.id}/provisions`, staff, {
        eId: 'art_6',
        heading: { ky: '6-берене', ru: 'Статья 6' },
        text: { ky: 'Жайыт пайдалануучулары… (үлгү)', ru: 'Пастбищепользователи… (образец)' },
      });
      expect(provision.status).toBe(201);
      const provisionId = provision.body.id as string;
      const made = await call(
        t,
        'post',
        '/campaigns',
        staff,
        campaignBody({ provisionIds: [provisionId] }),
      );
      expect(made.status).toBe(201);
      expect(made.body.provisionIds).toEqual([provisionId]);
      const pub = await call(
        t,
        'post',
        `/campaigns/${made.body.id}/publications`,
        staff,
        publicationBody({ provisionIds: [provisionId] }),
      );
      expect(pub.status).toBe(201);
      expect(pub.body.provisionIds).toEqual([provisionId]);
      const bad = await call(
        t,
        'post',
        '/campaigns',
        staff,
        campaignBody({ provisionIds: [provisionId, randomUUID()] }),
      );
      expectProblem(bad, 400, 'validation_failed');
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'provisionIds.1' })]);
    });

    it('lists campaigns latest first in pages, and 404 for one that does not exist', async () => {
      const first = await call(t, 'get', '/campaigns?limit=1', outsider);
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await call(
        t,
        'get',
        `/campaigns?limit=1&cursor=${first.body.nextCursor as string}`,
        outsider,
      );
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      const mine = await call(t, 'get', `/campaigns?organisationId=${org.id}`, outsider);
      expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([campaignId]);
      expect(mine.body.items[0].canManage).toBe(false);
      expectProblem(await call(t, 'get', `/campaigns/${randomUUID()}`, rep), 404, 'not_found');
      expectProblem(await call(t, 'get', '/campaigns/nope', rep), 400, 'validation_failed');
      expectProblem(await call(t, 'get', '/campaigns?cursor=zzz', rep), 400, 'validation_failed');
    });
  });

  describe('publications and their approval', () => {
    it("the campaign's owners and staff add publications; others may not", async () => {
      const res = await call(
        t,
        'post',
        `/campaigns/${campaignId}/publications`,
        rep,
        publicationBody(),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        campaignId,
        kind: 'leaflet',
        language: 'ky',
        audiences: ['women', 'farmers'],
        approved: false,
        approvedAt: null,
      });
      for (const who of [otherRep, member, outsider])
        expectProblem(
          await call(t, 'post', `/campaigns/${campaignId}/publications`, who, publicationBody()),
          403,
          'forbidden',
        );
      const audits = await count(t, "audit_log WHERE action = 'campaign.publication'");
      const byStaff = await call(
        t,
        'post',
        `/campaigns/${campaignId}/publications`,
        staff,
        publicationBody({ kind: 'radio', language: 'ru', title: 'Радиопередача о пастбищах' }),
      );
      expect(byStaff.status).toBe(201);
      expect(await count(t, "audit_log WHERE action = 'campaign.publication'")).toBe(audits + 1);
      expectProblem(
        await call(t, 'post', `/campaigns/${randomUUID()}/publications`, staff, publicationBody()),
        404,
        'not_found',
      );
    });

    it('refuses unknown kinds, languages, audiences and fields', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [publicationBody({ kind: 'tweet' }), 'kind'],
        [publicationBody({ language: 'fr' }), 'language'],
        [publicationBody({ audiences: [] }), 'audiences'],
        [publicationBody({ audiences: ['aliens'] }), 'audiences'],
        [publicationBody({ audiences: ['women', 'women'] }), 'audiences'],
        [publicationBody({ title: '   ' }), 'title'],
        [publicationBody({ approved: true }), 'approved'],
        [publicationBody({ provisionIds: [randomUUID()] }), 'provisionIds.0'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t, 'post', `/campaigns/${campaignId}/publications`, rep, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
    });

    it('only facilitators and admins approve, audited once', async () => {
      const pub = await call(
        t,
        'post',
        `/campaigns/${campaignId}/publications`,
        rep,
        publicationBody({ language: 'uz', title: 'Яйловга ҳуқуқингиз' }),
      );
      const id = pub.body.id as string;
      for (const who of [rep, member, otherRep])
        expectProblem(await call(t, 'post', `/publications/${id}/approve`, who), 403, 'forbidden');
      expectProblem(
        await call(t, 'post', `/publications/${randomUUID()}/approve`, staff),
        404,
        'not_found',
      );
      const approved = await call(t, 'post', `/publications/${id}/approve`, staff);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ id, approved: true, approvedById: staff.id });
      const again = await call(t, 'post', `/publications/${id}/approve`, staff);
      expect(again.status).toBe(200);
      expect(again.body.approvedAt).toBe(approved.body.approvedAt);
      expect(
        await count(
          t,
          "audit_log WHERE action = 'campaign.publication_approve' AND target_id = $1 AND actor_id = $2",
          [id, staff.id],
        ),
      ).toBe(1);
    });
  });

  describe('the reach log and its summary', () => {
    let c: string;
    let pubKy: string;
    let pubRu: string;
    let pubDraft: string;
    let otherPub: string;

    beforeAll(async () => {
      c = (await call(t, 'post', '/campaigns', rep, campaignBody({ organisationId: org.id }))).body
        .id as string;
      const add = async (body: Record<string, unknown>, campaign = c) =>
        (await call(t, 'post', `/campaigns/${campaign}/publications`, rep, publicationBody(body)))
          .body.id as string;
      pubKy = await add({ language: 'ky' });
      pubRu = await add({ language: 'ru', kind: 'radio', title: 'Право на пастбища' });
      pubDraft = await add({ language: 'tg', title: 'Ҳуқуқ ба чарогоҳ' });
      otherPub = await add({ language: 'ky' }, campaignId);
      for (const id of [pubKy, pubRu, otherPub])
        expect((await call(t, 'post', `/publications/${id}/approve`, staff)).status).toBe(200);
    });

    it('a member logs reach for their organisation; a replay is stored once; other content under the id is 409', async () => {
      const row = reach({ publicationId: pubKy, female: 30, male: 5 });
      const first = await call(t, 'post', `/campaigns/${c}/reach`, member, row);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        clientRowId: row.clientRowId,
        female: 30,
        male: 5,
        undisclosed: 0,
        total: 35,
        estimated: false,
        organisationId: org.id,
        enteredById: member.id,
      });
      const replay = await call(t, 'post', `/campaigns/${c}/reach`, member, row);
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(first.body);
      expect(await count(t, 'campaign_reach WHERE client_row_id = $1', [row.clientRowId])).toBe(1);
      expectProblem(
        await call(t, 'post', `/campaigns/${c}/reach`, member, { ...row, female: 31 }),
        409,
        'conflict',
      );
      // The same id in another campaign is other content too.
      expectProblem(
        await call(t, 'post', `/campaigns/${campaignId}/reach`, member, {
          ...row,
          publicationId: undefined,
        }),
        409,
        'conflict',
      );
      expect(await count(t, 'campaign_reach WHERE client_row_id = $1', [row.clientRowId])).toBe(1);
    });

    it('a member of another organisation may not log reach for one they do not belong to; staff may, audited', async () => {
      const before = await count(t, 'campaign_reach');
      expectProblem(
        await call(t, 'post', `/campaigns/${c}/reach`, otherRep, reach()),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'post', `/campaigns/${c}/reach`, outsider, reach()),
        403,
        'forbidden',
      );
      expect(await count(t, 'campaign_reach')).toBe(before);
      // Another organisation's member logs for their own: allowed (not only the campaign's).
      const own = await call(
        t,
        'post',
        `/campaigns/${c}/reach`,
        otherRep,
        reach({
          organisationId: otherOrg.id,
          publicationId: pubRu,
          territoryId: TERRITORY.akSai,
          audience: 'youth',
          female: 10,
          male: 12,
          undisclosed: 3,
          estimated: true,
          channel: 'radio',
        }),
      );
      expect(own.status).toBe(201);
      const staffRow = await call(
        t,
        'post',
        `/campaigns/${c}/reach`,
        staff,
        reach({
          territoryId: TERRITORY.batkenDistrict,
          audience: 'general',
          channel: 'market',
          female: 100,
          male: 80,
          undisclosed: 20,
          estimated: true,
        }),
      );
      expect(staffRow.status).toBe(201);
      expect(
        await count(t, "audit_log WHERE action = 'campaign.reach' AND actor_id = $1", [staff.id]),
      ).toBe(1);
      expectProblem(
        await call(t, 'post', `/campaigns/${randomUUID()}/reach`, member, reach()),
        404,
        'not_found',
      );
    });

    it('refuses negative, fractional, huge or no counts, unknown fields, days outside the campaign, other publications and unapproved ones', async () => {
      const before = await count(t, 'campaign_reach');
      const cases: [Record<string, unknown>, string][] = [
        [reach({ female: -1 }), 'female'],
        [reach({ male: 2.5 }), 'male'],
        [reach({ undisclosed: '3' }), 'undisclosed'],
        [reach({ female: 1_000_001 }), 'female'],
        [reach({ female: 0, male: 0, undisclosed: 0 }), 'female'],
        [reach({ colour: 'red' }), 'colour'],
        [reach({ channel: 'pigeon' }), 'channel'],
        [reach({ audience: 'aliens' }), 'audience'],
        [reach({ estimated: 'yes' }), 'estimated'],
        [reach({ date: day(-30) }), 'date'],
        [reach({ date: day(2) }), 'date'],
        [reach({ date: '2026-02-30' }), 'date'],
        [reach({ territoryId: randomUUID() }), 'territoryId'],
        [reach({ organisationId: randomUUID() }), 'organisationId'],
        [reach({ publicationId: otherPub }), 'publicationId'],
        [reach({ publicationId: pubDraft }), 'publicationId'],
        [reach({ clientRowId: '' }), 'clientRowId'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t, 'post', `/campaigns/${c}/reach`, member, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
      }
      expect(await count(t, 'campaign_reach')).toBe(before);
    });

    it('lists the log: all of it for owners and staff, their own organisations’ lines for others', async () => {
      const all = await call(t, 'get', `/campaigns/${c}/reach?limit=100`, rep);
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(3);
      const mine = await call(t, 'get', `/campaigns/${c}/reach`, otherRep);
      expect(mine.body.items.map((r: { organisationId: string }) => r.organisationId)).toEqual([
        otherOrg.id,
      ]);
      expect((await call(t, 'get', `/campaigns/${c}/reach`, outsider)).body.items).toEqual([]);
      const paged = await call(t, 'get', `/campaigns/${c}/reach?limit=2`, staff);
      expect(paged.body.items).toHaveLength(2);
      const rest = await call(
        t,
        'get',
        `/campaigns/${c}/reach?limit=2&cursor=${paged.body.nextCursor as string}`,
        staff,
      );
      expect(rest.body.items).toHaveLength(1);
      expect(rest.body.nextCursor).toBeNull();
    });

    it('sums by language, aiyl aimak, audience and gender, counted and estimated apart (checked by hand)', async () => {
      // One more counted line in Ak-Tatyr for the Kyrgyz leaflet.
      expect(
        (
          await call(
            t,
            'post',
            `/campaigns/${c}/reach`,
            rep,
            reach({
              publicationId: pubKy,
              territoryId: TERRITORY.akTatyr,
              female: 7,
              male: 0,
              undisclosed: 1,
              channel: 'door_to_door',
            }),
          )
        ).status,
      ).toBe(201);
      // A line naming a publication not approved (as if entered before approval was needed):
      // it must not count.
      await t.db.query(
        `INSERT INTO campaign_reach (campaign_id, client_row_id, date, territory_id, channel,
           publication_id, audience, female, male, undisclosed, estimated, organisation_id, content_hash)
         VALUES ($1, $2, $3, $4, 'meeting', $5, 'women', 999, 999, 0, false, $6, 'x')`,
        [c, randomUUID(), day(-1), TERRITORY.akSai, pubDraft, org.id],
      );
      const res = await call(t, 'get', `/campaigns/${c}/reach-summary`, outsider);
      expect(res.status).toBe(200);
      const s = res.body;
      const g = (female: number, male: number, undisclosed: number) => ({
        female,
        male,
        undisclosed,
        total: female + male + undisclosed,
      });
      const none = g(0, 0, 0);
      // Lines: Ak-Sai village ky women 30/5/0 counted; Ak-Sai ru youth 10/12/3 estimated;
      // Batken district (above aimak level) no publication general 100/80/20 estimated;
      // Ak-Tatyr ky women 7/0/1 counted; the tg line (not approved) left out.
      expect(s.rows).toBe(4);
      expect(s.total).toEqual({ counted: g(37, 5, 1), estimated: g(110, 92, 23) });
      expect(s.byLanguage).toEqual([
        { language: 'ky', publications: 1, counted: g(37, 5, 1), estimated: none },
        { language: 'ru', publications: 1, counted: none, estimated: g(10, 12, 3) },
        { language: 'unknown', publications: 0, counted: none, estimated: g(100, 80, 20) },
      ]);
      expect(
        s.byTerritory.map((r: { territoryId: string; level: string; name: { ru: string } }) => [
          r.territoryId,
          r.level,
          r.name.ru,
        ]),
      ).toEqual([
        [TERRITORY.akSai, 'aiyl_aimak', expect.stringContaining('Ак-Сай')],
        [TERRITORY.akTatyr, 'aiyl_aimak', expect.stringContaining('Ак-Татыр')],
        [TERRITORY.batkenDistrict, 'district', expect.stringContaining('Баткен')],
      ]);
      expect(
        s.byTerritory.map((r: { counted: unknown; estimated: unknown }) => [
          r.counted,
          r.estimated,
        ]),
      ).toEqual([
        [g(30, 5, 0), g(10, 12, 3)],
        [g(7, 0, 1), none],
        [none, g(100, 80, 20)],
      ]);
      expect(s.byAudience).toEqual([
        { audience: 'general', counted: none, estimated: g(100, 80, 20) },
        { audience: 'women', counted: g(37, 5, 1), estimated: none },
        { audience: 'youth', counted: none, estimated: g(10, 12, 3) },
      ]);
      expect(s.byGender).toEqual([
        { gender: 'female', counted: 37, estimated: 110 },
        { gender: 'male', counted: 5, estimated: 92 },
        { gender: 'undisclosed', counted: 1, estimated: 23 },
      ]);
      const one = await call(t, 'get', `/campaigns/${c}`, outsider);
      expect(one.body).toMatchObject({
        publicationCount: 3,
        approvedCount: 2,
        reach: g(147, 97, 24),
        reachCounted: g(37, 5, 1),
        reachEstimated: g(110, 92, 23),
      });
      expect(
        one.body.publications.map((p: { language: string; approved: boolean }) => [
          p.language,
          p.approved,
        ]),
      ).toEqual([
        ['ky', true],
        ['ru', true],
        ['tg', false],
      ]);

      // Approved, the tg publication counts from then on.
      await call(t, 'post', `/publications/${pubDraft}/approve`, staff);
      const after = (await call(t, 'get', `/campaigns/${c}/reach-summary`, outsider)).body;
      expect(after.rows).toBe(5);
      expect(after.byLanguage.map((l: { language: string }) => l.language)).toEqual([
        'ky',
        'ru',
        'tg',
        'unknown',
      ]);
      expectProblem(
        await call(t, 'get', `/campaigns/${randomUUID()}/reach-summary`, outsider),
        404,
        'not_found',
      );
    });
    it('gives the district report its campaigns and reach, language × aiyl aimak × audience, in a stable order', async () => {
      const aimaks = [
        TERRITORY.akTatyr,
        TERRITORY.akSai,
        TERRITORY.akSaiVillage,
        TERRITORY.kokTashVillage,
      ];
      const scope = {
        districtId: TERRITORY.batkenDistrict,
        territoryIds: aimaks,
        from: new Date(Date.now() - 30 * DAY_MS).toISOString(),
        to: new Date(Date.now() + DAY_MS).toISOString(),
        language: 'ru' as const,
      };
      const section = await campaignsForReport(t.db.manager, scope);
      expect(section.campaigns).toEqual([
        expect.objectContaining({ id: c, publications: 3, approved: 3 }),
      ]);
      // The district-level line is outside these territories; the rest rolled up to aimaks.
      expect(
        section.reach.map((r) => [
          r.language,
          r.territoryId,
          r.audience,
          r.female,
          r.male,
          r.undisclosed,
          r.estimated,
        ]),
      ).toEqual([
        // Sorted by language, then territory id (Ak-Tatyr's before Ak-Sai's), audience.
        ['ky', TERRITORY.akTatyr, 'women', 7, 0, 1, false],
        ['ky', TERRITORY.akSai, 'women', 30, 5, 0, false],
        ['ru', TERRITORY.akSai, 'youth', 10, 12, 3, true],
        ['tg', TERRITORY.akSai, 'women', 999, 999, 0, false],
      ]);
      expect(section.reach[1].territoryName).toMatchObject({
        ky: expect.stringContaining('Ак-Сай'),
      });
      expect(await campaignsForReport(t.db.manager, scope)).toEqual(section);
      // A period before the campaign: nothing.
      const before = await campaignsForReport(t.db.manager, {
        ...scope,
        from: '2020-01-01T00:00:00Z',
        to: '2020-02-01T00:00:00Z',
      });
      expect(before).toEqual({ campaigns: [], reach: [] });
    });
  });
});
