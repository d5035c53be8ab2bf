/**
 * The search key of a text: the one spelling that stored text and queries are both reduced to,
 * so that a phone keyboard without ө ү ң, or a name typed in Latin letters, finds the text as
 * written. The database computes the same key with `kenesh_key(text)` (migration
 * SearchFolding1795569000000), which fills `search_vector` and the trigram indexes; this copy
 * serves the query side (thesaurus look-up) and the highlights. A test compares the two.
 *
 * Steps, in order (docs/issues.md, "Search keys"):
 * 1. case and the letters of a phone keyboard: upper case to lower; ө→о, ү→у, ң→н (Kyrgyz),
 *    ҷ→ч, қ→к, ғ→г, ҳ→х, ӣ→и, ӯ→у (Tajik), ў→о (Uzbek), ё→е;
 * 2. Cyrillic to Latin, a plain romanisation: дж ж→zh, ш щ→sh, ч→ch, ц→ts, х→h, ю→yu, я→ya,
 *    й ы→y, э→e, ъ ь dropped, the rest letter for letter;
 * 3. Latin spellings of the same sounds to one: kh x→h, j→zh, ş→sh, ç→ch, ng→n, q→k, y→i,
 *    ö ü ñ ğ ı→o u n g i, apostrophes (oʻ gʻ) dropped.
 */

export const UPPER = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӨҮҢҶҚҒҲӢӮЎÖÜÑĞŞÇ';
export const LOWER = 'абвгдеежзийклмнопрстуфхцчшщъыьэюяоунчкгхиуоöüñğşç';
export const FOLD_FROM = 'ёөүңҷқғҳӣӯў';
export const FOLD_TO = 'еоунчкгхиуо';
export const CYRILLIC_DIGRAPHS: [string, string][] = [
  ['дж', 'zh'],
  ['ж', 'zh'],
  ['щ', 'sh'],
  ['ш', 'sh'],
  ['ч', 'ch'],
  ['ц', 'ts'],
  ['ю', 'yu'],
  ['я', 'ya'],
];
export const CYRILLIC_FROM = 'абвгдезийклмнопрстуфхыэъь';
export const CYRILLIC_TO = 'abvgdeziyklmnoprstufhye';
export const LATIN_DIGRAPHS: [string, string][] = [
  ['kh', 'h'],
  ['ş', 'sh'],
  ['ç', 'ch'],
  ['j', 'zh'],
  ['ng', 'n'],
  ['x', 'h'],
];
export const LATIN_FROM = "yqöüñğıʻ’'`";
export const LATIN_TO = 'ikoungi';

/** A table for PostgreSQL's translate(): each character of `from` becomes the one at its place in `to`, or goes. */
function table(from: string, to: string): Map<string, string> {
  const map = new Map<string, string>();
  const target = [...to];
  [...from].forEach((c, i) => {
    if (!map.has(c)) map.set(c, target[i] ?? '');
  });
  return map;
}

function translate(text: string, map: Map<string, string>): string {
  let out = '';
  for (const c of text) out += map.get(c) ?? c;
  return out;
}

const CASE_AND_FOLD = table(UPPER + FOLD_FROM, LOWER + FOLD_TO);
const CYRILLIC = table(CYRILLIC_FROM, CYRILLIC_TO);
const LATIN = table(LATIN_FROM, LATIN_TO);

/**
 * Keys of words seen lately: highlighting keys every word of a page's titles and bodies, and
 * most words recur. Emptied when full rather than evicted one by one.
 */
const cache = new Map<string, string>();
const CACHE_SIZE = 50_000;

export function searchKey(text: string): string {
  const known = cache.get(text);
  if (known !== undefined) return known;
  let s = translate(asciiLower(text), CASE_AND_FOLD);
  for (const [from, to] of CYRILLIC_DIGRAPHS) if (s.includes(from)) s = s.replaceAll(from, to);
  s = translate(s, CYRILLIC);
  for (const [from, to] of LATIN_DIGRAPHS) if (s.includes(from)) s = s.replaceAll(from, to);
  const key = translate(s, LATIN);
  if (text.length <= 64) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(text, key);
  }
  return key;
}

/** PostgreSQL's lower() under any locale lowers A–Z; the rest of the letters go through UPPER. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** A word of a text, as the highlighter sees it: a run of letters and digits with its place. */
export interface Token {
  start: number;
  end: number;
  key: string;
}

const WORD = /[\p{L}\p{N}\p{M}ʻ’'`]+/gu;

/** The words of a text with their search keys (apostrophes inside a word stay part of it). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const key = searchKey(m[0]).replace(/^[ʻ’'`]+|[ʻ’'`]+$/g, '');
    if (key) out.push({ start: m.index, end: m.index + m[0].length, key });
  }
  return out;
}

/** The keys of the words of a term or query, in order ("Көк-Таш" → kok, tash). */
export function wordKeys(text: string): string[] {
  return tokens(text).map((t) => t.key);
}

/** A thesaurus term's look-up key: its words' keys, one space between ("чек ара" → "chek ara"). */
export function searchTermKey(term: string): string {
  return wordKeys(term).join(' ');
}
