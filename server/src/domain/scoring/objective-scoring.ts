/**
 * Objective scoring of a submitted theory attempt (R4: the theory test component; R3: items come
 * from the bank). Pure: the caller has already mapped the candidate's shuffled option order back
 * to bank option indexes.
 *
 * Rules:
 * - single choice 单选 and judge 判断: full points when the one selected option is the key, else 0.
 * - multiple choice 多选: all-or-nothing by default (the selection must equal the key). With the
 *   organisation setting `{ kind: 'partial_subset', fraction }` a non-empty strict subset of the key
 *   with no wrong option earns `fraction × points` (e.g. 0.5: half points for "少选"); any wrong
 *   option still earns 0.
 * - no selection: `unanswered`, 0 points.
 * Points are rounded to 6 decimals to remove floating-point noise (0.1 + 0.2 stays 0.3).
 */
import type { TheoryItemType } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';

/** The key of one theory item as it appeared on the paper. */
export interface ObjectiveItemKey {
  itemId: string;
  type: TheoryItemType;
  /** Correct option indexes in bank order (0-based). One index for single and judge. */
  answer: readonly number[];
  /** Number of options of the item (2 for judge). */
  optionCount: number;
  /** Points the item is worth on this paper (>= 0). */
  points: number;
  /** Blueprint knowledge point 鉴定点 code; null or missing groups under `null`. */
  knowledgePoint?: string | null;
}

/** A candidate's response: selected option indexes in bank order; empty means unanswered. */
export interface ObjectiveResponse {
  itemId: string;
  selected: readonly number[];
}

/** How a multiple-choice item is credited. */
export type MultipleChoiceCredit =
  | { kind: 'all_or_nothing' }
  /** `fraction` (0 < fraction < 1) of the points for a non-empty strict subset of the key. */
  | { kind: 'partial_subset'; fraction: number };

/** Organisation scoring settings; all-or-nothing when missing. */
export interface ObjectiveScoringSettings {
  multipleChoiceCredit?: MultipleChoiceCredit;
}

/** How an item was answered. */
export type ItemOutcome = 'correct' | 'partial' | 'wrong' | 'unanswered';

/** Score of one item. */
export interface ItemScore {
  itemId: string;
  type: TheoryItemType;
  knowledgePoint: string | null;
  /** Sorted selected option indexes (bank order). */
  selected: number[];
  outcome: ItemOutcome;
  points: number;
  maxPoints: number;
}

/** Points per knowledge point 鉴定点, in order of first appearance on the paper. */
export interface KnowledgePointScore {
  knowledgePoint: string | null;
  itemCount: number;
  correctCount: number;
  points: number;
  maxPoints: number;
  /** points / maxPoints, 0..1; 0 when maxPoints is 0. */
  fraction: number;
}

/** Result of scoring one theory attempt. */
export interface ObjectiveScoreResult {
  totalPoints: number;
  maxPoints: number;
  correctCount: number;
  byItem: ItemScore[];
  byKnowledgePoint: KnowledgePointScore[];
}

/** A validation problem: which field, a stable code and a sentence. */
export interface ScoringIssue {
  field: string;
  code: string;
  message: string;
}

/** Rounds points to 6 decimals (floating-point noise only; display rounding is the presenter's). */
export function roundPoints(points: number): number {
  return Math.round(points * 1e6) / 1e6;
}

function fail(issues: ScoringIssue[]): never {
  throw new AppError('validation_failed', issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues });
}

function checkKey(key: ObjectiveItemKey, field: string, issues: ScoringIssue[]): void {
  if (!key.itemId) issues.push({ field: `${field}.itemId`, code: 'required', message: 'itemId must not be empty' });
  if (!Number.isInteger(key.optionCount) || key.optionCount < 2) {
    issues.push({ field: `${field}.optionCount`, code: 'out_of_range', message: `optionCount must be an integer >= 2, got ${key.optionCount}` });
  }
  if (key.type === 'judge' && key.optionCount !== 2) {
    issues.push({ field: `${field}.optionCount`, code: 'out_of_range', message: `a judge item has 2 options, got ${key.optionCount}` });
  }
  if (!Number.isFinite(key.points) || key.points < 0) {
    issues.push({ field: `${field}.points`, code: 'out_of_range', message: `points must be a finite number >= 0, got ${key.points}` });
  }
  const answer = key.answer;
  if (answer.length === 0) {
    issues.push({ field: `${field}.answer`, code: 'required', message: 'the key must name at least one option' });
  } else if (new Set(answer).size !== answer.length) {
    issues.push({ field: `${field}.answer`, code: 'duplicate', message: `the key repeats an option: ${answer.join(',')}` });
  }
  for (const index of answer) {
    if (!Number.isInteger(index) || index < 0 || index >= key.optionCount) {
      issues.push({ field: `${field}.answer`, code: 'out_of_range', message: `option ${index} is not one of 0..${key.optionCount - 1}` });
    }
  }
  if ((key.type === 'single' || key.type === 'judge') && answer.length > 1) {
    issues.push({ field: `${field}.answer`, code: 'too_many', message: `a ${key.type} item has exactly one correct option, got ${answer.length}` });
  }
}

function checkSelection(key: ObjectiveItemKey, selected: readonly number[], field: string, issues: ScoringIssue[]): void {
  if (new Set(selected).size !== selected.length) {
    issues.push({ field, code: 'duplicate', message: `item ${key.itemId}: an option is selected twice (${selected.join(',')})` });
  }
  for (const index of selected) {
    if (!Number.isInteger(index) || index < 0 || index >= key.optionCount) {
      issues.push({ field, code: 'out_of_range', message: `item ${key.itemId}: option ${index} is not one of 0..${key.optionCount - 1}` });
    }
  }
  if ((key.type === 'single' || key.type === 'judge') && selected.length > 1) {
    issues.push({ field, code: 'too_many', message: `item ${key.itemId}: a ${key.type} item takes one option, got ${selected.length}` });
  }
}

