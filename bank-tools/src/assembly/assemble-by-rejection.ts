/**
 * Naive stratified-rejection baseline, used ONLY by the benchmark to compare against
 * `assemblePaperLibrary`: per cell, draw the quota uniformly at random (one item per near-duplicate
 * cluster per paper), and redraw the whole library until every pair meets R2 or the cap is hit.
 */
import { buildTheoryLibrary, describeViolatedPairs, prepareTheoryAssembly } from './assemble-paper-library';
import { createRandom, randomInt } from './random';
import type { AssemblyInput, AssemblyResult } from './types';

/** Default number of whole-library draws before the baseline gives up. */
export const DEFAULT_REJECTION_ATTEMPTS = 200;

/**
 * Baseline assembly by rejection sampling (R2 checked after the fact). Same quotas, necessary
 * conditions and result shape as `assemblePaperLibrary`; `library.iterations` = draws used.
 * Returns `search-budget` infeasibility when `maxAttempts` draws all break R2.
 * Throws RangeError for malformed input, as `assemblePaperLibrary`.
 */
export function assembleByRejection(input: AssemblyInput, options: { maxAttempts?: number } = {}): AssemblyResult {
  const prepared = prepareTheoryAssembly(input);
  if (!prepared.ok) return prepared;
  const { paperCount: k, quotas, cellItems, itemUnit, unitCount, maxSharedPerPair } = prepared;
  const random = createRandom(input.seed, 'rejection-baseline');
  const maxAttempts = options.maxAttempts ?? DEFAULT_REJECTION_ATTEMPTS;
  const paperSize = quotas.paperItemCount;
  let shared = new Int32Array(k * k);
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const papers: Int32Array[] = [];
    const inPaper = new Uint8Array(unitCount * k);
    let isDrawn = true;
    for (let p = 0; p < k && isDrawn; p += 1) {
      const paper = new Int32Array(paperSize);
      let position = 0;
      quotas.cells.forEach((cell, c) => {
        const pool = cellItems[c].slice();
        let taken = 0;
        while (taken < cell.count && pool.length > 0) {
          const pick = randomInt(random, pool.length);
          const item = pool[pick];
          pool[pick] = pool[pool.length - 1];
          pool.pop();
          if (inPaper[itemUnit[item] * k + p] === 1) continue;
          inPaper[itemUnit[item] * k + p] = 1;
          paper[position] = item;
          position += 1;
          taken += 1;
        }
        if (taken < cell.count) isDrawn = false;
      });
      papers.push(paper);
    }
    if (!isDrawn) continue;
    shared = new Int32Array(k * k);
    let violations = 0;
    for (let unit = 0; unit < unitCount; unit += 1) {
      for (let p = 0; p < k; p += 1) {
        if (inPaper[unit * k + p] === 0) continue;
        for (let q = p + 1; q < k; q += 1) {
          if (inPaper[unit * k + q] === 1) {
            shared[p * k + q] += 1;
            shared[q * k + p] += 1;
          }
        }
      }
    }
    for (let p = 0; p < k; p += 1) for (let q = p + 1; q < k; q += 1) violations += Math.max(0, shared[p * k + q] - maxSharedPerPair);
    if (violations === 0) return { ok: true, library: buildTheoryLibrary(prepared, papers, shared, attempt) };
  }
  return { ok: false, seed: input.seed, infeasibility: describeViolatedPairs(shared, k, maxSharedPerPair, maxAttempts) };
}
