/**
 * Classical item analysis of a theory paper, feeding item review and bank updates (context: R1, banks
 * "are updated from time to time"; no regulation sets these statistics or thresholds, so they are
 * platform conventions and organisation settings). Pure: responses in, statistics out.
 *
 * Definitions (N candidates, every item scored dichotomously: 1 when the selection equals the key
 * exactly, else 0; partial credit is ignored here; an omitted item counts as 0):
 * - Difficulty P: proportion of all N candidates answering correctly (0..1; higher is easier).
 * - Total score X: Σ item points × item score over the analysed items.
 * - Upper and lower groups: the g = round(0.27 × N) candidates (at least 1) with the highest and the
 *   lowest X. Ties at a group boundary: candidates tied with the boundary score share the remaining
 *   places equally (fractional membership). Example: N = 10, g = 3, scores 4, 4, 3, 3, 3, …: the two 4s
 *   count fully and each 3 counts 1/3. The groups thus always weigh exactly g and the result does
 *   not depend on the order of the input.
 * - Discrimination D = P(upper) − P(lower), each the weighted proportion correct in the group.
 * - Point-biserial r_pb: Pearson correlation between the item score and X, with population moments:
 *   r = (ΣX over correct / N − P × mean X) / √(P(1 − P) × var X). The corrected (item-rest)
 *   variant correlates the item with X minus the item's own points. Null when P is 0 or 1 or the
 *   variance is 0.
 * - Distractor analysis: for each option the proportion choosing it overall, in the upper and in
 *   the lower group (a multiple-choice candidate may choose several), plus the omission rate.
 * Flags (thresholds are settings): P < 0.2 `too_difficult`, P > 0.95 `too_easy`, D < 0.2
 * `low_discrimination`, a distractor nobody chose `distractor_not_chosen`, a distractor chosen more
 * by the upper than by the lower group `distractor_favours_upper_group`.
 */
import type { TheoryItemType } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';

/** An item of the analysed paper. */
export interface AnalysedItem {
  itemId: string;
  type: TheoryItemType;
  optionCount: number;
  /** Key: option indexes in bank order. */
  answer: readonly number[];
  /** Points on the paper; default 1. Weights the total score X. */
  points?: number;
}

/** One candidate's selections: itemId → option indexes in bank order; missing or empty = omitted. */
export interface CandidateSelections {
  candidateId: string;
  selections: Readonly<Record<string, readonly number[] | undefined>>;
}

/** Flag thresholds. */
export interface ItemAnalysisSettings {
  /** Flag `too_difficult` below this P; default 0.2. */
  minDifficulty?: number;
  /** Flag `too_easy` above this P; default 0.95. */
  maxDifficulty?: number;
  /** Flag `low_discrimination` below this D; default 0.2. */
  minDiscrimination?: number;
  /** Group fraction; default 0.27. */
  groupFraction?: number;
}

/** Choice rates of one option. */
export interface OptionAnalysis {
  optionIndex: number;
  isKey: boolean;
  chosenCount: number;
  /** Fractions 0..1. */
  chosenRate: number;
  upperRate: number;
  lowerRate: number;
}

/** Flag codes. */
export type ItemFlagCode =
  | 'too_difficult'
  | 'too_easy'
  | 'low_discrimination'
  | 'distractor_not_chosen'
  | 'distractor_favours_upper_group';

/** A flag on an item; `optionIndex` for distractor flags. */
export interface ItemFlag {
  code: ItemFlagCode;
  message: string;
  optionIndex?: number;
}

/** Statistics of one item. */
export interface ItemAnalysis {
  itemId: string;
  type: TheoryItemType;
  correctCount: number;
  /** P, 0..1. */
  difficulty: number;
  upperCorrectRate: number | null;
  lowerCorrectRate: number | null;
  /** D = upper − lower, −1..1; null with fewer than 2 candidates. */
  discrimination: number | null;
  pointBiserial: number | null;
  correctedPointBiserial: number | null;
  omittedRate: number;
  upperOmittedRate: number | null;
  lowerOmittedRate: number | null;
  options: OptionAnalysis[];
  flags: ItemFlag[];
}

