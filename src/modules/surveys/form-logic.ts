// The survey form's rules, shared by the hub (the truth) and the web client (live skip logic):
// which rules a survey may hold, which questions are relevant given the answers so far, and
// which answers are acceptable. Pure: json-logic-js and the survey contract only, no Node,
// Nest or TypeORM, so the web client imports this file as it is.
import jsonLogic from 'json-logic-js';
import {
  CHOICE_TYPES,
  LOGIC_OPERATORS,
  type AnswerValue,
  type Answers,
  type LogicRule,
  type SurveyQuestion,
} from './survey-contract.js';

/** A question key: lower-case letters, digits and underscores, starting with a letter. */
export const QUESTION_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Keys an object already has in JavaScript: never a question's. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['constructor', 'prototype']);

/** Longest text answer by type (characters), unless the question's `max` says less. */
export const TEXT_MAX_LENGTH = { text: 500, long_text: 5000 } as const;

/** A scale without its own bounds runs 1 to 5. */
export const DEFAULT_SCALE = { min: 1, max: 5 } as const;

export type RuleProblemCode =
  | 'bad_key'
  | 'duplicate_key'
  | 'missing_choices'
  | 'choices_not_allowed'
  | 'duplicate_choice'
  | 'bad_range'
  | 'malformed_rule'
  | 'operator_not_allowed'
  | 'unknown_question'
  | 'later_question';

export interface RuleProblem {
  /** The question the problem is in. */
  key: string;
  /** Where in the question: `relevant`, `constraint`, `key`, `choices`, `min`. */
  field: 'key' | 'choices' | 'min' | 'relevant' | 'constraint';
  code: RuleProblemCode;
  params?: Record<string, string | number>;
}

export type AnswerProblemCode =
  | 'required'
  | 'not_relevant'
  | 'unknown_question'
  | 'wrong_type'
  | 'not_a_choice'
  | 'too_small'
  | 'too_large'
  | 'constraint'
  | 'retired';

export interface AnswerProblem {
  key: string;
  code: AnswerProblemCode;
  params?: Record<string, string | number>;
}

const OPERATORS: ReadonlySet<string> = new Set(LOGIC_OPERATORS);
/** Operators whose second argument runs over each element of the first (its `var`s name the element). */
const SCOPED_OPERATORS: ReadonlySet<string> = new Set(['some', 'all', 'none']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The question key a `var` path names: `water.0` names `water`. */
function rootKey(path: string): string {
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}

/** Checks one rule; `allowed` are the keys it may name, `later` the ones after it. */
function checkRule(
  rule: unknown,
  question: SurveyQuestion,
  field: 'relevant' | 'constraint',
  allowed: ReadonlySet<string>,
  known: ReadonlySet<string>,
  problems: RuleProblem[],
): void {
  const problem = (code: RuleProblemCode, params?: Record<string, string | number>): void => {
    problems.push({ key: question.key, field, code, ...(params ? { params } : {}) });
  };
  const nameKey = (name: unknown): void => {
    if (typeof name !== 'string' || name === '') {
      problem('malformed_rule');
      return;
    }
    const key = rootKey(name);
    if (allowed.has(key)) return;
    problem(known.has(key) ? 'later_question' : 'unknown_question', { name: key });
  };
  const walk = (node: unknown, scoped: boolean, depth: number): void => {
    if (depth > 32) {
      problem('malformed_rule');
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) walk(item, scoped, depth + 1);
      return;
    }
    if (!isPlainObject(node)) return;
    const operators = Object.keys(node);
    if (operators.length !== 1) {
      problem('malformed_rule');
      return;
    }
    const operator = operators[0];
    if (!OPERATORS.has(operator)) {
      problem('operator_not_allowed', { operator });
      return;
    }
    const raw = node[operator];
    const args: unknown[] = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    if (operator === 'var') {
      // Only a literal name: a computed one could name anything.
      const name = args[0];
      if (isPlainObject(name) || Array.isArray(name)) {
        problem('malformed_rule');
        return;
      }
      if (scoped) {
        // Inside some/all/none a var names the element (or a part of it).
        if (
          name !== undefined &&
          name !== null &&
          typeof name !== 'string' &&
          typeof name !== 'number'
        )
          problem('malformed_rule');
      } else {
        nameKey(typeof name === 'number' ? String(name) : name);
      }
      for (const rest of args.slice(1)) walk(rest, scoped, depth + 1);
      return;
    }
    if (operator === 'missing' || operator === 'missing_some') {
      const names = operator === 'missing_some' ? args[1] : args;
      if (operator === 'missing_some') walk(args[0], scoped, depth + 1);
      if (!Array.isArray(names)) {
        problem('malformed_rule');
        return;
      }
      for (const name of names) {
        if (isPlainObject(name)) walk(name, scoped, depth + 1);
        else if (!scoped) nameKey(name);
      }
      return;
    }
    if (SCOPED_OPERATORS.has(operator)) {
      if (args.length !== 2) {
        problem('malformed_rule');
        return;
      }
      walk(args[0], scoped, depth + 1);
      walk(args[1], true, depth + 1);
      return;
    }
    for (const arg of args) walk(arg, scoped, depth + 1);
  };
  if (!isPlainObject(rule)) {
    problem('malformed_rule');
    return;
  }
  walk(rule, false, 0);
}

