/**
 * Near-duplicate report of a scope (R2: near-duplicates count as the same item): pairs and clusters
 * within the scope, with other scopes of the organisation, or both; pairs marked distinct by an
 * editor are left out. Read-only.
 */
import type { Actor } from '../identity/actor';
import type { DuplicatesQuery } from './bank-contracts';
import { BankScopeModel, type BankScopeRecord } from './bank-scope.model';
import { computeDuplicates } from './compute-duplicates';
import { ItemModel, type ItemRecord, type ItemStatus } from './item.model';
import { describeScope, requireScope } from './require-scope';

/** An item as a duplicate report shows it (no answer key). */
export interface DuplicateItemSummary {
  id: string;
  scopeId: string;
  scope: string;
  status: ItemStatus;
  version: number;
  type?: string;
  /** Stem (theory) or title (practical), at most 200 characters. */
  text: string;
}

/** A near-duplicate report. */
export interface ScopeDuplicateReport {
  scopeId: string;
  across: DuplicatesQuery['across'];
  kind: DuplicatesQuery['kind'];
  /** Live items of the scope compared. */
  itemCount: number;
  pairs: { a: DuplicateItemSummary; b: DuplicateItemSummary; similarity: number; kind: 'exact' | 'near'; isCrossScope: boolean; hasDifferentAnswers: boolean }[];
  clusters: { clusterId: string; itemIds: string[] }[];
  /** Within the scope: (items − groups) / items, fraction 0..1. */
  duplicateRate: number;
  /** Pairs found but marked distinct by an editor. */
  excludedPairs: number;
}

/** One near-duplicate pair of a {@link ScopeDuplicateReport}: similarity 0..1, `exact` or `near`. */
export type DuplicatePair = ScopeDuplicateReport['pairs'][number];

function summarise(item: ItemRecord, scopeLabel: string): DuplicateItemSummary {
  const text = item.current.kind === 'theory' ? item.current.stem : item.current.title;
  return {
    id: String(item._id),
    scopeId: String(item.scopeId),
    scope: scopeLabel,
    status: item.status,
    version: item.version,
    ...(item.type ? { type: item.type } : {}),
    text: text.length > 200 ? `${text.slice(0, 200)}…` : text,
  };
}

/**
 * Compares the live items of `kind` (draft, in review, approved) of the scope among themselves
 * (`same`), with the live items of the organisation's other scopes (`other`), or both (`all`).
 * @throws AppError `not_found` for an unknown scope.
 */
export async function findScopeDuplicates(options: { scopeId: string; query: DuplicatesQuery; actor: Actor }): Promise<ScopeDuplicateReport> {
  const { scopeId, query, actor } = options;
  await requireScope(actor.organisationId, scopeId);
  const scopeFilter = query.across === 'same' ? { scopeId } : { organisationId: actor.organisationId };
  const items = await ItemModel.find({ ...scopeFilter, kind: query.kind, status: { $ne: 'retired' } })
    .sort({ _id: 1 })
    .lean<ItemRecord[]>();
  const scopes = await BankScopeModel.find({ organisationId: actor.organisationId }).lean<BankScopeRecord[]>();
  const labels = new Map(scopes.map((scope) => [String(scope._id), describeScope(scope)]));
  const own = items.filter((item) => String(item.scopeId) === scopeId);
  const withinScope = computeDuplicates(own, { threshold: query.threshold });
  const computed =
    query.across === 'same'
      ? withinScope
      : computeDuplicates(items, { threshold: query.threshold, scopes: query.across === 'other' ? 'different' : 'any' });
  const byId = new Map(items.map((item) => [String(item._id), item]));
  const involvesScope = (id: string) => String(byId.get(id)?.scopeId) === scopeId;
  const pairs = computed.pairs
    .filter((pair) => involvesScope(pair.a) || involvesScope(pair.b))
    .map((pair) => {
      const a = byId.get(pair.a)!;
      const b = byId.get(pair.b)!;
      return {
        a: summarise(a, labels.get(String(a.scopeId)) ?? ''),
        b: summarise(b, labels.get(String(b.scopeId)) ?? ''),
        similarity: pair.similarity,
        kind: pair.kind,
        isCrossScope: pair.isCrossScope,
        hasDifferentAnswers: pair.hasDifferentAnswers,
      };
    });
  const clusters = computed.clusters
    .filter((cluster) => cluster.some(involvesScope))
    .map((cluster) => ({ clusterId: cluster[0], itemIds: cluster }));
  return {
    scopeId,
    across: query.across,
    kind: query.kind,
    itemCount: own.length,
    pairs,
    clusters,
    duplicateRate: withinScope.duplicateRate,
    excludedPairs: computed.excludedPairs,
  };
}
