import type { Request } from 'express';
import { contentSecurityPolicy } from './content-security-policy.js';
import { cacheControlFor, IMMUTABLE, isHubPath, SHORT, wantsIndex } from './web-client.js';

function request(method: string, path: string, accept?: string) {
  return {
    method,
    path,
    headers: accept === undefined ? {} : { accept },
    // Enough of Express's negotiation for these cases: q=0 refuses, anything else takes it.
    accepts: (type: string) => (accept && /text\/html;\s*q=0(?![.\d])/.test(accept) ? false : type),
  } as unknown as Request;
}

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the web client: which paths are whose', () => {
  it.each([
    ['/api', true],
    ['/api/v1/issues', true],
    ['/API/v1/nope', true],
    ['/api/docs', true],
    ['/health', true],
    ['/health/live', true],
    ['/socket.io/', true],
    ['/apiary', false],
    ['/healthy', false],
    ['/', false],
    ['/issues/123', false],
  ])('%s is the hub’s own: %s', (path, own) => {
    expect(isHubPath(path)).toBe(own);
  });

  it('answers index.html only to a GET or HEAD that asks for HTML, outside the hub and assets', () => {
    expect(wantsIndex(request('GET', '/', BROWSER))).toBe(true);
    expect(wantsIndex(request('HEAD', '/issues/123', 'text/html'))).toBe(true);
    expect(wantsIndex(request('GET', '/issues/123'))).toBe(false);
    expect(wantsIndex(request('GET', '/issues/123', '*/*'))).toBe(false);
    expect(wantsIndex(request('GET', '/issues/123', 'application/json'))).toBe(false);
    expect(wantsIndex(request('GET', '/issues/123', 'text/html;q=0, */*'))).toBe(false);
    expect(wantsIndex(request('POST', '/issues', BROWSER))).toBe(false);
    expect(wantsIndex(request('GET', '/api/v1/nope', BROWSER))).toBe(false);
    expect(wantsIndex(request('GET', '/health/x', BROWSER))).toBe(false);
    expect(wantsIndex(request('GET', '/socket.io/x', BROWSER))).toBe(false);
    expect(wantsIndex(request('GET', '/assets/gone-abc123.js', BROWSER))).toBe(false);
  });

  it('caches hashed assets for a year, the entry points never, the rest an hour', () => {
    expect(cacheControlFor('/assets/index-CGe2lwKq.js')).toBe(IMMUTABLE);
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/index.html')).toBe('no-store');
    expect(cacheControlFor('/sw.js')).toBe('no-store');
    expect(cacheControlFor('/manifest.webmanifest')).toBe('no-store');
    expect(cacheControlFor('/favicon.svg')).toBe(SHORT);
  });
});

describe('the web client’s Content-Security-Policy', () => {
  it('allows only the hub itself, nothing inline, and names its websocket', () => {
    expect(contentSecurityPolicy('kenesh.example.kg')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "connect-src 'self' ws://kenesh.example.kg wss://kenesh.example.kg; worker-src 'self'; " +
        "manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
        "form-action 'self'",
    );
    expect(contentSecurityPolicy('127.0.0.1:3000')).toContain('wss://127.0.0.1:3000;');
    expect(contentSecurityPolicy('[::1]:3000')).toContain('ws://[::1]:3000 ');
  });

  it('does not repeat a host that could add directives', () => {
    for (const host of ['evil; script-src *', 'a b', "x'", undefined, '']) {
      const policy = contentSecurityPolicy(host);
      expect(policy).toContain("connect-src 'self'; ");
      expect(policy).not.toContain('unsafe');
      expect(policy.split('; ')).toHaveLength(11);
    }
  });
});