function checkCredit(credit: MultipleChoiceCredit, issues: ScoringIssue[]): void {
  if (credit.kind === 'partial_subset' && !(credit.fraction > 0 && credit.fraction < 1)) {
    issues.push({
      field: 'settings.multipleChoiceCredit.fraction',
      code: 'out_of_range',
      message: `the partial-credit fraction must be between 0 and 1 (exclusive), got ${credit.fraction}`,
    });
  }
}

/**
 * Scores one item (R4 theory component). Inputs are assumed valid (see {@link scoreObjectiveAttempt}).
 * @param key      the item's key
 * @param selected selected option indexes in bank order
 * @param credit   multiple-choice rule (default all-or-nothing)
 * @returns outcome and points (0..key.points)
 */
export function scoreObjectiveItem(
  key: ObjectiveItemKey,
  selected: readonly number[],
  credit: MultipleChoiceCredit = { kind: 'all_or_nothing' },
): { outcome: ItemOutcome; points: number } {
  if (selected.length === 0) return { outcome: 'unanswered', points: 0 };
  const keySet = new Set(key.answer);
  const hasWrongOption = selected.some((index) => !keySet.has(index));
  if (hasWrongOption) return { outcome: 'wrong', points: 0 };
  if (selected.length === keySet.size) return { outcome: 'correct', points: key.points };
  // A non-empty strict subset of the key with no wrong option (only possible for multiple choice).
  if (key.type === 'multiple' && credit.kind === 'partial_subset') {
    return { outcome: 'partial', points: roundPoints(key.points * credit.fraction) };
  }
  return { outcome: 'wrong', points: 0 };
}

/**
 * Scores a submitted theory attempt (R4 theory component, R3 items from the bank).
 *
 * @param items     the paper's item keys in paper order (each itemId once)
 * @param responses the candidate's responses in bank option indexes; items without a response are
 *                  unanswered
 * @param settings  `multipleChoiceCredit` (default all-or-nothing)
 * @returns `{ totalPoints, maxPoints, correctCount, byItem[], byKnowledgePoint[] }`, points rounded to
 *          6 decimals
 * @throws AppError `validation_failed` with details `{ issues: [{ field, code, message }] }` for a bad
 *         key (`items[i].answer` …), a response to an item not on the paper, a repeated response, an
 *         option index out of range or repeated, more than one option on a single or judge item, or a
 *         partial-credit fraction outside (0, 1)
 */
export function scoreObjectiveAttempt(
  items: readonly ObjectiveItemKey[],
  responses: readonly ObjectiveResponse[],
  settings: ObjectiveScoringSettings = {},
): ObjectiveScoreResult {
  const credit = settings.multipleChoiceCredit ?? { kind: 'all_or_nothing' };
  const issues: ScoringIssue[] = [];
  checkCredit(credit, issues);

  const keyById = new Map<string, ObjectiveItemKey>();
  items.forEach((key, index) => {
    checkKey(key, `items[${index}]`, issues);
    if (keyById.has(key.itemId)) {
      issues.push({ field: `items[${index}].itemId`, code: 'duplicate', message: `item ${key.itemId} appears twice on the paper` });
    }
    keyById.set(key.itemId, key);
  });

  const selectedById = new Map<string, readonly number[]>();
  responses.forEach((response, index) => {
    const field = `responses[${index}]`;
    const key = keyById.get(response.itemId);
    if (!key) {
      issues.push({ field: `${field}.itemId`, code: 'unknown_item', message: `item ${response.itemId} is not on the paper` });
      return;
    }
    if (selectedById.has(response.itemId)) {
      issues.push({ field: `${field}.itemId`, code: 'duplicate', message: `item ${response.itemId} has more than one response` });
      return;
    }
    checkSelection(key, response.selected, `${field}.selected`, issues);
    selectedById.set(response.itemId, response.selected);
  });
  if (issues.length > 0) fail(issues);

  const byItem: ItemScore[] = [];
  const byKnowledgePoint = new Map<string | null, KnowledgePointScore>();
  let totalPoints = 0;
  let maxPoints = 0;
  let correctCount = 0;
  for (const key of items) {
    const selected = [...(selectedById.get(key.itemId) ?? [])].sort((a, b) => a - b);
    const { outcome, points } = scoreObjectiveItem(key, selected, credit);
    const knowledgePoint = key.knowledgePoint ?? null;
    byItem.push({ itemId: key.itemId, type: key.type, knowledgePoint, selected, outcome, points, maxPoints: key.points });
    totalPoints += points;
    maxPoints += key.points;
    if (outcome === 'correct') correctCount += 1;

    let group = byKnowledgePoint.get(knowledgePoint);
    if (!group) {
      group = { knowledgePoint, itemCount: 0, correctCount: 0, points: 0, maxPoints: 0, fraction: 0 };
      byKnowledgePoint.set(knowledgePoint, group);
    }
    group.itemCount += 1;
    if (outcome === 'correct') group.correctCount += 1;
    group.points += points;
    group.maxPoints += key.points;
  }
  const groups = [...byKnowledgePoint.values()].map((group) => {
    const points = roundPoints(group.points);
    const max = roundPoints(group.maxPoints);
    return { ...group, points, maxPoints: max, fraction: max === 0 ? 0 : roundPoints(points / max) };
  });

  return {
    totalPoints: roundPoints(totalPoints),
    maxPoints: roundPoints(maxPoints),
    correctCount,
    byItem,
    byKnowledgePoint: groups,
  };
}
