/**
 * R6: staff of one batch 批次. Nobody holds two of the roles exam administrator 考务人员, assessor
 * 考评员 and internal quality supervisor 内部质量督导员 in the same batch (000 §8(5)1 "不得交叉兼任");
 * an assessor assesses levels 5-3, a senior assessor 高级考评员 levels 5-1 (004 §3(2)).
 * Avoidance of relatives and rotation of supervisors (004 annex 4) are judged by people, not here.
 */
import type { Level } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';

/** Roles in a batch. */
export type StaffRole = 'exam_admin' | 'assessor' | 'supervisor';

/** Grades of assessors: 考评员 (levels 5-3) and 高级考评员 (levels 5-1). */
export type AssessorGrade = 'assessor' | 'senior_assessor';

/** Display names of the roles. */
export const staffRoleLabels: Readonly<Record<StaffRole, string>> = Object.freeze({
  exam_admin: 'exam administrator (考务人员)',
  assessor: 'assessor (考评人员)',
  supervisor: 'internal quality supervisor (内部质量督导员)',
});

/** Highest level (smallest number) each grade may assess. */
export const highestLevelByGrade: Readonly<Record<AssessorGrade, Level>> = Object.freeze({
  assessor: 3,
  senior_assessor: 1,
});

/** One person in one role of the batch. */
export interface StaffAssignment {
  personId: string;
  personName: string;
  role: StaffRole;
}

/** Input of {@link checkStaffAssignments}. */
export interface StaffAssignmentInput {
  /** Levels assessed in the batch (usually one). */
  batchLevels: readonly Level[];
  assignments: readonly StaffAssignment[];
  /** Assessor grade of each person id that holds one (from the assessor register). */
  assessorGrades: Readonly<Record<string, AssessorGrade | undefined>>;
}

/** One person holding two or more roles. */
export interface RoleConflict {
  personId: string;
  personName: string;
  roles: StaffRole[];
}

/** An assessor whose grade does not cover a batch level. */
export interface AssessorShortfall {
  personId: string;
  personName: string;
  grade?: AssessorGrade;
  uncoveredLevels: Level[];
}

/** Staff of a batch that passed the checks, by role (person ids), plus warnings. */
export interface StaffAssignmentSummary {
  examAdministrators: string[];
  assessors: string[];
  supervisors: string[];
  /** Roles nobody holds yet, e.g. "no internal quality supervisor assigned". */
  warnings: string[];
}

/**
 * R6: checks a batch's staff.
 * @returns the staff by role and warnings for empty roles.
 * @throws AppError `role_conflict` when someone holds two roles: the message names the first such
 *   person and both roles, details `{ ruleId: 'R6', conflicts: RoleConflict[] }`.
 * @throws AppError `assessor_not_qualified` when an assessor's grade (or lack of one) does not cover
 *   a batch level: details `{ ruleId: 'R6', shortfalls: AssessorShortfall[] }`.
 */
export function checkStaffAssignments(input: StaffAssignmentInput): StaffAssignmentSummary {
  const rolesByPerson = new Map<string, { personName: string; roles: StaffRole[] }>();
  for (const assignment of input.assignments) {
    const entry = rolesByPerson.get(assignment.personId) ?? { personName: assignment.personName, roles: [] };
    if (!entry.roles.includes(assignment.role)) entry.roles.push(assignment.role);
    rolesByPerson.set(assignment.personId, entry);
  }

  const conflicts: RoleConflict[] = [...rolesByPerson]
    .filter(([, entry]) => entry.roles.length > 1)
    .map(([personId, entry]) => ({ personId, personName: entry.personName, roles: entry.roles }));
  if (conflicts.length > 0) {
    const first = conflicts[0];
    const others = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
    throw new AppError(
      'role_conflict',
      `R6: ${first.personName} (${first.personId}) holds two roles in the batch: ${first.roles
        .map((role) => staffRoleLabels[role])
        .join(' and ')}${others}`,
      { ruleId: 'R6', conflicts },
    );
  }

  const shortfalls: AssessorShortfall[] = [];
  for (const [personId, entry] of rolesByPerson) {
    if (!entry.roles.includes('assessor')) continue;
    const grade = input.assessorGrades[personId];
    const uncoveredLevels = input.batchLevels.filter((level) => grade === undefined || level < highestLevelByGrade[grade]);
    if (uncoveredLevels.length > 0) {
      shortfalls.push({ personId, personName: entry.personName, grade, uncoveredLevels: [...new Set(uncoveredLevels)] });
    }
  }
  if (shortfalls.length > 0) {
    const first = shortfalls[0];
    const why =
      first.grade === undefined
        ? 'has no assessor grade on record'
        : `is graded ${first.grade} (levels 5-${highestLevelByGrade[first.grade]} only)`;
    throw new AppError(
      'assessor_not_qualified',
      `R6: ${first.personName} (${first.personId}) ${why} and cannot assess level ${first.uncoveredLevels.join(', ')}` +
        (shortfalls.length > 1 ? ` (and ${shortfalls.length - 1} more)` : ''),
      { ruleId: 'R6', shortfalls },
    );
  }

  const byRole = (role: StaffRole) => [...rolesByPerson].filter(([, entry]) => entry.roles[0] === role).map(([id]) => id);
  const summary: StaffAssignmentSummary = {
    examAdministrators: byRole('exam_admin'),
    assessors: byRole('assessor'),
    supervisors: byRole('supervisor'),
    warnings: [],
  };
  if (summary.examAdministrators.length === 0) summary.warnings.push(`R6: no ${staffRoleLabels.exam_admin} assigned`);
  if (summary.assessors.length === 0) summary.warnings.push(`R6: no ${staffRoleLabels.assessor} assigned`);
  if (summary.supervisors.length === 0) summary.warnings.push(`R6: no ${staffRoleLabels.supervisor} assigned`);
  return summary;
}
