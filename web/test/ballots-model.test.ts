import { describe, expect, it } from 'vitest';
import {
  barWidth,
  body,
  dot,
  draftOf,
  emptyDraft,
  rankAdd,
  rankMove,
  rankRemove,
  ready,
  same,
  spent,
  toggle,
} from '../src/screens/ballots/model.js';

const order = ['a', 'b', 'c', 'd'];

describe('a ballot draft', () => {
  it('approval: ticks keep the ballot order and stop at the maximum', () => {
    let d = toggle(emptyDraft(), 'c', order, 2);
    d = toggle(d, 'a', order, 2);
    expect(d.choices).toEqual(['a', 'c']);
    expect(toggle(d, 'b', order, 2)).toBe(d);
    expect(toggle(d, 'c', order, 2).choices).toEqual(['a']);
  });

  it('ranked: add, move up and down, remove; moves past the ends do nothing', () => {
    let d = rankAdd(rankAdd(rankAdd(emptyDraft(), 'b', 3), 'd', 3), 'a', 3);
    expect(d.choices).toEqual(['b', 'd', 'a']);
    expect(rankAdd(d, 'c', 3)).toBe(d);
    d = rankMove(d, 'a', -1);
    expect(d.choices).toEqual(['b', 'a', 'd']);
    expect(rankMove(d, 'b', -1)).toBe(d);
    expect(rankMove(d, 'd', 1)).toBe(d);
    expect(rankRemove(d, 'b').choices).toEqual(['a', 'd']);
  });

  it('dot: points within the budget, never below zero; zeros dropped', () => {
    let d = emptyDraft();
    for (let i = 0; i < 4; i++) d = dot(d, 'a', 1, 5);
    d = dot(d, 'b', 1, 5);
    expect(spent(d)).toBe(5);
    expect(dot(d, 'c', 1, 5)).toBe(d);
    d = dot(d, 'b', -1, 5);
    expect(d.points).toEqual({ a: 4 });
    expect(dot(d, 'b', -1, 5)).toBe(d);
    expect(body('dot', d, order)).toEqual({ points: { a: 4 } });
  });

  it('is ready only with something chosen within the rules, and compares with the stored vote', () => {
    expect(ready('approval', emptyDraft(), 2, 0)).toBe(false);
    expect(ready('dot', { choices: [], points: { a: 3 } }, 0, 3)).toBe(true);
    const stored = { choices: ['b', 'a'], points: null };
    expect(same(draftOf(stored), stored)).toBe(true);
    expect(same(rankMove(draftOf(stored), 'a', -1), stored)).toBe(false);
    expect(same(emptyDraft(), null)).toBe(false);
  });

  it('bars are a share of the top score', () => {
    expect(barWidth(7, 7)).toBe(100);
    expect(barWidth(2, 7)).toBe(29);
    expect(barWidth(0, 0)).toBe(0);
  });
});
