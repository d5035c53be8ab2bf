// Words of the assessment screens: multilingual texts in the reader's language, and the groups of
// a cross-tab (gender, age band, border status, territory) by name.
import { lang, t, type MessageKey } from '../../i18n/index.js';
import { formatDate, formatNumber } from '../../i18n/format.js';
import { territoryById, territoryName } from '../../ui/territory-picker.js';
import {
  AGE_BANDS,
  GENDERS,
  RESULT_GROUPINGS,
} from '../../../../src/modules/surveys/survey-contract.js';
import type { LocalisedText, ResultGroup, ResultGrouping } from './api.js';

export { AGE_BANDS, GENDERS, RESULT_GROUPINGS };

/** A multilingual text in the reader's language (else Russian, Kyrgyz, English, any) and its language. */
export function pick(
  text: LocalisedText | string | null | undefined,
): [string, string | undefined] {
  if (!text) return ['', undefined];
  if (typeof text === 'string') return [text, undefined];
  for (const l of [lang.value, 'ru', 'ky', 'en', 'tg', 'uz'] as const) {
    const s = text[l];
    if (s) return [s, l];
  }
  return ['', undefined];
}

export const localised = (text: LocalisedText | string | null | undefined): string => pick(text)[0];

export const groupingText = (by: ResultGrouping): string => t(`res.by.${by}` as MessageKey);

export const genderText = (g: string): string => t(`as.gender.${g}` as MessageKey);
export const ageBandText = (a: string): string =>
  AGE_BANDS.includes(a as (typeof AGE_BANDS)[number]) ? t(`as.age.${a}` as MessageKey) : a;

/** One grouping's value of a group, in words. */
function partText(by: ResultGrouping, group: ResultGroup): string {
  switch (by) {
    case 'gender':
      return group.gender ? genderText(group.gender) : '';
    case 'ageBand':
      return group.ageBand ? ageBandText(group.ageBand) : '';
    case 'borderStatus':
      return group.borderStatus ? t(`res.border.${group.borderStatus}` as MessageKey) : '';
    case 'territory': {
      const l = lang.value;
      const named = group.territoryName;
      if (named) return l === 'ky' || l === 'ru' || l === 'en' ? named[l] : named.ru;
      return territoryName(territoryById(group.territoryId)) || t('res.otherPlace');
    }
  }
}

/** A group's name: each grouping's value in words, in the order asked (`Ак-Сай · Аялдар`). */
export function groupText(by: readonly ResultGrouping[], group: ResultGroup): string {
  return (
    by
      .map((b) => partText(b, group))
      .filter(Boolean)
      .join(' · ') || group.key
  );
}

export const num = (n: number): string => formatNumber(n, lang.value);
export const day = (at: string): string => formatDate(at, lang.value);
export const moment = (at: string): string => formatDate(at, lang.value, true);
