import type { Level } from '@skillcert/bank-tools/types';
import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from '../calendar/calendar-date';
import {
  type CandidateProfile,
  defaultEligibilitySettings,
  type EligibilityContext,
  evaluateEligibility,
  parseEducationLevel,
} from './eligibility';

const date = (text: string) => parseCalendarDate(text);

const context: EligibilityContext = {
  asOf: date('2026-11-20'),
  enterpriseUnits: ['江门示例制造有限公司', '江门示例制造有限公司（鹤山分公司）'],
};

function profile(overrides: Partial<CandidateProfile> = {}): CandidateProfile {
  return {
    name: '陈伟',
    birthDate: date('1990-03-07'),
    employmentType: 'employee',
    employer: '江门示例制造有限公司',
    hireDate: date('2015-01-05'),
    yearsInOccupation: 0,
    certificates: [],
    education: 'senior_high',
    ...overrides,
  };
}

const certificate = (level: Level, issueDate: string) => ({ level, issueDate: date(issueDate) });

function expectPath(candidate: CandidateProfile, level: Level, pathId: string) {
  const result = evaluateEligibility(candidate, { level }, context);
  expect(result.reasons).toEqual([]);
  expect(result).toMatchObject({ isEligible: true, pathId });
  expect(result.path).toMatch(new RegExp(`^${pathId}: `));
  return result;
}

function expectRefused(candidate: CandidateProfile, level: Level, mode: 'promotion' | 'grading' = 'promotion') {
  const result = evaluateEligibility(candidate, { level, mode }, context);
  expect(result.isEligible).toBe(false);
  expect(result.path).toBeUndefined();
  return result.reasons;
}

