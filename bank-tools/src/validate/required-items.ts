/**
 * How many distinct items a paper library needs (R1 + R2): k papers of n items each whose
 * pairwise overlap |P ∩ Q| / min(|P|, |Q|) stays at or under f.
 */

/** R2 default: papers of the same level repeat each other by no more than 10%. */
export const R2_MAX_OVERLAP = 0.1;
/** R1 default: a theory paper library holds at least 5 papers. */
export const R1_PAPER_LIBRARY_SIZE = 5;

/** Parameters of a paper library. */
export interface PaperLibraryShape {
  /** k: number of papers (>= 1). */
  paperCount: number;
  /** n: items per paper (>= 0). */
  itemsPerPaper: number;
  /** f: largest allowed overlap between two papers, fraction 0..1. */
  maxOverlap: number;
}

function check(shape: PaperLibraryShape): void {
  const { paperCount, itemsPerPaper, maxOverlap } = shape;
  if (!Number.isInteger(paperCount) || paperCount < 1) throw new RangeError(`paperCount must be a positive integer, got ${paperCount}`);
  if (!Number.isInteger(itemsPerPaper) || itemsPerPaper < 0) throw new RangeError(`itemsPerPaper must be a non-negative integer, got ${itemsPerPaper}`);
  if (!(maxOverlap >= 0 && maxOverlap <= 1)) throw new RangeError(`maxOverlap must be a fraction 0..1, got ${maxOverlap}`);
}

/** m = ⌊f·n⌋: items two papers of n items may share (with a 1e-9 tolerance against 0.1·30 = 2.9999…). */
export function sharedItemsAllowed(itemsPerPaper: number, maxOverlap: number): number {
  return Math.floor(maxOverlap * itemsPerPaper + 1e-9);
}

/** Fewest pairs of papers sharing an item when `placements` item uses are spread over `distinct` items. */
function evenSpreadSharedPairs(distinct: number, placements: number): number {
  const base = Math.floor(placements / distinct);
  const heavier = placements - base * distinct;
  return heavier * ((base + 1) * base) / 2 + (distinct - heavier) * (base * (base - 1)) / 2;
}

/**
 * Minimum number of distinct items for k papers of n items with pairwise overlap <= f (R1, R2).
 *
 * Counting bound: let item j appear in d_j papers; Σ d_j = k·n and, as every pair of papers may
 * share at most m = ⌊f·n⌋ items, Σ C(d_j, 2) <= C(k,2)·m. For N distinct items Σ C(d_j, 2) is
 * smallest when the uses are spread evenly, so the answer is the smallest N >= n whose even
 * spread of k·n uses stays within C(k,2)·m shared pairs.
 * When (k−1)·m <= n (always for f <= 1/(k−1), e.g. R2's 10% with up to 11 papers) this is
 *
 *   N(k, n, f) = k·n − C(k,2)·m,
 *
 * and it is reached: paper i takes m fresh "shared" items with each earlier paper and
 * n − (i−1)·m new ones, so every item is in at most two papers and each pair shares exactly m.
 * For larger f the value is a lower bound (designs reaching it need not exist).
 * Example: 5 papers at 10% → n = 100 needs 500 − 10·10 = 400 = 4n; a 500-item bank allows
 * n <= 124 (⌊0.1·125⌋ = 12, so n = 125 would need 505).
 *
 * @returns number of distinct items (0 for n = 0)
 * @throws RangeError for a non-integer or negative count or f outside 0..1
 */
export function requiredDistinctItems(shape: PaperLibraryShape): number {
  check(shape);
  const { paperCount: k, itemsPerPaper: n, maxOverlap: f } = shape;
  if (n === 0) return 0;
  const allowance = ((k * (k - 1)) / 2) * sharedItemsAllowed(n, f);
  let low = n;
  let high = k * n;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (evenSpreadSharedPairs(middle, k * n) <= allowance) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Largest n such that k papers of n items at overlap <= f fit in a bank of `distinctItems`
 * (inverse of {@link requiredDistinctItems}; R1, R2).
 * @returns items per paper, 0 when not even one item per paper fits
 */
export function maxItemsPerPaper(distinctItems: number, paperCount = R1_PAPER_LIBRARY_SIZE, maxOverlap = R2_MAX_OVERLAP): number {
  let best = 0;
  for (let n = 1; n <= distinctItems; n += 1) {
    if (requiredDistinctItems({ paperCount, itemsPerPaper: n, maxOverlap }) <= distinctItems) best = n;
  }
  return best;
}

/**
 * Distinct items one blueprint cell (knowledge point × item type) needs when each paper draws
 * `perPaper` items from it (R2). The cell gets its share ⌊f·c⌋ of the pairwise allowance, so the
 * formula is {@link requiredDistinctItems} with n = c. Cells meeting this guarantee the whole
 * paper meets R2 (Σ ⌊f·c_i⌋ <= ⌊f·n⌋); it is conservative, an assembler may concentrate overlap.
 * @returns 0 for c = 0
 */
export function requiredItemsForCell(perPaper: number, paperCount = R1_PAPER_LIBRARY_SIZE, maxOverlap = R2_MAX_OVERLAP): number {
  return requiredDistinctItems({ paperCount, itemsPerPaper: perPaper, maxOverlap });
}
