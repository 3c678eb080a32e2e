/**
 * Reads announcements (R8): published ones for every employee of the organisation, drafts only for
 * planners (administrators, exam administrators, supervisors).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { hasAnyRole, type Actor } from '../identity/actor';
import { AnnouncementModel, type AnnouncementRecord } from './announcement.model';
import { presentAnnouncement } from './announcement.presenter';
import { buildAnnouncementPage } from './build-announcement-page';
import { loadBatch } from './load-batch';
import { loadPlanOrganisation } from './load-plan-settings';
import type { AnnouncementFields, AnnouncementPage, AnnouncementView } from './plans.contracts';

/** Roles that see draft announcements. */
export const announcementPlannerRoles = ['admin', 'exam_admin', 'supervisor'] as const;

/** The live page of a draft announcement (derived from the batch now). */
export async function buildDraftPage(announcement: Pick<AnnouncementRecord, 'organisationId' | 'batchId' | 'fields'>): Promise<AnnouncementPage> {
  const organisationId = String(announcement.organisationId);
  const [batch, organisation] = await Promise.all([loadBatch(organisationId, String(announcement.batchId)), loadPlanOrganisation(organisationId)]);
  return buildAnnouncementPage({ batch, organisationName: organisation.name, fields: announcement.fields as AnnouncementFields });
}

/**
 * The stored announcement `announcementId` visible to `actor`.
 * @throws AppError `not_found` when missing, of another organisation, or a draft the actor may not see.
 */
export async function loadVisibleAnnouncement(actor: Actor, announcementId: string): Promise<AnnouncementRecord> {
  const missing = new AppError('not_found', `Announcement ${announcementId} does not exist`);
  if (!Types.ObjectId.isValid(announcementId)) throw missing;
  const announcement = await AnnouncementModel.findOne({
    _id: new Types.ObjectId(announcementId),
    organisationId: new Types.ObjectId(actor.organisationId),
  }).lean();
  if (!announcement) throw missing;
  if (announcement.status !== 'published' && !hasAnyRole(actor, announcementPlannerRoles)) throw missing;
  return announcement;
}

/**
 * One announcement with its page JSON (the frozen page once published).
 * @throws AppError `not_found` as {@link loadVisibleAnnouncement}.
 */
export async function getAnnouncement(options: { actor: Actor; announcementId: string }): Promise<AnnouncementView> {
  const announcement = await loadVisibleAnnouncement(options.actor, options.announcementId);
  return presentAnnouncement(announcement, announcement.status === 'published' ? undefined : await buildDraftPage(announcement));
}

/** Announcements of the actor's organisation, newest first: published ones, plus drafts for planners. */
export async function listAnnouncements(options: { actor: Actor }): Promise<{ announcements: AnnouncementView[] }> {
  const { actor } = options;
  const filter: Record<string, unknown> = { organisationId: new Types.ObjectId(actor.organisationId) };
  if (!hasAnyRole(actor, announcementPlannerRoles)) filter.status = 'published';
  const announcements = await AnnouncementModel.find(filter).sort({ createdAt: -1 }).limit(200).lean();
  const views: AnnouncementView[] = [];
  for (const announcement of announcements) {
    views.push(presentAnnouncement(announcement, announcement.status === 'published' ? undefined : await buildDraftPage(announcement)));
  }
  return { announcements: views };
}
