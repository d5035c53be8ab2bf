/** Characters of an issue's body shown on its card in a list. */
export const EXCERPT_LENGTH = 240;

/** A cut closer than this to the start of the text is not worth a word boundary. */
const MIN_KEPT = 0.6;

/**
 * The start of `text` for a list: whitespace folded to single spaces, cut at the last word
 * boundary within `max` characters (code points, so no emoji or surrogate pair is split) and
 * ended with `…` when anything was cut. One long word (a URL) is cut inside the word rather
 * than losing most of the excerpt.
 */
export function excerptOf(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  // One character more than kept: a space right after the cut means it fell between words.
  const head = chars.slice(0, max + 1).join('');
  const atWord = head.slice(0, Math.max(0, head.lastIndexOf(' ')));
  let kept = Array.from(atWord).length >= max * MIN_KEPT ? atWord : chars.slice(0, max).join('');
  // A sentence cut after its comma or dash reads better without it before the ellipsis.
  kept = kept.replace(/[\s,;:\u2013\u2014-]+$/u, '');
  return `${kept}…`;
}
