/**
 * R7: the evaluation plan 评价计划 is filed with the guidance body at least N working days before
 * the first session (Hunan 5, Shenzhen 10; default 10, the strictest).
 *
 * Reading used (strict, documented so the UI can explain it):
 * - a filing made on a rest day counts as received on the next working day;
 * - the filing day is not counted (Civil Code art. 201) and neither is the session day: N whole
 *   working days must lie strictly between the day the filing is received and the first session.
 * So with filing received on day F, the earliest session is the day after the N-th working day
 * after F (sessions may be held on any day, including rest days), and for a session on day S the
 * latest filing date is the (N+1)-th working day before S.
 */
import { AppError } from '../../errors';
import { addNaturalDays, type CalendarDate } from '../calendar/calendar-date';
import {
  addWorkingDays,
  chinaWorkingDayCalendar,
  nextWorkingDayOnOrAfter,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '../calendar/working-days';

/** R7 default lead time: 10 working days (Shenzhen, 002 part 2 §3(1)); Hunan asks 5 (003 §5(4)). */
export const defaultPlanLeadTimeWorkingDays = 10;

/** Input of {@link checkPlanLeadTime}. */
export interface PlanLeadTimeInput {
  /** Day the plan is (or will be) filed with the guidance body. */
  filingDate: CalendarDate;
  /** Day of the batch's first session. */
  firstSessionDate: CalendarDate;
  /** Required lead time in working days (whole number >= 1); default 10. */
  leadTimeWorkingDays?: number;
  /** Calendar to count in; default the statutory calendar (the guidance body's working days). */
  calendar?: WorkingDayCalendar;
}

/** Result of a passing {@link checkPlanLeadTime}. */
export interface PlanLeadTimeResult {
  ok: true;
  ruleId: 'R7';
  /** Working days strictly between the day the filing is received and the first session. */
  leadWorkingDays: number;
  requiredWorkingDays: number;
  earliestSessionDate: CalendarDate;
  latestFilingDate: CalendarDate;
}

function assertLeadTime(leadTimeWorkingDays: number): void {
  if (!Number.isInteger(leadTimeWorkingDays) || leadTimeWorkingDays < 1) {
    throw new AppError(
      'validation_failed',
      `leadTimeWorkingDays must be a whole number of working days >= 1, got ${leadTimeWorkingDays}`,
      { field: 'leadTimeWorkingDays', value: leadTimeWorkingDays },
    );
  }
}

/**
 * R7: the earliest first-session date allowed for a plan filed on `filingDate`: the day after the
 * `leadTimeWorkingDays`-th working day after the day the filing is received.
 * @throws AppError `validation_failed` for a lead time that is not a whole number >= 1;
 *   `calendar_out_of_range` when the count leaves the calendar's data.
 */
export function earliestSessionDate(
  filingDate: CalendarDate,
  leadTimeWorkingDays: number = defaultPlanLeadTimeWorkingDays,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): CalendarDate {
  assertLeadTime(leadTimeWorkingDays);
  const receivedDate = nextWorkingDayOnOrAfter(filingDate, calendar);
  return addNaturalDays(addWorkingDays(receivedDate, leadTimeWorkingDays, calendar), 1);
}

/**
 * R7: the latest date (always a working day) on which the plan for a first session on
 * `firstSessionDate` may be filed: the (`leadTimeWorkingDays` + 1)-th working day before it.
 * @throws AppError `validation_failed` for a lead time that is not a whole number >= 1;
 *   `calendar_out_of_range` when the count leaves the calendar's data.
 */
export function latestFilingDate(
  firstSessionDate: CalendarDate,
  leadTimeWorkingDays: number = defaultPlanLeadTimeWorkingDays,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): CalendarDate {
  assertLeadTime(leadTimeWorkingDays);
  return addWorkingDays(firstSessionDate, -(leadTimeWorkingDays + 1), calendar);
}

/**
 * R7: checks that a plan filed on `filingDate` leaves at least `leadTimeWorkingDays` (default 10)
 * working days before `firstSessionDate`.
 * @returns the lead actually left and both limit dates when the lead time is met.
 * @throws AppError `lead_time_violation` when it is not; details `{ ruleId: 'R7', filingDate,
 *   receivedDate, firstSessionDate, requiredWorkingDays, leadWorkingDays, earliestSessionDate,
 *   latestFilingDate }`. AppError `validation_failed` for a bad lead time;
 *   `calendar_out_of_range` for dates outside the calendar's data.
 */
export function checkPlanLeadTime(input: PlanLeadTimeInput): PlanLeadTimeResult {
  const { filingDate, firstSessionDate } = input;
  const requiredWorkingDays = input.leadTimeWorkingDays ?? defaultPlanLeadTimeWorkingDays;
  const calendar = input.calendar ?? chinaWorkingDayCalendar;
  assertLeadTime(requiredWorkingDays);

  const receivedDate = nextWorkingDayOnOrAfter(filingDate, calendar);
  const earliest = earliestSessionDate(filingDate, requiredWorkingDays, calendar);
  const latest = latestFilingDate(firstSessionDate, requiredWorkingDays, calendar);
  const leadWorkingDays =
    firstSessionDate > receivedDate ? workingDaysBetween(receivedDate, addNaturalDays(firstSessionDate, -1), calendar) : 0;

  if (firstSessionDate < earliest) {
    throw new AppError(
      'lead_time_violation',
      `R7: the plan filed on ${filingDate} leaves ${leadWorkingDays} working days before the first session on ` +
        `${firstSessionDate}; ${requiredWorkingDays} are required. Hold the first session on or after ${earliest}, ` +
        `or file by ${latest}.`,
      {
        ruleId: 'R7',
        filingDate,
        receivedDate,
        firstSessionDate,
        requiredWorkingDays,
        leadWorkingDays,
        earliestSessionDate: earliest,
        latestFilingDate: latest,
      },
    );
  }
  return {
    ok: true,
    ruleId: 'R7',
    leadWorkingDays,
    requiredWorkingDays,
    earliestSessionDate: earliest,
    latestFilingDate: latest,
  };
}
