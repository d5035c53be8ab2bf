// One action: what, who, whom, by when, its status and progress, and its timeline of updates.
// The owner organisation's representatives and facilitators report progress here; the update goes
// through the outbox, so it is kept on the phone and sent when the hub can be reached.
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { api, ok } from '../../api/client.js';
import { formatDate } from '../../i18n/format.js';
import { lang, t } from '../../i18n/index.js';
import type { RequestPayload } from '../../offline/outbox.js';
import { outbox } from '../../session.js';
import { Alert, Field } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { OutboxNote } from '../../ui/outbox-note.js';
import { Select } from '../../ui/select.js';
import { AdvocacyNav } from '../advocacy/subnav.js';
import { useKept } from '../assessment/kept.js';
import { KeptFailure, KeptNote } from '../assessment/kept-view.js';
import { queue, queued } from '../issues/words.js';
import {
  type ActionDetail,
  type ActionStatus,
  dayText,
  localised,
  OverdueFlag,
  ProgressBar,
  STATUSES,
  StatusChip,
  statusText,
} from './parts.js';
import './strategies.css';

export default function ActionScreen(props: ScreenProps) {
  const id = props.params.id;
  const reading = useKept(`strategy-action:${id}`, () =>
    ok(api.GET('/api/v1/actions/{id}', { params: { path: { id } } })),
  );
  const a = reading.value;
  return (
    <div class="strategies">
      <AdvocacyNav />
      {a && (
        <p>
          <Link href={`/strategies/${a.strategyId}`}>{t('strategies.backToBoard')}</Link>
        </p>
      )}
      {reading.error !== null && !a ? (
        <KeptFailure reading={reading} />
      ) : !a ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <Action action={a} savedAt={reading.savedAt} reload={reading.reload} />
      )}
    </div>
  );
}

function Action(props: { action: ActionDetail; savedAt: number | null; reload: () => void }) {
  const a = props.action;
  const title = localised(a.title);
  return (
    <>
      <KeptNote savedAt={props.savedAt} />
      <h1>{title}</h1>
      <p class="muted">
        {t('strategies.in', {
          strategy: localised(a.strategyTitle),
          objective: localised(a.objectiveTitle),
        })}
      </p>
      <dl class="st-facts">
        <div>
          <dt>{t('strategies.owner')}</dt>
          <dd>{a.ownerName}</dd>
        </div>
        {a.targetAuthorityName && (
          <div>
            <dt>{t('strategies.target')}</dt>
            <dd>{a.targetAuthorityName}</dd>
          </div>
        )}
        <div>
          <dt>{t('strategies.due')}</dt>
          <dd>
            <time dateTime={a.dueAt}>{dayText(a.dueAt)}</time>
          </dd>
        </div>
      </dl>
      <p class="row">
        <StatusChip status={a.status} />
        {a.overdue && <OverdueFlag />}
      </p>
      <ProgressBar value={a.progress} label={t('strategies.progressOf', { name: title })} large />
      {a.canUpdate ? (
        <UpdateForm action={a} onSent={props.reload} />
      ) : (
        <p class="muted">{t('strategies.onlyOwner')}</p>
      )}
      <section aria-labelledby="st-timeline-h">
        <h2 id="st-timeline-h">{t('strategies.timeline')}</h2>
        {a.updates.length ? (
          <ol class="plain st-timeline">
            {a.updates.map((u) => (
              <li key={u.id} class="card">
                <p class="row">
                  <StatusChip status={u.status} />
                  <span class="badge">{`${u.progress}%`}</span>
                  <span class="muted">
                    {t('strategies.by', {
                      name: u.authorName ?? '—',
                      date: formatDate(u.createdAt, lang.value, true),
                    })}
                  </span>
                </p>
                {u.note && <p>{u.note}</p>}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{t('strategies.noUpdates')}</p>
        )}
      </section>
    </>
  );
}

function UpdateForm(props: { action: ActionDetail; onSent: () => void }) {
  const a = props.action;
  const scope = `action:${a.id}`;
  const path = `/api/v1/actions/${a.id}/updates`;
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState(String(a.progress));
  const [status, setStatus] = useState<ActionStatus>(
    a.status === 'planned' ? 'in_progress' : a.status,
  );
  const [problem, setProblem] = useState('');
  useEffect(
    () =>
      outbox()?.onSent((item) => {
        if (item.scope === scope && (item.payload as RequestPayload).path === path) props.onSent();
      }),
    [scope],
  );
  const waiting = queued(scope, '/updates');
  async function submit(e: Event) {
    e.preventDefault();
    const value = Number(progress);
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      setProblem(t('strategies.progressLabel'));
      document.getElementById('st-progress-number')?.focus();
      return;
    }
    setProblem('');
    await queue(scope, {
      method: 'POST',
      path,
      body: {
        progress: status === 'done' ? 100 : value,
        status,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
    });
    setNote('');
  }
  return (
    <section aria-labelledby="st-update-h" class="panel">
      <h2 id="st-update-h">{t('strategies.postUpdate')}</h2>
      {waiting.map((w) => (
        <div key={w.id}>
          <p>{t('strategies.waiting')}</p>
          <OutboxNote item={w} />
        </div>
      ))}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {problem && <Alert>{problem}</Alert>}
        <Field
          id="st-note"
          label={t('strategies.note')}
          value={note}
          onInput={setNote}
          multiline
          rows={3}
          maxLength={5000}
        />
        <div class="field">
          <label for="st-progress-range">{t('strategies.progressLabel')}</label>
          <div class="row">
            <input
              id="st-progress-range"
              type="range"
              min={0}
              max={100}
              step={5}
              value={progress}
              onInput={(e) => setProgress(e.currentTarget.value)}
            />
            <input
              id="st-progress-number"
              class="st-number"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              aria-label={t('strategies.progressLabel')}
              value={progress}
              onInput={(e) => setProgress(e.currentTarget.value)}
            />
          </div>
        </div>
        <Select
          id="st-status"
          label={t('strategies.statusLabel')}
          value={status}
          onChange={setStatus}
          options={STATUSES.map((s) => [s, statusText(s)] as const)}
        />
        {status === 'done' && <p class="muted">{t('strategies.doneIs100')}</p>}
        <button type="submit" class="primary">
          {t('strategies.send')}
        </button>
      </form>
    </section>
  );
}
