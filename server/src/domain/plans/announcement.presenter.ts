/**
 * Plain JSON of an announcement: the frozen page once published, else the page derived now.
 */
import type { AnnouncementRecord } from './announcement.model';
import type { AnnouncementPage, AnnouncementView } from './plans.contracts';

/** Presents an announcement; `draftPage` is the live page of a draft (ignored once published). */
export function presentAnnouncement(announcement: AnnouncementRecord, draftPage: AnnouncementPage | undefined): AnnouncementView {
  const published = announcement.status === 'published' ? announcement.published : undefined;
  return {
    id: String(announcement._id),
    batchId: String(announcement.batchId),
    status: announcement.status,
    page: published ? published.page : draftPage!,
    ...(published
      ? { publishedAt: new Date(published.publishedAt).toISOString(), contentHash: published.contentHash }
      : {}),
    createdAt: new Date(announcement.createdAt).toISOString(),
    updatedAt: new Date(announcement.updatedAt).toISOString(),
  };
}
