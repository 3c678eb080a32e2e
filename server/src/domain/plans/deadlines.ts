/**
 * Batch deadlines counted in working days (R7, R11, R12, R13) and the warnings shown as they near.
 *
 * Every period follows the Civil Code art. 201 convention of the calendar module: the day that
 * starts a period is not counted, so "start + N working days" is the N-th working day after start.
 * Defaults are the strictest of the seed documents (REGULATIONS.md); an organisation may set its own
 * numbers through {@link DeadlineSettings}.
 *
 * Which calendar: government-facing deadlines (R7 filing, R12 results, R13 certificate data) run on
 * the guidance body's working days, i.e. the statutory calendar (the default). The internal
 * publication 公示 (R11) may use the organisation's calendar with its own rest days.
 */
import { AppError } from '../../errors';
import { addNaturalDays, type CalendarDate, naturalDaysBetween } from '../calendar/calendar-date';
import {
  addWorkingDays,
  chinaWorkingDayCalendar,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '../calendar/working-days';
import { defaultPlanLeadTimeWorkingDays, latestFilingDate } from './lead-time';

/** Rule ids whose deadlines this module computes. */
export type DeadlineRuleId = 'R7' | 'R11' | 'R12' | 'R13';

/** What a deadline is about. */
export type DeadlineKind = 'plan_filing' | 'publication_end' | 'results_submission' | 'certificate_data';

/**
 * `due_by`: the act must happen on or before `date` (filing, submissions).
 * `not_before`: the period must not end before `date` (publication runs at least until then).
 */
export type DeadlineDirection = 'due_by' | 'not_before';

/** One computed deadline. */
export interface Deadline {
  ruleId: DeadlineRuleId;
  kind: DeadlineKind;
  direction: DeadlineDirection;
  date: CalendarDate;
  /** English description naming the rule's numbers, e.g. "Results to the guidance body within 15 working days after publication ends". */
  description: string;
}

/** Unit of a day count: working days 工作日 or natural days 自然日. */
export type DayUnit = 'working' | 'natural';

/** Per-organisation deadline settings; see {@link defaultDeadlineSettings}. */
export interface DeadlineSettings {
  /** R7: plan filed >= this many working days before the first session. */
  planLeadTimeWorkingDays: number;
  /** R11: publication lasts >= `length` days of `unit`. */
  publicationPeriod: { length: number; unit: DayUnit };
  /** R12: results to the guidance body within this many working days after publication ends. */
  resultsSubmissionWorkingDays: number;
  /** R13: certificate data reported within this many working days from the issue date. */
  certificateDataWorkingDays: number;
}

/**
 * Strictest defaults: R7 10 working days (Shenzhen; Hunan 5), R11 5 working days (Jiangmen; Hunan 5
 * natural days, Shenzhen 5 days, template 3 days), R12 15 working days (Shenzhen; Jiangmen and Hunan
 * 20), R13 30 working days (Jiangmen).
 */
export const defaultDeadlineSettings: DeadlineSettings = Object.freeze({
  planLeadTimeWorkingDays: defaultPlanLeadTimeWorkingDays,
  publicationPeriod: Object.freeze({ length: 5, unit: 'working' as const }),
  resultsSubmissionWorkingDays: 15,
  certificateDataWorkingDays: 30,
});

function assertDayCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new AppError('validation_failed', `${field} must be a whole number of days >= 1, got ${value}`, { field, value });
  }
}

/**
 * R7: the latest date to file the evaluation plan for a first session on `firstSessionDate`
 * (the (N+1)-th working day before it; see lead-time.ts).
 * @throws AppError `validation_failed` for a bad day count; `calendar_out_of_range` outside the data.
 */
export function computePlanFilingDeadline(
  firstSessionDate: CalendarDate,
  leadTimeWorkingDays: number = defaultDeadlineSettings.planLeadTimeWorkingDays,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): Deadline {
  return {
    ruleId: 'R7',
    kind: 'plan_filing',
    direction: 'due_by',
    date: latestFilingDate(firstSessionDate, leadTimeWorkingDays, calendar),
    description: `Evaluation plan filed with the guidance body at least ${leadTimeWorkingDays} working days before the first session on ${firstSessionDate}`,
  };
}

/**
 * R11: the earliest day the publication 公示 of results started on `publicationStartDate` may end:
 * start + `length` working days, or start + `length` natural days when `unit` is `natural`.
 * @throws AppError `validation_failed` for a bad length; `calendar_out_of_range` outside the data.
 */
