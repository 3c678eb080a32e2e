/**
 * Blueprint quotas (R1 paper structure, R3): how many items of each (knowledge point 鉴定点,
 * item type) cell every paper of a library takes. Largest-remainder apportionment per type, then
 * an exchange repair that brings each leaf's total as close to its weight as possible while the
 * per-type counts stay exact.
 */
import type { Blueprint, BlueprintNode, TheoryItemType } from '../types';
import { minimumSharedPlacements } from './feasibility';
import type { BlueprintQuotas, QuotaCell } from './types';

/** A blueprint leaf with its absolute weight (product of normalised weights along its path). */
export interface BlueprintLeaf {
  knowledgePoint: string;
  name: string;
  weight: number;
}

/** Options of `deriveBlueprintQuotas`. */
export interface QuotaOptions {
  /**
   * Distinct items (near-duplicate clusters once) the bank holds per cell: an upper bound per
   * paper. Missing = unbounded. A cell with 0 gets no items and its share moves to other leaves.
   * Leaves of weight 0 always get 0.
   */
  availableItems?: (knowledgePoint: string, type: TheoryItemType) => number;
  /**
   * Papers in the library. With `availableItems`, the repair also minimises the shared
   * placements the quotas force (k x quota uses of a cell's items, R2) - after leaf totals,
   * before per-cell proportionality.
   */
  paperCount?: number;
}

/**
 * List the leaves of a blueprint in depth-first order with absolute weights (fractions 0..1
 * summing to 1 when any weight is positive). Sibling weights are normalised to sum 1; siblings
 * whose weights are all 0 get 0.
 * Throws RangeError for a negative or non-finite weight, an empty code or a repeated leaf code.
 */
export function listBlueprintLeaves(blueprint: Blueprint): BlueprintLeaf[] {
  const leaves: BlueprintLeaf[] = [];
  const seen = new Set<string>();
  const visit = (nodes: readonly BlueprintNode[], parentWeight: number, path: string): void => {
    let siblingSum = 0;
    for (const node of nodes) {
      if (!Number.isFinite(node.weight) || node.weight < 0) {
        throw new RangeError(`blueprint node ${path}${node.code}: weight must be a finite number >= 0, got ${node.weight}`);
      }
      siblingSum += node.weight;
    }
    for (const node of nodes) {
      if (typeof node.code !== 'string' || node.code.length === 0) {
        throw new RangeError(`blueprint node under ${path || 'root'}: code must be a non-empty string`);
      }
      const weight = siblingSum > 0 ? (parentWeight * node.weight) / siblingSum : 0;
      if (node.children && node.children.length > 0) {
        visit(node.children, weight, `${path}${node.code} > `);
      } else {
        if (seen.has(node.code)) {
          throw new RangeError(`blueprint leaf code ${node.code} appears twice`);
        }
        seen.add(node.code);
        leaves.push({ knowledgePoint: node.code, name: node.name, weight });
      }
    }
  };
  visit(blueprint.nodes, 1, '');
  return leaves;
}

/**
 * Validate the paper structure: unique types, integer counts >= 0, points >= 0.
 * Throws RangeError naming the offending structure entry.
 */
export function validatePaperStructure(blueprint: Blueprint): void {
  const types = new Set<TheoryItemType>();
  blueprint.structure.forEach((entry, position) => {
    if (types.has(entry.type)) {
      throw new RangeError(`blueprint structure entry ${position + 1}: type ${entry.type} appears twice`);
    }
    types.add(entry.type);
    if (!Number.isInteger(entry.count) || entry.count < 0) {
      throw new RangeError(`blueprint structure entry ${position + 1} (${entry.type}): count must be an integer >= 0, got ${entry.count}`);
    }
    if (!Number.isFinite(entry.pointsEach) || entry.pointsEach < 0) {
      throw new RangeError(`blueprint structure entry ${position + 1} (${entry.type}): pointsEach must be a number >= 0, got ${entry.pointsEach}`);
    }
  });
}

/**
 * Derive per (knowledge point, type) quotas, identical for every paper of a library (R1, R3).
 *
 * Per type: largest-remainder (Hamilton) apportionment of the type count over the leaves by
 * absolute weight, within `availableItems`. Then exchange moves (one item of a type from one leaf
 * to another, or two such moves of different types in opposite directions; both keep every type
 * count exact) bring each leaf total as close as possible to weight x paper size; second priority
 * (only with `paperCount` and `availableItems`) the fewest forced shared placements (R2); third
 * each cell to weight x type count. Deterministic: ties go to the earlier leaf and type.
 *
 * Returns cells in structure type order, then leaf order (all leaves x all structure types).
 * Throws RangeError for an invalid blueprint, for items required but no positive leaf weight, or
 * when the bounds cannot hold a type's count.
 */
