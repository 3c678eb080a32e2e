/** Retires an item (any live status → retired) with a stated reason; papers keep their pinned versions (R17). */
import type { Actor } from '../identity/actor';
import type { ItemView } from './item.presenter';
import { transitionItem } from './transition-item';

/**
 * draft / in_review / approved → retired, reason recorded and audited.
 * @throws AppError `not_found`, `conflict` (already retired).
 */
export function retireItem(options: { itemId: string; reason: string; actor: Actor }): Promise<ItemView> {
  return transitionItem({ itemId: options.itemId, note: options.reason, actor: options.actor, transition: 'retire' });
}
