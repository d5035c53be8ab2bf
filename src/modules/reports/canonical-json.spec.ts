import { createHash } from 'node:crypto';
import { canonicalJson, snapshotHash } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 'ң' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":"ң","z":1}]},"b":1}',
    );
  });

  it('gives the same text for objects built in another key order (as jsonb returns them)', () => {
    const one = { district: { name: { ky: 'Баткен району', ru: 'Баткенский район' } }, n: 2 };
    const other = JSON.parse(
      '{"n":2,"district":{"name":{"ru":"Баткенский район","ky":"Баткен району"}}}',
    );
    expect(canonicalJson(other)).toBe(canonicalJson(one));
    expect(snapshotHash(other)).toBe(snapshotHash(one));
  });

  it('leaves undefined members out and hashes the UTF-8 bytes with SHA-256', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(snapshotHash({ a: 'ө' })).toBe(
      createHash('sha256').update(Buffer.from('{"a":"ө"}', 'utf8')).digest('hex'),
    );
    expect(snapshotHash({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
