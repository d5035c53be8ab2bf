import type { NextFunction, Request, Response } from 'express';

/**
 * Headers for GET and HEAD answers, so that a client re-reading something gets `304 Not
 * Modified` (a few hundred bytes) instead of the whole answer, and no cache gives one user's
 * answer to another.
 *
 * The validator is Express's own: a weak `ETag` hashed from the JSON body, checked against
 * `If-None-Match` (weak comparison, lists and `*`, as RFC 9110 asks) in `res.send()`. A hash
 * of what would be sent changes whenever the answer does, whatever it depends on (the
 * caller's rights, the language, an edit): a tag cannot go stale the way a tag built from a
 * version column can. It is weak because the same JSON goes out gzipped, brotli'd or as is;
 * a strong tag would have to differ per encoding. The hub still builds the answer to hash
 * it: a 304 saves bytes on the wire, not database work.
 *
 * `Cache-Control: no-cache` makes every cache ask the hub before reusing an answer; `private`
 * (when the request carries credentials) keeps shared proxies from storing it at all. `Vary`
 * names what else decides the answer, for caches that key on it; it is set here rather than
 * by compression because a 304 carries no body and compression would skip it.
 */
export function cachePolicy(options: { compression: boolean }) {
  const vary = ['Authorization', 'Accept-Language'];
  if (options.compression) vary.push('Accept-Encoding');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const personal = req.headers.authorization !== undefined;
      res.setHeader('Cache-Control', personal ? 'private, no-cache' : 'no-cache');
      res.vary(vary.join(', '));
    }
    next();
  };
}
