// The shell: skip link, header with the main menu, the connection banner, and the current screen
// (loaded on demand). Signed-out visitors see only the public screens.
import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { t } from './i18n/index.js';
import { hubState } from './api/client.js';
import { match, navigate, nextPath, path } from './router.js';
import { routes, type Route, type ScreenProps } from './routes.js';
import { isStaff, me, signOut } from './session.js';
import { Link } from './ui/link.js';
import { LanguagePicker } from './ui/language-picker.js';
import { NotificationBadge } from './realtime/notification-badge.js';

function find(at: string): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = match(route.pattern, at);
    if (params) return { route, params };
  }
  return null;
}

const cache = new Map<Route, FunctionComponent<ScreenProps>>();

function Screen(props: { route: Route; params: Record<string, string> }) {
  const [, loaded] = useState(0);
  const [failed, setFailed] = useState(false);
  const Component = cache.get(props.route);
  useEffect(() => {
    if (Component) return;
    setFailed(false);
    props.route
      .load()
      .then((m) => {
        cache.set(props.route, m.default);
        loaded((n) => n + 1);
      })
      .catch(() => setFailed(true));
  }, [props.route, Component]);
  if (Component) return <Component params={props.params} />;
  if (failed) return <p role="alert">{t('problem.network')}</p>;
  return <p class="loading">{t('app.loading')}</p>;
}

export function Banner() {
  const state = hubState.value;
  if (state === 'online') return null;
  return (
    <div class="banner" role="status">
      {t(state === 'offline' ? 'banner.offline' : 'banner.unreachable')}
    </div>
  );
}

const NAV: Array<{ href: string; key: Parameters<typeof t>[0]; staff?: boolean }> = [
  { href: '/issues', key: 'nav.issues' },
  { href: '/rooms', key: 'nav.rooms' },
  { href: '/notifications', key: 'nav.notifications' },
  { href: '/surveys', key: 'nav.surveys' },
  { href: '/events', key: 'nav.advocacy' },
  { href: '/people', key: 'nav.people' },
  { href: '/facilitation', key: 'nav.facilitation', staff: true },
];

function Header() {
  const current = path.value;
  return (
    <header class="top">
      <Link href="/issues" class="brand">
        {t('app.name')}
      </Link>
      {me.value && (
        <nav aria-label={t('nav.main')}>
          <ul>
            {NAV.filter((n) => !n.staff || isStaff.value).map((n) => (
              <li key={n.href}>
                <Link href={n.href} aria-current={current.startsWith(n.href) ? 'page' : undefined}>
                  {t(n.key)}
                  {n.href === '/notifications' && <NotificationBadge />}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/me" aria-current={current === '/me' ? 'page' : undefined}>
                {t('nav.me')}
              </Link>
            </li>
          </ul>
        </nav>
      )}
      <div class="tools">
        <LanguagePicker id="header-language" />
        {me.value && (
          <button
            type="button"
            class="link"
            onClick={() => void signOut().then(() => navigate('/sign-in', true))}
          >
            {t('nav.signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

export function App() {
  const at = path.value.split('?')[0];
  const found = at === '/' ? null : find(at);
  const rendered = path.value;
  useEffect(() => {
    // Effects run after the render: when a screen has moved on meanwhile (sign in going to
    // `?next=`), the render of the new path decides, not this one from what it saw before.
    if (path.peek() !== rendered) return;
    if (at === '/') navigate(me.value ? '/issues' : '/sign-in', true);
    else if (found && !found.route.public && !me.value)
      navigate(`/sign-in?next=${encodeURIComponent(rendered)}`, true);
    else if (found?.route.public && !found.route.open && me.value) navigate(nextPath(), true);
  }, [rendered, found, me.value]);
  useEffect(() => {
    document.title = found ? `${t(found.route.title)} · ${t('app.name')}` : t('app.name');
  });
  let body;
  if (!found) body = at === '/' ? null : <h1>{t('app.notFound')}</h1>;
  else if (found.route.staff && !isStaff.value) body = <h1>{t('app.forbiddenScreen')}</h1>;
  else if (!found.route.public && !me.value) body = null;
  else body = <Screen key={found.route.pattern} route={found.route} params={found.params} />;
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <Header />
      <Banner />
      <main id="main" tabIndex={-1}>
        {body}
      </main>
    </>
  );
}
