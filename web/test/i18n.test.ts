// The client's words (issue 10): fallbacks between languages, parameters, plurals, the first
// language, and dates, relative times and numbers in ky, ru and en at a fixed clock in Bishkek
// time (vite.config.ts sets TZ). Intl is made to refuse Kyrgyz here, as Chromium (which has no
// `ky` data) would answer it in English while Node's full ICU would hide the gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatDate,
  formatNumber,
  formatRelative,
  formatWeekday,
  pluralCategory,
} from '../src/i18n/format.js';
import {
  has,
  initialLang,
  lang,
  provideMessages,
  setLang,
  loadFallbacks,
  t,
  type Lang,
  type MessageKey,
} from '../src/i18n/index.js';
import type { Messages } from '../src/i18n/messages/en/index.js';
import { ru } from '../src/i18n/messages/ru/index.js';

const real = {
  DateTimeFormat: Intl.DateTimeFormat,
  RelativeTimeFormat: Intl.RelativeTimeFormat,
  PluralRules: Intl.PluralRules,
  NumberFormat: Intl.NumberFormat,
};
// Kept to be put back as they were; called only through Reflect.apply with a Date.
const dateProto = Date.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
const realToLocale = Object.fromEntries(
  ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].map((n) => [n, dateProto[n]]),
);

function refuseKyrgyz(locales: unknown): void {
  const list = [locales].flat();
  if (list.length === 0 || list[0] === undefined)
    throw new Error('Intl called without a locale: the browser would pick its own');
  if (list.some((l) => typeof l === 'string' && /^ky(-|$)/i.test(l)))
    throw new Error('Intl asked for ky: Chromium has no Kyrgyz data');
}

beforeAll(() => {
  const intl = Intl as unknown as Record<string, unknown>;
  for (const [name, Real] of Object.entries(real)) {
    intl[name] = new Proxy(Real, {
      construct(target, args, newTarget) {
        refuseKyrgyz(args[0]);
        return Reflect.construct(target, args, newTarget) as object;
      },
      apply(target, self, args) {
        refuseKyrgyz(args[0]);
        return Reflect.apply(target, self, args) as unknown;
      },
    });
  }
  for (const [name, fn] of Object.entries(realToLocale)) {
    dateProto[name] = function (this: Date, ...args: unknown[]) {
      refuseKyrgyz(args[0]);
      return Reflect.apply(fn, this, args);
    };
  }
});

afterAll(() => {
  Object.assign(Intl, real);
  Object.assign(Date.prototype, realToLocale);
});

describe('message files', () => {
  it('loads a language with its fallbacks: Tajik and Uzbek readers see Russian', async () => {
    await setLang('tg');
    await loadFallbacks();
    expect(lang.value).toBe('tg');
    expect(t('nav.issues')).toBe(ru['nav.issues']);
    expect(t('nav.issues', undefined, 'uz')).toBe(ru['nav.issues']);
    await setLang('ky');
    expect(t('nav.issues')).not.toBe(ru['nav.issues']);
  });
});

