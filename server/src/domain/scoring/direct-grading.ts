/**
 * Direct grading 定级评价 by the weighted multi-rater form (R5, R19), after annex 1 of the Guangdong
 * enterprise template (企业职业（岗位）技能等级定级评价表, table 2 定级评价内容表):
 *
 * - Four raters: team leader 班组长, workshop head 车间主管, competent department 主管部门 and HR
 *   department 人力资源部门.
 * - Three sections, each with its own weight row "权重 100% = a% + b% + c% + d%": professional ethics
 *   职业道德 10 points, core abilities 核心能力 10 points, occupational abilities 职业能力 80 points
 *   split by competency (e.g. 3.1 继电控制电路装调维修, 3.2 …). In the template sections 1 and 2 have
 *   five criteria of 2 points each; the weight row of section 3 lists only a3%, b3%, c3% (the HR
 *   department does not rate occupational abilities), so a rater may carry weight 0 in a section.
 * - Every rater scores every criterion of a section in which their weight is above 0. The last
 *   column 加权平均分 of a criterion is Σ rater score × rater weight; a section's weighted score is the
 *   sum over its criteria (equivalently Σ rater weight × rater's section total); 总得分 is the sum of
 *   the three sections, out of 100.
 * - 定级结果 passes when the total reaches the pass mark. The template prints no number; the platform
 *   default is 60 of 100, an organisation setting.
 * - Direct grading covers levels 5-3 (R19, the template's 认定方式). Where the organisation allows
 *   levels 2 and 1 (Shenzhen, Hunan), the form must be followed by an on-site review or defence
 *   现场评审或答辩, and the candidate normally 原则上 holds the next-lower certificate (R5).
 * - Table 3 records the signatures of the raters, the assessor 考评员 and the internal quality
 *   supervisor 内督员 (see {@link listMissingDirectGradingSignatures}).
 *
 * Weights are percentages 0..100 (as printed on the form), points are points; results are rounded
 * to 6 decimals to remove floating-point noise.
 */
import type { Level } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import { type ScoringIssue, roundPoints } from './objective-scoring';

/** The four raters of the form, in column order. */
export const directGradingRaters = ['team_leader', 'workshop_head', 'competent_department', 'hr_department'] as const;

/** One of {@link directGradingRaters}. */
export type DirectGradingRater = (typeof directGradingRaters)[number];

/** The three sections, in form order. */
export const directGradingSectionKeys = ['professional_ethics', 'core_abilities', 'occupational_abilities'] as const;

/** One of {@link directGradingSectionKeys}. */
export type DirectGradingSectionKey = (typeof directGradingSectionKeys)[number];

/** Points of each section (R5): 10 + 10 + 80 = 100. */
export const directGradingSectionMaxPoints: Readonly<Record<DirectGradingSectionKey, number>> = {
  professional_ethics: 10,
  core_abilities: 10,
  occupational_abilities: 80,
};

/** One row of the form. */
export interface DirectGradingCriterion {
  /** Unique code on the form, e.g. `1.1`, `3.2.1`. */
  code: string;
  /** Short name of the evaluation standard 评价标准. */
  name: string;
  maxPoints: number;
  /** Competency the row belongs to; required in occupational abilities (e.g. `3.1 继电控制电路装调维修`). */
  competency?: string;
}

/** One section of the form with its weight row. */
export interface DirectGradingSection {
  key: DirectGradingSectionKey;
  /** Weight per rater in percent (0..100); missing means 0. Must sum to exactly 100. */
  weightsPercent: Partial<Record<DirectGradingRater, number>>;
  criteria: readonly DirectGradingCriterion[];
}

/** The form of one occupation (work type) and level. */
export interface DirectGradingForm {
  level: Level;
  sections: readonly DirectGradingSection[];
}

/** Scores per criterion code, per rater, in points (0..criterion max). */
export type DirectGradingRatings = Readonly<Record<string, Partial<Record<DirectGradingRater, number>>>>;

/** Organisation settings of direct grading. */
export interface DirectGradingSettings {
  /** Pass mark in points of 100; default 60. */
  passMark?: number;
  /** Whether levels 2 and 1 may be graded directly (with an on-site review); default false (R19). */
  canGradeLevels2And1?: boolean;
}

/** Everything one candidate's grading needs. */
export interface DirectGradingInput {
  form: DirectGradingForm;
  ratings: DirectGradingRatings;
  /** Levels 2 and 1 only: result of the on-site review or defence; undefined while pending. */
  isOnSiteReviewPassed?: boolean;
  /** Levels 2 and 1 only: whether the candidate holds the next-lower certificate. */
  hasLowerLevelCertificate?: boolean;
}

