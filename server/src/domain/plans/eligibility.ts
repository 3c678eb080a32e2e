/**
 * R9 eligibility of a candidate 参评人员 for a level, with the path met or every reason why not;
 * R19/R5 eligibility for direct grading 定级评价.
 *
 * General conditions (every mode):
 * - employee of the enterprise or one of its subsidiaries, branches and affiliated units
 *   (000 §5 "本单位及与本单位具有隶属关系的各级子公司、分公司和分支机构职工"; 002 part 1 §3);
 * - dispatched workers 劳务派遣人员 only after >= 1 year of continuous work there (000 §5
 *   "连续工作一年以上"; 002 part 1 §3 "1年以上"; 003 §4(2) "满一年");
 * - legal working age (000 §5 "符合国家法定劳动年龄"): 16 or older, no upper bound unless set.
 *
 * Level conditions ("paths", any one suffices). The seed documents do not fix the numbers: 000 §6
 * defers to 粤技服〔2025〕18号, and the enterprise template 004 §2 (认定职业（工种）申报条件) says
 * the conditions of the national occupational skill standard apply, or those of the enterprise's
 * filed evaluation specification, with placeholders such as "取得本职业或相关职业5级职业技能等级证书后，
 * 累计从事本职业或相关职业工作*年（含）以上" and "具有大专及以上本专业或相关专业毕业证书，并取得…*级
 * 职业技能等级证书后，累计从事…*年（含）以上". The defaults below are therefore the common 申报条件 of
 * the national occupational skill standards (2018-2022 editions, e.g. 电工 6-31-01-03):
 * - level 5: 1 year in the occupation; or apprenticeship completed;
 * - level 4: level-5 certificate + 4 years; or 6 years; or a technical-school (or evaluated
 *   secondary-or-higher vocational school) diploma in the specialty;
 * - level 3: level-4 certificate + 5 years; or level-4 certificate + an advanced-technical-school,
 *   technician-college or higher-vocational diploma; or a college (大专) or higher diploma + level-4
 *   certificate + 2 years;
 * - level 2: level-3 certificate + 4 years; or level-3 certificate + advanced-technical-school or
 *   technician-college graduate + 3 years; or preparatory-technician certificate 预备技师 +
 *   technician-college graduate + 2 years;
 * - level 1: level-2 certificate + 4 years.
 * An organisation whose evaluation specification says otherwise replaces `pathsByLevel`.
 *
 * Data limits, stated in the result's `notes`: "years after the certificate" is taken as the smaller
 * of whole years since the certificate's issue date and the years in the occupation; that a
 * certificate or diploma is of "this or a related" occupation/specialty is for the evaluation
 * committee's qualification review 资格审核 unless the profile says so (`isRelatedSpecialty`).
 */
import type { Level } from '@skillcert/bank-tools/types';
import { type CalendarDate, wholeYearsBetween } from '../calendar/calendar-date';
import { checkLegalWorkingAge, defaultWorkingAgeSettings, type WorkingAgeSettings } from './id-number';

/** Highest schooling 学历 as rosters record it. */
export type EducationLevel =
  | 'junior_high' // 初中及以下
  | 'senior_high' // 高中
  | 'secondary_vocational' // 中专 / 中职 / 职高 (中等职业学校)
  | 'technical_school' // 技工学校 (技校, 中级工班)
  | 'advanced_technical_school' // 高级技工学校 (高级工班)
  | 'technician_college' // 技师学院 (预备技师班)
  | 'higher_vocational' // 高职 (高等职业学校, 专科层次)
  | 'associate' // 大专 / 专科
  | 'bachelor' // 本科
  | 'postgraduate'; // 硕士 / 博士

