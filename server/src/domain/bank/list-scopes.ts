/**
 * Lists the bank scopes of an organisation with their item counts (R1).
 */
import type { Actor } from '../identity/actor';
import { BankScopeModel, type BankScopeRecord } from './bank-scope.model';
import { presentScope, type BankScopeView } from './bank-scope.presenter';
import { countScopeItems } from './count-scope-items';

/** Every scope of the actor's organisation ordered by occupation code, work type and level, with counts. */
export async function listScopes(options: { actor: Actor }): Promise<{ scopes: BankScopeView[] }> {
  const scopes = await BankScopeModel.find({ organisationId: options.actor.organisationId })
    .sort({ occupationCode: 1, workType: 1, level: -1 })
    .lean<BankScopeRecord[]>();
  const counts = await countScopeItems(scopes.map((scope) => String(scope._id)));
  return { scopes: scopes.map((scope) => presentScope(scope, { itemCounts: counts.get(String(scope._id)) })) };
}
