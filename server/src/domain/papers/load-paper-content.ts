/**
 * A paper with the pinned content of every slot (the item versions it was drawn with, R3), for the
 * preview and the printed copies. Contains answer keys: callers restrict it to bank roles.
 */
import type { ItemContent } from '../bank/item.model';
import { ItemVersionModel, type ItemVersionRecord } from '../bank/item-version.model';
import { ItemImageModel, type ItemImageRecord } from '../bank/item-image.model';
import { requireScope } from '../bank/require-scope';
import { AppError } from '../../errors';
import type { BankScopeRecord } from '../bank/bank-scope.model';
import type { PaperRecord, PaperSlot } from './paper.model';
import { requirePaper } from './require-paper';

/** A slot with its pinned content. */
export interface PaperContentSlot {
  /** 1-based number on the paper. */
  number: number;
  slot: PaperSlot;
  content: ItemContent;
  contentHash: string;
}

/** A paper with content. */
export interface PaperContent {
  paper: PaperRecord;
  scope: BankScopeRecord;
  slots: PaperContentSlot[];
  /** Pictures referenced by the content: image id → data URL. */
  images: Map<string, string>;
}

/**
 * Loads the paper and the item versions its slots pin.
 * @throws AppError `not_found` (paper), `internal` when a pinned version is missing (data corruption).
 */
export async function loadPaperContent(options: { paperId: string; organisationId: string; withImages?: boolean }): Promise<PaperContent> {
  const paper = await requirePaper(options.organisationId, options.paperId);
  const scope = await requireScope(options.organisationId, String(paper.scopeId));
  const versions = await ItemVersionModel.find({ itemId: { $in: paper.slots.map((slot) => slot.itemId) } }).lean<ItemVersionRecord[]>();
  const byKey = new Map(versions.map((version) => [`${String(version.itemId)}:${version.version}`, version]));
  const slots = paper.slots.map((slot, index) => {
    const version = byKey.get(`${String(slot.itemId)}:${slot.version}`);
    if (!version) throw new AppError('internal', `paper ${paper.code}: item ${String(slot.itemId)} version ${slot.version} is missing`);
    return { number: index + 1, slot, content: version.content, contentHash: version.contentHash };
  });
  const images = new Map<string, string>();
  if (options.withImages) {
    const ids = [...new Set(slots.flatMap((entry) => (entry.content.kind === 'theory' ? (entry.content.images ?? []) : [])))];
    if (ids.length > 0) {
      const stored = await ItemImageModel.find({ organisationId: options.organisationId, imageId: { $in: ids } }).lean<ItemImageRecord[]>();
      for (const image of stored) {
        const data = Buffer.isBuffer(image.data) ? image.data : Buffer.from((image.data as unknown as { buffer: ArrayBuffer }).buffer);
        images.set(image.imageId, `data:${image.contentType};base64,${data.toString('base64')}`);
      }
    }
  }
  return { paper, scope, slots, images };
}
