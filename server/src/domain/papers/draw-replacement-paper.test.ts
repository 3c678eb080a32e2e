import { describe, expect, it } from 'vitest';
import { computeOverlapMatrix, drawReplacementPaper, type ReplacementCandidate, type ReplacementNeighbour } from './draw-replacement-paper';

/** 40 judge + 40 single items on two knowledge points, difficulty spread over 0..1. */
function bank(): ReplacementCandidate[] {
  const items: ReplacementCandidate[] = [];
  for (let index = 0; index < 80; index += 1) {
    const type = index < 40 ? 'judge' : 'single';
    items.push({ id: `i${String(index).padStart(3, '0')}`, unit: `i${String(index).padStart(3, '0')}`, knowledgePoint: index % 2 === 0 ? '1.1' : '1.2', type, difficulty: (index % 10) / 9 });
  }
  return items;
}

const cells = [
  { knowledgePoint: '1.1', type: 'judge', count: 5 },
  { knowledgePoint: '1.2', type: 'judge', count: 5 },
  { knowledgePoint: '1.1', type: 'single', count: 5 },
  { knowledgePoint: '1.2', type: 'single', count: 5 },
];

/** Three kept papers of 20 items that use 30 of the 40 judge and 30 of the 40 single items. */
function neighbours(): ReplacementNeighbour[] {
  const ids = bank().map((item) => item.id);
  return [0, 1, 2].map((paper) => ({ units: new Set([...ids.slice(paper * 10, paper * 10 + 10), ...ids.slice(40 + paper * 10, 50 + paper * 10)]), size: 20 }));
}

describe('drawReplacementPaper', () => {
  it('R2: fills every cell and shares at most ⌊10% · n⌋ items with each neighbour', () => {
    const result = drawReplacementPaper({ cells, candidates: bank(), neighbours: neighbours(), maxOverlap: 0.1, targetDifficulty: 0.5, seed: 's1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.itemIds).toHaveLength(20);
    expect(new Set(result.itemIds).size).toBe(20);
    const overlaps = computeOverlapMatrix([{ units: new Set(result.itemIds), size: 20 }, ...neighbours()]);
    for (let q = 1; q < overlaps.length; q += 1) expect(overlaps[0][q]).toBeLessThanOrEqual(0.1);
    const byId = new Map(bank().map((item) => [item.id, item]));
    for (const cell of cells) {
      expect(result.itemIds.filter((id) => byId.get(id)!.knowledgePoint === cell.knowledgePoint && byId.get(id)!.type === cell.type)).toHaveLength(cell.count);
    }
  });

  it('house rule 6: the same seed gives the same paper, another seed may differ', () => {
    const input = { cells, candidates: bank(), neighbours: neighbours(), maxOverlap: 0.1, targetDifficulty: 0.5 };
    const first = drawReplacementPaper({ ...input, seed: 'same' });
    const second = drawReplacementPaper({ ...input, seed: 'same' });
    expect(second).toEqual(first);
  });

  it('R2: never puts two items of one near-duplicate cluster in the paper', () => {
    const candidates = bank().map((item, index) => ({ ...item, unit: `cluster-${Math.floor(index / 2)}` }));
    const result = drawReplacementPaper({ cells: [{ knowledgePoint: '1.1', type: 'judge', count: 10 }], candidates, neighbours: [], maxOverlap: 0.1, targetDifficulty: 0.5, seed: 's2' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const units = result.itemIds.map((id) => candidates.find((candidate) => candidate.id === id)!.unit);
    expect(new Set(units).size).toBe(units.length);
  });

  it('R2: reports the cell that cannot be filled within the overlap limit', () => {
    const few = bank().slice(0, 20);
    const result = drawReplacementPaper({ cells, candidates: few, neighbours: neighbours(), maxOverlap: 0.1, targetDifficulty: 0.5, seed: 's' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatch(/knowledge point 1\.\d (judge|single): \d+ of 5 items fit within the overlap limit/);
  });
});
