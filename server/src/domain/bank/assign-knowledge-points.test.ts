import type { Blueprint, TheoryItem } from '@skillcert/bank-tools/types';
import { describe, expect, it } from 'vitest';
import { assignKnowledgePoints } from './assign-knowledge-points';

const blueprint: Blueprint = {
  nodes: [
    { code: '1', name: '安全生产法规', weight: 0.5, children: [{ code: '1.1', name: '法律', weight: 0.5 }, { code: '1.2', name: '规章', weight: 0.5 }] },
    { code: '2', name: '电工基础', weight: 0.5, children: [{ code: '2.1', name: '法律', weight: 1 }] },
  ],
  structure: [{ type: 'judge', count: 10, pointsEach: 1 }],
};

const item = (category: string | undefined, chapter: string | undefined): TheoryItem => ({ kind: 'theory', type: 'judge', stem: '题干', options: ['正确', '错误'], answer: [0], category, chapter });

describe('assignKnowledgePoints', () => {
  it('R2: assigns items to leaves by category and chapter names, and counts the unmatched', () => {
    const { items, unmatched } = assignKnowledgePoints([item('安全生产法规', '法律'), item('电工基础', '法律'), item(undefined, '规章'), item('其他', '其他')], blueprint);
    expect(items.map((entry) => entry.knowledgePoint)).toEqual(['1.1', '2.1', '1.2', undefined]);
    expect(unmatched).toBe(1);
  });

  it('keeps a knowledge point that already names a leaf', () => {
    expect(assignKnowledgePoints([{ ...item('x', 'y'), knowledgePoint: '2.1' }], blueprint).items[0].knowledgePoint).toBe('2.1');
  });
});
