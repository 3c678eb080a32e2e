/**
 * Declares two items different although the detector pairs them (R2): each records the other in
 * `distinctFrom`, the pair is left out of later duplicate reports and clusters. Audited (R17).
 */
import { Types } from 'mongoose';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import type { MarkDistinctRequest } from './bank-contracts';
import { ItemModel, type ItemRecord } from './item.model';
import { presentItem, type ItemView } from './item.presenter';
import { refreshDuplicateClusters } from './refresh-duplicate-clusters';
import { requireItem } from './require-item';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * Adds each item to the other's `distinctFrom` and audits `item.marked_distinct` in one
 * transaction, then refreshes the clusters of the affected scopes.
 * @throws AppError `not_found` for either item.
 */
export async function markItemsDistinct(options: { request: MarkDistinctRequest; actor: Actor }): Promise<{ items: ItemView[] }> {
  const { request, actor } = options;
  const [firstId, secondId] = request.itemIds;
  const scopeIds = await runInTransaction(async (session) => {
    const first = await requireItem(actor.organisationId, firstId, session);
    const second = await requireItem(actor.organisationId, secondId, session);
    await ItemModel.updateOne({ _id: first._id }, { $addToSet: { distinctFrom: new Types.ObjectId(secondId) } }, { session });
    await ItemModel.updateOne({ _id: second._id }, { $addToSet: { distinctFrom: new Types.ObjectId(firstId) } }, { session });
    await recordAudit(
      {
        actor,
        action: 'item.marked_distinct',
        target: { kind: 'item', id: firstId },
        payload: { itemIds: [firstId, secondId], versions: [first.version, second.version], note: request.note ?? null },
      },
      session,
    );
    return [String(first.scopeId), String(second.scopeId)];
  });
  for (const scopeId of new Set(scopeIds)) await refreshDuplicateClusters(scopeId);
  const items = await ItemModel.find({ _id: { $in: [firstId, secondId] } }).lean<ItemRecord[]>();
  return { items: items.map((item) => presentItem(item, true)) };
}
