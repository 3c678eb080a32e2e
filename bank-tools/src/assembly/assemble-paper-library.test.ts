import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../types';
import { assemblePaperLibrary, assemblePaperLibraryOrThrow } from './assemble-paper-library';
import { isAssemblyInfeasibleError } from './assembly-infeasible-error';
import { createRandom, shuffled } from './random';
import { generateSyntheticBank } from './synthetic-bank';
import type { AssemblyInput, AssemblyItem, AssemblyResult, PaperLibrary } from './types';
import { verifyPaperLibrary } from './verify-paper-library';

const STRUCTURE_100 = [
  { type: 'judge' as const, count: 40, pointsEach: 1 },
  { type: 'single' as const, count: 50, pointsEach: 1 },
  { type: 'multiple' as const, count: 10, pointsEach: 1 },
];
// A bank shaped like the 734-item provincial bank: 375 judge, 295 single, 64 multiple.
const bank734 = generateSyntheticBank({
  seed: 'bank-734',
  itemsPerType: { judge: 375, single: 295, multiple: 64 },
  chapters: 4,
  pointsPerChapter: 3,
  duplicateRate: 0.05,
  structure: STRUCTURE_100,
});
const input734 = (seed: number | string, extra: Partial<AssemblyInput> = {}): AssemblyInput => ({
  items: bank734.items,
  blueprint: bank734.blueprint,
  paperCount: 5,
  seed,
  ...extra,
});

function expectLibrary(result: AssemblyResult): PaperLibrary {
  if (!result.ok) throw new Error(`expected a library, got ${JSON.stringify(result.infeasibility)}`);
  return result.library;
}

