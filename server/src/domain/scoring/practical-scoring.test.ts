import { describe, expect, it } from 'vitest';
import type { PracticalItem } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import {
  type AssessorScore,
  canAssessorScoreLevel,
  reconcilePracticalScores,
  scoreSheetTotal,
  visibleScoresFor,
} from './practical-scoring';

const task: Pick<PracticalItem, 'criteria' | 'vetoItems'> = {
  criteria: [
    { criterion: '安全防护', maxPoints: 10, deductionRule: '每项不符合扣 5 分' },
    { criterion: '接线工艺', maxPoints: 40, deductionRule: '每处错误扣 4 分' },
    { criterion: '通电试车', maxPoints: 50, deductionRule: '一次不成功扣 20 分' },
  ],
  vetoItems: ['带电作业', '损坏设备'],
};

const score = (assessorId: string, totalPoints: number, isVetoed = false): AssessorScore => ({ assessorId, totalPoints, isVetoed });

function issueFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).details as { issues: Array<{ field: string }> }).issues.map((issue) => issue.field);
  }
  throw new Error('expected a validation error');
}

describe('scoreSheetTotal', () => {
  it('R4: subtracts deductions per criterion and clamps each criterion at 0', () => {
    const total = scoreSheetTotal(task, {
      assessorId: 'as-1',
      deductions: [
        { criterionIndex: 0, deductedPoints: [5, 5, 5] }, // 15 > 10 → 0, not −5
        { criterionIndex: 1, deductedPoints: [4, 4] }, //   40 − 8 = 32
      ], //                                                  criterion 2 untouched: 50
      vetoItemsObserved: [],
    });
    expect(total.byCriterion.map((criterion) => [criterion.deductedPoints, criterion.points])).toEqual([
      [15, 0],
      [8, 32],
      [0, 50],
    ]);
    expect(total).toMatchObject({ assessorId: 'as-1', totalPoints: 82, maxPoints: 100, isVetoed: false });
  });

  it('R4: fails the task with total 0 when any veto item is observed', () => {
    const total = scoreSheetTotal(task, { assessorId: 'as-1', deductions: [], vetoItemsObserved: ['带电作业'] });
    expect(total).toMatchObject({ totalPoints: 0, isVetoed: true, vetoItemsObserved: ['带电作业'] });
    expect(total.byCriterion.map((criterion) => criterion.points)).toEqual([10, 40, 50]);
  });

  it('rejects unknown criteria, repeated criteria, negative deductions and unknown veto items by field', () => {
    expect(
      issueFields(() =>
        scoreSheetTotal(task, {
          assessorId: 'as-1',
          deductions: [
            { criterionIndex: 3, deductedPoints: [1] },
            { criterionIndex: 1, deductedPoints: [-2] },
            { criterionIndex: 1, deductedPoints: [2] },
          ],
          vetoItemsObserved: ['迟到'],
        }),
      ),
    ).toEqual([
      'sheet.deductions[0].criterionIndex',
      'sheet.deductions[1].deductedPoints',
      'sheet.deductions[2].criterionIndex',
      'sheet.vetoItemsObserved[0]',
    ]);
  });
});

