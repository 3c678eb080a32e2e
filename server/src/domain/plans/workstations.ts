/**
 * R21: each work type 工种 needs at least 10 workstations 工位 (with equipment) for the practical
 * assessment (002 part 1 §1(2) "每个职业（工种）不少于10个工位", §2(2)2 "工位（包含设备）10个以上").
 */
import { AppError } from '../../errors';

/** R21 default minimum workstations per work type. */
export const defaultMinimumWorkstations = 10;

/** Workstations available for one work type. */
export interface WorkTypeWorkstations {
  workType: string;
  workstationCount: number;
}

/** A work type with too few workstations. */
export interface WorkstationWarning {
  ruleId: 'R21';
  workType: string;
  workstationCount: number;
  minimum: number;
  message: string;
}

/**
 * R21: warnings for work types with fewer than `minimum` (default 10) workstations; empty when all
 * have enough. A warning, not a refusal: the plan may go ahead, the shortfall is shown.
 * @throws AppError `validation_failed` when a count is not a whole number >= 0 or `minimum` < 1.
 */
export function checkWorkstations(
  workTypes: readonly WorkTypeWorkstations[],
  minimum: number = defaultMinimumWorkstations,
): WorkstationWarning[] {
  if (!Number.isInteger(minimum) || minimum < 1) {
    throw new AppError('validation_failed', `minimum workstations must be a whole number >= 1, got ${minimum}`, {
      field: 'minimum',
      value: minimum,
    });
  }
  const warnings: WorkstationWarning[] = [];
  for (const [index, { workType, workstationCount }] of workTypes.entries()) {
    if (!Number.isInteger(workstationCount) || workstationCount < 0) {
      throw new AppError(
        'validation_failed',
        `workTypes[${index}] (${workType}): workstationCount must be a whole number >= 0, got ${workstationCount}`,
        { field: `workTypes[${index}].workstationCount`, value: workstationCount },
      );
    }
    if (workstationCount < minimum) {
      warnings.push({
        ruleId: 'R21',
        workType,
        workstationCount,
        minimum,
        message: `R21: work type ${workType} has ${workstationCount} workstation${workstationCount === 1 ? '' : 's'}; at least ${minimum} are required`,
      });
    }
  }
  return warnings;
}
