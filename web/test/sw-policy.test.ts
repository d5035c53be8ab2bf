import { describe, expect, it } from 'vitest';
import { cacheName, hubDown, isStaleCache, strategyFor } from '../src/sw/policy.js';

const ORIGIN = 'https://kenesh.example.kg';
const SHELL = new Set(['/index.html', '/favicon.svg', '/manifest.webmanifest', '/assets/a-1.js']);
const get = (path: string, mode = 'cors') => ({ method: 'GET', url: `${ORIGIN}${path}`, mode });

describe('the service worker', () => {
  it('never touches the API, the sockets or health, not even a page load of them', () => {
    for (const path of [
      '/api/v1/issues',
      '/api/docs',
      '/API/v1/me',
      '/socket.io/?EIO=4&transport=polling',
      '/health/ready',
    ]) {
      expect(strategyFor(get(path), ORIGIN, SHELL)).toBe('pass');
      expect(strategyFor(get(path, 'navigate'), ORIGIN, SHELL)).toBe('pass');
    }
  });

  it('leaves writes and other origins alone', () => {
    const post = { method: 'POST', url: `${ORIGIN}/assets/a-1.js`, mode: 'cors' };
    expect(strategyFor(post, ORIGIN, SHELL)).toBe('pass');
    const other = { method: 'GET', url: 'https://cdn.example.org/assets/a-1.js', mode: 'cors' };
    expect(strategyFor(other, ORIGIN, SHELL)).toBe('pass');
  });

  it('loads pages from the network first, the build’s files from its cache', () => {
    expect(strategyFor(get('/', 'navigate'), ORIGIN, SHELL)).toBe('navigate');
    expect(strategyFor(get('/issues/123?tab=comments', 'navigate'), ORIGIN, SHELL)).toBe(
      'navigate',
    );
    expect(strategyFor(get('/assets/a-1.js'), ORIGIN, SHELL)).toBe('asset');
    expect(strategyFor(get('/assets/of-a-newer-build-2.js'), ORIGIN, SHELL)).toBe('asset');
    expect(strategyFor(get('/favicon.svg'), ORIGIN, SHELL)).toBe('shell');
    expect(strategyFor(get('/favicon.svg?v=2'), ORIGIN, SHELL)).toBe('pass');
    expect(strategyFor(get('/something-else.txt'), ORIGIN, SHELL)).toBe('pass');
  });

  it('keeps one cache per build and drops the others, not caches of anything else', () => {
    const current = cacheName('abc');
    expect(isStaleCache(cacheName('old'), current)).toBe(true);
    expect(isStaleCache(current, current)).toBe(false);
    expect(isStaleCache('outbox-files', current)).toBe(false);
  });

  it('falls back to the cached page when a proxy says the hub is down, not on a 404', () => {
    expect([502, 503, 504].every(hubDown)).toBe(true);
    expect([200, 404, 500].some(hubDown)).toBe(false);
  });
});
