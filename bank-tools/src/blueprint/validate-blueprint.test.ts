import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../types';
import { BankImportError } from '../importers/bank-import-error';
import { assertValidBlueprint, validateBlueprint } from './validate-blueprint';

const valid: Blueprint = {
  nodes: [
    { code: '1', name: '基础知识', weight: 0.4, children: [{ code: '1.1', name: '法规', weight: 1 }] },
    { code: '2', name: '专业知识', weight: 0.6, children: [{ code: '2.1', name: '电工', weight: 0.3 }, { code: '2.2', name: '焊接', weight: 0.7 }] },
  ],
  structure: [
    { type: 'judge', count: 20, pointsEach: 1 },
    { type: 'single', count: 60, pointsEach: 1 },
  ],
};

describe('validateBlueprint', () => {
  it('R2: accepts weights summing to 1 per sibling set within 1e-6', () => {
    expect(validateBlueprint(valid)).toEqual({ isValid: true, issues: [] });
    const nearlyOne = structuredClone(valid);
    nearlyOne.nodes[1].children![0].weight = 0.3 + 5e-7;
    expect(validateBlueprint(nearlyOne).isValid).toBe(true);
  });

  it('R2: names the sibling set whose weights do not sum to 1', () => {
    const broken = structuredClone(valid);
    broken.nodes[1].children![1].weight = 0.6;
    expect(validateBlueprint(broken).issues).toEqual([{ path: 'nodes[1].children', message: 'weights sum to 0.9, not 1' }]);
  });

  it('names repeated codes, empty names, bad weights and structure problems by path', () => {
    const broken: Blueprint = {
      nodes: [
        { code: '1', name: '', weight: 1.2, children: [{ code: '1', name: '甲', weight: 1 }] },
        { code: ' ', name: '乙', weight: -0.2 },
      ],
      structure: [
        { type: 'judge', count: 0, pointsEach: 1 },
        { type: 'judge', count: 2.5, pointsEach: 0 },
      ],
    };
    expect(validateBlueprint(broken).issues).toEqual([
      { path: 'nodes[0].name', message: 'name of 1 is empty' },
      { path: 'nodes[0].weight', message: 'weight of 1 must be a fraction 0..1, got 1.2' },
      { path: 'nodes[0].children[0].code', message: 'code 1 repeats nodes[0].code' },
      { path: 'nodes[1].code', message: 'code is empty' },
      { path: 'nodes[1].weight', message: 'weight of node must be a fraction 0..1, got -0.2' },
      { path: 'structure[0].count', message: 'count must be a positive integer, got 0' },
      { path: 'structure[1].type', message: 'type judge appears twice' },
      { path: 'structure[1].count', message: 'count must be a positive integer, got 2.5' },
      { path: 'structure[1].pointsEach', message: 'points must be positive, got 0' },
    ]);
  });

  it('requires nodes and a structure', () => {
    expect(validateBlueprint({ nodes: [], structure: [] }).issues.map((issue) => issue.path)).toEqual(['nodes', 'structure']);
  });

  it('throws INVALID_BLUEPRINT listing every issue', () => {
    expect(() => assertValidBlueprint({ nodes: [], structure: [] })).toThrow(BankImportError);
    expect(() => assertValidBlueprint({ nodes: [], structure: [] })).toThrow(/nodes: must hold at least one node; structure: paper structure/u);
  });
});
