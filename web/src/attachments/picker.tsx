// Choosing files for an item: several, a caption each, any removed before sending. The input
// takes what the hub keeps (photos, PDF, audio); the hub still decides the type from the bytes.
import { t } from '../i18n/index.js';
import { Icon, fileIcon } from './icons.js';
import { ACCEPT, MAX_FILES } from './types.js';
import { picked, release, type Picked } from './queue.js';
import { sizeText } from './view.js';
import './attachments.css';

export function AttachPicker(props: {
  id: string;
  files: Picked[];
  onChange: (files: Picked[]) => void;
  disabled?: boolean;
  /** An icon-only button and no visible hint (the room's composer, where room is short). */
  compact?: boolean;
}) {
  const { id, files } = props;
  const full = files.length >= MAX_FILES;
  return (
    <div class="attach">
      <div class="file-pick">
        <input
          id={id}
          type="file"
          multiple
          accept={ACCEPT}
          class="visually-hidden"
          disabled={props.disabled || full}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const input = e.currentTarget;
            const chosen = [...(input.files ?? [])].map((f) => picked(f, f.name));
            input.value = '';
            const room = MAX_FILES - files.length;
            release(chosen.slice(room));
            props.onChange([...files, ...chosen.slice(0, room)]);
          }}
        />
        <label for={id} class="button" title={props.compact ? t('att.attach') : undefined}>
          <Icon name="clip" />
          <span class={props.compact ? 'visually-hidden' : undefined}>{t('att.attach')}</span>
        </label>
        <small id={`${id}-hint`} class={props.compact ? 'visually-hidden' : 'hint muted'}>
          {full ? t('att.tooMany', { count: MAX_FILES }) : t('att.pickHint', { count: MAX_FILES })}
        </small>
      </div>
      {files.length > 0 && (
        <ul class="plain picked" aria-label={t('att.chosen')}>
          {files.map((f) => (
            <li key={f.key}>
              {f.preview ? (
                <img src={f.preview} alt="" width={56} height={56} />
              ) : (
                <span class="file-icon">
                  <Icon name={fileIcon(f.type)} size={32} />
                </span>
              )}
              <div class="picked-text">
                <span class="file-name">{f.name}</span>
                <small class="muted">{sizeText(f.size)}</small>
              </div>
              <button
                type="button"
                class="remove"
                aria-label={t('att.remove', { name: f.name })}
                onClick={() => {
                  release([f]);
                  props.onChange(files.filter((x) => x.key !== f.key));
                }}
              >
                <Icon name="close" />
              </button>
              <div class="picked-caption">
                <label for={`${id}-cap-${f.key}`} class="small">
                  {t('att.caption')}
                </label>
                <input
                  id={`${id}-cap-${f.key}`}
                  value={f.caption}
                  maxLength={500}
                  onInput={(e) => {
                    const caption = e.currentTarget.value;
                    props.onChange(files.map((x) => (x.key === f.key ? { ...x, caption } : x)));
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
