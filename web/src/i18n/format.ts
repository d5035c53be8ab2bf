// Plurals and dates in the reader's language. Chromium has no Kyrgyz locale data in Intl, so the
// Kyrgyz month and weekday names and plural rule are shipped here; Russian and English use Intl.
import type { Lang } from './index.js';

export type PluralCategory = 'zero' | 'one' | 'few' | 'many' | 'other';

/** CLDR plural category of `n` in `lang`. */
export function pluralCategory(lang: Lang, n: number): PluralCategory {
  if (lang === 'ky' || lang === 'tg' || lang === 'uz') return n === 1 ? 'one' : 'other';
  const intlLang = lang === 'ru' ? 'ru' : 'en';
  return new Intl.PluralRules(intlLang).select(n) as PluralCategory;
}

const KY_MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** A date (and time) a person reads: `30-ноябрь, 2026-ж.`, `30 ноября 2026 г.`, `Nov 30, 2026`. */
export function formatDate(value: string | Date, lang: Lang, withTime = false): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  const time = withTime
    ? ` ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
    : '';
  if (lang === 'ky')
    return `${d.getFullYear()}-ж., ${d.getDate()}-${KY_MONTHS[d.getMonth()]}${time}`;
  const intlLang = lang === 'en' ? 'en' : 'ru';
  return d.toLocaleDateString(intlLang, { year: 'numeric', month: 'long', day: 'numeric' }) + time;
}
