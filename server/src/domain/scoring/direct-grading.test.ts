import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  type DirectGradingForm,
  type DirectGradingInput,
  type DirectGradingRatings,
  gradeDirectly,
  listMissingDirectGradingSignatures,
  validateDirectGrading,
} from './direct-grading';

/*
 * Worked example (electrician 电工, level 4, shaped like annex 1 of the enterprise template).
 *
 * Weight rows (percent): team leader TL, workshop head WH, competent department CD, HR department HR
 *   section 1 职业道德 (10 points):  TL 40, WH 30, CD 20, HR 10  (= 100)
 *   section 2 核心能力 (10 points):  TL 30, WH 30, CD 30, HR 10  (= 100)
 *   section 3 职业能力 (80 points):  TL 50, WH 30, CD 20, HR  0  (= 100; the template's row has a3 b3 c3 only)
 *
 * Section 1, five criteria of 2 points; scores TL / WH / CD / HR:
 *   1.1  2 / 2   / 2 / 2
 *   1.2  2 / 1.5 / 2 / 2
 *   1.3  2 / 2   / 1 / 2
 *   1.4  1.5 / 2 / 2 / 2
 *   1.5  2 / 1.5 / 2 / 2
 *   rater totals: TL 9.5, WH 9, CD 9, HR 10
 *   weighted = 0.4×9.5 + 0.3×9 + 0.2×9 + 0.1×10 = 3.8 + 2.7 + 1.8 + 1.0 = 9.3
 *   row 1.4 weighted = 0.4×1.5 + 0.3×2 + 0.2×2 + 0.1×2 = 0.6 + 0.6 + 0.4 + 0.2 = 1.8
 *
 * Section 2, five criteria of 2 points; TL / WH / CD / HR:
 *   2.1  2   / 1.5 / 2   / 1
 *   2.2  1.5 / 1.5 / 2   / 1
 *   2.3  1.5 / 2   / 2   / 1
 *   2.4  2   / 2   / 1.5 / 1
 *   2.5  1   / 1   / 1.5 / 1
 *   rater totals: TL 8, WH 8, CD 9, HR 5
 *   weighted = 0.3×8 + 0.3×8 + 0.3×9 + 0.1×5 = 2.4 + 2.4 + 2.7 + 0.5 = 8.0
 *
 * Section 3, competencies 3.1 (30 points), 3.2 (20), 3.3 (10), 3.4 (20); TL / WH / CD:
 *   3.1.1 (10)  9 / 8 / 7      3.2.1 (10)  8 / 7 / 6      3.3.1 (5)  4 / 4 / 3      3.4.1 (5)  4 / 4 / 3
 *   3.1.2 (10)  8 / 8 / 8      3.2.2 (10)  7 / 7 / 6      3.3.2 (5)  4 / 3 / 3      3.4.2 (5)  5 / 4 / 4
 *   3.1.3 (5)   4 / 4 / 5                                                            3.4.3 (10) 8 / 7 / 7
 *   3.1.4 (5)   5 / 4 / 4
 *   competency totals TL / WH / CD: 3.1 26/24/24, 3.2 15/14/12, 3.3 8/7/6, 3.4 17/15/14
 *   3.1 weighted = 0.5×26 + 0.3×24 + 0.2×24 = 13 + 7.2 + 4.8 = 25.0
 *   3.2 weighted = 0.5×15 + 0.3×14 + 0.2×12 = 7.5 + 4.2 + 2.4 = 14.1
 *   3.3 weighted = 0.5×8  + 0.3×7  + 0.2×6  = 4 + 2.1 + 1.2   = 7.3
 *   3.4 weighted = 0.5×17 + 0.3×15 + 0.2×14 = 8.5 + 4.5 + 2.8 = 15.8
 *   rater totals: TL 66, WH 60, CD 56; weighted = 0.5×66 + 0.3×60 + 0.2×56 = 33 + 18 + 11.2 = 62.2
 *   (check: 25.0 + 14.1 + 7.3 + 15.8 = 62.2)
 *
 * Total 总得分 = 9.3 + 8.0 + 62.2 = 79.5 ≥ 60 → 通过 (passed); with a pass mark of 80 → 不通过.
 */

const ethics = ['工作态度', '沟通合作', '操作规程', '安全生产', '团结合作'];
const core = ['工作计划', '工作效能', '任务完成质量', '工匠精神', '创新能力'];
const occupational: Array<[code: string, competency: string, maxPoints: number]> = [
  ['3.1.1', '3.1 继电控制电路装调维修', 10],
  ['3.1.2', '3.1 继电控制电路装调维修', 10],
  ['3.1.3', '3.1 继电控制电路装调维修', 5],
  ['3.1.4', '3.1 继电控制电路装调维修', 5],
  ['3.2.1', '3.2 电气设备装调维修', 10],
  ['3.2.2', '3.2 电气设备装调维修', 10],
  ['3.3.1', '3.3 自动控制电路装调维修', 5],
  ['3.3.2', '3.3 自动控制电路装调维修', 5],
  ['3.4.1', '3.4 基本电子电路装调维修', 5],
  ['3.4.2', '3.4 基本电子电路装调维修', 5],
  ['3.4.3', '3.4 基本电子电路装调维修', 10],
];