describe('evaluateEligibility — level paths (R9)', () => {
  it('R9: level 5 — 1 year in the occupation, or apprenticeship completed', () => {
    expectPath(profile({ yearsInOccupation: 1 }), 5, 'L5-years');
    expectPath(profile({ yearsInOccupation: 0.5, hasCompletedApprenticeship: true }), 5, 'L5-apprenticeship');
    expect(expectRefused(profile({ yearsInOccupation: 0.5 }), 5)).toEqual([
      'R9: L5-years (累计从事本职业或相关职业工作1年（含）以上) not met: 0.5 year(s) in the occupation, 1 needed',
      'R9: L5-apprenticeship (本职业或相关职业学徒期满) not met: apprenticeship not recorded as completed',
    ]);
  });

  it('R9: level 4 — level-5 certificate + 4 years after it', () => {
    expectPath(profile({ yearsInOccupation: 5, certificates: [certificate(5, '2022-06-30')] }), 4, 'L4-certificate-years');
    // A higher certificate also counts as "level 5 or higher".
    expectPath(profile({ yearsInOccupation: 5, certificates: [certificate(3, '2022-06-30')] }), 4, 'L4-certificate-years');
  });

  it('R9: level 4 — refused with one reason per path when the certificate is too recent', () => {
    const reasons = expectRefused(profile({ yearsInOccupation: 5, certificates: [certificate(5, '2023-06-30')] }), 4);
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toContain('3 year(s) in the occupation since the level 5 certificate of 2023-06-30, 4 needed');
    expect(reasons[1]).toContain('5 year(s) in the occupation, 6 needed');
    expect(reasons[2]).toContain('diploma 中专/技工学校/高级技工学校/技师学院/高职 needed, education is 高中');
  });

  it('R9: level 4 — years after the certificate cannot exceed the years in the occupation', () => {
    const reasons = expectRefused(profile({ yearsInOccupation: 3, certificates: [certificate(5, '2015-06-30')] }), 4);
    expect(reasons[0]).toContain('3 year(s) in the occupation since the level 5 certificate of 2015-06-30, 4 needed');
  });

  it('R9: level 4 — 6 years in the occupation', () => {
    expectPath(profile({ yearsInOccupation: 6 }), 4, 'L4-years');
  });

  it('R9: level 4 — technical-school diploma, with a note to check the specialty, refused when unrelated', () => {
    const result = expectPath(profile({ education: 'technical_school' }), 4, 'L4-diploma');
    expect(result.notes).toEqual(['qualification review: check that the diploma is in this or a related specialty (本专业或相关专业)']);
    expect(expectPath(profile({ education: 'technical_school', isRelatedSpecialty: true }), 4, 'L4-diploma').notes).toEqual([]);
    expect(expectRefused(profile({ education: 'technical_school', isRelatedSpecialty: false }), 4)[2]).toContain(
      'diploma is not in this or a related specialty',
    );
  });

  it('R9: level 3 — level-4 certificate + 5 years', () => {
    expectPath(profile({ yearsInOccupation: 8, certificates: [certificate(4, '2021-01-01')] }), 3, 'L3-certificate-years');
  });

  it('R9: level 3 — level-4 certificate + technician-college diploma', () => {
    expectPath(
      profile({ education: 'technician_college', isRelatedSpecialty: true, certificates: [certificate(4, '2026-06-30')] }),
      3,
      'L3-certificate-diploma',
    );
  });

  it('R9: level 3 — college diploma + level-4 certificate + 2 years', () => {
    expectPath(
      profile({ education: 'associate', yearsInOccupation: 3, certificates: [certificate(4, '2024-06-30')] }),
      3,
      'L3-college-certificate-years',
    );
  });

  it('R9: level 3 — refused without a level-4 certificate, naming it on every path', () => {
    const reasons = expectRefused(profile({ education: 'bachelor', yearsInOccupation: 12, certificates: [certificate(5, '2016-01-01')] }), 3);
    expect(reasons).toHaveLength(3);
    for (const reason of reasons) expect(reason).toContain('no 四级/中级工 (level 4) certificate or higher');
  });

  it('R9: level 2 — level-3 certificate + 4 years', () => {
    expectPath(profile({ yearsInOccupation: 10, certificates: [certificate(3, '2022-01-01')] }), 2, 'L2-certificate-years');
  });

  it('R9: level 2 — level-3 certificate, advanced-technical-school graduate, 3 years', () => {
    expectPath(
      profile({ yearsInOccupation: 3, education: 'advanced_technical_school', certificates: [certificate(3, '2025-01-01')] }),
      2,
      'L2-certificate-diploma-years',
    );
  });

  it('R9: level 2 — preparatory-technician certificate, technician-college graduate, 2 years', () => {
    expectPath(
      profile({ yearsInOccupation: 2, education: 'technician_college', hasPreparatoryTechnicianCertificate: true }),
      2,
      'L2-preparatory-technician-years',
    );
  });

  it('R9: level 2 — refused with the shortfall of each of the three paths', () => {
    const reasons = expectRefused(profile({ yearsInOccupation: 2, certificates: [certificate(3, '2024-01-01')] }), 2);
    expect(reasons).toEqual([
      expect.stringContaining('2 year(s) in the occupation since the level 3 certificate of 2024-01-01, 4 needed'),
      expect.stringContaining('2 year(s) in the occupation, 3 needed; diploma 高级技工学校/技师学院 needed, education is 高中'),
      expect.stringContaining('diploma 技师学院 needed, education is 高中; no preparatory-technician certificate (预备技师证书)'),
    ]);
  });

  it('R9: level 1 — level-2 certificate + 4 years, refused when held 2 years', () => {
    expectPath(profile({ yearsInOccupation: 20, certificates: [certificate(2, '2020-05-01')] }), 1, 'L1-certificate-years');
    expect(expectRefused(profile({ yearsInOccupation: 20, certificates: [certificate(2, '2024-05-01')] }), 1)).toEqual([
      'R9: L1-certificate-years (取得二级/技师证书后，累计从事本职业或相关职业工作4年（含）以上) not met: 2 year(s) in the occupation since the level 2 certificate of 2024-05-01, 4 needed',
    ]);
  });

  it('R9: uses the most favourable (oldest) qualifying certificate', () => {
    const certificates = [certificate(4, '2025-01-01'), certificate(5, '2018-01-01')];
    expectPath(profile({ yearsInOccupation: 8, certificates }), 4, 'L4-certificate-years');
  });

  it('R9: follows an organisation whose evaluation specification sets other numbers', () => {
    const settings = {
      ...defaultEligibilitySettings,
      pathsByLevel: {
        ...defaultEligibilitySettings.pathsByLevel,
        4: [{ id: 'L4-spec-years', description: '累计从事本职业工作3年（含）以上', requirements: { minYearsInOccupation: 3 } }],
      },
    };
    const result = evaluateEligibility(profile({ yearsInOccupation: 3 }), { level: 4 }, { ...context, settings });
    expect(result).toMatchObject({ isEligible: true, pathId: 'L4-spec-years' });
  });
});

