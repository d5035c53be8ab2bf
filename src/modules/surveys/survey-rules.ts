// How the survey module turns form-logic's problems into field errors, and the canonical form
// of a submission's content (what a replay must match).
import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../common/errors/app-error.js';
import type { MessageKey } from '../../common/i18n/i18n.js';
import type {
  AnswerProblem,
  AnswerProblemCode,
  RuleProblem,
  RuleProblemCode,
} from './form-logic.js';

const ANSWER_KEYS: Record<AnswerProblemCode, MessageKey> = {
  required: 'surveys.answerRequired',
  not_relevant: 'surveys.answerNotRelevant',
  unknown_question: 'surveys.answerUnknownQuestion',
  wrong_type: 'surveys.answerWrongType',
  not_a_choice: 'surveys.answerNotAChoice',
  too_small: 'surveys.answerTooSmall',
  too_large: 'surveys.answerTooLarge',
  constraint: 'surveys.answerConstraint',
  retired: 'surveys.answerRetired',
};

const RULE_KEYS: Record<RuleProblemCode, MessageKey> = {
  bad_key: 'surveys.ruleBadKey',
  duplicate_key: 'surveys.ruleDuplicateKey',
  missing_choices: 'surveys.ruleMissingChoices',
  choices_not_allowed: 'surveys.ruleChoicesNotAllowed',
  duplicate_choice: 'surveys.ruleDuplicateChoice',
  bad_range: 'surveys.ruleBadRange',
  malformed_rule: 'surveys.ruleMalformed',
  operator_not_allowed: 'surveys.ruleOperatorNotAllowed',
  unknown_question: 'surveys.ruleUnknownQuestion',
  later_question: 'surveys.ruleLaterQuestion',
};

/** `answers.<key>` field errors, one per key. */
export function answerFieldProblems(problems: AnswerProblem[], prefix = 'answers'): FieldProblem[] {
  return problems.map((problem) => ({
    field: `${prefix}.${problem.key}`,
    key: ANSWER_KEYS[problem.code],
    params: problem.params,
  }));
}

/** `questions.<index>.<field>` field errors. */
export function ruleFieldProblems(
  problems: RuleProblem[],
  questions: readonly { key: string }[],
): FieldProblem[] {
  return problems.map((problem) => {
    const index = questions.findIndex((question) => question.key === problem.key);
    return {
      field: `questions.${index < 0 ? 0 : index}.${problem.field}`,
      key: RULE_KEYS[problem.code],
      params: problem.params,
    };
  });
}

/** JSON with object keys sorted at every level: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Whether every value is one an answer may be: text, a finite number, a boolean, a list of texts. */
export function answerShapeProblems(answers: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = Object.keys(answers);
  if (keys.length > 500) {
    problems.push({ field: 'answers', key: 'field.invalid' });
    return problems;
  }
  for (const key of keys) {
    const value = answers[key];
    const ok =
      typeof value === 'string'
        ? value.length <= 20000
        : typeof value === 'number'
          ? Number.isFinite(value)
          : typeof value === 'boolean' ||
            (Array.isArray(value) &&
              value.length <= 200 &&
              value.every((item) => typeof item === 'string' && item.length <= 200));
    if (!ok) problems.push({ field: `answers.${key}`, key: 'surveys.answerWrongType' });
  }
  return problems;
}
