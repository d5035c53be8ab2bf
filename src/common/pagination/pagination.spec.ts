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

describe('cursor times', () => {
  it.each([
    ['2026-11-24T22:00:00.123Z'],
    ['2026-11-24T22:00:00.123456Z'],
    ['2026-11-24T22:00:00+06:00'],
  ])('accepts %s', (time) => {
    expect(decodeCursor(encodeCursor([time]), ['time'])).toEqual([time]);
  });

  it.each([
    ['not-a-date'],
    ['2025-02-30T00:00:00Z'],
    ['2026-11-24'],
    ['2026-11-24T22:00:00'],
    ['0001-01-01T00:00:00Z'],
  ])('refuses %s', (time) => {
    expect(() => decodeCursor(encodeCursor([time]), ['time'])).toThrow(AppError);
  });
});
