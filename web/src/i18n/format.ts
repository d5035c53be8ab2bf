// Plurals, dates, relative times and numbers in the reader's language, in local time as the
// browser keeps it. Chromium ships Intl data for Russian and English but none for Kyrgyz (a
// `ky` Intl call answers in English there, while Node's full ICU would answer in Kyrgyz and
// hide it), so the Kyrgyz plural rule, month and weekday names and relative-time words are
// shipped here from CLDR; Intl is never asked for `ky`. Tajik and Uzbek readers see Russian
// texts until translated (FALLBACK), so their dates and numbers are Russian too.
import type { Lang } from './index.js';
import { KY_MONTHS, KY_WEEKDAYS } from '../../../src/common/i18n/ky-calendar.js';

export type PluralCategory = 'zero' | 'one' | 'few' | 'many' | 'other';
type IntlLang = 'ru' | 'en';

/** The Intl locale used for a language's dates and numbers (never `ky`, see above). */
function intlLang(lang: Lang): IntlLang {
  return lang === 'en' ? 'en' : 'ru';
}

/** CLDR plural category of `n` in `lang`: ky, tg and uz have one (n = 1) and other; ru and en by Intl. */
export function pluralCategory(lang: Lang, n: number): PluralCategory {
  if (lang === 'ky' || lang === 'tg' || lang === 'uz') return n === 1 ? 'one' : 'other';
  return new Intl.PluralRules(lang).select(n) as PluralCategory;
}

export type DateInput = string | number | Date;

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A date (and time) a person reads, local time. ky follows CLDR's long pattern
 * `y-'ж'., d-MMMM` and joins the time with a space: `2026-ж., 30-ноябрь 15:05`; ru and en are
 * Intl's: `30 ноября 2026 г. в 15:05`, `November 30, 2026 at 15:05` (24-hour clock for all).
 * An unreadable value gives ''.
 */
export function formatDate(value: DateInput, lang: Lang, withTime = false): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '';
  if (lang === 'ky') {
    const time = withTime ? ` ${two(d.getHours())}:${two(d.getMinutes())}` : '';
    return `${d.getFullYear()}-ж., ${d.getDate()}-${KY_MONTHS[d.getMonth()]}${time}`;
  }
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' };
  if (withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return new Intl.DateTimeFormat(intlLang(lang), options).format(d);
}

/** The day of the week, lower case as inside a sentence in ky and ru: `дүйшөмбү`, `понедельник`, `Monday`. */
export function formatWeekday(value: DateInput, lang: Lang): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '';
  if (lang === 'ky') return KY_WEEKDAYS[d.getDay()] ?? '';
  return new Intl.DateTimeFormat(intlLang(lang), { weekday: 'long' }).format(d);
}

// CLDR `ky` relative times (past): Kyrgyz nouns after a numeral do not change, so one form each.
const KY_RELATIVE = {
  now: 'азыр',
  minute: '{n} мүнөт мурун',
  hour: '{n} саат мурун',
  day: '{n} күн мурун',
  yesterday: 'кечээ',
  dayBeforeYesterday: 'мурдагы күнү',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Whole calendar days from `a` to `b` in local time (DST-proof: days, not 24-hour spans). */
function calendarDays(a: Date, b: Date): number {
  const start = new Date(a.getFullYear(), a.getMonth(), a.getDate());
  const end = new Date(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((end.getTime() - start.getTime()) / (24 * HOUR));
}

/**
 * How long ago, for lists and chat: `азыр` / `сейчас` / `now` under a minute, then minutes,
 * hours (the same day), `кечээ` / `вчера` / `yesterday`, days, and from seven days on the date.
 * A time slightly ahead (a phone's clock behind the hub's) counts as now; far ahead, the date.
 */
export function formatRelative(value: DateInput, lang: Lang, now: DateInput = Date.now()): string {
  const then = toDate(value);
  const at = toDate(now);
  if (Number.isNaN(then.getTime())) return '';
  const ms = at.getTime() - then.getTime();
  if (ms < -HOUR) return formatDate(then, lang, true);
  const days = calendarDays(then, at);
  let unit: 'now' | 'minute' | 'hour' | 'day';
  let n: number;
  if (ms < MINUTE) [unit, n] = ['now', 0];
  else if (ms < HOUR) [unit, n] = ['minute', Math.floor(ms / MINUTE)];
  else if (days === 0) [unit, n] = ['hour', Math.floor(ms / HOUR)];
  else if (days < 7) [unit, n] = ['day', days];
  else return formatDate(then, lang);

  if (lang === 'ky') {
    if (unit === 'now') return KY_RELATIVE.now;
    if (unit === 'day' && n === 1) return KY_RELATIVE.yesterday;
    if (unit === 'day' && n === 2) return KY_RELATIVE.dayBeforeYesterday;
    return KY_RELATIVE[unit].replace('{n}', String(n));
  }
  const rtf = new Intl.RelativeTimeFormat(intlLang(lang), { numeric: 'auto' });
  return unit === 'now' ? rtf.format(0, 'second') : rtf.format(-n, unit);
}

/** A number with the language's separators: `1 234,5` (ky, ru: CLDR ky matches ru), `1,234.5` (en). */
export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(intlLang(lang)).format(value);
}
