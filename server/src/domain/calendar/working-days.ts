/**
 * Working-day calendar of mainland China (R7, R11, R12, R13 count working days 工作日).
 *
 * Data: the maintained package `chinese-days` (State Council holiday notices; statutory holidays
 * 法定节假日 and adjusted working days 调休上班日). We read its documented JSON
 * (`chinese-days/dist/chinese-days.json`) rather than calling `isWorkday()`: the package's own date
 * wrapper parses `YYYY-MM-DD` as UTC midnight but reads it back with local getters, which shifts
 * every date by one day on a server west of UTC. Here all dates are {@link CalendarDate}s (see
 * calendar-date.ts) and weekdays come from UTC arithmetic.
 *
 * A day is a working day when it is an adjusted working day, or a Monday-Friday that is not a
 * statutory holiday. Coverage: the years the package lists (2004-2026 in chinese-days 1.5.7); any
 * date outside them throws AppError `calendar_out_of_range` naming the date and the covered range —
 * the platform never guesses a year whose holidays the State Council has not published (or the
 * package has not yet picked up). A year published after the package release can be added with
 * {@link CalendarOptions.supplementaryYears}.
 *
 * Day counting follows the Civil Code 民法典 art. 201: the day a period starts is not counted; the
 * period starts the next day. So {@link addWorkingDays}(d, n) is the n-th working day after d, and
 * {@link workingDaysBetween}(a, b) counts the working days in (a, b].
 */
import calendarData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { AppError } from '../../errors';
import {
  addNaturalDays,
  type CalendarDate,
  calendarDateParts,
  dayOfWeek,
  isCalendarDate,
  naturalDaysBetween,
} from './calendar-date';

export { addNaturalDays, type CalendarDate } from './calendar-date';

/** Where a day's status came from, for explanations in the UI. */
export type DayKind =
  | 'weekday'
  | 'weekend'
  | 'statutory_holiday'
  | 'adjusted_working_day'
  | 'organisation_rest_day'
  | 'organisation_working_day';

/** Status of one calendar day. `holidayName` is the package's Chinese name, e.g. `国庆节`. */
export interface DayDetail {
  date: CalendarDate;
  isWorkingDay: boolean;
  kind: DayKind;
  holidayName?: string;
}

/**
 * The State Council's schedule for a year the package does not cover yet (published each
 * November for the next year). `restDays` lists the statutory holiday days (weekend days among
 * them may be listed or not), `workingDays` the adjusted working days 调休上班日.
 */
export interface SupplementaryYear {
  year: number;
  restDays: readonly string[];
  workingDays: readonly string[];
  /** Where the dates come from, e.g. `国办发明电〔2026〕X号`; kept for the audit trail. */
  source: string;
}

/** Per-organisation additions to the statutory calendar. Dates are `YYYY-MM-DD`. */
export interface CalendarOptions {
  /** The enterprise's own rest days (e.g. a plant shutdown): working days that become rest days. */
  extraRestDays?: readonly string[];
  /** The enterprise's own working days: rest days that become working days. */
  extraWorkingDays?: readonly string[];
  /** Years after the package's last year, appended in order (2027, then 2028 …). */
  supplementaryYears?: readonly SupplementaryYear[];
}

/** First and last day the calendar knows, inclusive. */
export interface CoveredRange {
  first: CalendarDate;
  last: CalendarDate;
}

/** A working-day calendar; build one with {@link createWorkingDayCalendar}. */
export interface WorkingDayCalendar {
  readonly coveredRange: CoveredRange;
  /** Status of one day. @throws AppError `calendar_out_of_range` outside {@link coveredRange}. */
  describeDay(date: CalendarDate): DayDetail;
}