/** Weighted score of one criterion row. */
export interface CriterionWeightedScore {
  code: string;
  competency: string | null;
  maxPoints: number;
  byRater: Partial<Record<DirectGradingRater, number>>;
  /** 加权平均分: Σ score × weight / 100. */
  weightedPoints: number;
}

/** Weighted score of one competency of occupational abilities. */
export interface CompetencyWeightedScore {
  competency: string;
  maxPoints: number;
  weightedPoints: number;
}

/** Weighted score of one section. */
export interface SectionWeightedScore {
  key: DirectGradingSectionKey;
  maxPoints: number;
  weightsPercent: Record<DirectGradingRater, number>;
  /** Each weighted rater's raw section total (points). */
  rawTotalByRater: Partial<Record<DirectGradingRater, number>>;
  weightedPoints: number;
  criteria: CriterionWeightedScore[];
  /** Occupational abilities only; empty for the other sections. */
  byCompetency: CompetencyWeightedScore[];
}

/** Result of direct grading. */
export interface DirectGradingResult {
  level: Level;
  sections: SectionWeightedScore[];
  /** 总得分, points of 100. */
  totalPoints: number;
  maxPoints: number;
  passMark: number;
  /** The form alone reaches the pass mark. */
  isFormPassed: boolean;
  /** Level 2 or 1: an on-site review or defence is part of the decision. */
  isOnSiteReviewRequired: boolean;
  /** Level 2 or 1 without the next-lower certificate: allowed only by exception (原则上). */
  isMissingLowerLevelCertificate: boolean;
  /** passed / failed, or awaiting_review while a required on-site review is pending. */
  outcome: 'passed' | 'failed' | 'awaiting_review';
}

const weightTolerance = 1e-9;

/**
 * Checks a form and its ratings (R5, R19) and returns every problem found (empty when valid).
 * Issue codes: `sections_incomplete`, `unknown_rater`, `weight_out_of_range`, `weights_sum_not_100`,
 * `criterion_invalid`, `duplicate_criterion`, `competency_required`, `section_max_mismatch`,
 * `unknown_criterion`, `rater_without_weight`, `score_missing`, `score_out_of_range`,
 * `level_not_allowed`, `pass_mark_out_of_range`. Fields are paths such as
 * `form.sections[2].weightsPercent` or `ratings["3.1.2"].workshop_head`.
 */
