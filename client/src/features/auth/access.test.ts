import { describe, expect, it } from 'vitest';
import { hasCapability, visibleAreas } from './access';

describe('visibleAreas', () => {
  it('R17: opens every area to an administrator', () => {
    expect(visibleAreas(['admin'])).toEqual(['admin', 'bank', 'plans', 'proctor', 'reports']);
  });

  it('R17: opens the bank and reports to bank editors and reviewers', () => {
    expect(visibleAreas(['bank_editor'])).toEqual(['bank', 'reports']);
    expect(visibleAreas(['bank_reviewer'])).toEqual(['bank', 'reports']);
  });

  it('opens the bank (read only), plans and reports to exam administrators, plans and reports to supervisors', () => {
    expect(visibleAreas(['exam_admin'])).toEqual(['bank', 'plans', 'proctor', 'reports']);
    expect(visibleAreas(['supervisor'])).toEqual(['plans', 'proctor', 'reports']);
  });

  it('opens no staff area to candidates and assessors, the console to proctors, and only reports to HR', () => {
    for (const role of ['candidate', 'assessor']) expect(visibleAreas([role])).toEqual([]);
    expect(visibleAreas(['proctor'])).toEqual(['proctor']);
    expect(visibleAreas(['hr'])).toEqual(['reports']);
  });
});

describe('hasCapability', () => {
  it('R17: lets exam administrators read the bank but not maintain it', () => {
    expect(hasCapability(['exam_admin'], 'readBank')).toBe(true);
    expect(hasCapability(['exam_admin'], 'maintainBank')).toBe(false);
    expect(hasCapability(['exam_admin'], 'assemblePapers')).toBe(true);
  });

  it('separates editing from reviewing', () => {
    expect(hasCapability(['bank_editor'], 'reviewBank')).toBe(false);
    expect(hasCapability(['bank_reviewer'], 'editBank')).toBe(false);
  });
});
