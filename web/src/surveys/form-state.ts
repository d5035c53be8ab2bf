// The state of a survey form, pure (unit-tested in web/test/surveys-form.test.ts): which
// questions show given the answers so far (the hub's own rules, form-logic.ts), which answers go
// out (never one to a question that is not relevant: the hub refuses those), what each problem
// says in the reader's words, and the hub's field errors mapped back to their questions.
import { ApiError } from '../api/client.js';
import { FALLBACK, lang, t, type Lang } from '../i18n/index.js';
import {
  relevantKeys,
  validateAnswers,
  type AnswerProblem,
  type AnswerValue,
  type Answers,
  type LocalisedText,
  type SurveyQuestion,
} from './contract.js';

/** A survey's text in `l`, else along the client's fallbacks, else any language it has. */
export function localised(text: LocalisedText | null | undefined, l: Lang = lang.value): string {
  if (!text) return '';
  const own = text[l];
  if (own) return own;
  for (const f of FALLBACK[l]) if (text[f]) return text[f];
  return Object.values(text).find((s) => !!s) ?? '';
}

/** The questions still asked (a later version may retire some). */
export const live = (questions: SurveyQuestion[]) => questions.filter((q) => !q.retired);

/**
 * The answers that count: only those to relevant questions, judged again until nothing changes
 * (dropping an answer may make a later question irrelevant in turn).
 */
export function relevantAnswers(questions: SurveyQuestion[], answers: Answers): Answers {
  let current = answers;
  for (let round = 0; round <= questions.length; round++) {
    const keep = relevantKeys(questions, current);
    const next: Answers = {};
    for (const [k, v] of Object.entries(current)) if (keep.has(k)) next[k] = v;
    if (Object.keys(next).length === Object.keys(current).length) return next;
    current = next;
  }
  return current;
}

/** The questions to show, in order, given the answers so far. */
export function shownQuestions(questions: SurveyQuestion[], answers: Answers): SurveyQuestion[] {
  const keep = relevantKeys(questions, relevantAnswers(questions, answers));
  // A note with no rule of its own shows wherever it stands.
  return live(questions).filter(
    (q) => keep.has(q.key) || (q.type === 'note' && q.relevant === undefined),
  );
}

/** One answer set or cleared (undefined, '' or an empty list clear it). */
export function withAnswer(answers: Answers, key: string, value: AnswerValue | undefined): Answers {
  const next = { ...answers };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    delete next[key];
  else next[key] = value;
  return next;
}

/** A typed number as the API carries it (integer/decimal); the text itself when it is not one. */
export function numberAnswer(raw: string, integer: boolean): AnswerValue | undefined {
  const s = raw.trim().replace(',', '.');
  if (!s) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return raw;
  return n;
}

/** What the form would send, and the problems the hub would find, keyed by question. */
export function judge(
  questions: SurveyQuestion[],
  answers: Answers,
): { answers: Answers; problems: Record<string, AnswerProblem> } {
  const sent = relevantAnswers(questions, answers);
  const problems: Record<string, AnswerProblem> = {};
  for (const p of validateAnswers(questions, sent)) problems[p.key] ??= p;
  return { answers: sent, problems };
}

/** A problem in the reader's words. */
export function problemWords(p: AnswerProblem): string {
  const params = Object.fromEntries(Object.entries(p.params ?? {}).map(([k, v]) => [k, String(v)]));
  switch (p.code) {
    case 'required':
      return t('surveys.err.required');
    case 'wrong_type':
      return t('surveys.err.wrongType');
    case 'not_a_choice':
      return t('surveys.err.notAChoice');
    case 'too_small':
      return params.min !== undefined
        ? t('surveys.err.tooSmall', { min: params.min })
        : t('surveys.err.invalid');
    case 'too_large':
      return params.max !== undefined
        ? t('surveys.err.tooLarge', { max: params.max })
        : t('surveys.err.invalid');
    case 'constraint':
      return t('surveys.err.constraint');
    case 'not_relevant':
      return t('surveys.err.notRelevant');
    default:
      return t('surveys.err.invalid');
  }
}

/**
 * The hub's field errors (`answers.<key>`, `respondent.<field>`, …) by question key or field,
 * in the hub's words (already in the reader's language).
 */
export function hubFieldErrors(
  errors: ReadonlyArray<{ field: string; message: string }> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const field = e.field.startsWith('answers.') ? e.field.slice('answers.'.length) : e.field;
    out[field] ??= e.message;
  }
  return out;
}

/** The same for a refused call. */
export function refusalFieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? hubFieldErrors(error.problem.errors) : {};
}
