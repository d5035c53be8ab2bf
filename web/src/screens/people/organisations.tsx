// Organisations: invitations waiting for me, the list (search, kind, network status) and
// registering a new one (I become its representative).
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { api, newId, ok } from '../../api/client.js';
import { navigate } from '../../router.js';
import { reloadMe } from '../../session.js';
import { Field, ProblemAlert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { useAction } from '../../ui/action.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { TerritoryCascade } from '../../ui/territory-cascade.js';
import {
  KINDS,
  MyInvitations,
  NETWORK_STATUSES,
  kindText,
  networkStatusText,
  type Kind,
  type NetworkStatus,
} from './parts.js';

interface Filters {
  q: string;
  kind: Kind | '';
  networkStatus: NetworkStatus | '';
}

export default function Organisations(_props: ScreenProps) {
  const [draft, setDraft] = useState<Filters>({ q: '', kind: '', networkStatus: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [creating, setCreating] = useState(false);
  const list = useCursorList(
    (cursor) =>
      ok(
        api.GET('/api/v1/organisations', {
          params: {
            query: {
              cursor,
              q: filters.q.trim() || undefined,
              kind: filters.kind || undefined,
              networkStatus: filters.networkStatus || undefined,
            },
          },
        }),
      ),
    JSON.stringify(filters),
  );

  return (
    <>
      <h1>{t('nav.organisations')}</h1>
      <MyInvitations />
      {creating ? (
        <CreateForm onCancel={() => setCreating(false)} />
      ) : (
        <p>
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            {t('people.org.create')}
          </button>
        </p>
      )}
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <Field
          id="org-q"
          type="search"
          label={t('people.org.search')}
          value={draft.q}
          onInput={(q) => setDraft({ ...draft, q })}
        />
        <div class="field">
          <label for="org-kind">{t('people.org.kind')}</label>
          <select
            id="org-kind"
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value as Kind | '' })}
          >
            <option value="">{t('people.any')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindText(k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="org-status">{t('people.org.networkStatus')}</label>
          <select
            id="org-status"
            value={draft.networkStatus}
            onChange={(e) =>
              setDraft({ ...draft, networkStatus: e.currentTarget.value as NetworkStatus | '' })
            }
          >
            <option value="">{t('people.any')}</option>
            {NETWORK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {networkStatusText(s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          {t('people.find')}
        </button>
      </form>
      <h2 class="visually-hidden">{t('people.results')}</h2>
      <ul class="plain" aria-busy={list.loading}>
        {list.items.map((o) => (
          <li key={o.id} class="card">
            <h3 class="card-title">
              <Link href={`/organisations/${o.id}`}>{o.name}</Link>
            </h3>
            <p class="muted">
              {kindText(o.kind)} · {t('people.org.members', { count: o.memberCount })} ·{' '}
              {networkStatusText(o.networkStatus)}
            </p>
          </li>
        ))}
      </ul>
      <ListFooter list={list} empty={t('people.org.noneFound')} />
    </>
  );
}

function CreateForm(props: { onCancel: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('ngo');
  const [territoryId, setTerritoryId] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const create = useAction();
  const fields = fieldErrors(create.error);

  async function submit(e: Event) {
    e.preventDefault();
    let id = '';
    const done = await create.run(async () => {
      const org = await ok(
        api.POST('/api/v1/organisations', {
          params: { header: { 'Idempotency-Key': newId() } },
          body: {
            name: name.trim(),
            kind,
            // The hub names the missing territory among the field errors.
            territoryId: territoryId ?? '',
            description: description.trim() || null,
          },
        }),
      );
      id = org.id;
      await reloadMe();
    });
    if (done) navigate(`/organisations/${id}`);
  }

  return (
    <section aria-labelledby="create-org">
      <h2 id="create-org">{t('people.org.create')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ProblemAlert error={create.error} />
        <Field
          id="org-name"
          label={t('people.org.name')}
          value={name}
          onInput={setName}
          required
          minLength={2}
          maxLength={200}
          error={fields.name}
        />
        <div class="field">
          <label for="org-new-kind">{t('people.org.kind')}</label>
          <select
            id="org-new-kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as Kind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindText(k)}
              </option>
            ))}
          </select>
        </div>
        <TerritoryCascade
          id="org-territory"
          label={t('people.territory')}
          value={territoryId}
          onChange={setTerritoryId}
          error={fields.territoryId}
        />
        <Field
          id="org-description"
          label={t('people.org.description')}
          value={description}
          onInput={setDescription}
          multiline
          maxLength={5000}
          error={fields.description}
        />
        <div class="row">
          <button type="submit" class="primary" disabled={create.busy}>
            {t('people.org.createSubmit')}
          </button>
          <button type="button" onClick={props.onCancel}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