export function deriveBlueprintQuotas(blueprint: Blueprint, options: QuotaOptions = {}): BlueprintQuotas {
  validatePaperStructure(blueprint);
  const leaves = listBlueprintLeaves(blueprint);
  const structure = blueprint.structure;
  const paperItemCount = structure.reduce((sum, entry) => sum + entry.count, 0);
  const paperTotalPoints = structure.reduce((sum, entry) => sum + entry.count * entry.pointsEach, 0);
  const totalWeight = leaves.reduce((sum, leaf) => sum + leaf.weight, 0);
  if (paperItemCount > 0 && totalWeight <= 0) {
    throw new RangeError('blueprint has no knowledge point with a positive weight, but the structure asks for items');
  }
  const leafCount = leaves.length;
  const typeCount = structure.length;
  const target: number[][] = leaves.map((leaf) => structure.map((entry) => leaf.weight * entry.count));
  const bound: number[][] = leaves.map((leaf) =>
    structure.map((entry) => {
      if (leaf.weight <= 0) return 0;
      const value = options.availableItems ? options.availableItems(leaf.knowledgePoint, entry.type) : Infinity;
      return Number.isNaN(value) ? 0 : Math.max(0, Math.floor(value));
    }),
  );
  const quota: number[][] = leaves.map(() => structure.map(() => 0));

  // Largest remainder per type column, within the bounds.
  for (let t = 0; t < typeCount; t += 1) {
    const count = structure[t].count;
    let capacity = 0;
    for (let l = 0; l < leafCount; l += 1) capacity += Math.min(bound[l][t], count);
    if (capacity < count) {
      throw new RangeError(
        `blueprint structure asks for ${count} ${structure[t].type} items per paper, the cell bounds allow ${capacity}`,
      );
    }
    let placed = 0;
    for (let l = 0; l < leafCount; l += 1) {
      quota[l][t] = Math.min(Math.floor(target[l][t] + 1e-9), bound[l][t]);
      placed += quota[l][t];
    }
    // Over-allocation is impossible (floors sum to <= count); hand out the rest by remainder.
    while (placed < count) {
      let best = -1;
      for (let l = 0; l < leafCount; l += 1) {
        if (quota[l][t] >= bound[l][t]) continue;
        if (best < 0 || target[l][t] - quota[l][t] > target[best][t] - quota[best][t] + 1e-12) best = l;
      }
      quota[best][t] += 1;
      placed += 1;
    }
  }

  // Exchange repair, compared lexicographically: leaf totals, then forced sharing, then cells.
  const leafTarget = leaves.map((leaf) => leaf.weight * paperItemCount);
  const leafTotal = quota.map((row) => row.reduce((sum, value) => sum + value, 0));
  const paperCount = options.paperCount ?? 0;
  const isSharingCounted = paperCount > 1 && options.availableItems !== undefined;
  const sharing = (l: number, t: number, count: number): number =>
    isSharingCounted ? minimumSharedPlacements(bound[l][t], paperCount * count, paperCount) : 0;
  const sharingChange = (l: number, t: number, step: number): number => sharing(l, t, quota[l][t] + step) - sharing(l, t, quota[l][t]);
  const cellChange = (l: number, t: number, step: number): number =>
    (quota[l][t] + step - target[l][t]) ** 2 - (quota[l][t] - target[l][t]) ** 2;
  const rowChange = (l: number, step: number): number => (leafTotal[l] + step - leafTarget[l]) ** 2 - (leafTotal[l] - leafTarget[l]) ** 2;
  const isBetter = (candidate: number[], best: number[]): boolean => {
    for (let index = 0; index < candidate.length; index += 1) {
      if (candidate[index] < best[index] - 1e-9) return true;
      if (candidate[index] > best[index] + 1e-9) return false;
    }
    return false;
  };
  for (let guard = 0; guard < 10 * paperItemCount + 100; guard += 1) {
    let best = [0, 0, 0];
    let bestMove: [number, number, number, number] | null = null; // [t, from, to, t2 or -1]
    for (let t = 0; t < typeCount; t += 1) {
      for (let from = 0; from < leafCount; from += 1) {
        if (quota[from][t] === 0) continue;
        for (let to = 0; to < leafCount; to += 1) {
          if (to === from || quota[to][t] >= bound[to][t]) continue;
          const share = sharingChange(from, t, -1) + sharingChange(to, t, 1);
          const cell = cellChange(from, t, -1) + cellChange(to, t, 1);
          const single = [rowChange(from, -1) + rowChange(to, 1), share, cell];
          if (isBetter(single, best)) {
            best = single;
            bestMove = [t, from, to, -1];
          }
          // Paired exchange: one t moves from -> to, one t2 moves to -> from; leaf totals unchanged.
          for (let t2 = 0; t2 < typeCount; t2 += 1) {
            if (t2 === t || quota[to][t2] === 0 || quota[from][t2] >= bound[from][t2]) continue;
            const paired = [
              0,
              share + sharingChange(to, t2, -1) + sharingChange(from, t2, 1),
              cell + cellChange(to, t2, -1) + cellChange(from, t2, 1),
            ];
            if (isBetter(paired, best)) {
              best = paired;
              bestMove = [t, from, to, t2];
            }
          }
        }
      }
    }
    if (!bestMove) break;
    const [t, from, to, t2] = bestMove;
    quota[from][t] -= 1;
    quota[to][t] += 1;
    if (t2 >= 0) {
      quota[to][t2] -= 1;
      quota[from][t2] += 1;
    } else {
      leafTotal[from] -= 1;
      leafTotal[to] += 1;
    }
  }

  const cells: QuotaCell[] = [];
  for (let t = 0; t < typeCount; t += 1) {
    for (let l = 0; l < leafCount; l += 1) {
      cells.push({ knowledgePoint: leaves[l].knowledgePoint, type: structure[t].type, count: quota[l][t], targetCount: target[l][t] });
    }
  }
  return {
    cells,
    leaves: leaves.map((leaf, l) => ({
      knowledgePoint: leaf.knowledgePoint,
      weight: leaf.weight,
      count: leafTotal[l],
      targetCount: leafTarget[l],
    })),
    paperItemCount,
    paperTotalPoints,
  };
}
