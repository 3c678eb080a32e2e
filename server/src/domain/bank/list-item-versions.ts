/**
 * Version history of an item (R17 trace of every change), newest first.
 */
import type { Actor } from '../identity/actor';
import { canSeeAnswerKeys } from './bank-access';
import { ItemVersionModel, type ItemVersionRecord } from './item-version.model';
import { presentItemVersion, type ItemVersionView } from './item.presenter';
import { requireItem } from './require-item';

/**
 * Every stored version of the item, newest first, each with its content hash.
 * @throws AppError `not_found` for an unknown item.
 */
export async function listItemVersions(options: { itemId: string; actor: Actor }): Promise<{ versions: ItemVersionView[] }> {
  const item = await requireItem(options.actor.organisationId, options.itemId);
  const versions = await ItemVersionModel.find({ itemId: item._id }).sort({ version: -1 }).lean<ItemVersionRecord[]>();
  const showKeys = canSeeAnswerKeys(options.actor);
  return { versions: versions.map((version) => presentItemVersion(version, showKeys)) };
}
