/**
 * Loads an item of the actor's organisation or fails with `not_found`.
 */
import type { ClientSession } from 'mongoose';
import { AppError } from '../../errors';
import { ItemModel, type ItemRecord } from './item.model';

/**
 * The item `itemId` of `organisationId`.
 * @throws AppError `not_found` naming the item id.
 */
export async function requireItem(organisationId: string, itemId: string, session?: ClientSession): Promise<ItemRecord> {
  const item = await ItemModel.findOne({ _id: itemId, organisationId })
    .session(session ?? null)
    .lean<ItemRecord>();
  if (!item) throw new AppError('not_found', `itemId: item ${itemId} does not exist`);
  return item;
}

/** Short label of an item for audit entries: the first 40 characters of its stem or title. */
export function describeItem(item: Pick<ItemRecord, 'current'>): string {
  const text = item.current.kind === 'theory' ? item.current.stem : item.current.title;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
