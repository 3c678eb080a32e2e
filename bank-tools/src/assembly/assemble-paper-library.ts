/**
 * Theory paper library 卷库 assembly (R1 >= 5 papers, R2 pairwise overlap <= 10%, R3 every item
 * drawn from the bank): blueprint quotas, necessary-condition check, constructive greedy and
 * seeded local search. Pure and deterministic: same input + seed ⇒ identical library.
 */
import type { TheoryItemType } from '../types';
import { AssemblyInfeasibleError } from './assembly-infeasible-error';
import { solveAssembly, type EngineCell } from './engine';
import { checkNecessaryConditions, type FeasibilityCell } from './feasibility';
import { assertFraction, assertPaperCount, assignUnits, computeMaxSharedPerPair } from './item-units';
import { deriveBlueprintQuotas, listBlueprintLeaves, validatePaperStructure } from './quotas';
import { compareStrings, createRandom } from './random';
import type {
  AssembledPaper,
  BlueprintQuotas,
  AssemblyInput,
  AssemblyResult,
  CoverageRow,
  Infeasibility,
  PaperLibrary,
} from './types';

/** Default R2 limit: papers of one level repeat each other by no more than 10%. */
export const DEFAULT_MAX_OVERLAP = 0.1;
/** Default tolerated spread (max - min) of paper mean difficulties. */
export const DEFAULT_DIFFICULTY_SPREAD = 0.01;
/** Default local-search budget (iterations, deterministic). */
export const DEFAULT_MAX_ITERATIONS = 40_000;

const TYPE_LABELS: Record<TheoryItemType, string> = {
  single: 'single-choice',
  multiple: 'multiple-choice',
  judge: 'true/false',
};
const THEORY_TYPES: readonly TheoryItemType[] = ['single', 'multiple', 'judge'];

/** Human label of an item type for reports: `single-choice`, `multiple-choice`, `true/false`. */
export function describeItemType(type: TheoryItemType): string {
  return TYPE_LABELS[type];
}

/**
 * Assemble a theory paper library of `paperCount` parallel papers from one scope's approved items.
 *
 * Every paper takes exactly the `deriveBlueprintQuotas` counts per (knowledge point, type) cell
 * (bounded by the distinct items per cell), so structure and blueprint counts are exact (R3);
 * no near-duplicate cluster appears twice in a paper; every pair of papers shares at most
 * floor(maxOverlap x paper size) items, clusters counted once (R2); paper mean difficulties are
 * pulled to the target (default: mean of the eligible items) by local search.
 *
 * Returns `{ ok: true, library }` or `{ ok: false, infeasibility }` listing the binding constraints
 * with numbers (`isProven: true` for necessary conditions; `search-budget` when the deterministic
 * iteration budget ran out with violations left). Throws RangeError for malformed input (duplicate
 * ids, difficulty outside 0..1, unknown type, bad blueprint, paperCount < 1, maxOverlap outside 0..1).
 */
export function assemblePaperLibrary(input: AssemblyInput): AssemblyResult {
  const prepared = prepareTheoryAssembly(input);
  if (!prepared.ok) return prepared;
  const { paperCount, seed, cellItems, cellUnits, quotas } = prepared;
  const solution = solveAssembly({
    paperCount,
    itemUnit: prepared.itemUnit,
    unitCount: prepared.unitCount,
    cells: quotas.cells.map((cell, c): EngineCell => ({ quota: cell.count, items: cellItems[c] })),
    attributes: [{ values: prepared.difficulty, target: prepared.targetMean, weight: 1, tolerance: prepared.tolerance / 2 }],
    maxSharedPerPair: prepared.maxSharedPerPair,
    maxIterations: input.maxIterations ?? DEFAULT_MAX_ITERATIONS,
    random: createRandom(seed, 'theory-library'),
  });
  if (solution.unfilled) {
    const cell = quotas.cells[solution.unfilled.cell];
    return {
      ok: false,
      seed,
      infeasibility: [
        {
          constraint: 'cluster-uniqueness',
          message:
            `knowledge point ${cell.knowledgePoint} ${describeItemType(cell.type)}: paper ${solution.unfilled.paper + 1} ` +
            `already holds every near-duplicate cluster of the cell through other cells, ${cell.count} needed`,
          required: cell.count,
          available: cellUnits[solution.unfilled.cell],
          unit: 'distinct items',
          knowledgePoint: cell.knowledgePoint,
          type: cell.type,
          isProven: false,
        },
      ],
    };
  }
  if (solution.violations > 0) {
    return { ok: false, seed, infeasibility: describeViolatedPairs(solution.shared, paperCount, prepared.maxSharedPerPair, solution.iterations) };
  }
  return { ok: true, library: buildTheoryLibrary(prepared, solution.papers, solution.shared, solution.iterations) };
}

