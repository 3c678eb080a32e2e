/**
 * Edits an item: the new content becomes an immutable ItemVersion (version + 1, content hash) and
 * `item.current` (R17: every change to the bank is traced). An edited item that was in review or
 * approved goes back to draft, because its new content has not been reviewed.
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import type { UpdateItemRequest } from './bank-contracts';
import { computeContentHash } from './content-hash';
import { ItemModel, type ItemContent, type ItemRecord } from './item.model';
import { presentItem, type ItemView } from './item.presenter';
import { appendItemVersions } from './item-writes';
import { refreshDuplicateClusters } from './refresh-duplicate-clusters';
import { describeItem, requireItem } from './require-item';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * Appends the new version and audits `item.edited` (from/to version and content hashes, status
 * change) in one transaction; unchanged content writes nothing.
 * @throws AppError `not_found` (item), `conflict` (retired item, or `expectedVersion` is not the
 *   current version), `validation_failed` (the kind would change).
 */
export async function updateItem(options: { itemId: string; request: UpdateItemRequest; actor: Actor }): Promise<ItemView> {
  const { itemId, request, actor } = options;
  const content = request.content as ItemContent;
  const result = await runInTransaction(async (session) => {
    const item = await requireItem(actor.organisationId, itemId, session);
    if (item.status === 'retired') throw new AppError('conflict', `item ${itemId} is retired and cannot be edited`);
    if (request.expectedVersion !== undefined && request.expectedVersion !== item.version) {
      throw new AppError('conflict', `item ${itemId} is at version ${item.version}, not ${request.expectedVersion}; reload and edit again`, {
        currentVersion: item.version,
      });
    }
    if (content.kind !== item.kind) {
      throw new AppError('validation_failed', `body.content.kind: a ${item.kind} item cannot become ${content.kind}`);
    }
    const fromHash = computeContentHash(item.current);
    const toHash = computeContentHash(content);
    if (fromHash === toHash) return { changed: false as const, item };
    const status = item.status === 'approved' || item.status === 'in_review' ? 'draft' : item.status;
    const updated = await appendItemVersions([{ item, content, status }], actor.userId, session);
    if (updated !== 1) throw new AppError('conflict', `item ${itemId} was changed by someone else meanwhile; reload and edit again`);
    if (status !== item.status) await ItemModel.updateOne({ _id: item._id }, { $unset: { reviewerId: 1, reviewNote: 1 } }, { session });
    await recordAudit(
      {
        actor,
        action: 'item.edited',
        target: { kind: 'item', id: itemId, label: describeItem({ current: content }) },
        payload: { fromVersion: item.version, toVersion: item.version + 1, fromHash, toHash, fromStatus: item.status, toStatus: status },
      },
      session,
    );
    return { changed: true as const, item };
  });
  if (result.changed) await refreshDuplicateClusters(String(result.item.scopeId));
  const stored = await ItemModel.findById(itemId).lean<ItemRecord>();
  return presentItem(stored!, true);
}
