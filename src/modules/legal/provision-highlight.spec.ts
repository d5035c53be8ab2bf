import { wordKeys } from '../search/search-key.js';
import type { MatchPattern } from '../search/search-terms.service.js';
import { markedHtml, provisionSnippet } from './provision-highlight.js';

const exact = (...words: string[]): MatchPattern[] =>
  words.map((w) => ({ keys: wordKeys(w), term: w, kind: 'exact' as const }));

describe('provisionSnippet', () => {
  it('marks the words as written for a query typed without ө ү ң', () => {
    const s = provisionSnippet(
      { ky: '14-берене' },
      { ky: 'Өрүк жана жүзүм сатууга чектөө жок.', ru: 'Ограничений нет.' },
      exact('орук', 'жузум'),
    );
    expect(s.language).toBe('ky');
    expect(s.highlights.map((h) => s.snippet.slice(h.start, h.end))).toEqual(['Өрүк', 'жүзүм']);
    expect(s.html).toBe('<mark>Өрүк</mark> жана <mark>жүзүм</mark> сатууга чектөө жок.');
  });

  it('takes the language where a word matched, the reader’s first', () => {
    const text = { ky: 'Жайыт акысыз.', ru: 'Пастбище бесплатно.' };
    expect(provisionSnippet({}, text, exact('пастбище')).language).toBe('ru');
    expect(provisionSnippet({}, { ky: 'суу', ru: 'суу' }, exact('суу'), 'ru').language).toBe('ru');
  });

  it('cuts a long text around the first match, with the ranges moved into the snippet', () => {
    const words = Array.from({ length: 80 }, (_, i) => `сөз${i}`);
    words[50] = 'жайыт';
    const s = provisionSnippet({}, { ky: words.join(' ') }, exact('жайыт'));
    expect(s.snippet.startsWith('… ')).toBe(true);
    expect(s.snippet.endsWith(' …')).toBe(true);
    expect(s.highlights.map((h) => s.snippet.slice(h.start, h.end))).toEqual(['жайыт']);
  });

  it('falls back to the heading, then to the beginning of the text', () => {
    const heading = provisionSnippet(
      { ru: 'Статья 5. Пастбища' },
      { ru: 'Текст.' },
      exact('пастбища'),
    );
    expect(heading.snippet).toBe('Статья 5. Пастбища');
    expect(heading.highlights).toEqual([{ start: 10, end: 18 }]);
    const none = provisionSnippet({}, { ru: 'Текст статьи.' }, exact('ничего'));
    expect(none).toMatchObject({ snippet: 'Текст статьи.', highlights: [] });
  });

  it('escapes the text in the HTML form', () => {
    expect(markedHtml('a <b> & c', [{ start: 8, end: 9 }])).toBe(
      'a &lt;b&gt; &amp; <mark>c</mark>',
    );
  });
});