/** Chinese names accepted for each education level (first one is the display name). */
export const educationLabels: Readonly<Record<EducationLevel, readonly string[]>> = Object.freeze({
  junior_high: ['初中', '初中及以下', '小学'],
  senior_high: ['高中', '普通高中'],
  secondary_vocational: ['中专', '中职', '职高', '中等职业学校'],
  technical_school: ['技工学校', '技校', '中级技工学校'],
  advanced_technical_school: ['高级技工学校', '高级技校'],
  technician_college: ['技师学院'],
  higher_vocational: ['高职', '高等职业学校', '高职高专'],
  associate: ['大专', '专科', '大学专科'],
  bachelor: ['本科', '大学本科', '学士'],
  postgraduate: ['研究生', '硕士', '博士', '硕士研究生', '博士研究生'],
});

/** The education level named by `text` (a Chinese name or the English key), else undefined. */
export function parseEducationLevel(text: string): EducationLevel | undefined {
  const key = text.trim().replace(/\s+/g, '');
  for (const [level, labels] of Object.entries(educationLabels) as [EducationLevel, readonly string[]][]) {
    if (level === key || labels.includes(key)) return level;
  }
  return undefined;
}

/** A certificate the candidate holds (of this or a related occupation). */
export interface HeldCertificate {
  level: Level;
  issueDate: CalendarDate;
  number?: string;
}

/** What eligibility needs to know about a candidate. */
export interface CandidateProfile {
  name: string;
  /** From the resident ID number, or entered for other ID types; required for the age check. */
  birthDate?: CalendarDate;
  /** `dispatched` for 劳务派遣人员. */
  employmentType: 'employee' | 'dispatched';
  /** 工作单位 as written on the roster. */
  employer: string;
  /** 入职日期: for dispatched workers, the day they started at the enterprise. */
  hireDate?: CalendarDate;
  /** 本职业年限: years (may be fractional) in this or a related occupation. */
  yearsInOccupation: number;
  certificates: readonly HeldCertificate[];
  education?: EducationLevel;
  /** Whether the diploma is in this or a related specialty; unknown → a note for the review. */
  isRelatedSpecialty?: boolean;
  hasCompletedApprenticeship?: boolean;
  hasPreparatoryTechnicianCertificate?: boolean;
}

/** Requirements of one path; all present ones must hold. */
export interface PathRequirements {
  minYearsInOccupation?: number;
  /** A certificate of this level or higher, held at least `minYearsAfter` years (default 0). */
  certificate?: { level: Level; minYearsAfter?: number };
  /** A diploma of one of these education levels (in this or a related specialty). */
  education?: readonly EducationLevel[];
  apprenticeshipCompleted?: boolean;
  preparatoryTechnicianCertificate?: boolean;
}

/** One way to qualify for a level, e.g. `L4-certificate-years`. */
export interface EligibilityPath {
  id: string;
  description: string;
  requirements: PathRequirements;
}

/** Organisation settings for eligibility; see {@link defaultEligibilitySettings}. */
export interface EligibilitySettings {
  workingAge: WorkingAgeSettings;
  /** Dispatched workers need this many whole years at the enterprise; default 1. */
  dispatchedMinimumYears: number;
  pathsByLevel: Readonly<Record<Level, readonly EligibilityPath[]>>;
  /** R19 limits direct grading to levels 5-3; some cities allow 2 and 1 (R5). Default false. */
  allowDirectGradingOfLevels2And1: boolean;
}

const vocationalSecondaryOrHigher: readonly EducationLevel[] = [
  'secondary_vocational',
  'technical_school',
  'advanced_technical_school',
  'technician_college',
  'higher_vocational',
];
const advancedVocational: readonly EducationLevel[] = ['advanced_technical_school', 'technician_college', 'higher_vocational'];
const collegeOrHigher: readonly EducationLevel[] = ['higher_vocational', 'associate', 'bachelor', 'postgraduate'];

