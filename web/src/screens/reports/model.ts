// The report screen's pure parts: the period as the API takes it, and when to poll.
export type ReportStatus = 'pending' | 'building' | 'ready' | 'failed';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `[from, to)` in UTC from two days picked inclusive ("from 1 Jan to 30 Jun"). */
export function periodOf(fromDay: string, toDay: string): { from: string; to: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDay) || !/^\d{4}-\d{2}-\d{2}$/.test(toDay)) return null;
  const from = Date.parse(`${fromDay}T00:00:00Z`);
  const to = Date.parse(`${toDay}T00:00:00Z`) + DAY_MS;
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) return null;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The days shown for a stored `[from, to)`: its first and last day (UTC). */
export function daysOf(from: string, to: string): { first: string; last: string } {
  return {
    first: from.slice(0, 10),
    last: new Date(Date.parse(to) - 1).toISOString().slice(0, 10),
  };
}

/** Whether a report still changes (so its row is polled). */
export const inFlight = (status: ReportStatus): boolean =>
  status === 'pending' || status === 'building';

/** The default period: this year's 1 January to today (UTC). */
export function defaultPeriod(now: Date): { fromDay: string; toDay: string } {
  const today = now.toISOString().slice(0, 10);
  return { fromDay: `${today.slice(0, 4)}-01-01`, toDay: today };
}

/** A size in KB, one decimal under 10. */
export function kilobytes(bytes: number): string {
  const kb = bytes / 1024;
  return kb < 10 ? kb.toFixed(1) : String(Math.round(kb));
}

/** The name a download is saved under, from Content-Disposition (else `fallback`). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}