/**
 * Everything wrong with a survey's questions as a form: keys, choice lists, ranges and the
 * rules. A rule may use only `LOGIC_OPERATORS` and name only earlier questions (a constraint
 * may also name its own question, the answer it checks), so no rule can loop.
 */
export function checkRules(questions: readonly SurveyQuestion[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const known = new Set(questions.map((question) => question.key));
  const earlier = new Set<string>();
  for (const question of questions) {
    if (!QUESTION_KEY_PATTERN.test(question.key) || RESERVED_KEYS.has(question.key)) {
      problems.push({ key: question.key, field: 'key', code: 'bad_key' });
    }
    if (earlier.has(question.key)) {
      problems.push({ key: question.key, field: 'key', code: 'duplicate_key' });
    }
    const takesChoices = CHOICE_TYPES.includes(question.type);
    if (takesChoices && (!question.choices || question.choices.length === 0)) {
      problems.push({ key: question.key, field: 'choices', code: 'missing_choices' });
    }
    if (!takesChoices && question.choices && question.choices.length > 0) {
      problems.push({ key: question.key, field: 'choices', code: 'choices_not_allowed' });
    }
    const codes = new Set<string>();
    for (const choice of question.choices ?? []) {
      if (codes.has(choice.code)) {
        problems.push({
          key: question.key,
          field: 'choices',
          code: 'duplicate_choice',
          params: { code: choice.code },
        });
      }
      codes.add(choice.code);
    }
    if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
      problems.push({ key: question.key, field: 'min', code: 'bad_range' });
    }
    // A retired question's rules were checked when it was current; it is never evaluated again.
    if (question.relevant !== undefined && !question.retired) {
      checkRule(question.relevant, question, 'relevant', earlier, known, problems);
    }
    if (question.constraint !== undefined && !question.retired) {
      const withSelf = new Set(earlier).add(question.key);
      checkRule(question.constraint, question, 'constraint', withSelf, known, problems);
    }
    earlier.add(question.key);
  }
  return problems;
}

/** An answer that says nothing: absent, null, an empty or blank string, an empty list. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function truthy(rule: LogicRule, data: Record<string, unknown>): boolean {
  try {
    return jsonLogic.truthy(jsonLogic.apply(rule, data));
  } catch {
    // A rule that cannot be evaluated on these answers does not hold.
    return false;
  }
}

/**
 * The keys of the questions that apply given these answers, in form order. A question is
 * judged on the answers to the earlier relevant questions that are there (an absent one reads
 * as null); answers to questions that are not relevant are ignored by later rules. Retired
 * questions and notes are never relevant (a note has nothing to answer).
 */
export function relevantKeys(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, unknown>>,
): Set<string> {
  const relevant = new Set<string>();
  // No prototype: a rule's `var` finds answers, never Object's own properties.
  const seen: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const question of questions) {
    if (question.retired) continue;
    if (question.relevant !== undefined && !truthy(question.relevant, seen)) continue;
    relevant.add(question.key);
    const value = answers[question.key];
    if (!isEmptyAnswer(value) && Object.hasOwn(answers, question.key)) seen[question.key] = value;
  }
  return relevant;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function rangeProblem(
  question: SurveyQuestion,
  measure: number,
  min: number | undefined,
  max: number | undefined,
): AnswerProblem | null {
  if (min !== undefined && measure < min) {
    return { key: question.key, code: 'too_small', params: { min } };
  }
  if (max !== undefined && measure > max) {
    return { key: question.key, code: 'too_large', params: { max } };
  }
  return null;
}

/** What is wrong with one answer to a relevant question by its type (null: nothing). */
export function checkAnswerType(question: SurveyQuestion, value: unknown): AnswerProblem | null {
  const wrongType: AnswerProblem = { key: question.key, code: 'wrong_type' };
  const codes = new Set((question.choices ?? []).map((choice) => choice.code));
  switch (question.type) {
    case 'single_choice':
      if (typeof value !== 'string') return wrongType;
      return codes.has(value)
        ? null
        : { key: question.key, code: 'not_a_choice', params: { value: value.slice(0, 64) } };
    case 'multi_choice':
    case 'rank': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        return wrongType;
      }
      if (new Set(value).size !== value.length) return wrongType;
      const stranger = value.find((item) => !codes.has(item));
      if (stranger !== undefined) {
        return {
          key: question.key,
          code: 'not_a_choice',
          params: { value: stranger.slice(0, 64) },
        };
      }
      return rangeProblem(question, value.length, question.min, question.max);
    }
    case 'yes_no':
      return value === 'yes' || value === 'no' ? null : wrongType;
    case 'scale':
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return wrongType;
      return question.type === 'scale'
        ? rangeProblem(
            question,
            value,
            question.min ?? DEFAULT_SCALE.min,
            question.max ?? DEFAULT_SCALE.max,
          )
        : rangeProblem(question, value, question.min, question.max);
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType;
      return rangeProblem(question, value, question.min, question.max);
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : wrongType;
    case 'text':
    case 'long_text': {
      if (typeof value !== 'string') return wrongType;
      const limit = Math.min(question.max ?? Infinity, TEXT_MAX_LENGTH[question.type]);
      return rangeProblem(question, [...value].length, question.min, limit);
    }
    case 'note':
      return wrongType;
    default:
      return wrongType;
  }
}

