import { percentOf, type SuppressionInput, suppressTable } from './suppression.js';

const single = (counts: number[][], minCellSize = 5): SuppressionInput => ({
  counts,
  minCellSize,
  rowTotalsKnown: true,
  columnTotalsKnown: true,
});

/**
 * A line (row or column) with a known total must not hide exactly one cell, whatever it holds,
 * unless it has no other cell to hide (a one-group table: its total is the cell).
 */
function expectNoLoneHiddenCell(input: SuppressionInput): void {
  const { cells, withheld } = suppressTable(input);
  const lines: [number, number][][] = [];
  const rows = input.counts.length;
  const cols = input.counts[0]?.length ?? 0;
  if (input.rowTotalsKnown)
    for (let r = 0; r < rows; r += 1) lines.push(input.counts[r].map((_, c) => [r, c]));
  if (input.columnTotalsKnown)
    for (let c = 0; c < cols; c += 1)
      if (!withheld[c]) lines.push(input.counts.map((_, r) => [r, c]));
  for (const line of lines) {
    const hidden = line.filter(([r, c]) => cells[r][c] !== null);
    expect({ line, lone: hidden.length === 1 && line.length > 1 }).toEqual({ line, lone: false });
  }
}

describe('suppressTable', () => {
  it('hides a cell of 2 and, in its row and its column, the next smallest cell', () => {
    // columns: female, male; rows: canal, well, tap
    const input = single([
      [40, 2],
      [30, 25],
      [10, 12],
    ]);
    const { cells, withheld } = suppressTable(input);
    expect(withheld).toEqual([false, false]);
    expect(cells[0][1]).toBe('primary');
    // Row canal: 2 is the only hidden one → 40 hidden too; column male: 12 is the smallest.
    expect(cells[0][0]).toBe('secondary');
    expect(cells[2][1]).toBe('secondary');
    // Column female now hides 40 alone → its smallest other (10) goes; row tap then has two.
    expect(cells[2][0]).toBe('secondary');
    expect(cells[1]).toEqual([null, null]);
    expectNoLoneHiddenCell(input);
  });

  it('keeps the shown cells and the hidden ones adding up to the totals', () => {
    const counts = [
      [40, 2, 17],
      [30, 25, 9],
      [10, 12, 0],
    ];
    const input = single(counts);
    const { cells } = suppressTable(input);
    for (let c = 0; c < 3; c += 1) {
      const total = counts.reduce((s, row) => s + row[c], 0);
      const shown = counts.reduce((s, row, r) => s + (cells[r][c] === null ? row[c] : 0), 0);
      const hidden = counts.reduce((s, row, r) => s + (cells[r][c] === null ? 0 : row[c]), 0);
      expect(shown + hidden).toBe(total);
      // What is hidden cannot be narrowed to one cell: either nothing, or at least two cells.
      const hiddenCount = counts.filter((_, r) => cells[r][c] !== null).length;
      expect(hiddenCount === 0 || hiddenCount >= 2).toBe(true);
    }
    expectNoLoneHiddenCell(input);
  });

  it('does not treat zero as sensitive', () => {
    const { cells } = suppressTable(
      single([
        [0, 20],
        [30, 0],
      ]),
    );
    expect(cells).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('hides every count from 1 to minCellSize - 1 and nothing from minCellSize up', () => {
    const { cells } = suppressTable(
      single(
        [
          [1, 3],
          [4, 4],
          [20, 30],
        ],
        5,
      ),
    );
    expect(cells[0]).toEqual(['primary', 'primary']);
    expect(cells[1]).toEqual(['primary', 'primary']);
    expect(cells[2]).toEqual([null, null]);
    const atThree = suppressTable(single([[3, 30]], 3));
    expect(atThree.cells).toEqual([[null, null]]);
  });

  it('withholds a group whose whole base is under the minimum', () => {
    const input = single([
      [30, 2, 20],
      [25, 1, 30],
    ]);
    const { cells, withheld } = suppressTable(input);
    expect(withheld).toEqual([false, true, false]);
    expect(cells.map((row) => row[1])).toEqual(['primary', 'primary']);
    // Each row would give the withheld cell away from its total: the smallest shown goes too.
    expect(cells[0][2]).toBe('secondary');
    expect(cells[1][0]).toBe('secondary');
    expectNoLoneHiddenCell(input);
  });

  it('does not withhold a group nobody in which answered', () => {
    const { withheld, cells } = suppressTable(
      single([
        [30, 0],
        [25, 0],
      ]),
    );
    expect(withheld).toEqual([false, false]);
    expect(cells.flat().every((c) => c === null)).toBe(true);
  });

  it('hides a zero when a line has nothing else to hide', () => {
    const input = single([
      [2, 0, 0],
      [20, 30, 40],
    ]);
    const { cells } = suppressTable(input);
    expect(cells[0][0]).toBe('primary');
    expect(cells[0][1]).toBe('secondary');
    expectNoLoneHiddenCell(input);
  });

  it('does not let a hidden zero be worked out from its column and so unmask the count', () => {
    // Row 0 hides its 2 and, having nothing else, a zero. Before, that zero's column hid it
    // alone: column total minus the shown cells told the reader it was 0, and row 0's total then
    // gave the 2 away.
    const input = single([
      [2, 0, 0],
      [10, 20, 5],
      [10, 30, 40],
    ]);
    const { cells } = suppressTable(input);
    expect(cells[0][0]).toBe('primary');
    const zeroColumn = cells.map((row) => row[1]);
    expect(zeroColumn.filter((c) => c !== null).length).not.toBe(1);
    expectNoLoneHiddenCell(input);
  });

  it('leaves columns alone for multi-answer questions, whose column totals are not sums', () => {
    const input: SuppressionInput = {
      counts: [
        [2, 30],
        [20, 25],
      ],
      bases: [22, 40],
      minCellSize: 5,
      rowTotalsKnown: true,
      columnTotalsKnown: false,
    };
    const { cells } = suppressTable(input);
    expect(cells[0]).toEqual(['primary', 'secondary']);
    expect(cells[1]).toEqual([null, null]);
  });

  it('reaches a fixed point on random tables, with no line hiding exactly one cell', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let t = 0; t < 300; t += 1) {
      const rows = 1 + (next() % 5);
      const cols = 1 + (next() % 6);
      const counts = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => {
          const kind = next() % 4;
          return kind === 0 ? 0 : kind === 1 ? next() % 5 : next() % 60;
        }),
      );
      expectNoLoneHiddenCell(single(counts, 3 + (next() % 5)));
    }
  });

  it('answers an empty table', () => {
    expect(suppressTable(single([]))).toEqual({ cells: [], withheld: [] });
  });
});

describe('percentOf', () => {
  it('rounds to one decimal and has no percentage of nobody', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 0)).toBeNull();
  });
});
