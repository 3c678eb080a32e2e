import { describe, expect, it } from 'vitest';
import type { BlueprintNode } from './bank-types';
import { addNode, balanceWeights, findWeightProblems, listLeaves, nextChildCode, removeNode, totalStructure, updateNode } from './blueprint-tree';

const tree: BlueprintNode[] = [
  { code: '1', name: '安全知识', weight: 0.4, children: [{ code: '1.1', name: '触电防护', weight: 0.5 }, { code: '1.2', name: '电气防火', weight: 0.5 }] },
  { code: '2', name: '电工基础', weight: 0.6 },
];

describe('blueprint tree helpers', () => {
  it('R2: accepts sibling weights summing to 1 and names the parent of a group that does not', () => {
    expect(findWeightProblems(tree)).toEqual([]);
    const broken = updateNode(tree, [0, 1], (node) => ({ ...node, weight: 0.3 }));
    expect(findWeightProblems(broken)).toEqual([{ parentPath: [0], parentCode: '1', sum: 0.8 }]);
  });

  it('lists leaves with absolute weights along the path', () => {
    expect(listLeaves(tree).map((leaf) => [leaf.code, Number(leaf.absoluteWeight.toFixed(4))])).toEqual([
      ['1.1', 0.2],
      ['1.2', 0.2],
      ['2', 0.6],
    ]);
  });

  it('adds, names and removes nodes without touching the rest of the tree', () => {
    const code = nextChildCode('2', []);
    expect(code).toBe('2.1');
    const grown = addNode(tree, [1], { code, name: '电路', weight: 1 });
    expect(grown[1].children).toEqual([{ code: '2.1', name: '电路', weight: 1 }]);
    expect(tree[1].children).toBeUndefined();
    const pruned = removeNode(grown, [1, 0]);
    expect(pruned[1]).toEqual({ code: '2', name: '电工基础', weight: 0.6 });
    expect(removeNode(tree, [0]).map((node) => node.code)).toEqual(['2']);
  });

  it('balances every sibling group to exactly 1', () => {
    const three: BlueprintNode[] = [1, 2, 3].map((index) => ({ code: String(index), name: '', weight: 0 }));
    const balanced = balanceWeights(three);
    expect(balanced.reduce((sum, node) => sum + node.weight, 0)).toBeCloseTo(1, 10);
    expect(findWeightProblems(balanced)).toEqual([]);
  });

  it('totals items and points of the paper structure', () => {
    expect(totalStructure([{ type: 'judge', count: 20, pointsEach: 1 }, { type: 'single', count: 60, pointsEach: 1 }, { type: 'multiple', count: 10, pointsEach: 2 }])).toEqual({ items: 90, points: 100 });
  });
});
