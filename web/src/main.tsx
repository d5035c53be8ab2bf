// Boot: the language first (its file loads on demand), then who is signed in, then the shell.
import { render } from 'preact';
import './styles.css';
import { App } from './app.js';
import { routes } from './routes.js';
import { match } from './router.js';
import { initialLang, setLang } from './i18n/index.js';
import { LANG_KEY } from './ui/language-picker.js';
import { hubState } from './api/client.js';
import { me, outbox, reloadMe } from './session.js';

async function boot(): Promise<void> {
  const stored = localStorage.getItem(LANG_KEY);
  const start = stored
    ? initialLang(stored, [])
    : (me.value?.preferredLanguage ?? initialLang(null, navigator.languages));
  // On a 2 s round trip each step waited for is felt: the words, this screen's chunk and who I
  // am are asked for together, not one after another.
  const route = routes.find((r) => match(r.pattern, location.pathname));
  void route?.load().catch(() => undefined);
  void reloadMe();
  await setLang(start);
  render(<App />, document.getElementById('app')!);
  window.addEventListener('offline', () => (hubState.value = 'offline'));
  window.addEventListener('online', () => {
    hubState.value = 'online';
    void reloadMe();
    void outbox()?.flush();
  });
  // Whatever waited in the outbox goes out as soon as the hub answers again.
  hubState.subscribe((state) => {
    if (state === 'online') void outbox()?.flush();
  });
  void outbox()?.flush();
  if ('serviceWorker' in navigator && import.meta.env.PROD) {
    void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  }
}

void boot();
