// Sign in and register. The language comes first: the buttons at the top switch it before
// anything else is read.
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../routes.js';
import { LANG_NAMES, TRANSLATED, lang, t } from '../i18n/index.js';
import { chooseLang } from '../ui/language-picker.js';
import { Field, ProblemForm } from '../ui/form.js';
import { Link } from '../ui/link.js';
import { fieldErrors } from '../ui/problem.js';
import { navigate, nextPath, path } from '../router.js';
import { register, signIn } from '../session.js';

export default function SignIn(_props: ScreenProps) {
  const registering = path.value.startsWith('/register');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(error);

  async function submit(e: Event) {
    e.preventDefault();
    // Read before signing in: the shell leaves this screen as soon as someone is signed in.
    const next = nextPath();
    setBusy(true);
    setError(null);
    try {
      if (registering) {
        const l = lang.value;
        await register({ email, password, displayName, preferredLanguage: l });
      } else {
        await signIn(email, password);
      }
      navigate(next, true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="narrow">
      <h1>{t(registering ? 'register.title' : 'signIn.title')}</h1>
      <fieldset class="langs">
        <legend>{t('signIn.chooseLanguage')}</legend>
        {TRANSLATED.map((l) => (
          <button
            type="button"
            key={l}
            lang={l}
            aria-pressed={lang.value === l}
            onClick={() => void chooseLang(l)}
          >
            {LANG_NAMES[l]}
          </button>
        ))}
      </fieldset>
      <ProblemForm onSubmit={submit} error={error}>
        {registering && (
          <Field
            id="displayName"
            label={t('register.displayName')}
            value={displayName}
            onInput={setDisplayName}
            autoComplete="name"
            required
            error={fields.displayName}
          />
        )}
        <Field
          id="email"
          type="email"
          label={t('signIn.email')}
          value={email}
          onInput={setEmail}
          autoComplete="email"
          required
          error={fields.email}
        />
        <Field
          id="password"
          type="password"
          label={t('signIn.password')}
          value={password}
          onInput={setPassword}
          autoComplete={registering ? 'new-password' : 'current-password'}
          required
          hint={registering ? t('register.passwordHint') : undefined}
          error={fields.password}
        />
        <button type="submit" class="primary" disabled={busy}>
          {t(registering ? 'register.submit' : 'signIn.submit')}
        </button>
      </ProblemForm>
      <p>
        {t(registering ? 'register.haveAccount' : 'signIn.noAccount')}{' '}
        <Link href={registering ? '/sign-in' : '/register'}>
          {t(registering ? 'register.toSignIn' : 'signIn.toRegister')}
        </Link>
      </p>
    </div>
  );
}