describe('assemblePaperLibrary', () => {
  it('R1-R3: over 200 seeds keeps every pair at or under 10% overlap with clusters, blueprint and structure counts exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const input = input734(seed);
        const library = expectLibrary(assemblePaperLibrary(input));
        expect(verifyPaperLibrary(library, input)).toEqual([]);
        expect(library.papers).toHaveLength(5);
        expect(library.papers.every((paper) => paper.itemIds.length === 100 && paper.totalPoints === 100)).toBe(true);
        expect(Math.max(...library.overlapMatrix.flatMap((row, p) => row.filter((_, q) => q !== p)))).toBeLessThanOrEqual(0.1);
        expect(library.difficulty.spread).toBeLessThanOrEqual(library.difficulty.tolerance + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same input and seed give an identical library, whatever the item order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const first = assemblePaperLibrary(input734(seed));
        const again = assemblePaperLibrary(input734(seed));
        const reordered = assemblePaperLibrary({ ...input734(seed), items: shuffled(bank734.items, createRandom(seed, 'reorder')) });
        expect(again).toEqual(first);
        expect(reordered).toEqual(first);
      }),
      { numRuns: 40 },
    );
  });

  it('gives different papers for different seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const left = expectLibrary(assemblePaperLibrary(input734(seed)));
        const right = expectLibrary(assemblePaperLibrary(input734(seed + 1)));
        expect(left.papers.map((paper) => paper.itemIds)).not.toEqual(right.papers.map((paper) => paper.itemIds));
      }),
      { numRuns: 60 },
    );
  });

  it('R2: counts near-duplicates as the same item and never puts two of a cluster in one paper', () => {
    // Every item has a twin: half the bank is near-duplicate of the other half.
    const items: AssemblyItem[] = bank734.items.map((item) => ({ ...item, clusterId: undefined }));
    const twins = items.map((item) => ({ ...item, id: `${item.id}-twin`, clusterId: item.id }));
    items.forEach((item) => (item.clusterId = item.id));
    const input: AssemblyInput = { items: [...items, ...twins], blueprint: bank734.blueprint, paperCount: 5, seed: 7 };
    const library = expectLibrary(assemblePaperLibrary(input));
    expect(verifyPaperLibrary(library, input)).toEqual([]);
    const sharedIds = library.papers[0].itemIds.filter((id) => library.papers[1].itemIds.includes(id)).length;
    expect(library.sharedItemMatrix[0][1]).toBeGreaterThanOrEqual(sharedIds);
  });

  it('R2: reaches a requested target mean difficulty within the tolerated spread', () => {
    const library = expectLibrary(assemblePaperLibrary(input734(3, { difficultyTarget: { mean: 0.55, spread: 0.01 } })));
    expect(library.difficulty.target).toBe(0.55);
    for (const mean of library.difficulty.meanPerPaper) expect(Math.abs(mean - 0.55)).toBeLessThanOrEqual(0.005 + 1e-12);
  });

  it('R2: assembles 5 papers of 120 items from a 500-item scope or reports why not', () => {
    const scope = generateSyntheticBank({
      seed: 'scope-500',
      itemsPerType: { judge: 200, single: 250, multiple: 50 },
      chapters: 5,
      pointsPerChapter: 4,
      duplicateRate: 0,
      structure: [
        { type: 'judge', count: 48, pointsEach: 0.5 },
        { type: 'single', count: 60, pointsEach: 1 },
        { type: 'multiple', count: 12, pointsEach: 1 },
      ],
    });
    for (const seed of [1, 2, 3, 4, 5]) {
      const input: AssemblyInput = { items: scope.items, blueprint: scope.blueprint, paperCount: 5, seed };
      const result = assemblePaperLibrary(input);
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(verifyPaperLibrary(result.library, input)).toEqual([]);
        expect(result.library.maxSharedPerPair).toBe(12);
        // 600 placements from 500 items: at least 100 shared placements, spread over 10 pairs.
        const sharedTotal = result.library.sharedItemMatrix.flatMap((row, p) => row.filter((_, q) => q > p)).reduce((a, b) => a + b, 0);
        expect(sharedTotal).toBeGreaterThanOrEqual(100);
      }
    }
  });

  it('keeps its promise on random bank shapes: a valid library or proven numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 1_000_000 }),
          judge: fc.integer({ min: 20, max: 400 }),
          single: fc.integer({ min: 20, max: 400 }),
          multiple: fc.integer({ min: 0, max: 80 }),
          chapters: fc.integer({ min: 1, max: 5 }),
          points: fc.integer({ min: 1, max: 4 }),
          paperCount: fc.integer({ min: 5, max: 8 }),
          judgeCount: fc.integer({ min: 5, max: 40 }),
          singleCount: fc.integer({ min: 5, max: 60 }),
          multipleCount: fc.integer({ min: 0, max: 15 }),
          duplicateRate: fc.constantFrom(0, 0.1, 0.3),
        }),
        (shape) => {
          const bank = generateSyntheticBank({
            seed: shape.seed,
            itemsPerType: { judge: shape.judge, single: shape.single, multiple: shape.multiple },
            chapters: shape.chapters,
            pointsPerChapter: shape.points,
            duplicateRate: shape.duplicateRate,
            structure: [
              { type: 'judge', count: shape.judgeCount, pointsEach: 1 },
              { type: 'single', count: shape.singleCount, pointsEach: 1 },
              { type: 'multiple', count: shape.multipleCount, pointsEach: 2 },
            ],
          });
          const input: AssemblyInput = { items: bank.items, blueprint: bank.blueprint, paperCount: shape.paperCount, seed: shape.seed };
          const result = assemblePaperLibrary(input);
          if (result.ok) {
            expect(verifyPaperLibrary(result.library, input)).toEqual([]);
          } else {
            expect(result.infeasibility.length).toBeGreaterThan(0);
            for (const issue of result.infeasibility) {
              expect(issue.required).toBeGreaterThan(issue.available);
              expect(issue.message).toContain(String(issue.required));
              expect(issue.message).toContain(String(issue.available));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('assemblePaperLibrary infeasibility', () => {
  const onePoint = (structure: Blueprint['structure']): Blueprint => ({ nodes: [{ code: '2.3', name: 'point', weight: 1 }], structure });
  const itemsOf = (counts: { judge?: number; single?: number; multiple?: number }): AssemblyItem[] =>
    (['judge', 'single', 'multiple'] as const).flatMap((type) =>
      Array.from({ length: counts[type] ?? 0 }, (_, index) => ({ id: `${type}-${index}`, type, knowledgePoint: '2.3', difficulty: 0.5 })),
    );

  it('R1: names the paper count when fewer than 5 papers are asked for', () => {
    const result = assemblePaperLibrary({ ...input734(1), paperCount: 3 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.infeasibility[0]).toMatchObject({ constraint: 'paper-count', required: 5, available: 3 });
  });

  it('R2: names the bank size when 5 papers of 130 items are asked from 500 items', () => {
    const items = itemsOf({ single: 500 });
    const result = assemblePaperLibrary({ items, blueprint: onePoint([{ type: 'single', count: 130, pointsEach: 1 }]), paperCount: 5, seed: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.infeasibility[0]).toMatchObject({ constraint: 'bank-size', required: 520, available: 500, isProven: true });
      expect(result.infeasibility[0].message).toMatch(/500 distinct items; 5 papers of 130 items .* need at least 520/);
    }
  });

  it('R2: names the knowledge point and type with too few items for k papers', () => {
    // 30-item papers may share 3 items per pair; 6 multiple-choice per paper from 8 items force 4 per pair.
    const items = itemsOf({ single: 200, multiple: 8 });
    const blueprint = onePoint([
      { type: 'single', count: 24, pointsEach: 1 },
      { type: 'multiple', count: 6, pointsEach: 2 },
    ]);
    const result = assemblePaperLibrary({ items, blueprint, paperCount: 5, seed: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const issue = result.infeasibility.find((entry) => entry.constraint === 'knowledge-point-capacity');
      expect(issue).toMatchObject({ knowledgePoint: '2.3', type: 'multiple', required: 10, available: 8 });
      expect(issue?.message).toMatch(/^knowledge point 2.3 multiple-choice has 8 items, 5 papers need 10/);
      expect(result.infeasibility.find((entry) => entry.constraint === 'pair-overlap')).toMatchObject({ required: 4, available: 3 });
    }
  });

  it('R3: names the item type the blueprint cannot fill', () => {
    const items = itemsOf({ single: 200, multiple: 8 });
    const blueprint = onePoint([
      { type: 'single', count: 20, pointsEach: 1 },
      { type: 'multiple', count: 10, pointsEach: 2 },
    ]);
    const result = assemblePaperLibrary({ items, blueprint, paperCount: 5, seed: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.infeasibility).toEqual([
        expect.objectContaining({ constraint: 'type-capacity', type: 'multiple', required: 10, available: 8 }),
      ]);
      expect(result.infeasibility[0].message).toBe('the blueprint knowledge points hold 8 distinct multiple-choice items, each paper needs 10');
    }
  });

  it('R2: names the forced library-wide sharing with its largest cells', () => {
    // 5 papers x 40 items from 170 distinct items; each pair may share 4 (40 in all), 30 extra uses need >= 30.
    const items = itemsOf({ single: 170 });
    const tight = assemblePaperLibrary({ items, blueprint: onePoint([{ type: 'single', count: 40, pointsEach: 1 }]), paperCount: 5, seed: 1 });
    expect(tight.ok).toBe(true);
    const tooSmall = assemblePaperLibrary({
      items: itemsOf({ single: 150 }),
      blueprint: onePoint([{ type: 'single', count: 40, pointsEach: 1 }]),
      paperCount: 5,
      seed: 1,
    });
    expect(tooSmall.ok).toBe(false);
    if (!tooSmall.ok) {
      expect(tooSmall.infeasibility.map((issue) => issue.constraint)).toEqual(['bank-size', 'knowledge-point-capacity', 'library-overlap']);
      expect(tooSmall.infeasibility[2]).toMatchObject({ required: 50, available: 40 });
    }
  });

  it('rejects malformed input naming the item and field', () => {
    const items = itemsOf({ single: 10 });
    items[3].difficulty = 1.5;
    expect(() =>
      assemblePaperLibrary({ items, blueprint: onePoint([{ type: 'single', count: 1, pointsEach: 1 }]), paperCount: 5, seed: 1 }),
    ).toThrow(/item single-3: difficulty must be a fraction between 0 and 1, got 1.5/);
    expect(() =>
      assemblePaperLibrary({ items: [...itemsOf({ single: 2 }), ...itemsOf({ single: 1 })], blueprint: onePoint([]), paperCount: 5, seed: 1 }),
    ).toThrow(/item single-0: id appears twice/);
  });
});

describe('assemblePaperLibraryOrThrow', () => {
  it('R1: throws AssemblyInfeasibleError carrying the binding constraints', () => {
    let caught: unknown;
    try {
      assemblePaperLibraryOrThrow({ ...input734(1), paperCount: 4 });
    } catch (error) {
      caught = error;
    }
    expect(isAssemblyInfeasibleError(caught)).toBe(true);
    if (isAssemblyInfeasibleError(caught)) {
      expect(caught.infeasibility[0].constraint).toBe('paper-count');
      expect(caught.message).toContain('at least 5 papers (R1), 4 requested');
    }
  });
});

describe('assemblePaperLibrary local search', () => {
  // 5 papers of 124 items from 500: 120 items must be used twice and each pair may share 12 =
  // exactly 120 shared placements, so only a perfectly balanced library is valid.
  const items: AssemblyItem[] = Array.from({ length: 500 }, (_, index) => ({
    id: `s-${String(index).padStart(3, '0')}`,
    type: 'single',
    knowledgePoint: 'A',
    difficulty: 0.5,
  }));
  const blueprint: Blueprint = { nodes: [{ code: 'A', name: 'A', weight: 1 }], structure: [{ type: 'single', count: 124, pointsEach: 1 }] };

  it('R2: reports the pair still over the limit when the iteration budget is spent', () => {
    const result = assemblePaperLibrary({ items, blueprint, paperCount: 5, seed: 0, maxIterations: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.infeasibility).toEqual([
        expect.objectContaining({ constraint: 'search-budget', papers: [3, 4], required: 13, available: 12, isProven: false }),
      ]);
    }
  });

  it('R2: repairs that construction into a library where every pair shares exactly 12 items', () => {
    const input: AssemblyInput = { items, blueprint, paperCount: 5, seed: 0 };
    const library = expectLibrary(assemblePaperLibrary(input));
    expect(verifyPaperLibrary(library, input)).toEqual([]);
    expect(library.iterations).toBeGreaterThan(0);
    expect(library.sharedItemMatrix.flatMap((row, p) => row.filter((_, q) => q !== p))).toEqual(Array(20).fill(12));
  });
});
