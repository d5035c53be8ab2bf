import {
  carryRetired,
  checkRules,
  compareVersions,
  relevantKeys,
  validateAnswers,
} from './form-logic.js';
import type { SurveyQuestion } from './survey-contract.js';

const questions: SurveyQuestion[] = [
  {
    key: 'water_source',
    type: 'single_choice',
    label: { ky: 'Суу кайдан?', ru: 'Откуда вода?' },
    required: true,
    choices: [
      { code: 'canal', label: { ru: 'Арык' } },
      { code: 'tap', label: { ru: 'Кран' } },
    ],
  },
  {
    key: 'canal_days',
    type: 'integer',
    label: { ru: 'Сколько дней в неделю?' },
    required: true,
    min: 0,
    max: 7,
    relevant: { '==': [{ var: 'water_source' }, 'canal'] },
  },
  {
    key: 'canal_clean',
    type: 'yes_no',
    label: { ru: 'Чистый?' },
    relevant: { '>': [{ var: 'canal_days' }, 0] },
  },
  { key: 'household', type: 'integer', label: { ru: 'Людей в семье' }, min: 1 },
  {
    key: 'children',
    type: 'integer',
    label: { ru: 'Детей' },
    constraint: { '<=': [{ var: 'children' }, { var: 'household' }] },
  },
  {
    key: 'needs',
    type: 'multi_choice',
    label: { ru: 'Нужды' },
    max: 2,
    choices: [
      { code: 'water', label: { ru: 'Вода' } },
      { code: 'road', label: { ru: 'Дорога' } },
      { code: 'school', label: { ru: 'Школа' } },
    ],
  },
  { key: 'visited', type: 'date', label: { ru: 'Дата' } },
  { key: 'comment', type: 'text', label: { ru: 'Комментарий' }, max: 10 },
  { key: 'old', type: 'text', label: { ru: 'Старый' }, retired: true },
];

describe('checkRules', () => {
  it('accepts rules over earlier questions with allowed operators', () => {
    expect(checkRules(questions)).toEqual([]);
  });

  it('refuses an operator outside the allow-list', () => {
    const bad: SurveyQuestion[] = [
      questions[0],
      {
        key: 'x',
        type: 'text',
        label: { ru: 'x' },
        relevant: { method: [{ var: 'water_source' }, 'toUpperCase'] },
      },
    ];
    expect(checkRules(bad)).toEqual([
      { key: 'x', field: 'relevant', code: 'operator_not_allowed', params: { operator: 'method' } },
    ]);
  });

  it('refuses a rule naming a later question, itself, or nothing known (no loops)', () => {
    const bad: SurveyQuestion[] = [
      { key: 'a', type: 'text', label: { ru: 'a' }, relevant: { '!!': { var: 'b' } } },
      { key: 'b', type: 'text', label: { ru: 'b' }, relevant: { '!!': { var: 'b' } } },
      { key: 'c', type: 'text', label: { ru: 'c' }, relevant: { missing: ['zzz'] } },
    ];
    expect(checkRules(bad).map((p) => [p.key, p.code])).toEqual([
      ['a', 'later_question'],
      ['b', 'later_question'],
      ['c', 'unknown_question'],
    ]);
  });

  it('refuses computed var names and multi-key objects', () => {
    const bad: SurveyQuestion[] = [
      questions[0],
      { key: 'x', type: 'text', label: { ru: 'x' }, relevant: { var: [{ var: 'water_source' }] } },
      { key: 'y', type: 'text', label: { ru: 'y' }, relevant: { '==': [1, 1], or: [] } },
    ];
    expect(checkRules(bad).map((p) => p.code)).toEqual(['malformed_rule', 'malformed_rule']);
  });

  it('lets some/all/none name the element inside their scope', () => {
    const ok: SurveyQuestion[] = [
      questions[5],
      {
        key: 'why_water',
        type: 'text',
        label: { ru: '?' },
        relevant: { some: [{ var: 'needs' }, { '==': [{ var: '' }, 'water'] }] },
      },
    ];
    expect(checkRules(ok)).toEqual([]);
  });

  it('reports duplicate keys, bad keys, missing choices and duplicate codes', () => {
    const bad: SurveyQuestion[] = [
      { key: 'A', type: 'text', label: { ru: 'a' } },
      { key: 'constructor', type: 'text', label: { ru: 'c' } },
      { key: 'b', type: 'single_choice', label: { ru: 'b' } },
      { key: 'b', type: 'text', label: { ru: 'b' } },
      {
        key: 'c',
        type: 'rank',
        label: { ru: 'c' },
        choices: [
          { code: 'x', label: { ru: 'x' } },
          { code: 'x', label: { ru: 'x' } },
        ],
      },
    ];
    expect(checkRules(bad).map((p) => [p.key, p.code])).toEqual([
      ['A', 'bad_key'],
      ['constructor', 'bad_key'],
      ['b', 'missing_choices'],
      ['b', 'duplicate_key'],
      ['c', 'duplicate_choice'],
    ]);
  });
});

