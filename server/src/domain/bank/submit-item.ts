/** Sends a draft item to review (draft → in_review), audited (R17). */
import type { Actor } from '../identity/actor';
import type { ItemView } from './item.presenter';
import { transitionItem } from './transition-item';

/**
 * draft → in_review.
 * @throws AppError `not_found`, `conflict` (not a draft).
 */
export function submitItem(options: { itemId: string; note?: string; actor: Actor }): Promise<ItemView> {
  return transitionItem({ ...options, transition: 'submit' });
}