/** Default level paths: the national occupational skill standards' common conditions (module comment). */
export const nationalStandardPaths: Readonly<Record<Level, readonly EligibilityPath[]>> = Object.freeze({
  5: [
    { id: 'L5-years', description: '累计从事本职业或相关职业工作1年（含）以上', requirements: { minYearsInOccupation: 1 } },
    { id: 'L5-apprenticeship', description: '本职业或相关职业学徒期满', requirements: { apprenticeshipCompleted: true } },
  ],
  4: [
    {
      id: 'L4-certificate-years',
      description: '取得五级/初级工证书后，累计从事本职业或相关职业工作4年（含）以上',
      requirements: { certificate: { level: 5, minYearsAfter: 4 } },
    },
    { id: 'L4-years', description: '累计从事本职业或相关职业工作6年（含）以上', requirements: { minYearsInOccupation: 6 } },
    {
      id: 'L4-diploma',
      description: '技工学校或经评估论证的中等及以上职业学校本专业或相关专业毕业证书',
      requirements: { education: vocationalSecondaryOrHigher },
    },
  ],
  3: [
    {
      id: 'L3-certificate-years',
      description: '取得四级/中级工证书后，累计从事本职业或相关职业工作5年（含）以上',
      requirements: { certificate: { level: 4, minYearsAfter: 5 } },
    },
    {
      id: 'L3-certificate-diploma',
      description: '取得四级/中级工证书，并具有高级技工学校、技师学院或高等职业学校本专业或相关专业毕业证书',
      requirements: { certificate: { level: 4 }, education: advancedVocational },
    },
    {
      id: 'L3-college-certificate-years',
      description: '具有大专及以上本专业或相关专业毕业证书，并取得四级/中级工证书后，累计从事本职业或相关职业工作2年（含）以上',
      requirements: { education: collegeOrHigher, certificate: { level: 4, minYearsAfter: 2 } },
    },
  ],
  2: [
    {
      id: 'L2-certificate-years',
      description: '取得三级/高级工证书后，累计从事本职业或相关职业工作4年（含）以上',
      requirements: { certificate: { level: 3, minYearsAfter: 4 } },
    },
    {
      id: 'L2-certificate-diploma-years',
      description: '取得三级/高级工证书的高级技工学校、技师学院毕业生，累计从事本职业或相关职业工作3年（含）以上',
      requirements: {
        certificate: { level: 3 },
        education: ['advanced_technical_school', 'technician_college'],
        minYearsInOccupation: 3,
      },
    },
    {
      id: 'L2-preparatory-technician-years',
      description: '取得预备技师证书的技师学院毕业生，累计从事本职业或相关职业工作2年（含）以上',
      requirements: { preparatoryTechnicianCertificate: true, education: ['technician_college'], minYearsInOccupation: 2 },
    },
  ],
  1: [
    {
      id: 'L1-certificate-years',
      description: '取得二级/技师证书后，累计从事本职业或相关职业工作4年（含）以上',
      requirements: { certificate: { level: 2, minYearsAfter: 4 } },
    },
  ],
});

/** Defaults: working age >= 16, dispatched >= 1 year, national-standard paths, direct grading 5-3. */
export const defaultEligibilitySettings: EligibilitySettings = Object.freeze({
  workingAge: defaultWorkingAgeSettings,
  dispatchedMinimumYears: 1,
  pathsByLevel: nationalStandardPaths,
  allowDirectGradingOfLevels2And1: false,
});

/** Evaluation mode (R19): promotion 晋级评价 (exams, levels 5-1) or direct grading 定级评价. */
export type EvaluationMode = 'promotion' | 'grading';

/** Where and when eligibility is judged. */
export interface EligibilityContext {
  /** Reference date: usually the application deadline or the first session. */
  asOf: CalendarDate;
  /** Names of the enterprise and its subsidiaries, branches and affiliated units (工作单位 must match one). */
  enterpriseUnits: readonly string[];
  settings?: EligibilitySettings;
}

/** Result: eligible with the path met, or not with every reason. */
export interface EligibilityResult {
  isEligible: boolean;
  /** Id and description of the condition met, e.g. `L4-years: 累计从事…6年（含）以上`. */
  path?: string;
  pathId?: string;
  /** Why not (empty when eligible): general conditions first, then each path's shortfall. */
  reasons: string[];
  /** Checks left to the qualification review, e.g. the diploma's specialty. */
  notes: string[];
}