function electricianForm(level: DirectGradingForm['level'] = 4): DirectGradingForm {
  return {
    level,
    sections: [
      {
        key: 'professional_ethics',
        weightsPercent: { team_leader: 40, workshop_head: 30, competent_department: 20, hr_department: 10 },
        criteria: ethics.map((name, index) => ({ code: `1.${index + 1}`, name, maxPoints: 2 })),
      },
      {
        key: 'core_abilities',
        weightsPercent: { team_leader: 30, workshop_head: 30, competent_department: 30, hr_department: 10 },
        criteria: core.map((name, index) => ({ code: `2.${index + 1}`, name, maxPoints: 2 })),
      },
      {
        key: 'occupational_abilities',
        weightsPercent: { team_leader: 50, workshop_head: 30, competent_department: 20 },
        criteria: occupational.map(([code, competency, maxPoints]) => ({ code, name: `row ${code}`, competency, maxPoints })),
      },
    ],
  };
}

const four = (tl: number, wh: number, cd: number, hr: number) => ({ team_leader: tl, workshop_head: wh, competent_department: cd, hr_department: hr });
const three = (tl: number, wh: number, cd: number) => ({ team_leader: tl, workshop_head: wh, competent_department: cd });

const ratings: DirectGradingRatings = {
  '1.1': four(2, 2, 2, 2),
  '1.2': four(2, 1.5, 2, 2),
  '1.3': four(2, 2, 1, 2),
  '1.4': four(1.5, 2, 2, 2),
  '1.5': four(2, 1.5, 2, 2),
  '2.1': four(2, 1.5, 2, 1),
  '2.2': four(1.5, 1.5, 2, 1),
  '2.3': four(1.5, 2, 2, 1),
  '2.4': four(2, 2, 1.5, 1),
  '2.5': four(1, 1, 1.5, 1),
  '3.1.1': three(9, 8, 7),
  '3.1.2': three(8, 8, 8),
  '3.1.3': three(4, 4, 5),
  '3.1.4': three(5, 4, 4),
  '3.2.1': three(8, 7, 6),
  '3.2.2': three(7, 7, 6),
  '3.3.1': three(4, 4, 3),
  '3.3.2': three(4, 3, 3),
  '3.4.1': three(4, 4, 3),
  '3.4.2': three(5, 4, 4),
  '3.4.3': three(8, 7, 7),
};

const input = (overrides: Partial<DirectGradingInput> = {}): DirectGradingInput => ({ form: electricianForm(), ratings, ...overrides });

function issues(run: () => unknown): Array<{ field: string; code: string }> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    return ((error as AppError).details as { issues: Array<{ field: string; code: string }> }).issues.map(({ field, code }) => ({ field, code }));
  }
  throw new Error('expected a validation error');
}

