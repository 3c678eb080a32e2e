/**
 * The people of the demo organisation: one staff account per role (R6 roles of a batch included)
 * and 30 candidates 考生 with valid resident identity card numbers (GB 11643-1999) and the
 * application data the R9 eligibility check reads. Pure and deterministic: the same list on every
 * run, so the walkthrough in the README can name accounts.
 */
import { computeResidentIdCheckCharacter, type AssessorGrade, type Role } from '../contracts/identity';

/** A demo staff account: username, person name, platform roles and, for assessors, the grade (R6). */
export interface DemoStaffMember {
  /** Stable key used by the seed (`examAdmin`, `seniorAssessor` …). */
  key: DemoStaffKey;
  username: string;
  name: string;
  roles: Role[];
  /** Role title shown in the printed table, e.g. `exam admin + proctor`. */
  title: string;
  assessorGrade?: AssessorGrade;
}

/** Keys of the demo staff. */
export type DemoStaffKey =
  | 'admin'
  | 'bankEditor'
  | 'bankReviewer'
  | 'examAdmin'
  | 'assessor'
  | 'seniorAssessor'
  | 'arbitrationAssessor'
  | 'supervisor'
  | 'hr';

/**
 * Staff of the demo organisation. The exam administrator 考务人员 also holds the proctor role and
 * proctors the room (R6: proctors are exam administrators of the batch); three assessors so a
 * practical score pair that differs too much can go to a third, arbitration assessor (one senior,
 * R6 grades); one internal quality supervisor 内督员. Nobody holds two batch roles (R6).
 */
export const demoStaff: readonly DemoStaffMember[] = Object.freeze([
  { key: 'admin', username: 'admin', name: '林志远', roles: ['admin'], title: 'admin' },
  { key: 'bankEditor', username: 'bank.editor', name: '陈思敏', roles: ['bank_editor'], title: 'bank editor' },
  { key: 'bankReviewer', username: 'bank.reviewer', name: '黄国强', roles: ['bank_reviewer'], title: 'bank reviewer' },
  { key: 'examAdmin', username: 'exam.admin', name: '梁晓燕', roles: ['exam_admin', 'proctor'], title: 'exam admin + proctor' },
  { key: 'assessor', username: 'assessor', name: '李建华', roles: ['assessor'], title: 'assessor', assessorGrade: 'assessor' },
  {
    key: 'seniorAssessor',
    username: 'senior.assessor',
    name: '张卫东',
    roles: ['assessor'],
    title: 'senior assessor',
    assessorGrade: 'senior_assessor',
  },
  {
    key: 'arbitrationAssessor',
    username: 'arbitration.assessor',
    name: '吴海涛',
    roles: ['assessor'],
    title: 'assessor (arbitration)',
    assessorGrade: 'assessor',
  },
  { key: 'supervisor', username: 'supervisor', name: '何丽君', roles: ['supervisor'], title: 'quality supervisor' },
  { key: 'hr', username: 'hr.officer', name: '周雅琴', roles: ['hr'], title: 'HR' },
] satisfies DemoStaffMember[]);

/** Application data of one demo candidate (the fields `submitApplication` takes, R9). */
export interface DemoCandidate {
  name: string;
  /** 18-character resident identity card number with a correct check character. */
  idNumber: string;
  /** Birth date inside the ID number, `YYYY-MM-DD`. */
  birthDate: string;
  department: string;
  employer: string;
  employmentType: 'employee' | 'dispatched';
  /** Day a dispatched worker started at the enterprise, `YYYY-MM-DD`. */
  hireDate?: string;
  /** Years in this or a related occupation. */
  yearsInOccupation: number;
  certificates: { level: 5; issueDate: string; number?: string }[];
  education?: 'technical_school' | 'secondary_vocational' | 'senior_high';
  isRelatedSpecialty?: boolean;
  /** Whether the default R9 paths make this application eligible for level 4 (documented intent). */
  isMeantEligible: boolean;
}

