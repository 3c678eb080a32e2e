/**
 * Plain JSON of a bank scope (house rule: never send a mongoose document).
 */
import type { Blueprint, Level } from '@skillcert/bank-tools/types';
import type { BankScopeRecord } from './bank-scope.model';
import type { ItemStatus } from './item.model';

/** Item counts of a scope per kind and status. */
export type ScopeItemCounts = Record<'theory' | 'practical', Record<ItemStatus, number>>;

/** A bank scope as the API shows it. */
export interface BankScopeView {
  id: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: Level;
  hasBlueprint: boolean;
  blueprint?: Blueprint;
  practicalTasksPerPaper: number;
  itemCounts?: ScopeItemCounts;
  createdAt: string;
  updatedAt: string;
}

/** Empty counts (every kind and status 0). */
export function emptyItemCounts(): ScopeItemCounts {
  const zero = (): Record<ItemStatus, number> => ({ draft: 0, in_review: 0, approved: 0, retired: 0 });
  return { theory: zero(), practical: zero() };
}

/** Presents a scope; `withBlueprint` includes the blueprint tree, `itemCounts` the counts. */
export function presentScope(
  scope: BankScopeRecord,
  options: { withBlueprint?: boolean; itemCounts?: ScopeItemCounts } = {},
): BankScopeView {
  return {
    id: String(scope._id),
    occupationCode: scope.occupationCode,
    occupationName: scope.occupationName,
    workType: scope.workType,
    level: scope.level,
    hasBlueprint: scope.blueprint !== undefined && scope.blueprint !== null,
    ...(options.withBlueprint && scope.blueprint ? { blueprint: scope.blueprint } : {}),
    practicalTasksPerPaper: scope.practicalTasksPerPaper ?? 2,
    ...(options.itemCounts ? { itemCounts: options.itemCounts } : {}),
    createdAt: new Date(scope.createdAt).toISOString(),
    updatedAt: new Date(scope.updatedAt).toISOString(),
  };
}