describe('gradeDirectly', () => {
  it('R5: computes the worked example: sections 9.3 + 8.0 + 62.2 = 79.5, passed at 60', () => {
    const result = gradeDirectly(input());
    expect(result.sections.map((section) => section.weightedPoints)).toEqual([9.3, 8, 62.2]);
    expect(result.sections[0].rawTotalByRater).toEqual({ team_leader: 9.5, workshop_head: 9, competent_department: 9, hr_department: 10 });
    expect(result.sections[1].rawTotalByRater).toEqual({ team_leader: 8, workshop_head: 8, competent_department: 9, hr_department: 5 });
    expect(result.sections[2].rawTotalByRater).toEqual({ team_leader: 66, workshop_head: 60, competent_department: 56 });
    expect(result.sections[0].criteria[3]).toMatchObject({ code: '1.4', weightedPoints: 1.8 });
    expect(result.sections[2].byCompetency).toEqual([
      { competency: '3.1 继电控制电路装调维修', maxPoints: 30, weightedPoints: 25 },
      { competency: '3.2 电气设备装调维修', maxPoints: 20, weightedPoints: 14.1 },
      { competency: '3.3 自动控制电路装调维修', maxPoints: 10, weightedPoints: 7.3 },
      { competency: '3.4 基本电子电路装调维修', maxPoints: 20, weightedPoints: 15.8 },
    ]);
    expect(result.sections[2].weightsPercent).toEqual({ team_leader: 50, workshop_head: 30, competent_department: 20, hr_department: 0 });
    expect(result).toMatchObject({
      totalPoints: 79.5,
      maxPoints: 100,
      passMark: 60,
      isFormPassed: true,
      isOnSiteReviewRequired: false,
      outcome: 'passed',
    });
  });

  it('R5: fails the same candidate under an organisation pass mark of 80', () => {
    expect(gradeDirectly(input(), { passMark: 80 })).toMatchObject({ totalPoints: 79.5, isFormPassed: false, outcome: 'failed' });
  });

  it('R5: rejects a weight row that does not sum to exactly 100%, naming the section', () => {
    const form = electricianForm();
    const sections = [...form.sections];
    sections[1] = { ...sections[1], weightsPercent: { team_leader: 30, workshop_head: 30, competent_department: 30, hr_department: 9.5 } };
    expect(issues(() => gradeDirectly(input({ form: { ...form, sections } })))).toEqual([
      { field: 'form.sections[1].weightsPercent', code: 'weights_sum_not_100' },
    ]);
  });

  it('R5: rejects a weight outside 0..100 and an unknown rater', () => {
    const form = electricianForm();
    const sections = [...form.sections];
    sections[0] = {
      ...sections[0],
      weightsPercent: { team_leader: 120, workshop_head: -20, mentor: 0 } as DirectGradingForm['sections'][0]['weightsPercent'],
    };
    const found = validateDirectGrading(input({ form: { ...form, sections } }));
    expect(found.map(({ field, code }) => ({ field, code }))).toContainEqual({ field: 'form.sections[0].weightsPercent.team_leader', code: 'weight_out_of_range' });
    expect(found.map(({ field, code }) => ({ field, code }))).toContainEqual({ field: 'form.sections[0].weightsPercent.workshop_head', code: 'weight_out_of_range' });
    expect(found.map(({ field, code }) => ({ field, code }))).toContainEqual({ field: 'form.sections[0].weightsPercent.mentor', code: 'unknown_rater' });
  });

  it('R5: rejects a score above the criterion maximum, a missing score and a score by a rater without weight', () => {
    const bad: DirectGradingRatings = {
      ...ratings,
      '1.2': four(2.5, 1.5, 2, 2),
      '2.3': { team_leader: 1.5, workshop_head: 2, competent_department: 2 },
      '3.4.3': { ...three(8, 7, 7), hr_department: 9 },
    };
    expect(issues(() => gradeDirectly(input({ ratings: bad })))).toEqual([
      { field: 'ratings["1.2"].team_leader', code: 'score_out_of_range' },
      { field: 'ratings["3.4.3"].hr_department', code: 'rater_without_weight' },
      { field: 'ratings["2.3"].hr_department', code: 'score_missing' },
    ]);
  });

  it('R5: rejects a form whose sections are not worth 10, 10 and 80 points', () => {
    const form = electricianForm();
    const sections = [...form.sections];
    sections[2] = { ...sections[2], criteria: sections[2].criteria.slice(0, -1) };
    const { ['3.4.3']: _dropped, ...rest } = ratings;
    expect(issues(() => gradeDirectly(input({ form: { ...form, sections }, ratings: rest })))).toEqual([
      { field: 'form.sections[2].criteria', code: 'section_max_mismatch' },
    ]);
  });

  it('R5: rejects a missing section and an occupational criterion without competency', () => {
    const form = electricianForm();
    const occupationalSection = form.sections[2];
    const sections = [
      form.sections[0],
      {
        ...occupationalSection,
        criteria: occupationalSection.criteria.map((criterion, index) => (index === 0 ? { ...criterion, competency: ' ' } : criterion)),
      },
    ];
    const found = issues(() => gradeDirectly(input({ form: { ...form, sections } })));
    expect(found).toContainEqual({ field: 'form.sections', code: 'sections_incomplete' });
    expect(found).toContainEqual({ field: 'form.sections[1].criteria[0].competency', code: 'competency_required' });
    expect(found).toContainEqual({ field: 'ratings["2.1"]', code: 'unknown_criterion' });
  });

  it('R19: refuses level 2 and 1 unless the organisation allows them', () => {
    expect(issues(() => gradeDirectly(input({ form: electricianForm(2) })))).toEqual([{ field: 'form.level', code: 'level_not_allowed' }]);
  });

  it('R5: for level 2 awaits the on-site review and flags a missing lower-level certificate', () => {
    const settings = { canGradeLevels2And1: true };
    expect(gradeDirectly(input({ form: electricianForm(2) }), settings)).toMatchObject({
      isOnSiteReviewRequired: true,
      isMissingLowerLevelCertificate: true,
      outcome: 'awaiting_review',
    });
    expect(
      gradeDirectly(input({ form: electricianForm(2), isOnSiteReviewPassed: true, hasLowerLevelCertificate: true }), settings),
    ).toMatchObject({ isMissingLowerLevelCertificate: false, outcome: 'passed' });
    expect(gradeDirectly(input({ form: electricianForm(1), isOnSiteReviewPassed: false }), settings).outcome).toBe('failed');
  });
});

describe('listMissingDirectGradingSignatures', () => {
  it('R5: lists the raters, assessor and supervisor who have not signed', () => {
    expect(
      listMissingDirectGradingSignatures({
        team_leader: { signerId: 'u1', signedAt: 1 },
        workshop_head: { signerId: 'u2', signedAt: 1 },
        assessor: { signerId: 'u5', signedAt: 1 },
      }),
    ).toEqual(['competent_department_head', 'hr_department_head', 'internal_quality_supervisor']);
  });
});
