import { searchKey } from '../src/modules/search/search-key.js';
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

interface Match {
  field: 'title' | 'body';
  start: number;
  end: number;
  text: string;
  term: string;
  kind: 'exact' | 'thesaurus';
}
interface Hit {
  id: string;
  title: string;
  search: { rank: number; titleHighlight: string; snippet: string; matches: Match[] };
}

describe('search: folded letters, Latin and Cyrillic, the thesaurus', () => {
  let t: TestApp;
  let author: SignedUp;
  let admin: SignedUp;
  let member: SignedUp;
  const issue: Record<string, string> = {};

  const raise = async (key: string, title: string, body: string, language = 'ky') => {
    const res = await call(t, 'post', '/issues', author, {
      title,
      body,
      category: 'water_irrigation',
      territoryIds: [TERRITORY.akSaiVillage],
      decisionLevel: 'district',
      language,
    });
    expect(res.status).toBe(201);
    issue[key] = res.body.id as string;
  };
  const search = async (q: string): Promise<Hit[]> => {
    const res = await t.http.get(`${API}/issues`).set(author.auth).query({ q, limit: 100 });
    expect(res.status).toBe(200);
    return res.body.items as Hit[];
  };
  const ids = async (q: string): Promise<string[]> => (await search(q)).map((h) => h.id);

  beforeAll(async () => {
    t = await startTestApp();
    author = await signUp(t, { displayName: 'Айбек Осмонов' });
    admin = await signUp(t, { role: 'admin' });
    member = await signUp(t);
    await raise('kokTash', 'Көк-Таш айылы', 'Арыкты тазалоо керек, жайкы кезек бузулду.');
    await raise('share', 'Чек ара боюнча маселе', 'Айылдар ортосунда бөлүштүрүү адилетсиз.');
    await raise('suu', 'Суу келбей калды', 'Үч жумадан бери түтүктөн эч нерсе агып келбейт.');
    await raise('voda', 'Нет воды в селе', 'Вода не поступает уже третью неделю.', 'ru');
    await raise('batken', 'Баткенге жол', 'Жолду оңдоо керек.');
    await raise('hujand', 'Қишлоқда ҷӯй', 'Ҳамаи ҷӯйҳо хушк шуданд.', 'tg');
  });
  afterAll(async () => {
    await t.close();
  });

  it('the application and the database compute the same search key', async () => {
    const samples = [
      'Көк-Таш',
      'БӨЛҮШТҮРҮҮ',
      'Aibek Айбек',
      'Жалал-Абад',
      'Jalal-Abad',
      'Хуҷанд Khujand',
      "O'zbekiston Ўзбекистон",
      'Щукин Юсуп Ягодный ЁЖ',
      'Qishloq ҚИШЛОҚ ғ ҳ ӣ ӯ',
      'Straße Öztürk ÇAĞ',
      'a_b%c\\d',
    ];
    const rows: { k: string }[] = await t.db.query(
      'SELECT kenesh_key(s) AS k FROM unnest($1::text[]) WITH ORDINALITY AS x(s, n) ORDER BY n',
      [samples],
    );
    expect(rows.map((r) => r.k)).toEqual(samples.map(searchKey));
  });

  it('finds Kyrgyz letters typed without ө ү ң, in any case', async () => {
    expect(await ids('Кок-Таш')).toEqual([issue.kokTash]);
    expect(await ids('КОК-ТАШ')).toEqual([issue.kokTash]);
    expect(await ids('болуштуруу')).toEqual([issue.share]);
    expect(await ids('бөлүштүрүү')).toEqual([issue.share]);
  });

  it('folds the Tajik letters ҷ қ ғ ҳ ӣ ӯ', async () => {
    expect(await ids('кишлокда')).toEqual([issue.hujand]);
    expect(await ids('хамаи')).toEqual([issue.hujand]);
  });

  it('matches Latin and Cyrillic spellings of a name', async () => {
    expect(await ids('Kok-Tash')).toEqual([issue.kokTash]);
    expect(await ids('Batkenge')).toEqual([issue.batken]);
    expect(await ids('Qishloqda')).toEqual([issue.hujand]);
    const hit = (await search('Kok-Tash'))[0];
    expect(hit.search.titleHighlight).toBe('<mark>Көк-Таш</mark> айылы');
    expect(hit.search.matches).toEqual([
      { field: 'title', start: 0, end: 7, text: 'Көк-Таш', term: 'Kok-Tash', kind: 'exact' },
    ]);
  });

  it('expands a term of the thesaurus into the other languages', async () => {
    // вода (ru) → суу (ky); water (en) → both; suv (uz) → вода.
    expect((await ids('вода')).sort()).toEqual([issue.suu, issue.voda].sort());
    expect((await ids('water')).sort()).toEqual([issue.suu, issue.voda].sort());
    expect(await ids('suv')).toContain(issue.voda);
    expect(await ids('suv')).toContain(issue.suu);
    // a phrase: "чек ара" (border) finds no "граница" issue here but expands without error
    expect(await ids('чек ара')).toEqual([issue.share]);
  });

  it('ranks a match as typed above a thesaurus match, and says which is which', async () => {
    const hits = await search('вода');
    expect(hits.map((h) => h.id)).toEqual([issue.voda, issue.suu]);
    expect(hits[0].search.rank).toBeGreaterThan(hits[1].search.rank);
    const viaThesaurus = hits[1].search;
    expect(viaThesaurus.titleHighlight).toBe('<mark>Суу</mark> келбей калды');
    expect(viaThesaurus.matches[0]).toEqual({
      field: 'title',
      start: 0,
      end: 3,
      text: 'Суу',
      term: 'суу',
      kind: 'thesaurus',
    });
    expect(hits[0].search.matches.find((m) => m.field === 'body')).toMatchObject({
      text: 'Вода',
      kind: 'exact',
    });
  });

  it('members and organisations are found folded and across scripts', async () => {
    const members = async (q: string) =>
      (await t.http.get(`${API}/members`).set(member.auth).query({ q })).body.items.map(
        (u: { id: string }) => u.id,
      );
    expect(await members('Aibek')).toEqual([author.id]);
    expect(await members('айбек осмон')).toEqual([author.id]);
    const org = await makeOrganisation(t, author, { name: 'Көк-Таш суу пайдалануучулары' });
    const orgs = async (q: string) =>
      (await t.http.get(`${API}/organisations`).set(member.auth).query({ q })).body.items.map(
        (o: { id: string }) => o.id,
      );
    expect(await orgs('kok-tash')).toEqual([org.id]);
    expect(await orgs('Кок-Таш суу')).toEqual([org.id]);
    expect(await orgs('пайдалануучулары%')).toEqual([]);
  });

  describe('the thesaurus, /search-terms', () => {
    it('lists the seeded concepts to any member, filtered by a term in any spelling', async () => {
      const all = await call(t, 'get', '/search-terms?limit=100', member);
      expect(all.status).toBe(200);
      expect(all.body.nextCursor).toEqual(expect.any(String));
      const next = await call(
        t,
        'get',
        `/search-terms?limit=100&cursor=${all.body.nextCursor}`,
        member,
      );
      const rest = await call(
        t,
        'get',
        `/search-terms?limit=100&cursor=${next.body.nextCursor}`,
        member,
      );
      const count = all.body.items.length + next.body.items.length + rest.body.items.length;
      expect(count).toBeGreaterThanOrEqual(150);
      const water = await call(t, 'get', `/search-terms?q=${encodeURIComponent('суу')}`, member);
      expect(water.body.items.map((c: { name: string }) => c.name)).toContain('water');
      const pasture = await call(t, 'get', '/search-terms?q=jaiyt', member);
      expect(pasture.body.items[0]).toMatchObject({
        name: 'pasture',
        terms: {
          ky: expect.arrayContaining(['жайыт']),
          ru: expect.any(Array),
          tg: expect.any(Array),
          uz: expect.any(Array),
          en: expect.any(Array),
        },
      });
      expect((await call(t, 'get', '/search-terms')).status).toBe(401);
    });

    it('an admin adds a concept, searches use it at once, and the audit log has it', async () => {
      await raise('tandyr', 'Тандыр нан', 'Айылда тандыр жок.');
      expect(await ids('lepyoshka')).toEqual([]);
      const res = await call(t, 'post', '/search-terms', admin, {
        name: 'flatbread oven',
        terms: { ky: ['тандыр'], ru: ['тандыр печь', 'лепёшка'], en: ['clay oven'] },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), name: 'flatbread oven' });
      expect(await ids('лепешка')).toEqual([issue.tandyr]);
      const [entry] = await t.db.query(
        "SELECT actor_id, action, target_id FROM audit_log WHERE action = 'search_concept.create' AND target_id = $1",
        [res.body.id],
      );
      expect(entry).toEqual({
        actor_id: admin.id,
        action: 'search_concept.create',
        target_id: res.body.id,
      });

      const renamed = await call(t, 'patch', `/search-terms/${res.body.id}`, admin, {
        terms: { ky: ['тандыр'], en: ['tandoor'] },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.terms).toEqual({ ky: ['тандыр'], en: ['tandoor'] });
      expect(await ids('лепешка')).toEqual([]);
      expect(await ids('tandoor')).toEqual([issue.tandyr]);

      expect((await call(t, 'delete', `/search-terms/${res.body.id}`, admin)).status).toBe(204);
      expect(await ids('tandoor')).toEqual([]);
      const audited: { action: string }[] = await t.db.query(
        'SELECT action FROM audit_log WHERE target_id = $1 ORDER BY created_at',
        [res.body.id],
      );
      expect(audited.map((a) => a.action)).toEqual([
        'search_concept.create',
        'search_concept.update',
        'search_concept.delete',
      ]);
    });

    it('refuses members (403) and changes nothing', async () => {
      const body = { name: 'kettle', terms: { ky: ['чайнек'], en: ['kettle'] } };
      expectProblem(await call(t, 'post', '/search-terms', member, body), 403, 'forbidden');
      const [water] = (await call(t, 'get', '/search-terms?q=water', member)).body.items;
      expectProblem(
        await call(t, 'patch', `/search-terms/${water.id}`, member, body),
        403,
        'forbidden',
      );
      expectProblem(await call(t, 'delete', `/search-terms/${water.id}`, member), 403, 'forbidden');
      expect((await call(t, 'get', '/search-terms?q=kettle', member)).body.items).toEqual([]);
    });

    it('refuses a bad payload (400)', async () => {
      for (const body of [
        { name: 'x', terms: { fr: ['eau'], en: ['water2'] } },
        { name: 'x', terms: { ky: [''], en: ['a'] } },
        { name: 'x', terms: { ky: ['   '], en: ['a'] } },
        { name: 'x', terms: { ky: ['<script>'], en: ['a'] } },
        { name: 'x', terms: { ky: ['жалгыз'] } },
        { name: 'x', terms: { ky: ['көл', 'кол'], en: ['lake'] } },
        { name: '', terms: { ky: ['көл'], en: ['lake'] } },
        { name: 'x', terms: { ky: ['көл'], en: ['lake'] }, extra: 1 },
        { name: 'x', terms: { ky: 'көл', en: ['lake'] } },
      ]) {
        const res = await call(t, 'post', '/search-terms', admin, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      expectProblem(
        await call(t, 'patch', '/search-terms/not-a-uuid', admin, {}),
        400,
        'validation_failed',
      );
    });

    it('refuses a duplicate name or a term of another concept (409), in any spelling', async () => {
      const sameName = await call(t, 'post', '/search-terms', admin, {
        name: 'water',
        terms: { ky: ['көлмөк'], en: ['puddle'] },
      });
      expectProblem(sameName, 409, 'conflict');
      const takenTerm = await call(t, 'post', '/search-terms', admin, {
        name: 'lake water',
        terms: { ky: ['СУУ'], en: ['lake water'] },
      });
      expectProblem(takenTerm, 409, 'conflict');
      expect(takenTerm.body.detail).toContain('water');
      expectProblem(
        await call(t, 'patch', '/search-terms/00000000-0000-4000-8000-000000000000', admin, {
          name: 'y',
        }),
        404,
        'not_found',
      );
    });
  });
});
