// The reach form's reading of the three numbers (web/src/screens/campaigns/words.ts).
import { describe, expect, it } from 'vitest';
import { readCounts } from '../src/screens/campaigns/words.js';

describe('campaigns: reading the reach numbers', () => {
  it('reads blanks as 0 and whole numbers as typed', () => {
    expect(readCounts(['12', '', ' 3 '])).toEqual({ counts: [12, 0, 3] });
  });

  it('refuses anything but whole numbers from 0 to a million', () => {
    for (const typed of [
      ['-1', '', ''],
      ['2.5', '', ''],
      ['1e3', '', ''],
      ['', '1000001', ''],
    ])
      expect(readCounts(typed as [string, string, string])).toEqual({ problem: 'wholeNumbers' });
  });

  it('needs someone reached', () => {
    expect(readCounts(['', '0', ''])).toEqual({ problem: 'nobody' });
  });
});
