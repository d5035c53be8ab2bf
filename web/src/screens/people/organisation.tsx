// An organisation: what it is, its members (its representatives and admins change roles and
// remove people), its pending invitations (invite someone, withdraw), and its application to
// join the network (apply, see the decision).
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { lang, t } from '../../i18n/index.js';
import { formatDate } from '../../i18n/format.js';
import { api, newId, ok, type User } from '../../api/client.js';
import { me, reloadMe } from '../../session.js';
import { Alert, Field, FormSection, ProblemAlert, ProblemForm, SearchForm } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors, problemText } from '../../ui/problem.js';
import { useAction } from '../../ui/action.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { ListFooter, useCursorList } from '../../ui/cursor-list.js';
import { TerritoryLabel } from '../../ui/territory-cascade.js';
import { MemberName } from '../../ui/member-name.js';
import {
  kindText,
  networkStatusText,
  orgRoleText,
  type OrgRole,
  type Organisation as Org,
  OrgDescriptionField,
  OrgNameField,
} from './parts.js';

const ORG_ROLES: OrgRole[] = ['member', 'representative'];

export default function Organisation(props: ScreenProps) {
  const id = props.params.id;
  const [org, setOrg] = useState<Org | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    setError(null);
    ok(api.GET('/api/v1/organisations/{id}', { params: { path: { id } } }))
      .then(setOrg)
      .catch(setError);
  }, [id, round]);

  if (error !== null) return <Alert>{problemText(error)}</Alert>;
  if (!org) return <p class="loading">{t('app.loading')}</p>;
  const manages = org.myRole === 'representative' || me.value?.role === 'admin';
  return (
    <>
      <h1>{org.name}</h1>
      <dl class="facts">
        <dt>{t('people.org.kind')}</dt>
        <dd>{kindText(org.kind)}</dd>
        <dt>{t('people.territory')}</dt>
        <dd>
          <TerritoryLabel id={org.territoryId} />
        </dd>
        {org.myRole && (
          <>
            <dt>{t('people.org.myRole')}</dt>
            <dd>{orgRoleText(org.myRole)}</dd>
          </>
        )}
        {org.contacts.phone && (
          <>
            <dt>{t('people.phone')}</dt>
            <dd>
              <a href={`tel:${org.contacts.phone}`}>{org.contacts.phone}</a>
            </dd>
          </>
        )}
        {org.contacts.email && (
          <>
            <dt>{t('signIn.email')}</dt>
            <dd>
              <a href={`mailto:${org.contacts.email}`}>{org.contacts.email}</a>
            </dd>
          </>
        )}
        {org.contacts.address && (
          <>
            <dt>{t('people.org.address')}</dt>
            <dd>{org.contacts.address}</dd>
          </>
        )}
      </dl>
      {org.description && <p class="pre">{org.description}</p>}
      {manages && <EditOrganisation org={org} onSaved={setOrg} />}
      <NetworkSection org={org} manages={manages} onChange={setOrg} />
      <Members org={org} manages={manages} onChange={() => setRound((n) => n + 1)} />
      {manages && <Invitations org={org} />}
    </>
  );
}

/** Its representatives and admins change its name, description and contacts. */
function EditOrganisation(props: { org: Org; onSaved: (org: Org) => void }) {
  const { org } = props;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(org.name);
  const [description, setDescription] = useState(org.description ?? '');
  const [phone, setPhone] = useState(org.contacts.phone ?? '');
  const [email, setEmail] = useState(org.contacts.email ?? '');
  const [address, setAddress] = useState(org.contacts.address ?? '');
  const save = useAction();
  const fields = fieldErrors(save.error);
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('people.org.edit')}
        </button>
      </p>
    );

  async function submit(e: Event) {
    e.preventDefault();
    let saved: Org | null = null;
    const done = await save.run(async () => {
      const contacts = {
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
        ...(org.contacts.website ? { website: org.contacts.website } : {}),
      };
      saved = await ok(
        api.PATCH('/api/v1/organisations/{id}', {
          params: { path: { id: org.id } },
          body: { name: name.trim(), description: description.trim() || null, contacts },
        }),
      );
    });
    if (done && saved) {
      props.onSaved(saved);
      setOpen(false);
      await reloadMe();
    }
  }

  return (
    <FormSection id="edit-org" title={t('people.org.edit')} onSubmit={submit} error={save.error}>
      <OrgNameField id="edit-org-name" value={name} onInput={setName} error={fields.name} />
      <OrgDescriptionField
        id="edit-org-description"
        value={description}
        onInput={setDescription}
        error={fields.description}
      />
      <Field
        id="edit-org-phone"
        type="tel"
        label={t('people.phone')}
        hint={t('people.phoneHint')}
        value={phone}
        onInput={setPhone}
        error={fields['contacts.phone'] ?? fields.phone}
      />
      <Field
        id="edit-org-email"
        type="email"
        label={t('signIn.email')}
        value={email}
        onInput={setEmail}
        error={fields['contacts.email'] ?? fields.email}
      />
      <Field
        id="edit-org-address"
        label={t('people.org.address')}
        value={address}
        onInput={setAddress}
        error={fields['contacts.address'] ?? fields.address}
      />
      <div class="row">
        <button type="submit" class="primary" disabled={save.busy}>
          {t('app.save')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </FormSection>
  );
}

