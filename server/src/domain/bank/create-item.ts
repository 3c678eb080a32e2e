/**
 * Creates a draft item (theory or practical) in a scope with its version 1 (R1, R17).
 */
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import type { CreateItemRequest } from './bank-contracts';
import { ItemModel, type ItemContent, type ItemRecord } from './item.model';
import { ItemVersionModel } from './item-version.model';
import { presentItem, type ItemView } from './item.presenter';
import { buildNewItem } from './item-writes';
import { refreshDuplicateClusters } from './refresh-duplicate-clusters';
import { describeItem } from './require-item';
import { requireScope } from './require-scope';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * Stores the item as `draft` authored by the actor, its version 1 with content hash and the audit
 * entry `item.created` in one transaction; then refreshes the scope's duplicate clusters.
 * @throws AppError `not_found` for an unknown scope.
 */
export async function createItem(options: { request: CreateItemRequest; actor: Actor }): Promise<ItemView> {
  const { request, actor } = options;
  await requireScope(actor.organisationId, request.scopeId);
  const { item, version } = buildNewItem({
    organisationId: actor.organisationId,
    scopeId: request.scopeId,
    content: request.content as ItemContent,
    status: 'draft',
    authorId: actor.userId,
  });
  await runInTransaction(async (session) => {
    await ItemModel.create([item], { session });
    await ItemVersionModel.create([version], { session });
    await recordAudit(
      {
        actor,
        action: 'item.created',
        target: { kind: 'item', id: String(item._id), label: describeItem(item) },
        payload: { scopeId: request.scopeId, kind: item.kind, version: 1, contentHash: version.contentHash },
      },
      session,
    );
  });
  await refreshDuplicateClusters(request.scopeId);
  const stored = await ItemModel.findById(item._id).lean<ItemRecord>();
  return presentItem(stored!, true);
}
