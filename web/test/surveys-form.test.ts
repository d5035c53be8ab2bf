// The survey form's state (issue 12): skip logic by the hub's own rules, what is sent (never an
// answer to a question that does not apply), problems in the reader's words, the hub's field
// errors back at their questions, texts in the reader's language with a fallback, and the
// builder's simple rules read back and accepted by checkRules.
import { beforeAll, describe, expect, it } from 'vitest';
import { lang, provideMessages } from '../src/i18n/index.js';
import { en } from '../src/i18n/messages/en/index.js';
import { ky } from '../src/i18n/messages/ky/index.js';
import { ru } from '../src/i18n/messages/ru/index.js';
import { checkRules, type SurveyQuestion } from '../src/surveys/contract.js';
import {
  hubFieldErrors,
  judge,
  localised,
  numberAnswer,
  problemWords,
  relevantAnswers,
  shownQuestions,
  withAnswer,
} from '../src/surveys/form-state.js';
import {
  constraintRule,
  readConstraint,
  readRelevant,
  relevantRule,
  parseRule,
} from '../src/surveys/rules.js';

const QUESTIONS: SurveyQuestion[] = [
  {
    key: 'water_source',
    type: 'single_choice',
    label: { ky: 'Сууну кайдан аласыз?', ru: 'Откуда вы берёте воду?' },
    required: true,
    choices: [
      { code: 'canal', label: { ky: 'Арык', ru: 'Арык' } },
      { code: 'tap', label: { ky: 'Кран', ru: 'Кран' } },
    ],
  },
  {
    key: 'canal_months',
    type: 'integer',
    label: { ky: 'Канча ай?', ru: 'Сколько месяцев?' },
    required: true,
    min: 1,
    max: 12,
    relevant: { '==': [{ var: 'water_source' }, 'canal'] },
  },
  {
    key: 'canal_dry',
    type: 'yes_no',
    label: { ky: 'Арык кургайбы?', ru: 'Арык пересыхает?' },
    relevant: { '>': [{ var: 'canal_months' }, 6] },
  },
  { key: 'intro', type: 'note', label: { ru: 'Спасибо' } },
  { key: 'old', type: 'text', label: { ru: 'Старый вопрос' }, retired: true },
];

beforeAll(() => {
  provideMessages('en', en);
  provideMessages('ky', ky);
  provideMessages('ru', ru);
});

