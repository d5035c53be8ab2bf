// The columns of a survey export and one submission's row (docs/survey-results.md). Pure.
import type { BorderStatus, TerritoryName } from '../../territories/territory.entity.js';
import type { AnswerValue, Answers, LocalisedText } from '../survey-contract.js';
import type { MergedQuestion } from './tally.js';
import { YES_NO_CHOICES } from './tally.js';

export type LabelLanguage = 'keys' | 'ky' | 'ru';
export type Cell = string | number | null;

/** A submission as the export reads it: no user id, no link id. */
export interface ExportedSubmission {
  id: string;
  version: number;
  mode: string;
  collectedOn: string | null;
  createdAt: string;
  gender: string;
  ageBand: string;
  territoryId: string;
  answers: Answers;
}

export interface ExportTerritory {
  code: string;
  name: TerritoryName;
  borderStatus: BorderStatus;
}

export interface ExportColumn {
  header: string;
  value: (s: ExportedSubmission) => Cell;
}

const FIXED_HEADERS: Record<LabelLanguage, string[]> = {
  keys: [
    'submission_id',
    'version',
    'mode',
    'collected_on',
    'created_at',
    'gender',
    'age_band',
    'territory_code',
    'territory_name',
    'border_status',
  ],
  ky: [
    'Жооптун ID',
    'Версия',
    'Ыкма',
    'Чогултулган күнү',
    'Киргизилген убакыт',
    'Жынысы',
    'Жаш тобу',
    'Аймактын коду',
    'Аймак',
    'Чек ара абалы',
  ],
  ru: [
    'ID ответа',
    'Версия',
    'Способ',
    'Дата сбора',
    'Время ввода',
    'Пол',
    'Возрастная группа',
    'Код территории',
    'Территория',
    'Статус границы',
  ],
};

/** Labels of the fixed vocabularies in the export (codes when labels are keys). */
const VOCABULARY: Record<'ky' | 'ru', Record<string, string>> = {
  ky: {
    female: 'аял',
    male: 'эркек',
    undisclosed: 'көрсөтүлгөн эмес',
    online: 'онлайн',
    in_person: 'жеке',
    paper: 'кагаз',
    delimited: 'делимитацияланган',
    non_delimited: 'делимитацияланбаган',
    none: 'чек ара жок',
  },
  ru: {
    female: 'женский',
    male: 'мужской',
    undisclosed: 'не указан',
    online: 'онлайн',
    in_person: 'лично',
    paper: 'бумага',
    delimited: 'делимитирована',
    non_delimited: 'не делимитирована',
    none: 'нет границы',
  },
};

function word(language: LabelLanguage, code: string): string {
  return language === 'keys' ? code : (VOCABULARY[language][code] ?? code);
}

/** A label in the language, else in the other one, else English, else the fallback. */
export function labelIn(
  text: LocalisedText | undefined,
  language: LabelLanguage,
  fallback: string,
): string {
  if (language === 'keys' || !text) return fallback;
  const other = language === 'ky' ? 'ru' : 'ky';
  return text[language] ?? text[other] ?? text.en ?? fallback;
}

/** Choices of a question with codes (yes_no's are fixed). */
function choicesOf(q: MergedQuestion): { code: string; label: LocalisedText }[] {
  return q.type === 'yes_no' ? YES_NO_CHOICES : (q.choices ?? []);
}

/**
 * The export's columns: the submission's own fields, then every question of every version
 * (retired ones too) except notes. A multi_choice question is one column per choice, 1 when
 * chosen, 0 when answered without it, empty when not answered; a rank question is one column
 * with the choices in order, joined by "; ".
 */
export function exportColumns(
  questions: readonly MergedQuestion[],
  language: LabelLanguage,
  territories: ReadonlyMap<string, ExportTerritory>,
): ExportColumn[] {
  const fixed = FIXED_HEADERS[language];
  const place = (s: ExportedSubmission) => territories.get(s.territoryId);
  const columns: ExportColumn[] = [
    { header: fixed[0], value: (s) => s.id },
    { header: fixed[1], value: (s) => s.version },
    { header: fixed[2], value: (s) => word(language, s.mode) },
    { header: fixed[3], value: (s) => s.collectedOn },
    { header: fixed[4], value: (s) => s.createdAt },
    { header: fixed[5], value: (s) => word(language, s.gender) },
    { header: fixed[6], value: (s) => s.ageBand },
    { header: fixed[7], value: (s) => place(s)?.code ?? s.territoryId },
    {
      header: fixed[8],
      value: (s) => {
        const name = place(s)?.name;
        return name ? name[language === 'keys' ? 'en' : language] : null;
      },
    },
    { header: fixed[9], value: (s) => word(language, place(s)?.borderStatus ?? 'none') },
  ];
  for (const q of questions) {
    if (q.type === 'note') continue;
    const title = labelIn(q.label, language, q.key);
    const choices = choicesOf(q);
    const choiceLabel = (code: string) =>
      labelIn(choices.find((c) => c.code === code)?.label, language, code);
    if (q.type === 'multi_choice') {
      for (const choice of choices) {
        columns.push({
          header:
            language === 'keys'
              ? `${q.key}/${choice.code}`
              : `${title}: ${labelIn(choice.label, language, choice.code)}`,
          value: (s) => {
            const answer = s.answers[q.key];
            if (!Array.isArray(answer)) return null;
            return answer.includes(choice.code) ? 1 : 0;
          },
        });
      }
      continue;
    }
    columns.push({
      header: title,
      value: (s) => {
        const answer: AnswerValue | undefined = s.answers[q.key];
        if (answer === undefined || answer === null) return null;
        if (Array.isArray(answer)) return answer.map((code) => choiceLabel(code)).join('; ');
        if (typeof answer === 'number') return answer;
        if (typeof answer === 'boolean') return choiceLabel(answer ? 'yes' : 'no');
        if (q.type === 'single_choice' || q.type === 'yes_no') return choiceLabel(answer);
        return answer;
      },
    });
  }
  return columns;
}

/** The codebook sheet's header and rows: one row per question of every version. */
export function codebookRows(questions: readonly MergedQuestion[]): {
  header: string[];
  rows: Cell[][];
} {
  const header = [
    'key',
    'type',
    'label_ky',
    'label_ru',
    'label_en',
    'choices',
    'first_version',
    'last_version',
    'retired',
  ];
  const rows = questions.map((q): Cell[] => [
    q.key,
    q.type,
    q.label.ky ?? null,
    q.label.ru ?? null,
    q.label.en ?? null,
    choicesOf(q)
      .map((c) => `${c.code} = ${[c.label.ky, c.label.ru, c.label.en].filter(Boolean).join(' / ')}`)
      .join('\n') || null,
    q.firstVersion,
    q.lastVersion,
    q.retired ? 1 : 0,
  ]);
  return { header, rows };
}

/** CSV field, RFC 4180; a text starting like a formula is prefixed with ' (spreadsheet injection). */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly Cell[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The byte-order mark spreadsheet programs need to read UTF-8 (Cyrillic) as such. */
export const UTF8_BOM = '\uFEFF';
