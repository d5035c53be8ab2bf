import { createHash } from 'node:crypto';
import { AppError } from '../../common/errors/app-error.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The key as sent: a UUID, bare (as our contract writes it) or as the quoted sf-string the
 * IETF draft specifies. Anything else, an empty or repeated header included, is a 400:
 * silently ignoring a malformed key would leave the client believing its retries are safe.
 */
export function parseIdempotencyKey(raw: string | string[]): string {
  const value = Array.isArray(raw) ? raw.join(',') : raw.trim();
  const unquoted = /^"[^"]*"$/.test(value) ? value.slice(1, -1) : value;
  if (!UUID.test(unquoted)) {
    throw AppError.validation(
      [{ field: IDEMPOTENCY_KEY_HEADER, key: 'field.idempotencyKey' }],
      'idempotency.badHeader',
      { header: IDEMPOTENCY_KEY_HEADER },
    );
  }
  return unquoted.toLowerCase();
}

/**
 * JSON with object keys sorted at every level, so that `{"a":1,"b":2}` and `{"b":2,"a":1}`
 * count as the same body. `undefined` (no body at all) is the empty string.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties: a `__proto__` field stays a field, not a prototype.
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

export function bodyHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
