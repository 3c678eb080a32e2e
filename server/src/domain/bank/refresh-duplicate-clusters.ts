/**
 * Stores near-duplicate cluster ids on a scope's items (R2: assembly counts a cluster as one item).
 * Derived data: recomputed after imports, edits, merges and distinct marks; not audited itself.
 */
import type { AnyBulkWriteOperation } from 'mongoose';
import { computeDuplicates } from './compute-duplicates';
import { ItemModel, type ItemRecord } from './item.model';

/**
 * Recomputes clusters of the scope's non-retired items per kind (within the scope) and writes
 * `clusterId` where it changed (unset for items no longer clustered and for retired items).
 * @returns the duplicate rate of the theory items (fraction 0..1) and the number of items updated
 */
export async function refreshDuplicateClusters(scopeId: string): Promise<{ theoryDuplicateRate: number; updated: number }> {
  const items = await ItemModel.find({ scopeId }, { _id: 1, scopeId: 1, kind: 1, status: 1, current: 1, distinctFrom: 1, clusterId: 1 })
    .sort({ _id: 1 })
    .lean<ItemRecord[]>();
  const wanted = new Map<string, string | undefined>();
  let theoryDuplicateRate = 0;
  for (const kind of ['theory', 'practical'] as const) {
    const active = items.filter((item) => item.kind === kind && item.status !== 'retired');
    const computed = computeDuplicates(active);
    if (kind === 'theory') theoryDuplicateRate = computed.duplicateRate;
    for (const item of active) wanted.set(String(item._id), computed.clusterIdById.get(String(item._id)));
  }
  const operations: AnyBulkWriteOperation<ItemRecord>[] = [];
  for (const item of items) {
    const clusterId = wanted.get(String(item._id));
    if ((item.clusterId ?? undefined) === clusterId) continue;
    operations.push({
      updateOne: {
        filter: { _id: item._id },
        update: clusterId ? { $set: { clusterId } } : { $unset: { clusterId: 1 } },
      },
    });
  }
  if (operations.length > 0) await ItemModel.bulkWrite(operations);
  return { theoryDuplicateRate, updated: operations.length };
}
