/**
 * One bank scope with its blueprint and item counts.
 */
import type { Actor } from '../identity/actor';
import { presentScope, type BankScopeView } from './bank-scope.presenter';
import { countScopeItems } from './count-scope-items';
import { requireScope } from './require-scope';

/**
 * The scope with blueprint and counts.
 * @throws AppError `not_found` for an unknown scope (or one of another organisation).
 */
export async function getScope(options: { scopeId: string; actor: Actor }): Promise<BankScopeView> {
  const scope = await requireScope(options.actor.organisationId, options.scopeId);
  const counts = await countScopeItems([options.scopeId]);
  return presentScope(scope, { withBlueprint: true, itemCounts: counts.get(options.scopeId) });
}
