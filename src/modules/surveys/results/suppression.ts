// Small-cell suppression of one result table, as the API contract defines it (docs/survey-results.md).
// Pure: no Node, Nest or database imports, so the web client and the findings may reuse it.

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
 * 3. Secondary: a row (or column) whose total is known and that hides exactly one non-zero
 *    cell would give that cell away (total minus the rest); the smallest non-zero shown cell of
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

  /** Protects one line (a list of [row, col] positions); answers whether it hid a cell. */
  const protect = (line: [number, number][]): boolean => {
    const hidden = line.filter(([r, c]) => cells[r][c] !== null);
    if (hidden.length !== 1) return false;
    const [hr, hc] = hidden[0];
    if (counts[hr][hc] === 0) return false;
    let best: [number, number] | undefined;
    let bestZero: [number, number] | undefined;
    for (const [r, c] of line) {
      if (cells[r][c] !== null) continue;
      const value = counts[r][c];
      if (value > 0) {
        if (!best || value < counts[best[0]][best[1]]) best = [r, c];
      } else if (!bestZero) {
        bestZero = [r, c];
      }
    }
    const pick = best ?? bestZero;
    if (!pick) return false;
    cells[pick[0]][pick[1]] = 'secondary';
    return true;
  };

  const rowLines = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c): [number, number] => [r, c]),
  );
  const colLines = Array.from({ length: cols }, (_, c) =>
    Array.from({ length: rows }, (_, r): [number, number] => [r, c]),
  );
  // Each pass hides at least one more cell or stops, so this ends within rows × cols passes.
  for (let changed = true; changed;) {
    changed = false;
    if (input.rowTotalsKnown) for (const line of rowLines) changed = protect(line) || changed;
    if (input.columnTotalsKnown)
      colLines.forEach((line, c) => {
        // A withheld group's base is not shown: its column total is not known.
        if (!withheld[c]) changed = protect(line) || changed;
      });
  }
  return { cells, withheld };
}

/** A percentage with one decimal, or null where it cannot be given. */
export function percentOf(count: number, base: number): number | null {
  if (base <= 0) return null;
  return Math.round((count / base) * 1000) / 10;
}
