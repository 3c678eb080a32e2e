/**
 * Test-assembly engine shared by theory and practical libraries (R2, R3): a constructive greedy
 * assignment of items to papers (exact per-cell quotas, one use per near-duplicate cluster per
 * paper, fresh items before reused ones, reuse spread over the least-loaded pairs) followed by a
 * seeded local search (replacement and swap moves) that removes pairwise-overlap violations and
 * pulls every paper's attribute means (difficulty, time …) to their targets.
 * Deterministic: every choice comes from the seeded generator and an iteration budget.
 */
import { randomInt, shuffled, type RandomSource } from './random';

/** One cell (knowledge point x type): items per paper and the candidate item indexes. */
export interface EngineCell {
  quota: number;
  items: readonly number[];
}

/** A balanced attribute: per-item values, the target paper mean, cost weight, stop tolerance. */
export interface EngineAttribute {
  values: Float64Array;
  target: number;
  weight: number;
  /** The search may stop once every paper mean is within this distance of the target. */
  tolerance: number;
}

/** The problem handed to `solveAssembly`. Item indexes refer to `itemUnit`. */
export interface EngineProblem {
  paperCount: number;
  /** Unit (near-duplicate cluster) of each item. */
  itemUnit: Int32Array;
  unitCount: number;
  cells: readonly EngineCell[];
  attributes: readonly EngineAttribute[];
  maxSharedPerPair: number;
  maxIterations: number;
  random: RandomSource;
}

/** The engine's answer. `papers[p]` lists item indexes grouped by cell in cell order. */
export interface EngineSolution {
  papers: Int32Array[];
  /** Shared units per pair, row-major k x k (diagonal 0). */
  shared: Int32Array;
  /** Sum over pairs of max(0, shared - limit). */
  violations: number;
  iterations: number;
  /** Set when construction could not fill a slot (every unit of the cell already in the paper). */
  unfilled?: { cell: number; paper: number };
}

const VIOLATION_WEIGHT = 1e3;

/**
 * Solve one assembly problem. Throws nothing for infeasible inputs: the caller reads
 * `violations` / `unfilled` and reports.
 */
