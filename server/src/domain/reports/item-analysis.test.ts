import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { type AnalysedItem, type CandidateSelections, analyseItems, computeGroupWeights, scoreDichotomously } from './item-analysis';

/*
 * Worked example: 10 candidates × 5 items, 1 point each. Options A..D = 0..3; I5 is a judge item
 * (0 正确, 1 错误). Keys: I1 A, I2 B, I3 C, I4 D, I5 0. "-" = omitted.
 *
 *        I1 I2 I3 I4 I5 | correct        | X
 *   C1   A  B  C  A  0  | 1  1  1  0  1  | 4
 *   C2   A  B  C  A  0  | 1  1  1  0  1  | 4
 *   C3   A  B  C  B  1  | 1  1  1  0  0  | 3
 *   C4   A  B  D  C  0  | 1  1  0  0  1  | 3
 *   C5   A  B  C  A  1  | 1  1  1  0  0  | 3
 *   C6   A  A  C  B  1  | 1  0  1  0  0  | 2
 *   C7   A  B  A  B  1  | 1  1  0  0  0  | 2
 *   C8   A  C  B  C  0  | 1  0  0  0  1  | 2
 *   C9   A  C  A  -  1  | 1  0  0  0  0  | 1
 *   C10  A  -  B  D  1  | 1  0  0  1  0  | 2
 *
 * Totals X: 4 4 3 3 3 2 2 2 1 2; ΣX = 26, mean 2.6.
 * Deviations²: 1.96×2 + 0.16×3 + 0.36×4 + 2.56 = 3.92 + 0.48 + 1.44 + 2.56 = 8.4; var X = 8.4/10 = 0.84.
 *
 * Groups: g = round(0.27 × 10) = round(2.7) = 3.
 *   Upper: sorted 4, 4, 3, 3, 3, …; the two 4s count 1 each; the 1 remaining place is shared by the
 *   three candidates tied at 3 (C3, C4, C5): 1/3 each.
 *   Lower: sorted 1, 2, 2, 2, 2, …; C9 (1) counts 1; the 2 remaining places are shared by the four
 *   tied at 2 (C6, C7, C8, C10): 2/4 = 0.5 each.
 *
 * Difficulty P and discrimination D = upper − lower (weighted correct / 3):
 *   I1 P = 10/10 = 1.0; upper (1+1+⅓×3)/3 = 1; lower (1 + 0.5×4)/3 = 1; D = 0
 *   I2 P = 6/10 = 0.6 (C1-C5, C7); upper (2 + ⅓×3)/3 = 1; lower (0.5 × C7)/3 = 1/6; D = 5/6 = 0.833333
 *   I3 P = 5/10 = 0.5 (C1, C2, C3, C5, C6); upper (2 + ⅓×2)/3 = 8/9; lower (0.5 × C6)/3 = 1/6;
 *      D = 16/18 − 3/18 = 13/18 = 0.722222
 *   I4 P = 1/10 = 0.1 (C10); upper 0; lower (0.5 × C10)/3 = 1/6; D = −1/6 = −0.166667
 *   I5 P = 4/10 = 0.4 (C1, C2, C4, C8); upper (2 + ⅓ × C4)/3 = 7/9; lower (0.5 × C8)/3 = 1/6;
 *      D = 14/18 − 3/18 = 11/18 = 0.611111
 *
 * Point-biserial r = cov / √(pq × var X), cov = ΣX over correct / N − P × 2.6:
 *   I1 pq = 0 → null
 *   I2 ΣX = 4+4+3+3+3+2 = 19; cov = 1.9 − 0.6×2.6 = 0.34; r = 0.34 / √(0.24×0.84) = 0.34 / √0.2016 = 0.757240
 *      (check with (M_p − M_q)/σ × √pq: (19/6 − 7/4) / √0.84 × √0.24 = 1.416667 / 0.916515 × 0.489898 = 0.757240)
 *   I3 ΣX = 4+4+3+3+2 = 16; cov = 1.6 − 1.3 = 0.3; r = 0.3 / √(0.25×0.84) = 0.3 / 0.458258 = 0.654654
 *   I4 ΣX = 2; cov = 0.2 − 0.26 = −0.06; r = −0.06 / √(0.09×0.84) = −0.06 / 0.274955 = −0.218218
 *   I5 ΣX = 4+4+3+2 = 13; cov = 1.3 − 1.04 = 0.26; r = 0.26 / √0.2016 = 0.579066
 * Corrected (item-rest, Y = X − item): cov' = cov − pq, var Y = var X + pq − 2 cov:
 *   I2 cov' = 0.34 − 0.24 = 0.10; var Y = 0.84 + 0.24 − 0.68 = 0.40; r = 0.10 / √(0.24×0.40) = 0.322749
 *   I3 cov' = 0.30 − 0.25 = 0.05; var Y = 0.84 + 0.25 − 0.60 = 0.49; r = 0.05 / (0.5×0.7) = 0.142857
 *   I4 cov' = −0.06 − 0.09 = −0.15; var Y = 0.84 + 0.09 + 0.12 = 1.05; r = −0.15 / √0.0945 = −0.487950
 *   I5 cov' = 0.26 − 0.24 = 0.02; var Y = 0.84 + 0.24 − 0.52 = 0.56; r = 0.02 / √0.1344 = 0.054554
 *
 * Distractors (rate overall / upper / lower; upper and lower are weighted counts / 3):
 *   I2: A C6 → 0.1 / 0 / 0.5÷3 = 1/6; C C8, C9 → 0.2 / 0 / (0.5+1)÷3 = 0.5; D nobody → flag;
 *       omitted C10 → 0.1 / 0 / 1/6
 *   I3: A C7, C9 → 0.2 / 0 / 1.5÷3 = 0.5; B C8, C10 → 0.2 / 0 / 1÷3; D C4 → 0.1 / ⅓÷3 = 1/9 / 0
 *       → D drew more of the upper group than of the lower: flag
 *   I4: A C1, C2, C5 → 0.3 / (1+1+⅓)÷3 = 7/9 / 0 → flag; B C3, C6, C7 → 0.3 / 1/9 / 1÷3 = 1/3;
 *       C C4, C8 → 0.2 / 1/9 / 1/6; omitted C9 → 0.1 / 0 / 1/3
 *   I5: 1 (错误) C3, C5, C6, C7, C9, C10 → 0.6 / (⅔)÷3 = 2/9 / 2.5÷3 = 5/6
 *
 * Flags: I1 too_easy (1.0 > 0.95), low_discrimination (0 < 0.2), options B, C, D not chosen;
 *        I2 option D not chosen; I3 option D favours upper; I4 too_difficult (0.1 < 0.2),
 *        low_discrimination (−0.17), option A favours upper; I5 none.
 */
