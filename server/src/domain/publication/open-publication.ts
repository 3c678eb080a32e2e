/**
 * Opens the publication 公示 of a batch's results (R11).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { type CalendarDate, calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { AnnouncementModel } from '../plans/announcement.model';
import { BatchModel, type BatchStatus } from '../plans/batch.model';
import { computePublicationEnd } from '../plans/deadlines';
import { loadBatch } from '../plans/load-batch';
import { loadPlanOrganisation, loadWorkingDayCalendar } from '../plans/load-plan-settings';
import { ResultModel } from '../scoring/result.model';
import type { OpenPublicationRequest } from './publication.contracts';
import { PublicationModel, type PublicationContact, type PublicationRecord } from './publication.model';
import { runInTransaction } from '../../db/run-in-transaction';

/** Batch statuses from which a publication may open: results scored and approved, not yet published. */
export const publishableBatchStatuses: readonly BatchStatus[] = ['scoring', 'results_approved'];

function copyContacts(contacts: readonly PublicationContact[]): PublicationContact[] {
  return contacts.map((contact) => ({
    name: contact.name,
    ...(contact.department ? { department: contact.department } : {}),
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(contact.email ? { email: contact.email } : {}),
  }));
}

/**
 * Opens the publication of batch `batchId` (R11): every result of the batch must have been approved
 * by the evaluation committee (status `approved`); they become `published`. The period runs from
 * `startDate` (default today in China, never in the future, never before the last approval) for the
 * organisation's `publicationWorkingDays` on its working-day calendar, so holidays such as National
 * Day lengthen it. Complaint and re-scoring channels come from the request or, when absent, from the
 * batch announcement's contacts. Sets batch status `published` and milestone `publicationStartDate`;
 * audits `publication.opened`.
 *
 * @param options.today the current China date (tests); default from the clock.
 * @throws AppError `not_found` (batch); `conflict` when already opened or the batch status does not
 *   allow it; `precondition_failed` when the batch has no results or some are not approved;
 *   `validation_failed` for a start date in the future or before the approval, or when no channel
 *   contacts are given and the announcement has none; `calendar_out_of_range` when the period runs
 *   past the calendar data (add the supplementary year).
 */
