import { describe, expect, it } from 'vitest';
import { monthRange, monthWeeks, shiftMonth } from './calendar-page';

describe('calendar month helpers', () => {
  it('gives the first and last day of a month, leap years included', () => {
    expect(monthRange('2026-11-20')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('moves across year ends', () => {
    expect(shiftMonth('2026-12-15', 1)).toBe('2027-01-01');
    expect(shiftMonth('2026-01-15', -1)).toBe('2025-12-01');
  });

  it('lays a month out in Monday-first weeks', () => {
    const days = Array.from({ length: 30 }, (_unused, index) => ({ date: `2026-11-${String(index + 1).padStart(2, '0')}` }));
    const weeks = monthWeeks(days);
    // 1 November 2026 is a Sunday: six empty cells before it.
    expect(weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0][6]).toEqual({ date: '2026-11-01' });
    expect(weeks).toHaveLength(6);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });
});