/**
 * Everything wrong with a set of answers to these questions: unknown keys, answers to retired
 * or non-relevant questions, required relevant questions left empty, wrong types, codes not in
 * the choice list, out-of-range values, broken constraints. One problem per key at most.
 */
export function validateAnswers(
  questions: readonly SurveyQuestion[],
  answers: Readonly<Record<string, unknown>>,
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byKey = new Map(questions.map((question) => [question.key, question]));
  const relevant = relevantKeys(questions, answers);
  for (const key of Object.keys(answers)) {
    const question = byKey.get(key);
    if (!question) problems.push({ key, code: 'unknown_question' });
    else if (question.retired && !isEmptyAnswer(answers[key])) {
      problems.push({ key, code: 'retired' });
    }
  }
  const seen: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const question of questions) {
    if (question.retired) continue;
    const present = Object.hasOwn(answers, question.key);
    const value = present ? answers[question.key] : undefined;
    if (!relevant.has(question.key)) {
      if (!isEmptyAnswer(value)) problems.push({ key: question.key, code: 'not_relevant' });
      continue;
    }
    if (isEmptyAnswer(value)) {
      if (question.required && question.type !== 'note') {
        problems.push({ key: question.key, code: 'required' });
      }
      continue;
    }
    const typeProblem = checkAnswerType(question, value);
    if (typeProblem) {
      problems.push(typeProblem);
      continue;
    }
    if (question.constraint !== undefined) {
      const data: Record<string, unknown> = Object.assign(Object.create(null), seen, {
        [question.key]: value,
      }) as Record<string, unknown>;
      if (!truthy(question.constraint, data)) {
        problems.push({ key: question.key, code: 'constraint' });
        continue;
      }
    }
    seen[question.key] = value;
  }
  return problems;
}

/** The answers with empty values dropped (what the hub stores). */
export function compactAnswers(answers: Readonly<Record<string, AnswerValue>>): Answers {
  const out: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    if (!isEmptyAnswer(value)) out[key] = value;
  }
  return out;
}

export type VersionProblemCode = 'type_changed' | 'choice_removed';

export interface VersionProblem {
  key: string;
  code: VersionProblemCode;
  params?: Record<string, string | number>;
}

/**
 * What a new version may not do to the previous one: change a key's type, or drop or rename
 * one of its choice codes. Relabelling, adding choices, adding questions, retiring and
 * un-retiring are fine (a question left out is kept as retired: see `carryRetired`).
 */
export function compareVersions(
  previous: readonly SurveyQuestion[],
  next: readonly SurveyQuestion[],
): VersionProblem[] {
  const problems: VersionProblem[] = [];
  const nextByKey = new Map(next.map((question) => [question.key, question]));
  for (const before of previous) {
    const after = nextByKey.get(before.key);
    if (!after) continue;
    if (after.type !== before.type) {
      problems.push({
        key: before.key,
        code: 'type_changed',
        params: { from: before.type, to: after.type },
      });
      continue;
    }
    const kept = new Set((after.choices ?? []).map((choice) => choice.code));
    for (const choice of before.choices ?? []) {
      if (!kept.has(choice.code)) {
        problems.push({ key: before.key, code: 'choice_removed', params: { code: choice.code } });
      }
    }
  }
  return problems;
}

/**
 * The next version's questions with every question of the previous one that it leaves out kept
 * as `retired: true`, in its old place (after the question it used to follow), so old answers
 * keep their label and exports keep their column.
 */
export function carryRetired(
  previous: readonly SurveyQuestion[],
  next: readonly SurveyQuestion[],
): SurveyQuestion[] {
  const result = next.map((question) => ({ ...question }));
  const present = new Set(result.map((question) => question.key));
  let anchor: string | null = null;
  for (const before of previous) {
    if (present.has(before.key)) {
      anchor = before.key;
      continue;
    }
    const retired: SurveyQuestion = { ...before, retired: true };
    const at = anchor === null ? 0 : result.findIndex((question) => question.key === anchor) + 1;
    result.splice(at, 0, retired);
    present.add(before.key);
    anchor = before.key;
  }
  return result;
}
