/**
 * Necessary conditions for a paper library (R1 k >= 5, R2 pairwise overlap <= limit). When one
 * fails no assembly can succeed, and the report names the binding cell or pair with numbers.
 */
import type { Infeasibility } from './types';

/** Minimum number of papers in a library (R1). */
export const MINIMUM_PAPER_COUNT = 5;

/** One cell of the assembly (a knowledge point x item type, or a practical knowledge point). */
export interface FeasibilityCell {
  knowledgePoint: string;
  type?: string;
  /** Human name used in messages, e.g. `multiple-choice`. */
  typeLabel: string;
  /** Items per paper. */
  quota: number;
  /** Distinct items (near-duplicate clusters count once) the cell can draw from. */
  availableUnits: number;
}

/** Inputs of the necessary-condition check. */
export interface FeasibilityProblem {
  cells: readonly FeasibilityCell[];
  paperCount: number;
  paperSize: number;
  /** floor(maxOverlap x paperSize): shared items one pair may have (R2). */
  maxSharedPerPair: number;
  maxOverlap: number;
  /** Distinct items over all cells of the scope. */
  distinctUnits: number;
  /** Plural noun for messages: `items` or `tasks`. */
  itemNoun: string;
}

/** Number of unordered pairs among `count` things. */
export function countPairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/**
 * Fewest pair-shares that `placements` uses of `units` distinct items over `paperCount` papers can
 * create (each item at most once per paper): spread the uses as evenly as possible; an item used
 * m times is shared by m(m-1)/2 pairs. Infinity when the placements do not fit at all.
 */
export function minimumSharedPlacements(units: number, placements: number, paperCount: number): number {
  if (placements <= 0) return 0;
  if (units <= 0 || placements > units * paperCount) return Infinity;
  const base = Math.floor(placements / units);
  const heavier = placements - base * units;
  return heavier * countPairs(base + 1) + (units - heavier) * countPairs(base);
}

/** Smallest unit count in [from, to] for which `isEnough` holds (monotone), or `to + 1`. */
function smallestSufficient(from: number, to: number, isEnough: (units: number) => boolean): number {
  let low = from;
  let high = to + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (isEnough(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function describeCell(cell: FeasibilityCell): string {
  return `knowledge point ${cell.knowledgePoint}${cell.typeLabel ? ` ${cell.typeLabel}` : ''}`;
}

/**
 * Check the necessary conditions of a library, most basic first: paper count (R1), bank size for
 * k papers under R2, per-cell capacity, per-pair forced sharing, library-wide forced sharing.
 * Returns [] when all hold (the search may still fail; that is reported separately).
 */
export function checkNecessaryConditions(problem: FeasibilityProblem): Infeasibility[] {
  const { cells, paperCount, paperSize, maxSharedPerPair, maxOverlap, distinctUnits, itemNoun } = problem;
  const found: Infeasibility[] = [];
  const percent = `${Math.round(maxOverlap * 1000) / 10}%`;
  if (paperCount < MINIMUM_PAPER_COUNT) {
    found.push({
      constraint: 'paper-count',
      message: `a paper library needs at least ${MINIMUM_PAPER_COUNT} papers (R1), ${paperCount} requested`,
      required: MINIMUM_PAPER_COUNT,
      available: paperCount,
      unit: 'papers',
      isProven: true,
    });
  }
  const pairBudget = countPairs(paperCount) * maxSharedPerPair;
  const totalPlacements = paperCount * paperSize;
  if (minimumSharedPlacements(distinctUnits, totalPlacements, paperCount) > pairBudget) {
    const required = smallestSufficient(
      paperSize,
      totalPlacements,
      (units) => minimumSharedPlacements(units, totalPlacements, paperCount) <= pairBudget,
    );
    found.push({
      constraint: 'bank-size',
      message:
        `the scope has ${distinctUnits} distinct ${itemNoun}; ${paperCount} papers of ${paperSize} ${itemNoun} ` +
        `sharing at most ${maxSharedPerPair} per pair (R2 ${percent}) need at least ${required}`,
      required,
      available: distinctUnits,
      unit: `distinct ${itemNoun}`,
      isProven: true,
    });
  }
  let forcedPerPair = 0;
  let forcedInLibrary = 0;
  const contributions: { cell: FeasibilityCell; shared: number }[] = [];
  for (const cell of cells) {
    if (cell.quota <= 0) continue;
    const placements = paperCount * cell.quota;
    const required = smallestSufficient(
      cell.quota,
      placements,
      (units) =>
        2 * cell.quota - units <= maxSharedPerPair &&
        minimumSharedPlacements(units, placements, paperCount) <= pairBudget,
    );
    if (cell.availableUnits < required) {
      found.push({
        constraint: 'knowledge-point-capacity',
        message:
          `${describeCell(cell)} has ${cell.availableUnits} ${itemNoun}, ${paperCount} papers need ${required} ` +
          `(${cell.quota} per paper, at most ${maxSharedPerPair} shared per pair, R2 ${percent})`,
        required,
        available: cell.availableUnits,
        unit: `distinct ${itemNoun}`,
        knowledgePoint: cell.knowledgePoint,
        type: cell.type,
        isProven: true,
      });
    }
    forcedPerPair += Math.max(0, 2 * cell.quota - cell.availableUnits);
    const shared = minimumSharedPlacements(cell.availableUnits, placements, paperCount);
    forcedInLibrary += shared;
    if (shared > 0) contributions.push({ cell, shared });
  }
  if (forcedPerPair > maxSharedPerPair) {
    found.push({
      constraint: 'pair-overlap',
      message:
        `any two papers must share at least ${forcedPerPair} ${itemNoun} because cells hold fewer than two papers' worth, ` +
        `R2 (${percent} of ${paperSize}) allows ${maxSharedPerPair}`,
      required: forcedPerPair,
      available: maxSharedPerPair,
      unit: `shared ${itemNoun} per pair`,
      isProven: true,
    });
  }
  if (forcedInLibrary > pairBudget) {
    contributions.sort((left, right) => right.shared - left.shared);
    const largest = contributions
      .slice(0, 3)
      .map(({ cell, shared }) => `${describeCell(cell)}: ${cell.availableUnits} ${itemNoun} for ${paperCount * cell.quota} places, ${shared}`)
      .join('; ');
    found.push({
      constraint: 'library-overlap',
      message:
        `the cells force at least ${forcedInLibrary} shared placements over the ${countPairs(paperCount)} pairs of papers, ` +
        `R2 allows ${pairBudget} (${maxSharedPerPair} per pair); largest: ${largest}`,
      required: forcedInLibrary,
      available: pairBudget,
      unit: 'shared placements',
      isProven: true,
    });
  }
  return found;
}