export function solveAssembly(problem: EngineProblem): EngineSolution {
  const { paperCount: k, itemUnit, unitCount, cells, attributes, maxSharedPerPair: limit, random } = problem;
  const cellStart: number[] = [];
  let paperSize = 0;
  for (const cell of cells) {
    cellStart.push(paperSize);
    paperSize += cell.quota;
  }
  const positionCell = new Int32Array(paperSize);
  cells.forEach((cell, c) => positionCell.fill(c, cellStart[c], cellStart[c] + cell.quota));
  const papers = Array.from({ length: k }, () => new Int32Array(paperSize).fill(-1));
  const inPaper = new Uint8Array(unitCount * k);
  const unitUse = new Int32Array(unitCount);
  const shared = new Int32Array(k * k);
  const attributeCount = attributes.length;
  const attributeSum = new Float64Array(k * attributeCount);
  let violations = 0;

  const adjustPair = (p: number, q: number, step: number): void => {
    const before = shared[p * k + q];
    const after = before + step;
    shared[p * k + q] = after;
    shared[q * k + p] = after;
    violations += Math.max(0, after - limit) - Math.max(0, before - limit);
  };
  const addUnit = (unit: number, p: number): void => {
    const base = unit * k;
    for (let q = 0; q < k; q += 1) if (q !== p && inPaper[base + q] === 1) adjustPair(p, q, 1);
    inPaper[base + p] = 1;
    unitUse[unit] += 1;
  };
  const removeUnit = (unit: number, p: number): void => {
    const base = unit * k;
    inPaper[base + p] = 0;
    unitUse[unit] -= 1;
    for (let q = 0; q < k; q += 1) if (q !== p && inPaper[base + q] === 1) adjustPair(p, q, -1);
  };
  const place = (p: number, position: number, item: number): void => {
    const old = papers[p][position];
    if (old >= 0) {
      if (itemUnit[old] !== itemUnit[item]) {
        removeUnit(itemUnit[old], p);
        addUnit(itemUnit[item], p);
      }
      for (let a = 0; a < attributeCount; a += 1) attributeSum[p * attributeCount + a] += attributes[a].values[item] - attributes[a].values[old];
    } else {
      addUnit(itemUnit[item], p);
      for (let a = 0; a < attributeCount; a += 1) attributeSum[p * attributeCount + a] += attributes[a].values[item];
    }
    papers[p][position] = item;
  };
  const paperCost = (p: number): number => {
    let cost = 0;
    for (let a = 0; a < attributeCount; a += 1) {
      const deviation = attributeSum[p * attributeCount + a] / paperSize - attributes[a].target;
      cost += attributes[a].weight * deviation * deviation;
    }
    return cost;
  };
  /** True when item may sit at `position` of paper p (its unit is not elsewhere in p). */
  const canPlace = (p: number, position: number, item: number): boolean => {
    const current = papers[p][position];
    if (current >= 0 && itemUnit[current] === itemUnit[item]) return true;
    return inPaper[itemUnit[item] * k + p] === 0;
  };

  // ---- Construction: tightest cells first, one slot per paper per round. ----
  const cellOrder = cells
    .map((cell, c) => ({ c, tightness: cell.quota === 0 ? -1 : (k * cell.quota) / Math.max(1, countUnits(cell.items, itemUnit)) }))
    .sort((left, right) => right.tightness - left.tightness || left.c - right.c)
    .map((entry) => entry.c);
  const filled = new Int32Array(k);
  const tier: number[] = [];
  for (const c of cellOrder) {
    const cell = cells[c];
    for (let round = 0; round < cell.quota; round += 1) {
      const burden = new Int32Array(k);
      for (let p = 0; p < k; p += 1) for (let q = 0; q < k; q += 1) burden[p] += shared[p * k + q];
      const order = shuffled(
        Array.from({ length: k }, (_, p) => p),
        random,
      ).sort((left, right) => burden[right] - burden[left]);
      for (const p of order) {
        // Tier = items whose (new violations, uses so far, load of the pairs it joins) is minimal.
        let bestViolation = Infinity;
        let bestUse = Infinity;
        let bestLoad = Infinity;
        tier.length = 0;
        for (const item of cell.items) {
          const unit = itemUnit[item];
          const base = unit * k;
          if (inPaper[base + p] === 1) continue;
          let newViolations = 0;
          let load = 0;
          if (unitUse[unit] > 0) {
            for (let q = 0; q < k; q += 1) {
              if (inPaper[base + q] === 1) {
                const pair = shared[p * k + q];
                load += pair;
                if (pair >= limit) newViolations += 1;
              }
            }
          }
          const use = unitUse[unit];
          if (
            newViolations < bestViolation ||
            (newViolations === bestViolation && (use < bestUse || (use === bestUse && load < bestLoad)))
          ) {
            bestViolation = newViolations;
            bestUse = use;
            bestLoad = load;
            tier.length = 0;
          }
          if (newViolations === bestViolation && use === bestUse && load === bestLoad) tier.push(item);
        }
        if (tier.length === 0) {
          return { papers, shared, violations, iterations: 0, unfilled: { cell: c, paper: p } };
        }
        // Tournament among a few random members of the tier: best fit to the attribute targets.
        let chosen = tier[randomInt(random, tier.length)];
        let chosenFit = fitAfter(p, chosen);
        for (let draw = 1; draw < 4 && draw < tier.length; draw += 1) {
          const candidate = tier[randomInt(random, tier.length)];
          const fit = fitAfter(p, candidate);
          if (fit < chosenFit) {
            chosen = candidate;
            chosenFit = fit;
          }
        }
        place(p, cellStart[c] + round, chosen);
        filled[p] += 1;
      }
    }
  }
  function fitAfter(p: number, item: number): number {
    let cost = 0;
    for (let a = 0; a < attributeCount; a += 1) {
      const deviation = (attributeSum[p * attributeCount + a] + attributes[a].values[item]) / (filled[p] + 1) - attributes[a].target;
      cost += attributes[a].weight * deviation * deviation;
    }
    return cost;
  }

  // ---- Local search. ----
  const costs = new Float64Array(k);
  for (let p = 0; p < k; p += 1) costs[p] = paperCost(p);
  const isOnTarget = (): boolean => {
    for (let p = 0; p < k; p += 1) {
      for (let a = 0; a < attributeCount; a += 1) {
        const deviation = attributeSum[p * attributeCount + a] / paperSize - attributes[a].target;
        if (Math.abs(deviation) > attributes[a].tolerance) return false;
      }
    }
    return true;
  };
  const trySwap = (p: number, positionP: number, q: number, positionQ: number): boolean => {
    const itemP = papers[p][positionP];
    const itemQ = papers[q][positionQ];
    if (itemUnit[itemP] === itemUnit[itemQ]) return false;
    if (!canPlace(p, positionP, itemQ) || !canPlace(q, positionQ, itemP)) return false;
    const violationsBefore = violations;
    const costBefore = costs[p] + costs[q];
    place(p, positionP, itemQ);
    place(q, positionQ, itemP);
    const costP = paperCost(p);
    const costQ = paperCost(q);
    const delta = VIOLATION_WEIGHT * (violations - violationsBefore) + costP + costQ - costBefore;
    if (delta < -1e-12) {
      costs[p] = costP;
      costs[q] = costQ;
      return true;
    }
    place(q, positionQ, itemQ);
    place(p, positionP, itemP);
    return false;
  };
  /** Best of `samples` random replacements of (p, position) from its cell; keeps it if not worse. */
  const improveSlot = (p: number, position: number, samples: number, isSidewaysAllowed: boolean): boolean => {
    const cell = cells[positionCell[position]];
    const original = papers[p][position];
    let bestItem = -1;
    let bestDelta = isSidewaysAllowed ? 1e-12 : -1e-12;
    const violationsBefore = violations;
    const costBefore = costs[p];
    const count = cell.items.length;
    const isExhaustive = count <= samples;
    const draws = isExhaustive ? count : samples;
    const offset = randomInt(random, count);
    for (let draw = 0; draw < draws; draw += 1) {
      const item = isExhaustive ? cell.items[(offset + draw) % count] : cell.items[randomInt(random, count)];
      if (item === original || !canPlace(p, position, item)) continue;
      place(p, position, item);
      const delta = VIOLATION_WEIGHT * (violations - violationsBefore) + paperCost(p) - costBefore;
      place(p, position, original);
      if (delta < bestDelta) {
        bestDelta = delta;
        bestItem = item;
      }
    }
    if (bestItem < 0) return false;
    place(p, position, bestItem);
    costs[p] = paperCost(p);
    return bestDelta < -1e-12;
  };

  let iterations = 0;
  let sinceImprovement = 0;
  const stallLimit = 2000 + 40 * paperSize;
  const violatedPairs: number[] = [];
  const sharedPositions: number[] = [];
  while (iterations < problem.maxIterations && paperSize > 0) {
    if (violations === 0 && isOnTarget()) break;
    if (sinceImprovement > stallLimit) break;
    iterations += 1;
    let isImproved = false;
    if (violations > 0 && random() < 0.85) {
      violatedPairs.length = 0;
      for (let p = 0; p < k; p += 1) for (let q = p + 1; q < k; q += 1) if (shared[p * k + q] > limit) violatedPairs.push(p * k + q);
      const pair = violatedPairs[randomInt(random, violatedPairs.length)];
      let p = Math.floor(pair / k);
      let q = pair % k;
      if (random() < 0.5) [p, q] = [q, p];
      sharedPositions.length = 0;
      for (let position = 0; position < paperSize; position += 1) {
        if (inPaper[itemUnit[papers[p][position]] * k + q] === 1) sharedPositions.push(position);
      }
      const position = sharedPositions[randomInt(random, sharedPositions.length)];
      isImproved = improveSlot(p, position, 48, true);
    } else if (random() < 0.5) {
      let p = randomInt(random, k);
      if (random() < 0.5) {
        let worst = -1;
        for (let candidate = 0; candidate < k; candidate += 1) if (worst < 0 || costs[candidate] > costs[worst]) worst = candidate;
        p = worst;
      }
      isImproved = improveSlot(p, randomInt(random, paperSize), 12, false);
    } else if (k > 1) {
      const p = randomInt(random, k);
      let q = randomInt(random, k - 1);
      if (q >= p) q += 1;
      const positionP = randomInt(random, paperSize);
      const c = positionCell[positionP];
      const positionQ = cellStart[c] + randomInt(random, cells[c].quota);
      isImproved = trySwap(p, positionP, q, positionQ);
    }
    sinceImprovement = isImproved ? 0 : sinceImprovement + 1;
  }
  return { papers, shared, violations, iterations };
}

/** Distinct units among the given items. */
export function countUnits(items: readonly number[], itemUnit: Int32Array): number {
  const seen = new Set<number>();
  for (const item of items) seen.add(itemUnit[item]);
  return seen.size;
}