export function validateDirectGrading(input: DirectGradingInput, settings: DirectGradingSettings = {}): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const { form, ratings } = input;
  const passMark = settings.passMark ?? 60;
  if (!(passMark >= 0 && passMark <= 100)) {
    issues.push({ field: 'settings.passMark', code: 'pass_mark_out_of_range', message: `the pass mark is points of 100, got ${passMark}` });
  }
  if (![1, 2, 3, 4, 5].includes(form.level)) {
    issues.push({ field: 'form.level', code: 'level_not_allowed', message: `level must be 1..5, got ${form.level}` });
  } else if (form.level <= 2 && !settings.canGradeLevels2And1) {
    issues.push({
      field: 'form.level',
      code: 'level_not_allowed',
      message: `direct grading covers levels 5-3 (R19); level ${form.level} needs the organisation setting canGradeLevels2And1 and an on-site review`,
    });
  }

  const keys = form.sections.map((section) => section.key);
  const missing = directGradingSectionKeys.filter((key) => !keys.includes(key));
  const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
  const unknown = keys.filter((key) => !directGradingSectionKeys.includes(key));
  if (missing.length > 0 || repeated.length > 0 || unknown.length > 0) {
    issues.push({
      field: 'form.sections',
      code: 'sections_incomplete',
      message: `the form needs each of ${directGradingSectionKeys.join(', ')} once; missing [${missing.join(', ')}], repeated [${repeated.join(', ')}], unknown [${unknown.join(', ')}]`,
    });
  }

  const criterionByCode = new Map<string, { criterion: DirectGradingCriterion; section: DirectGradingSection }>();
  form.sections.forEach((section, sectionIndex) => {
    const field = `form.sections[${sectionIndex}]`;
    let weightSum = 0;
    for (const [rater, weight] of Object.entries(section.weightsPercent)) {
      if (!(directGradingRaters as readonly string[]).includes(rater)) {
        issues.push({ field: `${field}.weightsPercent.${rater}`, code: 'unknown_rater', message: `"${rater}" is not one of ${directGradingRaters.join(', ')}` });
        continue;
      }
      if (weight === undefined) continue;
      if (!Number.isFinite(weight) || weight < 0 || weight > 100) {
        issues.push({ field: `${field}.weightsPercent.${rater}`, code: 'weight_out_of_range', message: `a weight is a percentage 0..100, got ${weight}` });
        continue;
      }
      weightSum += weight;
    }
    if (Math.abs(weightSum - 100) > weightTolerance) {
      issues.push({
        field: `${field}.weightsPercent`,
        code: 'weights_sum_not_100',
        message: `section ${section.key}: weights must sum to exactly 100%, got ${roundPoints(weightSum)}%`,
      });
    }

    let maxSum = 0;
    section.criteria.forEach((criterion, criterionIndex) => {
      const criterionField = `${field}.criteria[${criterionIndex}]`;
      if (!criterion.code || !Number.isFinite(criterion.maxPoints) || criterion.maxPoints <= 0) {
        issues.push({ field: criterionField, code: 'criterion_invalid', message: `a criterion needs a code and max points > 0 (code "${criterion.code}", max ${criterion.maxPoints})` });
        return;
      }
      if (criterionByCode.has(criterion.code)) {
        issues.push({ field: `${criterionField}.code`, code: 'duplicate_criterion', message: `criterion code ${criterion.code} is used twice` });
        return;
      }
      if (section.key === 'occupational_abilities' && !criterion.competency?.trim()) {
        issues.push({ field: `${criterionField}.competency`, code: 'competency_required', message: `criterion ${criterion.code}: occupational abilities are split by competency` });
      }
      criterionByCode.set(criterion.code, { criterion, section });
      maxSum += criterion.maxPoints;
    });
    const sectionMax = directGradingSectionMaxPoints[section.key];
    if (sectionMax !== undefined && Math.abs(maxSum - sectionMax) > weightTolerance) {
      issues.push({
        field: `${field}.criteria`,
        code: 'section_max_mismatch',
        message: `section ${section.key} is worth ${sectionMax} points (R5); its criteria add up to ${roundPoints(maxSum)}`,
      });
    }
  });

  for (const [code, byRater] of Object.entries(ratings)) {
    const entry = criterionByCode.get(code);
    if (!entry) {
      issues.push({ field: `ratings["${code}"]`, code: 'unknown_criterion', message: `criterion ${code} is not on the form` });
      continue;
    }
    for (const [rater, points] of Object.entries(byRater)) {
      const field = `ratings["${code}"].${rater}`;
      if (!(directGradingRaters as readonly string[]).includes(rater)) {
        issues.push({ field, code: 'unknown_rater', message: `"${rater}" is not one of ${directGradingRaters.join(', ')}` });
        continue;
      }
      if (points === undefined) continue;
      if (!((entry.section.weightsPercent[rater as DirectGradingRater] ?? 0) > 0)) {
        issues.push({ field, code: 'rater_without_weight', message: `${rater} has no weight in section ${entry.section.key}, so cannot score criterion ${code}` });
        continue;
      }
      if (!Number.isFinite(points) || points < 0 || points > entry.criterion.maxPoints) {
        issues.push({ field, code: 'score_out_of_range', message: `criterion ${code} is worth 0..${entry.criterion.maxPoints} points, got ${points}` });
      }
    }
  }
  for (const [code, { criterion, section }] of criterionByCode) {
    for (const rater of directGradingRaters) {
      if (!((section.weightsPercent[rater] ?? 0) > 0)) continue;
      if (ratings[code]?.[rater] === undefined) {
        issues.push({ field: `ratings["${code}"].${rater}`, code: 'score_missing', message: `${rater} has not scored criterion ${criterion.code} (${criterion.name})` });
      }
    }
  }
  return issues;
}

/**
 * Grades a candidate directly by the weighted multi-rater form (R5; levels 5-3 by default, R19).
 *
 * @param input    the form (sections, weight rows, criteria), the ratings and, for levels 2 and 1, the
 *                 on-site review result and certificate flag
 * @param settings `passMark` (default 60 of 100), `canGradeLevels2And1` (default false)
 * @returns per-criterion, per-competency and per-section weighted points, the total of 100 and the
 *          outcome (`awaiting_review` for level 2/1 until the on-site review is recorded)
 * @throws AppError `validation_failed` with `{ issues: [{ field, code, message }] }` listing every
 *         problem found by {@link validateDirectGrading}
 */