/** Result of {@link analyseItems}. */
export interface ItemAnalysisResult {
  candidateCount: number;
  /** g = round(groupFraction × N), at least 1; 0 with fewer than 2 candidates. */
  groupSize: number;
  items: ItemAnalysis[];
}

/** Dichotomous scores of a paper: `correct[c][i]` is 1 or 0; `totals[c]` the weighted total X. */
export interface DichotomousScores {
  candidateIds: string[];
  correct: number[][];
  totals: number[];
  /** Number-correct totals (each item 1 point), as KR-20 needs. */
  correctCounts: number[];
}

/** Rounds a statistic to 6 decimals. */
export function roundStatistic(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function isExactKey(selected: readonly number[], answer: readonly number[]): boolean {
  if (selected.length !== answer.length) return false;
  const key = new Set(answer);
  return selected.every((index) => key.has(index));
}

/**
 * Scores every candidate on every item dichotomously (exact key = 1, anything else 0).
 * @throws AppError `validation_failed` with `{ issues }` for a repeated item or candidate, a bad key,
 *         a selection for an item not on the paper, or an option index out of range
 *         (fields like `candidates[3].selections["item-7"]`)
 */
export function scoreDichotomously(
  items: readonly AnalysedItem[],
  candidates: readonly CandidateSelections[],
): DichotomousScores {
  const issues: Array<{ field: string; code: string; message: string }> = [];
  const itemIds = new Set<string>();
  items.forEach((item, index) => {
    if (itemIds.has(item.itemId)) issues.push({ field: `items[${index}].itemId`, code: 'duplicate', message: `item ${item.itemId} is listed twice` });
    itemIds.add(item.itemId);
    if (item.answer.length === 0 || item.answer.some((option) => !Number.isInteger(option) || option < 0 || option >= item.optionCount)) {
      issues.push({ field: `items[${index}].answer`, code: 'out_of_range', message: `item ${item.itemId}: the key must name options 0..${item.optionCount - 1}` });
    }
    if (item.points !== undefined && !(Number.isFinite(item.points) && item.points >= 0)) {
      issues.push({ field: `items[${index}].points`, code: 'out_of_range', message: `item ${item.itemId}: points must be >= 0, got ${item.points}` });
    }
  });
  const optionCountById = new Map(items.map((item) => [item.itemId, item.optionCount]));
  const candidateIds = new Set<string>();
  candidates.forEach((candidate, index) => {
    if (candidateIds.has(candidate.candidateId)) {
      issues.push({ field: `candidates[${index}].candidateId`, code: 'duplicate', message: `candidate ${candidate.candidateId} is listed twice` });
    }
    candidateIds.add(candidate.candidateId);
    for (const [itemId, selected] of Object.entries(candidate.selections)) {
      const field = `candidates[${index}].selections["${itemId}"]`;
      const optionCount = optionCountById.get(itemId);
      if (optionCount === undefined) {
        issues.push({ field, code: 'unknown_item', message: `item ${itemId} is not on the paper` });
      } else if (selected?.some((option) => !Number.isInteger(option) || option < 0 || option >= optionCount)) {
        issues.push({ field, code: 'out_of_range', message: `options must be 0..${optionCount - 1}, got ${selected.join(',')}` });
      }
    }
  });
  if (issues.length > 0) {
    throw new AppError('validation_failed', issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues });
  }

  const correct: number[][] = [];
  const totals: number[] = [];
  const correctCounts: number[] = [];
  for (const candidate of candidates) {
    const row = items.map((item) => (isExactKey(candidate.selections[item.itemId] ?? [], item.answer) ? 1 : 0));
    correct.push(row);
    totals.push(row.reduce((sum: number, score, index) => sum + score * (items[index].points ?? 1), 0));
    correctCounts.push(row.reduce((sum: number, score) => sum + score, 0));
  }
  return { candidateIds: candidates.map((candidate) => candidate.candidateId), correct, totals, correctCounts };
}

