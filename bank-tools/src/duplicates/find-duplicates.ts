/**
 * Exact and near-duplicate items (R2: near-duplicate items count as the same item when papers are
 * compared; R1: a bank of 500 items means 500 distinct items).
 */
import type { TheoryItemType } from '../types';
import { normaliseText } from '../normalise/normalise-text';
import { bandKey, jaccard, minHashSeeds, minHashSignature, shingleSet } from './minhash';

/** An item as duplicate detection sees it: an id, an optional scope key and its texts. */
export interface DuplicateCandidate {
  id: string;
  /** Scope key, e.g. `6-31-01-03/电工/4`; items without one share the scope `''`. */
  scopeKey?: string;
  type: TheoryItemType;
  stem: string;
  options: readonly string[];
  /** 0-based option indexes of the key; used to flag duplicates whose answers differ. */
  answer?: readonly number[];
  /** Picture ids; items showing different pictures are never duplicates of each other. */
  images?: readonly string[];
}

/** Which pairs to look at: within a scope, across scopes, or both. */
export type DuplicateScopeMode = 'same' | 'different' | 'any';

/** Options of {@link findDuplicates}. */
export interface FindDuplicatesOptions {
  /** Jaccard similarity (fraction 0..1) from which two items are near duplicates; default 0.85. */
  threshold?: number;
  /**
   * Compare the stem together with the options of choice items (default true). With false only
   * stems are compared (R2's literal reading), which makes generic stems such as 下列说法错误的是（ ）
   * collide although their options differ. Judge items are always compared by stem.
   */
  includeOptions?: boolean;
  /** Pairs within a scope (`same`, default), across scopes (`different`) or both (`any`). */
  scopes?: DuplicateScopeMode;
  /** Character n-gram size of the shingles; default 2 (bigrams suit Chinese text). */
  shingleSize?: number;
  /** LSH bands and rows per band (signature length = bands × rows); default 16 × 4. */
  bands?: number;
  rowsPerBand?: number;
}

/** Two items that count as the same item. */
export interface DuplicatePair {
  a: string;
  b: string;
  /** Jaccard similarity of the compared shingles, fraction 0..1. */
  similarity: number;
  /** `exact`: same type, normalised stem and normalised options; `near`: similarity >= threshold. */
  kind: 'exact' | 'near';
  isCrossScope: boolean;
  /** True when both answers are known and mark different option texts. */
  hasDifferentAnswers: boolean;
}

/** Result of {@link findDuplicates}. */
export interface DuplicateReport {
  items: number;
  /**
   * Pairs in input order of their first item. Within a group of identical items of one scope the
   * pairs are star-shaped (first member with each other member); between groups one pair links
   * their first members. `clusters` hold the complete grouping.
   */
  pairs: DuplicatePair[];
  /** Groups of two or more items that count as one (ids in input order), by first appearance. */
  clusters: string[][];
  /** Cluster id of every item: the id of the first item of its cluster (its own id when alone). */
  clusterIdById: Record<string, string>;
  /** Items that exactly repeat an earlier item. */
  exactDuplicates: number;
  /** Further items that nearly repeat an earlier item. */
  nearDuplicates: number;
  /** (items − clusters, singletons included) / items: share of redundant items, fraction 0..1. */
  duplicateRate: number;
  /** Candidate pairs whose similarity was computed (LSH keeps this far below items²/2). */
  comparisons: number;
  durationMs: number;
}

const SEPARATOR = '\u0001';

function keyOf(type: TheoryItemType, stem: string, normalisedOptions: readonly string[], images?: readonly string[]): string {
  const pictures = images && images.length > 0 ? [...images].sort().join(',') : '';
  return [type, stem, ...[...normalisedOptions].sort(), pictures].join(SEPARATOR);
}

/**
 * Canonical key of an item for exact duplicates (R2): type, normalised stem, the normalised
 * options in sorted order (re-ordered options give the same key) and the picture ids, if any.
 * See `normaliseText`.
 */
export function duplicateKey(item: {
  type: TheoryItemType;
  stem: string;
  options: readonly string[];
  images?: readonly string[];
}): string {
  return keyOf(item.type, normaliseText(item.stem), item.options.map(normaliseText), item.images);
}

/** R2's literal key: the normalised stem alone (numbering, whitespace, punctuation, case removed). */
export function stemKey(item: { stem: string }): string {
  return normaliseText(item.stem);
}

