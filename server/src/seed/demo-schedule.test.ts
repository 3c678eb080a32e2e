import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../domain/calendar/calendar-date';
import { createWorkingDayCalendar, isWorkingDay } from '../domain/calendar/working-days';
import { checkPlanLeadTime } from '../domain/plans/lead-time';
import { chinaDateTime, createDemoPlaceholderYear, planDemoSchedule } from './demo-schedule';

const day = (value: string) => value as CalendarDate;

describe('planDemoSchedule', () => {
  it('R7: files today and holds the theory session on the first working day the 10-working-day lead time allows', () => {
    const schedule = planDemoSchedule({ today: day('2026-11-21'), leadTimeWorkingDays: 10, practicalRounds: 3 });
    expect(schedule.filingDate).toBe('2026-11-21');
    expect(schedule.placeholderYears).toEqual([]);
    // Filed on a Saturday: received Monday 23 November; 10 working days end on Monday 7 December.
    expect(schedule.earliestSessionDate).toBe('2026-12-08');
    expect(schedule.theoryDate).toBe('2026-12-08');
    expect(schedule.practicalDates).toEqual(['2026-12-09', '2026-12-10', '2026-12-11']);
    expect(checkPlanLeadTime({ filingDate: schedule.filingDate, firstSessionDate: schedule.theoryDate, leadTimeWorkingDays: 10 }).ok).toBe(true);
    expect(schedule.applicationPeriod.opensOn).toBe('2026-11-21');
    expect(schedule.applicationPeriod.closesOn < schedule.theoryDate).toBe(true);
  });

  it('R7: past the calendar data it never backdates the filing but adds a marked DEMO placeholder year', () => {
    const schedule = planDemoSchedule({ today: day('2026-12-24'), leadTimeWorkingDays: 10, practicalRounds: 3 });
    expect(schedule.filingDate).toBe('2026-12-24');
    expect(schedule.placeholderYears.map((year) => year.year)).toEqual([2027]);
    expect(schedule.placeholderYears[0].source).toMatch(/^DEMO placeholder .*NOT the State Council/);
    expect(schedule.placeholderYears[0].restDays).toEqual(['2027-01-01']);
    const calendar = createWorkingDayCalendar({ supplementaryYears: schedule.placeholderYears });
    const leadTime = checkPlanLeadTime({ filingDate: schedule.filingDate, firstSessionDate: schedule.theoryDate, leadTimeWorkingDays: 10, calendar });
    expect(leadTime.ok).toBe(true);
    // Thursday 24 December: 10 working days (1 January a rest day) end Friday 8 January 2027; the
    // earliest day, Saturday 9 January, moves to Monday 11 January.
    expect(schedule.earliestSessionDate).toBe(leadTime.earliestSessionDate);
    expect(schedule.earliestSessionDate).toBe('2027-01-09');
    expect(schedule.theoryDate).toBe('2027-01-11');
    expect(isWorkingDay(day('2027-01-01'), calendar)).toBe(false);
    for (const date of schedule.practicalDates) expect(isWorkingDay(date, calendar)).toBe(true);
  });

  it('adds placeholder years one after the other when even today lies past the data', () => {
    const schedule = planDemoSchedule({ today: day('2028-03-01'), leadTimeWorkingDays: 10, practicalRounds: 1 });
    expect(schedule.placeholderYears.map((year) => year.year)).toEqual([2027, 2028]);
  });

  it('moves a session that the lead time would put on a weekend to the next working day', () => {
    // Filed Friday 2026-03-06: 10 working days end Friday 20 March, so the earliest session day is
    // Saturday 21 March; the theory session moves to Monday 23 March.
    const schedule = planDemoSchedule({ today: day('2026-03-06'), leadTimeWorkingDays: 10, practicalRounds: 1 });
    expect(schedule.earliestSessionDate).toBe('2026-03-21');
    expect(schedule.theoryDate).toBe('2026-03-23');
    expect(schedule.practicalDates).toEqual(['2026-03-24']);
  });
});

describe('createDemoPlaceholderYear', () => {
  it('is accepted as the year after the calendar data', () => {
    expect(() => createWorkingDayCalendar({ supplementaryYears: [createDemoPlaceholderYear(2027)] })).not.toThrow();
  });
});

describe('chinaDateTime', () => {
  it('writes an ISO 8601 time with the +08:00 offset', () => {
    expect(chinaDateTime(day('2026-12-08'), '09:00')).toBe('2026-12-08T09:00:00+08:00');
  });
});
