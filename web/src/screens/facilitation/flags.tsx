// The flag queue: messages and files (photos, documents, voice notes) members reported. Each is
// settled with an action (dismiss, hide the message or file, mute or ban its author) and a note;
// settled ones can be looked back at.
import { useEffect, useState } from 'preact/hooks';
import { lang, t } from '../../i18n/index.js';
import { formatDate } from '../../i18n/format.js';
import { api, newId, ok, type Schemas } from '../../api/client.js';
import { Field, ProblemForm, RadioGroup } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { useAction } from '../../ui/action.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { MemberName } from '../../ui/member-name.js';
import { refetch, Attachments } from '../../attachments/view.js';
import type { AttachmentView } from '../../attachments/types.js';

type Flag = Schemas['FlagViewDto'];
type Status = Flag['status'];
type Action = Schemas['ResolveFlagDto']['action'];

const STATUSES: Status[] = ['open', 'actioned', 'dismissed'];
const STATUS = {
  open: 'facilitation.flags.status.open',
  actioned: 'facilitation.flags.status.actioned',
  dismissed: 'facilitation.flags.status.dismissed',
} as const;
const ACTIONS: Action[] = ['dismiss', 'hide', 'mute', 'ban'];
const ACTION = {
  dismiss: 'facilitation.flags.action.dismiss',
  hide: 'facilitation.flags.action.hide',
  mute: 'facilitation.flags.action.mute',
  ban: 'facilitation.flags.action.ban',
} as const;

export function Flags() {
  const [status, setStatus] = useState<Status>('open');
  const list = useCursorList(
    (cursor) => ok(api.GET('/api/v1/moderation/flags', { params: { query: { cursor, status } } })),
    status,
  );
  return (
    <>
      <div class="field">
        <label for="flag-status">{t('facilitation.flags.show')}</label>
        <select
          id="flag-status"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as Status)}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(STATUS[s])}
            </option>
          ))}
        </select>
      </div>
      <ul class="plain">
        {list.items.map((flag) => (
          <li key={flag.id}>
            <FlagCard
              flag={flag}
              onResolved={(settled) =>
                list.update((items) =>
                  status === 'open'
                    ? items.filter((f) => f.id !== flag.id)
                    : items.map((f) => (f.id === flag.id ? settled : f)),
                )
              }
            />
          </li>
        ))}
      </ul>
      <ListFooter list={list} empty={t('facilitation.flags.none')} />
    </>
  );
}

function FlagCard(props: { flag: Flag; onResolved: (flag: Flag) => void }) {
  const { flag } = props;
  const [action, setAction] = useState<Action>('dismiss');
  const [minutes, setMinutes] = useState('60');
  const [note, setNote] = useState('');
  const resolve = useAction();
  const fields = fieldErrors(resolve.error);
  const id = flag.id;

  async function submit(e: Event) {
    e.preventDefault();
    let settled: Flag | null = null;
    const done = await resolve.run(async () => {
      settled = await ok(
        api.POST('/api/v1/moderation/flags/{id}/resolve', {
          params: { path: { id }, header: { 'Idempotency-Key': newId() } },
          body: {
            action,
            ...(action === 'mute' ? { minutes: Number(minutes) } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      );
    });
    if (done && settled) props.onResolved(settled);
  }

  return (
    <article class="card" aria-labelledby={`flag-${id}`}>
      <h3 id={`flag-${id}`} class="card-title">
        {t('facilitation.flags.reported', { reason: flag.reason })}
      </h3>
      {flag.target === 'attachment' && flag.attachmentId && (
        <FlaggedFile id={flag.attachmentId} hidden={flag.attachmentHidden} />
      )}
      {flag.body && <blockquote class="pre">{flag.body}</blockquote>}
      <p class="muted">
        {t('facilitation.flags.author')} <MemberName id={flag.authorId} /> ·{' '}
        {t('facilitation.flags.reporter')} <MemberName id={flag.reporterId} /> ·{' '}
        {formatDate(flag.createdAt, lang.value, true)} ·{' '}
        {flag.roomId && flag.seq !== null ? (
          <Link href={`/facilitation/rooms?room=${flag.roomId}`}>
            {t('facilitation.flags.inRoom', { seq: flag.seq })}
          </Link>
        ) : flag.attachmentParent?.type === 'issue' ? (
          <Link href={`/issues/${flag.attachmentParent.id}`}>{t('att.onIssue')}</Link>
        ) : null}
      </p>
      {flag.status !== 'open' ? (
        <p>
          <strong>{t(STATUS[flag.status])}</strong>
          {flag.action && <> · {t(ACTION[flag.action])}</>}
          {flag.resolutionNote && <> · {flag.resolutionNote}</>}
        </p>
      ) : (
        <ProblemForm onSubmit={submit} error={resolve.error}>
          <RadioGroup
            name={`action-${id}`}
            legend={t('facilitation.flags.what')}
            value={action}
            onChange={setAction}
            options={ACTIONS.map((a) => [a, t(ACTION[a])] as const)}
          />
          {action === 'mute' && (
            <Field
              id={`minutes-${id}`}
              type="number"
              label={t('facilitation.minutes')}
              value={minutes}
              onInput={setMinutes}
              error={fields.minutes}
            />
          )}
          <Field
            id={`note-${id}`}
            label={t('facilitation.flags.note')}
            value={note}
            onInput={setNote}
            maxLength={500}
            error={fields.note}
          />
          <button type="submit" class="primary" disabled={resolve.busy}>
            {t('facilitation.flags.resolve')}
          </button>
        </ProblemForm>
      )}
    </article>
  );
}

/** The reported file itself, so the facilitator sees what was reported (unless already hidden). */
function FlaggedFile(props: { id: string; hidden: boolean }) {
  const [view, setView] = useState<AttachmentView | null>(null);
  useEffect(() => {
    if (props.hidden) return;
    refetch(props.id).then(setView, () => setView(null));
  }, [props.id, props.hidden]);
  return (
    <div>
      <p class="muted">{t(props.hidden ? 'att.flaggedHidden' : 'att.flagged')}</p>
      {view && <Attachments items={[view]} />}
    </div>
  );
}