class DisjointSet {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, index) => index);
  }
  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root];
    let node = index;
    while (this.parent[node] !== root) {
      const next = this.parent[node];
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
  /** Joins two sets keeping the smaller index as root (so roots are first members). */
  union(a: number, b: number): boolean {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return false;
    if (rootA < rootB) this.parent[rootB] = rootA;
    else this.parent[rootA] = rootB;
    return true;
  }
  countRoots(): number {
    let count = 0;
    for (let index = 0; index < this.parent.length; index += 1) if (this.find(index) === index) count += 1;
    return count;
  }
}

interface Unit {
  /** Indexes of the items (same exact key and same scope), ascending. */
  members: number[];
  scope: string;
  scopeIndex: number;
  key: string;
  /** Sorted picture ids joined, '' without pictures. */
  pictures: string;
  shingles: Uint32Array;
}

function isAllowed(mode: DuplicateScopeMode, scopeA: string, scopeB: string): boolean {
  if (mode === 'any') return true;
  return mode === 'same' ? scopeA === scopeB : scopeA !== scopeB;
}

/**
 * Finds exact and near-duplicate items (R2) within a scope, across scopes or both.
 *
 * Exact: same {@link duplicateKey}. Near: Jaccard similarity of the character-bigram sets of the
 * normalised stem plus options (choice items; stem alone for judge items or with
 * `includeOptions: false`) >= `threshold`. Candidates come from MinHash + LSH
 * (16 bands × 4 rows by default: a pair at similarity 0.85 is found with probability > 0.9999,
 * at 0.5 it is merely compared), so the work grows with the number of similar pairs, not with
 * items²; identical items are grouped first and compared once. Deterministic for the same input.
 *
 * @param items candidates with unique ids
 * @returns pairs, clusters, a cluster id per item and the duplicate rate (fraction 0..1)
 * @throws Error when two items share an id or `threshold` is outside 0..1
 */
