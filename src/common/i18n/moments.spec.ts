import { translate } from './i18n.js';
import { formatMoment } from './moments.js';

describe('a moment in a sentence', () => {
  const moment = new Date('2026-12-01T07:51:55Z');

  it("is written in the reader's language, in Kyrgyzstan's time (UTC+6)", () => {
    expect(formatMoment('ky', moment)).toBe('2026-ж., 1-декабрь 13:51');
    expect(formatMoment('ru', moment)).toBe('1 декабря 2026 г. в 13:51');
    expect(formatMoment('en', moment)).toBe('1 December 2026 at 13:51');
  });

  it('turns the day over at midnight in Bishkek, not in UTC', () => {
    expect(formatMoment('ky', new Date('2026-12-31T18:05:00Z'))).toBe('2027-ж., 1-январь 00:05');
    expect(formatMoment('ky', new Date('2026-12-31T17:59:00Z'))).toBe('2026-ж., 31-декабрь 23:59');
  });

  it('fills a message', () => {
    expect(translate('ky', 'surveys.closedAt', { closesAt: moment })).toBe(
      'Сурамжылоо 2026-ж., 1-декабрь 13:51 жабылган',
    );
    expect(translate('ru', 'surveys.closedAt', { closesAt: moment })).toContain(
      '1 декабря 2026 г. в 13:51',
    );
  });

  it('writes nothing for an invalid date', () => {
    expect(formatMoment('ru', new Date('nope'))).toBe('');
  });
});
