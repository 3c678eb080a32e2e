/**
 * Publishes an announcement 评价公告 (R8) and archives it (R16): the page derived from the batch
 * now, its HTML and the sha256 of its canonical JSON are frozen; nothing of it changes afterwards.
 */
import { Types } from 'mongoose';
import { buildAnnouncementHtml } from '../../render/templates/announcement';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { sha256Hex, toCanonicalJson } from '../audit/canonical-json';
import { calendarDateInChina } from '../calendar/calendar-date';
import { AnnouncementModel, type AnnouncementRecord } from './announcement.model';
import { presentAnnouncement } from './announcement.presenter';
import { BatchModel } from './batch.model';
import { buildDraftPage, loadVisibleAnnouncement } from './get-announcement';
import { loadBatch } from './load-batch';
import type { AnnouncementPage, AnnouncementView } from './plans.contracts';

/** sha256 (hex) of the canonical JSON of an announcement page: the archive's content hash (R16). */
export function hashAnnouncementPage(page: AnnouncementPage): string {
  return sha256Hex(toCanonicalJson(page));
}

/**
 * Publishes a draft announcement: the batch must have scopes and sessions (R8 states time and
 * place). Stores page, HTML and hash, moves a `filed` batch to `announced`, and audits
 * `announcement.published` with the hash.
 * @throws AppError `not_found`; `conflict` when already published; `precondition_failed` when the
 *   batch has no sessions or the application period closes after the first session.
 */
export async function publishAnnouncement(options: { announcementId: string; actor: Actor }): Promise<AnnouncementView> {
  const { actor } = options;
  const current = await loadVisibleAnnouncement(actor, options.announcementId);
  if (current.status !== 'draft') {
    throw new AppError('conflict', `Announcement ${options.announcementId} is already published`, { announcementId: options.announcementId });
  }
  const batch = await loadBatch(actor.organisationId, String(current.batchId));
  if (batch.sessions.length === 0) {
    throw new AppError('precondition_failed', `R8: batch ${batch.code} has no sessions; the announcement must state time and place`, { ruleId: 'R8' });
  }
  const page = await buildDraftPage(current);
  const firstSession = page.schedule[0]?.date;
  if (page.applicationPeriod && firstSession && page.applicationPeriod.closesOn >= firstSession) {
    throw new AppError(
      'precondition_failed',
      `applicationPeriod.closesOn ${page.applicationPeriod.closesOn} must be before the first session on ${firstSession}`,
      { field: 'applicationPeriod.closesOn' },
    );
  }
  const contentHash = hashAnnouncementPage(page);
  const publishedAt = new Date();
  const html = buildAnnouncementHtml(page, { publishedOn: calendarDateInChina(publishedAt), contentHash });
  const updated = await AnnouncementModel.findOneAndUpdate(
    { _id: current._id, status: 'draft' },
    {
      $set: {
        status: 'published',
        published: { page, html, contentHash, publishedAt, publishedBy: new Types.ObjectId(actor.userId) },
        updatedBy: new Types.ObjectId(actor.userId),
      },
    },
    { returnDocument: 'after' },
  ).lean<AnnouncementRecord>();
  if (!updated) throw new AppError('conflict', `Announcement ${options.announcementId} is already published`, { announcementId: options.announcementId });
  await BatchModel.updateOne({ _id: batch._id, status: 'filed' }, { $set: { status: 'announced' } });
  await recordAudit({
    actor,
    action: 'announcement.published',
    target: { kind: 'announcement', id: String(updated._id), label: page.title },
    payload: { batchId: String(batch._id), contentHash, publishedAt: publishedAt.toISOString() },
  });
  return presentAnnouncement(updated, undefined);
}
