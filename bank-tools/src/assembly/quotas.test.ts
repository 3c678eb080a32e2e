import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Blueprint, BlueprintNode, TheoryItemType } from '../types';
import { deriveBlueprintQuotas, listBlueprintLeaves } from './quotas';

const typesArbitrary = fc.uniqueArray(fc.constantFrom<TheoryItemType>('judge', 'single', 'multiple'), { minLength: 1, maxLength: 3 });

const blueprintArbitrary: fc.Arbitrary<Blueprint> = fc
  .record({
    chapters: fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
    chapterWeights: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 6, maxLength: 6 }),
    types: typesArbitrary,
    counts: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 3, maxLength: 3 }),
  })
  .filter(({ chapters }) => chapters.some((points) => points.some((weight) => weight > 0)))
  .map(({ chapters, chapterWeights, types, counts }) => {
    const nodes: BlueprintNode[] = chapters.map((points, c) => ({
      code: `${c + 1}`,
      name: `chapter ${c + 1}`,
      weight: points.some((weight) => weight > 0) ? chapterWeights[c] : 0,
      children: points.map((weight, p) => ({ code: `${c + 1}.${p + 1}`, name: `point ${c + 1}.${p + 1}`, weight })),
    }));
    return { nodes, structure: types.map((type, index) => ({ type, count: counts[index], pointsEach: 1 })) };
  });

describe('listBlueprintLeaves', () => {
  it('R3: gives leaves in depth-first order with absolute weights summing to 1', () => {
    const leaves = listBlueprintLeaves({
      nodes: [
        { code: '1', name: 'a', weight: 0.6, children: [{ code: '1.1', name: 'a1', weight: 1 }, { code: '1.2', name: 'a2', weight: 3 }] },
        { code: '2', name: 'b', weight: 0.4 },
      ],
      structure: [],
    });
    expect(leaves.map((leaf) => leaf.knowledgePoint)).toEqual(['1.1', '1.2', '2']);
    expect(leaves.map((leaf) => leaf.weight)).toEqual([0.15, 0.45, 0.4].map((value) => expect.closeTo(value, 12)));
  });

  it('rejects a repeated leaf code and a negative weight, naming the node', () => {
    expect(() => listBlueprintLeaves({ nodes: [{ code: 'x', name: '', weight: 1 }, { code: 'x', name: '', weight: 1 }], structure: [] })).toThrow(/x appears twice/);
    expect(() => listBlueprintLeaves({ nodes: [{ code: 'y', name: '', weight: -1 }], structure: [] })).toThrow(/node y: weight/);
  });
});

describe('deriveBlueprintQuotas', () => {
  it('R3: apportions 20 judge, 60 single, 10 multiple exactly by weight', () => {
    const quotas = deriveBlueprintQuotas({
      nodes: [
        { code: '1', name: 'a', weight: 0.5 },
        { code: '2', name: 'b', weight: 0.3 },
        { code: '3', name: 'c', weight: 0.2 },
      ],
      structure: [
        { type: 'judge', count: 20, pointsEach: 1 },
        { type: 'single', count: 60, pointsEach: 1 },
        { type: 'multiple', count: 10, pointsEach: 2 },
      ],
    });
    expect(quotas.paperItemCount).toBe(90);
    expect(quotas.paperTotalPoints).toBe(100);
    expect(quotas.cells.map((cell) => `${cell.type}:${cell.knowledgePoint}=${cell.count}`)).toEqual([
      'judge:1=10', 'judge:2=6', 'judge:3=4',
      'single:1=30', 'single:2=18', 'single:3=12',
      'multiple:1=5', 'multiple:2=3', 'multiple:3=2',
    ]);
    expect(quotas.leaves.map((leaf) => leaf.count)).toEqual([45, 27, 18]);
  });

  it('R3: keeps type counts exact and every leaf within one item of its weight (property)', () => {
    fc.assert(
      fc.property(blueprintArbitrary, (blueprint) => {
        const quotas = deriveBlueprintQuotas(blueprint);
        for (const entry of blueprint.structure) {
          const total = quotas.cells.filter((cell) => cell.type === entry.type).reduce((sum, cell) => sum + cell.count, 0);
          expect(total).toBe(entry.count);
        }
        for (const leaf of quotas.leaves) {
          expect(Math.abs(leaf.count - leaf.targetCount)).toBeLessThan(1 + 1e-9);
          if (leaf.weight === 0) expect(leaf.count).toBe(0);
        }
        expect(quotas.cells.every((cell) => cell.count >= 0 && Number.isInteger(cell.count))).toBe(true);
        expect(deriveBlueprintQuotas(blueprint)).toEqual(quotas);
      }),
      { numRuns: 300 },
    );
  });

  it('R3: respects the items available per cell and moves the share to other cells', () => {
    const blueprint: Blueprint = {
      nodes: [
        { code: 'A', name: 'a', weight: 0.5 },
        { code: 'B', name: 'b', weight: 0.5 },
      ],
      structure: [
        { type: 'single', count: 10, pointsEach: 1 },
        { type: 'multiple', count: 10, pointsEach: 1 },
      ],
    };
    const quotas = deriveBlueprintQuotas(blueprint, {
      availableItems: (knowledgePoint, type) => (knowledgePoint === 'A' && type === 'multiple' ? 2 : 100),
    });
    const count = (knowledgePoint: string, type: string) => quotas.cells.find((cell) => cell.knowledgePoint === knowledgePoint && cell.type === type)?.count;
    expect(count('A', 'multiple')).toBe(2);
    expect(count('B', 'multiple')).toBe(8);
    // Leaf totals stay at 10 each: A takes the multiple-choice shortfall as single-choice items.
    expect(quotas.leaves.map((leaf) => leaf.count)).toEqual([10, 10]);
    expect(count('A', 'single')).toBe(8);
  });

  it('R2: with a paper count, prefers quotas that force fewer shared items', () => {
    const blueprint: Blueprint = {
      nodes: [
        { code: 'A', name: 'a', weight: 0.5 },
        { code: 'B', name: 'b', weight: 0.5 },
      ],
      structure: [
        { type: 'judge', count: 10, pointsEach: 1 },
        { type: 'single', count: 10, pointsEach: 1 },
      ],
    };
    // A has only 10 judge items: 5 papers x 5 judge would reuse them; A has plenty of single items.
    const availableItems = (knowledgePoint: string, type: TheoryItemType) => (knowledgePoint === 'A' && type === 'judge' ? 10 : 200);
    const quotas = deriveBlueprintQuotas(blueprint, { availableItems, paperCount: 5 });
    const count = (knowledgePoint: string, type: string) => quotas.cells.find((cell) => cell.knowledgePoint === knowledgePoint && cell.type === type)?.count;
    expect(count('A', 'judge')).toBe(2);
    expect(count('B', 'judge')).toBe(8);
    expect(quotas.leaves.map((leaf) => leaf.count)).toEqual([10, 10]);
  });

  it('throws when the cell bounds cannot hold a type count', () => {
    const blueprint: Blueprint = { nodes: [{ code: 'A', name: 'a', weight: 1 }], structure: [{ type: 'multiple', count: 10, pointsEach: 2 }] };
    expect(() => deriveBlueprintQuotas(blueprint, { availableItems: () => 8 })).toThrow(/10 multiple items per paper, the cell bounds allow 8/);
  });
});
