// The voice-note recorder's state machine (issue 11), with a fake MediaRecorder and microphone:
// start, stop and hand over; cancel; the 3-minute limit; a tap too short to keep; permission
// refused; no MediaRecorder at all; a stop asked for while the permission prompt is up.
import { describe, expect, it } from 'vitest';
import {
  LIMIT_MS,
  VoiceRecorder,
  pickType,
  type RecorderDeps,
  type Recording,
} from '../src/attachments/recorder.js';

class FakeStream {
  stopped = 0;
  getTracks() {
    return [{ stop: () => (this.stopped += 1) }];
  }
}

function rig(options: { supported?: string[]; refuse?: string; slowPermission?: boolean } = {}) {
  let now = 1_000_000;
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const recorders: FakeRecorder[] = [];
  const streams: FakeStream[] = [];
  let grant: (() => void) | null = null;

  class FakeRecorder {
    static isTypeSupported(type: string) {
      return (options.supported ?? ['audio/webm;codecs=opus']).includes(type);
    }
    state: 'inactive' | 'recording' = 'inactive';
    ondataavailable: ((e: { data: Blob }) => void) | null = null;
    onstop: (() => void) | null = null;
    onerror: (() => void) | null = null;
    mimeType: string;
    timeslice?: number;
    constructor(
      readonly stream: FakeStream,
      opts?: { mimeType?: string },
    ) {
      this.mimeType = opts?.mimeType ?? 'audio/webm';
      recorders.push(this);
    }
    start(timeslice?: number) {
      this.timeslice = timeslice;
      this.state = 'recording';
    }
    stop() {
      this.state = 'inactive';
      this.ondataavailable?.({ data: new Blob(['opus-bytes'], { type: this.mimeType }) });
      this.onstop?.();
    }
  }

  const deps: RecorderDeps = {
    MediaRecorder: FakeRecorder as unknown as RecorderDeps['MediaRecorder'],
    getUserMedia: () => {
      if (options.refuse)
        return Promise.reject(Object.assign(new Error('no'), { name: options.refuse }));
      const stream = new FakeStream();
      streams.push(stream);
      if (options.slowPermission)
        return new Promise((resolve) => {
          grant = () => resolve(stream as unknown as MediaStream);
        });
      return Promise.resolve(stream as unknown as MediaStream);
    },
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => {
      if (t) (t as { live: boolean }).live = false;
    },
  };
  const recorded: Recording[] = [];
  const recorder = new VoiceRecorder((r) => recorded.push(r), deps);
  return {
    recorder,
    recorded,
    recorders,
    streams,
    grant: () => grant?.(),
    advance(ms: number) {
      now += ms;
      for (const t of timers) {
        if (!t.live || t.at > now) continue;
        t.live = false;
        t.fn();
      }
    },
  };
}

describe('the voice recorder', () => {
  it('prefers Opus in WebM, then Opus in Ogg, then AAC in MP4', () => {
    expect(pickType((t) => t !== 'x')).toBe('audio/webm;codecs=opus');
    expect(pickType((t) => t.startsWith('audio/ogg'))).toBe('audio/ogg;codecs=opus');
    expect(pickType((t) => t === 'audio/mp4')).toBe('audio/mp4');
    expect(pickType(() => false)).toBe('');
    expect(pickType(undefined)).toBe('');
  });

  it('records, then hands over the note with its type, duration and a name; the microphone is let go', async () => {
    const r = rig({ supported: ['audio/ogg;codecs=opus'] });
    await r.recorder.start();
    expect(r.recorder.state.value.kind).toBe('recording');
    expect(r.recorders[0]?.mimeType).toBe('audio/ogg;codecs=opus');
    expect(r.recorders[0]?.timeslice).toBe(1000);
    r.advance(12_400);
    expect(r.recorder.elapsed()).toBe(12_400);
    r.recorder.stop();
    expect(r.recorder.state.value.kind).toBe('idle');
    expect(r.recorded).toHaveLength(1);
    expect(r.recorded[0]).toMatchObject({ type: 'audio/ogg', durationMs: 12_400 });
    expect(r.recorded[0]?.name).toMatch(/^voice-.*\.ogg$/);
    expect(r.recorded[0]?.blob.type).toBe('audio/ogg');
    expect(r.streams[0]?.stopped).toBe(1);
  });

  it('drops a cancelled recording', async () => {
    const r = rig();
    await r.recorder.start();
    r.advance(5000);
    r.recorder.cancel();
    expect(r.recorder.state.value.kind).toBe('idle');
    expect(r.recorded).toEqual([]);
    expect(r.streams[0]?.stopped).toBe(1);
  });

  it('stops by itself at the 3-minute limit and keeps what was recorded', async () => {
    const r = rig();
    await r.recorder.start();
    r.advance(LIMIT_MS - 1);
    expect(r.recorder.state.value.kind).toBe('recording');
    r.advance(1);
    expect(r.recorder.state.value.kind).toBe('idle');
    expect(r.recorded.map((x) => x.durationMs)).toEqual([LIMIT_MS]);
    // The limit's timer is gone: a later stop does nothing.
    r.recorder.stop();
    expect(r.recorded).toHaveLength(1);
  });

  it('drops a tap too short to be a note', async () => {
    const r = rig();
    await r.recorder.start();
    r.advance(200);
    r.recorder.stop();
    expect(r.recorded).toEqual([]);
    expect(r.recorder.state.value.kind).toBe('idle');
  });

  it('says so when the microphone is refused, and goes back to idle on cancel', async () => {
    const r = rig({ refuse: 'NotAllowedError' });
    await r.recorder.start();
    expect(r.recorder.state.value).toEqual({ kind: 'failed', reason: 'denied' });
    r.recorder.cancel();
    expect(r.recorder.state.value.kind).toBe('idle');
  });

  it('says so when the browser cannot record', async () => {
    const r = new VoiceRecorder(() => undefined, { getUserMedia: undefined });
    expect(r.supported).toBe(false);
    await r.start();
    expect(r.state.value).toEqual({ kind: 'failed', reason: 'unsupported' });
    const noMic = rig({ refuse: 'NotFoundError' });
    await noMic.recorder.start();
    expect(noMic.recorder.state.value).toEqual({ kind: 'failed', reason: 'unsupported' });
  });

  it('applies a release that came while the permission prompt was up', async () => {
    const r = rig({ slowPermission: true });
    const starting = r.recorder.start();
    expect(r.recorder.state.value.kind).toBe('starting');
    r.recorder.cancel();
    r.grant();
    await starting;
    expect(r.recorder.state.value.kind).toBe('idle');
    expect(r.recorders).toHaveLength(0);
    expect(r.streams[0]?.stopped).toBe(1);

    const again = rig({ slowPermission: true });
    const second = again.recorder.start();
    again.recorder.stop();
    again.grant();
    await second;
    // Stopped at once: too short to keep, and nothing is left recording.
    expect(again.recorder.state.value.kind).toBe('idle');
    expect(again.recorders[0]?.state).toBe('inactive');
  });
});
