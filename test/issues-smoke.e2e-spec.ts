import { API, TERRITORY, makeOrganisation, signUp } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('issues smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('raise, list, search, move, endorse, merge', async () => {
    const author = await signUp(t);
    const staff = await signUp(t, { role: 'facilitator' });
    const org = await makeOrganisation(t, author);
    const created = await t.http
      .post(`${API}/issues`)
      .set(author.auth)
      .send({
        title: 'Сугат суусунун графиги боюнча талаш',
        body: 'Ак-Сай жана Көк-Таш айылдарынын ортосунда суу бөлүштүрүү боюнча чыр-чатак. Канал жабылды.',
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSaiVillage],
        decisionLevel: 'district',
        organisationId: org.id,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'raised',
      following: true,
      followerCount: 1,
      allowedTransitions: ['discussing', 'closed'],
    });
    const list = await t.http
      .get(`${API}/issues`)
      .set(author.auth)
      .query({ territoryId: TERRITORY.batkenDistrict });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    const search = await t.http.get(`${API}/issues`).set(author.auth).query({ q: 'канал' });
    expect(search.status).toBe(200);
    expect(search.body.items[0].search.snippet).toContain('<mark>');
    const near = await t.http.get(`${API}/issues`).set(author.auth).query({ q: 'графиги сугат' });
    expect(near.body.items.length).toBe(1);
    const moved = await t.http
      .post(`${API}/issues/${created.body.id}/transitions`)
      .set(author.auth)
      .send({ to: 'prioritised' });
    expect(moved.status).toBe(409);
    expect(moved.body.detail).toMatch(/discussing/);
    const ok = await t.http
      .post(`${API}/issues/${created.body.id}/transitions`)
      .set(author.auth)
      .send({ to: 'discussing' });
    expect(ok.status).toBe(200);
    const endorse = await t.http
      .post(`${API}/issues/${created.body.id}/endorsements`)
      .set(author.auth)
      .send({ organisationId: org.id });
    expect(endorse.status).toBe(201);
    const again = await t.http
      .post(`${API}/issues/${created.body.id}/endorsements`)
      .set(author.auth)
      .send({ organisationId: org.id });
    expect(again.status).toBe(409);
    const dup = await t.http
      .post(`${API}/issues`)
      .set(author.auth)
      .send({
        title: 'Суу талаш',
        body: 'Ошол эле маселе',
        category: 'water_irrigation',
        territoryIds: [TERRITORY.akSai],
        decisionLevel: 'district',
      });
    const merged = await t.http
      .post(`${API}/issues/${dup.body.id}/merge`)
      .set(staff.auth)
      .send({ targetIssueId: created.body.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'merged', mergedIntoId: created.body.id });
    const history = await t.http.get(`${API}/issues/${dup.body.id}/history`).set(author.auth);
    expect(history.body.items.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'raised',
      'merged',
    ]);
    const page1 = await t.http
      .get(`${API}/issues`)
      .set(author.auth)
      .query({ limit: 1, sort: 'endorsed' });
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http
      .get(`${API}/issues`)
      .set(author.auth)
      .query({ limit: 1, sort: 'endorsed', cursor: page1.body.nextCursor });
    expect(page2.status).toBe(200);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
  });
});
