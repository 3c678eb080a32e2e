import { describe, expect, it } from 'vitest';
import { isValidResidentIdNumber } from '../contracts/identity';
import type { CalendarDate } from '../domain/calendar/calendar-date';
import { evaluateApplication } from '../domain/plans/application-eligibility';
import { checkIdNumber } from '../domain/plans/id-number';
import { composeResidentIdNumber, demoCandidateCount, demoStaff, listDemoApplicants } from './demo-people';

const asOf = '2026-11-21';
const employer = '演示企业有限公司';
const branch = '演示企业有限公司江门分公司';

describe('composeResidentIdNumber', () => {
  it('writes the GB 11643-1999 check character (the standard example 11010519491231002X)', () => {
    expect(composeResidentIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });

  it('refuses a sequence outside 1-999 naming the field', () => {
    expect(() => composeResidentIdNumber('440703', '1990-01-01', 1000)).toThrow(/sequence/);
  });
});

describe('demoStaff', () => {
  it('R6: gives the batch roles to different people, the exam administrator also proctoring, one senior assessor of three', () => {
    const usernames = demoStaff.map((member) => member.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(demoStaff.find((member) => member.key === 'examAdmin')?.roles).toEqual(['exam_admin', 'proctor']);
    const assessors = demoStaff.filter((member) => member.roles.includes('assessor'));
    expect(assessors.map((member) => member.assessorGrade).sort()).toEqual(['assessor', 'assessor', 'senior_assessor']);
    expect(demoStaff.every((member) => /^[a-z0-9._-]{3,64}$/.test(member.username))).toBe(true);
  });
});

describe('listDemoApplicants', () => {
  const applicants = listDemoApplicants({ employer, branch, asOf });

  it('gives every applicant a distinct, valid resident ID number of a Jiangmen area and a distinct name', () => {
    expect(applicants).toHaveLength(demoCandidateCount + 2);
    expect(new Set(applicants.map((applicant) => applicant.idNumber)).size).toBe(applicants.length);
    expect(new Set(applicants.map((applicant) => applicant.name)).size).toBe(applicants.length);
    for (const applicant of applicants) {
      expect(isValidResidentIdNumber(applicant.idNumber), applicant.idNumber).toBe(true);
      const checked = checkIdNumber('resident_id', applicant.idNumber, { today: asOf as CalendarDate });
      expect(checked.isValid, JSON.stringify(checked)).toBe(true);
      expect(applicant.idNumber.startsWith('4407')).toBe(true);
      expect(applicant.idNumber.slice(6, 14)).toBe(applicant.birthDate.replaceAll('-', ''));
    }
  });

  it('R9: 30 applicants meet a default level-4 path and the two meant to fail are rejected with reasons', () => {
    const verdicts = applicants.map((applicant) =>
      evaluateApplication({
        profile: {
          name: applicant.name,
          birthDate: applicant.birthDate as CalendarDate,
          employmentType: applicant.employmentType,
          employer: applicant.employer,
          ...(applicant.hireDate ? { hireDate: applicant.hireDate as CalendarDate } : {}),
          yearsInOccupation: applicant.yearsInOccupation,
          certificates: applicant.certificates.map((certificate) => ({ ...certificate, issueDate: certificate.issueDate as CalendarDate })),
          ...(applicant.education ? { education: applicant.education } : {}),
          ...(applicant.isRelatedSpecialty !== undefined ? { isRelatedSpecialty: applicant.isRelatedSpecialty } : {}),
        },
        level: 4,
        mode: 'promotion',
        asOf: '2026-12-08' as CalendarDate,
        enterpriseUnits: [employer, branch],
      }),
    );
    expect(verdicts.map((verdict) => verdict.isEligible)).toEqual(applicants.map((applicant) => applicant.isMeantEligible));
    expect(verdicts.filter((verdict) => verdict.isEligible)).toHaveLength(demoCandidateCount);
    expect(new Set(verdicts.filter((verdict) => verdict.isEligible).map((verdict) => verdict.pathId))).toEqual(
      new Set(['L4-years', 'L4-certificate-years', 'L4-diploma']),
    );
    for (const verdict of verdicts.filter((candidate) => !candidate.isEligible)) expect(verdict.reasons.length).toBeGreaterThan(0);
  });
});
