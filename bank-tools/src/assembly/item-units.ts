/**
 * Near-duplicate units (R2 interpretation): items sharing a clusterId are one unit; every other
 * item is its own unit. Overlap and within-paper uniqueness are counted on units.
 */
import { compareStrings } from './random';

/** Minimal item shape for unit assignment. */
export interface UnitItem {
  id: string;
  clusterId?: string;
}

/**
 * Sort items by id (code-unit order, so input order never matters) and assign unit indexes in
 * that order. Throws RangeError for an empty or repeated item id.
 */
export function assignUnits<T extends UnitItem>(items: readonly T[]): { sorted: T[]; itemUnit: Int32Array; unitCount: number } {
  const sorted = items.slice().sort((left, right) => compareStrings(left.id, right.id));
  const itemUnit = new Int32Array(sorted.length);
  const unitIndex = new Map<string, number>();
  sorted.forEach((item, index) => {
    if (typeof item.id !== 'string' || item.id.length === 0) {
      throw new RangeError(`item at sorted position ${index}: id must be a non-empty string`);
    }
    if (index > 0 && sorted[index - 1].id === item.id) {
      throw new RangeError(`item ${item.id}: id appears twice`);
    }
    const key = item.clusterId !== undefined && item.clusterId !== '' ? `cluster\u001f${item.clusterId}` : `item\u001f${item.id}`;
    let unit = unitIndex.get(key);
    if (unit === undefined) {
      unit = unitIndex.size;
      unitIndex.set(key, unit);
    }
    itemUnit[index] = unit;
  });
  return { sorted, itemUnit, unitCount: unitIndex.size };
}

/** floor(maxOverlap x paperSize) robust to binary fractions (0.1 x 120 = 12.000000000000002). */
export function computeMaxSharedPerPair(maxOverlap: number, paperSize: number): number {
  return Math.floor(maxOverlap * paperSize + 1e-9);
}

/** Validate a fraction 0..1; throws RangeError naming the field. */
export function assertFraction(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${field} must be a fraction between 0 and 1, got ${value}`);
  }
}

/** Validate a paper count (integer >= 1; R1's minimum of 5 is reported as infeasibility). */
export function assertPaperCount(value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`paperCount must be an integer >= 1, got ${value}`);
  }
}