/**
 * Throwing variant of `assemblePaperLibrary` (R1-R3): returns the library or throws
 * `AssemblyInfeasibleError` carrying the infeasibility list. Also throws RangeError for malformed input.
 */
export function assemblePaperLibraryOrThrow(input: AssemblyInput): PaperLibrary {
  const result = assemblePaperLibrary(input);
  if (!result.ok) throw new AssemblyInfeasibleError(result.infeasibility, result.seed);
  return result.library;
}

/** Everything the theory assemblers share once the input is validated and feasible. */
export interface PreparedTheoryAssembly {
  ok: true;
  paperCount: number;
  seed: AssemblyInput['seed'];
  maxOverlap: number;
  maxSharedPerPair: number;
  /** Items sorted by id; engine item index = position here. */
  sorted: AssemblyInput['items'][number][];
  itemUnit: Int32Array;
  unitCount: number;
  difficulty: Float64Array;
  quotas: BlueprintQuotas;
  /** Item indexes per quota cell (same order as quotas.cells). */
  cellItems: number[][];
  /** Distinct units per quota cell. */
  cellUnits: number[];
  pointsByType: Map<TheoryItemType, number>;
  targetMean: number;
  tolerance: number;
  ignoredItemIds: string[];
}

/**
 * Validate a theory assembly input, derive the quotas and check the necessary conditions (R1,
 * R2). Returns the prepared problem or `{ ok: false, infeasibility }`. Throws RangeError for
 * malformed input, as `assemblePaperLibrary`.
 */
