/**
 * Records that the results went to the guidance body (R12), which ends the R12 deadline warnings.
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { type CalendarDate, calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { BatchModel } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import { loadPublication } from './get-publication';

/**
 * Records the day the results of batch `batchId` were submitted to the guidance body (R12): batch
 * milestone `resultsSubmittedDate`. Audits `results.submitted`.
 * @throws AppError `not_found`; `conflict` while the publication is still open; `validation_failed`
 *   for a day before the publication's last day or in the future.
 */
export async function recordResultsSubmission(options: {
  actor: Actor;
  batchId: string;
  submittedOn: string;
  today?: CalendarDate;
}): Promise<{ batchId: string; resultsSubmittedDate: string }> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  const publication = await loadPublication(batch);
  if (publication.status !== 'closed' || !publication.endDate) {
    throw new AppError('conflict', `Batch ${batch.code}: results are submitted after the publication closes (R12)`);
  }
  const submittedOn = parseCalendarDate(options.submittedOn, 'submittedOn');
  const today = options.today ?? calendarDateInChina(new Date());
  if (submittedOn < publication.endDate || submittedOn > today) {
    throw new AppError('validation_failed', `submittedOn ${submittedOn} must lie between the publication's last day ${publication.endDate} and today ${today}`, {
      field: 'submittedOn',
    });
  }
  await BatchModel.updateOne({ _id: batch._id }, { $set: { 'milestones.resultsSubmittedDate': submittedOn } });
  await recordAudit({
    actor: options.actor,
    action: 'results.submitted',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: { submittedOn },
  });
  return { batchId: String(batch._id), resultsSubmittedDate: submittedOn };
}
