/**
 * Print-ready PDF of a paper through the render pool: teacher copy with keys or candidate copy
 * without (R3, R17). Every print is audited (`paper.printed`) with the copy type.
 */
import { recordAudit } from '../audit/record-audit';
import { OrganisationModel } from '../identity/organisation.model';
import type { Actor } from '../identity/actor';
import type { RenderPool } from '../../render/render-pool';
import { loadPaperContent } from './load-paper-content';
import { buildPaperHtml, type PaperCopy } from './paper-html';

/** PDF options of paper prints: A4 with page numbers in the footer. */
export const paperPdfOptions = {
  format: 'A4' as const,
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: true,
  headerTemplate: '<div></div>',
  footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
};

/**
 * Renders one copy of the paper to PDF bytes and audits the print.
 * @returns file name (`<code>-teacher.pdf` / `<code>-candidate.pdf`) and bytes
 * @throws AppError `not_found` (paper), `browser_unavailable` (no Chromium).
 */
export async function renderPaperPdf(options: { paperId: string; copy: PaperCopy; actor: Actor; renderPool: RenderPool }): Promise<{ fileName: string; data: Buffer }> {
  const { paperId, copy, actor } = options;
  const content = await loadPaperContent({ paperId, organisationId: actor.organisationId, withImages: true });
  const organisation = await OrganisationModel.findById(actor.organisationId, { name: 1 }).lean();
  const html = buildPaperHtml(content, copy, organisation?.name ?? '');
  const data = await options.renderPool.renderPdf({ html, pdfOptions: paperPdfOptions });
  await recordAudit({
    actor,
    action: 'paper.printed',
    target: { kind: 'paper', id: paperId, label: content.paper.code },
    payload: { copy, bytes: data.length },
  });
  return { fileName: `${content.paper.code}-${copy}.pdf`, data };
}
