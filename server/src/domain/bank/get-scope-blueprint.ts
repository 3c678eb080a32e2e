/**
 * A scope's blueprint with its leaves 鉴定点 (absolute weights) and the item count per leaf.
 */
import { blueprintLeaves } from '@skillcert/bank-tools/blueprint/blueprint-tree';
import type { Blueprint } from '@skillcert/bank-tools/types';
import { Types } from 'mongoose';
import type { Actor } from '../identity/actor';
import { ItemModel } from './item.model';
import { requireScope } from './require-scope';

/** One leaf with its share of a paper and the scope's non-retired theory items on it. */
export interface BlueprintLeafView {
  code: string;
  name: string;
  /** Fraction 0..1 of the paper this knowledge point carries. */
  absoluteWeight: number;
  path: string[];
  itemCount: number;
}

/**
 * The scope's blueprint (null when none) with leaves and item counts.
 * @throws AppError `not_found` for an unknown scope.
 */
export async function getScopeBlueprint(options: { scopeId: string; actor: Actor }): Promise<{
  scopeId: string;
  blueprint: Blueprint | null;
  leaves: BlueprintLeafView[];
  itemsWithoutKnowledgePoint: number;
}> {
  const scope = await requireScope(options.actor.organisationId, options.scopeId);
  const rows = await ItemModel.aggregate<{ _id: string | null; count: number }>([
    { $match: { scopeId: new Types.ObjectId(options.scopeId), kind: 'theory', status: { $ne: 'retired' } } },
    { $group: { _id: '$knowledgePoint', count: { $sum: 1 } } },
  ]);
  const counts = new Map(rows.map((row) => [row._id ?? '', row.count]));
  const blueprint = scope.blueprint ?? null;
  const leaves = blueprint ? blueprintLeaves(blueprint).map((leaf) => ({ ...leaf, itemCount: counts.get(leaf.code) ?? 0 })) : [];
  const leafCodes = new Set(leaves.map((leaf) => leaf.code));
  const itemsWithoutKnowledgePoint = rows.filter((row) => !row._id || !leafCodes.has(row._id)).reduce((sum, row) => sum + row.count, 0);
  return { scopeId: options.scopeId, blueprint, leaves, itemsWithoutKnowledgePoint };
}

/** GET /api/bank/scopes/:scopeId/blueprint answer: {@link getScopeBlueprint}'s own return type. */
export type ScopeBlueprintView = Awaited<ReturnType<typeof getScopeBlueprint>>;
