import type { SurveyQuestion } from '../survey-contract.js';
import { csvField, csvLine } from './export-columns.js';
import { choiceRows, mergeVersions, tallyPairs } from './tally.js';

const q = (key: string, type: SurveyQuestion['type'], extra: Partial<SurveyQuestion> = {}) => ({
  key,
  type,
  label: { ru: key },
  ...extra,
});
const choices = (...codes: string[]) => codes.map((code) => ({ code, label: { ru: code } }));

describe('tallyPairs', () => {
  it('counts each tabulated answer under its codes, its base and the submission', () => {
    const questions = [
      q('src', 'single_choice', { choices: choices('a', 'b') }),
      q('needs', 'multi_choice', { choices: choices('x', 'y') }),
      q('ok', 'yes_no'),
      q('score', 'scale'),
      q('order', 'rank', { choices: choices('x', 'y') }),
      q('age', 'integer'),
      q('note', 'text'),
    ];
    expect(
      tallyPairs(questions, {
        src: 'a',
        needs: ['x', 'y', 'x'],
        ok: 'no',
        score: 4,
        order: ['y', 'x'],
        age: 30,
        note: 'hello',
      }),
    ).toEqual([
      ['', ''],
      ['src', ''],
      ['src', 'a'],
      ['needs', ''],
      ['needs', 'x'],
      ['needs', 'y'],
      ['ok', ''],
      ['ok', 'no'],
      ['score', ''],
      ['score', '4'],
      ['order', ''],
      ['order', 'y'],
    ]);
  });

  it('counts an empty multi-choice in its base only, and skips what is absent or malformed', () => {
    const questions = [
      q('needs', 'multi_choice', { choices: choices('x') }),
      q('src', 'single_choice'),
      q('order', 'rank'),
    ];
    expect(tallyPairs(questions, { needs: [], src: 3, order: [] })).toEqual([
      ['', ''],
      ['needs', ''],
    ]);
  });
});

describe('mergeVersions', () => {
  it('keeps every question of every version, retired ones marked, choices united', () => {
    const merged = mergeVersions([
      {
        version: 2,
        questions: [
          q('src', 'single_choice', { choices: choices('a', 'c'), label: { ru: 'Новый' } }),
          { ...q('old', 'yes_no'), retired: true },
          q('added', 'text'),
        ],
      },
      {
        version: 1,
        questions: [
          q('src', 'single_choice', { choices: choices('a', 'b') }),
          q('old', 'yes_no'),
          q('dropped', 'integer'),
        ],
      },
    ]);
    expect(merged.map((m) => [m.key, m.firstVersion, m.lastVersion, m.retired])).toEqual([
      ['src', 1, 2, false],
      ['old', 1, 1, true],
      ['dropped', 1, 1, true],
      ['added', 2, 2, false],
    ]);
    expect(merged[0].label).toEqual({ ru: 'Новый' });
    expect(merged[0].choices!.map((c) => c.code)).toEqual(['a', 'b', 'c']);
  });
});

describe('choiceRows', () => {
  it('gives yes/no, each scale point, the choices and any code seen beyond them', () => {
    expect(choiceRows(q('ok', 'yes_no'), []).map((c) => c.code)).toEqual(['yes', 'no']);
    expect(choiceRows(q('s', 'scale', { min: 0, max: 3 }), []).map((c) => c.code)).toEqual([
      '0',
      '1',
      '2',
      '3',
    ]);
    expect(
      choiceRows(q('src', 'single_choice', { choices: choices('a') }), ['', 'a', 'zz']).map(
        (c) => c.code,
      ),
    ).toEqual(['a', 'zz']);
  });
});

describe('CSV fields', () => {
  it('quotes what needs it and defuses formulas', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvLine(['Суу', 1, null])).toBe('Суу,1,\r\n');
  });
});
