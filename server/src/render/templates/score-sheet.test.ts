import { describe, expect, it } from 'vitest';
import { buildScoreSheetHtml, type ScoreSheetCard, type ScoreSheetData, type ScoreSheetEntry } from './score-sheet';

function entry(assessorName: string, stageName: string, totalPoints: number): ScoreSheetEntry {
  return {
    assessorName,
    stageName,
    totalPoints,
    isVetoed: false,
    vetoItemsObserved: [],
    submittedAt: '2026-11-20T01:02:03.000Z',
    rows: [{ label: '接线工艺质量', maxPoints: 100, deductedPoints: 100 - totalPoints, points: totalPoints }],
  };
}

function sheet(practical: ScoreSheetCard): ScoreSheetData {
  return {
    organisationName: '示例公司',
    batchCode: '2026-01',
    batchName: '第一批',
    modeName: '晋级评价',
    candidateName: '王一',
    idNumber: '44070319900101101X',
    admissionTicketNumber: '202600010001',
    occupation: '电工（维修电工）',
    levelName: '四级/中级工',
    assessmentDate: '2026-11-20',
    practical,
    generatedAt: '2026-11-20T02:00:00.000Z',
  };
}

describe('score sheet template', () => {
  it('R6: an arbitrated card counts the two independent scores and the arbitration apart (never "3 / 2")', () => {
    const html = buildScoreSheetHtml(
      sheet({
        title: '操作技能考核',
        maxPoints: 100,
        statusName: '已定分',
        scoredCount: 3,
        requiredScoreCount: 2,
        entries: [entry('考评员甲', '独立评分', 90), entry('考评员乙', '独立评分', 70), entry('考评员丙', '仲裁评分', 86)],
        methodName: '仲裁',
        finalPoints: 88,
      }),
    );
    expect(html).toContain('已评分 2 / 2 名考评员，另有仲裁评分 1 份');
    expect(html).not.toContain('3 / 2');
    expect(html).toContain('仲裁评分');
  });

  it('R6: while independent scores are outstanding, the count shows and no points do', () => {
    const html = buildScoreSheetHtml(
      sheet({ title: '操作技能考核', maxPoints: 100, statusName: '评分中', scoredCount: 1, requiredScoreCount: 2, entries: [] }),
    );
    expect(html).toContain('已评分 1 / 2 名考评员');
    expect(html).not.toContain('另有仲裁评分');
    expect(html).toContain('各考评员的分数暂不显示');
  });
});
