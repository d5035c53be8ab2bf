/**
 * The tracks of a WebM file, read from its first bytes with a minimal EBML walk (Matroska's
 * element ids, variable-length sizes, "unknown" sizes allowed). music-metadata cannot read a
 * WebM written live, as MediaRecorder writes it (a Segment and Clusters of unknown size, no
 * Duration); this tells at least what is inside, so such a voice note is judged by its tracks.
 */
export interface WebmTrack {
  /** Matroska TrackType: 1 video, 2 audio, others (subtitles…) as numbers. */
  type: number;
  codecId: string;
}

const EBML_HEADER = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const CODEC_ID = 0x86;
const CLUSTER = 0x1f43b675;

interface Element {
  id: number;
  /** Where its content starts. */
  start: number;
  /** Where its content ends (the buffer's end for an unknown size). */
  end: number;
}

/** A variable-length integer at `at`: its value (marker bit kept for ids) and its length. */
function vint(
  buf: Buffer,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } | undefined {
  const first = buf[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > 8 || at + length > buf.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i += 1) {
    value = value * 256 + buf[at + i];
    if (buf[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function elementAt(buf: Buffer, at: number, parentEnd: number): Element | undefined {
  const id = vint(buf, at, true);
  if (!id || id.length > 4) return undefined;
  const size = vint(buf, at + id.length, false);
  if (!size) return undefined;
  const start = at + id.length + size.length;
  const end = size.unknown ? parentEnd : Math.min(start + size.value, parentEnd);
  return { id: id.value, start, end };
}

function* children(buf: Buffer, start: number, end: number): Generator<Element> {
  let at = start;
  while (at < end) {
    const element = elementAt(buf, at, end);
    if (!element) return;
    yield element;
    if (element.end <= at) return;
    at = element.end;
  }
}

/**
 * The tracks declared in `head` (the file's first bytes), or undefined when it is not a WebM
 * whose Tracks element lies within them.
 */
export function webmTracks(head: Buffer): WebmTrack[] | undefined {
  const top = [...children(head, 0, head.length)];
  const header = top.find((e) => e.id === EBML_HEADER);
  const docType =
    header && [...children(head, header.start, header.end)].find((e) => e.id === DOC_TYPE);
  if (!docType || head.toString('latin1', docType.start, docType.end) !== 'webm') return undefined;
  const segment = top.find((e) => e.id === SEGMENT);
  if (!segment) return undefined;
  for (const element of children(head, segment.start, segment.end)) {
    if (element.id === CLUSTER) return undefined;
    if (element.id !== TRACKS) continue;
    if (element.end > head.length) return undefined;
    const tracks: WebmTrack[] = [];
    for (const entry of children(head, element.start, element.end)) {
      if (entry.id !== TRACK_ENTRY) continue;
      let type = 0;
      let codecId = '';
      for (const field of children(head, entry.start, entry.end)) {
        if (field.id === TRACK_TYPE && field.end > field.start)
          type = head.readUIntBE(field.start, Math.min(6, field.end - field.start));
        if (field.id === CODEC_ID)
          codecId = head.toString('latin1', field.start, field.end).replace(/\0+$/, '');
      }
      tracks.push({ type, codecId });
    }
    return tracks;
  }
  return undefined;
}
