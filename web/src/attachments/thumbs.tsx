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
        <span class="muted" aria-label={t('att.files')}>
          📎 {others}
        </span>
      )}
    </p>
  );
}