export function findDuplicates(items: readonly DuplicateCandidate[], options: FindDuplicatesOptions = {}): DuplicateReport {
  const started = performance.now();
  const threshold = options.threshold ?? 0.85;
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`threshold must be a fraction in (0, 1], got ${threshold}`);
  const mode = options.scopes ?? 'same';
  const includeOptions = options.includeOptions ?? true;
  const shingleSize = options.shingleSize ?? 2;
  const bands = options.bands ?? 16;
  const rows = options.rowsPerBand ?? 4;
  if (!Number.isInteger(bands) || bands < 1 || bands > 64) throw new Error(`bands must be an integer 1..64, got ${bands}`);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`rowsPerBand must be a positive integer, got ${rows}`);

  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new Error(`duplicate item id ${JSON.stringify(item.id)}`);
    ids.add(item.id);
  }

  // 1. normalise once; group identical items of the same scope into units
  const normalised = items.map((item) => ({ stem: normaliseText(item.stem), options: item.options.map(normaliseText) }));
  const scopeIndexByKey = new Map<string, number>();
  const units: Unit[] = [];
  const unitByKey = new Map<string, Unit>();
  items.forEach((item, index) => {
    const scope = item.scopeKey ?? '';
    if (!scopeIndexByKey.has(scope)) scopeIndexByKey.set(scope, scopeIndexByKey.size);
    const { stem, options: normalisedOptions } = normalised[index];
    const pictures = item.images && item.images.length > 0 ? [...item.images].sort().join(',') : '';
    const key = keyOf(item.type, stem, normalisedOptions, item.images);
    const unitKey = `${scope}${SEPARATOR}${SEPARATOR}${key}`;
    const existing = unitByKey.get(unitKey);
    if (existing) {
      existing.members.push(index);
      return;
    }
    const text = includeOptions && item.type !== 'judge' ? [stem, ...normalisedOptions].join('|') : stem;
    const unit: Unit = { members: [index], scope, scopeIndex: scopeIndexByKey.get(scope)!, key, pictures, shingles: shingleSet(text, shingleSize) };
    units.push(unit);
    unitByKey.set(unitKey, unit);
  });
  const answerTexts = (index: number): string | undefined => {
    const answer = items[index].answer;
    if (!answer) return undefined;
    return answer.map((option) => normalised[index].options[option] ?? `#${option}`).sort().join(SEPARATOR);
  };

  const exactSet = new DisjointSet(items.length);
  const allSet = new DisjointSet(items.length);
  const pairs: (DuplicatePair & { order: number })[] = [];
  const addPair = (a: number, b: number, similarity: number, kind: 'exact' | 'near') => {
    const first = items[Math.min(a, b)];
    const second = items[Math.max(a, b)];
    const answersA = answerTexts(Math.min(a, b));
    const answersB = answerTexts(Math.max(a, b));
    pairs.push({
      a: first.id,
      b: second.id,
      similarity,
      kind,
      isCrossScope: (first.scopeKey ?? '') !== (second.scopeKey ?? ''),
      hasDifferentAnswers: answersA !== undefined && answersB !== undefined && answersA !== answersB,
      order: Math.min(a, b) * items.length + Math.max(a, b),
    });
    if (kind === 'exact') exactSet.union(a, b);
    allSet.union(a, b);
  };

  // 2. exact pairs inside units (same scope)
  if (mode !== 'different') {
    for (const unit of units) {
      for (let index = 1; index < unit.members.length; index += 1) addPair(unit.members[0], unit.members[index], 1, 'exact');
    }
  }

  // 3. LSH over units: candidate unit pairs sharing at least one band
  const signatureSize = bands * rows;
  const seeds = minHashSeeds(signatureSize);
  const buckets = new Map<number, number[]>();
  units.forEach((unit, unitIndex) => {
    if (unit.shingles.length === 0) return;
    const signature = minHashSignature(unit.shingles, signatureSize, seeds);
    for (let band = 0; band < bands; band += 1) {
      // within-scope search: buckets per scope (band keys stay below 2^38, scopes multiply by 2^38)
      const key = bandKey(signature, band, rows) + (mode === 'same' ? unit.scopeIndex * 2 ** 38 : 0);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(unitIndex);
      else buckets.set(key, [unitIndex]);
    }
  });
  const compared = new Set<number>();
  let comparisons = 0;
  const unitCount = units.length;
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    for (let i = 0; i < bucket.length; i += 1) {
      for (let j = i + 1; j < bucket.length; j += 1) {
        const low = Math.min(bucket[i], bucket[j]);
        const high = Math.max(bucket[i], bucket[j]);
        const pairKey = low * unitCount + high;
        if (compared.has(pairKey)) continue;
        compared.add(pairKey);
        const unitA = units[low];
        const unitB = units[high];
        if (!isAllowed(mode, unitA.scope, unitB.scope)) continue;
        if (unitA.pictures !== '' && unitB.pictures !== '' && unitA.pictures !== unitB.pictures) continue;
        comparisons += 1;
        const isExact = unitA.key === unitB.key;
        const similarity = isExact ? 1 : jaccard(unitA.shingles, unitB.shingles);
        if (!isExact && similarity < threshold) continue;
        addPair(unitA.members[0], unitB.members[0], similarity, isExact ? 'exact' : 'near');
        // every member of both units is the same item
        for (const member of unitA.members) allSet.union(unitA.members[0], member);
        for (const member of unitB.members) allSet.union(unitB.members[0], member);
        if (isExact) {
          for (const member of unitA.members) exactSet.union(unitA.members[0], member);
          for (const member of unitB.members) exactSet.union(unitB.members[0], member);
        }
      }
    }
  }
  // identical units in different scopes with empty shingles (e.g. stem of punctuation only)
  if (mode !== 'same') {
    const emptyByKey = new Map<string, Unit>();
    for (const unit of units) {
      if (unit.shingles.length !== 0) continue;
      const other = emptyByKey.get(unit.key);
      if (other && isAllowed(mode, other.scope, unit.scope)) addPair(other.members[0], unit.members[0], 1, 'exact');
      else if (!other) emptyByKey.set(unit.key, unit);
    }
  }

  const groups = new Map<number, string[]>();
  const clusterIdById: Record<string, string> = {};
  items.forEach((item, index) => {
    const root = allSet.find(index);
    clusterIdById[item.id] = items[root].id;
    const group = groups.get(root);
    if (group) group.push(item.id);
    else groups.set(root, [item.id]);
  });
  const clusters = [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .sort(([rootA], [rootB]) => rootA - rootB)
    .map(([, members]) => members);
  const exactRoots = exactSet.countRoots();
  const allRoots = groups.size;
  pairs.sort((p, q) => p.order - q.order);
  return {
    items: items.length,
    pairs: pairs.map(({ order: _order, ...pair }) => pair),
    clusters,
    clusterIdById,
    exactDuplicates: items.length - exactRoots,
    nearDuplicates: exactRoots - allRoots,
    duplicateRate: items.length === 0 ? 0 : (items.length - allRoots) / items.length,
    comparisons,
    durationMs: performance.now() - started,
  };
}

/**
 * Cluster id per item id for assembly (R2: items of one cluster count as the same item).
 * Shorthand for `findDuplicates(items, options).clusterIdById` as a Map.
 */
export function assignDuplicateClusters(
  items: readonly DuplicateCandidate[],
  options: FindDuplicatesOptions = {},
): Map<string, string> {
  return new Map(Object.entries(findDuplicates(items, options).clusterIdById));
}
