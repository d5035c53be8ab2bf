import { bodyHash, canonicalJson, parseIdempotencyKey } from './request-fingerprint.js';

describe('request fingerprint', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
    expect(bodyHash({ a: 1, b: 2 })).toBe(bodyHash({ b: 2, a: 1 }));
    expect(bodyHash({ a: [1, 2] })).not.toBe(bodyHash({ a: [2, 1] }));
  });

  it('keeps a __proto__ field in the hash (JSON.parse makes it an own property)', () => {
    expect(bodyHash(JSON.parse('{"__proto__":{"a":1},"b":2}'))).not.toBe(bodyHash({ b: 2 }));
  });

  it('tells no body from an empty object', () => {
    expect(canonicalJson(undefined)).toBe('');
    expect(bodyHash(undefined)).not.toBe(bodyHash({}));
  });

  it('accepts a UUID bare or quoted, in either case, and refuses anything else', () => {
    const key = '8E03978E-40D5-43E8-BC93-6894A57F9324';
    expect(parseIdempotencyKey(key)).toBe(key.toLowerCase());
    expect(parseIdempotencyKey(`"${key}"`)).toBe(key.toLowerCase());
    for (const bad of ['', 'abc', `${key},${key}`, `"${key}`, [key, key]]) {
      expect(() => parseIdempotencyKey(bad)).toThrow('Idempotency-Key');
    }
  });
});
