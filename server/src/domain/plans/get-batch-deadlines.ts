/**
 * A batch's deadlines on the organisation's calendar — R7 plan filing, R11 publication end, R12
 * results submission, R13 certificate data — and the warnings due as of a day.
 */
import { AppError } from '../../errors';
import { type CalendarDate, calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import type { WorkingDayCalendar } from '../calendar/working-days';
import {
  computeCertificateDataDeadline,
  computePlanFilingDeadline,
  computePublicationEnd,
  computeResultsSubmissionDeadline,
  type Deadline,
  deadlineWarnings,
} from './deadlines';
import { firstSessionDate, loadBatch } from './load-batch';
import { loadPlanOrganisation, loadWorkingDayCalendar } from './load-plan-settings';
import type { BatchDeadlinesView } from './plans.contracts';

type DeadlineRow = BatchDeadlinesView['deadlines'][number];

function attempt(compute: () => Deadline, calendar: WorkingDayCalendar): { deadline?: Deadline; problem?: string } {
  try {
    return { deadline: compute() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'calendar_out_of_range') {
      return {
        problem: `${error.message} (calendar covers ${calendar.coveredRange.first} to ${calendar.coveredRange.last}; add the supplementary year)`,
      };
    }
    throw error;
  }
}

/**
 * The deadlines of a batch with the open ones' warnings as of `asOf` (default today in China).
 * A deadline whose starting event has not happened (no session, no publication, no certificate
 * issue) has `date: null` and `pendingOn`; so has one past the calendar's data (with the reason).
 * Counting uses the organisation's calendar and its jurisdiction settings (R7, R11, R12, R13).
 * @throws AppError `not_found`; `validation_failed` for a malformed `asOf`; `calendar_out_of_range`
 *   when `asOf` itself is outside the calendar.
 */
export async function getBatchDeadlines(options: { organisationId: string; batchId: string; asOf?: string }): Promise<BatchDeadlinesView> {
  const batch = await loadBatch(options.organisationId, options.batchId);
  const asOf: CalendarDate = options.asOf ? parseCalendarDate(options.asOf, 'asOf') : calendarDateInChina(new Date());
  const { jurisdiction } = await loadPlanOrganisation(options.organisationId);
  const calendar = await loadWorkingDayCalendar(options.organisationId);
  const milestones = batch.milestones ?? {};
  const rows: DeadlineRow[] = [];
  const open: Deadline[] = [];

  const add = (
    base: { ruleId: DeadlineRow['ruleId']; kind: string; direction: DeadlineRow['direction']; description: string },
    from: string | undefined,
    pendingOn: string,
    compute: (from: CalendarDate) => Deadline,
    isDone: boolean,
  ): Deadline | undefined => {
    if (!from) {
      rows.push({ ...base, date: null, isDone, pendingOn });
      return undefined;
    }
    const { deadline, problem } = attempt(() => compute(parseCalendarDate(from)), calendar);
    if (!deadline) {
      rows.push({ ...base, date: null, isDone, pendingOn: problem });
      return undefined;
    }
    rows.push({ ruleId: deadline.ruleId, kind: deadline.kind, direction: deadline.direction, date: deadline.date, description: deadline.description, isDone });
    if (!isDone) open.push(deadline);
    return deadline;
  };

  add(
    { ruleId: 'R7', kind: 'plan_filing', direction: 'due_by', description: `Evaluation plan filed at least ${jurisdiction.planLeadTimeWorkingDays} working days before the first session` },
    firstSessionDate(batch),
    'the first session date (schedule the sessions)',
    (first) => computePlanFilingDeadline(first, Math.max(1, jurisdiction.planLeadTimeWorkingDays), calendar),
    Boolean(batch.filingDate),
  );
  const publication = add(
    { ruleId: 'R11', kind: 'publication_end', direction: 'not_before', description: `Results published for at least ${jurisdiction.publicationWorkingDays} working days` },
    milestones.publicationStartDate,
    'the start of the results publication (公示)',
    (start) => computePublicationEnd(start, { length: jurisdiction.publicationWorkingDays, unit: 'working' }, calendar),
    Boolean(milestones.publicationEndDate),
  );
  add(
    { ruleId: 'R12', kind: 'results_submission', direction: 'due_by', description: `Results submitted within ${jurisdiction.resultsSubmissionWorkingDays} working days after publication ends` },
    milestones.publicationEndDate ?? publication?.date,
    'the end of the results publication (公示)',
    (end) => computeResultsSubmissionDeadline(end, jurisdiction.resultsSubmissionWorkingDays, calendar),
    Boolean(milestones.resultsSubmittedDate),
  );
  add(
    { ruleId: 'R13', kind: 'certificate_data', direction: 'due_by', description: `Certificate data reported within ${jurisdiction.certificateDataWorkingDays} working days from the issue date` },
    milestones.certificateIssueDate,
    'the certificate issue date',
    (issue) => computeCertificateDataDeadline(issue, jurisdiction.certificateDataWorkingDays, calendar),
    Boolean(milestones.certificateDataReportedDate),
  );

  const warnings = deadlineWarnings(asOf, open, { calendar });
  return {
    batchId: String(batch._id),
    asOf,
    deadlines: rows,
    warnings: warnings.map((warning) => ({ ...warning })),
  };
}