describe('relevantKeys', () => {
  it('follows skip logic in order and skips retired questions', () => {
    const canal = relevantKeys(questions, { water_source: 'canal', canal_days: 3 });
    expect(canal.has('canal_days')).toBe(true);
    expect(canal.has('canal_clean')).toBe(true);
    expect(canal.has('old')).toBe(false);
    const tap = relevantKeys(questions, { water_source: 'tap', canal_days: 3 });
    expect(tap.has('canal_days')).toBe(false);
    // canal_days is not relevant, so its answer does not make canal_clean relevant.
    expect(tap.has('canal_clean')).toBe(false);
  });

  it('never reads Object properties as answers', () => {
    const tricky: SurveyQuestion[] = [
      { key: 'a', type: 'text', label: { ru: 'a' } },
      { key: 'b', type: 'text', label: { ru: 'b' }, relevant: { '!!': { var: 'a.constructor' } } },
    ];
    expect(relevantKeys(tricky, {}).has('b')).toBe(false);
  });

  it('judges a question on what is there when earlier answers are absent', () => {
    const none = relevantKeys(questions, {});
    expect(none.has('water_source')).toBe(true);
    expect(none.has('canal_days')).toBe(false);
  });
});

describe('validateAnswers', () => {
  it('accepts a complete relevant set', () => {
    expect(
      validateAnswers(questions, {
        water_source: 'canal',
        canal_days: 2,
        canal_clean: 'no',
        household: 5,
        children: 3,
        needs: ['water', 'road'],
        visited: '2026-11-30',
        comment: 'ok',
      }),
    ).toEqual([]);
  });

  it('requires only where relevant', () => {
    expect(validateAnswers(questions, { water_source: 'tap' })).toEqual([]);
    expect(validateAnswers(questions, { water_source: 'canal' })).toEqual([
      { key: 'canal_days', code: 'required' },
    ]);
    expect(validateAnswers(questions, {})).toEqual([{ key: 'water_source', code: 'required' }]);
  });

  it('refuses answers to questions that are not relevant, unknown or retired', () => {
    expect(
      validateAnswers(questions, { water_source: 'tap', canal_days: 3, zzz: 1, old: 'x' }),
    ).toEqual([
      { key: 'zzz', code: 'unknown_question' },
      { key: 'old', code: 'retired' },
      { key: 'canal_days', code: 'not_relevant' },
    ]);
  });

  it('checks types, ranges, choices and constraints', () => {
    const problems = validateAnswers(questions, {
      water_source: 'well',
      household: 0,
      children: 2,
      needs: ['water', 'road', 'school'],
      visited: '2026-02-30',
      comment: 'far too long here',
    });
    expect(problems).toEqual([
      { key: 'water_source', code: 'not_a_choice', params: { value: 'well' } },
      { key: 'household', code: 'too_small', params: { min: 1 } },
      // judged on the valid earlier answers only: household is not among them
      { key: 'children', code: 'constraint' },
      { key: 'needs', code: 'too_large', params: { max: 2 } },
      { key: 'visited', code: 'wrong_type' },
      { key: 'comment', code: 'too_large', params: { max: 10 } },
    ]);
    expect(validateAnswers(questions, { water_source: 'tap', household: 2, children: 3 })).toEqual([
      { key: 'children', code: 'constraint' },
    ]);
    expect(validateAnswers(questions, { water_source: 'tap', household: 2.5 })).toEqual([
      { key: 'household', code: 'wrong_type' },
    ]);
    expect(validateAnswers(questions, { water_source: ['tap'] })).toEqual([
      { key: 'water_source', code: 'wrong_type' },
    ]);
  });
});

describe('versions', () => {
  it('refuses a type change or a lost choice code, allows labels and additions', () => {
    const next = questions.map((question) =>
      question.key === 'water_source'
        ? {
            ...question,
            label: { ru: 'Источник воды' },
            choices: [...(question.choices ?? []), { code: 'well', label: { ru: 'Колодец' } }],
          }
        : question,
    );
    expect(compareVersions(questions, next)).toEqual([]);
    const typeChanged = questions.map((question) =>
      question.key === 'household' ? { ...question, type: 'decimal' as const } : question,
    );
    expect(compareVersions(questions, typeChanged)).toEqual([
      { key: 'household', code: 'type_changed', params: { from: 'integer', to: 'decimal' } },
    ]);
    const lost = questions.map((question) =>
      question.key === 'needs' ? { ...question, choices: question.choices?.slice(1) } : question,
    );
    expect(compareVersions(questions, lost)).toEqual([
      { key: 'needs', code: 'choice_removed', params: { code: 'water' } },
    ]);
  });

  it('keeps a question left out as retired in its old place', () => {
    const next = questions.filter((question) => question.key !== 'household');
    const merged = carryRetired(questions, next);
    expect(merged.map((question) => question.key)).toEqual(questions.map((q) => q.key));
    expect(merged.find((question) => question.key === 'household')?.retired).toBe(true);
    expect(checkRules(merged)).toEqual([]);
  });
});
