import { describe, expect, it } from 'vitest';
import { chinaTimeOf, checkWeights, findPickedConflicts, summariseRosterCounts, toChinaDateTime } from './plan-rules';

describe('findPickedConflicts', () => {
  it('R6: names a person picked for two batch roles', () => {
    expect(
      findPickedConflicts([
        { userId: 'u1', role: 'exam_admin' },
        { userId: 'u1', role: 'assessor' },
        { userId: 'u2', role: 'supervisor' },
      ]),
    ).toEqual([{ userId: 'u1', roles: ['exam_admin', 'assessor'] }]);
  });

  it('R6: accepts one role per person', () => {
    expect(findPickedConflicts([{ userId: 'u1', role: 'exam_admin' }, { userId: 'u2', role: 'assessor' }])).toEqual([]);
  });
});

describe('checkWeights', () => {
  it('R4: wants the weights to sum to 100%', () => {
    expect(checkWeights({ theory: 40, practical: 60 }, 0.5)).toEqual([]);
    expect(checkWeights({ theory: 40, practical: 50 }, 0.5)).toEqual(['sum']);
  });

  it('R4: flags a practical share below the minimum', () => {
    expect(checkWeights({ theory: 60, practical: 40 }, 0.5)).toEqual(['practical']);
    expect(checkWeights({ theory: 30, practical: 50, review: 20 }, 0.5)).toEqual([]);
  });
});

describe('China time of sessions', () => {
  it('writes a China-time start with its +08:00 offset and reads it back', () => {
    const startsAt = toChinaDateTime('2026-12-08', '09:00');
    expect(startsAt).toBe('2026-12-08T09:00:00+08:00');
    expect(new Date(startsAt).toISOString()).toBe('2026-12-08T01:00:00.000Z');
    expect(chinaTimeOf('2026-12-08T01:00:00.000Z')).toBe('09:00');
  });
});

describe('summariseRosterCounts', () => {
  it('R9: counts admitted applications as eligible, none awaiting admission', () => {
    expect(summariseRosterCounts({ eligible: 0, rejected: 2, admitted: 30 })).toEqual({ total: 32, eligible: 30, admitted: 30, awaitingAdmission: 0, notEligible: 2 });
  });

  it('R9: separates eligible applications awaiting admission from admitted ones; a missing status counts 0', () => {
    expect(summariseRosterCounts({ eligible: 4, admitted: 26 })).toEqual({ total: 30, eligible: 30, admitted: 26, awaitingAdmission: 4, notEligible: 0 });
  });
});
