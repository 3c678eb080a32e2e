import { describe, expect, it } from 'vitest';
import { fieldMessage, hasDetailParts, readErrorDetails } from './error-details';

describe('readErrorDetails', () => {
  it('reads validation issues by field', () => {
    const parts = readErrorDetails({ issues: [{ field: 'body.username', message: 'is required for staff accounts' }] });
    expect(parts.issues).toEqual([{ field: 'body.username', message: 'is required for staff accounts' }]);
  });

  it('reads roster row errors with row, column and reason', () => {
    const parts = readErrorDetails({ file: 'roster.xlsx', sheet: '名册', rowErrors: [{ row: 4, column: 'C (证件号码)', reason: 'check character is wrong', field: 'idNumber' }] });
    expect(parts.rowErrors).toEqual([{ row: 4, column: 'C (证件号码)', reason: 'check character is wrong' }]);
  });

  it('R6: reads role conflicts apart from assessor shortfalls', () => {
    const conflict = readErrorDetails({ ruleId: 'R6', conflicts: [{ personId: 'a1', personName: '李明', roles: ['exam_admin', 'assessor'] }] });
    expect(conflict.ruleId).toBe('R6');
    expect(conflict.conflicts[0]).toEqual({ personId: 'a1', personName: '李明', roles: ['exam_admin', 'assessor'] });
    const grade = readErrorDetails({ ruleId: 'R6', shortfalls: [{ personId: 'b2', personName: '王芳', grade: 'assessor', uncoveredLevels: [2] }] });
    expect(grade.assessorShortfalls).toEqual([{ personName: '王芳', grade: 'assessor', uncoveredLevels: [2] }]);
    expect(grade.shortfalls).toEqual([]);
  });

  it('R7: reads the earliest allowed first-session date', () => {
    const parts = readErrorDetails({
      ruleId: 'R7',
      filingDate: '2026-11-21',
      receivedDate: '2026-11-23',
      firstSessionDate: '2026-11-24',
      requiredWorkingDays: 10,
      leadWorkingDays: 0,
      earliestSessionDate: '2026-12-08',
      latestFilingDate: '2026-11-09',
    });
    expect(parts.leadTime).toMatchObject({ earliestSessionDate: '2026-12-08', latestFilingDate: '2026-11-09', requiredWorkingDays: 10 });
  });

  it('R1: reads readiness shortfalls per scope', () => {
    const parts = readErrorDetails({
      ruleId: 'R1',
      scopes: [{ scopeId: 's', label: '电工 低压电工作业 level 4', message: 'not ready', details: { shortfalls: [{ rule: 'R1', code: 'THEORY_ITEMS', message: '0 of 500 theory items', required: 500, actual: 0 }] } }],
    });
    expect(parts.scopeFailures).toEqual([{ label: '电工 低压电工作业 level 4', message: 'not ready', shortfalls: [{ rule: 'R1', code: 'THEORY_ITEMS', message: '0 of 500 theory items', required: 500, actual: 0 }] }]);
  });

  it('finds nothing in details of an unknown shape', () => {
    expect(hasDetailParts(readErrorDetails('text'))).toBe(false);
    expect(hasDetailParts(readErrorDetails({ scopeId: 'x' }))).toBe(false);
  });
});

describe('fieldMessage', () => {
  const error = { message: 'body.username: is required (and 1 more)', details: { issues: [{ field: 'body.username', message: 'is required' }, { field: 'body.roles.0', message: 'is not a role' }] } };

  it('finds the issue of a field and of its children', () => {
    expect(fieldMessage(error, 'body.username')).toBe('is required');
    expect(fieldMessage(error, 'body.roles')).toBe('is not a role');
    expect(fieldMessage(error, 'body.name')).toBeUndefined();
  });

  it('uses the message when the details name the field', () => {
    expect(fieldMessage({ message: 'filingDate: 2026-12-01 is in the future', details: { field: 'filingDate' } }, 'body.filingDate')).toBe('filingDate: 2026-12-01 is in the future');
  });
});
