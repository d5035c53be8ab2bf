// What a screen read through `useKept` shows besides its content: the failure with a retry while
// nothing is shown, and the note that a shown copy is the one kept on the phone.
import { t } from '../../i18n/index.js';
import { Alert } from '../../ui/form.js';
import { problemText } from '../../ui/problem.js';
import type { KeptReading } from './kept.js';
import { moment } from './words.js';

export function KeptFailure(props: { reading: Pick<KeptReading<unknown>, 'error' | 'reload'> }) {
  return (
    <div>
      <Alert>{problemText(props.reading.error)}</Alert>
      <button type="button" onClick={props.reading.reload}>
        {t('app.retry')}
      </button>
    </div>
  );
}

export function KeptNote(props: { savedAt: number | null }) {
  if (props.savedAt === null) return null;
  return (
    <Alert kind="info">
      {t('as.saved', { date: moment(new Date(props.savedAt).toISOString()) })}
    </Alert>
  );
}