describe('evaluateEligibility — general conditions (R9)', () => {
  it('R9: accepts employees of a subsidiary whatever the bracket width, refuses other employers', () => {
    expectPath(profile({ yearsInOccupation: 1, employer: '江门示例制造有限公司(鹤山分公司)' }), 5, 'L5-years');
    expect(expectRefused(profile({ yearsInOccupation: 1, employer: '另一家公司' }), 5)).toEqual([
      "R9: employer '另一家公司' is not the enterprise or one of its subsidiaries or branches",
    ]);
  });

  it('R9: refuses dispatched workers before 1 year of continuous work, accepts them from the anniversary', () => {
    expect(expectRefused(profile({ yearsInOccupation: 3, employmentType: 'dispatched', hireDate: date('2025-11-21') }), 5)).toEqual([
      'R9: dispatched worker at the enterprise since 2025-11-21, under 1 year(s) of continuous work on 2026-11-20',
    ]);
    expectPath(profile({ yearsInOccupation: 3, employmentType: 'dispatched', hireDate: date('2025-11-20') }), 5, 'L5-years');
    expect(expectRefused(profile({ yearsInOccupation: 3, employmentType: 'dispatched', hireDate: undefined }), 5)[0]).toContain(
      'dispatched worker without a hire date',
    );
  });

  it('R9: refuses candidates under the legal working age of 16, and those whose birth date is unknown', () => {
    expect(expectRefused(profile({ yearsInOccupation: 1, birthDate: date('2010-12-01') }), 5)).toEqual([
      'R9: aged 15 on 2026-11-20, under the legal working age of 16 (turns 16 on 2026-12-01)',
    ]);
    expect(expectRefused(profile({ yearsInOccupation: 1, birthDate: undefined }), 5)[0]).toContain('birth date unknown');
  });

  it('R9: applies an upper working age only when the organisation sets one', () => {
    const older = profile({ yearsInOccupation: 1, birthDate: date('1960-01-01') });
    expectPath(older, 5, 'L5-years');
    const settings = { ...defaultEligibilitySettings, workingAge: { minimumAge: 16, maximumAge: 60 } };
    expect(evaluateEligibility(older, { level: 5 }, { ...context, settings }).reasons[0]).toContain('upper working age of 60');
  });

  it('R9: lists general and path reasons together when both fail', () => {
    const reasons = expectRefused(profile({ employer: '另一家公司', yearsInOccupation: 0 }), 5);
    expect(reasons[0]).toContain("employer '另一家公司'");
    expect(reasons.slice(1).every((reason) => reason.startsWith('R9: L5-'))).toBe(true);
  });
});

describe('evaluateEligibility — direct grading (R19, R5)', () => {
  it('R19: grades levels 5-3 directly without years or certificates', () => {
    for (const level of [5, 4, 3] as Level[]) {
      const result = evaluateEligibility(profile(), { level, mode: 'grading' }, context);
      expect(result).toMatchObject({ isEligible: true, pathId: `L${level}-direct-grading` });
    }
  });

  it('R19: refuses direct grading of levels 2 and 1 by default', () => {
    expect(expectRefused(profile({ certificates: [certificate(3, '2020-01-01')] }), 2, 'grading')).toEqual([
      'R19: direct grading covers levels 5-3 only; level 2 (二级/技师) needs promotion evaluation',
    ]);
    expect(expectRefused(profile(), 1, 'grading')[0]).toContain('R19');
  });

  it('R5: when enabled, direct grading of level 2 requires the level-3 certificate and notes the on-site review', () => {
    const settings = { ...defaultEligibilitySettings, allowDirectGradingOfLevels2And1: true };
    const withCertificate = evaluateEligibility(
      profile({ certificates: [certificate(3, '2025-01-01')] }),
      { level: 2, mode: 'grading' },
      { ...context, settings },
    );
    expect(withCertificate).toMatchObject({ isEligible: true, pathId: 'L2-direct-grading-with-lower-certificate' });
    expect(withCertificate.notes).toEqual(['R5: direct grading of level 2 adds an on-site review or defence']);
    const without = evaluateEligibility(profile({ certificates: [certificate(4, '2015-01-01')] }), { level: 1, mode: 'grading' }, { ...context, settings });
    expect(without.isEligible).toBe(false);
    expect(without.reasons).toEqual(['R5: direct grading of level 1 requires the level 2 certificate: no 二级/技师 (level 2) certificate or higher']);
  });

  it('R9: direct grading still needs the general conditions (dispatched >= 1 year)', () => {
    expect(expectRefused(profile({ employmentType: 'dispatched', hireDate: date('2026-06-01') }), 4, 'grading')[0]).toContain(
      'under 1 year(s) of continuous work',
    );
  });
});

describe('parseEducationLevel', () => {
  it('maps roster wording to education levels', () => {
    expect(parseEducationLevel('大专')).toBe('associate');
    expect(parseEducationLevel(' 技工学校 ')).toBe('technical_school');
    expect(parseEducationLevel('硕士研究生')).toBe('postgraduate');
    expect(parseEducationLevel('幼儿园')).toBeUndefined();
  });
});
