/**
 * Calendar dates without a time of day (R7, R11-R13 count days, not instants).
 *
 * A {@link CalendarDate} is a branded `YYYY-MM-DD` string naming a day on the calendar of mainland
 * China (Asia/Shanghai). It carries no time zone and no time of day, so no arithmetic on it can slip
 * a day when the server runs in another zone: all arithmetic here goes through `Date.UTC` and the
 * `getUTC…` getters, never the local ones. Turn an instant (a `Date`, a timestamp) into a
 * CalendarDate only with {@link calendarDateInChina}; turn text into one only with
 * {@link parseCalendarDate}. Compare CalendarDates as strings or with {@link compareCalendarDates}
 * (the fixed-width ISO form sorts chronologically).
 */
import { AppError } from '../../errors';

declare const calendarDateBrand: unique symbol;

/** A day on the calendar of mainland China as `YYYY-MM-DD`; see the module comment. */
export type CalendarDate = string & { readonly [calendarDateBrand]: true };

/** Day of the week of a calendar date: 0 Sunday, 1 Monday … 6 Saturday. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The time zone every calendar date refers to. */
export const chinaTimeZone = 'Asia/Shanghai';

const millisecondsPerDay = 86_400_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function toEpochDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / millisecondsPerDay;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/**
 * Whether `value` is a real calendar date written `YYYY-MM-DD` (e.g. `2025-02-29` is not).
 * Years 1000-9999 only.
 */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  return year >= 1000 && isRealDate(year, Number(match[2]), Number(match[3]));
}

/**
 * Parses `YYYY-MM-DD` text into a {@link CalendarDate}.
 * @param value the text; surrounding whitespace is ignored.
 * @param field name of the field for the error message (e.g. `firstSessionDate`).
 * @throws AppError `validation_failed` naming the field and the value when it is not a real date in
 *   that form.
 */
export function parseCalendarDate(value: string, field = 'date'): CalendarDate {
  const trimmed = typeof value === 'string' ? value.trim() : value;
  if (!isCalendarDate(trimmed)) {
    throw new AppError('validation_failed', `${field} must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      field,
      value,
    });
  }
  return trimmed;
}

/**
 * Builds a {@link CalendarDate} from year, month (1-12) and day (1-31).
 * @throws AppError `validation_failed` when the three numbers do not name a real date.
 */
export function calendarDateFromParts(year: number, month: number, day: number): CalendarDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseCalendarDate(text);
}

/** Year, month (1-12) and day of a calendar date. */
export function calendarDateParts(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function epochDayOf(date: CalendarDate): number {
  const { year, month, day } = calendarDateParts(date);
  return toEpochDay(year, month, day);
}

function fromEpochDay(epochDay: number): CalendarDate {
  return new Date(epochDay * millisecondsPerDay).toISOString().slice(0, 10) as CalendarDate;
}

/**
 * The calendar date in China (Asia/Shanghai) at an instant, e.g. `2025-09-30T16:30:00Z` → `2025-10-01`.
 * Use it for "today": `calendarDateInChina(new Date())`.
 */
export function calendarDateInChina(instant: Date): CalendarDate {
  if (Number.isNaN(instant.getTime())) {
    throw new AppError('validation_failed', 'instant must be a valid Date, got an invalid Date');
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: chinaTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}` as CalendarDate;
}

/** Negative when `a` is before `b`, 0 when equal, positive when after. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Day of the week of a calendar date (0 Sunday … 6 Saturday), independent of the server's zone. */
export function dayOfWeek(date: CalendarDate): DayOfWeek {
  return new Date(epochDayOf(date) * millisecondsPerDay).getUTCDay() as DayOfWeek;
}

function assertWholeNumber(value: number, name: string): void {
  if (!Number.isInteger(value)) {
    throw new AppError('validation_failed', `${name} must be a whole number of days, got ${value}`, { [name]: value });
  }
}

/**
 * The date `days` natural (calendar) days after `date` (before it when negative).
 * @throws AppError `validation_failed` when `days` is not a whole number.
 */
export function addNaturalDays(date: CalendarDate, days: number): CalendarDate {
  assertWholeNumber(days, 'days');
  return fromEpochDay(epochDayOf(date) + days);
}

/** Natural days from `a` to `b`: positive when `b` is later, e.g. 2025-10-01 → 2025-10-08 is 7. */
export function naturalDaysBetween(a: CalendarDate, b: CalendarDate): number {
  return epochDayOf(b) - epochDayOf(a);
}

/**
 * The same day `years` years later (earlier when negative); 29 February becomes 28 February in a
 * common year. Used for anniversaries: age, years since a certificate or a hire date.
 */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  assertWholeNumber(years, 'years');
  const { year, month, day } = calendarDateParts(date);
  const targetYear = year + years;
  const lastDay = new Date(Date.UTC(targetYear, month, 0)).getUTCDate();
  return fromEpochDay(toEpochDay(targetYear, month, Math.min(day, lastDay)));
}

/**
 * Whole years from `from` to `to` (completed anniversaries), e.g. 2000-03-01 → 2016-02-29 is 15,
 * → 2016-03-01 is 16. Negative when `to` is before `from`.
 */
export function wholeYearsBetween(from: CalendarDate, to: CalendarDate): number {
  if (to < from) return -wholeYearsBetween(to, from);
  const start = calendarDateParts(from);
  const end = calendarDateParts(to);
  let years = end.year - start.year;
  if (addYears(from, years) > to) years -= 1;
  return years;
}
