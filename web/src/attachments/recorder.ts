// A voice note's recorder: the microphone through MediaRecorder, as a small state machine the
// room's hold-to-record button drives (and the unit tests, with a fake MediaRecorder).
//
//   idle ──start()──▶ starting ──(microphone granted)──▶ recording ──stop()──▶ idle + onRecorded
//                        │                                 │  └─ the limit (3 min) stops it too
//                        └─(refused / missing)──▶ failed   └─cancel()──▶ idle (nothing kept)
//
// stop() or cancel() while still `starting` (the permission prompt is up) are remembered and
// applied as soon as recording begins. A recording shorter than MIN_MS is dropped (a tap, not a
// note). The type is the first the browser records of Opus in WebM, Opus in Ogg, AAC in MP4.
import { signal } from '@preact/signals';

export const LIMIT_MS = 3 * 60_000;
export const MIN_MS = 500;
export const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'] as const;

export type RecorderState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'recording'; startedAt: number }
  | { kind: 'failed'; reason: 'unsupported' | 'denied' | 'error' };

export interface Recording {
  blob: Blob;
  type: string;
  durationMs: number;
  /** A file name for the hub (it decides the type from the bytes, not this). */
  name: string;
}

type RecorderLike = Pick<MediaRecorder, 'start' | 'stop' | 'state' | 'mimeType'> & {
  ondataavailable: ((e: { data: Blob }) => void) | null;
  onstop: (() => void) | null;
  onerror: (() => void) | null;
};

export interface RecorderDeps {
  MediaRecorder?: {
    new (stream: MediaStream, options?: { mimeType?: string }): RecorderLike;
    isTypeSupported?(type: string): boolean;
  };
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** The browser's recorder and microphone, when it has them. */
export function browserDeps(): RecorderDeps {
  const g = globalThis as { MediaRecorder?: RecorderDeps['MediaRecorder'] };
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  return {
    MediaRecorder: g.MediaRecorder,
    getUserMedia: media?.getUserMedia ? (c) => media.getUserMedia(c) : undefined,
  };
}

/** The first type of TYPES the browser records, or '' (its own choice). */
export function pickType(isTypeSupported?: (type: string) => boolean): string {
  if (!isTypeSupported) return '';
  return TYPES.find((t) => isTypeSupported(t)) ?? '';
}

function extension(type: string): string {
  if (type.includes('ogg')) return 'ogg';
  if (type.includes('mp4') || type.includes('aac')) return 'm4a';
  return 'webm';
}

export class VoiceRecorder {
  readonly state = signal<RecorderState>({ kind: 'idle' });
  private recorder?: RecorderLike;
  private stream?: MediaStream;
  private chunks: Blob[] = [];
  private limitTimer?: unknown;
  private wanted: 'stop' | 'cancel' | null = null;
  private cancelled = false;
  private readonly now: () => number;

  constructor(
    private readonly onRecorded: (recording: Recording) => void,
    private readonly deps: RecorderDeps = browserDeps(),
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** Whether this browser can record at all. */
  get supported(): boolean {
    return !!this.deps.MediaRecorder && !!this.deps.getUserMedia;
  }

  async start(): Promise<void> {
    const kind = this.state.value.kind;
    if (kind === 'starting' || kind === 'recording') return;
    const Recorder = this.deps.MediaRecorder;
    if (!Recorder || !this.deps.getUserMedia) {
      this.state.value = { kind: 'failed', reason: 'unsupported' };
      return;
    }
    this.state.value = { kind: 'starting' };
    this.wanted = null;
    this.cancelled = false;
    this.chunks = [];
    let stream: MediaStream;
    try {
      stream = await this.deps.getUserMedia({ audio: true });
    } catch (e) {
      const name = (e as { name?: string } | null)?.name;
      this.state.value = {
        kind: 'failed',
        reason:
          name === 'NotAllowedError' || name === 'SecurityError'
            ? 'denied'
            : name === 'NotFoundError' || name === 'NotSupportedError'
              ? 'unsupported'
              : 'error',
      };
      return;
    }
    if (this.wanted === 'cancel') {
      this.release(stream);
      this.state.value = { kind: 'idle' };
      return;
    }
    const type = pickType(Recorder.isTypeSupported?.bind(Recorder));
    let recorder: RecorderLike;
    try {
      recorder = new Recorder(stream, type ? { mimeType: type } : undefined);
    } catch {
      this.release(stream);
      this.state.value = { kind: 'failed', reason: 'unsupported' };
      return;
    }
    this.stream = stream;
    this.recorder = recorder;
    const startedAt = this.now();
    recorder.ondataavailable = (e) => {
      if (e.data.size) this.chunks.push(e.data);
    };
    recorder.onerror = () => {
      this.cancelled = true;
      this.finish();
      this.state.value = { kind: 'failed', reason: 'error' };
    };
    recorder.onstop = () => {
      const durationMs = this.now() - startedAt;
      const recorded = recorder.mimeType || type || 'audio/webm';
      const chunks = this.chunks;
      const keep = !this.cancelled && durationMs >= MIN_MS && chunks.length > 0;
      this.finish();
      if (this.state.value.kind === 'recording') this.state.value = { kind: 'idle' };
      if (!keep) return;
      const base = recorded.split(';')[0];
      this.onRecorded({
        blob: new Blob(chunks, { type: base }),
        type: base,
        durationMs,
        name: `voice-${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}.${extension(base)}`,
      });
    };
    // A slice every second: a long note is not one buffer, and a crash loses at most a second.
    recorder.start(1000);
    this.state.value = { kind: 'recording', startedAt };
    this.limitTimer = (this.deps.setTimeout ?? setTimeout)(() => this.stop(), LIMIT_MS);
    if (this.wanted === 'stop') this.stop();
  }

  /** Ends the recording and hands it over (onRecorded), unless it was too short. */
  stop(): void {
    const kind = this.state.value.kind;
    if (kind === 'starting') this.wanted = 'stop';
    if (kind !== 'recording' || !this.recorder) return;
    if (this.recorder.state !== 'inactive') this.recorder.stop();
  }

  /** Ends the recording and drops it. */
  cancel(): void {
    const kind = this.state.value.kind;
    if (kind === 'starting') this.wanted = 'cancel';
    if (kind === 'failed') this.state.value = { kind: 'idle' };
    if (kind !== 'recording' || !this.recorder) return;
    this.cancelled = true;
    this.state.value = { kind: 'idle' };
    if (this.recorder.state !== 'inactive') this.recorder.stop();
  }

  /** Milliseconds recorded so far (0 unless recording). */
  elapsed(): number {
    const s = this.state.value;
    return s.kind === 'recording' ? this.now() - s.startedAt : 0;
  }

  private finish(): void {
    (this.deps.clearTimeout ?? clearTimeout)(this.limitTimer as ReturnType<typeof setTimeout>);
    if (this.stream) this.release(this.stream);
    this.stream = undefined;
    this.recorder = undefined;
    this.chunks = [];
  }

  private release(stream: MediaStream): void {
    for (const track of stream.getTracks()) track.stop();
  }
}