interface PackageCalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Chinese holiday name out of the package's `English,中文,n` entry. */
function holidayNameOf(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

function assertDates(values: readonly string[], field: string): CalendarDate[] {
  return values.map((value, index) => {
    if (!isCalendarDate(value)) {
      throw new AppError('validation_failed', `${field}[${index}] must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
        field: `${field}[${index}]`,
        value,
      });
    }
    return value;
  });
}

/**
 * Builds a working-day calendar: the statutory calendar of `chinese-days` plus an organisation's
 * rest and working days and any supplementary years.
 * @throws AppError `validation_failed` when a date is malformed, a date is both an extra rest day
 *   and an extra working day, a supplementary year is not the year right after the covered range,
 *   or a supplementary date lies outside its year; `calendar_out_of_range` when an extra rest or
 *   working day lies outside the covered range.
 */
export function createWorkingDayCalendar(options: CalendarOptions = {}): WorkingDayCalendar {
  const data = calendarData as PackageCalendarData;
  const holidays = new Map<string, string>(Object.entries(data.holidays).map(([date, entry]) => [date, holidayNameOf(entry)]));
  const adjustedWorkingDays = new Map<string, string>(
    Object.entries(data.workdays).map(([date, entry]) => [date, holidayNameOf(entry)]),
  );
  const years = [...holidays.keys(), ...adjustedWorkingDays.keys()].map((date) => Number(date.slice(0, 4)));
  const firstYear = Math.min(...years);
  let lastYear = Math.max(...years);

  for (const [index, supplement] of (options.supplementaryYears ?? []).entries()) {
    const field = `supplementaryYears[${index}]`;
    if (supplement.year !== lastYear + 1) {
      throw new AppError(
        'validation_failed',
        `${field}.year must be ${lastYear + 1} (the year after the calendar's last covered year ${lastYear}), got ${supplement.year}`,
        { field: `${field}.year`, value: supplement.year },
      );
    }
    const name = `supplement ${supplement.source}`;
    for (const [list, target] of [
      ['restDays', holidays],
      ['workingDays', adjustedWorkingDays],
    ] as const) {
      for (const date of assertDates(supplement[list], `${field}.${list}`)) {
        if (calendarDateParts(date).year !== supplement.year) {
          throw new AppError('validation_failed', `${field}.${list} holds ${date}, outside the year ${supplement.year}`, {
            field: `${field}.${list}`,
            value: date,
          });
        }
        target.set(date, name);
      }
    }
    lastYear = supplement.year;
  }

  const coveredRange: CoveredRange = {
    first: `${firstYear}-01-01` as CalendarDate,
    last: `${lastYear}-12-31` as CalendarDate,
  };
  const assertCovered = (date: CalendarDate) => {
    if (!isCalendarDate(date)) {
      throw new AppError('validation_failed', `date must be a real date written YYYY-MM-DD, got ${JSON.stringify(date)}`, {
        value: date,
      });
    }
    if (date < coveredRange.first || date > coveredRange.last) {
      throw new AppError(
        'calendar_out_of_range',
        `${date} is outside the working-day calendar, which covers ${coveredRange.first} to ${coveredRange.last} ` +
          '(chinese-days data plus supplementary years); update chinese-days or add the State Council schedule for that year',
        { date, coveredRange },
      );
    }
  };

  const extraRestDays = new Set(assertDates(options.extraRestDays ?? [], 'extraRestDays'));
  const extraWorkingDays = new Set(assertDates(options.extraWorkingDays ?? [], 'extraWorkingDays'));
  for (const date of extraRestDays) {
    assertCovered(date);
    if (extraWorkingDays.has(date)) {
      throw new AppError('validation_failed', `${date} is listed both as an extra rest day and as an extra working day`, {
        field: 'extraRestDays',
        value: date,
      });
    }
  }
  for (const date of extraWorkingDays) assertCovered(date);

  return {
    coveredRange,
    describeDay(date) {
      assertCovered(date);
      if (extraRestDays.has(date)) return { date, isWorkingDay: false, kind: 'organisation_rest_day' };
      if (extraWorkingDays.has(date)) return { date, isWorkingDay: true, kind: 'organisation_working_day' };
      const adjusted = adjustedWorkingDays.get(date);
      if (adjusted !== undefined) return { date, isWorkingDay: true, kind: 'adjusted_working_day', holidayName: adjusted };
      const holiday = holidays.get(date);
      if (holiday !== undefined) return { date, isWorkingDay: false, kind: 'statutory_holiday', holidayName: holiday };
      const weekday = dayOfWeek(date);
      return weekday === 0 || weekday === 6
        ? { date, isWorkingDay: false, kind: 'weekend' }
        : { date, isWorkingDay: true, kind: 'weekday' };
    },
  };
}

/** The statutory calendar of mainland China without organisation additions. */
export const chinaWorkingDayCalendar: WorkingDayCalendar = createWorkingDayCalendar();

/**
 * Whether `date` is a working day in China: an adjusted working day, or Monday-Friday and not a
 * statutory holiday (organisation additions applied when `calendar` has them).
 * @throws AppError `calendar_out_of_range` when the date is outside the calendar's data.
 */
export function isWorkingDay(date: CalendarDate, calendar: WorkingDayCalendar = chinaWorkingDayCalendar): boolean {
  return calendar.describeDay(date).isWorkingDay;
}

/**
 * The `workingDays`-th working day after `date` (before it when negative); `date` itself is not
 * counted (Civil Code art. 201), so it may be a rest day. 0 returns `date` unchanged.
 * Example: `addWorkingDays('2025-09-30', 1)` is `2025-10-09` (National Day 2025-10-01..08).
 * @throws AppError `validation_failed` when `workingDays` is not a whole number;
 *   `calendar_out_of_range` when the walk leaves the calendar's data (the message names the date).
 */
export function addWorkingDays(
  date: CalendarDate,
  workingDays: number,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): CalendarDate {
  if (!Number.isInteger(workingDays)) {
    throw new AppError('validation_failed', `workingDays must be a whole number, got ${workingDays}`, { workingDays });
  }
  calendar.describeDay(date);
  const step = workingDays < 0 ? -1 : 1;
  let remaining = Math.abs(workingDays);
  let current = date;
  while (remaining > 0) {
    current = addNaturalDays(current, step);
    if (calendar.describeDay(current).isWorkingDay) remaining -= 1;
  }
  return current;
}

/**
 * Working days in the half-open interval (a, b]: `a` not counted, `b` counted when it is a working
 * day. Negative (minus the count in (b, a]) when `b` is before `a`. Inverse of
 * {@link addWorkingDays}: `workingDaysBetween(a, addWorkingDays(a, n)) === n` for n >= 0, and for
 * n < 0 when `a` is a working day.
 * Example: 2025-09-30 → 2025-10-09 is 1.
 * @throws AppError `calendar_out_of_range` when a day in between is outside the calendar's data.
 */
export function workingDaysBetween(
  a: CalendarDate,
  b: CalendarDate,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): number {
  if (b < a) return 0 - workingDaysBetween(b, a, calendar) || 0;
  calendar.describeDay(a);
  calendar.describeDay(b);
  let count = 0;
  const span = naturalDaysBetween(a, b);
  for (let offset = 1; offset <= span; offset += 1) {
    if (calendar.describeDay(addNaturalDays(a, offset)).isWorkingDay) count += 1;
  }
  return count;
}

/**
 * The first working day on or after `date` (the date itself when it is one). Used where an act on
 * a rest day takes effect on the next working day (a filing received on Saturday counts from Monday).
 * @throws AppError `calendar_out_of_range` outside the calendar's data.
 */
export function nextWorkingDayOnOrAfter(
  date: CalendarDate,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): CalendarDate {
  return calendar.describeDay(date).isWorkingDay ? date : addWorkingDays(date, 1, calendar);
}
