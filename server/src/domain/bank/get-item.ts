/**
 * One item; answer key only for bank roles (R17).
 */
import type { Actor } from '../identity/actor';
import { canSeeAnswerKeys } from './bank-access';
import { presentItem, type ItemView } from './item.presenter';
import { requireItem } from './require-item';

/**
 * The item `itemId`.
 * @throws AppError `not_found` for an unknown item.
 */
export async function getItem(options: { itemId: string; actor: Actor }): Promise<ItemView> {
  const item = await requireItem(options.actor.organisationId, options.itemId);
  return presentItem(item, canSeeAnswerKeys(options.actor));
}