export function computePublicationEnd(
  publicationStartDate: CalendarDate,
  period: DeadlineSettings['publicationPeriod'] = defaultDeadlineSettings.publicationPeriod,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): Deadline {
  assertDayCount(period.length, 'publicationPeriod.length');
  const unitName = period.unit === 'working' ? 'working' : 'natural';
  return {
    ruleId: 'R11',
    kind: 'publication_end',
    direction: 'not_before',
    date:
      period.unit === 'working'
        ? addWorkingDays(publicationStartDate, period.length, calendar)
        : addNaturalDays(publicationStartDate, period.length),
    description: `Results published inside the enterprise for at least ${period.length} ${unitName} days from ${publicationStartDate}`,
  };
}

/**
 * R12: the last day to submit results to the guidance body: publication end + N working days
 * (default 15).
 * @throws AppError `validation_failed` for a bad day count; `calendar_out_of_range` outside the data.
 */
export function computeResultsSubmissionDeadline(
  publicationEndDate: CalendarDate,
  workingDays: number = defaultDeadlineSettings.resultsSubmissionWorkingDays,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): Deadline {
  assertDayCount(workingDays, 'resultsSubmissionWorkingDays');
  return {
    ruleId: 'R12',
    kind: 'results_submission',
    direction: 'due_by',
    date: addWorkingDays(publicationEndDate, workingDays, calendar),
    description: `Results submitted to the guidance body within ${workingDays} working days after publication ends on ${publicationEndDate}`,
  };
}

/**
 * R13: the last day to report certificate data: issue date + N working days (default 30).
 * @throws AppError `validation_failed` for a bad day count; `calendar_out_of_range` outside the data.
 */
export function computeCertificateDataDeadline(
  issueDate: CalendarDate,
  workingDays: number = defaultDeadlineSettings.certificateDataWorkingDays,
  calendar: WorkingDayCalendar = chinaWorkingDayCalendar,
): Deadline {
  assertDayCount(workingDays, 'certificateDataWorkingDays');
  return {
    ruleId: 'R13',
    kind: 'certificate_data',
    direction: 'due_by',
    date: addWorkingDays(issueDate, workingDays, calendar),
    description: `Certificate data reported within ${workingDays} working days from the issue date ${issueDate}`,
  };
}

/** How close a `due_by` deadline is. */
export type DeadlineWarningLevel = 'approaching' | 'due_today' | 'overdue';

/** A warning about one open deadline. */
export interface DeadlineWarning {
  ruleId: DeadlineRuleId;
  kind: DeadlineKind;
  date: CalendarDate;
  level: DeadlineWarningLevel;
  /** Working days in (today, date]; 0 on the day; negative (working days late) when overdue. */
  workingDaysLeft: number;
  message: string;
}

/** Options of {@link deadlineWarnings}. */
export interface DeadlineWarningOptions {
  /** Warn when this many working days or fewer are left; default 3. */
  approachingWithinWorkingDays?: number;
  calendar?: WorkingDayCalendar;
}

/**
 * Warnings for open `due_by` deadlines (R7, R12, R13) as of `today`: `approaching` when 1 to
 * `approachingWithinWorkingDays` (default 3) working days are left, `due_today` on the day, `overdue`
 * after it. `not_before` deadlines (R11 publication end) never warn. Pass only deadlines whose act is
 * still outstanding. Sorted by date, earliest first.
 * @throws AppError `calendar_out_of_range` when today or a deadline is outside the calendar's data.
 */
export function deadlineWarnings(
  today: CalendarDate,
  deadlines: readonly Deadline[],
  options: DeadlineWarningOptions = {},
): DeadlineWarning[] {
  const within = options.approachingWithinWorkingDays ?? 3;
  const calendar = options.calendar ?? chinaWorkingDayCalendar;
  const warnings: DeadlineWarning[] = [];
  for (const deadline of deadlines) {
    if (deadline.direction !== 'due_by') continue;
    const workingDaysLeft = workingDaysBetween(today, deadline.date, calendar);
    const base = { ruleId: deadline.ruleId, kind: deadline.kind, date: deadline.date, workingDaysLeft };
    if (deadline.date < today) {
      const daysLate = naturalDaysBetween(deadline.date, today);
      warnings.push({
        ...base,
        level: 'overdue',
        message: `${deadline.ruleId} overdue since ${deadline.date} (${daysLate} day${daysLate === 1 ? '' : 's'} late): ${deadline.description}`,
      });
    } else if (deadline.date === today) {
      warnings.push({ ...base, level: 'due_today', message: `${deadline.ruleId} due today (${deadline.date}): ${deadline.description}` });
    } else if (workingDaysLeft <= within) {
      warnings.push({
        ...base,
        level: 'approaching',
        message: `${deadline.ruleId} due ${deadline.date}, ${workingDaysLeft} working day${workingDaysLeft === 1 ? '' : 's'} left: ${deadline.description}`,
      });
    }
  }
  return warnings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
