import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { PaperContent } from './load-paper-content';
import { buildPaperHtml } from './paper-html';

function content(): PaperContent {
  const itemId = new Types.ObjectId();
  return {
    paper: {
      _id: new Types.ObjectId(),
      organisationId: new Types.ObjectId(),
      scopeId: new Types.ObjectId(),
      libraryId: new Types.ObjectId(),
      kind: 'theory',
      index: 0,
      code: 'T-2026-ABCDEF-01',
      slots: [{ itemId, version: 1, type: 'single', points: 2, knowledgePoint: '1.1' }],
      totalPoints: 2,
      status: 'active',
      createdBy: new Types.ObjectId(),
      createdAt: new Date(),
      updatedAt: new Date(),
    },
    scope: {
      _id: new Types.ObjectId(),
      organisationId: new Types.ObjectId(),
      occupationCode: '6-31-01-03',
      occupationName: '电工',
      workType: '低压电工作业',
      level: 4,
      practicalTasksPerPaper: 2,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
    slots: [
      {
        number: 1,
        slot: { itemId, version: 1, type: 'single', points: 2 },
        content: { kind: 'theory', type: 'single', stem: '<script>alert(1)</script> 哪个是兆欧表？', options: ['A & B', '兆欧表'], answer: [1] },
        contentHash: 'x',
      },
    ],
    images: new Map(),
  };
}

describe('buildPaperHtml', () => {
  it('R17: the teacher copy shows keys, the candidate copy does not', () => {
    expect(buildPaperHtml(content(), 'teacher', '企业')).toContain('答案：B');
    const candidate = buildPaperHtml(content(), 'candidate', '企业');
    expect(candidate).not.toContain('答案');
    expect(candidate).toContain('准考证号');
  });

  it('escapes item text so bank content never becomes markup', () => {
    const html = buildPaperHtml(content(), 'candidate', '<b>企业</b>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('A &#38; B');
    expect(html).not.toContain('<b>企业</b>');
  });
});
