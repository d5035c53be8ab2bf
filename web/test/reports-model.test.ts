import { describe, expect, it } from 'vitest';
import {
  daysOf,
  defaultPeriod,
  fileNameOf,
  inFlight,
  kilobytes,
  periodOf,
} from '../src/screens/reports/model.js';

describe('report screen model', () => {
  it('turns two inclusive days into [from, to) in UTC', () => {
    expect(periodOf('2026-01-01', '2026-06-30')).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
    });
    expect(periodOf('2026-03-01', '2026-03-01')).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
  });

  it('refuses an end before the start and unreadable days', () => {
    expect(periodOf('2026-03-02', '2026-03-01')).toBeNull();
    expect(periodOf('', '2026-03-01')).toBeNull();
    expect(periodOf('2026-02-30x', '2026-03-01')).toBeNull();
  });

  it('shows a stored period by its first and last day', () => {
    expect(daysOf('2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z')).toEqual({
      first: '2026-01-01',
      last: '2026-06-30',
    });
  });

  it('polls only reports still pending or building', () => {
    expect(inFlight('pending')).toBe(true);
    expect(inFlight('building')).toBe(true);
    expect(inFlight('ready')).toBe(false);
    expect(inFlight('failed')).toBe(false);
  });

  it('defaults to this year so far, and names files from the hub', () => {
    expect(defaultPeriod(new Date('2026-12-01T03:00:00Z'))).toEqual({
      fromDay: '2026-01-01',
      toDay: '2026-12-01',
    });
    expect(kilobytes(2048)).toBe('2.0');
    expect(kilobytes(204_800)).toBe('200');
    expect(
      fileNameOf(
        'attachment; filename="report-batken-district-2026-01-01-2026-06-30-ky.pdf"',
        'x.pdf',
      ),
    ).toBe('report-batken-district-2026-01-01-2026-06-30-ky.pdf');
    expect(fileNameOf(null, 'x.pdf')).toBe('x.pdf');
  });
});
