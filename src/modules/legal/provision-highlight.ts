import type { Language } from '../../common/languages.js';
import { tokens, type Token } from '../search/search-key.js';
import type { MatchPattern } from '../search/search-terms.service.js';

/**
 * Snippets of a provision for a search: the words the search matched, compared by search key
 * (so "ооруу" marks "өрүү" and "Кок-Таш" marks "Көк-Таш"), as plain text with explicit ranges.
 * Not `ts_headline`: the search vector holds keys (folded, romanised), which PostgreSQL cannot
 * map back onto the words as written; the issues search marks its matches the same way
 * (search/search-highlight.ts). The ranges let a client mark the words without parsing HTML;
 * `snippetHtml` is the same, escaped, with `<mark>`.
 */
export interface ProvisionSnippet {
  snippet: string;
  language: Language;
  highlights: { start: number; end: number }[];
  html: string;
}

type LangText = Partial<Record<Language, string>>;

const FRAGMENT_WORDS = 30;
const WORDS_BEFORE = 8;
const ELLIPSIS = '… ';
/** Languages tried for a snippet, in this order, before the rest. */
const PREFERRED: Language[] = ['ky', 'ru'];

interface Span {
  from: number;
  to: number;
}

function spansOf(words: Token[], patterns: MatchPattern[]): Span[] {
  const sorted = [...patterns].sort((a, b) => b.keys.length - a.keys.length);
  const spans: Span[] = [];
  for (let i = 0; i < words.length;) {
    const pattern = sorted.find(
      (p) => p.keys.length > 0 && p.keys.every((k, j) => words[i + j]?.key === k),
    );
    if (pattern) {
      spans.push({ from: i, to: i + pattern.keys.length });
      i += pattern.keys.length;
    } else i++;
  }
  return spans;
}

function languagesOf(text: LangText, first: Language | undefined): Language[] {
  const keys = Object.keys(text).filter((k) => typeof text[k as Language] === 'string');
  const order = [first, ...PREFERRED, ...keys].filter(
    (l, i, all): l is Language => !!l && keys.includes(l) && all.indexOf(l) === i,
  );
  return order;
}

/** A fragment of `value` around the first match, with the ranges of every match inside it. */
function fragment(value: string, words: Token[], spans: Span[], language: Language) {
  if (!words.length) return { snippet: value, language, highlights: [] };
  const firstWord = spans.length ? Math.max(0, spans[0].from - WORDS_BEFORE) : 0;
  const lastWord = Math.min(words.length, firstWord + FRAGMENT_WORDS) - 1;
  const from = firstWord === 0 ? 0 : words[firstWord].start;
  const to = lastWord === words.length - 1 ? value.length : words[lastWord].end;
  const prefix = from > 0 ? ELLIPSIS : '';
  const suffix = to < value.length ? ' …' : '';
  const snippet = prefix + value.slice(from, to) + suffix;
  const shift = prefix.length - from;
  const highlights = spans
    .map((s) => ({ start: words[s.from].start, end: words[s.to - 1].end }))
    .filter((r) => r.start >= from && r.end <= to)
    .map((r) => ({ start: r.start + shift, end: r.end + shift }));
  return { snippet, language, highlights };
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The snippet escaped, its ranges in `<mark>`. */
export function markedHtml(snippet: string, highlights: { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const h of highlights) {
    out +=
      escapeHtml(snippet.slice(at, h.start)) +
      `<mark>${escapeHtml(snippet.slice(h.start, h.end))}</mark>`;
    at = h.end;
  }
  return out + escapeHtml(snippet.slice(at));
}

/**
 * The snippet of a matching provision: from its text in the first language where a word
 * matched (the reader's language first, then Kyrgyz, Russian), else its heading where one
 * matched, else the beginning of its text.
 */
export function provisionSnippet(
  heading: LangText,
  text: LangText,
  patterns: MatchPattern[],
  preferred?: Language,
): ProvisionSnippet {
  const found = (source: LangText) => {
    for (const language of languagesOf(source, preferred)) {
      const value = source[language]!;
      const words = tokens(value);
      const spans = spansOf(words, patterns);
      if (spans.length) return fragment(value, words, spans, language);
    }
    return null;
  };
  const result =
    found(text) ??
    found(heading) ??
    (() => {
      const [language] = languagesOf(text, preferred);
      if (!language) return { snippet: '', language: preferred ?? 'ky', highlights: [] };
      const value = text[language]!;
      return fragment(value, tokens(value), [], language);
    })();
  return { ...result, html: markedHtml(result.snippet, result.highlights) };
}
