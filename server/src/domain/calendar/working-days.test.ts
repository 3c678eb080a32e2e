import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  addNaturalDays,
  addYears,
  calendarDateInChina,
  dayOfWeek,
  naturalDaysBetween,
  parseCalendarDate,
  wholeYearsBetween,
} from './calendar-date';
import {
  addWorkingDays,
  chinaWorkingDayCalendar,
  createWorkingDayCalendar,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from './working-days';

const date = (text: string) => parseCalendarDate(text);

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

// Dates below are checked against chinese-days 1.5.7 data (dist/years/2025.json, 2026.json):
// 2025 National Day + Mid-autumn: holidays 2025-10-01..08; adjusted working days Sun 2025-09-28 and Sat 2025-10-11.
// 2026 Mid-autumn 2026-09-25..27, National Day 2026-10-01..07; adjusted working days Sun 2026-09-20 and Sat 2026-10-10.

describe('calendar dates', () => {
  it('parses real YYYY-MM-DD dates and refuses others, naming the field', () => {
    expect(date('2024-02-29')).toBe('2024-02-29');
    const error = caught(() => parseCalendarDate('2025-02-29', 'firstSessionDate'));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('firstSessionDate');
    expect(error.message).toContain('2025-02-29');
    expect(() => parseCalendarDate('2025-9-1')).toThrow(AppError);
  });

  it('takes the date in Asia/Shanghai from an instant, whatever the server zone', () => {
    expect(calendarDateInChina(new Date('2025-09-30T16:30:00Z'))).toBe('2025-10-01');
    expect(calendarDateInChina(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
  });

  it('does day arithmetic in UTC: weekdays, natural days, anniversaries', () => {
    expect(dayOfWeek(date('2026-10-10'))).toBe(6);
    expect(dayOfWeek(date('2025-09-28'))).toBe(0);
    expect(addNaturalDays(date('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addNaturalDays(date('2024-03-01'), -1)).toBe('2024-02-29');
    expect(naturalDaysBetween(date('2025-10-01'), date('2025-10-08'))).toBe(7);
    expect(addYears(date('2024-02-29'), 1)).toBe('2025-02-28');
    expect(wholeYearsBetween(date('2000-03-01'), date('2016-02-29'))).toBe(15);
    expect(wholeYearsBetween(date('2000-03-01'), date('2016-03-01'))).toBe(16);
  });
});

describe('isWorkingDay', () => {
  it('R7: treats the 2025 National Day and Mid-autumn holidays (2025-10-01..08) as rest days', () => {
    for (let day = 1; day <= 8; day += 1) expect(isWorkingDay(date(`2025-10-0${day}`))).toBe(false);
    expect(isWorkingDay(date('2025-10-09'))).toBe(true);
  });

  it('R7: treats adjusted working days 调休 on weekends as working days (Sun 2025-09-28, Sat 2025-10-11, Sat 2026-10-10)', () => {
    expect(isWorkingDay(date('2025-09-28'))).toBe(true);
    expect(isWorkingDay(date('2025-10-11'))).toBe(true);
    expect(isWorkingDay(date('2026-10-10'))).toBe(true);
    expect(chinaWorkingDayCalendar.describeDay(date('2026-10-10'))).toEqual({
      date: '2026-10-10',
      isWorkingDay: true,
      kind: 'adjusted_working_day',
      holidayName: '国庆节',
    });
  });

  it('treats ordinary weekends as rest days and ordinary weekdays as working days', () => {
    expect(isWorkingDay(date('2026-10-17'))).toBe(false);
    expect(isWorkingDay(date('2026-10-18'))).toBe(false);
    expect(isWorkingDay(date('2026-10-19'))).toBe(true);
  });

  // chinese-days' own functions read dates with local getters and go wrong west of UTC (the reason
  // working-days.ts reads the package's JSON), so the cross-check runs only at or east of UTC.
  const isZoneAtOrEastOfUtc = new Date(2025, 0, 1).getTimezoneOffset() <= 0;
  it.runIf(isZoneAtOrEastOfUtc)('agrees with chinese-days isWorkday() on every day it covers', () => {
    const mismatches: string[] = [];
    for (let current = date('2004-01-01'); current <= '2026-12-31'; current = addNaturalDays(current, 1)) {
      const [year, month, day] = current.split('-').map(Number);
      if (chineseDays.isWorkday(new Date(year, month - 1, day)) !== isWorkingDay(current)) mismatches.push(current);
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a date outside the package data with calendar_out_of_range naming the date and the covered range', () => {
    const error = caught(() => isWorkingDay(date('2027-01-04')));
    expect(error.code).toBe('calendar_out_of_range');
    expect(error.message).toContain('2027-01-04');
    expect(error.message).toContain('2004-01-01 to 2026-12-31');
    expect(error.details).toEqual({ date: '2027-01-04', coveredRange: { first: '2004-01-01', last: '2026-12-31' } });
    expect(caught(() => isWorkingDay(date('2003-12-31'))).code).toBe('calendar_out_of_range');
  });
});

describe('addWorkingDays', () => {
  it('R7: skips the National Day holiday and counts the adjusted Saturday (2025-09-26 + 10 = 2025-10-16)', () => {
    // After Fri 2025-09-26: 09-28 (Sun, adjusted), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat, adjusted), 10-13..16.
    expect(addWorkingDays(date('2025-09-26'), 10)).toBe('2025-10-16');
    expect(addWorkingDays(date('2025-09-30'), 1)).toBe('2025-10-09');
  });

  it('counts backwards for negative days and returns the date itself for 0', () => {
    expect(addWorkingDays(date('2025-10-16'), -10)).toBe('2025-09-26');
    expect(addWorkingDays(date('2025-10-04'), 0)).toBe('2025-10-04');
    expect(nextWorkingDayOnOrAfter(date('2025-10-04'))).toBe('2025-10-09');
    expect(nextWorkingDayOnOrAfter(date('2025-10-09'))).toBe('2025-10-09');
  });

  it('refuses a count that walks past the covered range, naming the first uncovered date', () => {
    const error = caught(() => addWorkingDays(date('2026-12-20'), 10));
    expect(error.code).toBe('calendar_out_of_range');
    expect(error.message).toContain('2027-01-01');
  });

  it('refuses a fractional count', () => {
    expect(caught(() => addWorkingDays(date('2026-03-02'), 1.5)).code).toBe('validation_failed');
  });

  it('is inverted by workingDaysBetween: any start forwards, working-day starts backwards (2025-2026)', () => {
    const anyDate = fc.integer({ min: 0, max: 600 }).map((offset) => addNaturalDays(date('2025-01-01'), offset));
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 40 }), (start, count) => {
        expect(workingDaysBetween(start, addWorkingDays(start, count))).toBe(count);
        const workingStart = nextWorkingDayOnOrAfter(start);
        expect(workingDaysBetween(workingStart, addWorkingDays(workingStart, -count))).toBe(-count || 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (a, b] and is negative backwards', () => {
    expect(workingDaysBetween(date('2025-09-26'), date('2025-10-16'))).toBe(10);
    expect(workingDaysBetween(date('2025-10-16'), date('2025-09-26'))).toBe(-10);
    expect(workingDaysBetween(date('2025-10-01'), date('2025-10-08'))).toBe(0);
    expect(workingDaysBetween(date('2026-10-09'), date('2026-10-09'))).toBe(0);
  });
});

describe('createWorkingDayCalendar', () => {
  it("applies an organisation's own rest days and working days", () => {
    const calendar = createWorkingDayCalendar({ extraRestDays: ['2026-03-16'], extraWorkingDays: ['2026-03-21'] });
    expect(isWorkingDay(date('2026-03-16'), calendar)).toBe(false);
    expect(calendar.describeDay(date('2026-03-16')).kind).toBe('organisation_rest_day');
    expect(isWorkingDay(date('2026-03-21'), calendar)).toBe(true);
    expect(addWorkingDays(date('2026-03-13'), 1, calendar)).toBe('2026-03-17');
    expect(addWorkingDays(date('2026-03-20'), 1, calendar)).toBe('2026-03-21');
    expect(isWorkingDay(date('2026-03-16'))).toBe(true);
  });

  it('refuses a date listed both as rest day and working day, and malformed dates', () => {
    expect(caught(() => createWorkingDayCalendar({ extraRestDays: ['2026-03-02'], extraWorkingDays: ['2026-03-02'] })).message).toContain(
      '2026-03-02',
    );
    expect(caught(() => createWorkingDayCalendar({ extraRestDays: ['2026/03/02'] })).message).toContain('extraRestDays[0]');
    expect(caught(() => createWorkingDayCalendar({ extraRestDays: ['2030-01-02'] })).code).toBe('calendar_out_of_range');
  });

  it('extends coverage with a supplementary year published after the package release', () => {
    const calendar = createWorkingDayCalendar({
      supplementaryYears: [{ year: 2027, restDays: ['2027-01-01'], workingDays: ['2027-01-09'], source: 'test schedule' }],
    });
    expect(calendar.coveredRange.last).toBe('2027-12-31');
    expect(isWorkingDay(date('2027-01-01'), calendar)).toBe(false);
    expect(isWorkingDay(date('2027-01-09'), calendar)).toBe(true);
    expect(addWorkingDays(date('2026-12-31'), 1, calendar)).toBe('2027-01-04');
    expect(caught(() => isWorkingDay(date('2028-01-03'), calendar)).code).toBe('calendar_out_of_range');
  });

  it('refuses a supplementary year that leaves a gap or holds dates of another year', () => {
    expect(
      caught(() => createWorkingDayCalendar({ supplementaryYears: [{ year: 2028, restDays: [], workingDays: [], source: 'x' }] }))
        .message,
    ).toContain('must be 2027');
    expect(
      caught(() =>
        createWorkingDayCalendar({ supplementaryYears: [{ year: 2027, restDays: ['2026-12-31'], workingDays: [], source: 'x' }] }),
      ).message,
    ).toContain('outside the year 2027');
  });
});
