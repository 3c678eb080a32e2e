import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { AnalysedItem, CandidateSelections } from './item-analysis';
import {
  type PaperStatistics,
  buildScoreHistogram,
  computeKr20,
  describeScores,
  summarizeParallelism,
  summarizePaperStatistics,
} from './paper-statistics';

/*
 * Worked example (the same 10 candidates × 5 items as item-analysis.test.ts), correct matrix:
 *
 *        I1 I2 I3 I4 I5 | X
 *   C1   1  1  1  0  1  | 4
 *   C2   1  1  1  0  1  | 4
 *   C3   1  1  1  0  0  | 3
 *   C4   1  1  0  0  1  | 3
 *   C5   1  1  1  0  0  | 3
 *   C6   1  0  1  0  0  | 2
 *   C7   1  1  0  0  0  | 2
 *   C8   1  0  0  0  1  | 2
 *   C9   1  0  0  0  0  | 1
 *   C10  1  0  0  1  0  | 2
 *
 * Mean = 26 / 10 = 2.6. Σ(X − 2.6)² = 1.96×2 + 0.16×3 + 0.36×4 + 2.56 = 8.4.
 * Population SD = √(8.4 / 10) = √0.84 = 0.916515; sample SD = √(8.4 / 9) = √0.933333 = 0.966092.
 * Sorted 1 2 2 2 2 3 3 3 4 4: median = (2 + 3) / 2 = 2.5, min 1, max 4.
 * KR-20: p = 1.0, 0.6, 0.5, 0.1, 0.4; pq = 0, 0.24, 0.25, 0.09, 0.24; Σpq = 0.82.
 *   KR-20 = 5/4 × (1 − 0.82 / 0.84) = 1.25 × 0.02/0.84 = 1.25 × 0.0238095 = 0.029762.
 * Mean difficulty = (1.0 + 0.6 + 0.5 + 0.1 + 0.4) / 5 = 2.6 / 5 = 0.52.
 * Histogram, width 1 on 0..5: [0,1) 0, [1,2) 1 (C9), [2,3) 4, [3,4) 3, [4,5] 2.
 */
const items: AnalysedItem[] = [
  { itemId: 'I1', type: 'single', optionCount: 4, answer: [0] },
  { itemId: 'I2', type: 'single', optionCount: 4, answer: [1] },
  { itemId: 'I3', type: 'single', optionCount: 4, answer: [2] },
  { itemId: 'I4', type: 'single', optionCount: 4, answer: [3] },
  { itemId: 'I5', type: 'judge', optionCount: 2, answer: [0] },
];
const correctMatrix = [
  [1, 1, 1, 0, 1],
  [1, 1, 1, 0, 1],
  [1, 1, 1, 0, 0],
  [1, 1, 0, 0, 1],
  [1, 1, 1, 0, 0],
  [1, 0, 1, 0, 0],
  [1, 1, 0, 0, 0],
  [1, 0, 0, 0, 1],
  [1, 0, 0, 0, 0],
  [1, 0, 0, 1, 0],
];
/** Selections reproducing the matrix: the key when correct, the next option when wrong. */
const candidates: CandidateSelections[] = correctMatrix.map((row, index) => ({
  candidateId: `C${index + 1}`,
  selections: Object.fromEntries(
    row.map((isCorrect, item) => {
      const { answer, optionCount } = items[item];
      return [`I${item + 1}`, [isCorrect ? answer[0] : (answer[0] + 1) % optionCount]];
    }),
  ),
}));

describe('describeScores', () => {
  it('computes mean, population and sample SD, median, min and max', () => {
    expect(describeScores([4, 4, 3, 3, 3, 2, 2, 2, 1, 2])).toEqual({
      count: 10,
      mean: 2.6,
      populationSd: 0.916515,
      sampleSd: 0.966092,
      median: 2.5,
      min: 1,
      max: 4,
    });
  });

  it('has no sample SD for one score and nothing for none', () => {
    expect(describeScores([7])).toMatchObject({ mean: 7, populationSd: 0, sampleSd: null, median: 7 });
    expect(describeScores([])).toMatchObject({ count: 0, mean: null, populationSd: null });
  });
});

describe('computeKr20', () => {
  it('computes KR-20 = 5/4 × (1 − 0.82/0.84) = 0.029762 for the worked example', () => {
    expect(computeKr20(correctMatrix)).toBe(0.029762);
  });

  it('is 1 for perfectly consistent items and null without variance', () => {
    // Two candidates, three items, one gets all right and one all wrong: pq = 0.25 each, Σpq = 0.75;
    // totals 3 and 0, var = 2.25; KR-20 = 3/2 × (1 − 0.75/2.25) = 1.5 × 2/3 = 1.
    expect(computeKr20([[1, 1, 1], [0, 0, 0]])).toBe(1);
    expect(computeKr20([[1, 0], [1, 0]])).toBeNull();
    expect(computeKr20([[1], [0]])).toBeNull();
  });

  it('rejects a value other than 0 or 1, naming the cell', () => {
    expect(() => computeKr20([[1, 0], [2, 0]])).toThrow(/correct\[1\]\[0\]/);
  });
});

