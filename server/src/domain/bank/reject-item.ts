/** Sends an item in review back to draft with the reviewer's note (R17). */
import type { Actor } from '../identity/actor';
import type { ItemView } from './item.presenter';
import { transitionItem } from './transition-item';

/**
 * in_review → draft with a required note.
 * @throws AppError `not_found`, `conflict` (not in review).
 */
export function rejectItem(options: { itemId: string; note: string; actor: Actor }): Promise<ItemView> {
  return transitionItem({ ...options, transition: 'reject' });
}
