/**
 * Practical assessment scoring (R4 practical component, R6 assessors score independently).
 *
 * Each candidate's practical task is scored on a score sheet 评分表 by at least two assessors
 * independently. A sheet lists deductions per criterion and the veto items 否决项 observed.
 *
 * Reconciliation rule (documented here and in {@link reconcilePracticalScores}):
 * 1. Two scores a, b that agree on the veto and differ by at most `differenceThreshold × maxPoints`
 *    (default 10% of the maximum): the final score is their mean.
 * 2. Otherwise the attempt needs arbitration: a third assessor scores independently. With three
 *    scores, the two closest decide: sorted x ≤ y ≤ z, if y − x < z − y the final is mean(x, y), if
 *    z − y < y − x it is mean(y, z); on an exact tie it is the median y (which then equals the mean
 *    of all three). The deciding pair must itself agree on the veto and lie within the threshold.
 * 3. If that still fails, the evaluation committee 评价工作委员会 decides; its decision, once given,
 *    is final.
 */
import type { Level, PracticalItem } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import { type ScoringIssue, roundPoints } from './objective-scoring';

/** Deductions an assessor made on one criterion (indexes refer to the task's `criteria`). */
export interface CriterionDeduction {
  /** 0-based index into the task's criteria. */
  criterionIndex: number;
  /** Individual deductions in points (each >= 0); summed, then the criterion clamps at 0. */
  deductedPoints: readonly number[];
}

/** One assessor's score sheet for one candidate's practical task. */
export interface PracticalScoreSheet {
  assessorId: string;
  deductions: readonly CriterionDeduction[];
  /** Veto items observed, as written in the task's `vetoItems`. */
  vetoItemsObserved: readonly string[];
}

/** Points of one criterion on a sheet. */
export interface CriterionTotal {
  criterion: string;
  maxPoints: number;
  /** Sum of the deductions (may exceed maxPoints). */
  deductedPoints: number;
  /** max(0, maxPoints − deductedPoints). */
  points: number;
}

/** Total of one score sheet. */
export interface ScoreSheetTotal {
  assessorId: string;
  /** Sum of criterion points, or 0 when vetoed. */
  totalPoints: number;
  maxPoints: number;
  isVetoed: boolean;
  vetoItemsObserved: string[];
  byCriterion: CriterionTotal[];
}

function fail(issues: ScoringIssue[]): never {
  throw new AppError('validation_failed', issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues });
}

/**
 * Totals one assessor's score sheet (R4 practical component).
 * Deductions are summed per criterion and clamp at 0 (a criterion never goes negative); any veto item
 * observed fails the task: total 0 and `isVetoed: true`, whatever the points.
 *
 * @param task  the practical item's criteria (max points each) and veto items
 * @param sheet the assessor's deductions and observed veto items
 * @returns per-criterion points and the total, in points
 * @throws AppError `validation_failed` with `{ issues }` naming `sheet.deductions[i].criterionIndex`
 *         (unknown or repeated criterion), `sheet.deductions[i].deductedPoints` (negative or not finite),
 *         `sheet.vetoItemsObserved[i]` (not a veto item of the task), `sheet.assessorId` (empty) or
 *         `task.criteria[i].maxPoints` (negative or not finite)
 */
export function scoreSheetTotal(
  task: Pick<PracticalItem, 'criteria' | 'vetoItems'>,
  sheet: PracticalScoreSheet,
): ScoreSheetTotal {
  const issues: ScoringIssue[] = [];
  if (!sheet.assessorId) issues.push({ field: 'sheet.assessorId', code: 'required', message: 'assessorId must not be empty' });
  task.criteria.forEach((criterion, index) => {
    if (!Number.isFinite(criterion.maxPoints) || criterion.maxPoints < 0) {
      issues.push({
        field: `task.criteria[${index}].maxPoints`,
        code: 'out_of_range',
        message: `criterion "${criterion.criterion}" has max points ${criterion.maxPoints}; expected a finite number >= 0`,
      });
    }
  });
  const deductedByIndex = new Map<number, number>();
  sheet.deductions.forEach((deduction, index) => {
    const field = `sheet.deductions[${index}]`;
    const criterionIndex = deduction.criterionIndex;
    if (!Number.isInteger(criterionIndex) || criterionIndex < 0 || criterionIndex >= task.criteria.length) {
      issues.push({
        field: `${field}.criterionIndex`,
        code: 'unknown_criterion',
        message: `criterion ${criterionIndex} is not one of 0..${task.criteria.length - 1}`,
      });
      return;
    }
    if (deductedByIndex.has(criterionIndex)) {
      issues.push({ field: `${field}.criterionIndex`, code: 'duplicate', message: `criterion ${criterionIndex} is listed twice` });
      return;
    }
    let sum = 0;
    for (const points of deduction.deductedPoints) {
      if (!Number.isFinite(points) || points < 0) {
        issues.push({ field: `${field}.deductedPoints`, code: 'out_of_range', message: `a deduction must be a finite number >= 0, got ${points}` });
      } else {
        sum += points;
      }
    }
    deductedByIndex.set(criterionIndex, sum);
  });
  const vetoItems = new Set(task.vetoItems);
  sheet.vetoItemsObserved.forEach((vetoItem, index) => {
    if (!vetoItems.has(vetoItem)) {
      issues.push({ field: `sheet.vetoItemsObserved[${index}]`, code: 'unknown_veto_item', message: `"${vetoItem}" is not a veto item of the task` });
    }
  });
  if (issues.length > 0) fail(issues);

  const byCriterion = task.criteria.map((criterion, index): CriterionTotal => {
    const deductedPoints = roundPoints(deductedByIndex.get(index) ?? 0);
    return {
      criterion: criterion.criterion,
      maxPoints: criterion.maxPoints,
      deductedPoints,
      points: roundPoints(Math.max(0, criterion.maxPoints - deductedPoints)),
    };
  });
  const isVetoed = sheet.vetoItemsObserved.length > 0;
  const pointsSum = byCriterion.reduce((sum, criterion) => sum + criterion.points, 0);
  return {
    assessorId: sheet.assessorId,
    totalPoints: isVetoed ? 0 : roundPoints(pointsSum),
    maxPoints: roundPoints(task.criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0)),
    isVetoed,
    vetoItemsObserved: [...sheet.vetoItemsObserved],
    byCriterion,
  };
}

