/** Approves an item in review (in_review → approved); the reviewer must not be its author or last editor (R17). */
import type { Actor } from '../identity/actor';
import type { ItemView } from './item.presenter';
import { transitionItem } from './transition-item';

/**
 * in_review → approved, recording the reviewer and note.
 * @throws AppError `not_found`, `conflict` (not in review), `forbidden` (own item, R17 four eyes).
 */
export function approveItem(options: { itemId: string; note?: string; actor: Actor }): Promise<ItemView> {
  return transitionItem({ ...options, transition: 'approve' });
}
