import { constants } from 'node:zlib';
import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Brotli quality 4 of 11: on JSON it gets most of what 11 would (docs/ops/wire.md has the
 * figures) at a CPU cost near gzip's; the hub runs on small shared machines.
 */
const BROTLI_QUALITY = 4;

/**
 * Compresses answers larger than `thresholdBytes` with brotli or gzip, whichever the client
 * prefers of the two (brotli when it takes both), and adds `Vary: Accept-Encoding`. Only
 * compressible types are touched (JSON, problem+json, the docs page); an answer that says
 * `Cache-Control: no-transform` is left alone. Streams keep working: `res.flush()` pushes
 * out what is buffered. socket.io does not pass through Express, so it is not affected.
 *
 * It wraps `res.end` before any route runs, so whatever hooks `res.end` later (the
 * Idempotency-Key interceptor) sees the uncompressed bytes: an answer is stored as JSON and
 * compressed afresh for whoever gets its replay.
 */
export function compressAnswers(thresholdBytes: number): RequestHandler {
  return compression({
    threshold: thresholdBytes,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  });
}
