import type { TheoryItem } from '@skillcert/bank-tools/types';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { buildResponseMatrix, type MatrixAttempt } from './build-response-matrix';

const single: TheoryItem = { kind: 'theory', type: 'single', stem: '单选', options: ['甲', '乙', '丙', '丁'], answer: [2] };
const multiple: TheoryItem = { kind: 'theory', type: 'multiple', stem: '多选', options: ['甲', '乙', '丙', '丁'], answer: [0, 3] };
const judge: TheoryItem = { kind: 'theory', type: 'judge', stem: '判断', options: ['正确', '错误'], answer: [1] };
const content = new Map([
  ['s:1', single],
  ['m:2', multiple],
  ['j:1', judge],
]);
const contentOf = (itemId: string, version: number) => content.get(`${itemId}:${version}`);
const paper = {
  paperId: 'P-1',
  slots: [
    { itemId: 's', version: 1, points: 1 },
    { itemId: 'm', version: 2, points: 2 },
    { itemId: 'j', version: 1, points: 1 },
  ],
};

function attempt(answers: MatrixAttempt['answers'], orders: number[][] = [[3, 2, 1, 0], [1, 2, 3, 0], [0, 1]]): MatrixAttempt {
  return {
    attemptId: 'a1',
    // Displayed order differs from paper order: the matrix is keyed by item, not by slot.
    slots: [
      { slot: 1, itemId: 'j', version: 1, optionOrder: orders[2] },
      { slot: 2, itemId: 's', version: 1, optionOrder: orders[0] },
      { slot: 3, itemId: 'm', version: 2, optionOrder: orders[1] },
    ],
    answers,
  };
}

describe('buildResponseMatrix', () => {
  it('R3: takes keys, option counts and points from the pinned versions in paper order', () => {
    const matrix = buildResponseMatrix(paper, [], contentOf);
    expect(matrix.items).toEqual([
      { itemId: 's', type: 'single', optionCount: 4, answer: [2], points: 1 },
      { itemId: 'm', type: 'multiple', optionCount: 4, answer: [0, 3], points: 2 },
      { itemId: 'j', type: 'judge', optionCount: 2, answer: [1], points: 1 },
    ]);
    expect(matrix.candidates).toEqual([]);
  });

  it('maps displayed choices back to bank options through the stored permutation', () => {
    // single: displayed 1 → bank order[1] = 2 (the key); multiple: displayed [0, 2] → bank [1, 3].
    const matrix = buildResponseMatrix(paper, [attempt({ '1': { response: [1] }, '2': { response: [1] }, '3': { response: [2, 0] } })], contentOf);
    expect(matrix.candidates).toEqual([{ candidateId: 'a1', selections: { j: [1], s: [2], m: [1, 3] } }]);
  });

  it('records an unanswered slot as an omission (empty selection)', () => {
    const matrix = buildResponseMatrix(paper, [attempt({ '2': { response: [0] } })], contentOf);
    expect(matrix.candidates[0].selections).toEqual({ j: [], s: [3], m: [] });
  });

  it('refuses a missing pinned version, naming paper, slot, item and version', () => {
    expect(() => buildResponseMatrix({ paperId: 'P-1', slots: [{ itemId: 's', version: 9, points: 1 }] }, [], contentOf)).toThrow(
      /paper P-1 slot 1: item s version 9 is missing/,
    );
  });

  it('refuses a permutation that does not fit the item and a response outside the options', () => {
    const badOrder = () => buildResponseMatrix(paper, [attempt({}, [[0, 1, 2], [1, 2, 3, 0], [0, 1]])], contentOf);
    expect(badOrder).toThrow(AppError);
    expect(badOrder).toThrow(/attempt a1 slot 2: the stored permutation has 3 options, item s has 4/);
    expect(() => buildResponseMatrix(paper, [attempt({ '2': { response: [7] } })], contentOf)).toThrow(/attempt a1 slot 2: displayed option 7 is outside 0..3/);
  });

  it('refuses an attempt slot that is not on the paper', () => {
    const stray: MatrixAttempt = { attemptId: 'a2', slots: [{ slot: 1, itemId: 'x', version: 1, optionOrder: [0, 1] }], answers: {} };
    expect(() => buildResponseMatrix(paper, [stray], contentOf)).toThrow(/attempt a2 slot 1: item x version 1 is not on the paper/);
  });
});
