import { byRank, scoreBallot } from './ballot-scoring.js';

const [a, b, c, d] = ['a', 'b', 'c', 'd'];

describe('scoreBallot', () => {
  it('approval: one point per organisation that ticked an issue', () => {
    const scores = scoreBallot(
      'approval',
      [a, b, c],
      [{ choices: [a, b] }, { choices: [b] }, { choices: [] }],
    );
    expect(scores).toEqual([
      { issueId: a, score: 1, rank: 2 },
      { issueId: b, score: 2, rank: 1 },
      { issueId: c, score: 0, rank: 3 },
    ]);
  });

  it("ranked: Loomio's n − rank + 1, with n the number of issues on the ballot", () => {
    // n = 4: first 4, second 3, third 2; unranked 0.
    const scores = scoreBallot(
      'ranked',
      [a, b, c, d],
      [{ choices: [c, a] }, { choices: [a, b, c] }],
    );
    expect(scores.map((s) => s.score)).toEqual([3 + 4, 3, 4 + 2, 0]);
    expect(byRank(scores).map((s) => [s.issueId, s.rank])).toEqual([
      [a, 1],
      [c, 2],
      [b, 3],
      [d, 4],
    ]);
  });

  it('dot: the points summed', () => {
    const scores = scoreBallot('dot', [a, b], [{ points: { a: 3, b: 2 } }, { points: { b: 5 } }]);
    expect(scores).toEqual([
      { issueId: a, score: 3, rank: 2 },
      { issueId: b, score: 7, rank: 1 },
    ]);
  });

  it('ties share a rank and the next rank is skipped; the ballot order breaks ties in the listing', () => {
    const scores = scoreBallot(
      'approval',
      [a, b, c, d],
      [{ choices: [b, c] }, { choices: [b, d] }],
    );
    expect(byRank(scores).map((s) => [s.issueId, s.rank])).toEqual([
      [b, 1],
      [c, 2],
      [d, 2],
      [a, 4],
    ]);
  });

  it('ignores issues not on the ballot and counts nothing without votes', () => {
    expect(scoreBallot('ranked', [a, b], [{ choices: ['x', a] }]).map((s) => s.score)).toEqual([
      1, 0,
    ]);
    expect(scoreBallot('dot', [a, b], []).every((s) => s.score === 0 && s.rank === 1)).toBe(true);
  });
});