const levelNames: Readonly<Record<Level, string>> = { 5: '五级/初级工', 4: '四级/中级工', 3: '三级/高级工', 2: '二级/技师', 1: '一级/高级技师' };

function normaliseUnitName(name: string): string {
  return name.trim().replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

function generalReasons(profile: CandidateProfile, context: EligibilityContext, settings: EligibilitySettings): string[] {
  const reasons: string[] = [];
  const units = new Set(context.enterpriseUnits.map(normaliseUnitName));
  if (!units.has(normaliseUnitName(profile.employer))) {
    reasons.push(`R9: employer '${profile.employer}' is not the enterprise or one of its subsidiaries or branches`);
  }
  if (profile.hireDate !== undefined && profile.hireDate > context.asOf) {
    reasons.push(`R9: hire date ${profile.hireDate} is after the reference date ${context.asOf}`);
  }
  if (profile.employmentType === 'dispatched') {
    if (profile.hireDate === undefined) {
      reasons.push('R9: dispatched worker without a hire date; it is needed to check the year of continuous work');
    } else if (profile.hireDate <= context.asOf) {
      const years = wholeYearsBetween(profile.hireDate, context.asOf);
      if (years < settings.dispatchedMinimumYears) {
        reasons.push(
          `R9: dispatched worker at the enterprise since ${profile.hireDate}, under ${settings.dispatchedMinimumYears} year(s) of continuous work on ${context.asOf}`,
        );
      }
    }
  }
  if (profile.birthDate === undefined) {
    reasons.push('R9: birth date unknown, so the legal working age cannot be checked (enter it for this ID type)');
  } else {
    const age = checkLegalWorkingAge(profile.birthDate, context.asOf, settings.workingAge);
    if (!age.isOfWorkingAge && age.reason) reasons.push(age.reason);
  }
  return reasons;
}

/** The qualifying certificate held longest (most favourable), or undefined. */
function qualifyingCertificate(profile: CandidateProfile, level: Level): HeldCertificate | undefined {
  return profile.certificates
    .filter((certificate) => certificate.level <= level)
    .sort((a, b) => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0))[0];
}

function pathShortfalls(
  profile: CandidateProfile,
  requirements: PathRequirements,
  asOf: CalendarDate,
  notes: Set<string>,
): string[] {
  const shortfalls: string[] = [];
  if (requirements.minYearsInOccupation !== undefined && profile.yearsInOccupation < requirements.minYearsInOccupation) {
    shortfalls.push(`${profile.yearsInOccupation} year(s) in the occupation, ${requirements.minYearsInOccupation} needed`);
  }
  if (requirements.certificate) {
    const { level, minYearsAfter = 0 } = requirements.certificate;
    const certificate = qualifyingCertificate(profile, level);
    if (!certificate) {
      shortfalls.push(`no ${levelNames[level]} (level ${level}) certificate or higher`);
    } else if (certificate.issueDate > asOf) {
      shortfalls.push(`level ${certificate.level} certificate issued ${certificate.issueDate}, after ${asOf}`);
    } else if (minYearsAfter > 0) {
      const yearsSince = wholeYearsBetween(certificate.issueDate, asOf);
      const yearsAfter = Math.min(yearsSince, profile.yearsInOccupation);
      if (yearsAfter < minYearsAfter) {
        shortfalls.push(
          `${yearsAfter} year(s) in the occupation since the level ${certificate.level} certificate of ${certificate.issueDate}, ${minYearsAfter} needed`,
        );
      }
    }
  }
  if (requirements.education) {
    if (profile.education === undefined || !requirements.education.includes(profile.education)) {
      const wanted = requirements.education.map((level) => educationLabels[level][0]).join('/');
      const held = profile.education === undefined ? 'none recorded' : educationLabels[profile.education][0];
      shortfalls.push(`diploma ${wanted} needed, education is ${held}`);
    } else if (profile.isRelatedSpecialty === false) {
      shortfalls.push('diploma is not in this or a related specialty');
    } else if (profile.isRelatedSpecialty === undefined) {
      notes.add('qualification review: check that the diploma is in this or a related specialty (本专业或相关专业)');
    }
  }
  if (requirements.apprenticeshipCompleted && !profile.hasCompletedApprenticeship) {
    shortfalls.push('apprenticeship not recorded as completed');
  }
  if (requirements.preparatoryTechnicianCertificate && !profile.hasPreparatoryTechnicianCertificate) {
    shortfalls.push('no preparatory-technician certificate (预备技师证书)');
  }
  return shortfalls;
}

