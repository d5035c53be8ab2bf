// My profile: what others see of me, the languages I speak, the language I read (it also
// switches this interface), my organisations, invitations waiting for me, my password.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../routes.js';
import { LANGS, LANG_NAMES, TRANSLATED, isLang, t, type Lang } from '../../i18n/index.js';
import { api, ok, type User } from '../../api/client.js';
import { me, reloadMe } from '../../session.js';
import { Alert, Field, FormSection } from '../../ui/form.js';
import { Link } from '../../ui/link.js';
import { fieldErrors } from '../../ui/problem.js';
import { useAction } from '../../ui/action.js';
import { chooseLang } from '../../ui/language-picker.js';
import { TerritoryCascade } from '../../ui/territory-cascade.js';
import { MyInvitations, orgRoleText } from './parts.js';

export default function MyProfile(_props: ScreenProps) {
  const user = me.value;
  if (!user) return null;
  return (
    <>
      <h1>{t('nav.me')}</h1>
      <p>
        <Link href={`/people/${user.id}`}>{t('people.seeAsOthers')}</Link>
      </p>
      <MyInvitations />
      <section aria-labelledby="my-orgs">
        <h2 id="my-orgs">{t('people.myOrganisations')}</h2>
        {user.organisations.length === 0 ? (
          <p class="muted">{t('people.noOrganisations')}</p>
        ) : (
          <ul>
            {user.organisations.map((o) => (
              <li key={o.id}>
                <Link href={`/organisations/${o.id}`}>{o.name}</Link> ({orgRoleText(o.role)})
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/organisations">{t('people.toOrganisations')}</Link>
        </p>
      </section>
      <ProfileForm key={user.id} user={user} />
      <PasswordForm />
    </>
  );
}

function ProfileForm(props: { user: User }) {
  const u = props.user;
  const [displayName, setDisplayName] = useState(u.displayName);
  const [position, setPosition] = useState(u.position ?? '');
  const [phone, setPhone] = useState(u.phone ?? '');
  const [bio, setBio] = useState(u.bio ?? '');
  const [territoryId, setTerritoryId] = useState(u.territoryId ?? null);
  const [languages, setLanguages] = useState<Lang[]>(u.languages);
  const [preferred, setPreferred] = useState<Lang>(u.preferredLanguage);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const fields = fieldErrors(save.error);

  async function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    const done = await save.run(async () => {
      await ok(
        api.PATCH('/api/v1/me', {
          body: {
            displayName: displayName.trim(),
            position: position.trim() || null,
            phone: phone.trim() || null,
            bio: bio.trim() || null,
            territoryId,
            languages,
            preferredLanguage: preferred,
          },
        }),
      );
      if (isLang(preferred)) await chooseLang(preferred);
      await reloadMe();
    });
    setSaved(done);
  }

  return (
    <FormSection
      id="edit-profile"
      title={t('people.editProfile')}
      onSubmit={submit}
      error={save.error}
    >
      <Field
        id="displayName"
        label={t('register.displayName')}
        value={displayName}
        onInput={setDisplayName}
        autoComplete="name"
        required
        minLength={2}
        maxLength={100}
        error={fields.displayName}
      />
      <Field
        id="position"
        label={t('people.position')}
        hint={t('people.positionHint')}
        value={position}
        onInput={setPosition}
        autoComplete="organization-title"
        maxLength={200}
        error={fields.position}
      />
      <Field
        id="phone"
        type="tel"
        label={t('people.phone')}
        hint={t('people.phoneHint')}
        value={phone}
        onInput={setPhone}
        autoComplete="tel"
        error={fields.phone}
      />
      <TerritoryCascade
        id="territory"
        label={t('people.territory')}
        value={territoryId}
        onChange={setTerritoryId}
        error={fields.territoryId}
      />
      <Field
        id="bio"
        label={t('people.bio')}
        value={bio}
        onInput={setBio}
        multiline
        maxLength={2000}
        error={fields.bio}
      />
      <fieldset class="field checks">
        <legend>{t('people.languages')}</legend>
        {LANGS.map((l) => (
          <label key={l} class="check" lang={l}>
            <input
              type="checkbox"
              checked={languages.includes(l)}
              onChange={(e) =>
                setLanguages(
                  e.currentTarget.checked ? [...languages, l] : languages.filter((x) => x !== l),
                )
              }
            />
            {LANG_NAMES[l]}
          </label>
        ))}
        {fields.languages && <small class="error">{fields.languages}</small>}
      </fieldset>
      <div class="field">
        <label for="preferredLanguage">{t('people.preferredLanguage')}</label>
        <select
          id="preferredLanguage"
          aria-describedby="preferredLanguage-hint"
          value={preferred}
          onChange={(e) => setPreferred(e.currentTarget.value as Lang)}
        >
          {(TRANSLATED as readonly Lang[])
            .concat(LANGS.filter((l) => !(TRANSLATED as readonly Lang[]).includes(l)))
            .map((l) => (
              <option key={l} value={l} lang={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
        </select>
        <small id="preferredLanguage-hint" class="hint">
          {t('people.preferredLanguageHint')}
        </small>
      </div>
      {saved && <Alert kind="info">{t('people.saved')}</Alert>}
      <button type="submit" class="primary" disabled={save.busy}>
        {t('app.save')}
      </button>
    </FormSection>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useAction();
  const fields = fieldErrors(change.error);

  async function submit(e: Event) {
    e.preventDefault();
    setChanged(false);
    const done = await change.run(() =>
      ok(
        api.POST('/api/v1/me/password', {
          body: { currentPassword: current, newPassword: next },
        }),
      ),
    );
    if (done) {
      setCurrent('');
      setNext('');
    }
    setChanged(done);
  }

  return (
    <FormSection
      id="password"
      title={t('people.password.title')}
      onSubmit={submit}
      error={change.error}
    >
      <Field
        id="currentPassword"
        type="password"
        label={t('people.password.current')}
        value={current}
        onInput={setCurrent}
        autoComplete="current-password"
        required
        error={fields.currentPassword}
      />
      <Field
        id="newPassword"
        type="password"
        label={t('people.password.new')}
        hint={t('register.passwordHint')}
        value={next}
        onInput={setNext}
        autoComplete="new-password"
        required
        minLength={10}
        error={fields.newPassword}
      />
      {changed && <Alert kind="info">{t('people.password.changed')}</Alert>}
      <button type="submit" disabled={change.busy}>
        {t('people.password.submit')}
      </button>
    </FormSection>
  );
}