export function prepareTheoryAssembly(
  input: AssemblyInput,
): PreparedTheoryAssembly | { ok: false; infeasibility: Infeasibility[]; seed: AssemblyInput['seed'] } {
  const { blueprint, paperCount, seed } = input;
  const maxOverlap = input.maxOverlap ?? DEFAULT_MAX_OVERLAP;
  assertPaperCount(paperCount);
  assertFraction(maxOverlap, 'maxOverlap');
  validatePaperStructure(blueprint);
  createRandom(seed);
  const { sorted, itemUnit, unitCount } = assignUnits(input.items);
  sorted.forEach((item) => {
    if (!THEORY_TYPES.includes(item.type)) throw new RangeError(`item ${item.id}: type must be single, multiple or judge, got ${String(item.type)}`);
    assertFraction(item.difficulty, `item ${item.id}: difficulty`);
  });

  const leaves = listBlueprintLeaves(blueprint);
  const leafIndex = new Map(leaves.map((leaf, index) => [leaf.knowledgePoint, index]));
  const structure = blueprint.structure;
  const typeIndex = new Map(structure.map((entry, index) => [entry.type, index]));
  const leafCount = leaves.length;
  // Cell index = type position x leafCount + leaf position (structure order, then leaf order).
  const cellItems: number[][] = Array.from({ length: structure.length * leafCount }, () => []);
  const ignoredItemIds: string[] = [];
  sorted.forEach((item, index) => {
    const l = leafIndex.get(item.knowledgePoint);
    const t = typeIndex.get(item.type);
    if (l === undefined || t === undefined || structure[t].count === 0 || leaves[l].weight <= 0) {
      ignoredItemIds.push(item.id);
      return;
    }
    cellItems[t * leafCount + l].push(index);
  });
  const cellUnits = cellItems.map((items) => new Set(items.map((item) => itemUnit[item])).size);

  // Type capacity before quotas: the positive-weight cells of a type must hold one paper's count.
  const early: Infeasibility[] = [];
  structure.forEach((entry, t) => {
    let capacity = 0;
    for (let l = 0; l < leafCount; l += 1) capacity += Math.min(cellUnits[t * leafCount + l], entry.count);
    if (capacity < entry.count) {
      early.push({
        constraint: 'type-capacity',
        message: `the blueprint knowledge points hold ${capacity} distinct ${describeItemType(entry.type)} items, each paper needs ${entry.count}`,
        required: entry.count,
        available: capacity,
        unit: `distinct ${describeItemType(entry.type)} items per paper`,
        type: entry.type,
        isProven: true,
      });
    }
  });
  if (early.length > 0) {
    const paperCountIssue = checkNecessaryConditions({
      cells: [], paperCount, paperSize: 0, maxSharedPerPair: 0, maxOverlap, distinctUnits: 0, itemNoun: 'items',
    });
    return { ok: false, infeasibility: [...paperCountIssue, ...early], seed };
  }

  const quotas = deriveBlueprintQuotas(blueprint, {
    paperCount,
    availableItems: (knowledgePoint, type) => cellUnits[(typeIndex.get(type) ?? 0) * leafCount + (leafIndex.get(knowledgePoint) ?? 0)],
  });
  const paperSize = quotas.paperItemCount;
  const maxSharedPerPair = computeMaxSharedPerPair(maxOverlap, paperSize);
  const usedUnits = new Set<number>();
  quotas.cells.forEach((cell, c) => {
    if (cell.count > 0) for (const item of cellItems[c]) usedUnits.add(itemUnit[item]);
  });
  const feasibilityCells: FeasibilityCell[] = quotas.cells.map((cell, c) => ({
    knowledgePoint: cell.knowledgePoint,
    type: cell.type,
    typeLabel: describeItemType(cell.type),
    quota: cell.count,
    availableUnits: cellUnits[c],
  }));
  const infeasibility = checkNecessaryConditions({
    cells: feasibilityCells,
    paperCount,
    paperSize,
    maxSharedPerPair,
    maxOverlap,
    distinctUnits: usedUnits.size,
    itemNoun: 'items',
  });
  if (infeasibility.length > 0) return { ok: false, infeasibility, seed };

  const difficulty = new Float64Array(sorted.map((item) => item.difficulty));
  let eligibleSum = 0;
  let eligibleCount = 0;
  quotas.cells.forEach((cell, c) => {
    if (cell.count === 0) return;
    for (const item of cellItems[c]) {
      eligibleSum += difficulty[item];
      eligibleCount += 1;
    }
  });
  const targetMean = input.difficultyTarget?.mean ?? (eligibleCount > 0 ? eligibleSum / eligibleCount : 0.5);
  assertFraction(targetMean, 'difficultyTarget.mean');
  const tolerance = input.difficultyTarget?.spread ?? DEFAULT_DIFFICULTY_SPREAD;
  assertFraction(tolerance, 'difficultyTarget.spread');

  return {
    ok: true,
    paperCount,
    seed,
    maxOverlap,
    maxSharedPerPair,
    sorted,
    itemUnit,
    unitCount,
    difficulty,
    quotas,
    cellItems,
    cellUnits,
    pointsByType: new Map(structure.map((entry) => [entry.type, entry.pointsEach])),
    targetMean,
    tolerance,
    ignoredItemIds,
  };
}

/**
 * Build the public library from engine papers (item indexes grouped by quota cell). Pure.
 */
