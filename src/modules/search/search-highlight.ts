import { tokens, type Token } from './search-key.js';
import type { MatchPattern } from './search-terms.service.js';

/** One match of a search in an issue's text: where, what, and whether through the thesaurus. */
export interface SearchMatch {
  field: 'title' | 'body';
  /** Offsets into the field, in UTF-16 code units (as JavaScript indexes strings). */
  start: number;
  end: number;
  text: string;
  /** The query word, or the thesaurus term, that matched. */
  term: string;
  kind: 'exact' | 'thesaurus';
}

interface Span {
  from: number;
  to: number;
  pattern: MatchPattern;
}

/** At most this many matches are listed per issue. */
const MAX_MATCHES = 20;
const FRAGMENT_WORDS = 25;
const WORDS_BEFORE = 8;

/**
 * Marks the words of `text` that the search matched (compared by search key, so "Көк-Таш"
 * is marked for "Kok-Tash"): the longest pattern wins where several start at one word.
 */
function findSpans(words: Token[], patterns: MatchPattern[]): Span[] {
  const sorted = [...patterns].sort((a, b) => b.keys.length - a.keys.length);
  const spans: Span[] = [];
  for (let i = 0; i < words.length;) {
    const pattern = sorted.find(
      (p) => p.keys.length && p.keys.every((k, j) => words[i + j]?.key === k),
    );
    if (pattern) {
      spans.push({ from: i, to: i + pattern.keys.length, pattern });
      i += pattern.keys.length;
    } else i++;
  }
  return spans;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `text[from, to)` HTML-escaped with the spans inside it in <mark>. */
function marked(text: string, words: Token[], spans: Span[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const span of spans) {
    const start = words[span.from].start;
    const end = words[span.to - 1].end;
    if (start < from || end > to) continue;
    out += escapeHtml(text.slice(at, start)) + `<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** Title and body with their matches: the title whole, the body as up to two fragments. */
export function highlightIssue(
  title: string,
  body: string,
  patterns: MatchPattern[],
): { titleHighlight: string; snippet: string; matches: SearchMatch[] } {
  const titleWords = tokens(title);
  const titleSpans = findSpans(titleWords, patterns);
  const bodyWords = tokens(body);
  const bodySpans = findSpans(bodyWords, patterns);

  const fragments: string[] = [];
  let next = 0;
  for (const span of bodySpans) {
    if (fragments.length === 2) break;
    if (span.from < next) continue;
    const first = Math.max(next, span.from - WORDS_BEFORE);
    const last = Math.min(bodyWords.length, first + FRAGMENT_WORDS);
    fragments.push(
      marked(body, bodyWords, bodySpans, bodyWords[first].start, bodyWords[last - 1].end),
    );
    next = last;
  }
  if (!fragments.length && bodyWords.length) {
    const last = Math.min(bodyWords.length, FRAGMENT_WORDS);
    fragments.push(marked(body, bodyWords, [], 0, bodyWords[last - 1].end));
  }

  const toMatch =
    (field: 'title' | 'body', text: string, words: Token[]) =>
    (span: Span): SearchMatch => {
      const start = words[span.from].start;
      const end = words[span.to - 1].end;
      return {
        field,
        start,
        end,
        text: text.slice(start, end),
        term: span.pattern.term,
        kind: span.pattern.kind,
      };
    };
  return {
    titleHighlight: marked(title, titleWords, titleSpans, 0, title.length),
    snippet: fragments.join(' … '),
    matches: [
      ...titleSpans.map(toMatch('title', title, titleWords)),
      ...bodySpans.map(toMatch('body', body, bodyWords)),
    ].slice(0, MAX_MATCHES),
  };
}
