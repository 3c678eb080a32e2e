/**
 * Resolves a near-duplicate pair by keeping one item and retiring the other (R2, R17), audited.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import type { MergeDuplicatesRequest } from './bank-contracts';
import { ItemModel, type ItemRecord } from './item.model';
import { presentItem, type ItemView } from './item.presenter';
import { refreshDuplicateClusters } from './refresh-duplicate-clusters';
import { describeItem, requireItem } from './require-item';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * Retires `retireItemId` with reason "merged into <keepItemId>" and `mergedIntoId`, audits
 * `item.merged` (both ids, versions, note) in one transaction, then refreshes clusters of the
 * affected scopes. Papers keep the versions they pinned.
 * @returns both items after the merge
 * @throws AppError `not_found` (either item), `conflict` (either is retired, or they are of
 *   different kinds).
 */
export async function mergeDuplicateItems(options: { request: MergeDuplicatesRequest; actor: Actor }): Promise<{ kept: ItemView; retired: ItemView }> {
  const { request, actor } = options;
  const scopeIds = await runInTransaction(async (session) => {
    const keep = await requireItem(actor.organisationId, request.keepItemId, session);
    const retire = await requireItem(actor.organisationId, request.retireItemId, session);
    if (keep.status === 'retired') throw new AppError('conflict', `keepItemId: item ${request.keepItemId} is retired`);
    if (retire.status === 'retired') throw new AppError('conflict', `retireItemId: item ${request.retireItemId} is already retired`);
    if (keep.kind !== retire.kind) throw new AppError('conflict', 'a theory item and a practical item cannot be merged');
    const reason = `merged into ${request.keepItemId}${request.note ? `: ${request.note}` : ''}`;
    const updated = await ItemModel.updateOne(
      { _id: retire._id, status: retire.status, version: retire.version },
      { $set: { status: 'retired', retiredReason: reason, mergedIntoId: new Types.ObjectId(request.keepItemId) } },
      { session },
    );
    if (updated.modifiedCount !== 1) throw new AppError('conflict', `item ${request.retireItemId} was changed meanwhile; reload and try again`);
    await recordAudit(
      {
        actor,
        action: 'item.merged',
        target: { kind: 'item', id: request.retireItemId, label: describeItem(retire) },
        payload: {
          keepItemId: request.keepItemId,
          keepVersion: keep.version,
          retireItemId: request.retireItemId,
          retireVersion: retire.version,
          fromStatus: retire.status,
          note: request.note ?? null,
        },
      },
      session,
    );
    return [String(keep.scopeId), String(retire.scopeId)];
  });
  for (const scopeId of new Set(scopeIds)) await refreshDuplicateClusters(scopeId);
  const [kept, retired] = await Promise.all([
    ItemModel.findById(request.keepItemId).lean<ItemRecord>(),
    ItemModel.findById(request.retireItemId).lean<ItemRecord>(),
  ]);
  return { kept: presentItem(kept!, true), retired: presentItem(retired!, true) };
}
