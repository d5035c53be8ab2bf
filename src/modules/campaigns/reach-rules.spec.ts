import { kyrgyzDay, periodDays, reachHash, type ReachGroup, summarise } from './reach-rules.js';

const g = (over: Partial<ReachGroup>): ReachGroup => ({
  language: 'ky',
  territoryId: 't1',
  audience: 'women',
  estimated: false,
  female: 0,
  male: 0,
  undisclosed: 0,
  rows: 1,
  ...over,
});

describe('reach rules', () => {
  it("reads days on Kyrgyzstan's calendar (UTC+6)", () => {
    expect(kyrgyzDay(new Date('2026-03-01T17:59:59Z'))).toBe('2026-03-01');
    expect(kyrgyzDay(new Date('2026-03-01T18:00:00Z'))).toBe('2026-03-02');
  });

  it('a campaign ending at midnight has its last day the day before', () => {
    expect(periodDays(new Date('2026-02-28T18:00:00Z'), new Date('2026-03-31T18:00:00Z'))).toEqual({
      first: '2026-03-01',
      last: '2026-03-31',
    });
  });

  it('hashes the content whatever the case of the ids, and tells other content apart', () => {
    const row = {
      campaignId: 'AB',
      date: '2026-03-02',
      territoryId: 'T',
      channel: 'radio',
      publicationId: null,
      audience: 'women',
      female: 1,
      male: 2,
      undisclosed: 0,
      estimated: true,
      organisationId: 'O',
    };
    expect(reachHash(row)).toBe(reachHash({ ...row, campaignId: 'ab', territoryId: 't' }));
    expect(reachHash(row)).not.toBe(reachHash({ ...row, male: 3 }));
    expect(reachHash(row)).not.toBe(reachHash({ ...row, estimated: false }));
  });

  it('sums counted and estimated apart, languages and audiences in their order, places by code', () => {
    const places = new Map([
      ['t1', { id: 't1', code: 'b', level: 'aiyl_aimak', name: { ru: 'Б' } }],
      ['t2', { id: 't2', code: 'a', level: 'aiyl_aimak', name: { ru: 'А' } }],
    ]);
    const s = summarise(
      [
        g({ language: 'unknown', audience: 'youth', female: 5, estimated: true }),
        g({ language: 'ru', territoryId: 't2', female: 1, male: 2, undisclosed: 3 }),
        g({ language: 'ky', female: 4, rows: 2 }),
      ],
      places,
      { ky: 1, ru: 2, uz: 1 },
    );
    expect(s.rows).toBe(4);
    expect(s.byLanguage.map((l) => [l.language, l.publications, l.counted.total])).toEqual([
      ['ky', 1, 4],
      ['ru', 2, 6],
      ['uz', 1, 0],
      ['unknown', 0, 0],
    ]);
    expect(s.byLanguage[3].estimated).toEqual({ female: 5, male: 0, undisclosed: 0, total: 5 });
    expect(s.byTerritory.map((t) => t.territoryId)).toEqual(['t2', 't1']);
    expect(s.byAudience.map((a) => a.audience)).toEqual(['women', 'youth']);
    expect(s.byGender).toEqual([
      { gender: 'female', counted: 5, estimated: 5 },
      { gender: 'male', counted: 2, estimated: 0 },
      { gender: 'undisclosed', counted: 3, estimated: 0 },
    ]);
  });
});
