// Search matches shown as <mark> elements built from offsets: the text stays text (no innerHTML),
// so a `<script>` in a title is only ever characters on the screen.

/** A matched range of a text, in UTF-16 code units, end exclusive. */
export interface Range {
  start: number;
  end: number;
}

/** The ranges clamped to the text, sorted, overlaps joined. */
export function normalise(text: string, ranges: readonly Range[]): Range[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** `text` in pieces: plain strings and marked ones, in order. */
export function pieces(
  text: string,
  ranges: readonly Range[],
): Array<{ text: string; mark: boolean }> {
  const out: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const r of normalise(text, ranges)) {
    if (r.start > at) out.push({ text: text.slice(at, r.start), mark: false });
    out.push({ text: text.slice(r.start, r.end), mark: true });
    at = r.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

/**
 * The hub's snippet (escaped text with matches in <mark>…</mark>) as plain text and the ranges
 * of its marks. Nothing of it is ever parsed as HTML: other tags stay visible characters.
 */
export function fromMarked(snippet: string): { text: string; ranges: Range[] } {
  let text = '';
  const ranges: Range[] = [];
  let open = -1;
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') open = text.length;
    else if (part === '</mark>') {
      if (open >= 0) ranges.push({ start: open, end: text.length });
      open = -1;
    } else text += part.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]);
  }
  return { text, ranges };
}

/** A text with its matched ranges marked. */
export function Highlight(props: { text: string; ranges?: readonly Range[] }) {
  if (!props.ranges?.length) return <>{props.text}</>;
  return (
    <>
      {pieces(props.text, props.ranges).map((p, i) =>
        p.mark ? <mark key={i}>{p.text}</mark> : p.text,
      )}
    </>
  );
}
