/**
 * Small-cell suppression over a table of counts, as the contract defines it for survey results
 * and event statistics: a count from 1 to `minCellSize − 1` is hidden (primary), and so is the
 * next smallest cell of any line (a row, a column, any one-dimensional slice whose total can
 * be known) that would otherwise let a hidden cell be worked out from the total (secondary),
 * repeated until no line has exactly one hidden cell. The complement is the smallest non-zero
 * cell; a zero only when nothing else is left in the line. A table whose whole base is under
 * `minCellSize` is withheld.
 *
 * Written once here for events; the survey results helper writes the same rule in
 * src/modules/surveys/results/suppression.ts. The integrator may keep either and point the
 * other at it.
 */
export type Suppression = 'primary' | 'secondary';

export function suppressCells(
  counts: readonly number[],
  lines: readonly (readonly number[])[],
  minCellSize: number,
): (Suppression | undefined)[] {
  const marks: (Suppression | undefined)[] = counts.map((c) =>
    c >= 1 && c < minCellSize ? 'primary' : undefined,
  );
  const base = counts.reduce((a, b) => a + b, 0);
  if (base >= 1 && base < minCellSize) return counts.map(() => 'primary');
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter((i) => marks[i] !== undefined).length;
      if (hidden !== 1) continue;
      // The smallest shown cell, preferring one that is not zero: hiding a zero beside a
      // small cell tells a reader the pair's sum, which is the small cell itself.
      let pick: number | undefined;
      for (const i of line) {
        if (marks[i] !== undefined) continue;
        if (pick === undefined || rank(counts[i]) < rank(counts[pick])) pick = i;
      }
      if (pick !== undefined) {
        marks[pick] = 'secondary';
        changed = true;
      }
    }
  }
  return marks;
}

/** Order of preference for a complement: the smallest non-zero count, zeros last. */
function rank(count: number): number {
  return count === 0 ? Number.POSITIVE_INFINITY : count;
}

/**
 * The lines of a cube of the given dimension sizes (cells indexed row-major): for every
 * dimension, every slice along it with the other coordinates fixed.
 */
export function cubeLines(sizes: readonly number[]): number[][] {
  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a * b, 1);
  const lines: number[][] = [];
  for (let d = 0; d < sizes.length; d++) {
    for (let start = 0; start < total; start++) {
      // A line starts where coordinate d is 0.
      if (Math.floor(start / strides[d]) % sizes[d] !== 0) continue;
      lines.push(Array.from({ length: sizes[d] }, (_, k) => start + k * strides[d]));
    }
  }
  return lines;
}
