import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemblePracticalLibrary, type PracticalAssemblyInput, type PracticalAssemblyItem } from './assemble-practical-library';
import { createRandom, randomInt } from './random';

function practicalBank(seed: number, count: number, points: string[]): PracticalAssemblyItem[] {
  const random = createRandom(seed, 'practical-bank');
  return Array.from({ length: count }, (_, index) => ({
    id: `task-${String(index).padStart(3, '0')}`,
    knowledgePoint: points[index % points.length],
    timeLimitMinutes: [20, 30, 40, 45, 60][randomInt(random, 5)],
    points: [20, 25, 30, 35][randomInt(random, 4)],
    clusterId: index % 17 === 0 ? `pair-${index}` : index % 17 === 1 ? `pair-${index - 1}` : undefined,
  }));
}

function sharedUnits(input: PracticalAssemblyInput, left: string[], right: string[]): number {
  const unit = (id: string) => {
    const item = input.items.find((candidate) => candidate.id === id);
    return item?.clusterId ?? id;
  };
  const rightUnits = new Set(right.map(unit));
  return new Set(left.map(unit).filter((value) => rightUnits.has(value))).size;
}

describe('assemblePracticalLibrary', () => {
  const items = practicalBank(1, 60, ['P1', 'P2', 'P3']);

  it('R1-R2: builds k >= 5 practical papers whose pairs stay at or under the overlap limit (200 seeds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const input: PracticalAssemblyInput = { items, tasksPerPaper: 4, paperCount: 6, seed };
        const result = assemblePracticalLibrary(input);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const { papers, maxSharedPerPair } = result.library;
        expect(maxSharedPerPair).toBe(0);
        expect(papers).toHaveLength(6);
        for (const paper of papers) {
          expect(paper.itemIds).toHaveLength(4);
          const found = paper.itemIds.map((id) => items.find((item) => item.id === id));
          expect(found.every(Boolean)).toBe(true);
          expect(paper.totalTimeMinutes).toBe(found.reduce((sum, item) => sum + (item?.timeLimitMinutes ?? 0), 0));
          expect(paper.totalPoints).toBe(found.reduce((sum, item) => sum + (item?.points ?? 0), 0));
        }
        for (let p = 0; p < papers.length; p += 1) {
          for (let q = p + 1; q < papers.length; q += 1) expect(sharedUnits(input, papers[p].itemIds, papers[q].itemIds)).toBe(0);
        }
        expect(assemblePracticalLibrary(input)).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('R3: takes exactly the blueprint count per knowledge point and evens out time and points', () => {
    const input: PracticalAssemblyInput = {
      items,
      blueprint: [
        { knowledgePoint: 'P1', count: 2 },
        { knowledgePoint: 'P3', count: 1 },
      ],
      paperCount: 5,
      maxOverlap: 0.34,
      seed: 'practical',
    };
    const result = assemblePracticalLibrary(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const paper of result.library.papers) {
      const points = paper.itemIds.map((id) => items.find((item) => item.id === id)?.knowledgePoint);
      expect(points.filter((point) => point === 'P1')).toHaveLength(2);
      expect(points.filter((point) => point === 'P3')).toHaveLength(1);
      expect(paper.countsByKnowledgePoint).toEqual([
        { knowledgePoint: 'P1', count: 2 },
        { knowledgePoint: 'P3', count: 1 },
      ]);
    }
    expect(result.library.maxSharedPerPair).toBe(1);
    // Bank means are ~39 minutes and ~27.5 points a task: papers land within one task step.
    expect(result.library.timeSpreadMinutes).toBeLessThanOrEqual(10);
    expect(result.library.pointsSpread).toBeLessThanOrEqual(5);
    expect(result.library.ignoredItemIds).toHaveLength(20);
  });

  it('R2: names the knowledge point with too few tasks for k papers', () => {
    const result = assemblePracticalLibrary({
      items: practicalBank(2, 12, ['P1', 'P2']),
      blueprint: [
        { knowledgePoint: 'P1', count: 1 },
        { knowledgePoint: 'P2', count: 2 },
      ],
      paperCount: 5,
      seed: 1,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const issue = result.infeasibility.find((entry) => entry.knowledgePoint === 'P2');
      expect(issue).toMatchObject({ constraint: 'knowledge-point-capacity', required: 10, available: 6 });
      expect(issue?.message).toMatch(/^knowledge point P2 practical has 6 tasks, 5 papers need 10/);
    }
  });

  it('R1: reports a library of fewer than 5 papers', () => {
    const result = assemblePracticalLibrary({ items, tasksPerPaper: 3, paperCount: 4, seed: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.infeasibility[0]).toMatchObject({ constraint: 'paper-count', required: 5, available: 4 });
  });

  it('rejects input that gives both tasksPerPaper and blueprint', () => {
    expect(() => assemblePracticalLibrary({ items, tasksPerPaper: 3, blueprint: [], paperCount: 5, seed: 1 })).toThrow(/exactly one of tasksPerPaper or blueprint/);
  });
});
