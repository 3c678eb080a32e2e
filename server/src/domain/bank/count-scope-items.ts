/**
 * Item counts of scopes per kind and status (R1 sizes shown with every scope).
 */
import { Types } from 'mongoose';
import { emptyItemCounts, type ScopeItemCounts } from './bank-scope.presenter';
import { ItemModel, type ItemStatus } from './item.model';

/**
 * Counts items of the given scopes grouped by kind and status.
 * @returns a map scopeId → counts (every scope present, zeros included)
 */
export async function countScopeItems(scopeIds: readonly string[]): Promise<Map<string, ScopeItemCounts>> {
  const result = new Map<string, ScopeItemCounts>(scopeIds.map((id) => [id, emptyItemCounts()]));
  if (scopeIds.length === 0) return result;
  const rows = await ItemModel.aggregate<{ _id: { scopeId: Types.ObjectId; kind: 'theory' | 'practical'; status: ItemStatus }; count: number }>([
    { $match: { scopeId: { $in: scopeIds.map((id) => new Types.ObjectId(id)) } } },
    { $group: { _id: { scopeId: '$scopeId', kind: '$kind', status: '$status' }, count: { $sum: 1 } } },
  ]);
  for (const row of rows) {
    const counts = result.get(String(row._id.scopeId));
    if (counts) counts[row._id.kind][row._id.status] = row.count;
  }
  return result;
}