/**
 * Fractional membership weights of the upper and lower groups (see the module comment for ties).
 * @param totals total score per candidate
 * @param groupSize g, 1..N
 * @returns weights per candidate (0..1), each array summing to g
 */
export function computeGroupWeights(totals: readonly number[], groupSize: number): { upper: number[]; lower: number[] } {
  const weightsFor = (isBetter: (a: number, b: number) => boolean): number[] => {
    const sorted = [...totals].sort((a, b) => (isBetter(a, b) ? -1 : isBetter(b, a) ? 1 : 0));
    const boundary = sorted[groupSize - 1];
    const beyond = totals.filter((total) => isBetter(total, boundary)).length;
    const tied = totals.filter((total) => total === boundary).length;
    const share = (groupSize - beyond) / tied;
    return totals.map((total) => (isBetter(total, boundary) ? 1 : total === boundary ? share : 0));
  };
  return { upper: weightsFor((a, b) => a > b), lower: weightsFor((a, b) => a < b) };
}

function correlation(covariance: number, varianceA: number, varianceB: number): number | null {
  const denominator = varianceA * varianceB;
  if (!(denominator > 1e-12)) return null;
  return roundStatistic(covariance / Math.sqrt(denominator));
}

/**
 * Classical item analysis of one paper (see the module comment for every definition and the tie rule).
 *
 * @param items      the paper's items (key, option count, points)
 * @param candidates each candidate's selections in bank option indexes
 * @param settings   flag thresholds (defaults P < 0.2, P > 0.95, D < 0.2) and group fraction (0.27)
 * @returns per item: P, D, upper/lower rates, r_pb and corrected r_pb, option choice rates, flags;
 *          statistics rounded to 6 decimals
 * @throws AppError `validation_failed` for malformed input (see {@link scoreDichotomously}) or a
 *         setting outside 0..1 (field `settings.<name>`)
 */