/** Jiangmen (江门) county-level area codes used for the demo ID numbers. */
const jiangmenAreaCodes = ['440703', '440704', '440705', '440781', '440783', '440784', '440785'] as const;

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁'];
const givenNames = [
  '伟', '敏', '强', '磊', '洋', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '建平', '志强',
  '海燕', '晓东', '俊杰', '家豪', '文斌', '国华', '丽娟', '嘉欣', '子轩', '振宇', '晓峰', '春梅', '永强', '锦辉',
  '伟明', '少华',
];
const departments = ['动力车间', '维修车间', '装配车间', '设备部', '江门分公司生产部'];

/** Number of admitted demo candidates. */
export const demoCandidateCount = 30;

/**
 * A valid resident identity card number (GB 11643-1999): area code, birth date, a 3-digit
 * sequence (odd for men, even for women) and the ISO 7064 MOD 11-2 check character.
 * @param sequence 1-999
 * @throws Error for a malformed area code, birth date or sequence.
 */
export function composeResidentIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(areaCode)) throw new Error(`areaCode: expected 6 digits, got "${areaCode}"`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new Error(`birthDate: expected YYYY-MM-DD, got "${birthDate}"`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999) throw new Error(`sequence: expected 1-999, got ${sequence}`);
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + computeResidentIdCheckCharacter(first17);
}

/**
 * The demo applicants 报名人员 for scope 电工 level 4: {@link demoCandidateCount} eligible ones
 * spread over the three default level-4 paths (R9: 6 years in the occupation; a level-5
 * certificate held 4+ years; a technical-school diploma in the specialty), then two that the R9
 * check rejects (a dispatched worker under one year; 3 years without certificate or diploma) so
 * the roster shows verdicts of both kinds.
 * @param options.employer 工作单位 of everyone (must be an enterprise unit, R9)
 * @param options.asOf day the data are written for (`YYYY-MM-DD`, China time); hire dates and
 *   certificate dates count back from it
 */
export function listDemoApplicants(options: { employer: string; branch: string; asOf: string }): DemoCandidate[] {
  const year = Number(options.asOf.slice(0, 4));
  const applicants: DemoCandidate[] = [];
  for (let index = 0; index < demoCandidateCount + 2; index += 1) {
    const birthYear = 1978 + ((index * 7) % 22);
    const birthDate = `${birthYear}-${String(1 + ((index * 5) % 12)).padStart(2, '0')}-${String(1 + ((index * 11) % 28)).padStart(2, '0')}`;
    const isMale = index % 5 !== 1;
    const sequence = 100 + index * 2 + (isMale ? 1 : 0);
    const name = surnames[index % surnames.length] + givenNames[(index * 7 + Math.floor(index / surnames.length)) % givenNames.length];
    const department = departments[index % departments.length];
    const employer = department.startsWith('江门分公司') ? options.branch : options.employer;
    const base = {
      name,
      idNumber: composeResidentIdNumber(jiangmenAreaCodes[index % jiangmenAreaCodes.length], birthDate, sequence),
      birthDate,
      department,
      employer,
      employmentType: 'employee' as const,
      certificates: [] as DemoCandidate['certificates'],
    };
    if (index === demoCandidateCount) {
      const hireDate = `${year}-${options.asOf.slice(5, 7)}-01`;
      applicants.push({ ...base, employmentType: 'dispatched', hireDate, yearsInOccupation: 7, isMeantEligible: false });
    } else if (index === demoCandidateCount + 1) {
      applicants.push({ ...base, yearsInOccupation: 3, education: 'senior_high', isMeantEligible: false });
    } else if (index % 3 === 0) {
      applicants.push({ ...base, yearsInOccupation: 6 + (index % 9), isMeantEligible: true });
    } else if (index % 3 === 1) {
      const certificateYear = year - 5 - (index % 4);
      applicants.push({
        ...base,
        yearsInOccupation: 5 + (index % 4),
        certificates: [{ level: 5, issueDate: `${certificateYear}-06-30` }],
        isMeantEligible: true,
      });
    } else {
      applicants.push({ ...base, yearsInOccupation: 2 + (index % 3), education: 'technical_school', isRelatedSpecialty: true, isMeantEligible: true });
    }
  }
  return applicants;
}
