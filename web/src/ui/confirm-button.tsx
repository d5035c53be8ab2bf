// A button for something hard to undo: the first press asks, a second button confirms.
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';

export function ConfirmButton(props: {
  label: string;
  question: string;
  onConfirm: () => void | Promise<unknown>;
  busy?: boolean;
  class?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        class={props.class}
        disabled={props.busy}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  return (
    <span class="confirm row" role="group" aria-label={props.question}>
      <span>{props.question}</span>
      <button
        type="button"
        class="danger"
        disabled={props.busy}
        onClick={() => {
          setAsking(false);
          void props.onConfirm();
        }}
      >
        {t('ui.confirm')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('app.cancel')}
      </button>
    </span>
  );
}