describe('t()', () => {
  const k = (key: string) => key as MessageKey;
  beforeAll(() => {
    const en = {
      'x.everywhere': 'en everywhere',
      'x.ruAndEn': 'en ruAndEn',
      'x.enOnly': 'en only',
      'x.greeting': 'Hello, {name}! {name}, you have {count} new',
      'x.comments': { one: '{count} comment', other: '{count} comments' },
      'x.ruPlural': { one: '{count} comment', other: '{count} comments' },
    };
    provideMessages('en', en as unknown as Messages);
    provideMessages('ru', {
      'x.everywhere': 'ru everywhere',
      'x.ruAndEn': 'ru ruAndEn',
      'x.greeting': 'Здравствуйте, {name}! {name}, у вас {count} новых',
      'x.comments': {
        one: '{count} комментарий',
        few: '{count} комментария',
        many: '{count} комментариев',
        other: '{count} комментария',
      },
      'x.ruPlural': {
        one: '{count} комментарий',
        few: '{count} комментария',
        many: '{count} комментариев',
        other: '{count} комментария',
      },
    } as unknown as Messages);
    provideMessages('ky', {
      'x.everywhere': 'ky everywhere',
      'x.greeting': 'Саламатсызбы, {name}!',
      'x.comments': { one: '{count} пикир', other: '{count} пикир' },
    } as unknown as Messages);
  });

  it('takes the reader’s language first', () => {
    expect(t(k('x.everywhere'), undefined, 'ky')).toBe('ky everywhere');
    expect(t(k('x.everywhere'), undefined, 'ru')).toBe('ru everywhere');
    expect(t(k('x.everywhere'), undefined, 'en')).toBe('en everywhere');
  });

  it('falls back ky → ru → en, and tg/uz → ru → en', () => {
    expect(t(k('x.ruAndEn'), undefined, 'ky')).toBe('ru ruAndEn');
    expect(t(k('x.enOnly'), undefined, 'ky')).toBe('en only');
    expect(t(k('x.enOnly'), undefined, 'ru')).toBe('en only');
    for (const l of ['tg', 'uz'] as const) {
      expect(t(k('x.everywhere'), undefined, l)).toBe('ru everywhere');
      expect(t(k('x.enOnly'), undefined, l)).toBe('en only');
    }
    // English never borrows from another language.
    expect(t(k('x.kyOnly'), undefined, 'en')).toBe('x.kyOnly');
  });

  it('answers an unknown key with the key itself', () => {
    expect(t(k('no.such.key'), undefined, 'ky')).toBe('no.such.key');
    expect(has('no.such.key', 'ky')).toBe(false);
    expect(has('x.enOnly', 'ky')).toBe(true);
  });

  it('fills every {name}, and leaves one without a value as written', () => {
    expect(t(k('x.greeting'), { name: 'Айгүл', count: 3 }, 'ru')).toBe(
      'Здравствуйте, Айгүл! Айгүл, у вас 3 новых',
    );
    expect(t(k('x.greeting'), { name: 'Айгүл' }, 'ky')).toBe('Саламатсызбы, Айгүл!');
    expect(t(k('x.greeting'), { count: 1 }, 'en')).toBe('Hello, {name}! {name}, you have 1 new');
    expect(t(k('x.everywhere'), { name: 'unused' }, 'en')).toBe('en everywhere');
  });

  it('picks the Russian plural form by count', () => {
    const ruComments = (n: number) => t(k('x.comments'), { count: n }, 'ru');
    expect(ruComments(1)).toBe('1 комментарий');
    expect(ruComments(2)).toBe('2 комментария');
    expect(ruComments(4)).toBe('4 комментария');
    expect(ruComments(5)).toBe('5 комментариев');
    expect(ruComments(11)).toBe('11 комментариев');
    expect(ruComments(21)).toBe('21 комментарий');
    expect(ruComments(22)).toBe('22 комментария');
    expect(ruComments(0)).toBe('0 комментариев');
    expect(ruComments(1.5)).toBe('1.5 комментария');
  });

  it('picks the Kyrgyz and English plural forms by count', () => {
    expect(t(k('x.comments'), { count: 1 }, 'ky')).toBe('1 пикир');
    expect(t(k('x.comments'), { count: 21 }, 'ky')).toBe('21 пикир');
    expect(t(k('x.comments'), { count: 1 }, 'en')).toBe('1 comment');
    expect(t(k('x.comments'), { count: 2 }, 'en')).toBe('2 comments');
  });

  it('uses the plural rule of the language a fallback text is in', () => {
    // Russian texts shown to Tajik, Uzbek and (for a missing key) Kyrgyz readers.
    for (const l of ['tg', 'uz', 'ky'] as const) {
      expect(t(k('x.ruPlural'), { count: 5 }, l)).toBe('5 комментариев');
      expect(t(k('x.ruPlural'), { count: 3 }, l)).toBe('3 комментария');
      expect(t(k('x.ruPlural'), { count: 21 }, l)).toBe('21 комментарий');
    }
  });
});

describe('pluralCategory', () => {
  it('follows CLDR: ky one/other, ru one/few/many/other, en one/other', () => {
    expect([0, 1, 2, 5, 21, 1.5].map((n) => pluralCategory('ky', n))).toEqual([
      'other',
      'one',
      'other',
      'other',
      'other',
      'other',
    ]);
    expect([0, 1, 2, 5, 11, 21, 22, 1.5].map((n) => pluralCategory('ru', n))).toEqual([
      'many',
      'one',
      'few',
      'many',
      'many',
      'one',
      'few',
      'other',
    ]);
    expect([0, 1, 2].map((n) => pluralCategory('en', n))).toEqual(['other', 'one', 'other']);
  });

  it('matches CLDR’s Kyrgyz rule as ICU has it', () => {
    const icu = new real.PluralRules('ky');
    for (const n of [0, 1, 2, 3, 7, 11, 21, 100, 0.5, 1.5])
      expect(pluralCategory('ky', n)).toBe(icu.select(n));
  });
});

