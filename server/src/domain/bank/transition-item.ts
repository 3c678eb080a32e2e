/**
 * The review workflow draft → in_review → approved → retired (R17 four-eyes review: a reviewer
 * cannot approve an item they wrote or last edited). Shared by submit, approve, reject and retire.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { canSeeAnswerKeys } from './bank-access';
import { ItemModel, type ItemRecord, type ItemStatus } from './item.model';
import { presentItem, type ItemView } from './item.presenter';
import { refreshDuplicateClusters } from './refresh-duplicate-clusters';
import { describeItem, requireItem } from './require-item';
import { runInTransaction } from '../../db/run-in-transaction';

/** A workflow step. */
export type ItemTransition = 'submit' | 'approve' | 'reject' | 'retire';

const steps: Record<ItemTransition, { from: readonly ItemStatus[]; to: ItemStatus; action: string }> = {
  submit: { from: ['draft'], to: 'in_review', action: 'item.submitted' },
  approve: { from: ['in_review'], to: 'approved', action: 'item.approved' },
  reject: { from: ['in_review'], to: 'draft', action: 'item.rejected' },
  retire: { from: ['draft', 'in_review', 'approved'], to: 'retired', action: 'item.retired' },
};

/**
 * Moves the item one step and audits it (`item.submitted`, `item.approved`, `item.rejected`,
 * `item.retired`) in one transaction; retiring refreshes the scope's duplicate clusters.
 * @param note review note (approve, reject) or reason (retire)
 * @throws AppError `not_found` (item); `conflict` when the item is not in a status the step starts
 *   from (e.g. approving a draft); `forbidden` when the reviewer wrote or last edited the item (R17).
 */
export async function transitionItem(options: {
  itemId: string;
  transition: ItemTransition;
  note?: string;
  actor: Actor;
  extra?: Record<string, unknown>;
}): Promise<ItemView> {
  const { itemId, transition, actor } = options;
  const step = steps[transition];
  const item = await runInTransaction(async (session) => {
    const current = await requireItem(actor.organisationId, itemId, session);
    if (!step.from.includes(current.status)) {
      throw new AppError('conflict', `item ${itemId} is ${current.status}; ${transition} needs ${step.from.join(' or ')}`, {
        status: current.status,
      });
    }
    if (transition === 'approve') {
      const writers = [current.authorId, current.lastEditedBy].filter(Boolean).map(String);
      if (writers.includes(actor.userId)) {
        throw new AppError('forbidden', `item ${itemId}: a reviewer cannot approve an item they wrote or last edited (R17 four-eyes review)`, {
          rule: 'R17',
        });
      }
    }
    const set: Record<string, unknown> = { status: step.to, ...options.extra };
    const unset: Record<string, 1> = {};
    if (transition === 'approve' || transition === 'reject') {
      set.reviewerId = new Types.ObjectId(actor.userId);
      if (options.note) set.reviewNote = options.note;
      else unset.reviewNote = 1;
    }
    if (transition === 'retire') set.retiredReason = options.note;
    const updated = await ItemModel.findOneAndUpdate(
      { _id: itemId, status: current.status, version: current.version },
      { $set: set, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
      { returnDocument: 'after', session },
    ).lean<ItemRecord>();
    if (!updated) throw new AppError('conflict', `item ${itemId} was changed by someone else meanwhile; reload and try again`);
    await recordAudit(
      {
        actor,
        action: step.action,
        target: { kind: 'item', id: itemId, label: describeItem(current) },
        payload: { fromStatus: current.status, toStatus: step.to, version: current.version, note: options.note ?? null, ...options.extra },
      },
      session,
    );
    return updated;
  });
  if (transition === 'retire') await refreshDuplicateClusters(String(item.scopeId));
  const stored = (await ItemModel.findById(itemId).lean<ItemRecord>()) ?? item;
  return presentItem(stored, canSeeAnswerKeys(actor));
}
