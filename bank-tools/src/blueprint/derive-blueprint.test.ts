import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TheoryItem } from '../types';
import { importTheoryBank } from '../importers/import-theory-bank';
import { apportion, shares } from './apportion';
import { assignKnowledgePoints } from './assign-knowledge-points';
import { blueprintLeaves } from './blueprint-tree';
import { deriveBlueprint, suggestPaperStructure } from './derive-blueprint';
import { validateBlueprint } from './validate-blueprint';

const banks = fileURLToPath(new URL('../../../../shared/banks/', import.meta.url));

const item = (category: string | undefined, chapter: string | undefined, type: TheoryItem['type'] = 'judge'): TheoryItem => ({
  kind: 'theory',
  type,
  stem: '甲',
  options: ['正确', '错误'],
  answer: [0],
  ...(category === undefined ? {} : { category }),
  ...(chapter === undefined ? {} : { chapter }),
});

describe('apportion', () => {
  it('splits a whole in proportion, summing exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [0.2, 0.3, 0.5])).toEqual([20, 30, 50]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
    expect(shares([1, 1, 1]).reduce((sum, share) => sum + share, 0)).toBe(1);
  });
});

describe('deriveBlueprint', () => {
  it('R2: makes categories domains and chapters knowledge points, weighted by item share', () => {
    const items = [item('法规', '一、总则'), item('法规', '一、总则'), item('法规', '二、责任'), item('技术', undefined), item(undefined, undefined)];
    const { blueprint, items: assigned, itemCounts } = deriveBlueprint(items);
    expect(blueprint.nodes).toEqual([
      {
        code: '1',
        name: '法规',
        weight: 0.6,
        children: [
          { code: '1.1', name: '一、总则', weight: 0.6667 },
          { code: '1.2', name: '二、责任', weight: 0.3333 },
        ],
      },
      { code: '2', name: '技术', weight: 0.2 },
      { code: '3', name: '未分类', weight: 0.2 },
    ]);
    expect(assigned.map((entry) => entry.knowledgePoint)).toEqual(['1.1', '1.1', '1.2', '2', '3']);
    expect(itemCounts).toEqual({ '1': 3, '1.1': 2, '1.2': 1, '2': 1, '3': 1 });
    expect(items[0].knowledgePoint).toBeUndefined();
  });

  it('R2: puts items without chapter of a chaptered domain under 未分章节', () => {
    const { blueprint } = deriveBlueprint([item('法规', '一、总则'), item('法规', undefined)]);
    expect(blueprint.nodes[0].children?.map((node) => node.name)).toEqual(['一、总则', '未分章节']);
  });

  it('R2: derives a valid blueprint from 起重机司机.xlsx (22 chapters, weights summing to 1)', async () => {
    const report = await importTheoryBank({ file: `${banks}起重机司机.xlsx` });
    const { blueprint, items } = deriveBlueprint(report.items);
    expect(validateBlueprint(blueprint)).toEqual({ isValid: true, issues: [] });
    expect(blueprint.nodes).toHaveLength(1);
    expect(blueprint.nodes[0].children).toHaveLength(22);
    expect(blueprintLeaves(blueprint).reduce((sum, leaf) => sum + leaf.absoluteWeight, 0)).toBeCloseTo(1, 9);
    expect(items.every((entry) => entry.knowledgePoint?.startsWith('1.'))).toBe(true);
    expect(blueprint.structure.reduce((sum, entry) => sum + entry.count, 0)).toBe(100);
  });
});

describe('suggestPaperStructure', () => {
  it('R2: sizes papers to what 5 papers at 10% overlap allow and splits by type share', () => {
    const items = [...Array(150).fill(item('a', undefined, 'judge')), ...Array(100).fill(item('a', undefined, 'single')), ...Array(46).fill(item('a', undefined, 'multiple'))];
    // 296 items allow at most 73 per paper; the largest round size is 50 (2 points each)
    expect(suggestPaperStructure(items)).toEqual([
      { type: 'judge', count: 25, pointsEach: 2 },
      { type: 'single', count: 17, pointsEach: 2 },
      { type: 'multiple', count: 8, pointsEach: 2 },
    ]);
    expect(suggestPaperStructure(items, { itemsPerPaper: 10, totalPoints: 20 }).map((entry) => [entry.count, entry.pointsEach])).toEqual([
      [5, 2],
      [3, 2],
      [2, 2],
    ]);
  });
});

describe('assignKnowledgePoints', () => {
  it('R2: assigns items of a given blueprint by chapter, then category name', () => {
    const blueprint = { nodes: [{ code: 'K1', name: '一、总则', weight: 0.5 }, { code: 'K2', name: '技术', weight: 0.5 }], structure: [{ type: 'judge' as const, count: 1, pointsEach: 1 }] };
    const result = assignKnowledgePoints([item('法规', '一、总则'), item('技术', undefined), item('其他', undefined), { ...item('x', undefined), knowledgePoint: 'K2' }], blueprint);
    expect(result.map((entry) => entry.knowledgePoint)).toEqual(['K1', 'K2', undefined, 'K2']);
  });
});
