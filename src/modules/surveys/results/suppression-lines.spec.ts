import { cubeLines, suppressCells } from './suppression.js';

describe('suppressCells', () => {
  it('hides a cell of 2 and the next smallest of its line, so the total tells nothing', () => {
    expect(suppressCells([2, 7, 9], [[0, 1, 2]], 5)).toEqual(['primary', 'secondary', null]);
  });

  it('leaves zeros and cells at the minimum alone when nothing is small', () => {
    expect(suppressCells([0, 5, 9], [[0, 1, 2]], 5)).toEqual([null, null, null]);
  });

  it('takes the smallest non-zero cell as the complement, a zero only when nothing else is left', () => {
    expect(suppressCells([3, 0, 10], [[0, 1, 2]], 5)).toEqual(['primary', null, 'secondary']);
    expect(
      suppressCells(
        [3, 0, 0, 9],
        [
          [0, 1, 2],
          [0, 3],
        ],
        5,
      ),
    ).toEqual(['primary', 'secondary', null, 'secondary']);
  });

  it('withholds the whole table when its base is under the minimum', () => {
    expect(suppressCells([1, 2, 0], [[0, 1, 2]], 5)).toEqual(['primary', 'primary', 'primary']);
  });

  it('carries secondary suppression across rows and columns until every line hides two or none', () => {
    // 2 × 2: [[2, 8], [9, 7]] → hide 2 (primary); row 0 hides 8, column 0 hides 9; then row 1
    // and column 1 each have one hidden cell: 7 goes too.
    const lines = cubeLines([2, 2]);
    expect(suppressCells([2, 8, 9, 7], lines, 5)).toEqual([
      'primary',
      'secondary',
      'secondary',
      'secondary',
    ]);
  });
});

describe('cubeLines', () => {
  it('lists rows and columns of a 2 × 3 table', () => {
    expect(cubeLines([2, 3])).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('lists every one-dimensional slice of a cube', () => {
    expect(cubeLines([3, 5, 8])).toHaveLength(5 * 8 + 3 * 8 + 3 * 5);
  });
});
