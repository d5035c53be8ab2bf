// What a submission adds to the tallies, and the union of a survey's questions over its
// versions. Pure: shared by the tallies hook, the results and the export.
import type {
  Answers,
  AnswerValue,
  LocalisedText,
  QuestionType,
  SurveyChoice,
  SurveyQuestion,
} from '../survey-contract.js';

/**
 * Question types the results tabulate: each answer is one row of a choice table. A rank
 * question counts its first choice only; numbers, dates and text are not tabulated (the export
 * carries them). See docs/survey-results.md.
 */
export const TABULATED_TYPES: readonly QuestionType[] = [
  'single_choice',
  'multi_choice',
  'yes_no',
  'scale',
  'rank',
];

/** The reserved answer counting those who answered a question (the base of its percentages). */
export const ANSWERED = '';
/** The reserved question key counting submissions. */
export const SUBMISSIONS = '';
/**
 * The reserved age band of the rows summed over every age band: the groupings without age
 * read these (a fifth of the rows), the ones with age the others.
 */
export const ALL_AGES = '*';

export const YES_NO_CHOICES: SurveyChoice[] = [
  { code: 'yes', label: { ky: 'Ооба', ru: 'Да', en: 'Yes' } },
  { code: 'no', label: { ky: 'Жок', ru: 'Нет', en: 'No' } },
];

/** The codes one answer counts under, for a tabulated question (empty when none). */
export function answerCodes(type: QuestionType, value: AnswerValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  switch (type) {
    case 'single_choice':
    case 'yes_no':
      return typeof value === 'string' ? [value] : [];
    case 'scale':
      return typeof value === 'number' && Number.isFinite(value) ? [String(value)] : [];
    case 'multi_choice':
      return Array.isArray(value) ? [...new Set(value.map(String))] : [];
    case 'rank':
      return Array.isArray(value) && value.length ? [String(value[0])] : [];
    default:
      return [];
  }
}

/**
 * Whether a value is an answer to a tabulated question of this type (an empty multi_choice
 * is one: "none of these"; it counts in the base, under no choice).
 */
export function isAnswer(type: QuestionType, value: AnswerValue | undefined): boolean {
  switch (type) {
    case 'single_choice':
    case 'yes_no':
      return typeof value === 'string';
    case 'scale':
      return typeof value === 'number' && Number.isFinite(value);
    case 'multi_choice':
      return Array.isArray(value);
    case 'rank':
      return Array.isArray(value) && value.length > 0;
    default:
      return false;
  }
}

/**
 * The (question key, answer) pairs one submission counts under: one per code of each
 * tabulated question it answered, one `ANSWERED` per such question, and one for the
 * submission itself.
 */
export function tallyPairs(
  questions: readonly SurveyQuestion[],
  answers: Answers,
): [string, string][] {
  const pairs: [string, string][] = [[SUBMISSIONS, ANSWERED]];
  for (const q of questions) {
    if (!TABULATED_TYPES.includes(q.type) || !isAnswer(q.type, answers[q.key])) continue;
    pairs.push([q.key, ANSWERED]);
    for (const code of answerCodes(q.type, answers[q.key])) pairs.push([q.key, code]);
  }
  return pairs;
}

/** A question as it stands across every version of its survey. */
export interface MergedQuestion extends SurveyQuestion {
  /** The first and last versions that ask it (a retired question stops at the one before). */
  firstVersion: number;
  lastVersion: number;
  /** Retired in the latest version, or missing from it. */
  retired: boolean;
}

/**
 * The union of the questions of every version, in the order they first appear (a key added
 * later comes after the ones it followed). Labels and other settings come from the latest
 * version holding the key; choices are the union of every version's, latest labels winning.
 */
export function mergeVersions(
  versions: readonly { version: number; questions: readonly SurveyQuestion[] }[],
): MergedQuestion[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const latest = sorted.at(-1)?.version ?? 0;
  const merged = new Map<
    string,
    { def: SurveyQuestion; first: number; last: number; choices: Map<string, LocalisedText> }
  >();
  for (const { version, questions } of sorted) {
    for (const q of questions) {
      let entry = merged.get(q.key);
      if (!entry) {
        entry = { def: q, first: version, last: version, choices: new Map() };
        merged.set(q.key, entry);
      }
      entry.def = q;
      if (!q.retired) entry.last = version;
      for (const c of q.choices ?? []) entry.choices.set(c.code, c.label);
    }
  }
  return [...merged.values()].map(({ def, first, last, choices }) => {
    const { retired: _retired, choices: _choices, ...rest } = def;
    return {
      ...rest,
      ...(choices.size ? { choices: [...choices].map(([code, label]) => ({ code, label })) } : {}),
      firstVersion: first,
      lastVersion: last,
      retired: last < latest,
    };
  });
}

/** The rows of a question's result table: its choices (yes/no, or each scale point). */
export function choiceRows(q: SurveyQuestion, seen: Iterable<string>): SurveyChoice[] {
  let rows: SurveyChoice[];
  if (q.type === 'yes_no') rows = YES_NO_CHOICES;
  else if (q.type === 'scale') {
    const lo = Math.ceil(q.min ?? 1);
    const hi = Math.floor(q.max ?? 5);
    rows = [];
    for (let v = lo; v <= hi && rows.length < 101; v += 1)
      rows.push({ code: String(v), label: { ky: String(v), ru: String(v), en: String(v) } });
  } else rows = q.choices ?? [];
  const known = new Set(rows.map((r) => r.code));
  const extra = [...seen].filter((code) => code !== ANSWERED && !known.has(code)).sort();
  return [...rows, ...extra.map((code) => ({ code, label: { en: code } }))];
}
