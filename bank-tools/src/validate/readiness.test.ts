import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../types';
import { deriveCoverage } from './coverage';
import { evaluateReadiness, type ReadinessInput } from './readiness';

const ready: ReadinessInput = { approvedTheoryItems: 520, theoryPapers: 5, approvedPracticalItems: 60, practicalPapers: 5 };

describe('evaluateReadiness', () => {
  it('R1: is ready when every minimum is met', () => {
    expect(evaluateReadiness(ready)).toEqual({ isReady: true, shortfalls: [] });
  });

  it('R1: reports "296 of 500 theory items" and each other missing count', () => {
    const result = evaluateReadiness({ approvedTheoryItems: 296, theoryPapers: 3, approvedPracticalItems: 12, practicalPapers: 0 });
    expect(result.isReady).toBe(false);
    expect(result.shortfalls).toEqual([
      { rule: 'R1', code: 'THEORY_ITEMS', message: '296 of 500 theory items', required: 500, actual: 296 },
      { rule: 'R1', code: 'THEORY_PAPERS', message: '3 of 5 theory papers', required: 5, actual: 3 },
      { rule: 'R1', code: 'PRACTICAL_ITEMS', message: '12 of 50 practical items', required: 50, actual: 12 },
      { rule: 'R1', code: 'PRACTICAL_PAPERS', message: '0 of 5 practical papers', required: 5, actual: 0 },
    ]);
  });

  it('R1: applies per-organisation minimums and a chosen subset of checks', () => {
    const result = evaluateReadiness({ ...ready, approvedTheoryItems: 520, practicalPapers: 0, minimums: { theoryItems: 600 }, checks: ['theoryItems'] });
    expect(result.shortfalls.map((shortfall) => shortfall.message)).toEqual(['520 of 600 theory items']);
  });

  it('R2: reports each knowledge point and type without enough distinct items', () => {
    const result = evaluateReadiness({
      ...ready,
      coverage: [
        { knowledgePoint: '1.1', type: 'single', available: 12, required: 40 },
        { knowledgePoint: '1.2', type: 'judge', available: 45, required: 45 },
        { knowledgePoint: '2.1', type: 'multiple', available: 0, required: 8 },
      ],
    });
    expect(result.shortfalls).toEqual([
      { rule: 'R2', code: 'COVERAGE', message: '12 of 40 single-choice items for knowledge point 1.1', required: 40, actual: 12, knowledgePoint: '1.1', type: 'single' },
      { rule: 'R2', code: 'COVERAGE', message: '0 of 8 multiple-choice items for knowledge point 2.1', required: 8, actual: 0, knowledgePoint: '2.1', type: 'multiple' },
    ]);
  });

  it('R2: checks the duplicate rate only against a given ceiling', () => {
    expect(evaluateReadiness({ ...ready, duplicateRate: 0.2 }).isReady).toBe(true);
    expect(evaluateReadiness({ ...ready, duplicateRate: 0.067, maxDuplicateRate: 0.05 }).shortfalls).toEqual([
      { rule: 'R2', code: 'DUPLICATE_RATE', message: 'duplicate rate 6.7% above 5.0%', required: 0.05, actual: 0.067 },
    ]);
  });
});

describe('deriveCoverage', () => {
  const blueprint: Blueprint = {
    nodes: [
      { code: '1', name: '甲', weight: 0.5 },
      { code: '2', name: '乙', weight: 0.5, children: [{ code: '2.1', name: '丙', weight: 0.6 }, { code: '2.2', name: '丁', weight: 0.4 }] },
    ],
    structure: [
      { type: 'judge', count: 20, pointsEach: 1 },
      { type: 'single', count: 10, pointsEach: 2 },
    ],
  };

  it('R2: splits each type over the leaves and counts duplicate clusters once', () => {
    const items = [
      ...Array.from({ length: 50 }, (_, index) => ({ type: 'judge' as const, knowledgePoint: '1', clusterId: `j${index % 45}` })),
      ...Array.from({ length: 10 }, () => ({ type: 'single' as const, knowledgePoint: '2.2' })),
    ];
    expect(deriveCoverage(blueprint, items)).toEqual([
      { knowledgePoint: '1', type: 'judge', perPaper: 10, required: 40, available: 45 },
      { knowledgePoint: '1', type: 'single', perPaper: 5, required: 25, available: 0 },
      { knowledgePoint: '2.1', type: 'judge', perPaper: 6, required: 30, available: 0 },
      { knowledgePoint: '2.1', type: 'single', perPaper: 3, required: 15, available: 0 },
      { knowledgePoint: '2.2', type: 'judge', perPaper: 4, required: 20, available: 0 },
      { knowledgePoint: '2.2', type: 'single', perPaper: 2, required: 10, available: 10 },
    ]);
  });
});
