// Pieces the people and organisation screens share: a member's card, the words for kinds,
// statuses and roles, and my pending invitations (shown on /me and /organisations).
import '../../ui/people-admin.css';
import { useState } from 'preact/hooks';
import { api, newId, ok, type Schemas, type User } from '../../api/client.js';
import { LANG_NAMES, t } from '../../i18n/index.js';
import { Link } from '../../ui/link.js';
import { Alert, Field, ProblemAlert } from '../../ui/form.js';
import { useCursorList } from '../../ui/cursor-list.js';
import { reloadMe } from '../../session.js';

export type Organisation = Schemas['OrganisationViewDto'];
export type Kind = Organisation['kind'];
export type NetworkStatus = Organisation['networkStatus'];
export type OrgRole = Schemas['OrganisationMemberViewDto']['role'];
export type NetworkRole = User['role'];

export const KINDS: Kind[] = [
  'aiyl_okmotu',
  'aiyl_kenesh',
  'state_administration',
  'government_body',
  'ngo',
  'community_group',
  'international_partner',
];
const KIND = {
  aiyl_okmotu: 'people.kind.aiyl_okmotu',
  aiyl_kenesh: 'people.kind.aiyl_kenesh',
  state_administration: 'people.kind.state_administration',
  government_body: 'people.kind.government_body',
  ngo: 'people.kind.ngo',
  community_group: 'people.kind.community_group',
  international_partner: 'people.kind.international_partner',
} as const;
export const kindText = (k: Kind) => t(KIND[k]);

export const NETWORK_STATUSES: NetworkStatus[] = ['none', 'pending', 'member', 'rejected'];
const STATUS = {
  none: 'people.network.none',
  pending: 'people.network.pending',
  member: 'people.network.member',
  rejected: 'people.network.rejected',
} as const;
export const networkStatusText = (s: NetworkStatus) => t(STATUS[s]);

const ORG_ROLE = {
  representative: 'people.orgRole.representative',
  member: 'people.orgRole.member',
} as const;
export const orgRoleText = (r: OrgRole) => t(ORG_ROLE[r]);

export const NETWORK_ROLES: NetworkRole[] = ['member', 'facilitator', 'admin'];
const NETWORK_ROLE = {
  member: 'people.role.member',
  facilitator: 'people.role.facilitator',
  admin: 'people.role.admin',
} as const;
export const networkRoleText = (r: NetworkRole) => t(NETWORK_ROLE[r]);

export function MemberCard(props: { member: User }) {
  const m = props.member;
  return (
    <article class="card">
      <h3 class="card-title">
        <Link href={`/people/${m.id}`}>{m.displayName}</Link>
        {m.role !== 'member' && <span class="badge"> {networkRoleText(m.role)}</span>}
      </h3>
      {m.position && <p>{m.position}</p>}
      {m.organisations.length > 0 && (
        <p class="muted">{m.organisations.map((o) => o.name).join(' · ')}</p>
      )}
      {m.languages.length > 0 && (
        <p class="muted">
          {t('people.speaks')} {m.languages.map((l) => LANG_NAMES[l]).join(', ')}
        </p>
      )}
    </article>
  );
}

/** The invitations waiting for me: accept (I join) or decline. */
export function MyInvitations() {
  const list = useCursorList(
    (cursor) => ok(api.GET('/api/v1/invitations', { params: { query: { cursor } } })),
    'mine',
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  if (list.items.length === 0 && !done) return null;

  async function answer(id: string, accept: boolean, name: string) {
    setBusy(id);
    setError(null);
    try {
      const params = { path: { id }, header: { 'Idempotency-Key': newId() } };
      if (accept) await ok(api.POST('/api/v1/invitations/{id}/accept', { params }));
      else await ok(api.POST('/api/v1/invitations/{id}/decline', { params }));
      list.update((items) => items.filter((i) => i.id !== id));
      setDone(t(accept ? 'people.invitation.accepted' : 'people.invitation.declined', { name }));
      if (accept) await reloadMe();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="my-invitations">
      <h2 id="my-invitations">{t('people.invitation.mine')}</h2>
      {done && <Alert kind="info">{done}</Alert>}
      <ProblemAlert error={error} />
      <ul class="plain">
        {list.items.map((inv) => (
          <li key={inv.id} class="card">
            <p>
              {t('people.invitation.text', {
                name: inv.organisationName,
                role: orgRoleText(inv.role),
              })}
            </p>
            <div class="row">
              <button
                type="button"
                class="primary"
                disabled={busy === inv.id}
                onClick={() => void answer(inv.id, true, inv.organisationName)}
              >
                {t('people.invitation.accept')}
              </button>
              <button
                type="button"
                disabled={busy === inv.id}
                onClick={() => void answer(inv.id, false, inv.organisationName)}
              >
                {t('people.invitation.decline')}
              </button>
              <Link href={`/organisations/${inv.organisationId}`}>{t('people.org.open')}</Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface TextFieldProps {
  id: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
}

/** An organisation's name, as registering and editing one ask for it. */
export function OrgNameField(props: TextFieldProps) {
  return <Field {...props} label={t('people.org.name')} required minLength={2} maxLength={200} />;
}

/** An organisation's description, as registering and editing one ask for it. */
export function OrgDescriptionField(props: TextFieldProps) {
  return <Field {...props} label={t('people.org.description')} multiline maxLength={5000} />;
}
