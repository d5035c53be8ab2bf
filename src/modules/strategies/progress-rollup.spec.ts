import { isOverdue, objectiveProgress, rollup, roundProgress } from './progress-rollup.js';

describe('progress rollup', () => {
  it('weights actions, leaves dropped ones out, then weights objectives', () => {
    // Objective A (weight 2): 40 × 1 + 80 × 3, a dropped action ignored → 280 / 4 = 70.
    // Objective B (weight 1): 10 and 15, weight 1 each → 12.5.
    // Strategy: (2 × 70 + 1 × 12.5) / 3 = 50.8333…
    const result = rollup([
      {
        weight: 2,
        actions: [
          { weight: 1, progress: 40, status: 'in_progress' },
          { weight: 3, progress: 80, status: 'in_progress' },
          { weight: 1, progress: 0, status: 'dropped' },
        ],
      },
      {
        weight: 1,
        actions: [
          { weight: 1, progress: 10, status: 'planned' },
          { weight: 1, progress: 15, status: 'blocked' },
        ],
      },
    ]);
    expect(result.objectives).toEqual([70, 12.5]);
    expect(result.progress).toBeCloseTo(50.8333, 4);
    expect(roundProgress(result.progress)).toBe(50.8);
  });

  it('an objective with no action counted is 0 and still counts in the strategy', () => {
    expect(objectiveProgress([])).toBe(0);
    expect(objectiveProgress([{ weight: 1, progress: 50, status: 'dropped' }])).toBe(0);
    expect(
      rollup([
        { weight: 1, actions: [{ weight: 1, progress: 100, status: 'done' }] },
        { weight: 1, actions: [] },
      ]).progress,
    ).toBe(50);
    expect(rollup([]).progress).toBe(0);
  });

  it('done counts as 100', () => {
    expect(objectiveProgress([{ weight: 1, progress: 60, status: 'done' }])).toBe(100);
  });

  it('rounds to one decimal only at the end', () => {
    expect(roundProgress(33.333)).toBe(33.3);
    expect(roundProgress(66.666)).toBe(66.7);
    expect(roundProgress(0.05)).toBe(0.1);
  });

  it('overdue: past due and neither done nor dropped', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const past = new Date('2026-05-31T23:59:59Z');
    const future = new Date('2026-06-02T00:00:00Z');
    expect(isOverdue({ dueAt: past, status: 'in_progress' }, now)).toBe(true);
    expect(isOverdue({ dueAt: past, status: 'blocked' }, now)).toBe(true);
    expect(isOverdue({ dueAt: past, status: 'done' }, now)).toBe(false);
    expect(isOverdue({ dueAt: past, status: 'dropped' }, now)).toBe(false);
    expect(isOverdue({ dueAt: future, status: 'planned' }, now)).toBe(false);
  });
});
