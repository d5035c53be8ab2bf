// Admins: find a person and change their network role (member, facilitator, admin).
import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { api, ok, type User } from '../../api/client.js';
import { Alert, Field, ProblemAlert, SearchForm } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { useAction } from '../../ui/action.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { NETWORK_ROLES, networkRoleText, type NetworkRole } from '../people/parts.js';

export function Roles() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const list = useCursorList(
    (cursor) =>
      ok(api.GET('/api/v1/members', { params: { query: { cursor, q: q.trim() || undefined } } })),
    q,
  );
  return (
    <>
      <SearchForm onSearch={() => setQ(draft)}>
        <Field
          id="roles-q"
          type="search"
          label={t('people.search')}
          value={draft}
          onInput={setDraft}
        />
        <button type="submit" class="primary">
          {t('people.find')}
        </button>
      </SearchForm>
      <ul class="plain">
        {list.items.map((u) => (
          <li key={u.id}>
            <RoleRow
              user={u}
              onChanged={(changed) =>
                list.update((items) => items.map((x) => (x.id === changed.id ? changed : x)))
              }
            />
          </li>
        ))}
      </ul>
      <ListFooter list={list} empty={t('people.noneFound')} />
    </>
  );
}

function RoleRow(props: { user: User; onChanged: (user: User) => void }) {
  const u = props.user;
  const [role, setRole] = useState<NetworkRole>(u.role);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const selectId = `role-${u.id}`;

  async function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    let changed: User | null = null;
    const done = await save.run(async () => {
      changed = await ok(
        api.PATCH('/api/v1/users/{id}/role', { params: { path: { id: u.id } }, body: { role } }),
      );
    });
    if (done && changed) {
      props.onChanged(changed);
      setSaved(true);
    }
  }

  return (
    <form class="card" onSubmit={(e) => void submit(e)}>
      <p>
        <Link href={`/people/${u.id}`}>{u.displayName}</Link>{' '}
        <span class="badge">{networkRoleText(u.role)}</span>
      </p>
      <div class="row">
        <label for={selectId}>{t('facilitation.roles.roleOf', { name: u.displayName })}</label>
        <select
          id={selectId}
          class="inline"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as NetworkRole)}
        >
          {NETWORK_ROLES.map((r) => (
            <option key={r} value={r}>
              {networkRoleText(r)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={save.busy || role === u.role}>
          {t('facilitation.roles.change')}
        </button>
      </div>
      <ProblemAlert error={save.error} />
      {saved && <Alert kind="info">{t('facilitation.roles.changed')}</Alert>}
    </form>
  );
}