/** One assessor's total for the candidate (from {@link scoreSheetTotal}). */
export interface AssessorScore {
  assessorId: string;
  totalPoints: number;
  isVetoed: boolean;
}

/** The evaluation committee's decision when assessors cannot be reconciled. */
export interface CommitteeDecision {
  finalPoints: number;
  isVetoed: boolean;
  /** Minutes or resolution reference of the committee meeting. */
  decisionReference: string;
}

/** Options of {@link reconcilePracticalScores}. */
export interface ReconcileOptions {
  /** Maximum points of the task (> 0). */
  maxPoints: number;
  /** Allowed difference as a fraction of maxPoints, 0..1; default 0.1. */
  differenceThreshold?: number;
  committeeDecision?: CommitteeDecision;
}

/** How the final practical score was reached. */
export type ReconcileMethod = 'mean_of_two' | 'mean_of_closest_two' | 'median_of_three' | 'committee';

/** Outcome of reconciling the assessors' scores. */
export type PracticalReconciliation =
  | { status: 'pending'; scoreCount: number; requiredCount: 2 }
  | {
      status: 'final';
      finalPoints: number;
      isVetoed: boolean;
      method: ReconcileMethod;
      /** Assessors whose scores decided (none for a committee decision). */
      decidingAssessorIds: string[];
    }
  | {
      /** A third assessor must score (two scores) or the committee must decide (three scores). */
      status: 'needs_arbitration' | 'needs_committee';
      reason: 'difference_over_threshold' | 'veto_disagreement';
      differencePoints: number;
      allowedDifferencePoints: number;
    };

/**
 * Reconciles independent assessor scores into the final practical score (R4, R6); see the module
 * comment for the rule. A committee decision, when given, is final.
 *
 * @param scores  totals in scoring order: the two independent scores, then the arbitration score
 * @param options `maxPoints`, `differenceThreshold` (fraction of maxPoints, default 0.1),
 *                `committeeDecision`
 * @returns `pending` (< 2 scores), `final` with the points and method, `needs_arbitration` (two
 *          scores too far apart or disagreeing on the veto) or `needs_committee` (still so with three)
 * @throws AppError `validation_failed` with `{ issues }` for more than three scores, a repeated
 *         assessor, points outside 0..maxPoints, a bad maxPoints or threshold, or a committee decision
 *         outside 0..maxPoints
 */