describe('the survey form', () => {
  it('shows a question only when its rule holds on the answers so far', () => {
    const keys = (a: Record<string, string | number>) =>
      shownQuestions(QUESTIONS, a).map((q) => q.key);
    expect(keys({})).toEqual(['water_source', 'intro']);
    expect(keys({ water_source: 'canal' })).toEqual(['water_source', 'canal_months', 'intro']);
    expect(keys({ water_source: 'canal', canal_months: 8 })).toEqual([
      'water_source',
      'canal_months',
      'canal_dry',
      'intro',
    ]);
    // Retired questions are never asked.
    expect(keys({ water_source: 'tap' })).not.toContain('old');
  });

  it('drops answers to questions that no longer apply, in a chain', () => {
    const answers = { water_source: 'tap', canal_months: 8, canal_dry: 'yes' };
    expect(relevantAnswers(QUESTIONS, answers)).toEqual({ water_source: 'tap' });
    const { answers: sent, problems } = judge(QUESTIONS, answers);
    expect(sent).toEqual({ water_source: 'tap' });
    expect(problems).toEqual({});
  });

  it('finds what the hub would refuse: required where relevant, out of range, wrong type', () => {
    expect(Object.keys(judge(QUESTIONS, {}).problems)).toEqual(['water_source']);
    expect(judge(QUESTIONS, { water_source: 'canal' }).problems.canal_months?.code).toBe(
      'required',
    );
    expect(
      judge(QUESTIONS, { water_source: 'canal', canal_months: 13 }).problems.canal_months,
    ).toEqual({ key: 'canal_months', code: 'too_large', params: { max: 12 } });
    expect(
      judge(QUESTIONS, { water_source: 'canal', canal_months: 'көп' }).problems.canal_months?.code,
    ).toBe('wrong_type');
  });

  it('says each problem in the reader’s language with its figures', () => {
    lang.value = 'ru';
    expect(problemWords({ key: 'x', code: 'too_large', params: { max: 12 } })).toBe(
      'Не больше 12.',
    );
    lang.value = 'ky';
    expect(problemWords({ key: 'x', code: 'required' })).toBe('Бул суроого жооп бериңиз.');
  });

  it('keeps typed numbers as numbers, a decimal comma too, and the text when it is not one', () => {
    expect(numberAnswer('12', true)).toBe(12);
    expect(numberAnswer('2,5', false)).toBe(2.5);
    expect(numberAnswer('2,5', true)).toBe('2,5');
    expect(numberAnswer('  ', true)).toBeUndefined();
    expect(withAnswer({ a: 'x' }, 'a', '')).toEqual({});
    expect(withAnswer({}, 'm', [])).toEqual({});
  });

  it('maps the hub’s field errors to questions and respondent fields', () => {
    expect(
      hubFieldErrors([
        { field: 'answers.water_source', message: 'Выберите вариант' },
        { field: 'respondent.territoryId', message: 'Вне опроса' },
        { field: 'answers.water_source', message: 'second' },
      ]),
    ).toEqual({ water_source: 'Выберите вариант', 'respondent.territoryId': 'Вне опроса' });
  });

  it('takes texts in the reader’s language, else along the fallbacks, else any', () => {
    expect(localised({ ky: 'Суу', ru: 'Вода' }, 'ky')).toBe('Суу');
    expect(localised({ ru: 'Вода' }, 'ky')).toBe('Вода');
    expect(localised({ ru: 'Вода', en: 'Water' }, 'uz')).toBe('Вода');
    expect(localised({ en: 'Water' }, 'ru')).toBe('Water');
    expect(localised({ ky: 'Суу' }, 'en')).toBe('Суу');
    expect(localised(null)).toBe('');
  });
});

describe('the builder’s simple rules', () => {
  it('“show when” reads back from the rule it makes, for one and several choices', () => {
    for (const multi of [false, true])
      for (const op of ['is', 'not'] as const) {
        const s = { key: 'water_source', op, value: 'canal' };
        expect(readRelevant(relevantRule(s, multi))).toEqual(s);
      }
    expect(readRelevant({ and: [{ '==': [1, 1] }] })).toBeNull();
    expect(readRelevant(undefined)).toBeNull();
  });

  it('a constraint on the answer itself reads back and names only its own question', () => {
    const rule = constraintRule('canal_months', { op: '<=', value: 12 });
    expect(readConstraint('canal_months', rule)).toEqual({ op: '<=', value: 12 });
    expect(readConstraint('other', rule)).toBeNull();
  });

  it('checkRules accepts what the simple editors make and refuses a rule on a later question', () => {
    const made: SurveyQuestion[] = [
      { ...QUESTIONS[0] },
      {
        ...QUESTIONS[1],
        relevant: relevantRule({ key: 'water_source', op: 'not', value: 'tap' }, false),
        constraint: constraintRule('canal_months', { op: '>=', value: 1 }),
      },
    ];
    expect(checkRules(made)).toEqual([]);
    const backwards: SurveyQuestion[] = [
      {
        ...made[1],
        relevant: relevantRule({ key: 'water_source', op: 'is', value: 'canal' }, false),
      },
      made[0],
    ];
    expect(checkRules(backwards).map((p) => [p.key, p.field, p.code])).toEqual([
      ['canal_months', 'relevant', 'later_question'],
    ]);
  });

  it('the raw box takes a JSON object, empty for none, and refuses anything else', () => {
    expect(parseRule('{"==":[{"var":"a"},"b"]}')).toEqual({ rule: { '==': [{ var: 'a' }, 'b'] } });
    expect(parseRule('  ')).toEqual({ rule: undefined });
    expect(parseRule('[1]')).toEqual({ error: true });
    expect(parseRule('{"==":')).toEqual({ error: true });
  });
});
