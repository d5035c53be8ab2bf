// Network applications waiting for a decision: admit, or reject with a reason the
// organisation will read.
import { useState } from 'preact/hooks';
import { lang, t } from '../../i18n/index.js';
import { formatDate } from '../../i18n/format.js';
import { api, newId, ok, type Schemas } from '../../api/client.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { useAction } from '../../ui/action.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { TerritoryLabel } from '../../ui/territory-cascade.js';
import { kindText } from '../people/parts.js';

type Org = Schemas['OrganisationViewDto'];

export function Applications() {
  const list = useCursorList(
    (cursor) =>
      ok(
        api.GET('/api/v1/organisations', {
          params: { query: { cursor, networkStatus: 'pending' } },
        }),
      ),
    'pending',
  );
  const [decided, setDecided] = useState<string | null>(null);
  return (
    <>
      {decided && <Alert kind="info">{decided}</Alert>}
      <ul class="plain">
        {list.items.map((org) => (
          <li key={org.id}>
            <Application
              org={org}
              onDecided={(text) => {
                setDecided(text);
                list.update((items) => items.filter((o) => o.id !== org.id));
              }}
            />
          </li>
        ))}
      </ul>
      <ListFooter list={list} empty={t('facilitation.applications.none')} />
    </>
  );
}

function Application(props: { org: Org; onDecided: (text: string) => void }) {
  const { org } = props;
  const [reason, setReason] = useState('');
  const decide = useAction();
  const fields = fieldErrors(decide.error);

  async function send(approve: boolean) {
    const done = await decide.run(() =>
      ok(
        api.POST('/api/v1/organisations/{id}/network-application/decision', {
          params: { path: { id: org.id }, header: { 'Idempotency-Key': newId() } },
          body: reason.trim() ? { approve, reason: reason.trim() } : { approve },
        }),
      ),
    );
    if (done)
      props.onDecided(
        t(approve ? 'facilitation.applications.approved' : 'facilitation.applications.rejected', {
          name: org.name,
        }),
      );
  }

  const reasonId = `reason-${org.id}`;
  return (
    <article class="card" aria-labelledby={`app-${org.id}`}>
      <h3 id={`app-${org.id}`} class="card-title">
        <Link href={`/organisations/${org.id}`}>{org.name}</Link>
      </h3>
      <p class="muted">
        {kindText(org.kind)} · <TerritoryLabel id={org.territoryId} />
        {org.networkAppliedAt && <> · {formatDate(org.networkAppliedAt, lang.value)}</>}
      </p>
      {org.networkMotivation && <p class="pre">{org.networkMotivation}</p>}
      <ProblemAlert error={decide.error} />
      <Field
        id={reasonId}
        label={t('facilitation.applications.reason')}
        hint={t('facilitation.applications.reasonHint')}
        value={reason}
        onInput={setReason}
        multiline
        rows={2}
        maxLength={5000}
        error={fields.reason}
      />
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={decide.busy}
          onClick={() => void send(true)}
        >
          {t('facilitation.applications.approve')}
        </button>
        <button
          type="button"
          class="danger"
          disabled={decide.busy}
          onClick={() => void send(false)}
        >
          {t('facilitation.applications.reject')}
        </button>
      </div>
    </article>
  );
}
