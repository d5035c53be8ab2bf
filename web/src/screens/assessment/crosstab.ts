// The cross-tab of one question as a table model (no DOM, no words): columns are the groups the
// hub did not withhold, rows the choices, each cell its count and percent of the group's base or
// its suppression. The hub decides what is suppressed; this model never works a hidden count out
// again: totals are the hub's bases, and a row total is given only when no cell of the row is
// hidden (the sum of what is shown is then the whole row).
import type { ResultCell, ResultGroup, ResultQuestion } from './api.js';

export type Suppression = 'primary' | 'secondary';

/**
 * The marks of hidden cells: symbols, not words (a cell is narrow on a phone), the same in every
 * language; the legend says what each means in the reader's language, and each hidden cell
 * carries that sentence for screen readers.
 */
export const MARKS: Record<Suppression, string> = { primary: '×', secondary: '(×)' };

export interface TableCell {
  count: number | null;
  /** 0–100, one decimal; null when suppressed or nobody in the group answered. */
  percent: number | null;
  suppressed: Suppression | null;
}

export interface TableRow {
  code: string;
  label: Record<string, string>;
  cells: TableCell[];
  /** The row's count over the shown groups; null when a cell of the row is hidden. */
  total: number | null;
}

export interface CrossTab {
  columns: ResultGroup[];
  /** Groups whose base for this question is under the minimum cell size: no column, a note. Groups
   * with nobody in them are left out altogether. */
  withheld: ResultGroup[];
  rows: TableRow[];
  /** Each column's base (who answered the question in the group), as the hub gives it. */
  bases: Array<number | null>;
  /** The sum of the shown bases (null if one is unknown). */
  baseTotal: number | null;
  suppressed: { primary: number; secondary: number };
  /** The largest percent shown (for scaling a chart); at least 1. */
  maxPercent: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function cellOf(found: ResultCell | undefined, base: number | null): TableCell {
  if (!found) return { count: 0, percent: base ? 0 : null, suppressed: null };
  if (found.suppressed || found.count === null)
    return { count: null, percent: null, suppressed: found.suppressed ?? 'primary' };
  const percent =
    found.percent !== null && found.percent !== undefined
      ? round1(found.percent)
      : base
        ? round1((found.count / base) * 100)
        : null;
  return { count: found.count, percent, suppressed: null };
}

export function crossTab(question: ResultQuestion, groups: readonly ResultGroup[]): CrossTab {
  const baseOf = new Map(question.bases.map((b) => [b.group, b]));
  // A group nobody in it answered (base 0) says nothing: no column, no note.
  const columns = groups.filter(
    (g) => !baseOf.get(g.key)?.withheld && baseOf.get(g.key)?.count !== 0,
  );
  const withheld = groups.filter((g) => baseOf.get(g.key)?.withheld);
  const bases = columns.map((g) => baseOf.get(g.key)?.count ?? null);
  const suppressed = { primary: 0, secondary: 0 };
  let maxPercent = 1;
  const rows = question.choices.map((choice) => {
    const byGroup = new Map(choice.cells.map((c) => [c.group, c]));
    const cells = columns.map((g, i) => cellOf(byGroup.get(g.key), bases[i] ?? null));
    let total: number | null = 0;
    for (const c of cells) {
      if (c.suppressed) suppressed[c.suppressed]++;
      if (c.percent !== null) maxPercent = Math.max(maxPercent, c.percent);
      total = c.count === null || total === null ? null : total + c.count;
    }
    return { code: choice.code, label: choice.label, cells, total };
  });
  const baseTotal = bases.some((b) => b === null)
    ? null
    : bases.reduce<number>((s, b) => s + (b ?? 0), 0);
  return { columns, withheld, rows, bases, baseTotal, suppressed, maxPercent };
}

/** A percent as the table shows it: one decimal at most, the language's separator. */
export function percentText(percent: number, format: (n: number) => string): string {
  return `${format(round1(percent))}%`;
}