export function buildTheoryLibrary(
  prepared: PreparedTheoryAssembly,
  enginePapers: readonly Int32Array[],
  shared: Int32Array,
  iterations: number,
): PaperLibrary {
  const { paperCount, quotas, sorted, difficulty, itemUnit, cellUnits, pointsByType, targetMean, tolerance } = prepared;
  const paperSize = quotas.paperItemCount;
  const solution = { papers: enginePapers };
  const papers: AssembledPaper[] = [];
  const cellStart: number[] = [];
  let offset = 0;
  for (const cell of quotas.cells) {
    cellStart.push(offset);
    offset += cell.count;
  }
  for (let p = 0; p < paperCount; p += 1) {
    const slots = solution.papers[p];
    const itemIds: string[] = [];
    let difficultySum = 0;
    let totalPoints = 0;
    quotas.cells.forEach((cell, c) => {
      const ids = Array.from(slots.subarray(cellStart[c], cellStart[c] + cell.count), (item) => {
        difficultySum += difficulty[item];
        return sorted[item].id;
      }).sort(compareStrings);
      itemIds.push(...ids);
      totalPoints += cell.count * (pointsByType.get(cell.type) ?? 0);
    });
    papers.push({
      index: p,
      itemIds,
      totalPoints,
      meanDifficulty: paperSize > 0 ? difficultySum / paperSize : 0,
      countsByKnowledgePointAndType: quotas.cells.map((cell) => ({ knowledgePoint: cell.knowledgePoint, type: cell.type, count: cell.count })),
    });
  }
  const coverage: CoverageRow[] = quotas.cells.map((cell, c) => {
    const used = new Set<number>();
    for (let p = 0; p < paperCount; p += 1) {
      for (let position = cellStart[c]; position < cellStart[c] + cell.count; position += 1) used.add(itemUnit[solution.papers[p][position]]);
    }
    return {
      knowledgePoint: cell.knowledgePoint,
      type: cell.type,
      quotaPerPaper: cell.count,
      availableItems: cellUnits[c],
      usedItems: used.size,
      placements: cell.count * paperCount,
    };
  });
  const meanPerPaper = papers.map((paper) => paper.meanDifficulty);
  const library: PaperLibrary = {
    papers,
    ...buildOverlapMatrices(shared, paperCount, paperSize),
    maxSharedPerPair: prepared.maxSharedPerPair,
    maxOverlap: prepared.maxOverlap,
    quotas,
    coverage,
    difficulty: {
      target: targetMean,
      tolerance,
      meanPerPaper,
      spread: Math.max(...meanPerPaper) - Math.min(...meanPerPaper),
      maxDeviation: Math.max(...meanPerPaper.map((mean) => Math.abs(mean - targetMean))),
    },
    ignoredItemIds: prepared.ignoredItemIds,
    seed: prepared.seed,
    iterations,
  };
  return library;
}

/** Overlap fractions and shared counts from the engine's k x k shared-unit matrix (R2). */
export function buildOverlapMatrices(
  shared: Int32Array,
  paperCount: number,
  paperSize: number,
): { overlapMatrix: number[][]; sharedItemMatrix: number[][] } {
  const sharedItemMatrix: number[][] = [];
  const overlapMatrix: number[][] = [];
  for (let p = 0; p < paperCount; p += 1) {
    sharedItemMatrix.push(Array.from({ length: paperCount }, (_, q) => (p === q ? paperSize : shared[p * paperCount + q])));
    overlapMatrix.push(
      Array.from({ length: paperCount }, (_, q) => (p === q ? 1 : paperSize > 0 ? shared[p * paperCount + q] / paperSize : 0)),
    );
  }
  return { overlapMatrix, sharedItemMatrix };
}

/** Infeasibility entries for pairs still over the limit when the search budget ran out. */
export function describeViolatedPairs(
  shared: Int32Array,
  paperCount: number,
  maxSharedPerPair: number,
  iterations: number,
): Infeasibility[] {
  const found: Infeasibility[] = [];
  for (let p = 0; p < paperCount; p += 1) {
    for (let q = p + 1; q < paperCount; q += 1) {
      const count = shared[p * paperCount + q];
      if (count > maxSharedPerPair) {
        found.push({
          constraint: 'search-budget',
          message:
            `after ${iterations} search iterations papers ${p + 1} and ${q + 1} still share ${count} items, ` +
            `R2 allows ${maxSharedPerPair}; raise maxIterations, add items or lower the paper size`,
          required: count,
          available: maxSharedPerPair,
          unit: 'shared items',
          papers: [p, q],
          isProven: false,
        });
      }
    }
  }
  return found;
}
