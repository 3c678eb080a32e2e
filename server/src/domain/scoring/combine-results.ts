/**
 * Combining a candidate's component results into the assessment result (R4, promotion mode R19).
 *
 * Components: theory test 理论知识考试, practical assessment 操作技能考核, and for levels 2 and 1 the
 * comprehensive review 综合评审 (thesis or achievement report, defence). Each component is put on a
 * 100-point scale (points / maxPoints × 100) and must reach its pass mark (default 60 of 100); the
 * weighted total (Σ weight × component points, weights per occupation summing to 1) must reach the
 * overall pass mark (default 60). The practical weight must be at least the organisation minimum
 * (default 0.5, Shenzhen's rule and the strictest).
 */
import type { Level } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import { type ScoringIssue, roundPoints } from './objective-scoring';

/** Result components, in report order. */
export const resultComponents = ['theory', 'practical', 'review'] as const;

/** One of {@link resultComponents}. */
export type ResultComponent = (typeof resultComponents)[number];

/** The evaluation scheme's weights and pass marks for one occupation and level. */
export interface CombinationScheme {
  occupationCode: string;
  level: Level;
  /** Fractions 0..1 summing to 1; theory and practical required, review required for levels 2 and 1. */
  weights: Partial<Record<ResultComponent, number>>;
  /** Pass mark per component in points of 100; default 60 each. */
  passMarks?: Partial<Record<ResultComponent, number>>;
  /** Pass mark of the weighted total in points of 100; default 60. */
  overallPassMark?: number;
}

/** Organisation settings. */
export interface CombineSettings {
  /** Minimum practical weight, fraction 0..1; default 0.5 (R4). */
  minPracticalWeight?: number;
}

/** A component result on its own scale. */
export interface ComponentScore {
  points: number;
  maxPoints: number;
}

/** One component in the combined result. */
export interface CombinedComponent {
  component: ResultComponent;
  /** Points of 100. */
  points: number;
  weight: number;
  /** weight × points. */
  weightedPoints: number;
  passMark: number;
  isPassed: boolean;
}

/** The combined assessment result. */
export interface CombinedResult {
  occupationCode: string;
  level: Level;
  components: CombinedComponent[];
  /** Weighted total, points of 100. */
  totalPoints: number;
  overallPassMark: number;
  /** Every component passed and the total reached the overall pass mark. */
  isPassed: boolean;
  /** Components below their pass mark (the total is not listed here). */
  failedComponents: ResultComponent[];
  isTotalPassed: boolean;
}

const tolerance = 1e-9;

const isFraction = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
const isMark = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;

/**
 * Checks an evaluation scheme (R4) and returns every problem (empty when valid). Codes:
 * `unknown_component`, `weight_out_of_range`, `weight_required`, `review_required` (levels 2 and 1),
 * `practical_weight_below_minimum`, `weights_sum_not_1`, `pass_mark_out_of_range`,
 * `setting_out_of_range`. Fields: `scheme.weights.practical`, `scheme.passMarks.theory`, ...
 */
export function validateCombinationScheme(scheme: CombinationScheme, settings: CombineSettings = {}): ScoringIssue[] {
  const issues: ScoringIssue[] = [];
  const minPracticalWeight = settings.minPracticalWeight ?? 0.5;
  if (!isFraction(minPracticalWeight)) {
    issues.push({ field: 'settings.minPracticalWeight', code: 'setting_out_of_range', message: `the minimum practical weight is a fraction 0..1, got ${minPracticalWeight}` });
  }
  let sum = 0;
  for (const [component, weight] of Object.entries(scheme.weights)) {
    const field = `scheme.weights.${component}`;
    if (!(resultComponents as readonly string[]).includes(component)) {
      issues.push({ field, code: 'unknown_component', message: `"${component}" is not one of ${resultComponents.join(', ')}` });
      continue;
    }
    if (weight === undefined) continue;
    if (!isFraction(weight)) {
      issues.push({ field, code: 'weight_out_of_range', message: `a weight is a fraction 0..1, got ${weight}` });
      continue;
    }
    sum += weight;
  }
  for (const component of ['theory', 'practical'] as const) {
    if (!((scheme.weights[component] ?? 0) > 0)) {
      issues.push({ field: `scheme.weights.${component}`, code: 'weight_required', message: `the assessment combines theory and practical (R4); the ${component} weight must be > 0` });
    }
  }
  if (scheme.level <= 2 && !((scheme.weights.review ?? 0) > 0)) {
    issues.push({
      field: 'scheme.weights.review',
      code: 'review_required',
      message: `level ${scheme.level} adds a comprehensive review 综合评审 (R4); its weight must be > 0`,
    });
  }
  const practical = scheme.weights.practical;
  if (isFraction(practical) && practical > 0 && isFraction(minPracticalWeight) && practical + tolerance < minPracticalWeight) {
    issues.push({
      field: 'scheme.weights.practical',
      code: 'practical_weight_below_minimum',
      message: `the practical share must be at least ${minPracticalWeight} (R4), got ${practical}`,
    });
  }
  if (Math.abs(sum - 1) > tolerance) {
    issues.push({ field: 'scheme.weights', code: 'weights_sum_not_1', message: `weights must sum to 1, got ${roundPoints(sum)}` });
  }
  for (const [component, mark] of Object.entries(scheme.passMarks ?? {})) {
    const field = `scheme.passMarks.${component}`;
    if (!(resultComponents as readonly string[]).includes(component)) {
      issues.push({ field, code: 'unknown_component', message: `"${component}" is not one of ${resultComponents.join(', ')}` });
    } else if (mark !== undefined && !isMark(mark)) {
      issues.push({ field, code: 'pass_mark_out_of_range', message: `a pass mark is points of 100, got ${mark}` });
    }
  }
  if (scheme.overallPassMark !== undefined && !isMark(scheme.overallPassMark)) {
    issues.push({ field: 'scheme.overallPassMark', code: 'pass_mark_out_of_range', message: `a pass mark is points of 100, got ${scheme.overallPassMark}` });
  }
  return issues;
}