function NetworkSection(props: { org: Org; manages: boolean; onChange: (org: Org) => void }) {
  const { org } = props;
  const [motivation, setMotivation] = useState('');
  const apply = useAction();
  const fields = fieldErrors(apply.error);
  const canApply =
    props.manages && (org.networkStatus === 'none' || org.networkStatus === 'rejected');

  async function submit(e: Event) {
    e.preventDefault();
    await apply.run(async () => {
      props.onChange(
        await ok(
          api.POST('/api/v1/organisations/{id}/network-application', {
            params: { path: { id: org.id }, header: { 'Idempotency-Key': newId() } },
            body: motivation.trim() ? { motivation: motivation.trim() } : {},
          }),
        ),
      );
    });
  }

  return (
    <section aria-labelledby="network">
      <h2 id="network">{t('people.network.title')}</h2>
      <p>
        <strong>{networkStatusText(org.networkStatus)}</strong>
        {org.networkStatus === 'pending' && org.networkAppliedAt && (
          <>
            {' '}
            ·{' '}
            {t('people.network.appliedOn', { date: formatDate(org.networkAppliedAt, lang.value) })}
          </>
        )}
        {org.networkDecidedAt && org.networkStatus !== 'pending' && (
          <>
            {' '}
            ·{' '}
            {t('people.network.decidedOn', { date: formatDate(org.networkDecidedAt, lang.value) })}
          </>
        )}
      </p>
      {org.networkStatus === 'rejected' && org.networkDecisionReason && (
        <p>
          {t('people.network.reason')} <q>{org.networkDecisionReason}</q>
        </p>
      )}
      {canApply && (
        <ProblemForm onSubmit={submit} error={apply.error}>
          <Field
            id="motivation"
            label={t('people.network.motivation')}
            hint={t('people.network.motivationHint')}
            value={motivation}
            onInput={setMotivation}
            multiline
            maxLength={5000}
            error={fields.motivation}
          />
          <button type="submit" class="primary" disabled={apply.busy}>
            {t('people.network.apply')}
          </button>
        </ProblemForm>
      )}
    </section>
  );
}

function Members(props: { org: Org; manages: boolean; onChange: () => void }) {
  const { org } = props;
  const list = useCursorList(
    (cursor) =>
      ok(
        api.GET('/api/v1/organisations/{id}/members', {
          params: { path: { id: org.id }, query: { cursor } },
        }),
      ),
    org.id,
  );
  const act = useAction();
  const myId = me.value?.id;

  async function setRole(userId: string, role: OrgRole) {
    const done = await act.run(async () => {
      const changed = await ok(
        api.PATCH('/api/v1/organisations/{id}/members/{userId}', {
          params: { path: { id: org.id, userId } },
          body: { role },
        }),
      );
      list.update((items) => items.map((m) => (m.userId === userId ? changed : m)));
    });
    if (done && userId === myId) {
      await reloadMe();
      props.onChange();
    }
  }

  async function remove(userId: string) {
    const done = await act.run(async () => {
      await ok(
        api.DELETE('/api/v1/organisations/{id}/members/{userId}', {
          params: { path: { id: org.id, userId } },
        }),
      );
      list.update((items) => items.filter((m) => m.userId !== userId));
    });
    if (done && userId === myId) {
      await reloadMe();
      props.onChange();
    }
  }

  return (
    <section aria-labelledby="members">
      <h2 id="members">{t('people.org.members', { count: org.memberCount })}</h2>
      <ProblemAlert error={act.error} />
      <ul class="plain">
        {list.items.map((m) => (
          <li key={m.userId} class="card">
            <p>
              <Link href={`/people/${m.userId}`}>{m.displayName}</Link>{' '}
              <span class="badge">{orgRoleText(m.role)}</span>
            </p>
            {props.manages && (
              <div class="row">
                <label for={`role-${m.userId}`} class="visually-hidden">
                  {t('people.org.roleOf', { name: m.displayName })}
                </label>
                <select
                  id={`role-${m.userId}`}
                  class="inline"
                  value={m.role}
                  disabled={act.busy}
                  onChange={(e) => void setRole(m.userId, e.currentTarget.value as OrgRole)}
                >
                  {ORG_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {orgRoleText(r)}
                    </option>
                  ))}
                </select>
                <ConfirmButton
                  label={t(m.userId === myId ? 'people.org.leave' : 'people.org.remove')}
                  question={t('people.org.removeQuestion', { name: m.displayName })}
                  busy={act.busy}
                  onConfirm={() => remove(m.userId)}
                />
              </div>
            )}
            {!props.manages && m.userId === myId && (
              <ConfirmButton
                label={t('people.org.leave')}
                question={t('people.org.removeQuestion', { name: m.displayName })}
                busy={act.busy}
                onConfirm={() => remove(m.userId)}
              />
            )}
          </li>
        ))}
      </ul>
      <ListFooter list={list} />
      <p>
        <Link href={`/people?organisationId=${org.id}`}>{t('people.org.inDirectory')}</Link>
      </p>
    </section>
  );
}