const items: AnalysedItem[] = [
  { itemId: 'I1', type: 'single', optionCount: 4, answer: [0] },
  { itemId: 'I2', type: 'single', optionCount: 4, answer: [1] },
  { itemId: 'I3', type: 'single', optionCount: 4, answer: [2] },
  { itemId: 'I4', type: 'single', optionCount: 4, answer: [3] },
  { itemId: 'I5', type: 'judge', optionCount: 2, answer: [0] },
];
const A = 0;
const B = 1;
const C = 2;
const D = 3;
const rows: Array<Array<number | null>> = [
  [A, B, C, A, 0],
  [A, B, C, A, 0],
  [A, B, C, B, 1],
  [A, B, D, C, 0],
  [A, B, C, A, 1],
  [A, A, C, B, 1],
  [A, B, A, B, 1],
  [A, C, B, C, 0],
  [A, C, A, null, 1],
  [A, null, B, D, 1],
];
const candidates: CandidateSelections[] = rows.map((row, index) => ({
  candidateId: `C${index + 1}`,
  selections: Object.fromEntries(row.map((option, item) => [`I${item + 1}`, option === null ? [] : [option]])),
}));

const flagsOf = (analysis: ReturnType<typeof analyseItems>) =>
  analysis.items.map((item) => item.flags.map((flag) => (flag.optionIndex === undefined ? flag.code : `${flag.code}:${flag.optionIndex}`)));

