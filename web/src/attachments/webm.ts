// A voice note as Chromium's MediaRecorder writes WebM is a live stream: the Segment and each
// Cluster say "size unknown" and the Info has no Duration. A player then shows no length and
// cannot seek, and readers that walk the file by sizes (the hub's music-metadata) give up. Once
// the recording is whole we know every size: this rewrites them and adds the Duration (from the
// last block's time), so the note is an ordinary file. Anything unexpected: the bytes as they were.
//
// EBML in brief: an element is an ID (1–4 bytes, its length marker kept), a size (a "vint": the
// count of leading zero bits + 1 is its length in bytes; all value bits set means unknown), then
// its data.

const EBML = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const CLUSTER = 0x1f43b675;
const CLUSTER_TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const SEEK_HEAD = 0x114d9b74;
const CUES = 0x1c53bb6b;

interface Vint {
  value: number;
  length: number;
  unknown: boolean;
}

function vint(b: Uint8Array, at: number, keepMarker: boolean): Vint | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (!(first & (0x80 >> (length - 1)))) length++;
  if (at + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = b[at + i];
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

interface Element {
  id: number;
  start: number;
  dataStart: number;
  /** End of its data; for an unknown size, null until worked out. */
  end: number | null;
}

function element(b: Uint8Array, at: number): Element | null {
  const id = vint(b, at, true);
  if (!id) return null;
  const size = vint(b, at + id.length, false);
  if (!size) return null;
  const dataStart = at + id.length + size.length;
  return {
    id: id.value,
    start: at,
    dataStart,
    end: size.unknown ? null : dataStart + size.value,
  };
}

/** An 8-byte size vint. */
function size8(n: number): Uint8Array {
  const out = new Uint8Array(8);
  out[0] = 0x01;
  let v = n;
  for (let i = 7; i >= 1; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

function idBytes(id: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Uint8Array.from(bytes);
}

function uint(b: Uint8Array, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 256 + b[i];
  return v;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The element with its (possibly new) data, re-sized. */
function wrap(id: number, data: Uint8Array[]): Uint8Array[] {
  const length = data.reduce((n, p) => n + p.length, 0);
  return [idBytes(id), size8(length), ...data];
}

/**
 * The WebM with known sizes and a Duration; `fallbackMs` when no block time can be read. Answers
 * null when the bytes are not a WebM this understands (then send them as they are).
 */
export function fixWebm(b: Uint8Array, fallbackMs: number): Uint8Array | null {
  const head = element(b, 0);
  if (!head || head.id !== EBML || head.end === null) return null;
  const segment = element(b, head.end);
  if (!segment || segment.id !== SEGMENT) return null;
  const segmentEnd = segment.end ?? b.length;

  // The Segment's children; an unknown-size Cluster ends where the next non-child begins.
  const children: Array<{ el: Element; end: number }> = [];
  let at = segment.dataStart;
  let scale = 1_000_000;
  let lastTime = 0;
  while (at < segmentEnd) {
    const el = element(b, at);
    if (!el) return null;
    let end = el.end;
    if (el.id === CLUSTER) {
      let base = 0;
      let inner = el.dataStart;
      const limit = end ?? segmentEnd;
      while (inner < limit) {
        const child = element(b, inner);
        if (!child || child.end === null) break;
        if (![CLUSTER_TIMECODE, SIMPLE_BLOCK, BLOCK_GROUP].includes(child.id) && end === null)
          break; // the next Cluster (or Cues) begins here
        if (child.id === CLUSTER_TIMECODE) base = uint(b, child.dataStart, child.end);
        const block =
          child.id === SIMPLE_BLOCK
            ? child
            : child.id === BLOCK_GROUP
              ? element(b, child.dataStart)
              : null;
        if (block && (block.id === SIMPLE_BLOCK || block.id === BLOCK)) {
          const track = vint(b, block.dataStart, false);
          if (track) {
            const raw = uint(b, block.dataStart + track.length, block.dataStart + track.length + 2);
            lastTime = Math.max(lastTime, base + (raw >= 0x8000 ? raw - 0x10000 : raw));
          }
        }
        inner = child.end;
      }
      end ??= inner;
    } else if (end === null) {
      return null; // only Clusters may be of unknown size here
    }
    if (el.id === INFO) {
      for (let i = el.dataStart; i < end;) {
        const child = element(b, i);
        if (!child || child.end === null) return null;
        if (child.id === TIMECODE_SCALE) scale = uint(b, child.dataStart, child.end);
        i = child.end;
      }
    }
    children.push({ el, end: Math.min(end, b.length) });
    at = end;
  }

  // Duration in TimecodeScale units: the last block's time plus one Opus frame (20 ms).
  const frame = 20_000_000 / scale;
  const duration = lastTime > 0 ? lastTime + frame : (fallbackMs * 1_000_000) / scale;
  const parts: Uint8Array[] = [];
  for (const { el, end } of children) {
    // Offsets move: an index of them would point wrong (MediaRecorder writes none anyway).
    if (el.id === SEEK_HEAD || el.id === CUES) continue;
    if (el.id === INFO) {
      const kept: Uint8Array[] = [];
      for (let i = el.dataStart; i < end;) {
        const child = element(b, i)!;
        if (child.id !== DURATION) kept.push(b.subarray(i, child.end!));
        i = child.end!;
      }
      const value = new Uint8Array(8);
      new DataView(value.buffer).setFloat64(0, duration);
      kept.push(Uint8Array.from([0x44, 0x89, 0x88]), value);
      parts.push(...wrap(INFO, kept));
    } else if (el.id === CLUSTER) {
      parts.push(...wrap(CLUSTER, [b.subarray(el.dataStart, end)]));
    } else {
      parts.push(b.subarray(el.start, end));
    }
  }
  return concat([b.subarray(0, head.end), ...wrap(SEGMENT, parts)]);
}

/** The recording as a file with sizes and a duration, when it is a WebM; else as it was. */
export async function finishedRecording(blob: Blob, durationMs: number): Promise<Blob> {
  if (!blob.type.includes('webm')) return blob;
  try {
    const fixed = fixWebm(new Uint8Array(await blob.arrayBuffer()), durationMs);
    return fixed ? new Blob([fixed as Uint8Array<ArrayBuffer>], { type: blob.type }) : blob;
  } catch {
    return blob;
  }
}
