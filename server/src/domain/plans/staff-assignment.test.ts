import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { checkStaffAssignments, type StaffAssignment } from './staff-assignment';

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const staff: StaffAssignment[] = [
  { personId: 'P01', personName: '李明', role: 'exam_admin' },
  { personId: 'P02', personName: '王芳', role: 'assessor' },
  { personId: 'P03', personName: '张强', role: 'assessor' },
  { personId: 'P04', personName: '赵敏', role: 'supervisor' },
];
const grades = { P02: 'assessor', P03: 'senior_assessor' } as const;

describe('checkStaffAssignments', () => {
  it('R6: accepts distinct people in the three roles with assessors graded for level 3', () => {
    expect(checkStaffAssignments({ batchLevels: [3], assignments: staff, assessorGrades: grades })).toEqual({
      examAdministrators: ['P01'],
      assessors: ['P02', 'P03'],
      supervisors: ['P04'],
      warnings: [],
    });
  });

  it('R6: refuses one person as assessor and internal quality supervisor, naming the person and both roles', () => {
    const error = caught(() =>
      checkStaffAssignments({
        batchLevels: [4],
        assignments: [...staff, { personId: 'P02', personName: '王芳', role: 'supervisor' }],
        assessorGrades: grades,
      }),
    );
    expect(error.code).toBe('role_conflict');
    expect(error.message).toBe(
      'R6: 王芳 (P02) holds two roles in the batch: assessor (考评人员) and internal quality supervisor (内部质量督导员)',
    );
    expect(error.details).toEqual({ ruleId: 'R6', conflicts: [{ personId: 'P02', personName: '王芳', roles: ['assessor', 'supervisor'] }] });
  });

  it('R6: refuses an exam administrator who also assesses, and counts further conflicts', () => {
    const error = caught(() =>
      checkStaffAssignments({
        batchLevels: [5],
        assignments: [
          ...staff,
          { personId: 'P01', personName: '李明', role: 'assessor' },
          { personId: 'P04', personName: '赵敏', role: 'exam_admin' },
        ],
        assessorGrades: { ...grades, P01: 'assessor' },
      }),
    );
    expect(error.message).toContain('李明 (P01) holds two roles in the batch: exam administrator (考务人员) and assessor (考评人员) (and 1 more)');
    expect((error.details as { conflicts: unknown[] }).conflicts).toHaveLength(2);
  });

  it('R6: ignores the same role listed twice for one person', () => {
    const summary = checkStaffAssignments({ batchLevels: [5], assignments: [...staff, staff[1]], assessorGrades: grades });
    expect(summary.assessors).toEqual(['P02', 'P03']);
  });

  it('R6: refuses an assessor (levels 5-3) for a level 2 batch; a senior assessor may assess it', () => {
    const error = caught(() => checkStaffAssignments({ batchLevels: [2], assignments: staff, assessorGrades: grades }));
    expect(error.code).toBe('assessor_not_qualified');
    expect(error.message).toBe('R6: 王芳 (P02) is graded assessor (levels 5-3 only) and cannot assess level 2');
    expect(error.details).toEqual({
      ruleId: 'R6',
      shortfalls: [{ personId: 'P02', personName: '王芳', grade: 'assessor', uncoveredLevels: [2] }],
    });
    const seniorOnly = staff.filter((assignment) => assignment.personId !== 'P02');
    expect(checkStaffAssignments({ batchLevels: [1, 2], assignments: seniorOnly, assessorGrades: grades }).assessors).toEqual(['P03']);
  });

  it('R6: refuses an assessor with no grade on record', () => {
    const error = caught(() =>
      checkStaffAssignments({
        batchLevels: [5],
        assignments: [...staff, { personId: 'P05', personName: '周杰', role: 'assessor' }],
        assessorGrades: grades,
      }),
    );
    expect(error.message).toBe('R6: 周杰 (P05) has no assessor grade on record and cannot assess level 5');
  });

  it('R6: warns about roles nobody holds yet', () => {
    const summary = checkStaffAssignments({ batchLevels: [5], assignments: staff.slice(1, 3), assessorGrades: grades });
    expect(summary.warnings).toEqual([
      'R6: no exam administrator (考务人员) assigned',
      'R6: no internal quality supervisor (内部质量督导员) assigned',
    ]);
  });
});
