/**
 * Public shapes of the paper-library assembly (卷库组卷) for R1-R3. Pure data, no I/O.
 * Difficulty is a fraction 0..1 (higher = harder); overlap limits are fractions 0..1; points are
 * paper points; times are minutes.
 */
import type { Blueprint, TheoryItemType } from '../types';

/** A seed accepted by every seeded function here (stored with the result, R17 traceability). */
export type AssemblySeed = string | number;

/** One approved item version of the scope, as the assembler sees it. */
export interface AssemblyItem {
  id: string;
  type: TheoryItemType;
  /** Blueprint leaf code 鉴定点; items whose point is not a leaf of the blueprint are ignored. */
  knowledgePoint: string;
  /** Difficulty 0..1, higher = harder (callers map editor 1-5 or measured P onto this scale). */
  difficulty: number;
  /** Near-duplicate cluster: items sharing it count as the same item for R2 and within a paper. */
  clusterId?: string;
}

/** Difficulty goal: every paper's mean difficulty near `mean`; `spread` = tolerated max - min. */
export interface DifficultyTarget {
  /** Target mean difficulty 0..1; default: mean difficulty of the eligible bank items. */
  mean?: number;
  /** Tolerated spread (max - min) of paper mean difficulties, 0..1; default 0.01. */
  spread?: number;
}

/** Input of `assemblePaperLibrary` (R1 k >= 5, R2 overlap, R3 drawn from the bank). */
export interface AssemblyInput {
  items: readonly AssemblyItem[];
  blueprint: Blueprint;
  /** Number of papers k in the library; R1 requires >= 5. */
  paperCount: number;
  /** Maximum pairwise overlap as a fraction 0..1 (R2; default 0.10). */
  maxOverlap?: number;
  difficultyTarget?: DifficultyTarget;
  seed: AssemblySeed;
  /** Deterministic search budget in local-search iterations (default 40 000). */
  maxIterations?: number;
}

/** One (knowledge point, item type) quota: how many items each paper takes from that cell. */
export interface QuotaCell {
  knowledgePoint: string;
  type: TheoryItemType;
  /** Items per paper (identical for every paper of the library). */
  count: number;
  /** Unrounded share: absolute leaf weight x type count. */
  targetCount: number;
}

/** Quotas of a blueprint: cells ordered by structure type order, then blueprint leaf order. */
export interface BlueprintQuotas {
  cells: QuotaCell[];
  /** Leaves in blueprint (depth-first) order with absolute weight and items per paper. */
  leaves: { knowledgePoint: string; weight: number; count: number; targetCount: number }[];
  /** Items per paper (sum of the structure counts). */
  paperItemCount: number;
  /** Points per paper (sum of count x pointsEach). */
  paperTotalPoints: number;
}

/** Count of one (knowledge point, type) cell in one paper. */
export interface CellCount {
  knowledgePoint: string;
  type: TheoryItemType;
  count: number;
}

/** One theory paper 试卷 of the library. */
export interface AssembledPaper {
  /** 0-based position of the paper in the library. */
  index: number;
  /** Item ids in blueprint order: structure type order, then leaf order, then id. */
  itemIds: string[];
  totalPoints: number;
  meanDifficulty: number;
  countsByKnowledgePointAndType: CellCount[];
}

/** Coverage of one cell across the library. */
export interface CoverageRow {
  knowledgePoint: string;
  type: TheoryItemType;
  quotaPerPaper: number;
  /** Distinct items (near-duplicate clusters count once) available in the cell. */
  availableItems: number;
  /** Distinct items of the cell used by at least one paper. */
  usedItems: number;
  /** Placements in the cell over all papers (quota x k). */
  placements: number;
}

/** Difficulty figures of a library (fractions 0..1). */
export interface DifficultyStats {
  target: number;
  /** Tolerated spread the search aimed for. */
  tolerance: number;
  meanPerPaper: number[];
  /** max - min of the paper means. */
  spread: number;
  /** Largest |paper mean - target|. */
  maxDeviation: number;
}

/** A theory paper library 卷库 that satisfies R1-R3. */
export interface PaperLibrary {
  papers: AssembledPaper[];
  /** overlap(P,Q) = shared items / min(|P|,|Q|) (R2), diagonal 1. */
  overlapMatrix: number[][];
  /** Shared distinct items per pair (near-duplicates count as the same item), diagonal = size. */
  sharedItemMatrix: number[][];
  /** Largest shared count any pair may have: floor(maxOverlap x paper size). */
  maxSharedPerPair: number;
  maxOverlap: number;
  quotas: BlueprintQuotas;
  coverage: CoverageRow[];
  difficulty: DifficultyStats;
  /** Input items not placed in any cell (knowledge point not a blueprint leaf, or type not in the structure). */
  ignoredItemIds: string[];
  seed: AssemblySeed;
  /** Local-search iterations spent (deterministic budget, not wall time). */
  iterations: number;
}

/** Which necessary condition (or the search) failed. */
export type InfeasibilityConstraint =
  | 'paper-count'
  | 'blueprint'
  | 'bank-size'
  | 'type-capacity'
  | 'knowledge-point-capacity'
  | 'pair-overlap'
  | 'library-overlap'
  | 'cluster-uniqueness'
  | 'search-budget';

/** One reason a library cannot be assembled, with the numbers that bind. */
export interface Infeasibility {
  constraint: InfeasibilityConstraint;
  /** Human-readable, names the cell or pair and the numbers, e.g. `knowledge point 2.3 has 4 …`. */
  message: string;
  /** What the papers need (items, shared placements, papers …, see `unit`). */
  required: number;
  /** What the bank or the rule provides, in the same unit. */
  available: number;
  /** Unit of `required` / `available`, e.g. `distinct items`, `shared placements`. */
  unit: string;
  knowledgePoint?: string;
  type?: string;
  /** For pair failures: the two paper indexes. */
  papers?: [number, number];
  /** True when the condition is proven necessary; false when only the search budget ran out. */
  isProven: boolean;
}

/** Result of an assembly: a library or the list of binding constraints. */
export type AssemblyResult =
  | { ok: true; library: PaperLibrary }
  | { ok: false; infeasibility: Infeasibility[]; seed: AssemblySeed };
