/**
 * Paper statistics and paper-library parallelism: reliability, score distribution, mean and spread
 * per paper, and how alike the papers of a library are (context: R1 keeps >= 5 papers per level,
 * which should be interchangeable; no regulation sets these statistics, so the tolerances are
 * platform conventions and settings). Pure.
 *
 * Conventions:
 * - Standard deviation: `populationSd` divides by N and describes the cohort that sat the paper; it
 *   is the one used in KR-20 (whose Σpq term is a population quantity too) and in comparisons.
 *   `sampleSd` divides by N − 1 and estimates the spread of the wider population of candidates;
 *   null for fewer than 2 scores.
 * - KR-20 = k / (k − 1) × (1 − Σ pᵢqᵢ / σ²), with k items, pᵢ the proportion correct of item i,
 *   qᵢ = 1 − pᵢ and σ² the population variance of the number-correct totals (each item counted as 1
 *   point, as KR-20 assumes dichotomous items). Null for k < 2 or σ² = 0.
 * - Histogram bins are [from, to) except the last, which includes the maximum: [from, max].
 * - Parallelism compares papers on a common scale: mean and SD as fractions of the paper's maximum,
 *   KR-20 and mean difficulty as they are. A metric whose range (max − min across the papers) exceeds
 *   its tolerance is flagged, naming the two extreme papers.
 */
import { AppError } from '../../errors';
import {
  type AnalysedItem,
  type CandidateSelections,
  roundStatistic,
  scoreDichotomously,
} from './item-analysis';

