/**
 * Closes the publication 公示 of a batch (R11): results locked, notice frozen, R12 counting starts.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { type CalendarDate, calendarDateInChina } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { BatchModel } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import { ResultModel } from '../scoring/result.model';
import { buildPublicationNoticeRows, hashNoticeRows, loadBatchResults } from './build-publication-notice';
import { loadPublication } from './get-publication';
import { ObjectionModel } from './objection.model';
import { PublicationModel, type PublicationRecord } from './publication.model';
import { buildNoticeHtml } from './render-publication-notice';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * Closes the publication of batch `batchId` (R11). Refused while an objection is open and before the
 * earliest end date (start + the organisation's working days). Closing records today as the last day
 * (`endDate`, batch milestone `publicationEndDate`, from which R12 counts), locks every result
 * (`published` → `locked`), freezes the notice (rows, HTML, sha256) for the archive (R16), sets the
 * batch status `closed` and audits `publication.closed`.
 *
 * @param options.today the current China date (tests); default from the clock.
 * @throws AppError `not_found` (batch or publication); `conflict` when already closed or an objection
 *   is open (details list them); `precondition_failed` before the earliest end date.
 */
export async function closePublication(options: { actor: Actor; batchId: string; today?: CalendarDate }): Promise<PublicationRecord> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  const publication = await loadPublication(batch);
  if (publication.status !== 'open') {
    throw new AppError('conflict', `Batch ${batch.code}: the publication is already closed (last day ${publication.endDate})`);
  }
  const openObjections = await ObjectionModel.find({ batchId: batch._id, status: 'open' }, { _id: 1, kind: 1, resultId: 1 }).lean();
  if (openObjections.length > 0) {
    throw new AppError(
      'conflict',
      `Batch ${batch.code}: ${openObjections.length} objection(s) are still open; the evaluation committee must decide them before the publication closes (R11)`,
      { openObjectionIds: openObjections.map((objection) => String(objection._id)) },
    );
  }
  const today = options.today ?? calendarDateInChina(new Date());
  if (today < publication.earliestEndDate) {
    throw new AppError(
      'precondition_failed',
      `Batch ${batch.code}: the publication runs at least ${publication.periodWorkingDays} working days from ${publication.startDate}; it may close on ${publication.earliestEndDate} at the earliest (today is ${today}) (R11)`,
      { earliestEndDate: publication.earliestEndDate, today },
    );
  }
  const results = await loadBatchResults(batch._id);
  const rows = await buildPublicationNoticeRows(batch, results);
  const contentHash = hashNoticeRows(rows);
  const closedPublication: PublicationRecord = { ...publication, status: 'closed', endDate: today };
  const html = await buildNoticeHtml(batch, closedPublication, rows, contentHash);
  const closedAt = new Date();
  await runInTransaction(async (session) => {
    const stillOpen = await ObjectionModel.exists({ batchId: batch._id, status: 'open' }).session(session);
    if (stillOpen) throw new AppError('conflict', `Batch ${batch.code}: an objection was filed meanwhile; decide it first (R11)`);
    const closed = await PublicationModel.updateOne(
      { _id: publication._id, status: 'open' },
      {
        $set: {
          status: 'closed',
          endDate: today,
          closedBy: new Types.ObjectId(actor.userId),
          closedAt,
          finalNotice: { rows, html, contentHash, frozenAt: closedAt },
        },
      },
      { session },
    );
    if (closed.modifiedCount !== 1) throw new AppError('conflict', `Batch ${batch.code}: the publication was closed meanwhile`);
    const locked = await ResultModel.updateMany({ batchId: batch._id, status: 'published' }, { $set: { status: 'locked' } }, { session });
    await BatchModel.updateOne(
      { _id: batch._id },
      { $set: { status: 'closed', 'milestones.publicationEndDate': today } },
      { session },
    );
    await recordAudit(
      {
        actor,
        action: 'publication.closed',
        target: { kind: 'batch', id: String(batch._id), label: batch.code },
        payload: {
          publicationId: String(publication._id),
          startDate: publication.startDate,
          endDate: today,
          lockedResultCount: locked.modifiedCount,
          noticeContentHash: contentHash,
        },
      },
      session,
    );
  });
  return (await PublicationModel.findById(publication._id).lean<PublicationRecord>())!;
}
