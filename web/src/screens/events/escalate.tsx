// "Record an escalation" on an issue's page (issue 13): the letter sent to an authority, its
// date, outgoing number and the date an answer is due. Staff record it from prioritised or
// answered (an escalated issue too: another authority); the representatives of the organisation
// that raised the issue from discussing or prioritised (mayEscalate). It lives with the advocacy
// screens; the issue screen shows it to those who may use it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { api, newId, ok, type Schemas } from '../../api/client.js';
import { useAction } from '../../ui/action.js';
import { Field, ProblemAlert } from '../../ui/form.js';
import { fieldErrors } from '../../ui/problem.js';
import { Select } from '../../ui/select.js';

type Organisation = Schemas['OrganisationViewDto'];

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function EscalateForm(props: { issueId: string; onSent: () => void }) {
  const [open, setOpen] = useState(false);
  const [authorities, setAuthorities] = useState<Organisation[] | null>(null);
  const [authority, setAuthority] = useState('');
  const [sent, setSent] = useState(today());
  const [reference, setReference] = useState('');
  const [due, setDue] = useState('');
  const [local, setLocal] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();
  const errors = fieldErrors(action.error);
  useEffect(() => {
    if (!open || authorities) return;
    const kinds = ['state_administration', 'government_body'] as const;
    Promise.all(
      kinds.map((kind) =>
        ok(api.GET('/api/v1/organisations', { params: { query: { kind, limit: 100 } } })),
      ),
    ).then(
      (pages) => setAuthorities(pages.flatMap((p) => p.items)),
      (e: unknown) => {
        setAuthorities([]);
        setLoadError(e);
      },
    );
  }, [open]);

  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('events.esc.open')}
        </button>
      </p>
    );

  async function save(e: Event) {
    e.preventDefault();
    if (!authority) {
      setLocal(t('events.esc.needAuthority'));
      document.getElementById('esc-authority')?.focus();
      return;
    }
    setLocal('');
    // Today: now (the hub refuses a time in the future); another day: its noon.
    const sentAt = sent === today() || !sent ? new Date() : new Date(`${sent}T12:00:00`);
    const done = await action.run(() =>
      ok(
        api.POST('/api/v1/issues/{id}/escalations', {
          params: { path: { id: props.issueId } },
          headers: { 'idempotency-key': newId() },
          body: {
            authorityOrganisationId: authority,
            sentAt: sentAt.toISOString(),
            reference: reference.trim() || undefined,
            responseDueAt: due ? new Date(`${due}T23:59:00`).toISOString() : undefined,
          },
        }),
      ),
    );
    if (done) {
      setOpen(false);
      props.onSent();
    }
  }
  return (
    <form class="panel" onSubmit={(e) => void save(e)} noValidate aria-labelledby="esc-h">
      <h2 id="esc-h">{t('events.esc.title')}</h2>
      <ProblemAlert error={action.error ?? loadError} />
      {authorities === null ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        <Select
          id="esc-authority"
          label={t('events.esc.authority')}
          value={authority}
          onChange={setAuthority}
          any={authorities.length ? t('events.choose') : t('events.esc.noAuthorities')}
          options={authorities.map((o) => [o.id, o.name] as const)}
          error={local || errors['authorityOrganisationId']}
        />
      )}
      <Field
        id="esc-sent"
        type="date"
        label={t('events.esc.sentAt')}
        value={sent}
        onInput={setSent}
        error={errors['sentAt']}
      />
      <Field
        id="esc-reference"
        label={t('events.esc.reference')}
        value={reference}
        onInput={setReference}
        maxLength={200}
        error={errors['reference']}
      />
      <Field
        id="esc-due"
        type="date"
        label={t('events.esc.due')}
        hint={t('events.esc.dueHint')}
        value={due}
        onInput={setDue}
        error={errors['responseDueAt']}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={action.busy}>
          {t('events.esc.submit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
