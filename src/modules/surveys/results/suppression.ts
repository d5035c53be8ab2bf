// Small-cell suppression of one result table, as the API contract defines it (docs/survey-results.md).
// Pure: no Node, Nest or database imports, so the web client and the findings may reuse it.
// Event statistics (src/modules/events) use the same rule through suppressCells.

/** Why a cell is hidden: its own count is small (or its group is withheld), or it hides another. */
export type Suppression = 'primary' | 'secondary';

export interface SuppressionInput {
  /** rows (choices) × columns (groups) of counts, each a non-negative integer. */
  counts: readonly (readonly number[])[];
  /**
   * Each column's base: the group's respondents to the question. Defaults to the column's sum
   * (right for single-answer questions; a multi-answer question passes its respondents).
   */
  bases?: readonly number[];
  minCellSize: number;
  /**
   * Whether a row's total across the groups can be known (shown here, or worked out from the
   * same question grouped another way: it always can, so callers pass true).
   */
  rowTotalsKnown: boolean;
  /**
   * Whether a column's total is the sum of its cells and is shown: true where each respondent
   * gives one answer (the base is that sum), false for multi-answer questions.
   */
  columnTotalsKnown: boolean;
}

export interface SuppressionResult {
  /** Same shape as `counts`: null where the count is shown. */
  cells: (Suppression | null)[][];
  /** Per column: the whole group is withheld (its base is 1 … minCellSize - 1). */
  withheld: boolean[];
}

/**
 * 1. A group whose base is from 1 to `minCellSize - 1` is withheld: all its cells hidden
 *    (primary).
 * 2. Primary: every count from 1 to `minCellSize - 1` is hidden. Zero is not sensitive.
 * 3. Secondary: a row (or column) whose total is known and that hides exactly one cell would
 *    give that cell away (total minus the rest), even a zero hidden in step 3 for another line
 *    (knowing it is zero would unmask the count it protects); the smallest non-zero shown cell of
 *    that line is hidden too (the first such, left to right / top to bottom, on a tie). If the
 *    line has no non-zero shown cell, its smallest shown cell (a zero) is hidden instead: the
 *    reader then cannot tell which of the two holds the count.
 * 4. Step 3 is repeated until nothing changes (hiding a cell for a row can expose a column).
 */
export function suppressTable(input: SuppressionInput): SuppressionResult {
  const { counts, minCellSize } = input;
  const rows = counts.length;
  const cols = rows ? counts[0].length : (input.bases?.length ?? 0);
  const bases =
    input.bases ?? Array.from({ length: cols }, (_, c) => counts.reduce((s, r) => s + r[c], 0));
  const withheld = bases.map((base) => base > 0 && base < minCellSize);
  const cells: (Suppression | null)[][] = counts.map((row) =>
    row.map((count, c) => (withheld[c] || (count > 0 && count < minCellSize) ? 'primary' : null)),
  );

  // Rows, then the columns whose total can be known (a withheld group's base is not shown).
  const lines: number[][] = [];
  if (input.rowTotalsKnown)
    for (let r = 0; r < rows; r++) lines.push(Array.from({ length: cols }, (_, c) => r * cols + c));
  if (input.columnTotalsKnown)
    for (let c = 0; c < cols; c++)
      if (!withheld[c]) lines.push(Array.from({ length: rows }, (_, r) => r * cols + c));
  const flat = cells.flat();
  protectLines(counts.flat(), flat, lines);
  return {
    cells: Array.from({ length: rows }, (_, r) => flat.slice(r * cols, (r + 1) * cols)),
    withheld,
  };
}

/**
 * Step 3 over any lines of a table kept flat: `lines` lists the positions of each row, column
 * or longer slice whose total can be known; `marks` (primary already set) gains the secondary
 * ones, repeated until nothing changes (hiding a cell for one line can expose another).
 */
export function protectLines(
  counts: readonly number[],
  marks: (Suppression | null)[],
  lines: readonly (readonly number[])[],
): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter((i) => marks[i] !== null);
      // A lone hidden cell is given away by the total whatever it holds: a hidden zero worked
      // out that way would unmask the small count it was hidden to protect.
      if (hidden.length !== 1) continue;
      let best: number | undefined;
      let bestZero: number | undefined;
      for (const i of line) {
        if (marks[i] !== null) continue;
        if (counts[i] > 0) {
          if (best === undefined || counts[i] < counts[best]) best = i;
        } else bestZero ??= i;
      }
      const pick = best ?? bestZero;
      if (pick === undefined) continue;
      marks[pick] = 'secondary';
      changed = true;
    }
  }
}

/**
 * A whole table of any shape kept flat (event statistics): primary cells, every `lines` total
 * protected; a table whose whole base is from 1 to `minCellSize - 1` is withheld entirely.
 */
export function suppressCells(
  counts: readonly number[],
  lines: readonly (readonly number[])[],
  minCellSize: number,
): (Suppression | null)[] {
  const base = counts.reduce((a, b) => a + b, 0);
  if (base >= 1 && base < minCellSize) return counts.map(() => 'primary');
  const marks = counts.map((c): Suppression | null =>
    c >= 1 && c < minCellSize ? 'primary' : null,
  );
  protectLines(counts, marks, lines);
  return marks;
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

/** A percentage with one decimal, or null where it cannot be given. */
export function percentOf(count: number, base: number): number | null {
  if (base <= 0) return null;
  return Math.round((count / base) * 1000) / 10;
}
