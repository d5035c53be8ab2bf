// A list item's photos: thumbnails only (the register is a first screen; this stays small and
// opens nothing itself: the item's link leads to where they open). Lazy, sized, and asked for
// again once with fresh URLs when a signed URL has expired.
import { useState } from 'preact/hooks';
import { api, ok } from '../api/client.js';
import { t } from '../i18n/index.js';
import type { AttachmentView } from './types.js';

const SHOWN = 4;
const PX = 64;

function Thumb(props: { att: AttachmentView }) {
  const [src, setSrc] = useState(props.att.urls.thumbnail ?? props.att.urls.display);
  const [tried, setTried] = useState(false);
  if (!src) return null;
  return (
    <img
      src={src}
      alt={props.att.caption?.trim() || t('att.photo')}
      loading="lazy"
      decoding="async"
      width={PX}
      height={PX}
      onError={() => {
        if (tried) return;
        setTried(true);
        ok(api.GET('/api/v1/attachments/{id}', { params: { path: { id: props.att.id } } })).then(
          (fresh) => setSrc(fresh.urls.thumbnail ?? fresh.urls.display),
          () => undefined,
        );
      }}
    />
  );
}

/** The photos of `of` (an issue card), or nothing when it carries none. */
export function ThumbStrip(props: { of: unknown }) {
  // Read here rather than with types.ts's attachmentsOf: that would be one more chunk to load
  // with the register.
  const list = (props.of as { attachments?: AttachmentView[] }).attachments;
  const items = Array.isArray(list) ? list : [];
  const photos = items.filter((a) => a.kind === 'image');
  const others = items.length - photos.length;
  if (!photos.length && !others) return null;
  return (
    <p class="thumb-strip">
      {photos.slice(0, SHOWN).map((a) => (
        <Thumb key={a.id} att={a} />
      ))}
      {photos.length > SHOWN && <span class="muted">+{photos.length - SHOWN}</span>}
      {others > 0 && (
        <span class="muted">
          <span class="visually-hidden">{t('att.files')}: </span>
          <svg viewBox="0 0 24 24" width={16} height={16} aria-hidden="true" focusable="false">
            <path
              d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z"
              fill="currentColor"
            />
          </svg>
          {others}
        </span>
      )}
    </p>
  );
}