function Invitations(props: { org: Org }) {
  const { org } = props;
  const list = useCursorList(
    (cursor) =>
      ok(
        api.GET('/api/v1/organisations/{id}/invitations', {
          params: { path: { id: org.id }, query: { cursor } },
        }),
      ),
    org.id,
  );
  const withdraw = useAction();

  async function revoke(invitationId: string) {
    await withdraw.run(async () => {
      await ok(
        api.DELETE('/api/v1/organisations/{id}/invitations/{invitationId}', {
          params: { path: { id: org.id, invitationId } },
        }),
      );
      list.update((items) => items.filter((i) => i.id !== invitationId));
    });
  }

  return (
    <section aria-labelledby="invitations">
      <h2 id="invitations">{t('people.invitation.title')}</h2>
      <InviteForm org={org} onInvited={() => list.reload()} />
      <h3>{t('people.invitation.pending')}</h3>
      <ProblemAlert error={withdraw.error} />
      <ul class="plain">
        {list.items.map((inv) => (
          <li key={inv.id} class="card row">
            <MemberName id={inv.userId} /> <span class="badge">{orgRoleText(inv.role)}</span>
            <span class="muted">{formatDate(inv.createdAt, lang.value)}</span>
            <ConfirmButton
              label={t('people.invitation.withdraw')}
              question={t('people.invitation.withdrawQuestion')}
              busy={withdraw.busy}
              onConfirm={() => revoke(inv.id)}
            />
          </li>
        ))}
      </ul>
      <ListFooter list={list} empty={t('people.invitation.none')} />
    </section>
  );
}

/** Find a person by name, pick them, choose their role, invite. */
function InviteForm(props: { org: Org; onInvited: () => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<User[] | null>(null);
  const [chosen, setChosen] = useState<User | null>(null);
  const [role, setRole] = useState<OrgRole>('member');
  const [sent, setSent] = useState<string | null>(null);
  const search = useAction();
  const invite = useAction();
  const fields = fieldErrors(invite.error);

  async function find() {
    setChosen(null);
    await search.run(async () => {
      const page = await ok(
        api.GET('/api/v1/members', { params: { query: { q: q.trim(), limit: 10 } } }),
      );
      setFound(page.items);
    });
  }

  async function send() {
    if (!chosen) return;
    setSent(null);
    const done = await invite.run(() =>
      ok(
        api.POST('/api/v1/organisations/{id}/invitations', {
          params: { path: { id: props.org.id }, header: { 'Idempotency-Key': newId() } },
          body: { userId: chosen.id, role },
        }),
      ),
    );
    if (done) {
      setSent(t('people.invitation.sent', { name: chosen.displayName }));
      setChosen(null);
      setFound(null);
      setQ('');
      props.onInvited();
    }
  }

  return (
    <div class="invite">
      <SearchForm onSearch={() => void find()}>
        <Field
          id="invite-q"
          type="search"
          label={t('people.invitation.findPerson')}
          value={q}
          onInput={setQ}
        />
        <button type="submit" disabled={search.busy || q.trim().length === 0}>
          {t('people.find')}
        </button>
      </SearchForm>
      <ProblemAlert error={search.error} />
      {found && found.length === 0 && <p class="muted">{t('people.noneFound')}</p>}
      {found && found.length > 0 && (
        <fieldset class="field checks">
          <legend>{t('people.invitation.choose')}</legend>
          {found.map((u) => (
            <label key={u.id} class="check">
              <input
                type="radio"
                name="invitee"
                checked={chosen?.id === u.id}
                onChange={() => setChosen(u)}
              />
              {u.displayName}
              {u.position ? ` · ${u.position}` : ''}
            </label>
          ))}
        </fieldset>
      )}
      {chosen && (
        <div class="row">
          <label for="invite-role">{t('people.invitation.role')}</label>
          <select
            id="invite-role"
            class="inline"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as OrgRole)}
          >
            {ORG_ROLES.map((r) => (
              <option key={r} value={r}>
                {orgRoleText(r)}
              </option>
            ))}
          </select>
          <button type="button" class="primary" disabled={invite.busy} onClick={() => void send()}>
            {t('people.invitation.send', { name: chosen.displayName })}
          </button>
        </div>
      )}
      {invite.error !== null && (
        <Alert>{fields.userId ?? fields.role ?? problemText(invite.error)}</Alert>
      )}
      {sent && <Alert kind="info">{sent}</Alert>}
    </div>
  );
}
