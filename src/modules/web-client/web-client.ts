import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Logger } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { contentSecurityPolicy } from './content-security-policy.js';

/**
 * Paths the hub answers itself. Nothing under them is ever a file of the client or its
 * index.html: an unknown one stays a `404 not_found` problem, whatever the request accepts.
 * (socket.io does not pass through Express; `/socket.io` is listed so a page can never
 * shadow it.) The API documents live under `/api` too (`/api/docs`, `/api/asyncapi-json`).
 */
export const HUB_PATHS = ['/api', '/health', '/socket.io'] as const;

/** Hashed by Vite: a new build writes new names, so one name's bytes never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The entry points whose names stay the same from build to build. */
export const NO_STORE_FILES = new Set(['/index.html', '/sw.js', '/manifest.webmanifest']);
/** The favicon and whatever else `web/public` holds: unhashed, but changing it can wait. */
export const SHORT = 'public, max-age=3600';

/** `/api`, `/api/…`, `/API/…` (Express matches routes case-insensitively), not `/apiary`. */
export function isHubPath(path: string): boolean {
  const lower = path.toLowerCase();
  return HUB_PATHS.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

/** How long a browser may keep a file of the build, by its path from the build's root. */
export function cacheControlFor(path: string): string {
  if (path.startsWith('/assets/')) return IMMUTABLE;
  if (NO_STORE_FILES.has(path)) return 'no-store';
  return SHORT;
}

/**
 * The client's own paths (`/`, `/issues/123`) answer its index.html, but only to a `GET` or
 * `HEAD` that asks for HTML (a browser navigating): a script's `fetch`, a `POST` or a missing
 * asset keeps the API's `404 not_found` problem.
 */
export function wantsIndex(req: Pick<Request, 'method' | 'path' | 'headers' | 'accepts'>): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (isHubPath(req.path) || req.path.startsWith('/assets/')) return false;
  const accept = req.headers.accept;
  if (!accept || !/\btext\/html\b/i.test(accept)) return false;
  return req.accepts('html') === 'html';
}

export interface WebClientOptions {
  /** The build folder (absolute); it may be missing. */
  dir: string;
  /** Whether the hub compresses answers (then `Vary: Accept-Encoding`). */
  compression: boolean;
}

/** Said when the build is missing, in the network's languages; no markup, nothing to load. */
const NOT_BUILT = [
  'Kenesh: the web client is not built. Run `npm run build:web` (`npm start` does it), or set KENESH_WEB_DIR to a build.',
  'Kenesh: веб-кардар курула элек. `npm run build:web` буйругун аткарыңыз (`npm start` аны өзү аткарат) же KENESH_WEB_DIR менен даяр курулган папканы көрсөтүңүз.',
  'Kenesh: веб-клиент не собран. Выполните `npm run build:web` (`npm start` делает это сам) или укажите готовую сборку в KENESH_WEB_DIR.',
  '',
].join('\n');

/**
 * Serves the web client's build (`KENESH_WEB_DIR`, `web/dist` by default) before Nest's
 * routes: its files with their caching (hashed assets for a year, the entry points never
 * stored, the rest an hour), and its index.html for the client's own paths (`wantsIndex`).
 * Every answer of the client carries its Content-Security-Policy. Whatever it does not
 * answer goes on to the API and, at the end, to the `404 not_found` problem.
 *
 * The cache policy (cache-policy.ts) has already stamped `no-cache` and `Vary` on every GET
 * for the API; the client's answers replace both. Compression (compression.ts) runs first
 * and compresses scripts, styles, HTML, SVG and the manifest like JSON.
 *
 * A missing build does not stop the hub: it warns once here, and a page asked for answers
 * `404` with a short plain text saying so; a build written later is served without a restart.
 */
export function serveWebClient(options: WebClientOptions): express.RequestHandler {
  const { dir } = options;
  if (!existsSync(join(dir, 'index.html'))) {
    new Logger('WebClient').warn({
      event: 'web_client_missing',
      dir,
      detail:
        'The web client is not built: the hub serves the API only. Run `npm run build:web` or set KENESH_WEB_DIR.',
    });
  }
  const vary = options.compression ? 'Accept-Encoding' : undefined;
  const setVary = (res: Response, ...names: string[]): void => {
    const all = vary ? [...names, vary] : names;
    if (all.length) res.setHeader('Vary', all.join(', '));
    else res.removeHeader('Vary');
  };
  const files = express.static(dir, {
    index: false,
    redirect: false,
    dotfiles: 'ignore',
    cacheControl: false,
    fallthrough: true,
    setHeaders(res: Response, file: string) {
      const path = `/${relative(dir, file).split(sep).join('/')}`;
      res.setHeader('Cache-Control', cacheControlFor(path));
      res.setHeader('Content-Security-Policy', contentSecurityPolicy(res.req.host));
      setVary(res);
    },
  });

  return (req: Request, res: Response, next: NextFunction): void => {
    if (isHubPath(req.path)) return next();
    files(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (!wantsIndex(req)) return next();
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.host));
      // The same path answers HTML or a problem after Accept.
      setVary(res, 'Accept');
      res.sendFile('index.html', { root: dir, cacheControl: false, dotfiles: 'deny' }, (sent) => {
        if (!sent || res.headersSent) return;
        if ((sent as NodeJS.ErrnoException).code !== 'ENOENT') return next(sent);
        res.status(404);
        res.setHeader('Content-Security-Policy', "default-src 'none'");
        res.type('text/plain; charset=utf-8').send(NOT_BUILT);
      });
    });
  };
}
