/**
 * The bank snapshot a paper library is drawn from (R3): the scope's approved items of one kind at
 * their current versions, with the snapshot hash (house rule 6) that is stored with the result.
 */
import type { ClientSession } from 'mongoose';
import { computeContentHash, computeSnapshotHash } from '../bank/content-hash';
import { ItemModel, type ItemRecord } from '../bank/item.model';

/** One approved item version of the snapshot. */
export interface SnapshotItem {
  item: ItemRecord;
  itemId: string;
  version: number;
  contentHash: string;
}

/** Approved items of a scope and their hash. */
export interface ApprovedSnapshot {
  items: SnapshotItem[];
  /** SHA-256 hex over the sorted lines `itemId:version:contentHash`. */
  snapshotHash: string;
}

/**
 * Loads the approved items of `kind` in `scopeId`, ordered by id.
 * @returns items with their content hashes and the snapshot hash
 */
export async function loadApprovedSnapshot(scopeId: string, kind: 'theory' | 'practical', session?: ClientSession): Promise<ApprovedSnapshot> {
  const items = await ItemModel.find({ scopeId, kind, status: 'approved' })
    .sort({ _id: 1 })
    .session(session ?? null)
    .lean<ItemRecord[]>();
  const entries = items.map((item) => ({ item, itemId: String(item._id), version: item.version, contentHash: computeContentHash(item.current) }));
  return { items: entries, snapshotHash: computeSnapshotHash(entries) };
}

/**
 * Difficulty of an item as assembly sees it, fraction 0..1 (higher = harder): 1 − measured P when the
 * item has been used, else the editor's 1-5 estimate mapped to 0..1, else 0.5.
 */
export function itemDifficulty(item: Pick<ItemRecord, 'measuredDifficulty' | 'current'>): number {
  if (typeof item.measuredDifficulty === 'number') return Math.min(1, Math.max(0, 1 - item.measuredDifficulty));
  const estimate = item.current.difficulty;
  if (typeof estimate === 'number' && estimate >= 1 && estimate <= 5) return (estimate - 1) / 4;
  return 0.5;
}
