/**
 * Pure rules of the organisation settings screens (calendar setting and enterprise units): date
 * lists without duplicates, unit names without blanks or duplicates, the next supplementary year
 * and the mapping of a server error onto the field it names. No React, so it is unit-tested in Node.
 */
import { readErrorDetails } from '../../api/error-details';
import type { OrganisationCalendarView, SupplementaryYearInput } from './plans-types';

/** A calendar date `YYYY-MM-DD` (the value of an `<input type="date">`). */
const calendarDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Why a date cannot be added to a list: none given, already listed, or listed on the opposite list. */
export type DateProblem = 'empty' | 'invalid' | 'duplicate' | 'conflict';

/**
 * Adds `date` to `dates` (kept sorted). Refused when it is empty or not `YYYY-MM-DD`, already in
 * `dates`, or in `oppositeDates` (a day cannot be both a rest day and a working day, R7/R11-R13
 * working-day counting).
 * @returns the new sorted list, or the problem.
 */
export function addDate(dates: readonly string[], date: string, oppositeDates: readonly string[] = []): { dates: string[] } | { problem: DateProblem } {
  const value = date.trim();
  if (value === '') return { problem: 'empty' };
  if (!calendarDatePattern.test(value)) return { problem: 'invalid' };
  if (dates.includes(value)) return { problem: 'duplicate' };
  if (oppositeDates.includes(value)) return { problem: 'conflict' };
  return { dates: [...dates, value].sort() };
}

/** A problem of one enterprise unit name: blank, or the same as the (0-based) row `duplicateOf`. */
export type UnitNameProblem = { kind: 'empty' } | { kind: 'duplicate'; duplicateOf: number };

/**
 * R9: checks the enterprise unit names row by row (names compared after trimming): a blank name,
 * or a name already used by an earlier row, is a problem of that row.
 * @returns one entry per row, null when the row is fine.
 */
export function checkUnitNames(names: readonly string[]): (UnitNameProblem | null)[] {
  const firstRowOf = new Map<string, number>();
  return names.map((name, index) => {
    const trimmed = name.trim();
    if (trimmed === '') return { kind: 'empty' };
    const earlier = firstRowOf.get(trimmed);
    if (earlier !== undefined) return { kind: 'duplicate', duplicateOf: earlier };
    firstRowOf.set(trimmed, index);
    return null;
  });
}

/**
 * The year a new supplementary year should have: the year after the last one in `draftYears`, or,
 * with none, the year after the holiday data's own last year (the covered range's last year minus
 * the stored supplementary years, which always follow the data year by year).
 */
export function nextSupplementaryYear(calendar: Pick<OrganisationCalendarView, 'coveredRange' | 'supplementaryYears'>, draftYears: readonly Pick<SupplementaryYearInput, 'year'>[]): number {
  if (draftYears.length > 0) return Math.max(...draftYears.map((entry) => entry.year)) + 1;
  return Number(calendar.coveredRange.last.slice(0, 4)) - calendar.supplementaryYears.length + 1;
}

/**
 * A field name in one dotted form: the request-body prefix dropped and brackets turned into dots,
 * so `body.supplementaryYears.0.restDays.2` and `supplementaryYears[0].restDays` compare.
 */
export function normaliseFieldPath(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '')
    .replace(/^\./, '');
}

/** One server problem placed on a field of the form (dotted, see {@link normaliseFieldPath}). */
export interface PlacedProblem {
  field: string;
  message: string;
}

/**
 * Places the problems of a failed save on the fields they name: zod issues (`details.issues`,
 * `body.extraRestDays.0`), a use-case error naming one field (`details.field`,
 * `supplementaryYears[0].year`), and `calendar_out_of_range` (`details.date`), which goes to the
 * field `placeDate` finds the date in.
 * @returns the problems with a field; errors naming none give an empty list (the error box shows them).
 */
export function placeServerProblems(
  error: { code?: string; message?: string; details?: unknown } | null | undefined,
  placeDate: (date: string) => string | undefined = () => undefined,
): PlacedProblem[] {
  if (!error) return [];
  const issues = readErrorDetails(error.details).issues;
  if (issues.length > 0) return issues.map((issue) => ({ field: normaliseFieldPath(issue.field), message: issue.message }));
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  const message = error.message ?? '';
  if (typeof details.field === 'string') return [{ field: normaliseFieldPath(details.field), message }];
  if (typeof details.date === 'string') {
    const field = placeDate(details.date);
    if (field) return [{ field, message }];
  }
  return [];
}

/** The first message placed on `field` or on a field below it (`extraRestDays` finds `extraRestDays.3`). */
export function problemAt(problems: readonly PlacedProblem[], field: string): string | undefined {
  return problems.find((problem) => problem.field === field || problem.field.startsWith(`${field}.`))?.message;
}

/**
 * Where a date of a calendar setting is listed, as a field name: `extraRestDays`,
 * `extraWorkingDays` or `supplementaryYears.<index>.restDays|workingDays`; undefined when nowhere.
 */
export function calendarFieldOfDate(setting: Pick<OrganisationCalendarView, 'extraRestDays' | 'extraWorkingDays' | 'supplementaryYears'>, date: string): string | undefined {
  if (setting.extraRestDays.includes(date)) return 'extraRestDays';
  if (setting.extraWorkingDays.includes(date)) return 'extraWorkingDays';
  for (const [index, entry] of setting.supplementaryYears.entries()) {
    if (entry.restDays.includes(date)) return `supplementaryYears.${index}.restDays`;
    if (entry.workingDays.includes(date)) return `supplementaryYears.${index}.workingDays`;
  }
  return undefined;
}
