import { describe, expect, it } from 'vitest';
import { buildTemplateSections, parseDeductions, splitScoreCount, toPracticalRequest, totalDirectGrading, totalPracticalSheet, totalTask } from './score-sheet';
import type { DirectGradingSection } from './scoring-types';

const task = {
  title: '控制回路安装',
  criteria: [
    { criterion: '安全操作规范', maxPoints: 20, deductionRule: '每处违规扣 5 分' },
    { criterion: '接线工艺质量', maxPoints: 30, deductionRule: '每处缺陷扣 2 分' },
  ],
};

describe('parseDeductions', () => {
  it('reads numbers separated by spaces, commas, 、 or +', () => {
    expect(parseDeductions('2 2，5、1+0.5')).toEqual([2, 2, 5, 1, 0.5]);
    expect(parseDeductions('  ')).toEqual([]);
  });

  it('names the first token that is not a number >= 0', () => {
    expect(parseDeductions('2 x 3')).toEqual({ error: 'x' });
    expect(parseDeductions('-1')).toEqual({ error: '-1' });
  });
});

describe('totalTask', () => {
  it('R4: sums deductions per criterion and clamps a criterion at 0', () => {
    const total = totalTask(task, { deductionTexts: ['5 5 5 5 5', '2 2'], vetoItemsObserved: [] });
    expect(total.byCriterion.map((row) => [row.deductedPoints, row.points])).toEqual([
      [25, 0],
      [4, 26],
    ]);
    expect(total).toMatchObject({ totalPoints: 26, isVetoed: false });
  });

  it('R4: an observed veto item makes the task 0', () => {
    expect(totalTask(task, { deductionTexts: [], vetoItemsObserved: ['带电作业造成短路'] })).toMatchObject({ totalPoints: 0, isVetoed: true });
  });

  it('flags unparsable deduction text and counts it as no deduction', () => {
    const total = totalTask(task, { deductionTexts: ['abc', ''], vetoItemsObserved: [] });
    expect(total.byCriterion[0]).toEqual({ deductedPoints: 0, points: 20, isInvalid: true });
  });
});

describe('totalPracticalSheet', () => {
  it('R4: adds the tasks, and a veto in any task fails the whole sheet with 0', () => {
    const drafts = [
      { deductionTexts: ['', '20'], vetoItemsObserved: [] },
      { deductionTexts: ['', ''], vetoItemsObserved: [] },
    ];
    expect(totalPracticalSheet([task, task], drafts)).toMatchObject({ totalPoints: 80, isVetoed: false });
    expect(totalPracticalSheet([task, task], [drafts[0], { ...drafts[1], vetoItemsObserved: ['带电作业造成短路'] }])).toMatchObject({ totalPoints: 0, isVetoed: true });
  });
});

describe('toPracticalRequest', () => {
  it('sends criteria with deductions only, per task in card order', () => {
    const body = toPracticalRequest([task, task], [{ deductionTexts: ['', '20'], vetoItemsObserved: [] }, { deductionTexts: [], vetoItemsObserved: [] }], ' 接线松动 ');
    expect(body).toEqual({
      tasks: [
        { deductions: [{ criterionIndex: 1, deductedPoints: [20] }], vetoItemsObserved: [] },
        { deductions: [], vetoItemsObserved: [] },
      ],
      comment: '接线松动',
    });
  });

  it('refuses text that is not a deduction, naming task and criterion', () => {
    expect(() => toPracticalRequest([task], [{ deductionTexts: ['zwei'], vetoItemsObserved: [] }], '')).toThrow('控制回路安装 · 安全操作规范: "zwei" is not a number >= 0');
  });
});

describe('totalDirectGrading', () => {
  const sections: DirectGradingSection[] = [
    { key: 'professional_ethics', weightsPercent: { team_leader: 50, workshop_head: 50 }, criteria: [{ code: '1.1', name: '遵章守纪', maxPoints: 10 }] },
    { key: 'core_abilities', weightsPercent: { team_leader: 100 }, criteria: [{ code: '2.1', name: '沟通协作', maxPoints: 10 }] },
    {
      key: 'occupational_abilities',
      weightsPercent: { team_leader: 40, workshop_head: 35, competent_department: 25 },
      criteria: [{ code: '3.1.1', name: '装调', maxPoints: 80, competency: '3.1' }],
    },
  ];

  it('R5: weighs each rater by the section weights and adds the sections to points of 100', () => {
    const totals = totalDirectGrading(sections, {
      '1.1': { team_leader: 8, workshop_head: 10 },
      '2.1': { team_leader: 7 },
      '3.1.1': { team_leader: 60, workshop_head: 70, competent_department: 80 },
    });
    expect(totals.weightedByCriterion).toEqual({ '1.1': 9, '2.1': 7, '3.1.1': 68.5 });
    expect(totals.sections.map((section) => section.weightedPoints)).toEqual([9, 7, 68.5]);
    expect(totals).toMatchObject({ totalPoints: 84.5, isComplete: true });
    expect(totals.sections[2].rawTotalByRater).toEqual({ team_leader: 60, workshop_head: 70, competent_department: 80 });
  });

  it('R5: is incomplete while a weighted rater has not scored, and ignores raters without weight', () => {
    const totals = totalDirectGrading(sections, { '1.1': { team_leader: 8, hr_department: 10 } });
    expect(totals.isComplete).toBe(false);
    expect(totals.weightedByCriterion['1.1']).toBe(4);
  });

  it('R5: the template form has 10 + 10 + 80 points and weight rows of 100%', () => {
    const template = buildTemplateSections();
    const totals = totalDirectGrading(template, {});
    expect(totals.sections.map((section) => section.maxPoints)).toEqual([10, 10, 80]);
    expect(totals.sections.map((section) => section.weightSumPercent)).toEqual([100, 100, 100]);
  });
});

describe('splitScoreCount', () => {
  it('R6: counts arbitration scores apart from the required independent scores', () => {
    expect(splitScoreCount(1, 2)).toEqual({ independent: 1, required: 2, arbitration: 0 });
    expect(splitScoreCount(2, 2)).toEqual({ independent: 2, required: 2, arbitration: 0 });
    expect(splitScoreCount(3, 2)).toEqual({ independent: 2, required: 2, arbitration: 1 });
    expect(splitScoreCount(5, 5)).toEqual({ independent: 5, required: 5, arbitration: 0 });
  });
});
