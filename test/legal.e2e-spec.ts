import { randomUUID } from 'node:crypto';
import { legalBasisForReport } from '../src/modules/legal/legal-report.js';
import { missingProvisions } from '../src/modules/legal/provision-lookup.js';
import { seedLegalSamples } from '../src/modules/legal/legal-samples.js';
import { call, expectProblem, type SignedUp, signUp, TERRITORY } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let seq = 0;

/** An act body with a number of its own (acts are one per kind, issuer, number and date). */
function actBody(extra: Record<string, unknown> = {}) {
  seq += 1;
  return {
    title: { ky: `Жер кодекси ${seq}`, ru: `Земельный кодекс ${seq}` },
    kind: 'code',
    number: `№ ${seq}-${randomUUID().slice(0, 6)}`,
    adoptedAt: '1999-06-02',
    issuer: 'Жогорку Кеңеш',
    status: 'in_force',
    ...extra,
  };
}

async function issue(t: TestApp, author: SignedUp, territoryId: string = TERRITORY.akSai) {
  const res = await call(t, 'post', '/issues', author, {
    title: 'Жайытка жол жабылды',
    body: 'Малды жайытка айдаган жол жазында жабылып калды.',
    category: 'land_pasture',
    territoryIds: [territoryId],
    decisionLevel: 'district',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('legal library', () => {
  let t: TestApp;
  let staff: SignedUp;
  let admin: SignedUp;
  let member: SignedUp;
  let other: SignedUp;
  let actId: string;
  const provisions: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signUp(t, { role: 'facilitator' });
    admin = await signUp(t, { role: 'admin' });
    member = await signUp(t);
    other = await signUp(t);
    const act = await call(
      t,
      'post',
      '/legal-acts',
      staff,
      actBody({
        title: { ky: 'Чек ара аймактары жөнүндө мыйзам', ru: 'Закон о приграничных территориях' },
        kind: 'law',
      }),
    );
    expect(act.status).toBe(201);
    actId = act.body.id as string;
    const add = async (eId: string, heading: object, text: object, parentEId?: string) => {
      const res = await call(t, 'post', `/legal-acts/${actId}/provisions`, staff, {
        eId,
        heading,
        text,
        ...(parentEId ? { parentEId } : {}),
      });
      expect(res.status).toBe(201);
      provisions[eId] = res.body.id as string;
    };
    await add(
      'art_12',
      { ky: '12-берене. Жайыттар', ru: 'Статья 12. Пастбища' },
      {
        ky: 'Чек ара айылдарынын тургундары жайыттарды акысыз пайдаланат.',
        ru: 'Жители приграничных сёл пользуются пастбищами бесплатно.',
      },
    );
    await add(
      'art_12__para_3',
      { ky: '3-бөлүк. Мал айдоочу жолдор', ru: 'Часть 3. Скотопрогонные дороги' },
      {
        ky: 'Мал айдоочу жолдорду жабууга тыюу салынат; айыл өкмөтү жолдун ачык болушун көзөмөлдөйт.',
        ru: 'Перекрывать скотопрогонные дороги запрещается; айыл окмоту следит за тем, чтобы дорога была открыта.',
      },
      'art_12',
    );
    await add(
      'art_14',
      { ky: '14-берене. Өткөрүү пункттары', ru: 'Статья 14. Пункты пропуска' },
      {
        ky: 'Тургундар өткөрүү пунктунан кезексиз өтөт. Өрүк жана жүзүм сатууга чектөө жок.',
        ru: 'Жители проходят пункт пропуска без очереди. Ограничений на продажу урюка и винограда нет.',
      },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  describe('acts and provisions', () => {
    it('a facilitator adds an act; an admin too; the act answers with its fields', async () => {
      const res = await call(
        t,
        'post',
        '/legal-acts',
        admin,
        actBody({ sourceUrl: 'https://cbd.minjust.gov.kg/1' }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'code',
        adoptedAt: '1999-06-02',
        status: 'in_force',
        isSample: false,
        sourceUrl: 'https://cbd.minjust.gov.kg/1',
        provisionCount: 0,
        provisions: [],
      });
    });

    it('a member may not add an act or a provision', async () => {
      expectProblem(await call(t, 'post', '/legal-acts', member, actBody()), 403, 'forbidden');
      expectProblem(
        await call(t, 'post', `/legal-acts/${actId}/provisions`, member, {
          eId: 'art_99',
          heading: { ky: 'x' },
          text: { ky: 'x' },
        }),
        403,
        'forbidden',
      );
    });

    it('refuses unknown fields, bad kinds, bad dates and an act without a title', async () => {
      expectProblem(
        await call(t, 'post', '/legal-acts', staff, actBody({ colour: 'red' })),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'post', '/legal-acts', staff, actBody({ kind: 'rumour' })),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'post', '/legal-acts', staff, actBody({ adoptedAt: '2021-02-30' })),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'post', '/legal-acts', staff, actBody({ title: {} })),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'post', `/legal-acts/${actId}/provisions`, staff, {
          eId: 'art_98',
          heading: { ky: 'x' },
          text: { ky: 'x' },
          colour: 'red',
        }),
        400,
        'validation_failed',
      );
    });

    it('the same act twice is a conflict', async () => {
      const body = actBody();
      expect((await call(t, 'post', '/legal-acts', staff, body)).status).toBe(201);
      expectProblem(await call(t, 'post', '/legal-acts', staff, body), 409, 'conflict');
    });

    it('a bad eId pattern is 400, a duplicate eId 409, an unknown parent 400', async () => {
      for (const eId of ['Art_12', 'art 12', 'art_12___para', '__art', 'art_12/para_3', '']) {
        const res = await call(t, 'post', `/legal-acts/${actId}/provisions`, staff, {
          eId,
          heading: { ky: 'x' },
          text: { ky: 'x' },
        });
        expectProblem(res, 400, 'validation_failed');
      }
      expectProblem(
        await call(t, 'post', `/legal-acts/${actId}/provisions`, staff, {
          eId: 'art_12',
          heading: { ky: 'x' },
          text: { ky: 'x' },
        }),
        409,
        'conflict',
      );
      const res = await call(t, 'post', `/legal-acts/${actId}/provisions`, staff, {
        eId: 'art_13__para_1',
        parentEId: 'art_13',
        heading: { ky: 'x' },
        text: { ky: 'x' },
      });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'parentEId', message: expect.any(String) }]);
    });

    it('a provision for an unknown act is 404', async () => {
      expectProblem(
        await call(t, 'post', `/legal-acts/${randomUUID()}/provisions`, staff, {
          eId: 'art_1',
          heading: { ky: 'x' },
          text: { ky: 'x' },
        }),
        404,
        'not_found',
      );
    });

    it('an act answers with its tree of provisions in document order', async () => {
      const res = await call(t, 'get', `/legal-acts/${actId}`, member);
      expect(res.status).toBe(200);
      expect(res.body.provisionCount).toBe(3);
      const shape = (nodes: { eId: string; children: unknown[] }[]): unknown =>
        nodes.map((n) => [n.eId, shape(n.children as never)]);
      expect(shape(res.body.provisions)).toEqual([
        ['art_12', [['art_12__para_3', []]]],
        ['art_14', []],
      ]);
      expect(res.body.provisions[0].text.ru).toMatch(/пастбищами/);
      expectProblem(await call(t, 'get', `/legal-acts/${randomUUID()}`, member), 404, 'not_found');
      expectProblem(
        await call(t, 'get', '/legal-acts/not-a-uuid', member),
        400,
        'validation_failed',
      );
    });

    it('every provision has its own address: by id and by the act and eId', async () => {
      const byId = await call(t, 'get', `/provisions/${provisions.art_12__para_3}`, member);
      expect(byId.status).toBe(200);
      expect(byId.body).toMatchObject({
        id: provisions.art_12__para_3,
        eId: 'art_12__para_3',
        parentEId: 'art_12',
        act: { id: actId, kind: 'law', isSample: false },
        path: [{ id: provisions.art_12, eId: 'art_12' }],
        children: [],
        links: [],
      });
      const byEId = await call(t, 'get', `/legal-acts/${actId}/provisions/art_12__para_3`, member);
      expect(byEId.status).toBe(200);
      expect(byEId.body).toEqual(byId.body);
      const parent = await call(t, 'get', `/legal-acts/${actId}/provisions/art_12`, member);
      expect(parent.body.children).toEqual([
        { id: provisions.art_12__para_3, eId: 'art_12__para_3', heading: expect.any(Object) },
      ]);
      expectProblem(
        await call(t, 'get', `/legal-acts/${actId}/provisions/art_77`, member),
        404,
        'not_found',
      );
      expectProblem(
        await call(t, 'get', `/legal-acts/${actId}/provisions/BAD!`, member),
        404,
        'not_found',
      );
      expectProblem(await call(t, 'get', `/provisions/${randomUUID()}`, member), 404, 'not_found');
    });

    it('lists acts by kind and words, newest adoption first, in pages', async () => {
      const decree = await call(
        t,
        'post',
        '/legal-acts',
        staff,
        actBody({
          kind: 'government_decree',
          title: { ky: 'Өкмөттүн токтому: чек ара', ru: 'Постановление о границе' },
          adoptedAt: '2024-01-10',
        }),
      );
      const list = await call(t, 'get', '/legal-acts?kind=government_decree', member);
      expect(list.status).toBe(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toContain(decree.body.id);
      expect(list.body.items.every((a: { kind: string }) => a.kind === 'government_decree')).toBe(
        true,
      );
      // Typed without ө: "Окмоттун" finds "Өкмөттүн".
      const words = await call(
        t,
        'get',
        `/legal-acts?q=${encodeURIComponent('окмоттун токтому')}`,
        member,
      );
      expect(words.body.items.map((a: { id: string }) => a.id)).toEqual([decree.body.id]);
      const first = await call(t, 'get', '/legal-acts?limit=2', member);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const next = await call(
        t,
        'get',
        `/legal-acts?limit=2&cursor=${first.body.nextCursor}`,
        member,
      );
      expect(next.status).toBe(200);
      const ids = [...first.body.items, ...next.body.items].map((a: { id: string }) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      const dates = [...first.body.items, ...next.body.items].map(
        (a: { adoptedAt: string }) => a.adoptedAt,
      );
      expect([...dates].sort().reverse()).toEqual(dates);
      expectProblem(
        await call(t, 'get', '/legal-acts?kind=rumour', member),
        400,
        'validation_failed',
      );
    });

    it('staff change an act’s status (audited); a member may not', async () => {
      const act = await call(t, 'post', '/legal-acts', staff, actBody());
      expectProblem(
        await call(t, 'patch', `/legal-acts/${act.body.id}`, member, { status: 'repealed' }),
        403,
        'forbidden',
      );
      const res = await call(t, 'patch', `/legal-acts/${act.body.id}`, admin, {
        status: 'amended',
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('amended');
      const audit = await t.db.query(
        `SELECT actor_id, details FROM audit_log WHERE action = 'legal_act.update' AND target_id = $1`,
        [act.body.id],
      );
      expect(audit).toEqual([
        {
          actor_id: admin.id,
          details: { changes: { status: { from: 'in_force', to: 'amended' } } },
        },
      ]);
      expectProblem(
        await call(t, 'patch', `/legal-acts/${act.body.id}`, admin, { status: 'gone' }),
        400,
        'validation_failed',
      );
    });
  });

  describe('search', () => {
    const search = (q: string, as: SignedUp = member) =>
      call(t, 'get', `/provisions?q=${encodeURIComponent(q)}`, as);
    type Item = {
      id: string;
      eId: string;
      snippet: string;
      highlights: { start: number; end: number }[];
      snippetHtml: string;
      snippetLanguage: string;
      rank: number;
      actTitle: Record<string, string>;
    };
    const marked = (item: Item) => item.highlights.map((h) => item.snippet.slice(h.start, h.end));

    it('ranks the right provision first for a Kyrgyz query, with a highlight', async () => {
      const res = await search('мал айдоочу жолдор');
      expect(res.status).toBe(200);
      const [top] = res.body.items as Item[];
      expect(top).toMatchObject({
        id: provisions.art_12__para_3,
        eId: 'art_12__para_3',
        snippetLanguage: 'ky',
      });
      expect(top.actTitle.ky).toBe('Чек ара аймактары жөнүндө мыйзам');
      expect(marked(top)).toEqual(
        expect.arrayContaining(['Мал', 'айдоочу', 'жолдорду'].slice(0, 2)),
      );
      expect(top.snippetHtml).toContain('<mark>айдоочу</mark>');
      expect(top.rank).toBeGreaterThan(0);
    });

    it('ranks the right provision first for a Russian query, with a highlight', async () => {
      const res = await search('пункт пропуска');
      const [top] = res.body.items as Item[];
      expect(top.id).toBe(provisions.art_14);
      expect(top.snippetLanguage).toBe('ru');
      expect(marked(top)).toEqual(['пункт', 'пропуска']);
      const ranks = (res.body.items as Item[]).map((i) => i.rank);
      expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    });

    it('finds a Kyrgyz word typed without ө ү ң, and marks it as written', async () => {
      const res = await search('орук жузум');
      const [top] = res.body.items as Item[];
      expect(top.id).toBe(provisions.art_14);
      expect(marked(top)).toEqual(['Өрүк', 'жүзүм']);
    });

    it('the snippet is plain text: markup in a provision is escaped in snippetHtml', async () => {
      const p = await call(t, 'post', `/legal-acts/${actId}/provisions`, staff, {
        eId: 'art_90',
        heading: { ru: 'Статья 90' },
        text: { ru: 'Ключ <script>alert(1)</script> зимовка' },
      });
      expect(p.status).toBe(201);
      const res = await search('зимовка');
      const [top] = res.body.items as Item[];
      expect(top.id).toBe(p.body.id);
      expect(top.snippet).toContain('<script>');
      expect(top.snippetHtml).not.toContain('<script>');
      expect(top.snippetHtml).toContain('&lt;script&gt;');
      expect(marked(top)).toEqual(['зимовка']);
    });

    it('nothing found is an empty page; without q every provision; pages by rank', async () => {
      expect((await search('ыыыыыжжжж')).body).toEqual({ items: [], nextCursor: null });
      const all = await call(t, 'get', `/provisions?actId=${actId}&limit=100`, member);
      expect(all.body.items.map((i: Item) => i.rank)).toEqual(all.body.items.map(() => 0));
      expect(all.body.items.map((i: Item) => i.id)).toEqual(
        expect.arrayContaining(Object.values(provisions)),
      );
      const first = await call(
        t,
        'get',
        `/provisions?q=${encodeURIComponent('чек ара')}&limit=1`,
        member,
      );
      expect(first.body.items).toHaveLength(1);
      if (first.body.nextCursor) {
        const next = await call(
          t,
          'get',
          `/provisions?q=${encodeURIComponent('чек ара')}&limit=1&cursor=${first.body.nextCursor}`,
          member,
        );
        expect(next.status).toBe(200);
        expect(next.body.items[0]?.id).not.toBe(first.body.items[0].id);
      }
    });
  });

  describe('links to issues', () => {
    let issueId: string;
    let proposedId: string;

    beforeAll(async () => {
      issueId = await issue(t, other);
    });

    it('a member proposes a link: stored as proposed, not in the legal basis for others', async () => {
      const res = await call(
        t,
        'post',
        `/provisions/${provisions.art_12__para_3}/issue-links`,
        member,
        {
          issueId,
          relation: 'grants_right',
          note: 'Жолду жабууга болбойт',
        },
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        provisionId: provisions.art_12__para_3,
        issueId,
        relation: 'grants_right',
        status: 'proposed',
        proposedById: member.id,
        decidedById: null,
      });
      proposedId = res.body.id as string;
      const forOther = await call(t, 'get', `/issues/${issueId}/legal-basis`, other);
      expect(forOther.body).toEqual({ issueId, links: [] });
      const forProposer = await call(t, 'get', `/issues/${issueId}/legal-basis`, member);
      expect(forProposer.body.links).toEqual([
        expect.objectContaining({ id: proposedId, status: 'proposed' }),
      ]);
      const forStaff = await call(t, 'get', `/issues/${issueId}/legal-basis`, staff);
      expect(forStaff.body.links).toHaveLength(1);
      const provision = await call(t, 'get', `/provisions/${provisions.art_12__para_3}`, other);
      expect(provision.body.links).toEqual([]);
    });

    it('the same link again is 409; unknown fields and relations 400; unknown issue 404', async () => {
      expectProblem(
        await call(t, 'post', `/provisions/${provisions.art_12__para_3}/issue-links`, other, {
          issueId,
          relation: 'grants_right',
        }),
        409,
        'conflict',
      );
      expectProblem(
        await call(t, 'post', `/provisions/${provisions.art_12__para_3}/issue-links`, other, {
          issueId,
          relation: 'grants_right',
          status: 'confirmed',
        }),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'post', `/provisions/${provisions.art_12__para_3}/issue-links`, other, {
          issueId,
          relation: 'likes',
        }),
        400,
        'validation_failed',
      );
      expectProblem(
        await call(t, 'post', `/provisions/${provisions.art_12__para_3}/issue-links`, other, {
          issueId: randomUUID(),
          relation: 'gap',
        }),
        404,
        'not_found',
      );
      expectProblem(
        await call(t, 'post', `/provisions/${randomUUID()}/issue-links`, other, {
          issueId,
          relation: 'gap',
        }),
        404,
        'not_found',
      );
    });

    it('a member may not confirm or reject, not even their own proposal', async () => {
      expectProblem(
        await call(t, 'post', `/issue-links/${proposedId}/confirm`, member, {}),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'post', `/issue-links/${proposedId}/reject`, member, {}),
        403,
        'forbidden',
      );
      expectProblem(
        await call(t, 'post', `/issue-links/${proposedId}/confirm`, other, {}),
        403,
        'forbidden',
      );
    });

    it('a facilitator confirms (audited); the issue shows it as its legal basis to everyone', async () => {
      const res = await call(t, 'post', `/issue-links/${proposedId}/confirm`, staff, {});
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'confirmed', decidedById: staff.id });
      expectProblem(
        await call(t, 'post', `/issue-links/${proposedId}/confirm`, staff, {}),
        409,
        'conflict',
      );
      const audit = await t.db.query(
        `SELECT actor_id, details FROM audit_log WHERE action = 'legal_link.confirm' AND target_id = $1`,
        [proposedId],
      );
      expect(audit).toEqual([
        {
          actor_id: staff.id,
          details: expect.objectContaining({ from: 'proposed', issueId, proposedById: member.id }),
        },
      ]);
      const basis = await call(t, 'get', `/issues/${issueId}/legal-basis`, other);
      expect(basis.body.links).toEqual([
        {
          id: proposedId,
          relation: 'grants_right',
          note: 'Жолду жабууга болбойт',
          status: 'confirmed',
          proposedById: member.id,
          createdAt: expect.any(String),
          act: expect.objectContaining({
            id: actId,
            title: expect.objectContaining({ ru: 'Закон о приграничных территориях' }),
          }),
          provision: {
            id: provisions.art_12__para_3,
            eId: 'art_12__para_3',
            heading: { ky: '3-бөлүк. Мал айдоочу жолдор', ru: 'Часть 3. Скотопрогонные дороги' },
          },
        },
      ]);
      const provision = await call(t, 'get', `/provisions/${provisions.art_12__para_3}`, other);
      expect(provision.body.links).toEqual([
        expect.objectContaining({
          id: proposedId,
          status: 'confirmed',
          issueTitle: 'Жайытка жол жабылды',
        }),
      ]);
    });

    it('a facilitator rejects a proposal (audited); it leaves the legal basis', async () => {
      const proposed = await call(
        t,
        'post',
        `/provisions/${provisions.art_14}/issue-links`,
        other,
        {
          issueId,
          relation: 'gap',
        },
      );
      const res = await call(t, 'post', `/issue-links/${proposed.body.id}/reject`, admin, {
        reason: 'Башка маселе',
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('rejected');
      const [entry] = await t.db.query(
        `SELECT actor_id, details FROM audit_log WHERE action = 'legal_link.reject' AND target_id = $1`,
        [proposed.body.id],
      );
      expect(entry).toMatchObject({ actor_id: admin.id, details: { reason: 'Башка маселе' } });
      const basis = await call(t, 'get', `/issues/${issueId}/legal-basis`, member);
      expect(basis.body.links.map((l: { id: string }) => l.id)).toEqual([proposedId]);
      expectProblem(
        await call(t, 'post', `/issue-links/${randomUUID()}/reject`, admin, {}),
        404,
        'not_found',
      );
    });

    it('a facilitator’s own link is confirmed at once, and audited', async () => {
      const res = await call(t, 'post', `/provisions/${provisions.art_12}/issue-links`, staff, {
        issueId,
        relation: 'assigns_duty',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'confirmed', decidedById: staff.id });
      const [entry] = await t.db.query(
        `SELECT actor_id FROM audit_log WHERE action = 'legal_link.confirm' AND target_id = $1`,
        [res.body.id],
      );
      expect(entry).toEqual({ actor_id: staff.id });
    });

    it('the legal basis of an unknown issue is 404', async () => {
      expectProblem(
        await call(t, 'get', `/issues/${randomUUID()}/legal-basis`, member),
        404,
        'not_found',
      );
    });

    it('the report pack gets confirmed links of the scope’s issues, deterministically', async () => {
      const elsewhere = await issue(t, other, TERRITORY.karabak);
      await call(t, 'post', `/provisions/${provisions.art_14}/issue-links`, staff, {
        issueId: elsewhere,
        relation: 'conflict',
      });
      const scope = (territoryIds: string[]) => ({
        districtId: TERRITORY.batkenDistrict,
        territoryIds,
        from: '2000-01-01T00:00:00Z',
        to: '2100-01-01T00:00:00Z',
        language: 'ky' as const,
      });
      const manager = t.db.manager;
      const section = await legalBasisForReport(manager, scope([TERRITORY.akSai]));
      const mine = section.links.filter((l) => l.issueId === issueId);
      expect(mine.map((l) => [l.eId, l.relation])).toEqual([
        ['art_12', 'assigns_duty'],
        ['art_12__para_3', 'grants_right'],
      ]);
      expect(mine[0]).toMatchObject({
        issueTitle: 'Жайытка жол жабылды',
        actNumber: expect.any(String),
        actStatus: 'in_force',
      });
      expect(section.links.some((l) => l.issueId === elsewhere)).toBe(false);
      expect(await legalBasisForReport(manager, scope([TERRITORY.akSai]))).toEqual(section);
      expect((await legalBasisForReport(manager, scope([]))).links).toEqual([]);
    });

    it('campaigns learn which provision ids the library does not hold', async () => {
      const unknown = randomUUID();
      const manager = t.db.manager;
      expect(await missingProvisions(manager, [provisions.art_12, unknown])).toEqual([unknown]);
      expect(await missingProvisions(manager, [])).toEqual([]);
    });
  });

  describe('import from a file', () => {
    const file = (extra: Record<string, unknown> = {}) => ({
      title: { ky: 'Суу кодекси', ru: 'Водный кодекс' },
      kind: 'code',
      number: '№ 8',
      adoptedAt: '2005-01-12',
      issuer: 'Жогорку Кеңеш',
      status: 'in_force',
      provisions: [
        {
          eId: 'chp_1',
          heading: { ky: '1-бап', ru: 'Глава 1' },
          text: { ky: 'Жалпы жоболор', ru: 'Общие положения' },
        },
        {
          eId: 'art_1',
          parentEId: 'chp_1',
          heading: { ky: '1-берене', ru: 'Статья 1' },
          text: { ky: 'Суу — элдин байлыгы.', ru: 'Вода — достояние народа.' },
        },
        {
          eId: 'art_1__para_1',
          parentEId: 'art_1',
          heading: { ky: '1-бөлүк', ru: 'Часть 1' },
          text: {
            ky: 'Сугат суусу кезек менен берилет.',
            ru: 'Поливная вода подаётся по очереди.',
          },
        },
      ],
      ...extra,
    });

    it('a member may not import', async () => {
      expectProblem(await call(t, 'post', '/legal-acts/import', member, file()), 403, 'forbidden');
    });

    it('is all or nothing: one bad provision and nothing is stored', async () => {
      const bad = file();
      bad.provisions = [
        ...bad.provisions,
        { eId: 'art_1', heading: { ky: 'x', ru: 'x' }, text: { ky: 'x', ru: 'x' } },
      ];
      const dup = await call(t, 'post', '/legal-acts/import', staff, bad);
      expectProblem(dup, 400, 'validation_failed');
      expect(dup.body.errors).toEqual([{ field: 'provisions.3.eId', message: expect.any(String) }]);
      const orphan = file();
      orphan.provisions = [
        ...orphan.provisions,
        {
          eId: 'art_5__para_1',
          parentEId: 'art_5',
          heading: { ky: 'x', ru: 'x' },
          text: { ky: 'x', ru: 'x' },
        },
      ];
      expectProblem(
        await call(t, 'post', '/legal-acts/import', staff, orphan),
        400,
        'validation_failed',
      );
      const pattern = file();
      pattern.provisions = [
        ...pattern.provisions,
        { eId: 'Article 5', heading: { ky: 'x', ru: 'x' }, text: { ky: 'x', ru: 'x' } },
      ];
      expectProblem(
        await call(t, 'post', '/legal-acts/import', staff, pattern),
        400,
        'validation_failed',
      );
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM legal_acts WHERE title->>'ru' = 'Водный кодекс'`,
      );
      expect(n).toBe(0);
    });

    it('stores the act and its provisions; the same file again changes nothing; a change updates by eId', async () => {
      const first = await call(t, 'post', '/legal-acts/import', staff, file());
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ createdAct: true, created: 3, updated: 0, unchanged: 0 });
      expect(first.body.act.provisions[0].children[0].children[0].eId).toBe('art_1__para_1');
      const ids = await t.db.query(
        'SELECT e_id, id, updated_at FROM legal_provisions WHERE act_id = $1 ORDER BY e_id',
        [first.body.act.id],
      );

      const again = await call(t, 'post', '/legal-acts/import', admin, file());
      expect(again.body).toMatchObject({ createdAct: false, created: 0, updated: 0, unchanged: 3 });
      expect(again.body.act.id).toBe(first.body.act.id);
      expect(
        await t.db.query(
          'SELECT e_id, id, updated_at FROM legal_provisions WHERE act_id = $1 ORDER BY e_id',
          [first.body.act.id],
        ),
      ).toEqual(ids);

      const changed = file({ status: 'amended' });
      changed.provisions[2] = {
        ...changed.provisions[2],
        text: { ky: 'Сугат суусу график менен берилет.', ru: 'Поливная вода подаётся по графику.' },
      };
      changed.provisions.push({
        eId: 'art_2',
        parentEId: 'chp_1',
        heading: { ky: '2-берене', ru: 'Статья 2' },
        text: { ky: 'Жаңы', ru: 'Новая' },
      });
      const third = await call(t, 'post', '/legal-acts/import', staff, changed);
      expect(third.body).toMatchObject({ createdAct: false, created: 1, updated: 1, unchanged: 2 });
      expect(third.body.act.status).toBe('amended');
      const para = await call(
        t,
        'get',
        `/legal-acts/${first.body.act.id}/provisions/art_1__para_1`,
        member,
      );
      expect(para.body.id).toBe(ids.find((r: { e_id: string }) => r.e_id === 'art_1__para_1').id);
      expect(para.body.text.ru).toBe('Поливная вода подаётся по графику.');
      // The new text is searchable at once.
      const found = await call(
        t,
        'get',
        `/provisions?q=${encodeURIComponent('по графику')}&actId=${first.body.act.id}`,
        member,
      );
      expect(found.body.items[0].eId).toBe('art_1__para_1');
      const audit = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'legal_act.import' AND target_id = $1`,
        [first.body.act.id],
      );
      expect(audit).toEqual([{ n: 3 }]);
    });

    it('the sample file under docs/examples imports', async () => {
      const { readFile } = await import('node:fs/promises');
      const sample = JSON.parse(
        await readFile('docs/examples/legal-act.sample.json', 'utf8'),
      ) as Record<string, unknown>;
      const res = await call(t, 'post', '/legal-acts/import', staff, sample);
      expect(res.status).toBe(200);
      expect(res.body.act.isSample).toBe(true);
    });
  });

  describe('demo samples', () => {
    it('are marked as sample text, and a second run changes nothing', async () => {
      await seedLegalSamples(t.db, () => undefined);
      const count = async () =>
        (
          await t.db.query(
            `SELECT (SELECT count(*) FROM legal_acts WHERE is_sample)::int AS acts,
                  (SELECT count(*) FROM legal_provisions p JOIN legal_acts a ON a.id = p.act_id WHERE a.is_sample)::int AS provisions`,
          )
        )[0] as { acts: number; provisions: number };
      const before = await count();
      expect(before.acts).toBeGreaterThanOrEqual(3);
      await seedLegalSamples(t.db, () => undefined);
      expect(await count()).toEqual(before);
      const unmarked = await t.db.query(
        `SELECT p.e_id FROM legal_provisions p JOIN legal_acts a ON a.id = p.act_id
          WHERE a.is_sample AND a.title->>'ru' LIKE '%(образец)' AND NOT (p.text->>'ky' LIKE 'Үлгү текст — расмий редакция эмес.%' AND p.text->>'ru' LIKE 'Образец текста — не официальная редакция.%')`,
      );
      expect(unmarked).toEqual([]);
    });
  });
});
