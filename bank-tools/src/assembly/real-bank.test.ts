/**
 * Assembly on the real provincial bank 省级低压电工作业.xlsx (read in place, never copied).
 * Blueprint: one knowledge point per 作业种类 (category) weighted by its item count, built here
 * until bank-tools/src/blueprint is available; near-duplicate clusters by normalised stem (R2).
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importTheoryBank } from '../importers/import-theory-bank';
import { normaliseText } from '../normalise/normalise-text';
import type { Blueprint, TheoryItem } from '../types';
import { assembleByRejection } from './assemble-by-rejection';
import { assemblePaperLibrary } from './assemble-paper-library';
import { createRandom } from './random';
import type { AssemblyInput, AssemblyItem } from './types';
import { verifyPaperLibrary } from './verify-paper-library';

const BANK_PATH = fileURLToPath(new URL('../../../../shared/banks/省级低压电工作业.xlsx', import.meta.url));

/** Items and a category blueprint for the 734-item bank; difficulty from the editor 1-5 or 0.5. */
async function loadRealBank(structure: Blueprint['structure']): Promise<{ items: AssemblyItem[]; blueprint: Blueprint }> {
  const report = await importTheoryBank({ file: BANK_PATH });
  const clusterOf = new Map<string, string>();
  const items = report.items.map((item: TheoryItem, index): AssemblyItem => {
    const key = normaliseText(item.stem);
    const id = `row-${String(item.source?.row ?? index).padStart(4, '0')}`;
    if (!clusterOf.has(key)) clusterOf.set(key, id);
    return {
      id,
      type: item.type,
      knowledgePoint: item.knowledgePoint ?? item.category ?? 'uncategorised',
      difficulty: item.difficulty !== undefined ? (item.difficulty - 1) / 4 : 0.5,
      clusterId: clusterOf.get(key),
    };
  });
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.knowledgePoint, (counts.get(item.knowledgePoint) ?? 0) + 1);
  const nodes = [...counts.entries()].map(([code, count]) => ({ code, name: code, weight: count / items.length }));
  return { items, blueprint: { nodes, structure } };
}

const STRUCTURE: Blueprint['structure'] = [
  { type: 'judge', count: 40, pointsEach: 1 },
  { type: 'single', count: 50, pointsEach: 1 },
  { type: 'multiple', count: 10, pointsEach: 1 },
];

describe('assemblePaperLibrary on the 734-item 低压电工作业 bank', () => {
  let bank: { items: AssemblyItem[]; blueprint: Blueprint };
  beforeAll(async () => {
    bank = await loadRealBank(STRUCTURE);
  });

  it('imports all 734 items with their near-duplicate clusters', () => {
    expect(bank.items).toHaveLength(734);
    const clusters = new Set(bank.items.map((item) => item.clusterId));
    expect(clusters.size).toBeLessThanOrEqual(734);
  });

  it('R1-R3: 5 papers of 100 items over 200 seeds, every pair at or under 10% overlap, counts exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const input: AssemblyInput = { ...bank, paperCount: 5, seed };
        const result = assemblePaperLibrary(input);
        expect(result.ok).toBe(true);
        if (result.ok) expect(verifyPaperLibrary(result.library, input)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('R2: balances mean difficulty when items carry one (seeded stand-in difficulties)', () => {
    const random = createRandom('real-bank-difficulty');
    const items = bank.items.map((item) => ({ ...item, difficulty: (random() + random()) / 2 }));
    const input: AssemblyInput = { items, blueprint: bank.blueprint, paperCount: 5, seed: 11 };
    const result = assemblePaperLibrary(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(verifyPaperLibrary(result.library, input)).toEqual([]);
    expect(result.library.difficulty.spread).toBeLessThanOrEqual(0.01);
  });

  it('R2: the rejection baseline, when it succeeds, obeys the same rules', () => {
    const input: AssemblyInput = { ...bank, paperCount: 5, seed: 5 };
    const result = assembleByRejection(input, { maxAttempts: 50 });
    if (result.ok) expect(verifyPaperLibrary(result.library, input)).toEqual([]);
    else expect(result.infeasibility.every((issue) => issue.constraint === 'search-budget')).toBe(true);
  });
});
