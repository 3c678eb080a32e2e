/**
 * Practical paper library (实操卷库) assembly: R1 >= 5 papers from the practical item bank, R2
 * pairwise overlap, R3 tasks drawn from the bank. Same engine and infeasibility style as the
 * theory library; balances total time (minutes) and total points across papers.
 */
import { solveAssembly, type EngineAttribute, type EngineCell } from './engine';
import { checkNecessaryConditions, type FeasibilityCell } from './feasibility';
import { assertFraction, assertPaperCount, assignUnits, computeMaxSharedPerPair } from './item-units';
import { buildOverlapMatrices, DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_OVERLAP, describeViolatedPairs } from './assemble-paper-library';
import { compareStrings, createRandom } from './random';
import type { AssemblySeed, Infeasibility } from './types';

/** A practical task 实操试题 as the assembler sees it. */
export interface PracticalAssemblyItem {
  id: string;
  knowledgePoint: string;
  timeLimitMinutes: number;
  points: number;
  /** Near-duplicate cluster (same task reworded): counted as the same task for R2. */
  clusterId?: string;
}

/** Tasks per paper for one knowledge point. */
export interface PracticalBlueprintEntry {
  knowledgePoint: string;
  count: number;
}

/** Input of `assemblePracticalLibrary`: give `tasksPerPaper` (any point) or `blueprint`. */
export interface PracticalAssemblyInput {
  items: readonly PracticalAssemblyItem[];
  tasksPerPaper?: number;
  blueprint?: readonly PracticalBlueprintEntry[];
  paperCount: number;
  /** Fraction 0..1, default 0.10 (R2). */
  maxOverlap?: number;
  seed: AssemblySeed;
  maxIterations?: number;
}

/** One practical paper. */
export interface PracticalPaper {
  index: number;
  /** Task ids in blueprint order, then id. */
  itemIds: string[];
  totalTimeMinutes: number;
  totalPoints: number;
  countsByKnowledgePoint: { knowledgePoint: string; count: number }[];
}

/** A practical paper library. */
export interface PracticalLibrary {
  papers: PracticalPaper[];
  overlapMatrix: number[][];
  sharedItemMatrix: number[][];
  maxSharedPerPair: number;
  maxOverlap: number;
  /** Spread (max - min) of paper totals. */
  timeSpreadMinutes: number;
  pointsSpread: number;
  ignoredItemIds: string[];
  seed: AssemblySeed;
  iterations: number;
}

/** Result union, same style as the theory library. */
export type PracticalAssemblyResult =
  | { ok: true; library: PracticalLibrary }
  | { ok: false; infeasibility: Infeasibility[]; seed: AssemblySeed };

/** Label of the single cell used when only `tasksPerPaper` is given. */
export const ANY_KNOWLEDGE_POINT = '*';

/**
 * Assemble `paperCount` practical papers (R1 >= 5, R2 overlap <= maxOverlap with near-duplicate
 * clusters as one task, R3). With `tasksPerPaper` every paper takes that many tasks from the whole
 * bank; with `blueprint` each knowledge point gives exactly its count. Local search evens out the
 * papers' total minutes and total points (targets: bank means x tasks per paper).
 * Returns `{ ok: false, infeasibility }` naming the binding constraint with numbers.
 * Throws RangeError for malformed input (both or neither of tasksPerPaper/blueprint, negative
 * minutes or points, duplicate ids, paperCount < 1, maxOverlap outside 0..1).
 */
