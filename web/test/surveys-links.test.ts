import { describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n/index.js';
import { ru } from '../src/i18n/messages/ru/index.js';
import { linkLimits } from '../src/screens/surveys/links.js';

describe("a public link's limits on the builder", () => {
  const today = '2026-12-01';

  it('sends nothing when neither is given', () => {
    expect(linkLimits('', '', today)).toEqual({ limits: {} });
    expect(linkLimits('  ', '', today)).toEqual({ limits: {} });
  });

  it('takes a whole cap from 1 to 1,000,000 and a day from today on, to its last second', () => {
    const checked = linkLimits('25', today, today);
    expect(checked).toEqual({
      limits: { maxResponses: 25, expiresAt: new Date('2026-12-01T23:59:59').toISOString() },
    });
    expect(linkLimits('1000000', '', today)).toEqual({ limits: { maxResponses: 1_000_000 } });
  });

  it("refuses a cap that is not a whole number in range and a past day, in the reader's words", async () => {
    await setLang('ru');
    for (const cap of ['0', '-3', '2.5', '1000001', 'x'])
      expect(linkLimits(cap, '', today)).toEqual({
        problems: { cap: ru['surveys.links.capWrong'] },
      });
    expect(linkLimits('3', '2026-11-30', today)).toEqual({
      problems: { until: ru['surveys.links.untilPast'] },
    });
  });
});
