/**
 * Derives a scope's blueprint 认定要素细目表 from its theory items' 作业种类 / 章节 and assigns every
 * item to its knowledge point (R2 coverage basis). Items whose knowledge point changes get a new
 * version (R17: content changes are versioned), their review status is kept.
 */
import { deriveBlueprint } from '@skillcert/bank-tools/blueprint/derive-blueprint';
import { findDuplicates } from '@skillcert/bank-tools/duplicates/find-duplicates';
import type { Blueprint, TheoryItem } from '@skillcert/bank-tools/types';
import type { ClientSession } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import type { DeriveBlueprintRequest } from './bank-contracts';
import { BankScopeModel, type BankScopeRecord } from './bank-scope.model';
import { ItemModel, type ItemRecord } from './item.model';
import { appendItemVersions } from './item-writes';
import { describeScope, requireScope } from './require-scope';
import { runInTransaction } from '../../db/run-in-transaction';

/** Outcome of a derivation. */
export interface DerivedScopeBlueprint {
  blueprint: Blueprint;
  /** New items with their knowledge points (same order as given). */
  newItems: TheoryItem[];
  /** Existing items that got a new version because their knowledge point changed. */
  reassignedItems: number;
  /** Items the blueprint was derived from (existing non-retired theory items + new ones). */
  itemCount: number;
}

/** Distinct items (near-duplicate clusters counted once, R2) among `items`. */
export function countDistinctItems(items: readonly TheoryItem[]): number {
  const report = findDuplicates(items.map((item, index) => ({ id: String(index), type: item.type, stem: item.stem, options: item.options, images: item.images })));
  return items.length - Math.round(report.duplicateRate * items.length);
}

/**
 * Inside `session`: derives the blueprint from the scope's non-retired theory items plus
 * `newItems`, versions existing items whose knowledge point changes, stores the blueprint on the
 * scope. Does not audit (the caller does, in the same transaction).
 */
export async function applyDerivedBlueprint(options: {
  scope: BankScopeRecord;
  newItems: readonly TheoryItem[];
  editorId: string;
  session: ClientSession;
  shape?: DeriveBlueprintRequest;
}): Promise<DerivedScopeBlueprint> {
  const { scope, newItems, session } = options;
  const existing = await ItemModel.find({ scopeId: scope._id, kind: 'theory', status: { $ne: 'retired' } })
    .sort({ _id: 1 })
    .session(session)
    .lean<ItemRecord[]>();
  const contents = [...existing.map((item) => item.current as TheoryItem), ...newItems];
  const derived = deriveBlueprint(contents, { ...options.shape, distinctItems: countDistinctItems(contents) });
  const changes = existing
    .map((item, index) => ({ item, content: derived.items[index] }))
    .filter(({ item, content }) => (item.current as TheoryItem).knowledgePoint !== content.knowledgePoint);
  await appendItemVersions(changes, options.editorId, session);
  await BankScopeModel.updateOne({ _id: scope._id }, { $set: { blueprint: derived.blueprint } }, { session });
  return {
    blueprint: derived.blueprint,
    newItems: derived.items.slice(existing.length),
    reassignedItems: changes.length,
    itemCount: contents.length,
  };
}

/**
 * Derives and stores the blueprint of `scopeId` from its items (replacing any blueprint) and audits
 * `bank_scope.blueprint_derived`, all in one transaction.
 * @returns the blueprint and how many items were reassigned
 * @throws AppError `not_found` for an unknown scope; `precondition_failed` when the scope has no
 *   theory items.
 */
export async function deriveScopeBlueprint(options: {
  scopeId: string;
  shape: DeriveBlueprintRequest;
  actor: Actor;
}): Promise<{ blueprint: Blueprint; reassignedItems: number; itemCount: number }> {
  const { scopeId, actor } = options;
  const scope = await requireScope(actor.organisationId, scopeId);
  if (!(await ItemModel.exists({ scopeId, kind: 'theory', status: { $ne: 'retired' } }))) {
    throw new AppError('precondition_failed', `scope ${describeScope(scope)}: no theory items to derive a blueprint from`);
  }
  return runInTransaction(async (session) => {
    const derived = await applyDerivedBlueprint({ scope, newItems: [], editorId: actor.userId, session, shape: options.shape });
    await recordAudit(
      {
        actor,
        action: 'bank_scope.blueprint_derived',
        target: { kind: 'bank_scope', id: scopeId, label: describeScope(scope) },
        payload: { blueprint: derived.blueprint, reassignedItems: derived.reassignedItems, itemCount: derived.itemCount },
      },
      session,
    );
    return { blueprint: derived.blueprint, reassignedItems: derived.reassignedItems, itemCount: derived.itemCount };
  });
}
