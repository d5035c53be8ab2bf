// How an item waiting in the outbox shows where it will appear: "waiting to be sent" (or sending),
// or "not sent" with the hub's reason in the reader's words and the choice to retry or discard.
import { ApiError, type Problem } from '../api/client.js';
import { t } from '../i18n/index.js';
import type { OutboxItem } from '../offline/outbox.js';
import { outbox } from '../session.js';
import { problemText } from './problem.js';

export function OutboxNote(props: { item: OutboxItem }) {
  const { item } = props;
  if (item.state !== 'failed')
    return (
      <p class="outbox-note pending" role="status">
        {t(item.state === 'sending' ? 'issues.sending' : 'issues.waiting')}
      </p>
    );
  const reason = problemText(
    new ApiError(0, { code: (item.error ?? 'internal') as Problem['code'] }),
  );
  return (
    <div class="outbox-note failed" role="alert">
      <p>{t('issues.failed', { reason })}</p>
      <div class="row">
        <button type="button" onClick={() => void outbox()?.retry(item.id)}>
          {t('issues.retry')}
        </button>
        <button type="button" onClick={() => void outbox()?.discard(item.id)}>
          {t('issues.discard')}
        </button>
      </div>
    </div>
  );
}
