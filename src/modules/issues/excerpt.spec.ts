import { EXCERPT_LENGTH, excerptOf } from './excerpt.js';

describe('excerptOf', () => {
  it('keeps a short text whole, without an ellipsis', () => {
    expect(excerptOf('Суу жок. Water is short.')).toBe('Суу жок. Water is short.');
    expect(excerptOf('x'.repeat(EXCERPT_LENGTH))).toBe('x'.repeat(EXCERPT_LENGTH));
  });

  it('folds line breaks and runs of spaces', () => {
    expect(excerptOf('  first line\n\n second\tline  ')).toBe('first line second line');
  });

  it('cuts a long text at a word boundary and ends it with an ellipsis', () => {
    const words = Array.from({ length: 80 }, (_, i) => `сөз${i}`).join(' ');
    const excerpt = excerptOf(words);
    expect(excerpt.endsWith('…')).toBe(true);
    const kept = excerpt.slice(0, -1);
    expect(Array.from(kept).length).toBeLessThanOrEqual(EXCERPT_LENGTH);
    expect(words.startsWith(`${kept} `)).toBe(true);
  });

  it('keeps a word that ends exactly at the limit', () => {
    const text = `${'a'.repeat(EXCERPT_LENGTH - 5)} bcde fgh`;
    expect(excerptOf(text)).toBe(`${'a'.repeat(EXCERPT_LENGTH - 5)} bcde…`);
  });

  it('cuts inside one very long word instead of dropping it', () => {
    const url = `see https://example.org/${'p'.repeat(400)}`;
    const excerpt = excerptOf(url);
    expect(Array.from(excerpt).length).toBe(EXCERPT_LENGTH + 1);
    expect(excerpt.startsWith('see https://example.org/ppp')).toBe(true);
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const text = '💧'.repeat(EXCERPT_LENGTH + 10);
    const excerpt = excerptOf(text);
    expect(excerpt).toBe(`${'💧'.repeat(EXCERPT_LENGTH)}…`);
    // A lone surrogate would not survive a round trip through UTF-8.
    expect(Buffer.from(excerpt, 'utf8').toString('utf8')).toBe(excerpt);
  });

  it('drops a trailing comma before the ellipsis', () => {
    const text = `${'a '.repeat(110)}bb, ${'c'.repeat(30)}`;
    expect(excerptOf(text)).toBe(`${'a '.repeat(110)}bb…`);
  });
});
