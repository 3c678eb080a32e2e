/**
 * The announcement as a PDF (R8): the archived HTML once published, the live draft otherwise.
 */
import type { RenderPool } from '../../render/render-pool';
import { announcementPdfOptions, buildAnnouncementHtml } from '../../render/templates/announcement';
import type { Actor } from '../identity/actor';
import { buildDraftPage, loadVisibleAnnouncement } from './get-announcement';

/**
 * PDF bytes of the announcement and a file name.
 * @throws AppError `not_found` as `loadVisibleAnnouncement`; `browser_unavailable` without a browser.
 */
export async function renderAnnouncementPdf(options: {
  actor: Actor;
  announcementId: string;
  renderPool: RenderPool;
}): Promise<{ pdf: Buffer; fileName: string }> {
  const announcement = await loadVisibleAnnouncement(options.actor, options.announcementId);
  const html =
    announcement.status === 'published' && announcement.published
      ? announcement.published.html
      : buildAnnouncementHtml(await buildDraftPage(announcement));
  const pdf = await options.renderPool.renderPdf({ html, pdfOptions: { ...announcementPdfOptions } });
  return { pdf, fileName: `announcement-${String(announcement._id)}.pdf` };
}
