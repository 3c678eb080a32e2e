/**
 * The publication notice 公示 as HTML and PDF (R11; R16 keeps the frozen one).
 */
import type { RenderPool } from '../../render/render-pool';
import { buildPublicationNoticeHtml, publicationNoticePdfOptions } from '../../render/templates/publication-notice';
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import type { BatchRecord } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import { currentNoticeRows, loadPublication } from './get-publication';
import type { PublicationNoticeRow, PublicationRecord } from './publication.model';

/** HTML of the notice of `publication` with `rows` (R11); `contentHash` printed when given. */
export async function buildNoticeHtml(
  batch: Pick<BatchRecord, 'organisationId' | 'code' | 'name'>,
  publication: PublicationRecord,
  rows: readonly PublicationNoticeRow[],
  contentHash?: string,
): Promise<string> {
  const organisation = await OrganisationModel.findById(batch.organisationId, { name: 1 }).lean();
  return buildPublicationNoticeHtml({
    organisationName: organisation?.name ?? '',
    batchCode: batch.code,
    batchName: batch.name,
    startDate: publication.startDate,
    earliestEndDate: publication.earliestEndDate,
    periodWorkingDays: publication.periodWorkingDays,
    rows,
    complaintContacts: publication.channels.complaint,
    rescoringContacts: publication.channels.rescoring,
    ...(publication.remarks ? { remarks: publication.remarks } : {}),
    ...(contentHash ? { contentHash } : {}),
  });
}

/**
 * The notice of batch `batchId` as a PDF: the frozen notice once closed, the results as they stand
 * while open (R11).
 * @throws AppError `not_found` (batch or publication); `browser_unavailable` without a browser.
 */
export async function renderPublicationNoticePdf(options: {
  actor: Actor;
  batchId: string;
  renderPool: RenderPool;
}): Promise<{ pdf: Buffer; fileName: string }> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  const publication = await loadPublication(batch);
  const html =
    publication.status === 'closed' && publication.finalNotice
      ? publication.finalNotice.html
      : await buildNoticeHtml(batch, publication, await currentNoticeRows(batch, publication));
  const pdf = await options.renderPool.renderPdf({ html, pdfOptions: { ...publicationNoticePdfOptions } });
  return { pdf, fileName: `publication-notice-${batch.code}.pdf`.replace(/[^\w.\-\u4e00-\u9fff]+/g, '_') };
}