describe('analyseItems', () => {
  const result = analyseItems(items, candidates);

  it('computes the group size g = round(0.27 × 10) = 3', () => {
    expect(result).toMatchObject({ candidateCount: 10, groupSize: 3 });
  });

  it('computes difficulty P as the proportion correct', () => {
    expect(result.items.map((item) => item.difficulty)).toEqual([1, 0.6, 0.5, 0.1, 0.4]);
    expect(result.items.map((item) => item.correctCount)).toEqual([10, 6, 5, 1, 4]);
  });

  it('computes discrimination D from the 27% groups with ties sharing the boundary places', () => {
    expect(result.items.map((item) => item.upperCorrectRate)).toEqual([1, 1, 0.888889, 0, 0.777778]);
    expect(result.items.map((item) => item.lowerCorrectRate)).toEqual([1, 0.166667, 0.166667, 0.166667, 0.166667]);
    expect(result.items.map((item) => item.discrimination)).toEqual([0, 0.833333, 0.722222, -0.166667, 0.611111]);
  });

  it('computes the point-biserial and the corrected item-rest correlation', () => {
    expect(result.items.map((item) => item.pointBiserial)).toEqual([null, 0.75724, 0.654654, -0.218218, 0.579066]);
    expect(result.items.map((item) => item.correctedPointBiserial)).toEqual([null, 0.322749, 0.142857, -0.48795, 0.054554]);
  });

  it('reports choice rates overall, in the upper and in the lower group', () => {
    expect(result.items[1].options).toEqual([
      { optionIndex: 0, isKey: false, chosenCount: 1, chosenRate: 0.1, upperRate: 0, lowerRate: 0.166667 },
      { optionIndex: 1, isKey: true, chosenCount: 6, chosenRate: 0.6, upperRate: 1, lowerRate: 0.166667 },
      { optionIndex: 2, isKey: false, chosenCount: 2, chosenRate: 0.2, upperRate: 0, lowerRate: 0.5 },
      { optionIndex: 3, isKey: false, chosenCount: 0, chosenRate: 0, upperRate: 0, lowerRate: 0 },
    ]);
    expect(result.items[1]).toMatchObject({ omittedRate: 0.1, upperOmittedRate: 0, lowerOmittedRate: 0.166667 });
    expect(result.items[3].options.map((option) => [option.chosenRate, option.upperRate, option.lowerRate])).toEqual([
      [0.3, 0.777778, 0],
      [0.3, 0.111111, 0.333333],
      [0.2, 0.111111, 0.166667],
      [0.1, 0, 0.166667],
    ]);
    expect(result.items[3]).toMatchObject({ omittedRate: 0.1, lowerOmittedRate: 0.333333 });
    expect(result.items[4].options[1]).toEqual({ optionIndex: 1, isKey: false, chosenCount: 6, chosenRate: 0.6, upperRate: 0.222222, lowerRate: 0.833333 });
  });

  it('flags too easy, too difficult, weak discrimination, unchosen and upper-favoured distractors', () => {
    expect(flagsOf(result)).toEqual([
      ['too_easy', 'low_discrimination', 'distractor_not_chosen:1', 'distractor_not_chosen:2', 'distractor_not_chosen:3'],
      ['distractor_not_chosen:3'],
      ['distractor_favours_upper_group:3'],
      ['too_difficult', 'low_discrimination', 'distractor_favours_upper_group:0'],
      [],
    ]);
  });

  it('follows organisation thresholds', () => {
    const strict = analyseItems(items, candidates, { minDifficulty: 0.45, maxDifficulty: 1, minDiscrimination: 0.7 });
    expect(strict.items.map((item) => item.flags.filter((flag) => !flag.code.startsWith('distractor')).map((flag) => flag.code))).toEqual([
      ['low_discrimination'],
      [],
      [],
      ['too_difficult', 'low_discrimination'],
      ['too_difficult', 'low_discrimination'],
    ]);
  });

  it('gives the same statistics whatever the order of the candidates', () => {
    const reversed = analyseItems(items, [...candidates].reverse());
    expect(reversed.items).toEqual(result.items);
  });

  it('returns null discrimination and correlations for a single candidate', () => {
    const one = analyseItems(items, candidates.slice(0, 1));
    expect(one.groupSize).toBe(0);
    expect(one.items[1]).toMatchObject({ difficulty: 1, discrimination: null, pointBiserial: null, upperCorrectRate: null });
  });

  it('rejects a setting outside 0..1, naming it', () => {
    expect(() => analyseItems(items, candidates, { maxDifficulty: 1.5 })).toThrow(/settings\.maxDifficulty/);
  });
});

describe('computeGroupWeights', () => {
  it('shares the boundary places among tied candidates so each group weighs g', () => {
    // Totals of the worked example: upper 4, 4 full and the three 3s ⅓ each; lower the 1 full and the four 2s ½ each.
    const { upper, lower } = computeGroupWeights([4, 4, 3, 3, 3, 2, 2, 2, 1, 2], 3);
    expect(upper).toEqual([1, 1, 1 / 3, 1 / 3, 1 / 3, 0, 0, 0, 0, 0]);
    expect(lower).toEqual([0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 1, 0.5]);
  });

  it('puts everybody in both groups with weight g/N when all totals tie', () => {
    expect(computeGroupWeights([2, 2, 2, 2], 1)).toEqual({ upper: [0.25, 0.25, 0.25, 0.25], lower: [0.25, 0.25, 0.25, 0.25] });
  });
});

describe('scoreDichotomously', () => {
  it('scores a multiple-choice item correct only for the exact key, in any order', () => {
    const multiple: AnalysedItem[] = [{ itemId: 'M', type: 'multiple', optionCount: 5, answer: [0, 2, 4], points: 2 }];
    const scores = scoreDichotomously(multiple, [
      { candidateId: 'a', selections: { M: [4, 0, 2] } },
      { candidateId: 'b', selections: { M: [0, 2] } },
      { candidateId: 'c', selections: {} },
    ]);
    expect(scores.correct).toEqual([[1], [0], [0]]);
    expect(scores.totals).toEqual([2, 0, 0]);
    expect(scores.correctCounts).toEqual([1, 0, 0]);
  });

  it('rejects selections for items not on the paper and options out of range, naming the row', () => {
    try {
      scoreDichotomously(items, [
        { candidateId: 'x', selections: { I9: [0] } },
        { candidateId: 'y', selections: { I5: [2] } },
      ]);
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(((error as AppError).details as { issues: Array<{ field: string }> }).issues.map((issue) => issue.field)).toEqual([
        'candidates[0].selections["I9"]',
        'candidates[1].selections["I5"]',
      ]);
    }
  });
});
