// The files of an item waiting in the outbox: each with its progress while it uploads, "uploaded"
// once attached, or the hub's refusal with the choice to send the item without that file.
import { t } from '../i18n/index.js';
import { Icon, fileIcon } from './icons.js';
import { fileProgress, filesOf, type OutboxItem } from '../offline/outbox.js';
import { outbox } from '../session.js';
import { problemText } from '../ui/problem.js';
import { ApiError, type Problem } from '../api/client.js';
import { sizeText } from './view.js';
import './attachments.css';

export function PendingFiles(props: { item: OutboxItem }) {
  const { item } = props;
  const files = filesOf(item.payload);
  if (!files.length) return null;
  const sent = fileProgress.value;
  return (
    <ul class="plain pending-files">
      {files.map((f) => {
        const done = sent[f.key] ?? 0;
        const percent = f.size ? Math.floor((done / f.size) * 100) : 100;
        const label = f.caption || f.name;
        return (
          <li key={f.key} class={f.error ? 'failed' : ''}>
            <span class="file-name">
              <Icon name={fileIcon(f.type)} /> {label}{' '}
              <small class="muted">{sizeText(f.size)}</small>
            </span>
            {f.error ? (
              <span role="alert" class="error small">
                {t('att.refused', {
                  reason:
                    f.detail ?? problemText(new ApiError(0, { code: f.error as Problem['code'] })),
                })}{' '}
                <button
                  type="button"
                  class="link"
                  onClick={() => void outbox()?.removeFile(item.id, f.key)}
                >
                  {t('att.sendWithout')}
                </button>
              </span>
            ) : f.attachmentId ? (
              <small class="muted">{t('att.uploaded')}</small>
            ) : item.state === 'sending' && done > 0 ? (
              <>
                <progress max={f.size || 1} value={done} aria-label={label} />
                <small class="muted">{t('att.uploading', { percent })}</small>
              </>
            ) : (
              <small class="muted">{t('att.waiting')}</small>
            )}
          </li>
        );
      })}
    </ul>
  );
}
