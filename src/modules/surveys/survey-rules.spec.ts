import { answerShapeProblems, canonicalJson, contentHash } from './survey-rules.js';

describe('the content a replay must match', () => {
  it('is the same whatever the order of object keys, at every level', () => {
    const a = {
      surveyId: 's',
      respondent: { gender: 'female', ageBand: '18-29' },
      answers: { b: 1, a: ['x', 'y'] },
    };
    const b = {
      answers: { a: ['x', 'y'], b: 1 },
      respondent: { ageBand: '18-29', gender: 'female' },
      surveyId: 's',
    };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('differs when a value or the order of a list differs', () => {
    const base = { answers: { rank: ['water', 'road'] } };
    expect(contentHash(base)).not.toBe(contentHash({ answers: { rank: ['road', 'water'] } }));
    expect(contentHash(base)).not.toBe(contentHash({ answers: { rank: ['water', 'road'], x: 1 } }));
    expect(canonicalJson({ a: null, b: undefined })).toBe('{"a":null}');
  });
});

describe('answer shapes', () => {
  it('takes texts, finite numbers, booleans and lists of texts only', () => {
    expect(answerShapeProblems({ a: 'x', b: 2.5, c: true, d: ['x'] })).toEqual([]);
    expect(answerShapeProblems({ a: { nested: 1 }, b: [1], c: null }).map((p) => p.field)).toEqual([
      'answers.a',
      'answers.b',
      'answers.c',
    ]);
  });
});
