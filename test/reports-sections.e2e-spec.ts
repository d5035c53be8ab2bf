// The district report pack with the advocacy sections filled: a closed ballot, a strategy with
// progress, a confirmed legal basis and a campaign's reach, all through the API, then the pack
// read back as PDF text and XLSX rows.
import { randomUUID } from 'node:crypto';
import {
  API,
  call,
  makeOrganisation,
  type SignedUp,
  signUp,
  TERRITORY,
} from './support/factories.js';
import {
  download,
  keep,
  loadWorkbook,
  pdfText,
  type ReportBody,
  sheetValues,
  waitForReport,
} from './support/reports.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();
/** A calendar day in Kyrgyzstan (UTC+6), `days` from today. */
const kyrgyzDay = (days: number) =>
  new Date(Date.now() + days * DAY_MS + 6 * 60 * 60 * 1000).toISOString().slice(0, 10);

const BALLOT = { ky: 'Баткен району: артыкчылыктар', ru: 'Баткенский район: приоритеты' };
const STRATEGY = { ky: 'Сугат суусу ар бир үйгө', ru: 'Поливная вода каждому двору' };
const ACT = { ky: 'Суу кодекси', ru: 'Водный кодекс' };
const CAMPAIGN = { ky: 'Сууга укугуңуз', ru: 'Ваше право на воду' };
const EID = 'art_27__para_2';

