/**
 * Files the evaluation plan 评价计划 of a batch with the guidance body, which schedules the batch:
 * complete components (R4), staff (R6), lead time (R7) on the organisation's calendar, and the
 * bank readiness gate of every scope (R1).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import { PaperLibraryModel } from '../papers/paper-library.model';
import { BatchModel, type BatchRecord } from './batch.model';
import { presentBatch } from './batch.presenter';
import { findMissingComponents } from './batch-warnings';
import { assertRoomProctors, checkBatchStaff } from './batch-staff';
import { checkPlanLeadTime, type PlanLeadTimeResult } from './lead-time';
import { assertBatchStatus, firstSessionDate, loadBatch } from './load-batch';
import { loadPlanOrganisation, loadWorkingDayCalendar } from './load-plan-settings';
import { assertBatchScopesReady } from './plan-readiness';
import type { BatchView, FileBatchPlanRequest } from './plans.contracts';

/** Answer of a filing: the filed batch and the R7 lead-time figures. */
export interface FiledBatchPlan {
  batch: BatchView;
  leadTime: PlanLeadTimeResult | null;
}

/**
 * Files a draft batch's plan on `filingDate` (default today in China) and audits `batch.filed`.
 * Checks, in order: the filing date is not in the future; the batch has sessions and every
 * component (R4: theory and practical per scope, review for levels 2/1 in promotion); staff (R6:
 * at least one exam administrator, assessor and supervisor, no conflicts, grades cover the
 * levels, proctors are exam administrators); the lead time (R7: the organisation's
 * `planLeadTimeWorkingDays` on its calendar); the bank readiness of every scope (R1).
 * Then records the filing date, the active paper libraries (R3) and status `filed`.
 * @throws AppError `not_found`; `conflict` when not a draft; `validation_failed` for a future
 *   filing date; `precondition_failed` listing missing sessions or roles; `role_conflict` /
 *   `assessor_not_qualified` (R6); `lead_time_violation` with the earliest allowed session date
 *   and the latest filing date (R7); `calendar_out_of_range` when a date is past the calendar's
 *   data; `readiness_failed` naming each scope and its shortfalls (R1).
 */
export async function fileBatchPlan(options: { batchId: string; request: FileBatchPlanRequest; actor: Actor }): Promise<FiledBatchPlan> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['draft'], 'filing the plan');
  const today = calendarDateInChina(new Date());
  const filingDate = options.request.filingDate ? parseCalendarDate(options.request.filingDate, 'filingDate') : today;
  if (filingDate > today) {
    throw new AppError('validation_failed', `filingDate: ${filingDate} is in the future (today is ${today}); record a filing once it is made`, {
      field: 'filingDate',
    });
  }

  const first = firstSessionDate(batch);
  if (!first) throw new AppError('precondition_failed', `Batch ${batch.code} has no sessions; schedule them before filing`, { missing: ['sessions'] });
  const missing = findMissingComponents(batch);
  if (missing.length > 0) {
    throw new AppError('precondition_failed', `Batch ${batch.code} cannot be filed: ${missing.join('; ')}`, { ruleId: 'R4', missing });
  }

  const staff = batch.staff.map((entry) => ({ userId: String(entry.userId), role: entry.role }));
  const { summary, names } = await checkBatchStaff({ organisationId: actor.organisationId, staff, levels: batch.scopes.map((scope) => scope.level) });
  if (summary.warnings.length > 0) {
    throw new AppError('precondition_failed', `Batch ${batch.code} cannot be filed: ${summary.warnings.join('; ')}`, {
      ruleId: 'R6',
      missing: summary.warnings,
    });
  }
  assertRoomProctors(batch.rooms, staff, names);

  const organisation = await loadPlanOrganisation(actor.organisationId);
  const calendar = await loadWorkingDayCalendar(actor.organisationId);
  const leadTimeWorkingDays = organisation.jurisdiction.planLeadTimeWorkingDays;
  const leadTime =
    leadTimeWorkingDays >= 1 ? checkPlanLeadTime({ filingDate, firstSessionDate: first, leadTimeWorkingDays, calendar }) : null;

  await assertBatchScopesReady(batch);

  const libraries = await PaperLibraryModel.find({
    scopeId: { $in: batch.scopes.map((scope) => scope.scopeId) },
    status: 'active',
  })
    .sort({ createdAt: -1 })
    .lean();
  const libraryOf = (scopeId: Types.ObjectId, kind: 'theory' | 'practical') =>
    libraries.find((library) => String(library.scopeId) === String(scopeId) && library.kind === kind)?._id;
  const scopes = batch.scopes.map((scope) => {
    const theoryLibraryId = libraryOf(scope.scopeId, 'theory');
    const practicalLibraryId = libraryOf(scope.scopeId, 'practical');
    return { ...scope, ...(theoryLibraryId ? { theoryLibraryId } : {}), ...(practicalLibraryId ? { practicalLibraryId } : {}) };
  });

  const updated = await BatchModel.findOneAndUpdate(
    { _id: batch._id, status: 'draft' },
    { $set: { status: 'filed', filingDate, scopes } },
    { returnDocument: 'after' },
  ).lean<BatchRecord>();
  if (!updated) throw new AppError('conflict', `Batch ${batch.code} was changed while filing; try again`, { batchId: String(batch._id) });
  await recordAudit({
    actor,
    action: 'batch.filed',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: {
      filingDate,
      firstSessionDate: first,
      leadTime,
      paperLibraries: scopes.map((scope) => ({
        scopeId: String(scope.scopeId),
        theoryLibraryId: scope.theoryLibraryId ? String(scope.theoryLibraryId) : null,
        practicalLibraryId: scope.practicalLibraryId ? String(scope.practicalLibraryId) : null,
      })),
    },
  });
  return { batch: presentBatch(updated, names), leadTime };
}
