import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { addNaturalDays, parseCalendarDate } from '../calendar/calendar-date';
import { createWorkingDayCalendar } from '../calendar/working-days';
import { checkPlanLeadTime, earliestSessionDate, latestFilingDate } from './lead-time';

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

// Calendar facts used below, checked in chinese-days 1.5.7 (dist/years/2025.json, 2026.json):
// 2025: holidays 10-01..10-08 (National Day, 10-06 Mid-autumn); adjusted working days Sun 09-28, Sat 10-11.
// 2026: holidays 09-25..09-27 (Mid-autumn), 10-01..10-07 (National Day); adjusted working days Sun 09-20, Sat 10-10.

describe('checkPlanLeadTime', () => {
  it('R7: accepts a first session on the day after the 10th working day across National Day 2025 and adjusted 09-28/10-11', () => {
    // Filed Fri 2025-09-26. Working days after it: 09-28 (Sun, adjusted) 1, 09-29 2, 09-30 3,
    // [10-01..10-08 holiday], 10-09 4, 10-10 5, 10-11 (Sat, adjusted) 6, 10-13 7, 10-14 8, 10-15 9, 10-16 10.
    const result = checkPlanLeadTime({ filingDate: date('2025-09-26'), firstSessionDate: date('2025-10-17') });
    expect(result).toEqual({
      ok: true,
      ruleId: 'R7',
      leadWorkingDays: 10,
      requiredWorkingDays: 10,
      earliestSessionDate: '2025-10-17',
      latestFilingDate: '2025-09-26',
    });
  });

  it('R7: refuses a first session one day too early with the earliest session and latest filing dates', () => {
    const error = caught(() => checkPlanLeadTime({ filingDate: date('2025-09-26'), firstSessionDate: date('2025-10-16') }));
    expect(error.code).toBe('lead_time_violation');
    expect(error.details).toMatchObject({
      ruleId: 'R7',
      requiredWorkingDays: 10,
      leadWorkingDays: 9,
      earliestSessionDate: '2025-10-17',
      latestFilingDate: '2025-09-25',
    });
    expect(error.message).toContain('on or after 2025-10-17');
    expect(error.message).toContain('file by 2025-09-25');
  });

  it('R7: counts the adjusted working Saturday 2026-10-10 and skips Mid-autumn and National Day 2026', () => {
    // Filed Mon 2026-09-28: 09-29 1, 09-30 2, [10-01..10-07], 10-08 3, 10-09 4, 10-10 (Sat, adjusted) 5,
    // 10-12..10-16 6-10 → earliest session Sat 2026-10-17 (sessions may be on rest days).
    expect(earliestSessionDate(date('2026-09-28'))).toBe('2026-10-17');
    const error = caught(() => checkPlanLeadTime({ filingDate: date('2026-09-28'), firstSessionDate: date('2026-10-16') }));
    expect(error.details).toMatchObject({ leadWorkingDays: 9, earliestSessionDate: '2026-10-17' });
    // Latest filing for a session on Fri 2026-10-16: the 11th working day before it. Counting back:
    // 10-15 1, 10-14 2, 10-13 3, 10-12 4, 10-10 5, 10-09 6, 10-08 7, 09-30 8, 09-29 9, 09-28 10,
    // [09-25..09-27 Mid-autumn], 09-24 11.
    expect((error.details as { latestFilingDate: string }).latestFilingDate).toBe('2026-09-24');
    expect(checkPlanLeadTime({ filingDate: date('2026-09-24'), firstSessionDate: date('2026-10-16') }).ok).toBe(true);
  });

  it('R7: without the adjusted Saturday the same filing would need two more days', () => {
    // An organisation calendar that rests on 2026-10-10 pushes the 10th working day to Mon 10-19.
    const calendar = createWorkingDayCalendar({ extraRestDays: ['2026-10-10'] });
    expect(earliestSessionDate(date('2026-09-28'), 10, calendar)).toBe('2026-10-20');
  });

  it('R7: treats a filing made during the holiday as received on the next working day', () => {
    // Filed Sat 2026-10-03 (National Day) → received Thu 10-08; 10 working days after: 10-09, 10-10 (adjusted),
    // 10-12..10-16, 10-19, 10-20, 10-21 → earliest session 10-22.
    const result = checkPlanLeadTime({ filingDate: date('2026-10-03'), firstSessionDate: date('2026-10-22') });
    expect(result.earliestSessionDate).toBe('2026-10-22');
    expect(caught(() => checkPlanLeadTime({ filingDate: date('2026-10-03'), firstSessionDate: date('2026-10-21') })).details).toMatchObject({
      receivedDate: '2026-10-08',
    });
  });

  it('R7: honours a per-organisation lead time of 5 working days (Hunan)', () => {
    expect(checkPlanLeadTime({ filingDate: date('2026-10-03'), firstSessionDate: date('2026-10-15'), leadTimeWorkingDays: 5 }).ok).toBe(true);
    expect(caught(() => checkPlanLeadTime({ filingDate: date('2026-10-03'), firstSessionDate: date('2026-10-14'), leadTimeWorkingDays: 5 })).code).toBe(
      'lead_time_violation',
    );
  });

  it('R7: refuses a session before the filing, and a lead time that is not a whole number >= 1', () => {
    const error = caught(() => checkPlanLeadTime({ filingDate: date('2026-06-10'), firstSessionDate: date('2026-06-01') }));
    expect(error.details).toMatchObject({ leadWorkingDays: 0 });
    expect(caught(() => checkPlanLeadTime({ filingDate: date('2026-06-01'), firstSessionDate: date('2026-07-01'), leadTimeWorkingDays: 0 })).code).toBe(
      'validation_failed',
    );
  });

  it('R7: refuses with calendar_out_of_range when the count needs holidays not yet published', () => {
    const error = caught(() => checkPlanLeadTime({ filingDate: date('2026-12-28'), firstSessionDate: date('2027-01-20') }));
    expect(error.code).toBe('calendar_out_of_range');
    expect(error.message).toMatch(/2027-01-\d\d is outside the working-day calendar, which covers 2004-01-01 to 2026-12-31/);
  });

  it('R7: passes exactly when the filing is on or before latestFilingDate (any dates in 2025-2026)', () => {
    const day = (offset: number) => addNaturalDays(date('2025-01-01'), offset);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 640 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 15 }), (start, gap, lead) => {
        const filingDate = day(start);
        const firstSessionDate = addNaturalDays(filingDate, gap);
        let passes = true;
        try {
          checkPlanLeadTime({ filingDate, firstSessionDate, leadTimeWorkingDays: lead });
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'lead_time_violation') throw error;
          passes = false;
        }
        expect(passes).toBe(filingDate <= latestFilingDate(firstSessionDate, lead));
        expect(passes).toBe(firstSessionDate >= earliestSessionDate(filingDate, lead));
      }),
      { numRuns: 400 },
    );
  });
});
