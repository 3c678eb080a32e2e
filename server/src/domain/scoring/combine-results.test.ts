import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { type CombinationScheme, combineResults, validateCombinationScheme } from './combine-results';

const level4: CombinationScheme = { occupationCode: '6-31-01-03', level: 4, weights: { theory: 0.3, practical: 0.7 } };
const level2: CombinationScheme = { occupationCode: '6-31-01-03', level: 2, weights: { theory: 0.2, practical: 0.5, review: 0.3 } };

function issues(run: () => unknown): Array<{ field: string; code: string }> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).details as { issues: Array<{ field: string; code: string }> }).issues.map(({ field, code }) => ({ field, code }));
  }
  throw new Error('expected a validation error');
}

describe('combineResults', () => {
  it('R4: weights theory and practical on a 100-point scale and passes when both and the total pass', () => {
    // theory 72/100 → 72; practical 45/60 → 75; total 0.3×72 + 0.7×75 = 21.6 + 52.5 = 74.1.
    const result = combineResults(level4, { theory: { points: 72, maxPoints: 100 }, practical: { points: 45, maxPoints: 60 } });
    expect(result.components).toEqual([
      { component: 'theory', points: 72, weight: 0.3, weightedPoints: 21.6, passMark: 60, isPassed: true },
      { component: 'practical', points: 75, weight: 0.7, weightedPoints: 52.5, passMark: 60, isPassed: true },
    ]);
    expect(result).toMatchObject({ totalPoints: 74.1, isTotalPassed: true, isPassed: true, failedComponents: [] });
  });

  it('R4: fails a candidate whose total passes but one component is below its pass mark', () => {
    // theory 55 (< 60), practical 90; total 0.3×55 + 0.7×90 = 16.5 + 63 = 79.5.
    const result = combineResults(level4, { theory: { points: 55, maxPoints: 100 }, practical: { points: 90, maxPoints: 100 } });
    expect(result).toMatchObject({ totalPoints: 79.5, isTotalPassed: true, isPassed: false, failedComponents: ['theory'] });
  });

  it('R4: fails a candidate whose components pass but the total misses an organisation overall mark', () => {
    const scheme = { ...level4, overallPassMark: 70 };
    // 0.3×60 + 0.7×65 = 18 + 45.5 = 63.5 < 70.
    const result = combineResults(scheme, { theory: { points: 60, maxPoints: 100 }, practical: { points: 65, maxPoints: 100 } });
    expect(result).toMatchObject({ totalPoints: 63.5, isTotalPassed: false, isPassed: false, failedComponents: [] });
  });

  it('R4: adds the comprehensive review for level 2', () => {
    // 0.2×80 + 0.5×70 + 0.3×65 = 16 + 35 + 19.5 = 70.5.
    const result = combineResults(level2, {
      theory: { points: 80, maxPoints: 100 },
      practical: { points: 70, maxPoints: 100 },
      review: { points: 65, maxPoints: 100 },
    });
    expect(result.components.map((component) => component.component)).toEqual(['theory', 'practical', 'review']);
    expect(result).toMatchObject({ totalPoints: 70.5, isPassed: true });
  });

  it('R4: rejects a level 2 scheme without a comprehensive review', () => {
    expect(
      issues(() =>
        combineResults({ ...level2, weights: { theory: 0.4, practical: 0.6 } }, { theory: { points: 80, maxPoints: 100 }, practical: { points: 70, maxPoints: 100 } }),
      ),
    ).toEqual([{ field: 'scheme.weights.review', code: 'review_required' }]);
  });

  it('R4: rejects a level 1 result without the review score', () => {
    expect(
      issues(() =>
        combineResults({ ...level2, level: 1 }, { theory: { points: 80, maxPoints: 100 }, practical: { points: 70, maxPoints: 100 } }),
      ),
    ).toEqual([{ field: 'scores.review', code: 'score_missing' }]);
  });

  it('R4: rejects a practical weight below the 0.5 minimum and weights not summing to 1', () => {
    expect(validateCombinationScheme({ ...level4, weights: { theory: 0.6, practical: 0.4 } }).map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'scheme.weights.practical', code: 'practical_weight_below_minimum' },
    ]);
    expect(validateCombinationScheme({ ...level4, weights: { theory: 0.3, practical: 0.6 } }).map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'scheme.weights', code: 'weights_sum_not_1' },
    ]);
  });

  it('R4: applies an organisation minimum practical weight', () => {
    expect(validateCombinationScheme(level4, { minPracticalWeight: 0.8 }).map((issue) => issue.code)).toEqual(['practical_weight_below_minimum']);
    expect(validateCombinationScheme({ ...level4, weights: { theory: 0.6, practical: 0.4 } }, { minPracticalWeight: 0.4 })).toEqual([]);
  });

  it('accepts weights that sum to 1 only up to floating-point noise', () => {
    expect(validateCombinationScheme({ ...level2, weights: { theory: 0.1, practical: 0.6, review: 0.3 } })).toEqual([]);
  });

  it('rejects a score above its maximum, a missing weight and a pass mark over 100, by field', () => {
    expect(
      issues(() =>
        combineResults(
          { ...level4, weights: { practical: 1 }, passMarks: { practical: 120 } },
          { practical: { points: 61, maxPoints: 60 }, theory: { points: 50, maxPoints: 100 } },
        ),
      ),
    ).toEqual([
      { field: 'scheme.weights.theory', code: 'weight_required' },
      { field: 'scheme.passMarks.practical', code: 'pass_mark_out_of_range' },
      { field: 'scores.practical.points', code: 'score_out_of_range' },
      { field: 'scores.theory', code: 'score_without_weight' },
    ]);
  });
});
