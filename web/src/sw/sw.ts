// The service worker (issue 10, "Weak connections and offline"): it keeps the app shell, the
// files of one build, so the client opens without a connection. web/vite.config.ts builds it
// to /sw.js and writes the build's version and file list into it; a new build is a new
// worker with a new cache, and the old cache goes once the new worker is active.
import { cacheName, hubDown, isStaleCache, strategyFor, type Strategy } from './policy.js';

declare const self: ServiceWorkerGlobalScope;

/** Replaced by the build with `{ version, files }`: every file of the build but sw.js. */
declare const __KENESH_SW_BUILD__: { version: string; files: string[] };

const BUILD = __KENESH_SW_BUILD__;
const CACHE = cacheName(BUILD.version);
const SHELL = new Set(BUILD.files);
const INDEX = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: past the browser's HTTP cache, so the cache holds exactly this build.
      await cache.addAll(BUILD.files.map((file) => new Request(file, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => isStaleCache(name, CACHE)).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const strategy: Strategy = strategyFor(event.request, self.location.origin, SHELL);
  if (strategy === 'pass') return;
  event.respondWith(
    strategy === 'navigate' ? networkFirst(event.request) : cacheFirst(event.request, strategy),
  );
});

/** A page: what the hub answers now, or this build's index.html when it cannot be reached. */
async function networkFirst(request: Request): Promise<Response> {
  let answer: Response;
  try {
    answer = await fetch(request);
  } catch (error) {
    const cached = await caches.match(INDEX, { cacheName: CACHE });
    if (cached) return cached;
    throw error;
  }
  if (!hubDown(answer.status)) return answer;
  return (await caches.match(INDEX, { cacheName: CACHE })) ?? answer;
}

/** A file of the build: from the cache; a hashed asset of a newer build is kept once fetched. */
async function cacheFirst(request: Request, strategy: Strategy): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const answer = await fetch(request);
  if (strategy === 'asset' && answer.ok && answer.type === 'basic')
    await cache.put(request, answer.clone());
  return answer;
}
