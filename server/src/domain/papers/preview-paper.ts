/**
 * Paper preview JSON for bank roles (R17): every slot with the pinned item version's content and
 * answer key. Each preview is audited as access to confidential bank content.
 */
import { recordAudit } from '../audit/record-audit';
import { describeScope } from '../bank/require-scope';
import type { ItemContent } from '../bank/item.model';
import type { Actor } from '../identity/actor';
import { loadPaperContent } from './load-paper-content';
import { presentPaper, type PaperView } from './paper-library.presenter';

/** A paper preview. */
export interface PaperPreview {
  paper: PaperView;
  scope: string;
  items: { number: number; itemId: string; version: number; type: string; points: number; knowledgePoint?: string; contentHash: string; content: ItemContent }[];
}

/**
 * The paper with content and keys; audits `paper.previewed`.
 * @throws AppError `not_found`.
 */
export async function previewPaper(options: { paperId: string; actor: Actor }): Promise<PaperPreview> {
  const { paper, scope, slots } = await loadPaperContent({ paperId: options.paperId, organisationId: options.actor.organisationId });
  await recordAudit({ actor: options.actor, action: 'paper.previewed', target: { kind: 'paper', id: options.paperId, label: paper.code } });
  return {
    paper: presentPaper(paper),
    scope: describeScope(scope),
    items: slots.map((entry) => ({
      number: entry.number,
      itemId: String(entry.slot.itemId),
      version: entry.slot.version,
      type: entry.slot.type,
      points: entry.slot.points,
      ...(entry.slot.knowledgePoint ? { knowledgePoint: entry.slot.knowledgePoint } : {}),
      contentHash: entry.contentHash,
      content: entry.content,
    })),
  };
}