/**
 * R9 (mode `promotion`, default) or R19/R5 (mode `grading`): whether `profile` may apply for
 * `level`.
 * - promotion: the general conditions and any one path of `settings.pathsByLevel[level]`;
 * - grading (direct, by form): the general conditions; levels 5-3 only (R19) unless
 *   `allowDirectGradingOfLevels2And1`, in which case levels 2 and 1 need the next-lower certificate
 *   and an on-site review or defence (R5, noted).
 * Never throws; every failed condition is a reason naming the numbers.
 */
export function evaluateEligibility(
  profile: CandidateProfile,
  target: { level: Level; mode?: EvaluationMode },
  context: EligibilityContext,
): EligibilityResult {
  const settings = context.settings ?? defaultEligibilitySettings;
  const { level } = target;
  const mode = target.mode ?? 'promotion';
  const notes = new Set<string>();
  const reasons = generalReasons(profile, context, settings);

  if (mode === 'grading') {
    let pathId = `L${level}-direct-grading`;
    let description = `定级评价 ${levelNames[level]}: direct grading by the weighted rating form (R5, R19)`;
    if (level <= 2) {
      if (!settings.allowDirectGradingOfLevels2And1) {
        reasons.push(`R19: direct grading covers levels 5-3 only; level ${level} (${levelNames[level]}) needs promotion evaluation`);
      } else {
        const lower = (level + 1) as Level;
        const shortfalls = pathShortfalls(profile, { certificate: { level: lower } }, context.asOf, notes);
        if (shortfalls.length > 0) {
          reasons.push(`R5: direct grading of level ${level} requires the level ${lower} certificate: ${shortfalls.join('; ')}`);
        }
        notes.add(`R5: direct grading of level ${level} adds an on-site review or defence`);
        pathId = `L${level}-direct-grading-with-lower-certificate`;
        description = `定级评价 ${levelNames[level]} with the level ${lower} certificate and an on-site review (R5)`;
      }
    }
    return reasons.length === 0
      ? { isEligible: true, pathId, path: `${pathId}: ${description}`, reasons: [], notes: [...notes] }
      : { isEligible: false, reasons, notes: [...notes] };
  }

  const paths = settings.pathsByLevel[level] ?? [];
  const pathReasons: string[] = [];
  for (const path of paths) {
    const pathNotes = new Set<string>();
    const shortfalls = pathShortfalls(profile, path.requirements, context.asOf, pathNotes);
    if (shortfalls.length === 0) {
      if (reasons.length > 0) break;
      return {
        isEligible: true,
        pathId: path.id,
        path: `${path.id}: ${path.description}`,
        reasons: [],
        notes: [...notes, ...pathNotes],
      };
    }
    pathReasons.push(`R9: ${path.id} (${path.description}) not met: ${shortfalls.join('; ')}`);
  }
  if (reasons.length === 0 && paths.length === 0) {
    reasons.push(`R9: no eligibility conditions are configured for level ${level}`);
  }
  // A path met while a general condition fails: report only the general reasons.
  const metPath = pathReasons.length < paths.length;
  return { isEligible: false, reasons: metPath ? reasons : [...reasons, ...pathReasons], notes: [...notes] };
}