describe('reconcilePracticalScores', () => {
  it('R6: waits for two independent scores', () => {
    expect(reconcilePracticalScores([score('a', 80)], { maxPoints: 100 })).toEqual({ status: 'pending', scoreCount: 1, requiredCount: 2 });
  });

  it('R4: takes the mean of two scores within 10% of the maximum (difference exactly 10 points)', () => {
    expect(reconcilePracticalScores([score('a', 80), score('b', 70)], { maxPoints: 100 })).toEqual({
      status: 'final',
      finalPoints: 75,
      isVetoed: false,
      method: 'mean_of_two',
      decidingAssessorIds: ['a', 'b'],
    });
  });

  it('R4: asks for arbitration when two scores differ by more than 10% of the maximum', () => {
    expect(reconcilePracticalScores([score('a', 80), score('b', 69.5)], { maxPoints: 100 })).toEqual({
      status: 'needs_arbitration',
      reason: 'difference_over_threshold',
      differencePoints: 10.5,
      allowedDifferencePoints: 10,
    });
  });

  it('R4: applies the organisation threshold relative to the task maximum', () => {
    // 5% of 60 points = 3 points allowed; 50 vs 46 differ by 4.
    expect(reconcilePracticalScores([score('a', 50), score('b', 46)], { maxPoints: 60, differenceThreshold: 0.05 }).status).toBe('needs_arbitration');
  });

  it('R4: asks for arbitration when the assessors disagree on a veto, however close the points', () => {
    expect(reconcilePracticalScores([score('a', 0, true), score('b', 5)], { maxPoints: 100 })).toMatchObject({
      status: 'needs_arbitration',
      reason: 'veto_disagreement',
    });
  });

  it('R4: keeps a veto both assessors observed: final 0, vetoed', () => {
    expect(reconcilePracticalScores([score('a', 0, true), score('b', 0, true)], { maxPoints: 100 })).toMatchObject({
      status: 'final',
      finalPoints: 0,
      isVetoed: true,
    });
  });

  it('R4: with an arbitration score takes the mean of the two closest scores', () => {
    // 60, 85, 80 → sorted 60, 80, 85; gaps 20 and 5 → mean(80, 85) = 82.5.
    expect(reconcilePracticalScores([score('a', 60), score('b', 85), score('c', 80)], { maxPoints: 100 })).toEqual({
      status: 'final',
      finalPoints: 82.5,
      isVetoed: false,
      method: 'mean_of_closest_two',
      decidingAssessorIds: ['c', 'b'],
    });
  });

  it('R4: on an exact tie between the gaps takes the median (= the mean of all three)', () => {
    // 70, 90, 80 → sorted 70, 80, 90; gaps 10 and 10 → median 80 = (70 + 80 + 90) / 3.
    expect(reconcilePracticalScores([score('a', 70), score('b', 90), score('c', 80)], { maxPoints: 100 })).toMatchObject({
      status: 'final',
      finalPoints: 80,
      method: 'median_of_three',
    });
  });

  it('R4: sends the dispute to the committee when even the closest two differ too much', () => {
    // 40, 60, 85 → gaps 20 and 25 → closest pair (40, 60) still 20 > 10.
    expect(reconcilePracticalScores([score('a', 40), score('b', 85), score('c', 60)], { maxPoints: 100 })).toEqual({
      status: 'needs_committee',
      reason: 'difference_over_threshold',
      differencePoints: 20,
      allowedDifferencePoints: 10,
    });
  });

  it('R4: takes the committee decision as final', () => {
    expect(
      reconcilePracticalScores([score('a', 40), score('b', 85), score('c', 60)], {
        maxPoints: 100,
        committeeDecision: { finalPoints: 62, isVetoed: false, decisionReference: '评委会〔2025〕3号' },
      }),
    ).toEqual({ status: 'final', finalPoints: 62, isVetoed: false, method: 'committee', decidingAssessorIds: [] });
  });

  it('R6: rejects two scores from the same assessor and points over the maximum', () => {
    expect(issueFields(() => reconcilePracticalScores([score('a', 80), score('a', 120)], { maxPoints: 100 }))).toEqual([
      'scores[1].assessorId',
      'scores[1].totalPoints',
    ]);
  });

  it('rejects a fourth score', () => {
    expect(issueFields(() => reconcilePracticalScores([score('a', 1), score('b', 2), score('c', 3), score('d', 4)], { maxPoints: 100 }))).toEqual(['scores']);
  });
});

describe('canAssessorScoreLevel', () => {
  it('R6: lets an assessor assess levels 5 to 3 only', () => {
    expect([5, 4, 3, 2, 1].map((level) => canAssessorScoreLevel('assessor', level as 1 | 2 | 3 | 4 | 5))).toEqual([true, true, true, false, false]);
  });

  it('R6: lets a senior assessor assess levels 5 to 1', () => {
    expect([5, 4, 3, 2, 1].map((level) => canAssessorScoreLevel('senior_assessor', level as 1 | 2 | 3 | 4 | 5))).toEqual([true, true, true, true, true]);
  });
});

describe('visibleScoresFor', () => {
  const scores = [score('a', 80), score('b', 70)];

  it('R6: shows an assessor only their own score until every required assessor has scored', () => {
    expect(visibleScoresFor('a', [scores[0]], ['a', 'b'])).toEqual([scores[0]]);
    expect(visibleScoresFor('b', [scores[0]], ['a', 'b'])).toEqual([]);
  });

  it('R6: shows all scores once the required assessors have scored', () => {
    expect(visibleScoresFor('b', scores, ['a', 'b'])).toEqual(scores);
  });

  it('R6: keeps the first two scores hidden from an arbitration assessor until they score', () => {
    expect(visibleScoresFor('c', scores, ['a', 'b', 'c'])).toEqual([]);
    expect(visibleScoresFor('c', [...scores, score('c', 75)], ['a', 'b', 'c'])).toHaveLength(3);
  });

  it('R6: without a required list waits for two distinct assessors', () => {
    expect(visibleScoresFor('a', [scores[0]])).toEqual([scores[0]]);
    expect(visibleScoresFor('a', scores)).toEqual(scores);
  });
});
