import { describe, expect, it } from 'vitest';
import { hasCapability, visibleAreas } from './access';

describe('visibleAreas', () => {
  it('R17: opens every area to an administrator', () => {
    expect(visibleAreas(['admin'])).toEqual(['admin', 'bank', 'plans', 'proctor', 'scoring', 'results', 'certificates', 'reports']);
  });

  it('R17: opens the bank and reports to bank editors and reviewers', () => {
    expect(visibleAreas(['bank_editor'])).toEqual(['bank', 'reports']);
    expect(visibleAreas(['bank_reviewer'])).toEqual(['bank', 'reports']);
  });

  it('opens the bank (read only), plans and reports to exam administrators, plans and reports to supervisors', () => {
    expect(visibleAreas(['exam_admin'])).toEqual(['bank', 'plans', 'proctor', 'scoring', 'results', 'certificates', 'reports']);
    expect(visibleAreas(['supervisor'])).toEqual(['plans', 'proctor', 'scoring', 'results', 'reports']);
  });

  it('opens their own results to candidates, scoring to assessors, the console to proctors, certificates and reports to HR', () => {
    expect(visibleAreas(['candidate'])).toEqual(['results']);
    expect(visibleAreas(['assessor'])).toEqual(['scoring']);
    expect(visibleAreas(['proctor'])).toEqual(['proctor']);
    expect(visibleAreas(['hr'])).toEqual(['certificates', 'reports']);
  });
});

describe('hasCapability', () => {
  it('R17: lets exam administrators read the bank but not maintain it', () => {
    expect(hasCapability(['exam_admin'], 'readBank')).toBe(true);
    expect(hasCapability(['exam_admin'], 'maintainBank')).toBe(false);
    expect(hasCapability(['exam_admin'], 'assemblePapers')).toBe(true);
  });

  it('R2 R17: lets the bank roles retire and replace a paper, not exam administrators', () => {
    expect(hasCapability(['bank_editor'], 'retirePapers')).toBe(true);
    expect(hasCapability(['bank_reviewer'], 'retirePapers')).toBe(true);
    expect(hasCapability(['admin'], 'retirePapers')).toBe(true);
    expect(hasCapability(['exam_admin'], 'retirePapers')).toBe(false);
  });

  it('R10: lets plan readers, supervisors included, fetch session sign-in sheets; not proctors or candidates', () => {
    expect(hasCapability(['supervisor'], 'readPlans')).toBe(true);
    expect(hasCapability(['exam_admin'], 'readPlans')).toBe(true);
    expect(hasCapability(['proctor'], 'readPlans')).toBe(false);
    expect(hasCapability(['candidate'], 'readPlans')).toBe(false);
  });

  it('R6: lets only assessors submit scores and only the supervisor sign off; exam administrators cannot approve results', () => {
    expect(hasCapability(['assessor'], 'scoreCards')).toBe(true);
    expect(hasCapability(['exam_admin'], 'scoreCards')).toBe(false);
    expect(hasCapability(['supervisor'], 'signOffScoring')).toBe(true);
    expect(hasCapability(['admin'], 'signOffScoring')).toBe(false);
    expect(hasCapability(['exam_admin'], 'decideForCommittee')).toBe(false);
    expect(hasCapability(['supervisor'], 'decideForCommittee')).toBe(true);
  });

  it('R11 R15: objections are decided by administrators; HR keeps certificates, only administrators revoke', () => {
    expect(hasCapability(['exam_admin'], 'decideObjections')).toBe(false);
    expect(hasCapability(['admin'], 'decideObjections')).toBe(true);
    expect(hasCapability(['hr'], 'keepCertificates')).toBe(true);
    expect(hasCapability(['exam_admin'], 'keepCertificates')).toBe(false);
    expect(hasCapability(['hr'], 'revokeCertificates')).toBe(false);
  });

  it('separates editing from reviewing', () => {
    expect(hasCapability(['bank_editor'], 'reviewBank')).toBe(false);
    expect(hasCapability(['bank_reviewer'], 'editBank')).toBe(false);
  });
});
