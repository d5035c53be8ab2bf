// Organisations: invitations waiting for me, the list (search, kind, network status) and
// registering a new one (I become its representative).
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { t } from '../../i18n/index.js';
import { api, newId, ok } from '../../api/client.js';
import { navigate } from '../../router.js';
import { reloadMe } from '../../session.js';
import { Field, FormSection, SearchForm } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { useAction } from '../../ui/action.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { Select } from '../../ui/select.js';
import { TerritoryCascade } from '../../ui/territory-cascade.js';
import {
  KINDS,
  MyInvitations,
  NETWORK_STATUSES,
  kindText,
  networkStatusText,
  type Kind,
  type NetworkStatus,
  OrgDescriptionField,
  OrgNameField,
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
      <SearchForm class="filters" onSearch={() => setFilters(draft)}>
        <Field
          id="org-q"
          type="search"
          label={t('people.org.search')}
          value={draft.q}
          onInput={(q) => setDraft({ ...draft, q })}
        />
        <Select
          id="org-kind"
          label={t('people.org.kind')}
          value={draft.kind}
          onChange={(kind) => setDraft({ ...draft, kind })}
          options={KINDS.map((k) => [k, kindText(k)] as const)}
          any={t('people.any')}
        />
        <Select
          id="org-status"
          label={t('people.org.networkStatus')}
          value={draft.networkStatus}
          onChange={(networkStatus) => setDraft({ ...draft, networkStatus })}
          options={NETWORK_STATUSES.map((s) => [s, networkStatusText(s)] as const)}
          any={t('people.any')}
        />
        <button type="submit" class="primary">
          {t('people.find')}
        </button>
      </SearchForm>
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
    <FormSection
      id="create-org"
      title={t('people.org.create')}
      onSubmit={submit}
      error={create.error}
    >
      <OrgNameField id="org-name" value={name} onInput={setName} error={fields.name} />
      <Select
        id="org-new-kind"
        label={t('people.org.kind')}
        value={kind}
        onChange={setKind}
        options={KINDS.map((k) => [k, kindText(k)] as const)}
      />
      <TerritoryCascade
        id="org-territory"
        label={t('people.territory')}
        value={territoryId}
        onChange={setTerritoryId}
        error={fields.territoryId}
      />
      <OrgDescriptionField
        id="org-description"
        value={description}
        onInput={setDescription}
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
    </FormSection>
  );
}
