/**
 * Near-duplicate grouping of stored items (R2: near-duplicates count as the same item), honouring
 * editors' "distinct" marks: a pair marked distinct is never reported and never links a cluster.
 */
import { findDuplicates, type DuplicateCandidate, type DuplicatePair, type DuplicateScopeMode } from '@skillcert/bank-tools/duplicates/find-duplicates';
import type { ItemRecord } from './item.model';

/** Result of {@link computeDuplicates}. */
export interface ComputedDuplicates {
  /** Pairs that count as the same item, distinct-marked pairs removed. */
  pairs: DuplicatePair[];
  /** Groups of two or more item ids (ids in input order). */
  clusters: string[][];
  /** Cluster id (first member's id) of every clustered item. */
  clusterIdById: Map<string, string>;
  /** (items − groups, singletons included) / items, fraction 0..1. */
  duplicateRate: number;
  /** Pairs found by the detector but marked distinct by an editor. */
  excludedPairs: number;
}

/** Options of {@link computeDuplicates}. */
export interface ComputeDuplicatesOptions {
  /** Similarity from which two items are near duplicates, fraction 0..1; bank-tools default 0.85. */
  threshold?: number;
  scopes?: DuplicateScopeMode;
}

/** What duplicate detection compares: theory stem + options, practical title + task. */
export function toDuplicateCandidate(item: Pick<ItemRecord, '_id' | 'scopeId' | 'current'>): DuplicateCandidate {
  const content = item.current;
  if (content.kind === 'theory') {
    return {
      id: String(item._id),
      scopeKey: String(item.scopeId),
      type: content.type,
      stem: content.stem,
      options: content.options,
      answer: content.answer,
      images: content.images,
    };
  }
  return { id: String(item._id), scopeKey: String(item.scopeId), type: 'judge', stem: `${content.title}\n${content.task}`, options: [] };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(id: string): string {
    let root = id;
    while ((this.parent.get(root) ?? root) !== root) root = this.parent.get(root)!;
    this.parent.set(id, root);
    return root;
  }
  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootB, rootA);
  }
}

/**
 * Groups `items` (one kind) into near-duplicate clusters with bank-tools `findDuplicates`
 * (MinHash + LSH, deterministic), then splits clusters that contain distinct-marked pairs: inside
 * such a cluster every pair is compared on its own and only unmarked duplicate pairs link items.
 */
export function computeDuplicates(
  items: readonly Pick<ItemRecord, '_id' | 'scopeId' | 'current' | 'distinctFrom'>[],
  options: ComputeDuplicatesOptions = {},
): ComputedDuplicates {
  const candidates = items.map(toDuplicateCandidate);
  const detectorOptions = { threshold: options.threshold, scopes: options.scopes ?? 'same' };
  const report = findDuplicates(candidates, detectorOptions);
  const distinct = new Set<string>();
  for (const item of items) for (const other of item.distinctFrom ?? []) distinct.add(pairKey(String(item._id), String(other)));
  const isDistinct = (a: string, b: string) => distinct.has(pairKey(a, b));
  const pairs = report.pairs.filter((pair) => !isDistinct(pair.a, pair.b));
  const excludedPairs = report.pairs.length - pairs.length;

  const candidateById = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const order = new Map(candidates.map((candidate, index) => [candidate.id, index]));
  const clusters: string[][] = [];
  for (const cluster of report.clusters) {
    const hasMark = cluster.some((a, i) => cluster.slice(i + 1).some((b) => isDistinct(a, b)));
    if (!hasMark) {
      clusters.push(cluster);
      continue;
    }
    const groups = new UnionFind();
    for (let i = 0; i < cluster.length; i += 1) {
      for (let j = i + 1; j < cluster.length; j += 1) {
        if (isDistinct(cluster[i], cluster[j])) continue;
        const pair = findDuplicates([candidateById.get(cluster[i])!, candidateById.get(cluster[j])!], detectorOptions);
        if (pair.pairs.length > 0) groups.union(cluster[i], cluster[j]);
      }
    }
    const byRoot = new Map<string, string[]>();
    for (const id of cluster) byRoot.set(groups.find(id), [...(byRoot.get(groups.find(id)) ?? []), id]);
    for (const group of byRoot.values()) if (group.length > 1) clusters.push(group.sort((a, b) => order.get(a)! - order.get(b)!));
  }
  const clusterIdById = new Map<string, string>();
  for (const cluster of clusters) for (const id of cluster) clusterIdById.set(id, cluster[0]);
  const redundant = clusters.reduce((sum, cluster) => sum + cluster.length - 1, 0);
  return {
    pairs,
    clusters,
    clusterIdById,
    duplicateRate: items.length === 0 ? 0 : redundant / items.length,
    excludedPairs,
  };
}
