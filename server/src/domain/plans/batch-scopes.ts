/**
 * Scopes of a batch with their component weights (R4, R19): loaded from the bank scopes of the
 * organisation and checked.
 */
import { Types } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import { BankScopeModel } from '../bank/bank-scope.model';
import type { BatchScope, EvaluationMode } from './batch.model';

/** Tolerance of the weight sum (floating point). */
const weightSumTolerance = 1e-9;

/** Weights as entered. */
export interface ComponentWeights {
  theory: number;
  practical: number;
  review?: number;
}

/**
 * R4 and R19: checks one scope's weights: theory + practical (+ review) = 1, practical >=
 * `minimumPracticalWeight`, a review weight > 0 for levels 2 and 1 in promotion and none otherwise;
 * direct grading (R19) only for levels 5-3.
 * @param field prefix for messages, e.g. `scopes[0]`.
 * @throws AppError `validation_failed` naming the field and the numbers.
 */
export function assertComponentWeights(options: {
  weights: ComponentWeights;
  level: Level;
  mode: EvaluationMode;
  minimumPracticalWeight: number;
  field: string;
}): void {
  const { weights, level, mode, minimumPracticalWeight, field } = options;
  const fail = (subfield: string, message: string) => {
    throw new AppError('validation_failed', `${field}.${subfield}: ${message}`, { field: `${field}.${subfield}`, ruleId: 'R4' });
  };
  if (mode === 'grading' && level <= 2) {
    throw new AppError('validation_failed', `${field}: R19: direct grading (定级) covers levels 5-3 only; level ${level} needs promotion (晋级)`, {
      field,
      ruleId: 'R19',
    });
  }
  const review = weights.review ?? 0;
  if (mode === 'promotion' && level <= 2 && review <= 0) {
    fail('weights.review', `R4: levels 2 and 1 add a comprehensive review; give it a weight > 0 (level ${level})`);
  }
  if ((mode === 'grading' || level >= 3) && review > 0) {
    fail('weights.review', `R4: a comprehensive review applies to levels 2 and 1 in promotion only; level ${level} has none`);
  }
  if (weights.practical < minimumPracticalWeight) {
    fail(
      'weights.practical',
      `R4: the practical share ${weights.practical} is below the organisation's minimum ${minimumPracticalWeight}`,
    );
  }
  const sum = weights.theory + weights.practical + review;
  if (Math.abs(sum - 1) > weightSumTolerance) {
    fail('weights', `R4: theory ${weights.theory} + practical ${weights.practical}${review ? ` + review ${review}` : ''} = ${Number(sum.toFixed(6))}, must be 1`);
  }
}

/**
 * Loads the scopes `inputs` of the organisation, checks their weights (R4, R19) and returns them
 * denormalised for the batch.
 * @throws AppError `validation_failed` for a repeated or unknown scope or bad weights.
 */
export async function resolveBatchScopes(options: {
  organisationId: string;
  inputs: readonly { scopeId: string; weights: ComponentWeights }[];
  mode: EvaluationMode;
  minimumPracticalWeight: number;
}): Promise<BatchScope[]> {
  const { inputs } = options;
  const seen = new Set<string>();
  for (const [index, input] of inputs.entries()) {
    if (seen.has(input.scopeId)) {
      throw new AppError('validation_failed', `scopes[${index}].scopeId: scope ${input.scopeId} is listed twice`, { field: `scopes[${index}].scopeId` });
    }
    seen.add(input.scopeId);
  }
  const stored = await BankScopeModel.find({
    _id: { $in: inputs.map((input) => new Types.ObjectId(input.scopeId)) },
    organisationId: new Types.ObjectId(options.organisationId),
  }).lean();
  const byId = new Map(stored.map((scope) => [String(scope._id), scope]));
  return inputs.map((input, index) => {
    const scope = byId.get(input.scopeId);
    if (!scope) {
      throw new AppError('validation_failed', `scopes[${index}].scopeId: no bank scope ${input.scopeId} in this organisation`, {
        field: `scopes[${index}].scopeId`,
      });
    }
    assertComponentWeights({
      weights: input.weights,
      level: scope.level,
      mode: options.mode,
      minimumPracticalWeight: options.minimumPracticalWeight,
      field: `scopes[${index}]`,
    });
    return {
      scopeId: scope._id,
      occupationCode: scope.occupationCode,
      occupationName: scope.occupationName,
      workType: scope.workType,
      level: scope.level,
      weights: {
        theory: input.weights.theory,
        practical: input.weights.practical,
        ...(input.weights.review ? { review: input.weights.review } : {}),
      },
    };
  });
}