export function analyseItems(
  items: readonly AnalysedItem[],
  candidates: readonly CandidateSelections[],
  settings: ItemAnalysisSettings = {},
): ItemAnalysisResult {
  const minDifficulty = settings.minDifficulty ?? 0.2;
  const maxDifficulty = settings.maxDifficulty ?? 0.95;
  const minDiscrimination = settings.minDiscrimination ?? 0.2;
  const groupFraction = settings.groupFraction ?? 0.27;
  const badSettings = Object.entries({ minDifficulty, maxDifficulty, groupFraction })
    .filter(([, value]) => !(value >= 0 && value <= 1))
    .map(([name, value]) => ({ field: `settings.${name}`, code: 'out_of_range', message: `must be a fraction 0..1, got ${value}` }));
  if (!(minDiscrimination >= -1 && minDiscrimination <= 1)) {
    badSettings.push({ field: 'settings.minDiscrimination', code: 'out_of_range', message: `must be -1..1, got ${minDiscrimination}` });
  }
  if (badSettings.length > 0) {
    throw new AppError('validation_failed', badSettings.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues: badSettings });
  }

  const scores = scoreDichotomously(items, candidates);
  const count = candidates.length;
  const groupSize = count >= 2 ? Math.min(count, Math.max(1, Math.round(groupFraction * count))) : 0;
  const weights = groupSize > 0 ? computeGroupWeights(scores.totals, groupSize) : null;
  const meanTotal = count > 0 ? scores.totals.reduce((sum, total) => sum + total, 0) / count : 0;
  const varianceTotal = count > 0 ? scores.totals.reduce((sum, total) => sum + (total - meanTotal) ** 2, 0) / count : 0;

  const analysed = items.map((item, itemIndex): ItemAnalysis => {
    const points = item.points ?? 1;
    const keySet = new Set(item.answer);
    const chosen = new Array<number>(item.optionCount).fill(0);
    const upperChosen = new Array<number>(item.optionCount).fill(0);
    const lowerChosen = new Array<number>(item.optionCount).fill(0);
    let correctCount = 0;
    let correctTotalSum = 0;
    let upperCorrect = 0;
    let lowerCorrect = 0;
    let omitted = 0;
    let upperOmitted = 0;
    let lowerOmitted = 0;

    candidates.forEach((candidate, candidateIndex) => {
      const isCorrect = scores.correct[candidateIndex][itemIndex] === 1;
      const upperWeight = weights?.upper[candidateIndex] ?? 0;
      const lowerWeight = weights?.lower[candidateIndex] ?? 0;
      if (isCorrect) {
        correctCount += 1;
        correctTotalSum += scores.totals[candidateIndex];
        upperCorrect += upperWeight;
        lowerCorrect += lowerWeight;
      }
      const selected = candidate.selections[item.itemId] ?? [];
      if (selected.length === 0) {
        omitted += 1;
        upperOmitted += upperWeight;
        lowerOmitted += lowerWeight;
      }
      for (const option of new Set(selected)) {
        chosen[option] += 1;
        upperChosen[option] += upperWeight;
        lowerChosen[option] += lowerWeight;
      }
    });

    const difficulty = count > 0 ? correctCount / count : 0;
    const itemVariance = difficulty * (1 - difficulty);
    // cov(item, X) = E[item·X] − P·E[X]; the item-rest total is X − points × item.
    const covariance = count > 0 ? correctTotalSum / count - difficulty * meanTotal : 0;
    const restCovariance = covariance - points * itemVariance;
    const restVariance = varianceTotal + points * points * itemVariance - 2 * points * covariance;
    const rate = (value: number) => (groupSize > 0 ? roundStatistic(value / groupSize) : null);
    const upperCorrectRate = rate(upperCorrect);
    const lowerCorrectRate = rate(lowerCorrect);
    const discrimination =
      groupSize > 0 ? roundStatistic(upperCorrect / groupSize - lowerCorrect / groupSize) : null;

    const options = chosen.map((chosenCount, optionIndex): OptionAnalysis => ({
      optionIndex,
      isKey: keySet.has(optionIndex),
      chosenCount,
      chosenRate: count > 0 ? roundStatistic(chosenCount / count) : 0,
      upperRate: groupSize > 0 ? roundStatistic(upperChosen[optionIndex] / groupSize) : 0,
      lowerRate: groupSize > 0 ? roundStatistic(lowerChosen[optionIndex] / groupSize) : 0,
    }));

    const flags: ItemFlag[] = [];
    if (count > 0 && difficulty < minDifficulty) {
      flags.push({ code: 'too_difficult', message: `P = ${roundStatistic(difficulty)} is below ${minDifficulty}` });
    }
    if (count > 0 && difficulty > maxDifficulty) {
      flags.push({ code: 'too_easy', message: `P = ${roundStatistic(difficulty)} is above ${maxDifficulty}` });
    }
    if (discrimination !== null && discrimination < minDiscrimination) {
      flags.push({ code: 'low_discrimination', message: `D = ${discrimination} is below ${minDiscrimination}` });
    }
    for (const option of options) {
      if (option.isKey || count === 0) continue;
      if (option.chosenCount === 0) {
        flags.push({ code: 'distractor_not_chosen', message: `nobody chose option ${option.optionIndex}`, optionIndex: option.optionIndex });
      } else if (groupSize > 0 && upperChosen[option.optionIndex] / groupSize > lowerChosen[option.optionIndex] / groupSize + 1e-12) {
        flags.push({
          code: 'distractor_favours_upper_group',
          message: `option ${option.optionIndex} drew ${option.upperRate} of the upper group and ${option.lowerRate} of the lower group`,
          optionIndex: option.optionIndex,
        });
      }
    }

    return {
      itemId: item.itemId,
      type: item.type,
      correctCount,
      difficulty: roundStatistic(difficulty),
      upperCorrectRate,
      lowerCorrectRate,
      discrimination,
      pointBiserial: correlation(covariance, itemVariance, varianceTotal),
      correctedPointBiserial: correlation(restCovariance, itemVariance, restVariance),
      omittedRate: count > 0 ? roundStatistic(omitted / count) : 0,
      upperOmittedRate: rate(upperOmitted),
      lowerOmittedRate: rate(lowerOmitted),
      options,
      flags,
    };
  });

  return { candidateCount: count, groupSize, items: analysed };
}
