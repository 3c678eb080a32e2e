import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxItemsPerPaper, requiredDistinctItems, requiredItemsForCell, sharedItemsAllowed } from './required-items';

/** Smallest bank for which a greedy construction builds k papers of n items at overlap <= f. */
function constructiveSize(k: number, n: number, f: number): number {
  const m = sharedItemsAllowed(n, f);
  let next = 0;
  const papers: number[][] = [];
  for (let i = 0; i < k; i += 1) {
    const paper: number[] = [];
    // m items shared with each earlier paper, taken from that paper's not yet shared items
    for (let j = 0; j < i; j += 1) {
      const shareable = papers[j].filter((item) => papers.filter((other) => other.includes(item)).length === 1 && !paper.includes(item));
      paper.push(...shareable.slice(0, Math.min(m, n - paper.length)));
    }
    while (paper.length < n) paper.push(next++);
    papers.push(paper);
  }
  for (let a = 0; a < k; a += 1) {
    for (let b = a + 1; b < k; b += 1) {
      const shared = papers[a].filter((item) => papers[b].includes(item)).length;
      if (shared / n > f + 1e-9) throw new Error(`construction broke the overlap limit: ${shared}/${n}`);
    }
  }
  return next;
}

describe('requiredDistinctItems', () => {
  it('R2: needs 4n distinct items for 5 papers of n at 10% (n = 100 → 400)', () => {
    expect(requiredDistinctItems({ paperCount: 5, itemsPerPaper: 100, maxOverlap: 0.1 })).toBe(400);
    expect(requiredDistinctItems({ paperCount: 5, itemsPerPaper: 125, maxOverlap: 0.1 })).toBe(505);
    expect(requiredDistinctItems({ paperCount: 5, itemsPerPaper: 30, maxOverlap: 0.1 })).toBe(120);
  });

  it('R2: needs k·n items without overlap and n items when papers may be equal', () => {
    expect(requiredDistinctItems({ paperCount: 5, itemsPerPaper: 9, maxOverlap: 0.1 })).toBe(45);
    expect(requiredDistinctItems({ paperCount: 5, itemsPerPaper: 40, maxOverlap: 1 })).toBe(40);
    expect(requiredDistinctItems({ paperCount: 1, itemsPerPaper: 40, maxOverlap: 0 })).toBe(40);
    expect(requiredDistinctItems({ paperCount: 5, itemsPerPaper: 0, maxOverlap: 0.1 })).toBe(0);
  });

  it('R2: is reached by a construction whenever (k−1)·⌊f·n⌋ <= n, and never undercuts the counting bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), (k, n, percent) => {
        const f = percent / 100;
        const required = requiredDistinctItems({ paperCount: k, itemsPerPaper: n, maxOverlap: f });
        const m = sharedItemsAllowed(n, f);
        expect(required).toBeGreaterThanOrEqual(Math.max(n, k * n - ((k * (k - 1)) / 2) * m));
        if ((k - 1) * m <= n) {
          expect(required).toBe(k * n - ((k * (k - 1)) / 2) * m);
          expect(constructiveSize(k, n, f)).toBe(required);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('R2: tightens the bound when items would have to appear in three papers', () => {
    // k = 5, n = 10, f = 0.3: m = 3, C(5,2)·3 = 30 shared pairs; 50 uses over 24 items need 28 pairs, over 23 items 31
    expect(requiredDistinctItems({ paperCount: 5, itemsPerPaper: 10, maxOverlap: 0.3 })).toBe(24);
  });

  it('refuses non-integer counts and overlaps outside 0..1', () => {
    expect(() => requiredDistinctItems({ paperCount: 0, itemsPerPaper: 5, maxOverlap: 0.1 })).toThrow(RangeError);
    expect(() => requiredDistinctItems({ paperCount: 5, itemsPerPaper: 2.5, maxOverlap: 0.1 })).toThrow(/itemsPerPaper/u);
    expect(() => requiredDistinctItems({ paperCount: 5, itemsPerPaper: 5, maxOverlap: 1.1 })).toThrow(/maxOverlap/u);
  });
});

describe('maxItemsPerPaper', () => {
  it('R1/R2: a 500-item bank allows papers of 124 items for 5 papers at 10%', () => {
    expect(maxItemsPerPaper(500)).toBe(124);
    expect(maxItemsPerPaper(296)).toBe(73);
    expect(maxItemsPerPaper(0)).toBe(0);
  });
});

describe('requiredItemsForCell', () => {
  it('R2: gives a cell drawn c times per paper its share ⌊f·c⌋ of the overlap', () => {
    expect(requiredItemsForCell(10)).toBe(40);
    expect(requiredItemsForCell(9)).toBe(45);
    expect(requiredItemsForCell(0)).toBe(0);
  });
});
