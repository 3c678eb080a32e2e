import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { assertComponentWeights } from './batch-scopes';

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const base = { minimumPracticalWeight: 0.5, field: 'scopes[0]' } as const;

describe('assertComponentWeights', () => {
  it('R4: accepts theory 0.3 + practical 0.7 for level 4 and 0.2 + 0.6 + review 0.2 for level 2', () => {
    expect(() => assertComponentWeights({ ...base, weights: { theory: 0.3, practical: 0.7 }, level: 4, mode: 'promotion' })).not.toThrow();
    expect(() => assertComponentWeights({ ...base, weights: { theory: 0.2, practical: 0.6, review: 0.2 }, level: 2, mode: 'promotion' })).not.toThrow();
  });

  it("R4: refuses a practical share under the organisation's minimum, naming the field", () => {
    const error = caught(() => assertComponentWeights({ ...base, weights: { theory: 0.55, practical: 0.45 }, level: 4, mode: 'promotion' }));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe("scopes[0].weights.practical: R4: the practical share 0.45 is below the organisation's minimum 0.5");
  });

  it('R4: refuses weights that do not sum to 1', () => {
    expect(caught(() => assertComponentWeights({ ...base, weights: { theory: 0.4, practical: 0.7 }, level: 4, mode: 'promotion' })).message).toMatch(
      /^scopes\[0\]\.weights: R4: theory 0\.4 \+ practical 0\.7 = 1\.1, must be 1$/,
    );
  });

  it('R4: asks a review weight for levels 2 and 1 and refuses one for levels 5-3', () => {
    expect(caught(() => assertComponentWeights({ ...base, weights: { theory: 0.4, practical: 0.6 }, level: 1, mode: 'promotion' })).message).toMatch(
      /weights\.review: R4: levels 2 and 1 add a comprehensive review/,
    );
    expect(
      caught(() => assertComponentWeights({ ...base, weights: { theory: 0.2, practical: 0.6, review: 0.2 }, level: 3, mode: 'promotion' })).message,
    ).toMatch(/weights\.review: R4: a comprehensive review applies to levels 2 and 1/);
  });

  it('R19: refuses direct grading of levels 2 and 1', () => {
    const error = caught(() => assertComponentWeights({ ...base, weights: { theory: 0.4, practical: 0.6 }, level: 2, mode: 'grading' }));
    expect(error.message).toMatch(/^scopes\[0\]: R19: direct grading \(定级\) covers levels 5-3 only/);
    expect(error.details).toMatchObject({ ruleId: 'R19' });
  });
});
