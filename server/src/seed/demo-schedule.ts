/**
 * Dates of the demo batch (R7): the plan is filed TODAY (China time) and the sessions are held
 * after the lead time on the working-day calendar. Backdating the filing would record a filing that
 * never happened, so when today + lead time runs past the calendar's data (chinese-days ends with
 * its last published year), the demo organisation gets a supplementary year that is plainly
 * marked as a DEMO placeholder (weekends and 1 January only) and the printed banner says so.
 */
import { AppError } from '../errors';
import { addNaturalDays, calendarDateParts, type CalendarDate } from '../domain/calendar/calendar-date';
import {
  addWorkingDays,
  createWorkingDayCalendar,
  nextWorkingDayOnOrAfter,
  type SupplementaryYear,
  type WorkingDayCalendar,
} from '../domain/calendar/working-days';
import { earliestSessionDate } from '../domain/plans/lead-time';

/** Text stored as the `source` of a placeholder year, so nobody mistakes it for a State Council notice. */
export function describeDemoPlaceholderYear(year: number): string {
  return (
    `DEMO placeholder written by the SkillCert demo seed, NOT the State Council holiday notice: ` +
    `weekends and 1 January (元旦) only. Replace it with the notice for ${year} (PUT /api/organisation/calendar).`
  );
}

/** A placeholder supplementary year: weekends plus New Year's Day 元旦 (fixed on 1 January). */
export function createDemoPlaceholderYear(year: number): SupplementaryYear {
  return { year, restDays: [`${year}-01-01`], workingDays: [], source: describeDemoPlaceholderYear(year) };
}

/** The demo batch's dates. */
export interface DemoSchedule {
  /** Day the plan is filed: today in China. */
  filingDate: CalendarDate;
  /** R7: the earliest first-session date the lead time allows. */
  earliestSessionDate: CalendarDate;
  /** Theory session day: the first working day on or after {@link earliestSessionDate}. */
  theoryDate: CalendarDate;
  /** Practical rounds: the working days after the theory day, one per round. */
  practicalDates: CalendarDate[];
  /** Applications taken from the filing day until three days before the theory session (R8). */
  applicationPeriod: { opensOn: CalendarDate; closesOn: CalendarDate };
  /** Placeholder years the organisation calendar needs (empty when the statutory data suffice). */
  placeholderYears: SupplementaryYear[];
}

/** Most placeholder years the seed adds before giving up (chinese-days would be badly outdated). */
const maximumPlaceholderYears = 3;

/**
 * Plans the demo batch's dates for a plan filed on `today` with `leadTimeWorkingDays` (R7), counting
 * on the statutory calendar and, only when the count leaves its data, on placeholder years added
 * one by one. The last practical round must fit the calendar too (later deadlines count from it).
 * @param options.practicalRounds number of practical sessions (one per working day)
 * @param options.createCalendar builds a calendar from supplementary years (tests pass a short one)
 * @throws AppError `calendar_out_of_range` when even {@link maximumPlaceholderYears} years do not suffice.
 */
export function planDemoSchedule(options: {
  today: CalendarDate;
  leadTimeWorkingDays: number;
  practicalRounds: number;
  createCalendar?: (supplementaryYears: SupplementaryYear[]) => WorkingDayCalendar;
}): DemoSchedule {
  const createCalendar = options.createCalendar ?? ((supplementaryYears) => createWorkingDayCalendar({ supplementaryYears }));
  const placeholderYears: SupplementaryYear[] = [];
  for (;;) {
    const calendar = createCalendar(placeholderYears);
    try {
      const earliest = options.leadTimeWorkingDays >= 1 ? earliestSessionDate(options.today, options.leadTimeWorkingDays, calendar) : addNaturalDays(options.today, 1);
      const theoryDate = nextWorkingDayOnOrAfter(earliest, calendar);
      const practicalDates = Array.from({ length: options.practicalRounds }, (_, index) => addWorkingDays(theoryDate, index + 1, calendar));
      return {
        filingDate: options.today,
        earliestSessionDate: earliest,
        theoryDate,
        practicalDates,
        applicationPeriod: { opensOn: options.today, closesOn: addNaturalDays(theoryDate, -3) },
        placeholderYears,
      };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'calendar_out_of_range' || placeholderYears.length >= maximumPlaceholderYears) throw error;
      const lastYear = calendarDateParts(calendar.coveredRange.last).year;
      placeholderYears.push(createDemoPlaceholderYear(lastYear + 1));
    }
  }
}

/** `YYYY-MM-DDTHH:mm:00+08:00`: a time of day in China on `date`, as the sessions contract wants it. */
export function chinaDateTime(date: CalendarDate, time: string): string {
  if (!/^\d{2}:\d{2}$/.test(time)) throw new Error(`time: expected HH:mm, got "${time}"`);
  return `${date}T${time}:00+08:00`;
}
