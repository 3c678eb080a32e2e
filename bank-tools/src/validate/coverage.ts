/**
 * Coverage of a blueprint by a bank: per knowledge point × item type, distinct items available
 * against those a paper library needs (R2).
 */
import type { Blueprint, TheoryItemType } from '../types';
import { apportion } from '../blueprint/apportion';
import { blueprintLeaves } from '../blueprint/blueprint-tree';
import type { CoverageCell } from './readiness';
import { R2_MAX_OVERLAP, R1_PAPER_LIBRARY_SIZE, requiredItemsForCell } from './required-items';

/** An item as coverage sees it: type, knowledge point, and (optionally) its duplicate cluster. */
export interface CoverageItem {
  type: TheoryItemType;
  knowledgePoint?: string;
  /** Items of one cluster count once (R2). Without it every item counts. */
  clusterId?: string;
}

/** Options of {@link deriveCoverage}. */
export interface CoverageOptions {
  /** Papers in the library, default 5 (R1). */
  paperCount?: number;
  /** Largest pairwise overlap, fraction 0..1, default 0.1 (R2). */
  maxOverlap?: number;
}

/** A coverage cell with the items each paper draws from it. */
export interface CoverageRequirement extends CoverageCell {
  perPaper: number;
}

/**
 * Computes, for every leaf knowledge point and every item type of the paper structure, how many
 * items one paper draws (the type's count split over leaves by absolute weight, largest
 * remainder) and the distinct items required (`requiredItemsForCell`, R2) versus available
 * (distinct clusters of items with that knowledge point and type).
 * @returns one row per leaf × structure type with perPaper > 0, in leaf order then structure order
 */
export function deriveCoverage(blueprint: Blueprint, items: readonly CoverageItem[], options: CoverageOptions = {}): CoverageRequirement[] {
  const paperCount = options.paperCount ?? R1_PAPER_LIBRARY_SIZE;
  const maxOverlap = options.maxOverlap ?? R2_MAX_OVERLAP;
  const leaves = blueprintLeaves(blueprint);
  const available = new Map<string, Set<string>>();
  items.forEach((item, index) => {
    if (!item.knowledgePoint) return;
    const key = `${item.knowledgePoint}\u0001${item.type}`;
    let clusters = available.get(key);
    if (!clusters) {
      clusters = new Set();
      available.set(key, clusters);
    }
    clusters.add(item.clusterId ?? `#${index}`);
  });
  const perLeafByType = new Map<TheoryItemType, number[]>();
  for (const entry of blueprint.structure) {
    perLeafByType.set(entry.type, apportion(entry.count, leaves.map((leaf) => leaf.absoluteWeight)));
  }
  const rows: CoverageRequirement[] = [];
  leaves.forEach((leaf, leafIndex) => {
    for (const entry of blueprint.structure) {
      const perPaper = perLeafByType.get(entry.type)![leafIndex];
      if (perPaper === 0) continue;
      rows.push({
        knowledgePoint: leaf.code,
        type: entry.type,
        perPaper,
        required: requiredItemsForCell(perPaper, paperCount, maxOverlap),
        available: available.get(`${leaf.code}\u0001${entry.type}`)?.size ?? 0,
      });
    }
  });
  return rows;
}
