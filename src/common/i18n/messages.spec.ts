import { CATALOGUES, LOCALES, negotiate, localeOf, translate } from './i18n.js';
import { en } from './messages.en.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** What a reader sees as words: placeholders and the technical tokens names stay as written. */
const words = (text: string) => text.replace(/\{\w+\}/g, '');

describe.each(['ky', 'ru'] as const)('the %s catalogue', (locale) => {
  const catalogue = CATALOGUES[locale];
  const keys = Object.keys(en) as (keyof typeof en)[];

  it('has every key of the English one, none empty, and no other', () => {
    const missing = keys.filter((key) => !catalogue[key]?.trim());
    expect(missing).toEqual([]);
    expect(Object.keys(catalogue).filter((key) => !(key in en))).toEqual([]);
  });

  it('has no text still in English (Latin letters only, or the English text itself)', () => {
    const english = keys.filter(
      (key) => !/[\u0400-\u04FF]/.test(words(catalogue[key])) || catalogue[key] === en[key],
    );
    expect(english).toEqual([]);
  });

  it('keeps the same placeholders as English in every message', () => {
    const mismatched = keys.filter(
      (key) => placeholders(catalogue[key]).join() !== placeholders(en[key]).join(),
    );
    expect(mismatched).toEqual([]);
  });
});

describe('the English catalogue', () => {
  it('has no empty message, and keys a translator can read', () => {
    for (const [key, text] of Object.entries(en)) {
      expect(text.trim()).not.toBe('');
      expect(key).toMatch(/^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/);
    }
  });
});

describe('Kyrgyz is Kyrgyz', () => {
  it('is not the Russian text', () => {
    const same = Object.keys(en).filter(
      (key) => CATALOGUES.ky[key as keyof typeof en] === CATALOGUES.ru[key as keyof typeof en],
    );
    expect(same).toEqual([]);
  });

  it('uses the network’s words', () => {
    expect(CATALOGUES.ky['notFound.issue']).toContain('Маселе');
    expect(CATALOGUES.ky['notFound.organisation']).toContain('Уюм');
    expect(CATALOGUES.ky['notFound.room']).toContain('Талкуу бөлмөсү');
  });
});

describe('filling a message', () => {
  it('puts names in as written, and a nested message in the same language', () => {
    expect(translate('ky', 'issues.alreadyEndorsed', { organisation: 'Көк-Таш айыл өкмөтү' })).toBe(
      'Көк-Таш айыл өкмөтү бул маселени мурунтан эле колдогон',
    );
    expect(
      translate('ru', 'issues.cannotMove', {
        from: 'raised',
        to: 'closed',
        options: { key: 'issues.noMoveOpen', params: { from: 'raised' } },
      }),
    ).toBe(
      'Нельзя перейти из статуса «raised» в «closed» (из статуса «raised» вам не доступен ни один переход)',
    );
  });
  it("writes statuses and lists of them in the reader's language; English keeps the codes", () => {
    const params = {
      from: { key: 'status.raised' as const },
      allowed: [{ key: 'status.discussing' as const }, { key: 'status.closed' as const }],
    };
    expect(translate('ky', 'issues.movesAllowed', params)).toBe(
      '«көтөрүлгөн» абалынан уруксат: талкууланууда, жабылган',
    );
    expect(translate('ru', 'issues.movesAllowed', params)).toBe(
      'из статуса «поднят» можно перейти в: обсуждается, закрыт',
    );
    expect(translate('en', 'issues.movesAllowed', params)).toBe(
      'allowed from raised: discussing, closed',
    );
  });
});

describe('choosing the language', () => {
  it.each([
    ['ky', 'ky'],
    ['ky-KG', 'ky'],
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['en-US,en;q=0.9,ru;q=0.8', 'en'],
    ['fr-FR, de;q=0.9, ru;q=0.5', 'ru'],
    ['en;q=0.4, ky;q=0.8', 'ky'],
    ['ru;q=0, ky;q=0.1', 'ky'],
    ['KY-kg', 'ky'],
    ['tg, uz', undefined],
    ['*', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('Accept-Language %p answers %p', (header, locale) => {
    expect(negotiate(header)).toBe(locale);
  });

  it('falls back to the preferredLanguage, then to English', () => {
    expect(localeOf({ headers: {}, user: { preferredLanguage: 'ky' } })).toBe('ky');
    expect(
      localeOf({ headers: { 'accept-language': '*' }, user: { preferredLanguage: 'ru' } }),
    ).toBe('ru');
    expect(localeOf({ headers: {}, user: { preferredLanguage: 'tg' } })).toBe('ru');
    expect(
      localeOf({ headers: { 'accept-language': 'ru' }, user: { preferredLanguage: 'ky' } }),
    ).toBe('ru');
    expect(localeOf({ headers: {} })).toBe('en');
  });

  it('lists the three languages answers are written in', () => {
    expect([...LOCALES]).toEqual(['ky', 'ru', 'en']);
  });
});
