import { describe, expect, it } from 'vitest';
import { runAssemblyBenchmark } from './bench';
import { checkNecessaryConditions, minimumSharedPlacements } from './feasibility';
import { generateSyntheticBank } from './synthetic-bank';

describe('minimumSharedPlacements', () => {
  it('R2: spreads uses evenly: 10 uses of 4 items share at least 8 pairs (3,3,2,2)', () => {
    expect(minimumSharedPlacements(4, 10, 5)).toBe(3 + 3 + 1 + 1);
    expect(minimumSharedPlacements(500, 600, 5)).toBe(100);
    expect(minimumSharedPlacements(500, 500, 5)).toBe(0);
    expect(minimumSharedPlacements(1, 6, 5)).toBe(Infinity);
  });
});

describe('checkNecessaryConditions', () => {
  it('R2: accepts the exact bound 4n = distinct items for 5 papers', () => {
    const cells = [{ knowledgePoint: 'A', typeLabel: 'single-choice', quota: 120, availableUnits: 480 }];
    expect(checkNecessaryConditions({ cells, paperCount: 5, paperSize: 120, maxSharedPerPair: 12, maxOverlap: 0.1, distinctUnits: 480, itemNoun: 'items' })).toEqual([]);
    const short = checkNecessaryConditions({
      cells: [{ ...cells[0], availableUnits: 479 }], paperCount: 5, paperSize: 120, maxSharedPerPair: 12, maxOverlap: 0.1, distinctUnits: 479, itemNoun: 'items',
    });
    expect(short.map((issue) => [issue.constraint, issue.required, issue.available])).toEqual([
      ['bank-size', 480, 479],
      ['knowledge-point-capacity', 480, 479],
      ['library-overlap', 121, 120],
    ]);
  });
});

describe('runAssemblyBenchmark', () => {
  it('R2: summarises success and spread for both assemblers', () => {
    const bank = generateSyntheticBank({
      seed: 'bench',
      itemsPerType: { judge: 300, single: 300 },
      chapters: 2,
      pointsPerChapter: 2,
      structure: [
        { type: 'judge', count: 10, pointsEach: 1 },
        { type: 'single', count: 10, pointsEach: 1 },
      ],
    });
    const result = runAssemblyBenchmark({ items: bank.items, blueprint: bank.blueprint, seeds: [1, 2, 3] });
    expect(result.runs).toBe(3);
    expect(result.successRate).toBe(1);
    expect(result.meanDifficultySpread).toBeLessThanOrEqual(0.01);
    expect(Number.isFinite(result.baselineDrawSpread)).toBe(true);
    expect(Number.isFinite(result.p95Ms)).toBe(true);
  });
});