describe('buildScoreHistogram', () => {
  it('counts scores in [from, to) bins with the maximum in the last bin', () => {
    const bins = buildScoreHistogram([4, 4, 3, 3, 3, 2, 2, 2, 1, 2], { maxPoints: 5, binWidth: 1 });
    expect(bins.map((bin) => [bin.fromPoints, bin.toPoints, bin.count])).toEqual([
      [0, 1, 0],
      [1, 2, 1],
      [2, 3, 4],
      [3, 4, 3],
      [4, 5, 2],
    ]);
    expect(bins.map((bin) => bin.isUpperInclusive)).toEqual([false, false, false, false, true]);
    expect(buildScoreHistogram([100, 59.5, 60], { maxPoints: 100 }).map((bin) => bin.count)).toEqual([0, 0, 0, 0, 0, 1, 1, 0, 0, 1]);
  });

  it('rejects a score above the maximum, naming it', () => {
    expect(() => buildScoreHistogram([50, 101], { maxPoints: 100 })).toThrow(AppError);
    expect(() => buildScoreHistogram([50, 101], { maxPoints: 100 })).toThrow(/scores\[1\]/);
  });
});

describe('summarizePaperStatistics', () => {
  it('summarises the worked example paper', () => {
    const statistics = summarizePaperStatistics({ paperId: 'P1', items, candidates, binWidth: 1 });
    expect(statistics).toMatchObject({
      paperId: 'P1',
      itemCount: 5,
      maxPoints: 5,
      count: 10,
      mean: 2.6,
      populationSd: 0.916515,
      sampleSd: 0.966092,
      median: 2.5,
      kr20: 0.029762,
      meanDifficulty: 0.52,
    });
    expect(statistics.histogram.map((bin) => bin.count)).toEqual([0, 1, 4, 3, 2]);
  });
});

describe('summarizeParallelism', () => {
  const paper = (paperId: string, mean: number, populationSd: number, kr20: number, meanDifficulty: number): PaperStatistics => ({
    paperId,
    itemCount: 100,
    maxPoints: 100,
    count: 40,
    mean,
    populationSd,
    sampleSd: null,
    median: mean,
    min: 0,
    max: 100,
    kr20,
    meanDifficulty,
    histogram: [],
  });

  it('accepts a library whose papers agree within the tolerances', () => {
    // Means 70, 72, 73 → fractions range 0.73 − 0.70 = 0.03 ≤ 0.05; SD 10, 11, 12 → 0.02 ≤ 0.05;
    // KR-20 0.82 … 0.88 → 0.06 ≤ 0.1; P 0.70 … 0.73 → 0.03 ≤ 0.05.
    const summary = summarizeParallelism([paper('A', 70, 10, 0.82, 0.7), paper('B', 72, 11, 0.88, 0.72), paper('C', 73, 12, 0.85, 0.73)]);
    expect(summary).toMatchObject({ paperCount: 3, flags: [], isParallel: true });
    expect(summary.meanFraction).toMatchObject({ min: 0.7, max: 0.73, range: 0.03, minPaperId: 'A', maxPaperId: 'C' });
  });

  it('flags the mean and reliability ranges of papers that are not parallel', () => {
    // Means 72, 70, 64 → 0.72 − 0.64 = 0.08 > 0.05; SD 10, 11, 15 → 0.05 (not over);
    // KR-20 0.85, 0.80, 0.70 → 0.15 > 0.1; P 0.72, 0.70, 0.64 → 0.08 > 0.05.
    const summary = summarizeParallelism([paper('A', 72, 10, 0.85, 0.72), paper('B', 70, 11, 0.8, 0.7), paper('C', 64, 15, 0.7, 0.64)]);
    expect(summary.flags).toEqual(['mean_range', 'kr20_range', 'difficulty_range']);
    expect(summary.isParallel).toBe(false);
    expect(summary.meanFraction).toMatchObject({ range: 0.08, minPaperId: 'C', maxPaperId: 'A' });
    expect(summary.sdFraction).toMatchObject({ range: 0.05, isWithinTolerance: true });
    expect(summary.kr20).toMatchObject({ range: 0.15, minPaperId: 'C', maxPaperId: 'A' });
  });

  it('compares papers of different maxima on the fraction scale', () => {
    // 60/80 = 0.75 and 75/100 = 0.75: same mean fraction.
    const summary = summarizeParallelism([{ ...paper('A', 60, 8, 0.8, 0.75), maxPoints: 80 }, paper('B', 75, 10, 0.8, 0.75)]);
    expect(summary.meanFraction.range).toBe(0);
    expect(summary.sdFraction.range).toBe(0);
  });
});
