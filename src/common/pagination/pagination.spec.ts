import { AppError } from '../errors/app-error.js';
import { decodeCursor, encodeCursor, toPage } from './pagination.js';

describe('keyset pagination', () => {
  it('round-trips a cursor', () => {
    const cursor = encodeCursor(['Айбек', '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0001']);
    expect(decodeCursor(cursor, ['string', 'uuid'])).toEqual([
      'Айбек',
      '0b0e6c1a-8f0c-4c59-9d0a-3a1f8b6a0001',
    ]);
  });

  it.each([
    ['garbage!'],
    [encodeCursor(['only one'])],
    [Buffer.from('{"a":1}').toString('base64url')],
    [Buffer.from('[{"x":1},2]').toString('base64url')],
    [encodeCursor(['name', 'not-a-uuid'])],
    [encodeCursor(['name', 42])],
  ])('refuses a cursor it did not issue: %s', (cursor) => {
    expect(() => decodeCursor(cursor, ['string', 'uuid'])).toThrow(AppError);
  });

  it('returns no cursor on the last page and one when rows remain', () => {
    const rows = [1, 2, 3];
    expect(toPage(rows, 3, (n) => [n], String)).toEqual({
      items: ['1', '2', '3'],
      nextCursor: null,
    });
    const page = toPage(rows, 2, (n) => [n], String);
    expect(page.items).toEqual(['1', '2']);
    expect(decodeCursor(page.nextCursor!, ['number'])).toEqual([2]);
  });
});