export function assemblePracticalLibrary(input: PracticalAssemblyInput): PracticalAssemblyResult {
  const { paperCount, seed } = input;
  const maxOverlap = input.maxOverlap ?? DEFAULT_MAX_OVERLAP;
  assertPaperCount(paperCount);
  assertFraction(maxOverlap, 'maxOverlap');
  if ((input.tasksPerPaper === undefined) === (input.blueprint === undefined)) {
    throw new RangeError('give exactly one of tasksPerPaper or blueprint');
  }
  const entries: PracticalBlueprintEntry[] =
    input.blueprint !== undefined
      ? input.blueprint.map((entry) => ({ ...entry }))
      : [{ knowledgePoint: ANY_KNOWLEDGE_POINT, count: input.tasksPerPaper ?? 0 }];
  const seenPoints = new Set<string>();
  entries.forEach((entry, position) => {
    if (!Number.isInteger(entry.count) || entry.count < 0) {
      throw new RangeError(`practical blueprint entry ${position + 1} (${entry.knowledgePoint}): count must be an integer >= 0, got ${entry.count}`);
    }
    if (seenPoints.has(entry.knowledgePoint)) throw new RangeError(`practical blueprint: knowledge point ${entry.knowledgePoint} appears twice`);
    seenPoints.add(entry.knowledgePoint);
  });
  const { sorted, itemUnit, unitCount } = assignUnits(input.items);
  sorted.forEach((item) => {
    if (!Number.isFinite(item.timeLimitMinutes) || item.timeLimitMinutes < 0) {
      throw new RangeError(`practical item ${item.id}: timeLimitMinutes must be a number >= 0, got ${item.timeLimitMinutes}`);
    }
    if (!Number.isFinite(item.points) || item.points < 0) {
      throw new RangeError(`practical item ${item.id}: points must be a number >= 0, got ${item.points}`);
    }
  });
  const isAnyPoint = input.blueprint === undefined;
  const entryIndex = new Map(entries.map((entry, index) => [entry.knowledgePoint, index]));
  const cellItems: number[][] = entries.map(() => []);
  const ignoredItemIds: string[] = [];
  sorted.forEach((item, index) => {
    const cell = isAnyPoint ? 0 : entryIndex.get(item.knowledgePoint);
    if (cell === undefined || entries[cell].count === 0) ignoredItemIds.push(item.id);
    else cellItems[cell].push(index);
  });
  const cellUnits = cellItems.map((items) => new Set(items.map((item) => itemUnit[item])).size);
  const paperSize = entries.reduce((sum, entry) => sum + entry.count, 0);
  const maxSharedPerPair = computeMaxSharedPerPair(maxOverlap, paperSize);
  const distinctUnits = new Set(cellItems.flat().map((item) => itemUnit[item])).size;
  const feasibilityCells: FeasibilityCell[] = entries.map((entry, c) => ({
    knowledgePoint: entry.knowledgePoint,
    typeLabel: 'practical',
    quota: entry.count,
    availableUnits: cellUnits[c],
  }));
  const infeasibility = checkNecessaryConditions({
    cells: feasibilityCells,
    paperCount,
    paperSize,
    maxSharedPerPair,
    maxOverlap,
    distinctUnits,
    itemNoun: 'tasks',
  });
  if (infeasibility.length > 0) return { ok: false, infeasibility, seed };

  const eligible = cellItems.flat();
  const attribute = (values: Float64Array): EngineAttribute => {
    const mean = eligible.length > 0 ? eligible.reduce((sum, item) => sum + values[item], 0) / eligible.length : 0;
    const scale = Math.max(mean, 1e-9);
    return { values, target: mean, weight: 1 / (scale * scale), tolerance: 0.01 * scale };
  };
  const time = new Float64Array(sorted.map((item) => item.timeLimitMinutes));
  const points = new Float64Array(sorted.map((item) => item.points));
  const engineCells: EngineCell[] = entries.map((entry, c) => ({ quota: entry.count, items: cellItems[c] }));
  const solution = solveAssembly({
    paperCount,
    itemUnit,
    unitCount,
    cells: engineCells,
    attributes: [attribute(time), attribute(points)],
    maxSharedPerPair,
    maxIterations: input.maxIterations ?? DEFAULT_MAX_ITERATIONS,
    random: createRandom(seed, 'practical-library'),
  });
  if (solution.unfilled) {
    const entry = entries[solution.unfilled.cell];
    return {
      ok: false,
      seed,
      infeasibility: [
        {
          constraint: 'cluster-uniqueness',
          message: `knowledge point ${entry.knowledgePoint}: paper ${solution.unfilled.paper + 1} cannot take ${entry.count} distinct tasks`,
          required: entry.count,
          available: cellUnits[solution.unfilled.cell],
          unit: 'distinct tasks',
          knowledgePoint: entry.knowledgePoint,
          isProven: false,
        },
      ],
    };
  }
  if (solution.violations > 0) {
    return { ok: false, seed, infeasibility: describeViolatedPairs(solution.shared, paperCount, maxSharedPerPair, solution.iterations) };
  }
  const papers: PracticalPaper[] = [];
  for (let p = 0; p < paperCount; p += 1) {
    const itemIds: string[] = [];
    let offset = 0;
    let totalTimeMinutes = 0;
    let totalPoints = 0;
    entries.forEach((entry) => {
      const slice = Array.from(solution.papers[p].subarray(offset, offset + entry.count));
      offset += entry.count;
      for (const item of slice) {
        totalTimeMinutes += time[item];
        totalPoints += points[item];
      }
      itemIds.push(...slice.map((item) => sorted[item].id).sort(compareStrings));
    });
    papers.push({
      index: p,
      itemIds,
      totalTimeMinutes,
      totalPoints,
      countsByKnowledgePoint: entries.map((entry) => ({ knowledgePoint: entry.knowledgePoint, count: entry.count })),
    });
  }
  const spread = (values: number[]): number => (values.length > 0 ? Math.max(...values) - Math.min(...values) : 0);
  return {
    ok: true,
    library: {
      papers,
      ...buildOverlapMatrices(solution.shared, paperCount, paperSize),
      maxSharedPerPair,
      maxOverlap,
      timeSpreadMinutes: spread(papers.map((paper) => paper.totalTimeMinutes)),
      pointsSpread: spread(papers.map((paper) => paper.totalPoints)),
      ignoredItemIds,
      seed,
      iterations: solution.iterations,
    },
  };
}
