// A small history router: the path is a signal; screens are loaded on demand (a chunk each).
import { signal } from '@preact/signals';

export const path = signal(
  typeof location !== 'undefined' ? location.pathname + location.search : '/',
);

export function navigate(to: string, replace = false): void {
  if (to === path.value) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.value = to;
  window.scrollTo(0, 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    path.value = location.pathname + location.search;
  });
}

/** The query of the current path. */
export function query(): URLSearchParams {
  const i = path.value.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : path.value.slice(i + 1));
}

/**
 * Where `?next=` asks to go once signed in: a path of this app (never `//host` or `/\host`,
 * which browsers read as another site), else `fallback`.
 */
export function nextPath(fallback = '/issues'): string {
  const next = query().get('next');
  return next && /^\/(?![/\\])/.test(next) ? next : fallback;
}

/** Matches `/issues/:id` against a path; answers the named parts, or null. */
export function match(pattern: string, at: string): Record<string, string> | null {
  const p = pattern.split('/');
  const a = at.split('?')[0].split('/');
  if (p.length !== a.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(a[i]);
    else if (p[i] !== a[i]) return null;
  }
  return params;
}
