// A member's public profile (phone and email only when the hub shows them to me).
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { LANG_NAMES, t } from '../../i18n/index.js';
import { api, ok, type User } from '../../api/client.js';
import { me } from '../../session.js';
import { Alert } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { problemText } from '../../ui/problem.js';
import { TerritoryLabel } from '../../ui/territory-cascade.js';
import { networkRoleText, orgRoleText } from './parts.js';

export default function Profile(props: ScreenProps) {
  const id = props.params.id;
  const [member, setMember] = useState<User | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setMember(null);
    setError(null);
    ok(api.GET('/api/v1/members/{id}', { params: { path: { id } } }))
      .then(setMember)
      .catch(setError);
  }, [id]);

  if (error !== null) return <Alert>{problemText(error)}</Alert>;
  if (!member) return <p class="loading">{t('app.loading')}</p>;
  return (
    <article>
      <h1>{member.displayName}</h1>
      {member.id === me.value?.id && (
        <p>
          <Link href="/me">{t('people.editMine')}</Link>
        </p>
      )}
      <dl class="facts">
        {member.role !== 'member' && (
          <>
            <dt>{t('people.networkRole')}</dt>
            <dd>{networkRoleText(member.role)}</dd>
          </>
        )}
        {member.position && (
          <>
            <dt>{t('people.position')}</dt>
            <dd>{member.position}</dd>
          </>
        )}
        {member.territoryId && (
          <>
            <dt>{t('people.territory')}</dt>
            <dd>
              <TerritoryLabel id={member.territoryId} />
            </dd>
          </>
        )}
        {member.languages.length > 0 && (
          <>
            <dt>{t('people.languagesOf')}</dt>
            <dd>{member.languages.map((l) => LANG_NAMES[l]).join(', ')}</dd>
          </>
        )}
        {member.phone && (
          <>
            <dt>{t('people.phone')}</dt>
            <dd>
              <a href={`tel:${member.phone}`}>{member.phone}</a>
            </dd>
          </>
        )}
        {member.email && (
          <>
            <dt>{t('signIn.email')}</dt>
            <dd>
              <a href={`mailto:${member.email}`}>{member.email}</a>
            </dd>
          </>
        )}
      </dl>
      {member.bio && (
        <section aria-labelledby="bio">
          <h2 id="bio">{t('people.bio')}</h2>
          <p class="pre">{member.bio}</p>
        </section>
      )}
      <section aria-labelledby="orgs">
        <h2 id="orgs">{t('nav.organisations')}</h2>
        {member.organisations.length === 0 ? (
          <p class="muted">{t('people.noOrganisations')}</p>
        ) : (
          <ul>
            {member.organisations.map((o) => (
              <li key={o.id}>
                <Link href={`/organisations/${o.id}`}>{o.name}</Link> ({orgRoleText(o.role)})
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
