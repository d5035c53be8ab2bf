// What the service worker does with each request, kept apart from the worker itself so that
// Vitest can check it (web/test/sw-policy.test.ts) without a worker around it.

/**
 * Never touched by the worker: the API, the sockets, health. API answers are never put in a
 * cache (the data a phone keeps offline lives per user in IndexedDB, wiped at sign-out). The
 * hub keeps the same list (src/modules/web-client/web-client.ts, HUB_PATHS).
 */
export const HUB_PATHS = ['/api', '/socket.io', '/health'] as const;

/** Caches of the app shell are named after the build that filled them. */
export const CACHE_PREFIX = 'kenesh-shell-';

/**
 * - `pass`: the browser goes to the network as if there were no worker.
 * - `navigate`: a page load; the network first, the cached index.html when it fails.
 * - `asset`: a hashed file under /assets/; the cache first (its bytes never change).
 * - `shell`: another file of the build (the favicon, the manifest); the cache first.
 */
export type Strategy = 'pass' | 'navigate' | 'asset' | 'shell';

export interface SeenRequest {
  method: string;
  url: string;
  mode: string;
}

export function isHubPath(pathname: string): boolean {
  const lower = pathname.toLowerCase();
  return HUB_PATHS.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

export function strategyFor(
  request: SeenRequest,
  origin: string,
  shellFiles: ReadonlySet<string>,
): Strategy {
  if (request.method !== 'GET') return 'pass';
  const url = new URL(request.url);
  if (url.origin !== origin || isHubPath(url.pathname)) return 'pass';
  if (request.mode === 'navigate') return 'navigate';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  if (shellFiles.has(url.pathname) && !url.search) return 'shell';
  return 'pass';
}

export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** An app-shell cache of another build, to delete once this build's worker is active. */
export function isStaleCache(name: string, current: string): boolean {
  return name.startsWith(CACHE_PREFIX) && name !== current;
}

/** A page load answered like this came from a hub that is down or not reached. */
export function hubDown(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}
