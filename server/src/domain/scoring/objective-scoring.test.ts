import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { type ObjectiveItemKey, scoreObjectiveAttempt, scoreObjectiveItem } from './objective-scoring';

/** A small paper: 2 single (1 point), 2 judge (1 point), 2 multiple (2 points); 8 points in all. */
const paper: ObjectiveItemKey[] = [
  { itemId: 's1', type: 'single', answer: [2], optionCount: 4, points: 1, knowledgePoint: 'A01' },
  { itemId: 's2', type: 'single', answer: [0], optionCount: 4, points: 1, knowledgePoint: 'A02' },
  { itemId: 'j1', type: 'judge', answer: [0], optionCount: 2, points: 1, knowledgePoint: 'A01' },
  { itemId: 'j2', type: 'judge', answer: [1], optionCount: 2, points: 1 },
  { itemId: 'm1', type: 'multiple', answer: [0, 2, 3], optionCount: 5, points: 2, knowledgePoint: 'A02' },
  { itemId: 'm2', type: 'multiple', answer: [1, 4], optionCount: 5, points: 2, knowledgePoint: 'A01' },
];

function validationIssues(run: () => unknown): Array<{ field: string; code: string }> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    return ((error as AppError).details as { issues: Array<{ field: string; code: string }> }).issues.map(({ field, code }) => ({ field, code }));
  }
  throw new Error('expected a validation error');
}

describe('scoreObjectiveAttempt', () => {
  it('R4: scores single and judge items right or wrong and groups points by knowledge point', () => {
    const result = scoreObjectiveAttempt(paper, [
      { itemId: 's1', selected: [2] }, // correct 1
      { itemId: 's2', selected: [3] }, // wrong 0
      { itemId: 'j1', selected: [0] }, // correct 1
      { itemId: 'j2', selected: [] }, //  unanswered 0
      { itemId: 'm1', selected: [3, 0, 2] }, // correct (order does not matter) 2
      // m2 missing: unanswered 0
    ]);
    expect(result.totalPoints).toBe(4);
    expect(result.maxPoints).toBe(8);
    expect(result.correctCount).toBe(3);
    expect(result.byItem.map((item) => [item.itemId, item.outcome, item.points])).toEqual([
      ['s1', 'correct', 1],
      ['s2', 'wrong', 0],
      ['j1', 'correct', 1],
      ['j2', 'unanswered', 0],
      ['m1', 'correct', 2],
      ['m2', 'unanswered', 0],
    ]);
    expect(result.byItem[4].selected).toEqual([0, 2, 3]);
    // A01: s1 1/1 + j1 1/1 + m2 0/2 = 2/4; A02: s2 0/1 + m1 2/2 = 2/3; none: j2 0/1.
    expect(result.byKnowledgePoint).toEqual([
      { knowledgePoint: 'A01', itemCount: 3, correctCount: 2, points: 2, maxPoints: 4, fraction: 0.5 },
      { knowledgePoint: 'A02', itemCount: 2, correctCount: 1, points: 2, maxPoints: 3, fraction: 0.666667 },
      { knowledgePoint: null, itemCount: 1, correctCount: 0, points: 0, maxPoints: 1, fraction: 0 },
    ]);
  });

  it('R4: scores multiple choice all-or-nothing by default (a strict subset earns 0)', () => {
    const result = scoreObjectiveAttempt(paper, [
      { itemId: 'm1', selected: [0, 2] },
      { itemId: 'm2', selected: [1, 4, 3] },
    ]);
    expect(result.byItem.slice(4).map((item) => [item.outcome, item.points])).toEqual([
      ['wrong', 0],
      ['wrong', 0],
    ]);
  });

  it('R4: gives half points for a non-empty strict subset with no wrong option under the partial-credit setting', () => {
    const settings = { multipleChoiceCredit: { kind: 'partial_subset', fraction: 0.5 } } as const;
    const result = scoreObjectiveAttempt(
      paper,
      [
        { itemId: 'm1', selected: [0, 2] }, // subset of {0,2,3}: 2 × 0.5 = 1
        { itemId: 'm2', selected: [1, 3] }, // 3 is wrong: 0
      ],
      settings,
    );
    expect(result.byItem.slice(4).map((item) => [item.outcome, item.points])).toEqual([
      ['partial', 1],
      ['wrong', 0],
    ]);
    expect(result.totalPoints).toBe(1);
    expect(result.correctCount).toBe(0);
  });

  it('keeps fractional points free of floating-point noise', () => {
    const items: ObjectiveItemKey[] = [0, 1, 2].map((index) => ({
      itemId: `x${index}`,
      type: 'single',
      answer: [0],
      optionCount: 4,
      points: 0.1,
    }));
    const result = scoreObjectiveAttempt(items, items.map((item) => ({ itemId: item.itemId, selected: [0] })));
    expect(result.totalPoints).toBe(0.3);
  });

  it('rejects a response to an item not on the paper and a repeated response, naming the row', () => {
    expect(
      validationIssues(() =>
        scoreObjectiveAttempt(paper, [
          { itemId: 's1', selected: [2] },
          { itemId: 'zz', selected: [0] },
          { itemId: 's1', selected: [1] },
        ]),
      ),
    ).toEqual([
      { field: 'responses[1].itemId', code: 'unknown_item' },
      { field: 'responses[2].itemId', code: 'duplicate' },
    ]);
  });

  it('rejects out-of-range, repeated and surplus selections', () => {
    expect(
      validationIssues(() =>
        scoreObjectiveAttempt(paper, [
          { itemId: 's1', selected: [4] },
          { itemId: 'm1', selected: [0, 0] },
          { itemId: 'j1', selected: [0, 1] },
        ]),
      ),
    ).toEqual([
      { field: 'responses[0].selected', code: 'out_of_range' },
      { field: 'responses[1].selected', code: 'duplicate' },
      { field: 'responses[2].selected', code: 'too_many' },
    ]);
  });

  it('rejects a bad key and a partial-credit fraction outside (0, 1)', () => {
    expect(
      validationIssues(() =>
        scoreObjectiveAttempt(
          [
            { itemId: 'a', type: 'single', answer: [0, 1], optionCount: 4, points: 1 },
            { itemId: 'b', type: 'judge', answer: [0], optionCount: 3, points: 1 },
            { itemId: 'c', type: 'multiple', answer: [], optionCount: 4, points: -1 },
          ],
          [],
          { multipleChoiceCredit: { kind: 'partial_subset', fraction: 1 } },
        ),
      ),
    ).toEqual([
      { field: 'settings.multipleChoiceCredit.fraction', code: 'out_of_range' },
      { field: 'items[0].answer', code: 'too_many' },
      { field: 'items[1].optionCount', code: 'out_of_range' },
      { field: 'items[2].points', code: 'out_of_range' },
      { field: 'items[2].answer', code: 'required' },
    ]);
  });
});

describe('scoreObjectiveItem', () => {
  it('R4: gives full points only for the exact key of a multiple-choice item', () => {
    const key = paper[4];
    expect(scoreObjectiveItem(key, [0, 2, 3])).toEqual({ outcome: 'correct', points: 2 });
    expect(scoreObjectiveItem(key, [0, 1, 2, 3])).toEqual({ outcome: 'wrong', points: 0 });
    expect(scoreObjectiveItem(key, [])).toEqual({ outcome: 'unanswered', points: 0 });
  });
});
