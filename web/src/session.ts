// Who is signed in. The user is kept beside the tokens so the app opens offline; signing out
// ends the login at the hub (when reachable), forgets the tokens and wipes this user's data on
// the phone (every hook registered with onSignOut: outbox, drafts, cached lists).
import { signal, computed } from '@preact/signals';
import { api, ok, tokens, type User } from './api/client.js';
import { HubUnreachable, type RefreshAnswer } from './api/tokens.js';
import { isLang, setLang } from './i18n/index.js';
import { LANG_KEY } from './ui/language-picker.js';
import { outboxFor, wipeOutbox, type Outbox } from './offline/outbox.js';

const USER_KEY = 'kenesh.me';
export const me = signal<User | null>(readUser());
export const signedIn = computed(() => me.value !== null);
export const isStaff = computed(
  () => me.value?.role === 'facilitator' || me.value?.role === 'admin',
);

function readUser(): User | null {
  try {
    const raw = globalThis.localStorage?.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

function keepUser(user: User | null): void {
  if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
  else localStorage.removeItem(USER_KEY);
  me.value = user;
}

/** The signed-in user's outbox (null when signed out). */
export function outbox(): Outbox | null {
  return outboxFor(me.value?.id);
}

const wipers: Array<(userId: string) => Promise<void> | void> = [wipeOutbox];
/** Registers what must be wiped from the phone when `userId` signs out. */
export function onSignOut(wipe: (userId: string) => Promise<void> | void): void {
  wipers.push(wipe);
}

async function started(answer: RefreshAnswer & { user: User }): Promise<User> {
  tokens.store(answer, answer.user.id);
  keepUser(answer.user);
  // A language chosen on this phone stays, as at boot (main.tsx); else the account's is taken.
  if (!isLang(localStorage.getItem(LANG_KEY)) && isLang(answer.user.preferredLanguage))
    await setLang(answer.user.preferredLanguage);
  return answer.user;
}

export async function signIn(email: string, password: string): Promise<User> {
  return started(await ok(api.POST('/api/v1/auth/login', { body: { email, password } })));
}

export async function register(body: {
  email: string;
  password: string;
  displayName: string;
  preferredLanguage: 'ky' | 'ru' | 'en' | 'tg' | 'uz';
}): Promise<User> {
  return started(await ok(api.POST('/api/v1/auth/register', { body })));
}

/** Refreshes who I am from the hub; keeps the cached user when the hub is unreachable. */
export async function reloadMe(): Promise<void> {
  if (!tokens.read()) return keepUser(null);
  try {
    keepUser(await ok(api.GET('/api/v1/me')));
  } catch (e) {
    if (e instanceof HubUnreachable) return;
    if (!tokens.read()) keepUser(null);
  }
}

export async function signOut(): Promise<void> {
  const session = tokens.read();
  const userId = me.value?.id ?? session?.userId;
  if (session) {
    await api
      .POST('/api/v1/auth/logout', { body: { refreshToken: session.refreshToken } })
      .catch(() => undefined);
  }
  tokens.clear();
  keepUser(null);
  if (userId)
    await Promise.all(wipers.map((w) => Promise.resolve(w(userId)).catch(() => undefined)));
}

// Another tab signed out or in: follow it.
tokens.onChange((s) => {
  if (!s && me.value) keepUser(null);
});
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === 'kenesh.session') tokens.storageChanged();
    if (e.key === USER_KEY) me.value = readUser();
  });
}
