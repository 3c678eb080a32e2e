/**
 * Plain JSON of items and item versions. Answer keys (`answer` of theory content) are included only
 * for the bank roles (R17); everyone else gets the content without them.
 */
import type { PracticalItem, TheoryItem } from '@skillcert/bank-tools/types';
import type { ItemContent, ItemRecord, ItemStatus } from './item.model';
import type { ItemVersionRecord } from './item-version.model';

/** Item content as presented: theory content may lack `answer`. */
export type PresentedContent = Omit<ItemContent, 'answer'> & { answer?: number[] };

/**
 * {@link PresentedContent} kind by kind, for readers of the JSON (the client's item editor and
 * preview): theory content whose `answer` (0-based option indexes) is present for the bank roles
 * only (R17), or practical content. `Omit` over the `ItemContent` union keeps only the keys both
 * kinds share, so `PresentedContent` cannot be narrowed on `kind`; this union can.
 */
export type PresentedItemContent = (Omit<TheoryItem, 'answer'> & { answer?: number[] }) | PracticalItem;

/** An item as the API shows it. */
export interface ItemView {
  id: string;
  scopeId: string;
  kind: 'theory' | 'practical';
  type?: 'single' | 'multiple' | 'judge';
  status: ItemStatus;
  version: number;
  content: PresentedContent;
  knowledgePoint?: string;
  clusterId?: string;
  distinctFrom: string[];
  measuredDifficulty?: number;
  authorId: string;
  lastEditedBy?: string;
  reviewerId?: string;
  reviewNote?: string;
  retiredReason?: string;
  mergedIntoId?: string;
  createdAt: string;
  updatedAt: string;
}

/** One version as the API shows it. */
export interface ItemVersionView {
  itemId: string;
  version: number;
  content: PresentedContent;
  contentHash: string;
  createdBy: string;
  createdAt: string;
}

/** Content without the answer key unless `canSeeAnswerKeys` (R17). */
export function presentContent(content: ItemContent, canSeeAnswerKeys: boolean): PresentedContent {
  if (canSeeAnswerKeys || content.kind !== 'theory') return content as PresentedContent;
  const { answer: _answer, ...rest } = content;
  return rest as PresentedContent;
}

/** Presents an item; `canSeeAnswerKeys` from `canSeeAnswerKeys(actor)`. */
export function presentItem(item: ItemRecord, canSeeAnswerKeys: boolean): ItemView {
  const optional = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
  return {
    id: String(item._id),
    scopeId: String(item.scopeId),
    kind: item.kind,
    ...(item.type ? { type: item.type } : {}),
    status: item.status,
    version: item.version,
    content: presentContent(item.current, canSeeAnswerKeys),
    ...(item.knowledgePoint ? { knowledgePoint: item.knowledgePoint } : {}),
    ...(item.clusterId ? { clusterId: item.clusterId } : {}),
    distinctFrom: (item.distinctFrom ?? []).map(String),
    ...(item.measuredDifficulty !== undefined ? { measuredDifficulty: item.measuredDifficulty } : {}),
    authorId: String(item.authorId),
    ...(item.lastEditedBy ? { lastEditedBy: optional(item.lastEditedBy) } : {}),
    ...(item.reviewerId ? { reviewerId: optional(item.reviewerId) } : {}),
    ...(item.reviewNote ? { reviewNote: item.reviewNote } : {}),
    ...(item.retiredReason ? { retiredReason: item.retiredReason } : {}),
    ...(item.mergedIntoId ? { mergedIntoId: optional(item.mergedIntoId) } : {}),
    createdAt: new Date(item.createdAt).toISOString(),
    updatedAt: new Date(item.updatedAt).toISOString(),
  };
}

/** Presents an item version (keys as for {@link presentItem}). */
export function presentItemVersion(version: ItemVersionRecord, canSeeAnswerKeys: boolean): ItemVersionView {
  return {
    itemId: String(version.itemId),
    version: version.version,
    content: presentContent(version.content, canSeeAnswerKeys),
    contentHash: version.contentHash,
    createdBy: String(version.createdBy),
    createdAt: new Date(version.createdAt).toISOString(),
  };
}
