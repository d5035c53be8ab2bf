// The snapshot's canonical form: what is hashed and what GET /reports/:id/snapshot serves.
// Pure (node:crypto only), so a unit test and anyone verifying a hash can use the same rule.
import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys sorted (by UTF-16 code units, as Array.prototype.sort does),
 * no spaces, arrays in their order; `undefined` members are left out, as JSON.stringify does.
 * The same value gives the same text however its objects were built (or read back from jsonb,
 * which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`not representable in JSON: ${typeof value}`);
    return text;
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** SHA-256 (lower-case hex) of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash printed in the pack: SHA-256 of the snapshot's canonical JSON. */
export function snapshotHash(snapshot: unknown): string {
  return sha256Hex(canonicalJson(snapshot));
}