export async function openPublication(options: {
  actor: Actor;
  batchId: string;
  request: OpenPublicationRequest;
  today?: CalendarDate;
}): Promise<PublicationRecord> {
  const { actor, request } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  if (await PublicationModel.exists({ batchId: batch._id })) {
    throw new AppError('conflict', `Batch ${batch.code}: the publication is already opened`, { batchId: String(batch._id) });
  }
  if (!publishableBatchStatuses.includes(batch.status)) {
    throw new AppError('conflict', `Batch ${batch.code} is ${batch.status}; the publication opens only after scoring (status ${publishableBatchStatuses.join(' or ')})`, {
      batchId: String(batch._id),
      status: batch.status,
    });
  }
  const results = await ResultModel.find({ batchId: batch._id }, { status: 1, approvedAt: 1 }).lean();
  if (results.length === 0) {
    throw new AppError('precondition_failed', `Batch ${batch.code} has no results to publish`, { batchId: String(batch._id) });
  }
  const notApproved = results.filter((result) => result.status !== 'approved');
  if (notApproved.length > 0) {
    throw new AppError(
      'precondition_failed',
      `Batch ${batch.code}: ${notApproved.length} of ${results.length} results are not approved by the evaluation committee; approve all results before the publication (R11)`,
      { notApprovedResultIds: notApproved.map((result) => String(result._id)) },
    );
  }
  const today = options.today ?? calendarDateInChina(new Date());
  const startDate = request.startDate ? parseCalendarDate(request.startDate, 'startDate') : today;
  if (startDate > today) {
    throw new AppError('validation_failed', `startDate ${startDate} is in the future (today is ${today}); open the publication on its first day`, {
      field: 'startDate',
    });
  }
  const lastApproval = results
    .map((result) => (result.approvedAt ? calendarDateInChina(new Date(result.approvedAt)) : undefined))
    .filter((date): date is CalendarDate => Boolean(date))
    .sort()
    .at(-1);
  if (lastApproval && startDate < lastApproval) {
    throw new AppError('validation_failed', `startDate ${startDate} is before the committee's approval on ${lastApproval}`, { field: 'startDate' });
  }

  const organisation = await loadPlanOrganisation(actor.organisationId);
  const calendar = await loadWorkingDayCalendar(actor.organisationId);
  const periodWorkingDays = organisation.jurisdiction.publicationWorkingDays;
  const earliestEnd = computePublicationEnd(startDate, { length: periodWorkingDays, unit: 'working' }, calendar);

  let channels: PublicationRecord['channels'];
  if (request.complaintContacts && request.rescoringContacts) {
    channels = { complaint: copyContacts(request.complaintContacts), rescoring: copyContacts(request.rescoringContacts), source: 'request' };
  } else {
    const announcement = await AnnouncementModel.findOne({ batchId: batch._id }).lean();
    const announced = copyContacts(announcement?.published?.page.contacts ?? announcement?.fields.contacts ?? []);
    if (announced.length === 0 && !(request.complaintContacts ?? request.rescoringContacts)) {
      throw new AppError(
        'validation_failed',
        'complaintContacts: the notice must state the complaint and re-scoring channels (R11); give complaintContacts and rescoringContacts or add contacts to the announcement',
        { field: 'complaintContacts' },
      );
    }
    channels = {
      complaint: request.complaintContacts ? copyContacts(request.complaintContacts) : announced,
      rescoring: request.rescoringContacts ? copyContacts(request.rescoringContacts) : announced,
      source: request.complaintContacts || request.rescoringContacts ? 'request' : 'announcement',
    };
    if (channels.complaint.length === 0 || channels.rescoring.length === 0) {
      throw new AppError('validation_failed', `${channels.complaint.length === 0 ? 'complaintContacts' : 'rescoringContacts'}: no contact for this channel (R11)`, {
        field: channels.complaint.length === 0 ? 'complaintContacts' : 'rescoringContacts',
      });
    }
  }

  const publicationId = new Types.ObjectId();
  const openedAt = new Date();
  await runInTransaction(async (session) => {
    await PublicationModel.create(
      [
        {
          _id: publicationId,
          organisationId: batch.organisationId,
          batchId: batch._id,
          status: 'open',
          startDate,
          periodWorkingDays,
          earliestEndDate: earliestEnd.date,
          channels,
          ...(request.remarks ? { remarks: request.remarks } : {}),
          openedBy: new Types.ObjectId(actor.userId),
          openedAt,
        },
      ],
      { session },
    );
    const published = await ResultModel.updateMany({ batchId: batch._id, status: 'approved' }, { $set: { status: 'published' } }, { session });
    if (published.modifiedCount !== results.length) {
      throw new AppError('conflict', `Batch ${batch.code}: results changed while opening the publication; try again`);
    }
    const batchUpdate = await BatchModel.updateOne(
      { _id: batch._id, status: { $in: publishableBatchStatuses } },
      { $set: { status: 'published', 'milestones.publicationStartDate': startDate } },
      { session },
    );
    if (batchUpdate.modifiedCount !== 1) throw new AppError('conflict', `Batch ${batch.code} changed while opening the publication; try again`);
    await recordAudit(
      {
        actor,
        action: 'publication.opened',
        target: { kind: 'batch', id: String(batch._id), label: batch.code },
        payload: {
          publicationId: String(publicationId),
          startDate,
          periodWorkingDays,
          earliestEndDate: earliestEnd.date,
          resultCount: results.length,
          channelSource: channels.source,
        },
      },
      session,
    );
  });
  const created = await PublicationModel.findById(publicationId).lean<PublicationRecord>();
  if (!created) throw new AppError('internal', 'publication vanished after opening');
  return created;
}
