/**
 * Creates the draft announcement 评价公告 of a batch (R8); one per batch.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { AnnouncementModel, type AnnouncementRecord } from './announcement.model';
import { presentAnnouncement } from './announcement.presenter';
import { BatchModel } from './batch.model';
import { buildDraftPage } from './get-announcement';
import { assertBatchStatus, loadBatch } from './load-batch';
import type { AnnouncementView, CreateAnnouncementRequest } from './plans.contracts';

/**
 * Creates the draft announcement of a batch (draft, filed or announced) with the planner's fields,
 * links it to the batch and audits `announcement.created`.
 * @throws AppError `not_found`; `conflict` when the batch is past planning; `duplicate` when the
 *   batch already has an announcement.
 */
export async function createAnnouncement(options: { batchId: string; request: CreateAnnouncementRequest; actor: Actor }): Promise<AnnouncementView> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['draft', 'filed', 'announced'], 'writing the announcement');
  if (await AnnouncementModel.exists({ batchId: batch._id })) {
    throw new AppError('duplicate', `Batch ${batch.code} already has an announcement; edit it instead`, { batchId: String(batch._id) });
  }
  const userId = new Types.ObjectId(actor.userId);
  const created = await AnnouncementModel.create({
    organisationId: batch.organisationId,
    batchId: batch._id,
    status: 'draft',
    fields: options.request,
    createdBy: userId,
    updatedBy: userId,
  });
  const announcement = created.toObject() as AnnouncementRecord;
  await BatchModel.updateOne({ _id: batch._id }, { $set: { announcementId: announcement._id } });
  await recordAudit({
    actor,
    action: 'announcement.created',
    target: { kind: 'announcement', id: String(announcement._id), label: options.request.title },
    payload: { batchId: String(batch._id), fields: options.request },
  });
  return presentAnnouncement(announcement, await buildDraftPage(announcement));
}
