import { AppError } from '../errors/app-error.js';
import { translate } from '../i18n/i18n.js';
import { checkInput as checkProblems, INPUT_LIMITS, textProblem } from './input-guard.js';

/** The guard's rows as an English reader gets them. */
const checkInput = (value: unknown, root: string) =>
  AppError.validation(checkProblems(value, root)).fieldErrors('en') ?? [];

/** `depth` arrays inside each other, built without recursion, around `inner`. */
function nested(depth: number, inner: unknown = 'x'): unknown {
  let value = inner;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

const fields = (value: unknown, root = 'body') => checkInput(value, root).map((e) => e.field);

describe('the input guard', () => {
  it('lets ordinary JSON through, astral characters and surrogate pairs included', () => {
    expect(
      checkInput(
        { body: 'Суу 💧 келди', tags: ['a', 'b'], n: 1.5, ok: true, none: null, deep: nested(31) },
        'body',
      ),
    ).toEqual([]);
    expect(checkInput(undefined, 'body')).toEqual([]);
  });

  it('names NUL characters by their field path, in arrays and nested objects too', () => {
    expect(
      checkInput({ title: 'a\u0000b', items: [{ ok: 'x' }, { title: '\u0000' }] }, 'body'),
    ).toEqual([
      { field: 'title', message: expect.stringContaining('NUL') },
      { field: 'items.1.title', message: expect.stringContaining('NUL') },
    ]);
  });

  it.each(['x\ud800y', 'x\udc00', '\ud800', 'a\udbff\udbffb', '\udfff\ud800'])(
    'refuses the unpaired surrogate in %j',
    (text) => {
      expect(translate('en', textProblem(text)!, { field: 'x' })).toMatch(/surrogate/);
      expect(fields({ body: text })).toEqual(['body']);
    },
  );

  it('refuses nesting deeper than the limit, however deep, without recursing', () => {
    expect(fields({ body: nested(INPUT_LIMITS.maxDepth - 1) })).toEqual([]);
    expect(fields({ body: nested(INPUT_LIMITS.maxDepth) })).toEqual([
      `body${'.0'.repeat(INPUT_LIMITS.maxDepth - 1)}`,
    ]);
    // Far deeper than any stack: the walk stops at the limit and does not overflow.
    const errors = checkInput({ body: nested(200_000) }, 'body');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/nested more than 32 levels/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s as a field name', (key) => {
    const value = JSON.parse(`{"ok":1,"inner":{"${key}":{"isAdmin":true}}}`) as unknown;
    expect(checkInput(value, 'body')).toEqual([
      { field: `inner.${key}`, message: expect.stringContaining('reserved') },
    ]);
  });

  it('refuses field names with NUL, non-finite numbers, and oversized parts', () => {
    expect(fields({ 'a\u0000': 1 })).toEqual(['a\u0000']);
    expect(fields({ n: JSON.parse('1e400') as number })).toEqual(['n']);
    expect(fields({ list: new Array(INPUT_LIMITS.maxArrayLength + 1).fill(0) })).toEqual(['list']);
    const wide = Object.fromEntries(
      Array.from({ length: INPUT_LIMITS.maxKeys + 1 }, (_, i) => [`k${i}`, i]),
    );
    expect(fields({ wide })).toEqual(['wide']);
    expect(fields('x'.repeat(INPUT_LIMITS.maxStringLength + 1))).toEqual(['body']);
  });

  it('names the root by the given name and stops after a bounded number of errors', () => {
    expect(checkInput('\u0000', 'payload')).toEqual([
      { field: 'payload', message: expect.stringMatching(/^payload must not contain/) },
    ]);
    const many = Array.from({ length: 1000 }, () => '\u0000');
    expect(checkInput(many, 'body')).toHaveLength(INPUT_LIMITS.maxErrors);
  });

  it('walks query objects without a prototype, as Express parses them', () => {
    const query = Object.assign(Object.create(null) as object, { q: 'ab\u0000', limit: '5' });
    expect(checkInput(query, 'query')).toEqual([
      { field: 'q', message: expect.stringContaining('NUL') },
    ]);
  });
});
