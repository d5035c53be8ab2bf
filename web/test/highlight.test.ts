// Search matches as marks: offsets joined and clamped; the hub's snippet read as text, never HTML.
import { describe, expect, it } from 'vitest';
import { fromMarked, normalise, pieces } from '../src/ui/highlight.js';

describe('highlight', () => {
  it('cuts a text at its matches, joining overlaps and clamping to the text', () => {
    expect(
      normalise('abcdef', [
        { start: 3, end: 9 },
        { start: 1, end: 2 },
        { start: 2, end: 4 },
      ]),
    ).toEqual([{ start: 1, end: 6 }]);
    expect(pieces('Каналда суу жок', [{ start: 8, end: 11 }])).toEqual([
      { text: 'Каналда ', mark: false },
      { text: 'суу', mark: true },
      { text: ' жок', mark: false },
    ]);
    expect(pieces('abc', [{ start: 2, end: 2 }])).toEqual([{ text: 'abc', mark: false }]);
  });

  it('reads the hub snippet as text with ranges: escaped tags stay characters', () => {
    const { text, ranges } = fromMarked(
      '&lt;script&gt;x&lt;/script&gt; канал <mark>суу</mark> &amp; <mark>сугат</mark>',
    );
    expect(text).toBe('<script>x</script> канал суу & сугат');
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['суу', 'сугат']);
  });

  it('ignores an unclosed or stray mark', () => {
    expect(fromMarked('a </mark>b <mark>c')).toEqual({ text: 'a b c', ranges: [] });
  });
});
