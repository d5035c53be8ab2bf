// Where signing in leads: `?next=` only to a path of this app.
import { describe, expect, it } from 'vitest';
import { match, nextPath, path } from '../src/router.js';

describe('nextPath', () => {
  const at = (p: string) => {
    path.value = p;
    return nextPath();
  };

  it('goes to the asked path of this app', () => {
    expect(at('/sign-in?next=%2Frooms%2F42%3Ftab%3Dchat')).toBe('/rooms/42?tab=chat');
  });

  it('goes to the issues without one', () => {
    expect(at('/sign-in')).toBe('/issues');
    expect(at('/sign-in?next=')).toBe('/issues');
  });

  it('never to another site', () => {
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', 'rooms'])
      expect(at(`/sign-in?next=${encodeURIComponent(next)}`)).toBe('/issues');
  });
});

describe('match', () => {
  it('names the parts of a pattern and ignores the query', () => {
    expect(match('/issues/:id', '/issues/abc?x=1')).toEqual({ id: 'abc' });
    expect(match('/issues/:id', '/issues')).toBeNull();
  });
});