export function reconcilePracticalScores(
  scores: readonly AssessorScore[],
  options: ReconcileOptions,
): PracticalReconciliation {
  const threshold = options.differenceThreshold ?? 0.1;
  const { maxPoints, committeeDecision } = options;
  const issues: ScoringIssue[] = [];
  if (!Number.isFinite(maxPoints) || maxPoints <= 0) {
    issues.push({ field: 'options.maxPoints', code: 'out_of_range', message: `maxPoints must be a finite number > 0, got ${maxPoints}` });
  }
  if (!(threshold >= 0 && threshold <= 1)) {
    issues.push({ field: 'options.differenceThreshold', code: 'out_of_range', message: `the threshold is a fraction 0..1, got ${threshold}` });
  }
  if (scores.length > 3) {
    issues.push({ field: 'scores', code: 'too_many', message: `at most three assessor scores (two plus one arbitration), got ${scores.length}; further disputes go to the committee` });
  }
  const seen = new Set<string>();
  scores.forEach((score, index) => {
    if (seen.has(score.assessorId)) {
      issues.push({ field: `scores[${index}].assessorId`, code: 'duplicate', message: `assessor ${score.assessorId} scored twice (R6: independent assessors)` });
    }
    seen.add(score.assessorId);
    if (!Number.isFinite(score.totalPoints) || score.totalPoints < 0 || score.totalPoints > maxPoints) {
      issues.push({ field: `scores[${index}].totalPoints`, code: 'out_of_range', message: `${score.totalPoints} is outside 0..${maxPoints}` });
    }
  });
  if (committeeDecision && !(committeeDecision.finalPoints >= 0 && committeeDecision.finalPoints <= maxPoints)) {
    issues.push({ field: 'options.committeeDecision.finalPoints', code: 'out_of_range', message: `${committeeDecision.finalPoints} is outside 0..${maxPoints}` });
  }
  if (issues.length > 0) fail(issues);

  if (committeeDecision) {
    return {
      status: 'final',
      finalPoints: roundPoints(committeeDecision.isVetoed ? 0 : committeeDecision.finalPoints),
      isVetoed: committeeDecision.isVetoed,
      method: 'committee',
      decidingAssessorIds: [],
    };
  }
  if (scores.length < 2) return { status: 'pending', scoreCount: scores.length, requiredCount: 2 };

  const allowedDifferencePoints = roundPoints(threshold * maxPoints);
  const judgePair = (first: AssessorScore, second: AssessorScore, method: ReconcileMethod, escalation: 'needs_arbitration' | 'needs_committee'): PracticalReconciliation => {
    const differencePoints = roundPoints(Math.abs(first.totalPoints - second.totalPoints));
    if (first.isVetoed !== second.isVetoed) {
      return { status: escalation, reason: 'veto_disagreement', differencePoints, allowedDifferencePoints };
    }
    if (differencePoints > allowedDifferencePoints) {
      return { status: escalation, reason: 'difference_over_threshold', differencePoints, allowedDifferencePoints };
    }
    return {
      status: 'final',
      finalPoints: first.isVetoed ? 0 : roundPoints((first.totalPoints + second.totalPoints) / 2),
      isVetoed: first.isVetoed,
      method,
      decidingAssessorIds: [first.assessorId, second.assessorId],
    };
  };

  if (scores.length === 2) return judgePair(scores[0], scores[1], 'mean_of_two', 'needs_arbitration');

  const [low, middle, high] = [...scores].sort((a, b) => a.totalPoints - b.totalPoints);
  const lowerGap = roundPoints(middle.totalPoints - low.totalPoints);
  const upperGap = roundPoints(high.totalPoints - middle.totalPoints);
  if (lowerGap < upperGap) return judgePair(low, middle, 'mean_of_closest_two', 'needs_committee');
  if (upperGap < lowerGap) return judgePair(middle, high, 'mean_of_closest_two', 'needs_committee');
  // Exact tie: the median, provided all three agree on the veto and the gap is within the threshold.
  const tied = judgePair(low, middle, 'median_of_three', 'needs_committee');
  if (tied.status !== 'final') return tied;
  if (high.isVetoed !== middle.isVetoed) {
    return { status: 'needs_committee', reason: 'veto_disagreement', differencePoints: upperGap, allowedDifferencePoints };
  }
  return {
    status: 'final',
    finalPoints: middle.isVetoed ? 0 : middle.totalPoints,
    isVetoed: middle.isVetoed,
    method: 'median_of_three',
    decidingAssessorIds: [low.assessorId, middle.assessorId, high.assessorId],
  };
}

/** Assessor grade: 考评员 assessor or 高级考评员 senior assessor. */
export type AssessorGrade = 'assessor' | 'senior_assessor';

/**
 * Whether an assessor of this grade may assess this level (R6): an assessor levels 5-3
 * (初级工 to 高级工), a senior assessor levels 5-1 (up to 高级技师).
 * @param grade assessor grade
 * @param level skill level 1..5
 */
export function canAssessorScoreLevel(grade: AssessorGrade, level: Level): boolean {
  if (!Number.isInteger(level) || level < 1 || level > 5) return false;
  return grade === 'senior_assessor' ? true : level >= 3;
}

/**
 * Scores an assessor may see (R6: assessors score independently): only their own until every
 * required assessor has scored, then all. `requiredAssessorIds` are the assessors assigned to the
 * candidate (two, or three once an arbitration assessor is assigned); with none given, at least two
 * distinct assessors must have scored.
 *
 * @param assessorId the viewing assessor
 * @param scores     scores recorded so far (any shape with `assessorId`)
 * @param requiredAssessorIds assessors who must score before scores are shared
 * @returns the visible scores, in the given order
 */
export function visibleScoresFor<T extends { assessorId: string }>(
  assessorId: string,
  scores: readonly T[],
  requiredAssessorIds?: readonly string[],
): T[] {
  const scored = new Set(scores.map((score) => score.assessorId));
  const isComplete =
    requiredAssessorIds && requiredAssessorIds.length > 0
      ? requiredAssessorIds.every((id) => scored.has(id))
      : scored.size >= 2;
  return isComplete ? [...scores] : scores.filter((score) => score.assessorId === assessorId);
}