/** Descriptive statistics of a list of scores. */
export interface ScoreDescription {
  count: number;
  mean: number | null;
  populationSd: number | null;
  sampleSd: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

/**
 * Count, mean, population and sample SD, median, min and max of scores (points); statistics are
 * null when there are no scores (sample SD also with one score). Rounded to 6 decimals.
 */
export function describeScores(scores: readonly number[]): ScoreDescription {
  const count = scores.length;
  if (count === 0) return { count, mean: null, populationSd: null, sampleSd: null, median: null, min: null, max: null };
  const mean = scores.reduce((sum, score) => sum + score, 0) / count;
  const squares = scores.reduce((sum, score) => sum + (score - mean) ** 2, 0);
  const sorted = [...scores].sort((a, b) => a - b);
  const middle = Math.floor(count / 2);
  const median = count % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return {
    count,
    mean: roundStatistic(mean),
    populationSd: roundStatistic(Math.sqrt(squares / count)),
    sampleSd: count >= 2 ? roundStatistic(Math.sqrt(squares / (count - 1))) : null,
    median: roundStatistic(median),
    min: sorted[0],
    max: sorted[count - 1],
  };
}

/**
 * KR-20 reliability of dichotomous item scores (see the module comment).
 * @param correct `correct[candidate][item]`, each 0 or 1, all rows the same length
 * @returns the coefficient (≤ 1, may be negative) or null for k < 2, no candidates or zero variance
 * @throws AppError `validation_failed` for a ragged matrix or a value other than 0/1 (field `correct[c][i]`)
 */
export function computeKr20(correct: readonly (readonly number[])[]): number | null {
  const count = correct.length;
  if (count === 0) return null;
  const itemCount = correct[0].length;
  correct.forEach((row, candidateIndex) => {
    if (row.length !== itemCount) {
      throw new AppError('validation_failed', `correct[${candidateIndex}] has ${row.length} items, expected ${itemCount}`, { field: `correct[${candidateIndex}]` });
    }
    row.forEach((value, itemIndex) => {
      if (value !== 0 && value !== 1) {
        throw new AppError('validation_failed', `correct[${candidateIndex}][${itemIndex}] must be 0 or 1, got ${value}`, {
          field: `correct[${candidateIndex}][${itemIndex}]`,
        });
      }
    });
  });
  if (itemCount < 2) return null;
  const totals = correct.map((row) => row.reduce((sum, value) => sum + value, 0));
  const mean = totals.reduce((sum, total) => sum + total, 0) / count;
  const variance = totals.reduce((sum, total) => sum + (total - mean) ** 2, 0) / count;
  if (!(variance > 1e-12)) return null;
  let sumPq = 0;
  for (let item = 0; item < itemCount; item += 1) {
    let correctCount = 0;
    for (const row of correct) correctCount += row[item];
    const p = correctCount / count;
    sumPq += p * (1 - p);
  }
  return roundStatistic((itemCount / (itemCount - 1)) * (1 - sumPq / variance));
}

/** One histogram bin, in points. */
export interface HistogramBin {
  fromPoints: number;
  toPoints: number;
  /** Whether `toPoints` belongs to the bin (last bin only). */
  isUpperInclusive: boolean;
  count: number;
  /** count / number of scores, 0..1. */
  fraction: number;
}

/**
 * Score distribution in equal-width bins from 0 to `maxPoints` (default width maxPoints / 10).
 * @throws AppError `validation_failed` for maxPoints or binWidth <= 0 (field `options.maxPoints` /
 *         `options.binWidth`) or a score outside 0..maxPoints (field `scores[i]`)
 */
export function buildScoreHistogram(
  scores: readonly number[],
  options: { maxPoints: number; binWidth?: number },
): HistogramBin[] {
  const { maxPoints } = options;
  const binWidth = options.binWidth ?? maxPoints / 10;
  if (!(Number.isFinite(maxPoints) && maxPoints > 0)) {
    throw new AppError('validation_failed', `options.maxPoints must be > 0, got ${maxPoints}`, { field: 'options.maxPoints' });
  }
  if (!(Number.isFinite(binWidth) && binWidth > 0)) {
    throw new AppError('validation_failed', `options.binWidth must be > 0, got ${binWidth}`, { field: 'options.binWidth' });
  }
  const binCount = Math.max(1, Math.ceil(maxPoints / binWidth - 1e-9));
  const bins: HistogramBin[] = Array.from({ length: binCount }, (_, index) => ({
    fromPoints: roundStatistic(index * binWidth),
    toPoints: roundStatistic(Math.min(maxPoints, (index + 1) * binWidth)),
    isUpperInclusive: index === binCount - 1,
    count: 0,
    fraction: 0,
  }));
  scores.forEach((score, index) => {
    if (!(Number.isFinite(score) && score >= 0 && score <= maxPoints)) {
      throw new AppError('validation_failed', `scores[${index}] = ${score} is outside 0..${maxPoints}`, { field: `scores[${index}]` });
    }
    const binIndex = Math.min(binCount - 1, Math.floor(score / binWidth + 1e-9));
    bins[binIndex].count += 1;
  });
  for (const bin of bins) bin.fraction = scores.length > 0 ? roundStatistic(bin.count / scores.length) : 0;
  return bins;
}

/** Statistics of one paper. */
export interface PaperStatistics extends ScoreDescription {
  paperId: string;
  itemCount: number;
  /** Σ item points. */
  maxPoints: number;
  kr20: number | null;
  /** Mean of the items' P (= mean number correct / k), 0..1. */
  meanDifficulty: number | null;
  histogram: HistogramBin[];
}

/**
 * Statistics of one paper from its candidates' selections: description of the total scores (points,
 * dichotomous scoring as in item analysis), KR-20, mean difficulty and the histogram.
 * @param input `paperId`, the paper's items, the candidates' selections, optional `binWidth` (points)
 * @throws AppError `validation_failed` for malformed selections or items (see `scoreDichotomously`)
 */
export function summarizePaperStatistics(input: {
  paperId: string;
  items: readonly AnalysedItem[];
  candidates: readonly CandidateSelections[];
  binWidth?: number;
}): PaperStatistics {
  const scores = scoreDichotomously(input.items, input.candidates);
  const maxPoints = roundStatistic(input.items.reduce((sum, item) => sum + (item.points ?? 1), 0));
  const itemCount = input.items.length;
  const meanCorrect =
    scores.correctCounts.length > 0 ? scores.correctCounts.reduce((sum, value) => sum + value, 0) / scores.correctCounts.length : null;
  return {
    paperId: input.paperId,
    itemCount,
    maxPoints,
    ...describeScores(scores.totals),
    kr20: computeKr20(scores.correct),
    meanDifficulty: meanCorrect === null || itemCount === 0 ? null : roundStatistic(meanCorrect / itemCount),
    histogram: maxPoints > 0 ? buildScoreHistogram(scores.totals, { maxPoints, binWidth: input.binWidth }) : [],
  };
}

/** Tolerances for parallel papers (ranges across the library). */
export interface ParallelismSettings {
  /** Largest allowed range of mean / maxPoints; default 0.05. */
  maxMeanRange?: number;
  /** Largest allowed range of populationSd / maxPoints; default 0.05. */
  maxSdRange?: number;
  /** Largest allowed range of KR-20; default 0.1. */
  maxKr20Range?: number;
  /** Largest allowed range of mean difficulty P; default 0.05. */
  maxDifficultyRange?: number;
}

/** Spread of one metric across papers. */
export interface MetricSpread {
  min: number | null;
  max: number | null;
  range: number | null;
  minPaperId: string | null;
  maxPaperId: string | null;
  tolerance: number;
  isWithinTolerance: boolean;
}

/** Parallelism summary of a paper library. */
export interface ParallelismSummary {
  paperCount: number;
  meanFraction: MetricSpread;
  sdFraction: MetricSpread;
  kr20: MetricSpread;
  meanDifficulty: MetricSpread;
  /** Metrics out of tolerance. */
  flags: Array<'mean_range' | 'sd_range' | 'kr20_range' | 'difficulty_range'>;
  isParallel: boolean;
}

function spreadOf(papers: readonly PaperStatistics[], metric: (paper: PaperStatistics) => number | null, tolerance: number): MetricSpread {
  let min: { value: number; paperId: string } | null = null;
  let max: { value: number; paperId: string } | null = null;
  for (const paper of papers) {
    const value = metric(paper);
    if (value === null) continue;
    if (!min || value < min.value) min = { value, paperId: paper.paperId };
    if (!max || value > max.value) max = { value, paperId: paper.paperId };
  }
  const range = min && max ? roundStatistic(max.value - min.value) : null;
  return {
    min: min ? roundStatistic(min.value) : null,
    max: max ? roundStatistic(max.value) : null,
    range,
    minPaperId: min?.paperId ?? null,
    maxPaperId: max?.paperId ?? null,
    tolerance,
    isWithinTolerance: range === null || range <= tolerance + 1e-12,
  };
}

/**
 * How alike the papers of a library are (context: R1 paper library): range of mean and
 * SD as fractions of each paper's maximum, of KR-20 and of mean difficulty, each against a
 * tolerance (defaults 0.05, 0.05, 0.1, 0.05). Papers without candidates are skipped per metric.
 * @throws AppError `validation_failed` for a tolerance outside 0..1 (field `settings.<name>`)
 */
export function summarizeParallelism(papers: readonly PaperStatistics[], settings: ParallelismSettings = {}): ParallelismSummary {
  const tolerances = {
    maxMeanRange: settings.maxMeanRange ?? 0.05,
    maxSdRange: settings.maxSdRange ?? 0.05,
    maxKr20Range: settings.maxKr20Range ?? 0.1,
    maxDifficultyRange: settings.maxDifficultyRange ?? 0.05,
  };
  for (const [name, value] of Object.entries(tolerances)) {
    if (!(value >= 0 && value <= 1)) {
      throw new AppError('validation_failed', `settings.${name} must be 0..1, got ${value}`, { field: `settings.${name}` });
    }
  }
  const fraction = (value: number | null, paper: PaperStatistics) => (value === null || paper.maxPoints <= 0 ? null : value / paper.maxPoints);
  const meanFraction = spreadOf(papers, (paper) => fraction(paper.mean, paper), tolerances.maxMeanRange);
  const sdFraction = spreadOf(papers, (paper) => fraction(paper.populationSd, paper), tolerances.maxSdRange);
  const kr20 = spreadOf(papers, (paper) => paper.kr20, tolerances.maxKr20Range);
  const meanDifficulty = spreadOf(papers, (paper) => paper.meanDifficulty, tolerances.maxDifficultyRange);
  const flags: ParallelismSummary['flags'] = [];
  if (!meanFraction.isWithinTolerance) flags.push('mean_range');
  if (!sdFraction.isWithinTolerance) flags.push('sd_range');
  if (!kr20.isWithinTolerance) flags.push('kr20_range');
  if (!meanDifficulty.isWithinTolerance) flags.push('difficulty_range');
  return { paperCount: papers.length, meanFraction, sdFraction, kr20, meanDifficulty, flags, isParallel: flags.length === 0 };
}
