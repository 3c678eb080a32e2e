import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCandidateForms, mapBankToDisplayed, mapResponseToBank, shuffleForm, type FormItem } from './candidate-forms';

const paperIds = ['paper-a', 'paper-b', 'paper-c', 'paper-d', 'paper-e'];

describe('buildCandidateForms', () => {
  it('R2: balances candidates over the papers, counts differing by at most 1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 12 }), fc.string({ minLength: 1 }), (candidates, papers, seed) => {
        const ids = Array.from({ length: papers }, (_, index) => `p${index}`);
        const candidateIds = Array.from({ length: candidates }, (_, index) => `c${index}`);
        const forms = buildCandidateForms({ paperIds: ids, candidateIds, seed });
        const counts = ids.map((id) => forms.filter((form) => form.paperId === id).length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        expect(forms.map((form) => form.candidateId)).toEqual(candidateIds);
        expect(buildCandidateForms({ paperIds: ids, candidateIds, seed })).toEqual(forms);
      }),
      { numRuns: 200 },
    );
  });

  it('gives different assignments for different seeds and distinct per-candidate seeds', () => {
    const candidateIds = Array.from({ length: 40 }, (_, index) => `candidate-${index}`);
    const first = buildCandidateForms({ paperIds, candidateIds, seed: 'batch-1' });
    const second = buildCandidateForms({ paperIds, candidateIds, seed: 'batch-2' });
    expect(first.map((form) => form.paperIndex)).not.toEqual(second.map((form) => form.paperIndex));
    expect(new Set(first.map((form) => form.candidateSeed)).size).toBe(40);
  });

  it('rejects a roster that names a candidate twice', () => {
    expect(() => buildCandidateForms({ paperIds, candidateIds: ['x', 'x'], seed: 1 })).toThrow(/candidate x appears twice/);
  });
});

const formItemsArbitrary = fc.array(
  fc.oneof(
    fc.record({ type: fc.constant('judge' as const), optionCount: fc.constant(2) }),
    fc.record({ type: fc.constantFrom('single' as const, 'multiple' as const), optionCount: fc.integer({ min: 2, max: 8 }) }),
  ),
  { minLength: 0, maxLength: 60 },
).map((entries) =>
  // Sections as a paper has them: type runs in blueprint order.
  [...entries]
    .sort((left, right) => ['judge', 'single', 'multiple'].indexOf(left.type) - ['judge', 'single', 'multiple'].indexOf(right.type))
    .map((entry, index): FormItem => ({ itemId: `i${index}`, ...entry })),
);

describe('shuffleForm', () => {
  it('R3: gives item and option orders that are permutations, keeps type sections and judge order (property)', () => {
    fc.assert(
      fc.property(formItemsArbitrary, fc.string({ minLength: 1 }), (items, candidateSeed) => {
        const form = shuffleForm({ items, candidateSeed });
        expect([...form.itemOrder].sort((a, b) => a - b)).toEqual(items.map((_, index) => index));
        expect(form.itemOrder.map((index) => items[index].type)).toEqual(items.map((item) => item.type));
        form.optionOrders.forEach((order, index) => {
          expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: items[index].optionCount }, (_, option) => option));
          if (items[index].type === 'judge') expect(order).toEqual([0, 1]);
        });
        expect(shuffleForm({ items, candidateSeed })).toEqual(form);
      }),
      { numRuns: 200 },
    );
  });

  it('shuffles differently for different candidates', () => {
    const items: FormItem[] = Array.from({ length: 30 }, (_, index) => ({ itemId: `s${index}`, type: 'single', optionCount: 4 }));
    expect(shuffleForm({ items, candidateSeed: 'a' })).not.toEqual(shuffleForm({ items, candidateSeed: 'b' }));
  });

  it('rejects a judge item with other than 2 options', () => {
    expect(() => shuffleForm({ items: [{ itemId: 'j1', type: 'judge', optionCount: 3 }], candidateSeed: 1 })).toThrow(/item j1: a judge item has 2 options/);
  });
});

describe('mapResponseToBank', () => {
  it('R3: round-trips displayed and bank option indexes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((count) =>
          fc.tuple(
            fc.shuffledSubarray(Array.from({ length: count }, (_, index) => index), { minLength: count, maxLength: count }),
            fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { maxLength: count }),
          ),
        ),
        ([permutation, displayed]) => {
          const bank = mapResponseToBank(permutation, displayed);
          expect(bank).toEqual([...bank].sort((a, b) => a - b));
          expect(mapBankToDisplayed(permutation, bank)).toEqual([...displayed].sort((a, b) => a - b));
          expect(mapResponseToBank(permutation, mapBankToDisplayed(permutation, bank))).toEqual(bank);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('maps a shown option back to the bank option it came from', () => {
    // Displayed A is bank C, displayed B is bank A …
    expect(mapResponseToBank([2, 0, 3, 1], [0, 3])).toEqual([1, 2]);
    expect(mapBankToDisplayed([2, 0, 3, 1], [1, 2])).toEqual([0, 3]);
  });

  it('rejects an index outside the options and a non-permutation', () => {
    expect(() => mapResponseToBank([1, 0], [2])).toThrow(/displayed option 2 is outside 0..1/);
    expect(() => mapResponseToBank([0, 0], [0])).toThrow(/is not a permutation/);
  });
});