describe('district report pack: ballots, strategies, legal basis and reach filled', () => {
  let t: TestApp;
  let staff: SignedUp;
  let repA: SignedUp;
  let repB: SignedUp;
  let from: string;
  let to: string;
  const issues: Record<string, string> = {};
  let ky: ReportBody;
  let ru: ReportBody;
  const actNumberOf = `№ 8-${randomUUID().slice(0, 4)}`;

  function put(path: string, as: SignedUp, body: object) {
    return t.http.put(`${API}${path}`).set(as.auth).send(body);
  }
  function ok(res: { status: number; body: unknown }, status = 201) {
    expect({ status: res.status, body: res.body }).toEqual({ status, body: expect.anything() });
    return res.body as Record<string, unknown> & { id: string };
  }

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    repA = await signUp(t);
    repB = await signUp(t);
    from = ago(3 * DAY_MS);
    to = ahead(DAY_MS);
    // Two network members that vote: an NGO in Ak-Sai, the aiyl okmotu of Ak-Tatyr.
    const orgA = await makeOrganisation(t, repA, {
      name: 'Ак-Сай суу пайдалануучулар бирикмеси',
      networkStatus: 'member',
    });
    const orgB = await makeOrganisation(t, repB, {
      name: 'Ак-Татыр айыл өкмөтү',
      kind: 'aiyl_okmotu',
      territoryId: TERRITORY.akTatyr,
      networkStatus: 'member',
    });
    const authority = await makeOrganisation(t, staff, {
      name: 'Баткен райондук суу чарба башкармалыгы',
      kind: 'state_administration',
      territoryId: TERRITORY.batkenDistrict,
    });

    // Issues in two aiyl aimaks.
    for (const [key, title, territoryId] of [
      ['canal', 'Ак-Сайда сугат каналы бузулган', TERRITORY.akSai],
      ['pump', 'Ак-Татырда насос иштебейт', TERRITORY.akTatyr],
      ['road', 'Ак-Сайга жол жабык', TERRITORY.akSai],
    ] as const) {
      const res = await call(t, 'post', '/issues', repA, {
        title,
        body: `${title}: толук маалымат.`,
        category: key === 'road' ? 'roads_transport' : 'water_irrigation',
        territoryIds: [territoryId],
        decisionLevel: 'district',
        language: 'ky',
      });
      issues[key] = ok(res).id;
    }

    // An approval ballot: A approves the canal and the pump, B the pump; closed, the pump chosen.
    const ballot = ok(
      await call(t, 'post', '/ballots', staff, {
        title: BALLOT,
        method: 'approval',
        issueIds: [issues.canal, issues.pump, issues.road],
        closesAt: ahead(DAY_MS),
      }),
    );
    ok(
      await put(`/ballots/${ballot.id}/votes/${orgA.id}`, repA, {
        choices: [issues.canal, issues.pump],
      }),
      200,
    );
    ok(await put(`/ballots/${ballot.id}/votes/${orgB.id}`, repB, { choices: [issues.pump] }), 200);
    ok(await call(t, 'post', `/ballots/${ballot.id}/close`, staff), 200);
    ok(
      await call(t, 'post', `/ballots/${ballot.id}/outcome`, staff, {
        selectedIssueIds: [issues.pump],
        statement: 'Тармак алгач насосту тандады.',
      }),
      200,
    );

    // A strategy about the canal: one objective, one action owned by A, 40 % by A's update.
    const strategy = ok(
      await call(t, 'post', '/strategies', staff, {
        title: STRATEGY,
        goal: { ky: 'Ак-Сайдагы ар бир үй сугат суусун алат', ru: 'Каждый двор Ак-Сая с водой' },
        issueIds: [issues.canal],
        territoryIds: [TERRITORY.akSai],
      }),
    );
    const objective = ok(
      await call(t, 'post', `/strategies/${strategy.id}/objectives`, staff, {
        title: { ky: 'Каналды оңдотуу', ru: 'Ремонт канала' },
      }),
    );
    const action = ok(
      await call(t, 'post', `/objectives/${objective.id}/actions`, staff, {
        title: { ky: 'Суу чарбага кат', ru: 'Письмо в водхоз' },
        ownerOrganisationId: orgA.id,
        targetAuthorityOrganisationId: authority.id,
        dueAt: ahead(30 * DAY_MS),
      }),
    );
    ok(
      await call(t, 'post', `/actions/${action.id}/updates`, repA, {
        progress: 40,
        status: 'in_progress',
        note: 'Кат жөнөтүлдү',
      }),
    );

    // A legal act with a provision, linked to the canal by a member and confirmed by staff.
    const act = ok(
      await call(t, 'post', '/legal-acts', staff, {
        title: ACT,
        kind: 'code',
        number: actNumberOf,
        adoptedAt: '2005-01-12',
        issuer: 'Жогорку Кеңеш',
        status: 'in_force',
      }),
    );
    ok(
      await call(t, 'post', `/legal-acts/${act.id}/provisions`, staff, {
        eId: 'art_27',
        heading: { ky: '27-берене. Сугат', ru: 'Статья 27. Орошение' },
        text: { ky: 'Сугат тармактары.', ru: 'Оросительные сети.' },
      }),
    );
    const provision = ok(
      await call(t, 'post', `/legal-acts/${act.id}/provisions`, staff, {
        eId: EID,
        parentEId: 'art_27',
        heading: { ky: '2-бөлүк. Каналдарды оңдоо', ru: 'Часть 2. Ремонт каналов' },
        text: {
          ky: 'Айыл өкмөтү каналдарды жыл сайын оңдойт.',
          ru: 'Айыл окмоту ежегодно ремонтирует каналы.',
        },
      }),
    );
    const link = ok(
      await call(t, 'post', `/provisions/${provision.id}/issue-links`, repA, {
        issueId: issues.canal,
        relation: 'assigns_duty',
      }),
    );
    ok(await call(t, 'post', `/issue-links/${link.id}/confirm`, staff, {}), 200);

    // A campaign of A with an approved publication, reach logged in an Ak-Sai village.
    const campaign = ok(
      await call(t, 'post', '/campaigns', repA, {
        title: CAMPAIGN,
        objective: { ky: 'Тургундар сууга укугун билишет', ru: 'Жители знают право на воду' },
        startsAt: ago(10 * DAY_MS),
        endsAt: ahead(20 * DAY_MS),
        organisationId: orgA.id,
      }),
    );
    const publication = ok(
      await call(t, 'post', `/campaigns/${campaign.id}/publications`, repA, {
        kind: 'leaflet',
        language: 'ky',
        title: 'Сууга укугуңуз',
        body: 'Айыл өкмөтү каналды оңдоого милдеттүү…',
        audiences: ['women', 'farmers'],
      }),
    );
    ok(await call(t, 'post', `/publications/${publication.id}/approve`, staff), 200);
    ok(
      await call(t, 'post', `/campaigns/${campaign.id}/reach`, repA, {
        clientRowId: randomUUID(),
        date: kyrgyzDay(-1),
        territoryId: TERRITORY.akSaiVillage,
        channel: 'meeting',
        audience: 'women',
        female: 27,
        male: 14,
        undisclosed: 2,
        estimated: false,
        organisationId: orgA.id,
        publicationId: publication.id,
      }),
    );
    // So every section of the pack has something (and its rendered pages show them): an
    // escalation of the pump, answered; a round table held with its sheet and a commitment.
    const escalation = ok(
      await call(t, 'post', `/issues/${issues.pump}/escalations`, staff, {
        authorityOrganisationId: authority.id,
        sentAt: ago(2 * DAY_MS),
        reference: '№ 04-12/88',
      }),
    );
    ok(
      await call(t, 'patch', `/escalations/${escalation.id}`, staff, {
        responseText: 'Насос жазга чейин алмаштырылат.',
        respondedAt: ago(DAY_MS),
      }),
      200,
    );
    const event = ok(
      await call(t, 'post', '/events', staff, {
        kind: 'round_table',
        title: { ky: 'Сугат боюнча тегерек стол', ru: 'Круглый стол по орошению' },
        startsAt: ago(DAY_MS),
        territoryId: TERRITORY.akTatyr,
        place: 'Ак-Татыр айыл өкмөтү',
      }),
    );
    const rows = [
      ...Array.from({ length: 6 }, () => ({ gender: 'female', ageBand: '18-29' })),
      ...Array.from({ length: 6 }, () => ({ gender: 'male', ageBand: '30-44' })),
      ...Array.from({ length: 5 }, () => ({ gender: 'female', ageBand: '45-59' })),
    ].map((r, i) => ({
      ...r,
      clientRowId: `row-${i}`,
      name: `Катышуучу ${i + 1}`,
      role: 'participant',
    }));
    ok(await call(t, 'post', `/events/${event.id}/attendance`, staff, { rows }), 200);
    ok(
      await call(t, 'post', `/events/${event.id}/close`, staff, {
        minutes: { ky: 'Насос жана канал талкууланды.' },
        commitments: [
          { text: 'Насосту алмаштыруу', ownerOrganisationId: orgB.id, dueAt: ahead(60 * DAY_MS) },
        ],
      }),
      200,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const request = async (language: 'ky' | 'ru') => {
    const res = await call(t, 'post', '/reports', staff, {
      kind: 'district_round_table',
      territoryId: TERRITORY.batkenDistrict,
      from,
      to,
      language,
    });
    expect(res.status).toBe(202);
    const built = await waitForReport(t, staff, res.body.id as string);
    expect(built).toMatchObject({ status: 'ready', error: null });
    return built;
  };

  it('the snapshot holds every section: the ballot, the strategy, the legal basis, the reach', async () => {
    ky = await request('ky');
    const res = await download(t, `/reports/${ky.id}/snapshot`, staff);
    const snapshot = JSON.parse((res.body as Buffer).toString('utf8'));
    expect(snapshot.keyFigures).toMatchObject({
      issuesRaised: 3,
      escalationsSent: 1,
      escalationsAnswered: 1,
      eventsHeld: 1,
      participants: { count: 17, suppressed: null },
      commitments: 1,
    });
    expect(snapshot.ballots.ballots).toEqual([
      expect.objectContaining({
        title: BALLOT,
        method: 'approval',
        voters: 2,
        voted: 2,
        results: [
          expect.objectContaining({ issueId: issues.pump, score: 2, rank: 1, selected: true }),
          expect.objectContaining({ issueId: issues.canal, score: 1, rank: 2, selected: false }),
          expect.objectContaining({ issueId: issues.road, score: 0, rank: 3, selected: false }),
        ],
      }),
    ]);
    expect(snapshot.strategies.strategies).toEqual([
      expect.objectContaining({
        title: STRATEGY,
        progress: 40,
        objectives: [expect.objectContaining({ progress: 40 })],
        actions: [
          expect.objectContaining({
            ownerOrganisationName: 'Ак-Сай суу пайдалануучулар бирикмеси',
            status: 'in_progress',
            progress: 40,
            overdue: false,
          }),
        ],
      }),
    ]);
    expect(snapshot.legalBasis.links).toEqual([
      expect.objectContaining({
        issueId: issues.canal,
        actTitle: ACT,
        eId: EID,
        relation: 'assigns_duty',
      }),
    ]);
    expect(snapshot.campaigns).toEqual({
      campaigns: [expect.objectContaining({ title: CAMPAIGN, publications: 1, approved: 1 })],
      reach: [
        expect.objectContaining({
          language: 'ky',
          territoryId: TERRITORY.akSai,
          audience: 'women',
          female: 27,
          male: 14,
          undisclosed: 2,
          estimated: false,
        }),
      ],
    });
  });

  it('the Kyrgyz PDF shows the ballot and its scores, the strategy and its progress, the provision and the reach', async () => {
    const res = await download(t, `/reports/${ky.id}/pdf`, staff);
    expect(res.status).toBe(200);
    await keep('report-sections-ky.pdf', res.body as Buffer);
    const flat = (await pdfText(res.body as Buffer)).text.replace(/\s+/g, ' ');
    // The ballot: its title, turnout, the pump first with 2 approvals and chosen.
    expect(flat).toContain(BALLOT.ky);
    expect(flat).toMatch(/2 \/ 2/);
    expect(flat).toMatch(/1 ?Ак-Татырда насос иштебейт ?2 ?ооба/i);
    expect(flat).not.toContain('Бул мезгилде добуш берүү болгон жок.');
    // The strategy: its title with 40 %, its action's owner.
    expect(flat).toContain(`${STRATEGY.ky} — 40 %`);
    expect(flat).toContain('Ак-Сай суу пайдалануучулар бирикмеси');
    // The legal basis: the act and the provision's eId.
    expect(flat).toContain(ACT.ky);
    expect(flat).toContain(EID);
    // The act's number is stored with its sign: the pack does not add a second one.
    expect(flat).toContain(`${ACT.ky} ${actNumberOf}`);
    expect(flat).not.toContain('№ №');
    // The reach: the campaign and its counts in Ak-Sai.
    expect(flat).toContain(CAMPAIGN.ky);
    // Language and audience in words, the village's reach under its aiyl aimak.
    expect(flat).toMatch(/Кыргызча ?Ак-Сай айыл аймагы ?Аялдар ?27 ?14 ?2/);
  });

  it('the XLSX sheets hold the same rows', async () => {
    const res = await download(t, `/reports/${ky.id}/xlsx`, staff);
    expect(res.status).toBe(200);
    const book = await loadWorkbook(res.body as Buffer);
    const rows = (name: string) => sheetValues(book, name);
    expect(rows('ballots')).toEqual(
      expect.arrayContaining([
        expect.arrayContaining([BALLOT.ky, '2 / 2', 1, issues.pump, 2]),
        expect.arrayContaining([BALLOT.ky, '2 / 2', 2, issues.canal, 1]),
      ]),
    );
    expect(rows('strategy')).toEqual(
      expect.arrayContaining([
        expect.arrayContaining([STRATEGY.ky, 40]),
        expect.arrayContaining(['Суу чарбага кат', 'Ак-Сай суу пайдалануучулар бирикмеси', 40]),
      ]),
    );
    expect(rows('legal_basis')).toEqual(
      expect.arrayContaining([expect.arrayContaining([issues.canal, `${ACT.ky} ${actNumberOf}`])]),
    );
    expect(rows('legal_basis').flat().join(' ')).toContain(EID);
    expect(rows('reach')).toEqual(
      expect.arrayContaining([
        expect.arrayContaining([CAMPAIGN.ky]),
        expect.arrayContaining(['Кыргызча', 'Ак-Сай айыл аймагы', 'Аялдар', 27, 14, 2]),
      ]),
    );
  });

  it('the Russian pack shows the same sections in Russian', async () => {
    ru = await request('ru');
    const res = await download(t, `/reports/${ru.id}/pdf`, staff);
    await keep('report-sections-ru.pdf', res.body as Buffer);
    const flat = (await pdfText(res.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(flat).toContain(BALLOT.ru);
    expect(flat).toContain(`${STRATEGY.ru} — 40 %`);
    expect(flat).toContain(ACT.ru);
    expect(flat).toContain(EID);
    expect(flat).toContain(CAMPAIGN.ru);
    expect(flat).toMatch(/Кыргызский.*Женщины ?27 ?14 ?2/);
    expect(flat).not.toContain('№ №');
  });
});
