// The room's voice-note button. Hold to record, release to send, slide away to cancel; or tap (a
// short press, or Enter/Space from the keyboard) to start and tap again to send, with "stop and
// send" and "cancel" buttons while recording. Up to 3 minutes (it stops by itself). Where the
// browser cannot record or the microphone is refused, it says so; the attach picker beside it
// takes a recorded file instead.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { Icon } from './icons.js';
import { VoiceRecorder, type Recording } from './recorder.js';
import { clock } from './view.js';
import './attachments.css';

/** A press shorter than this starts a recording that a second tap ends (tap mode). */
const HOLD_MS = 600;
/** Moving the finger this far from where it pressed cancels a held recording. */
const SLIDE_PX = 64;

export function VoiceButton(props: { disabled?: boolean; onRecorded: (r: Recording) => void }) {
  const sink = useRef(props.onRecorded);
  sink.current = props.onRecorded;
  const rec = useMemo(() => new VoiceRecorder((r) => sink.current(r)), []);
  const [, setTick] = useState(0);
  const [note, setNote] = useState('');
  const press = useRef<{ at: number; x: number; y: number; hold: boolean } | null>(null);
  const state = rec.state.value;
  const recording = state.kind === 'recording' || state.kind === 'starting';

  useEffect(() => () => rec.cancel(), [rec]);
  useEffect(() => {
    if (state.kind !== 'recording') return;
    const timer = setInterval(() => setTick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, [state.kind]);

  const start = () => {
    setNote('');
    void rec.start();
  };
  const cancel = () => {
    press.current = null;
    rec.cancel();
    setNote(t('voice.cancelled'));
  };
  const stop = () => {
    press.current = null;
    rec.stop();
  };

  const failed =
    state.kind === 'failed'
      ? t(
          state.reason === 'denied'
            ? 'voice.denied'
            : state.reason === 'unsupported'
              ? 'voice.unsupported'
              : 'voice.error',
        )
      : '';

  return (
    <div class="voice-rec">
      <button
        type="button"
        class={`record${recording ? ' on' : ''}`}
        disabled={props.disabled}
        aria-pressed={recording}
        aria-describedby="voice-hint"
        onPointerDown={(e) => {
          if (e.button !== 0 || props.disabled) return;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          if (recording) {
            // Tap mode: this press ends it (on release).
            press.current = { at: Date.now(), x: e.clientX, y: e.clientY, hold: false };
            return;
          }
          press.current = { at: Date.now(), x: e.clientX, y: e.clientY, hold: true };
          start();
        }}
        onPointerMove={(e) => {
          const p = press.current;
          if (!p?.hold) return;
          if (Math.hypot(e.clientX - p.x, e.clientY - p.y) > SLIDE_PX) cancel();
        }}
        onPointerUp={() => {
          const p = press.current;
          if (!p) return;
          if (!p.hold || Date.now() - p.at >= HOLD_MS) stop();
          else press.current = null; // a tap: keep recording until the next tap
        }}
        onPointerCancel={() => {
          if (press.current?.hold) cancel();
        }}
        onContextMenu={(e) => e.preventDefault()}
        onClick={(e) => {
          // Keyboard (Enter/Space) gives a click without a pointer: start, or stop and send.
          if (e.detail !== 0) return;
          if (recording) stop();
          else start();
        }}
      >
        <Icon name={recording ? 'stop' : 'mic'} />
        {recording ? t('voice.stopSend') : t('voice.hold')}
      </button>
      {recording && (
        <>
          <span
            class="rec-time"
            role="timer"
            aria-label={t('voice.recording', { time: clock(rec.elapsed() / 1000) })}
          >
            <span class="rec-dot" />
            {clock(rec.elapsed() / 1000)}
          </span>
          <button type="button" class="cancel" aria-label={t('voice.cancel')} onClick={cancel}>
            <Icon name="close" />
          </button>
        </>
      )}
      <small id="voice-hint" class="visually-hidden">
        {t('voice.hint')}
      </small>
      {failed && (
        <p class="alert error" role="alert">
          {failed}
        </p>
      )}
      {note && !recording && (
        <p class="muted small" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
