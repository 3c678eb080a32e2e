/**
 * Edits the planner's fields of a draft announcement (R8); a published one never changes.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { AnnouncementModel, type AnnouncementRecord } from './announcement.model';
import { presentAnnouncement } from './announcement.presenter';
import { buildDraftPage, loadVisibleAnnouncement } from './get-announcement';
import type { AnnouncementFields, AnnouncementView, UpdateAnnouncementRequest } from './plans.contracts';

/**
 * Merges `request` into the draft's fields and audits `announcement.updated`.
 * @throws AppError `not_found`; `conflict` when the announcement is published (immutable, R16).
 */
export async function updateAnnouncement(options: {
  announcementId: string;
  request: UpdateAnnouncementRequest;
  actor: Actor;
}): Promise<AnnouncementView> {
  const { actor, request } = options;
  const current = await loadVisibleAnnouncement(actor, options.announcementId);
  const immutable = () =>
    new AppError('conflict', `Announcement ${options.announcementId} is published and cannot change; its archived version is final`, {
      announcementId: options.announcementId,
    });
  if (current.status !== 'draft') throw immutable();
  const fields: AnnouncementFields = { ...(current.fields as AnnouncementFields) };
  for (const [key, value] of Object.entries(request)) {
    if (value !== undefined) (fields as Record<string, unknown>)[key] = value;
  }
  const updated = await AnnouncementModel.findOneAndUpdate(
    { _id: current._id, status: 'draft' },
    { $set: { fields, updatedBy: new Types.ObjectId(actor.userId) } },
    { returnDocument: 'after' },
  ).lean<AnnouncementRecord>();
  if (!updated) throw immutable();
  await recordAudit({
    actor,
    action: 'announcement.updated',
    target: { kind: 'announcement', id: String(updated._id), label: fields.title },
    payload: { changes: request },
  });
  return presentAnnouncement(updated, await buildDraftPage(updated));
}
