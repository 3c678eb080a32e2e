/**
 * Day-by-day view of the organisation's working-day calendar (R7, R11-R13), for the planner's
 * date pickers: which days are working days and why.
 */
import { AppError } from '../../errors';
import { addNaturalDays, naturalDaysBetween, parseCalendarDate } from '../calendar/calendar-date';
import type { DayDetail } from '../calendar/working-days';
import { loadWorkingDayCalendar } from './load-plan-settings';

/** Most days one request may describe. */
export const maximumDescribedDays = 366;

/**
 * Every day from `from` to `to` inclusive with its status on the organisation's calendar.
 * @throws AppError `validation_failed` when `to` is before `from` or the span exceeds 366 days;
 *   `calendar_out_of_range` when a day is outside the calendar's data.
 */
export async function describeCalendarDays(options: { organisationId: string; from: string; to: string }): Promise<DayDetail[]> {
  const from = parseCalendarDate(options.from, 'from');
  const to = parseCalendarDate(options.to, 'to');
  const span = naturalDaysBetween(from, to);
  if (span < 0) throw new AppError('validation_failed', `to (${to}) is before from (${from})`, { field: 'to' });
  if (span + 1 > maximumDescribedDays) {
    throw new AppError('validation_failed', `from ${from} to ${to} spans ${span + 1} days; at most ${maximumDescribedDays} per request`, { field: 'to' });
  }
  const calendar = await loadWorkingDayCalendar(options.organisationId);
  const days: DayDetail[] = [];
  for (let offset = 0; offset <= span; offset += 1) days.push(calendar.describeDay(addNaturalDays(from, offset)));
  return days;
}