export function gradeDirectly(input: DirectGradingInput, settings: DirectGradingSettings = {}): DirectGradingResult {
  const issues = validateDirectGrading(input, settings);
  if (issues.length > 0) {
    throw new AppError('validation_failed', issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues });
  }
  const { form, ratings } = input;
  const passMark = settings.passMark ?? 60;
  const orderedSections = directGradingSectionKeys.map((key) => form.sections.find((section) => section.key === key)!);

  const sections = orderedSections.map((section): SectionWeightedScore => {
    const weightsPercent = Object.fromEntries(
      directGradingRaters.map((rater) => [rater, section.weightsPercent[rater] ?? 0]),
    ) as Record<DirectGradingRater, number>;
    const weightedRaters = directGradingRaters.filter((rater) => weightsPercent[rater] > 0);
    const rawTotalByRater: Partial<Record<DirectGradingRater, number>> = {};
    const competencies = new Map<string, CompetencyWeightedScore>();
    let sectionWeighted = 0;

    const criteria = section.criteria.map((criterion): CriterionWeightedScore => {
      const byRater: Partial<Record<DirectGradingRater, number>> = {};
      let weighted = 0;
      for (const rater of weightedRaters) {
        const points = ratings[criterion.code][rater]!;
        byRater[rater] = points;
        rawTotalByRater[rater] = (rawTotalByRater[rater] ?? 0) + points;
        weighted += (points * weightsPercent[rater]) / 100;
      }
      sectionWeighted += weighted;
      const competency = section.key === 'occupational_abilities' ? criterion.competency!.trim() : null;
      if (competency !== null) {
        const group = competencies.get(competency) ?? { competency, maxPoints: 0, weightedPoints: 0 };
        group.maxPoints += criterion.maxPoints;
        group.weightedPoints += weighted;
        competencies.set(competency, group);
      }
      return { code: criterion.code, competency, maxPoints: criterion.maxPoints, byRater, weightedPoints: roundPoints(weighted) };
    });

    for (const rater of weightedRaters) rawTotalByRater[rater] = roundPoints(rawTotalByRater[rater] ?? 0);
    return {
      key: section.key,
      maxPoints: directGradingSectionMaxPoints[section.key],
      weightsPercent,
      rawTotalByRater,
      weightedPoints: roundPoints(sectionWeighted),
      criteria,
      byCompetency: [...competencies.values()].map((group) => ({
        competency: group.competency,
        maxPoints: roundPoints(group.maxPoints),
        weightedPoints: roundPoints(group.weightedPoints),
      })),
    };
  });

  const totalPoints = roundPoints(sections.reduce((sum, section) => sum + section.weightedPoints, 0));
  const isFormPassed = totalPoints >= passMark;
  const isOnSiteReviewRequired = form.level <= 2;
  let outcome: DirectGradingResult['outcome'] = isFormPassed ? 'passed' : 'failed';
  if (isFormPassed && isOnSiteReviewRequired) {
    if (input.isOnSiteReviewPassed === undefined) outcome = 'awaiting_review';
    else if (!input.isOnSiteReviewPassed) outcome = 'failed';
  }
  return {
    level: form.level,
    sections,
    totalPoints,
    maxPoints: 100,
    passMark,
    isFormPassed,
    isOnSiteReviewRequired,
    isMissingLowerLevelCertificate: isOnSiteReviewRequired && input.hasLowerLevelCertificate !== true,
    outcome,
  };
}

/** Who signs table 3 of the form (R5). */
export const directGradingSignatories = [
  'team_leader',
  'workshop_head',
  'competent_department_head',
  'hr_department_head',
  'assessor',
  'internal_quality_supervisor',
] as const;

/** One of {@link directGradingSignatories}. */
export type DirectGradingSignatory = (typeof directGradingSignatories)[number];

/** A recorded signature: who signed and when (ms epoch). */
export interface DirectGradingSignature {
  signerId: string;
  signedAt: number;
}

/**
 * Signatories of table 3 whose signature is not recorded yet (R5: raters, assessor and internal
 * quality supervisor sign). A result should not be published while this list is non-empty.
 * @returns missing roles in form order (empty when complete)
 */
export function listMissingDirectGradingSignatures(
  signatures: Partial<Record<DirectGradingSignatory, DirectGradingSignature>>,
): DirectGradingSignatory[] {
  return directGradingSignatories.filter((role) => !signatures[role]?.signerId);
}