/**
 * Combines component results into the assessment result (R4).
 *
 * @param scheme   weights (fractions summing to 1), pass marks (points of 100, default 60 each)
 * @param scores   each weighted component's points and maximum; a missing review for level 2/1 is an error
 * @param settings `minPracticalWeight` (default 0.5)
 * @returns components on a 100-point scale with pass flags, the weighted total and the overall
 *          decision: passed only if every component and the total pass
 * @throws AppError `validation_failed` with `{ issues: [{ field, code, message }] }` for an invalid
 *         scheme (see {@link validateCombinationScheme}) or a missing (`score_missing`, e.g.
 *         `scores.review`) or impossible (`score_out_of_range`) component score
 */
export function combineResults(
  scheme: CombinationScheme,
  scores: Partial<Record<ResultComponent, ComponentScore>>,
  settings: CombineSettings = {},
): CombinedResult {
  const issues = validateCombinationScheme(scheme, settings);
  const weighted = resultComponents.filter((component) => (scheme.weights[component] ?? 0) > 0);
  for (const component of weighted) {
    const score = scores[component];
    const field = `scores.${component}`;
    if (!score) {
      issues.push({ field, code: 'score_missing', message: `the ${component} result is missing` });
    } else if (!(Number.isFinite(score.maxPoints) && score.maxPoints > 0)) {
      issues.push({ field: `${field}.maxPoints`, code: 'score_out_of_range', message: `maxPoints must be > 0, got ${score.maxPoints}` });
    } else if (!(Number.isFinite(score.points) && score.points >= 0 && score.points <= score.maxPoints)) {
      issues.push({ field: `${field}.points`, code: 'score_out_of_range', message: `${score.points} is outside 0..${score.maxPoints}` });
    }
  }
  for (const component of Object.keys(scores)) {
    if ((resultComponents as readonly string[]).includes(component) && !weighted.includes(component as ResultComponent)) {
      issues.push({ field: `scores.${component}`, code: 'score_without_weight', message: `the scheme gives ${component} no weight` });
    }
  }
  if (issues.length > 0) {
    throw new AppError('validation_failed', issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues });
  }

  const overallPassMark = scheme.overallPassMark ?? 60;
  const components = weighted.map((component): CombinedComponent => {
    const score = scores[component]!;
    const points = roundPoints((score.points / score.maxPoints) * 100);
    const weight = scheme.weights[component]!;
    const passMark = scheme.passMarks?.[component] ?? 60;
    return { component, points, weight, weightedPoints: roundPoints(points * weight), passMark, isPassed: points >= passMark };
  });
  const totalPoints = roundPoints(components.reduce((sum, component) => sum + component.points * component.weight, 0));
  const failedComponents = components.filter((component) => !component.isPassed).map((component) => component.component);
  const isTotalPassed = totalPoints >= overallPassMark;
  return {
    occupationCode: scheme.occupationCode,
    level: scheme.level,
    components,
    totalPoints,
    overallPassMark,
    isPassed: failedComponents.length === 0 && isTotalPassed,
    failedComponents,
    isTotalPassed,
  };
}