describe('initialLang', () => {
  it('takes the stored choice first', () => {
    expect(initialLang('ru', ['en-US', 'ky'])).toBe('ru');
    expect(initialLang('uz', [])).toBe('uz');
  });

  it('then the first browser language it knows', () => {
    expect(initialLang(null, ['de-DE', 'ru-RU', 'en'])).toBe('ru');
    expect(initialLang(null, ['RU-kg'])).toBe('ru');
    expect(initialLang(null, ['uz-Latn-UZ', 'ru'])).toBe('uz');
    expect(initialLang('klingon', ['en-GB'])).toBe('en');
  });

  it('else Kyrgyz', () => {
    expect(initialLang(null, [])).toBe('ky');
    expect(initialLang(null, ['de', 'fr'])).toBe('ky');
  });
});

// 30 November 2026, 15:05 in Bishkek (UTC+6), a Monday.
const NOW = new Date(2026, 10, 30, 15, 5);

describe('formatDate', () => {
  it('runs in Bishkek time', () => {
    expect(NOW.toISOString()).toBe('2026-11-30T09:05:00.000Z');
  });

  it('writes Kyrgyz dates by CLDR’s long pattern, with shipped month names', () => {
    expect(formatDate(NOW, 'ky')).toBe('2026-ж., 30-ноябрь');
    expect(formatDate(NOW, 'ky', true)).toBe('2026-ж., 30-ноябрь 15:05');
    // Local time: 20:30 UTC on 4 January is 02:30 on the 5th in Bishkek.
    expect(formatDate('2026-01-04T20:30:00Z', 'ky', true)).toBe('2026-ж., 5-январь 02:30');
  });

  it('matches what ICU’s CLDR data says for Kyrgyz, month by month', () => {
    const icu = new real.DateTimeFormat('ky', { dateStyle: 'long' });
    const icuTime = new real.DateTimeFormat('ky', { dateStyle: 'long', timeStyle: 'short' });
    for (let m = 0; m < 12; m++) {
      const d = new Date(2026, m, 9, 7, 45);
      expect(formatDate(d, 'ky')).toBe(icu.format(d));
      expect(formatDate(d, 'ky', true)).toBe(icuTime.format(d));
    }
  });

  it('writes Russian and English dates through Intl', () => {
    expect(formatDate(NOW, 'ru')).toBe('30 ноября 2026 г.');
    expect(formatDate(NOW, 'ru', true)).toBe('30 ноября 2026 г. в 15:05');
    expect(formatDate('2026-03-08T04:00:00Z', 'ru')).toBe('8 марта 2026 г.');
    expect(formatDate(NOW, 'en')).toBe('November 30, 2026');
    expect(formatDate(NOW, 'en', true)).toBe('November 30, 2026 at 15:05');
  });

  it('writes Russian dates for Tajik and Uzbek readers, who read Russian texts', () => {
    expect(formatDate(NOW, 'tg')).toBe('30 ноября 2026 г.');
    expect(formatDate(NOW, 'uz', true)).toBe('30 ноября 2026 г. в 15:05');
  });

  it('takes ISO strings, epoch ms and dates; an unreadable value gives nothing', () => {
    expect(formatDate(NOW.toISOString(), 'ky')).toBe('2026-ж., 30-ноябрь');
    expect(formatDate(NOW.getTime(), 'en')).toBe('November 30, 2026');
    expect(formatDate('not a date', 'ru')).toBe('');
  });
});

