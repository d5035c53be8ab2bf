// A moment inside a sentence the hub writes (a problem's detail, a notification), in the
// reader's language and Kyrgyzstan's time (UTC+6, no daylight saving), as the web client writes
// dates: ky `2026-ж., 1-декабрь 13:51` (CLDR's long pattern, names from ky-calendar.ts), ru
// `1 декабря 2026 г. в 13:51`, en `1 December 2026 at 13:51`.
import { KY_MONTHS } from './ky-calendar.js';

export const HUB_TIME_ZONE = 'Asia/Bishkek';

const OPTIONS: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: HUB_TIME_ZONE,
};
const RU = new Intl.DateTimeFormat('ru-RU', OPTIONS);
const EN = new Intl.DateTimeFormat('en-GB', OPTIONS);
const PARTS = new Intl.DateTimeFormat('en-GB', { ...OPTIONS, month: 'numeric' });

export function formatMoment(locale: 'ky' | 'ru' | 'en', moment: Date): string {
  if (Number.isNaN(moment.getTime())) return '';
  if (locale === 'ru') return RU.format(moment);
  if (locale === 'en') return EN.format(moment);
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of PARTS.formatToParts(moment)) part[type] = value;
  const month = KY_MONTHS[Number(part.month) - 1];
  return `${part.year}-ж., ${Number(part.day)}-${month} ${part.hour}:${part.minute}`;
}
