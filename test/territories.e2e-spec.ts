import { API, expectProblem, signUp, TERRITORY } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface TerritoryView {
  id: string;
  code: string;
  level: string;
  name: { ky: string; ru: string; en: string };
  parentId: string | null;
  borderStatus: string | null;
}

const SEVEN_AIYL_AIMAKS = [
  'Ak-Tatyr',
  'Ak-Sai',
  'Samarkandek',
  'Tortkul',
  'Karabak',
  'Suu-Bashy',
  'Kyshtut',
];

const UNKNOWN_ID = '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a9999';

describe('territories: the public reference tree', () => {
  let t: TestApp;
  let all: TerritoryView[];

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get(`${API}/territories`).query({ limit: 100 });
    all = res.body.items;
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (query: Record<string, string | number> = {}) =>
    t.http.get(`${API}/territories`).query(query);

  it('lists territories without a token', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(res.body.items.length).toBeGreaterThan(0);
    const one = await t.http.get(`${API}/territories/${TERRITORY.akSai}`);
    expect(one.status).toBe(200);
  });

  it('answers the same to a signed-in caller', async () => {
    const user = await signUp(t);
    const res = await list({ limit: 100 }).set(user.auth);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(all);
  });

  it('has exactly one oblast, Batken, at the root', async () => {
    const res = await list({ level: 'oblast' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        id: TERRITORY.batkenOblast,
        code: 'batken-oblast',
        level: 'oblast',
        name: { ky: 'Баткен облусу', ru: 'Баткенская область', en: 'Batken oblast' },
        parentId: null,
        borderStatus: 'non_delimited',
      },
    ]);
  });

  it('has the Batken district under the oblast, and only it', async () => {
    const res = await list({ parentId: TERRITORY.batkenOblast });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        id: TERRITORY.batkenDistrict,
        code: 'batken-district',
        level: 'district',
        name: { ky: 'Баткен району', ru: 'Баткенский район', en: 'Batken district' },
        parentId: TERRITORY.batkenOblast,
        borderStatus: 'non_delimited',
      },
    ]);
    const districts = await list({ level: 'district' });
    expect(districts.body.items.map((d: TerritoryView) => d.id)).toEqual([
      TERRITORY.batkenDistrict,
    ]);
  });

  it('has exactly the seven border aiyl aimaks under the district, all non-delimited', async () => {
    const res = await list({ parentId: TERRITORY.batkenDistrict });
    expect(res.status).toBe(200);
    const items: TerritoryView[] = res.body.items;
    expect(items).toHaveLength(7);
    expect(items.map((a) => a.name.en).sort()).toEqual(
      SEVEN_AIYL_AIMAKS.map((n) => `${n} aiyl aimak`).sort(),
    );
    expect(items.map((a) => a.id).sort()).toEqual(
      [
        TERRITORY.akTatyr,
        TERRITORY.akSai,
        TERRITORY.samarkandek,
        TERRITORY.tortkul,
        TERRITORY.karabak,
        TERRITORY.suuBashy,
        TERRITORY.kyshtut,
      ].sort(),
    );
    for (const aimak of items) {
      expect(aimak).toMatchObject({
        level: 'aiyl_aimak',
        parentId: TERRITORY.batkenDistrict,
        borderStatus: 'non_delimited',
      });
    }
    const byLevel = await list({ level: 'aiyl_aimak' });
    expect(byLevel.body.items).toEqual(items);
  });

  it('spells the Kyrgyz and Russian names as the reference data does', () => {
    const byCode = new Map(all.map((x) => [x.code, x]));
    expect(byCode.get('ak-sai')?.name).toEqual({
      ky: 'Ак-Сай айыл аймагы',
      ru: 'Ак-Сайский айыльный аймак',
      en: 'Ak-Sai aiyl aimak',
    });
    expect(byCode.get('tortkul')?.name).toEqual({
      ky: 'Төрткүл айыл аймагы',
      ru: 'Торткульский айыльный аймак',
      en: 'Tortkul aiyl aimak',
    });
    expect(byCode.get('suu-bashy')?.name).toEqual({
      ky: 'Суу-Башы айыл аймагы',
      ru: 'Суу-Башинский айыльный аймак',
      en: 'Suu-Bashy aiyl aimak',
    });
    expect(byCode.get('kok-tash-village')?.name.ky).toBe('Көк-Таш айылы');
  });

  it('names every territory in ky, ru and en, and every one is non-delimited', () => {
    expect(all.length).toBe(13);
    for (const territory of all) {
      expect(Object.keys(territory.name).sort()).toEqual(['en', 'ky', 'ru']);
      for (const text of Object.values(territory.name)) expect(text).toMatch(/\S/);
      expect(territory.name.ky).toMatch(/[А-Яа-яӨөҮүҢң]/);
      expect(territory.name.ru).toMatch(/[А-Яа-я]/);
      expect(territory.name.en).toMatch(/^[A-Za-z -]+$/);
      expect(territory.borderStatus).toBe('non_delimited');
    }
  });

  it('forms one consistent tree: each parent exists and sits one level up', () => {
    const LEVELS = ['oblast', 'district', 'aiyl_aimak', 'village'];
    const byId = new Map(all.map((x) => [x.id, x]));
    expect(byId.size).toBe(all.length);
    for (const territory of all) {
      if (territory.level === 'oblast') {
        expect(territory.parentId).toBeNull();
        continue;
      }
      const parent = byId.get(territory.parentId ?? '');
      expect(parent).toBeDefined();
      expect(LEVELS.indexOf(parent!.level)).toBe(LEVELS.indexOf(territory.level) - 1);
    }
  });

  it('parentId lists only the direct children', async () => {
    const villages = await list({ parentId: TERRITORY.akSai });
    expect(villages.status).toBe(200);
    expect(villages.body.items.map((v: TerritoryView) => v.id).sort()).toEqual(
      [TERRITORY.akSaiVillage, TERRITORY.kokTashVillage].sort(),
    );
    for (const village of villages.body.items) expect(village.level).toBe('village');

    const leaf = await list({ parentId: TERRITORY.akSaiVillage });
    expect(leaf.body).toEqual({ items: [], nextCursor: null });
    const unknown = await list({ parentId: UNKNOWN_ID });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ items: [], nextCursor: null });
  });

  it('level lists one level of the tree', async () => {
    const res = await list({ level: 'village' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((v: TerritoryView) => v.code).sort()).toEqual([
      'ak-sai-village',
      'ak-tatyr-village',
      'kok-tash-village',
      'samarkandek-village',
    ]);
  });

  it('parentId and level combine', async () => {
    const villagesOfDistrict = await list({
      parentId: TERRITORY.batkenDistrict,
      level: 'village',
    });
    expect(villagesOfDistrict.body.items).toEqual([]);
    const villagesOfAkSai = await list({ parentId: TERRITORY.akSai, level: 'village' });
    expect(villagesOfAkSai.body.items).toHaveLength(2);
  });

  it.each(['region', 'Oblast', 'rayon', ''])('level=%p is a 400 naming level', async (level) => {
    const res = await list({ level });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'level' })]),
    );
  });

  it.each(['batken-district', '123', '0b0e6c1a-8f0c-4c59-9d0a'])(
    'parentId=%p that is not a UUID is a 400 naming parentId',
    async (parentId) => {
      const res = await list({ parentId });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'parentId' })]),
      );
    },
  );

  it('an unknown query parameter is a 400 naming it', async () => {
    const res = await list({ country: 'kg' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'country' })]),
    );
  });

  it('GET /territories/:id returns one territory as the list does', async () => {
    const res = await t.http.get(`${API}/territories/${TERRITORY.kyshtut}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: TERRITORY.kyshtut,
      code: 'kyshtut',
      level: 'aiyl_aimak',
      name: {
        ky: 'Кыштут айыл аймагы',
        ru: 'Кыштутский айыльный аймак',
        en: 'Kyshtut aiyl aimak',
      },
      parentId: TERRITORY.batkenDistrict,
      borderStatus: 'non_delimited',
    });
    for (const territory of all) {
      const one = await t.http.get(`${API}/territories/${territory.id}`);
      expect(one.body).toEqual(territory);
    }
  });

  it('an unknown territory id is a 404 and a malformed one a 400 naming id', async () => {
    expectProblem(await t.http.get(`${API}/territories/${UNKNOWN_ID}`), 404, 'not_found');
    const bad = await t.http.get(`${API}/territories/ak-sai`);
    expectProblem(bad, 400, 'validation_failed');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('limit=5 walks every territory in pages, without duplicates or gaps', async () => {
    const seen: TerritoryView[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const res = await list({ limit: 5, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      sizes.push(res.body.items.length);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
      expect(sizes.length).toBeLessThanOrEqual(3);
    } while (cursor);
    expect(sizes).toEqual([5, 5, 3]);
    expect(new Set(seen.map((x) => x.id)).size).toBe(13);
    expect(seen).toEqual(all);
  });

  it('a cursor keeps the filter it was issued under', async () => {
    const first = await list({ level: 'aiyl_aimak', limit: 3 });
    expect(first.body.items).toHaveLength(3);
    const second = await list({ level: 'aiyl_aimak', limit: 3, cursor: first.body.nextCursor });
    const third = await list({ level: 'aiyl_aimak', limit: 3, cursor: second.body.nextCursor });
    expect(third.body.items).toHaveLength(1);
    expect(third.body.nextCursor).toBeNull();
    const walked = [...first.body.items, ...second.body.items, ...third.body.items];
    expect(walked.every((x: TerritoryView) => x.level === 'aiyl_aimak')).toBe(true);
    expect(new Set(walked.map((x: TerritoryView) => x.id)).size).toBe(7);
  });

  it('the default page holds up to 20 and says there is no more when all fit', async () => {
    const res = await list();
    expect(res.body.items).toEqual(all);
    expect(res.body.nextCursor).toBeNull();
  });

  it.each(['0', '101', '-5', 'abc'])('limit=%s is a 400 naming limit', async (limit) => {
    const res = await list({ limit });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'limit' })]),
    );
  });

  it.each([
    '%%%',
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('{}').toString('base64url'),
  ])('a cursor this API did not issue (%s) is a 400 naming cursor', async (cursor) => {
    const res = await list({ cursor });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'cursor' })]),
    );
  });
});