describe('formatWeekday', () => {
  it('names the days in Kyrgyz from shipped names, as CLDR has them', () => {
    const icu = new real.DateTimeFormat('ky', { weekday: 'long' });
    const week = Array.from({ length: 7 }, (_, i) => new Date(2026, 10, 29 + i, 12));
    expect(week.map((d) => formatWeekday(d, 'ky'))).toEqual([
      'жекшемби',
      'дүйшөмбү',
      'шейшемби',
      'шаршемби',
      'бейшемби',
      'жума',
      'ишемби',
    ]);
    for (const d of week) expect(formatWeekday(d, 'ky')).toBe(icu.format(d));
  });

  it('names them in Russian and English through Intl', () => {
    expect(formatWeekday(NOW, 'ru')).toBe('понедельник');
    expect(formatWeekday(NOW, 'en')).toBe('Monday');
  });
});

describe('formatRelative', () => {
  const ago = (ms: number) => new Date(NOW.getTime() - ms);
  const MIN = 60_000;
  const all = (value: Date, now: Date = NOW) =>
    (['ky', 'ru', 'en'] as const).map((l: Lang) => formatRelative(value, l, now));

  it('says "now" under a minute', () => {
    expect(all(ago(30_000))).toEqual(['азыр', 'сейчас', 'now']);
    expect(all(NOW)).toEqual(['азыр', 'сейчас', 'now']);
  });

  it('counts minutes under an hour', () => {
    expect(all(ago(5 * MIN))).toEqual(['5 мүнөт мурун', '5 минут назад', '5 minutes ago']);
    expect(all(ago(MIN))).toEqual(['1 мүнөт мурун', '1 минуту назад', '1 minute ago']);
    expect(all(ago(21 * MIN + 30_000))).toEqual([
      '21 мүнөт мурун',
      '21 минуту назад',
      '21 minutes ago',
    ]);
    expect(all(ago(59 * MIN))[1]).toBe('59 минут назад');
  });

  it('counts hours the same day', () => {
    expect(all(ago(3 * 60 * MIN))).toEqual(['3 саат мурун', '3 часа назад', '3 hours ago']);
    expect(all(ago(15 * 60 * MIN))).toEqual(['15 саат мурун', '15 часов назад', '15 hours ago']);
  });

  it('says yesterday for the day before, even a few hours ago after midnight', () => {
    expect(all(new Date(2026, 10, 29, 20, 0))).toEqual(['кечээ', 'вчера', 'yesterday']);
    expect(all(new Date(2026, 10, 29, 23, 0), new Date(2026, 10, 30, 1, 0))).toEqual([
      'кечээ',
      'вчера',
      'yesterday',
    ]);
    // Under an hour is still minutes, across midnight too.
    expect(all(new Date(2026, 10, 29, 23, 50), new Date(2026, 10, 30, 0, 30))[0]).toBe(
      '40 мүнөт мурун',
    );
  });

  it('counts days within the week', () => {
    expect(all(new Date(2026, 10, 28, 9, 0))).toEqual(['мурдагы күнү', 'позавчера', '2 days ago']);
    expect(all(new Date(2026, 10, 26, 23, 0))).toEqual([
      '4 күн мурун',
      '4 дня назад',
      '4 days ago',
    ]);
    expect(all(new Date(2026, 10, 24, 8, 0))).toEqual([
      '6 күн мурун',
      '6 дней назад',
      '6 days ago',
    ]);
  });

  it('gives the date from a week on', () => {
    expect(all(new Date(2026, 10, 23, 16, 0))).toEqual([
      '2026-ж., 23-ноябрь',
      '23 ноября 2026 г.',
      'November 23, 2026',
    ]);
  });

  it('counts a time a little ahead (a slow phone clock) as now; far ahead, the date', () => {
    expect(formatRelative(ago(-2 * MIN), 'ky', NOW)).toBe('азыр');
    expect(formatRelative(ago(-2 * 60 * MIN), 'ky', NOW)).toBe('2026-ж., 30-ноябрь 17:05');
  });

  it('reads the clock when no time is given', () => {
    expect(formatRelative(new Date(), 'ru')).toBe('сейчас');
  });
});

describe('formatNumber', () => {
  it('uses Kyrgyz and Russian separators (a no-break space, a decimal comma) and English ones', () => {
    expect(formatNumber(1234567.5, 'ky')).toBe('1\u00a0234\u00a0567,5');
    expect(formatNumber(1234567.5, 'ru')).toBe('1\u00a0234\u00a0567,5');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(1234567.5, 'ky')).toBe(new real.NumberFormat('ky').format(1234567.5));
  });
});
