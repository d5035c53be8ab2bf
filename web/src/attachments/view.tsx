// Showing attachments: photos as thumbnails only (lazy, sized so nothing jumps), tapped open in a
// simple viewer at screen size with a link to the original; documents as a chip with their size
// that opens the original; voice notes with a player. Signed URLs expire after a few minutes:
// when a photo or a voice note fails to load, the attachment is asked for again once
// (GET /attachments/:id) for fresh URLs.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { lang, t } from '../i18n/index.js';
import { formatNumber } from '../i18n/format.js';
import type { AttachmentView } from './types.js';
import { Icon } from './icons.js';
import './attachments.css';

export const THUMB_PX = 96;

/** A byte count as "820 KB" or "1.4 MB" in the reader's language. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024)
    return t('att.kb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), lang.value) });
  return t('att.mb', {
    size: formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, lang.value),
  });
}

/** Seconds as m:ss. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The attachment with fresh signed URLs. */
export function refetch(id: string): Promise<AttachmentView> {
  return ok(api.GET('/api/v1/attachments/{id}', { params: { path: { id } } }));
}

/** The attachment as shown, and what to call when one of its URLs failed (refetched once). */
function useFresh(att: AttachmentView): [AttachmentView, () => Promise<AttachmentView | null>] {
  const [view, setView] = useState(att);
  const tried = useRef(false);
  useEffect(() => {
    setView(att);
    tried.current = false;
  }, [att.id, att.urls.original]);
  const renew = async () => {
    if (tried.current) return null;
    tried.current = true;
    try {
      const fresh = await refetch(att.id);
      setView(fresh);
      return fresh;
    } catch {
      return null;
    }
  };
  return [view, renew];
}

const nameOf = (a: AttachmentView) =>
  a.caption?.trim() ||
  t(a.kind === 'image' ? 'att.photo' : a.kind === 'audio' ? 'att.audio' : 'att.document');

export function Attachments(props: { items: readonly AttachmentView[] }) {
  const [open, setOpen] = useState<AttachmentView | null>(null);
  if (!props.items.length) return null;
  const images = props.items.filter((a) => a.kind === 'image');
  const others = props.items.filter((a) => a.kind !== 'image');
  return (
    <div class="attachments">
      {images.length > 0 && (
        <ul class="plain thumbs">
          {images.map((a) => (
            <li key={a.id}>
              <Thumb att={a} onOpen={setOpen} />
            </li>
          ))}
        </ul>
      )}
      {others.map((a) =>
        a.kind === 'audio' ? <VoicePlayer key={a.id} att={a} /> : <DocChip key={a.id} att={a} />,
      )}
      {open && <Viewer att={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

function Thumb(props: { att: AttachmentView; onOpen: (a: AttachmentView) => void }) {
  const [view, renew] = useFresh(props.att);
  const name = nameOf(view);
  return (
    <figure>
      <button
        type="button"
        class="thumb"
        aria-label={t('att.openPhoto', { name })}
        onClick={() => props.onOpen(view)}
      >
        <img
          src={view.urls.thumbnail ?? view.urls.display ?? view.urls.original}
          alt={name}
          loading="lazy"
          decoding="async"
          width={THUMB_PX}
          height={THUMB_PX}
          onError={() => void renew()}
        />
      </button>
      {view.caption && <figcaption class="small">{view.caption}</figcaption>}
    </figure>
  );
}

function Viewer(props: { att: AttachmentView; onClose: () => void }) {
  const [view, renew] = useFresh(props.att);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);
  const name = nameOf(view);
  const w = view.width ?? 0;
  const h = view.height ?? 0;
  return (
    <dialog
      ref={dialog}
      class="viewer"
      aria-label={name}
      onClose={props.onClose}
      onClick={(e) => {
        if (e.target === dialog.current) props.onClose();
      }}
    >
      <img
        src={view.urls.display ?? view.urls.original}
        alt={name}
        width={w || undefined}
        height={h || undefined}
        onError={() => void renew()}
      />
      {view.caption && <p>{view.caption}</p>}
      <div class="row">
        <a href={view.urls.original} target="_blank" rel="noopener">
          {t('att.original')} ({sizeText(view.size)})
        </a>
        <button type="button" class="primary" onClick={props.onClose}>
          {t('att.close')}
        </button>
      </div>
    </dialog>
  );
}

function DocChip(props: { att: AttachmentView }) {
  const a = props.att;
  return (
    <a
      class="doc-chip"
      href={a.urls.original}
      target="_blank"
      rel="noopener"
      onClick={(e) => {
        // The link may have expired while the page stood open: open a fresh one.
        e.preventDefault();
        const tab = window.open('', '_blank');
        refetch(a.id).then(
          (fresh) => {
            if (tab) tab.location.href = fresh.urls.original;
            else location.assign(fresh.urls.original);
          },
          () => {
            if (tab) tab.location.href = a.urls.original;
            else location.assign(a.urls.original);
          },
        );
      }}
    >
      <Icon name="doc" />
      <span class="doc-name">{nameOf(a)}</span>
      <span class="muted small">
        {a.mimeType === 'application/pdf' ? 'PDF · ' : ''}
        {sizeText(a.size)}
      </span>
    </a>
  );
}

export function VoicePlayer(props: { att: AttachmentView }) {
  const [view, renew] = useFresh(props.att);
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [at, setAt] = useState(0);
  const [length, setLength] = useState(props.att.durationSeconds ?? 0);
  const [failed, setFailed] = useState(false);
  const resume = useRef(false);
  const name = nameOf(view);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => undefined);
    else el.pause();
  };

  return (
    <div class="voice" role="group" aria-label={name}>
      <button
        type="button"
        class="play"
        aria-label={`${t(playing ? 'att.pause' : 'att.play')}: ${name}`}
        onClick={toggle}
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <progress
        max={length || 1}
        value={Math.min(at, length || 1)}
        aria-label={t('att.position')}
      />
      <span class="muted small time">
        {clock(at)} / {clock(length)}
      </span>
      {failed && <span class="error small">{t('att.notLoaded')}</span>}
      <audio
        ref={audio}
        src={view.urls.original}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setAt(0);
        }}
        onTimeUpdate={(e) => setAt(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => {
          const d = e.currentTarget.duration;
          if (Number.isFinite(d) && d > 0) setLength(d);
          if (resume.current) {
            resume.current = false;
            void e.currentTarget.play().catch(() => undefined);
          }
        }}
        onError={() => {
          // With preload="none" it loads only when played: play the fresh one when it is there.
          void renew().then((fresh) => {
            if (fresh) resume.current = true;
            else setFailed(true);
          });
        }}
      />
    </div>
  );
}
