/** Answers of the /api/reports routes as the screens use them (see server/src/domain/reports). */

/** Flag codes of item analysis. */
export type ItemFlagCode = 'too_difficult' | 'too_easy' | 'low_discrimination' | 'distractor_not_chosen' | 'distractor_favours_upper_group';

/** Choice rates of one option (fractions 0..1). */
export interface OptionRow {
  optionIndex: number;
  isKey: boolean;
  chosenCount: number;
  chosenRate: number;
  upperRate: number;
  lowerRate: number;
}

/** One analysed item on one paper. */
export interface ItemRow {
  itemId: string;
  paperId: string;
  paperCode: string;
  type: 'single' | 'multiple' | 'judge';
  version: number;
  knowledgePoint: string | null;
  points: number;
  stemExcerpt: string;
  correctCount: number;
  difficulty: number;
  discrimination: number | null;
  upperCorrectRate: number | null;
  lowerCorrectRate: number | null;
  pointBiserial: number | null;
  correctedPointBiserial: number | null;
  omittedRate: number;
  options: OptionRow[];
  flags: Array<{ code: ItemFlagCode; message: string; optionIndex?: number }>;
  isQueued: boolean;
}

/** A histogram bin in points. */
export interface HistogramBin {
  fromPoints: number;
  toPoints: number;
  count: number;
  fraction: number;
}

/** Statistics of one paper. */
export interface PaperRow {
  paperId: string;
  paperCode: string;
  paperIndex: number;
  count: number;
  itemCount: number;
  maxPoints: number;
  mean: number | null;
  populationSd: number | null;
  sampleSd: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  kr20: number | null;
  meanDifficulty: number | null;
  groupSize: number;
  histogram: HistogramBin[];
}

/** Spread of a metric across the papers. */
export interface MetricSpread {
  min: number | null;
  max: number | null;
  range: number | null;
  minPaperId: string | null;
  maxPaperId: string | null;
  tolerance: number;
  isWithinTolerance: boolean;
}

/** One scope's analysis. */
export interface ScopeAnalysis {
  scopeId: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: number;
  candidateCount: number;
  papers: PaperRow[];
  parallelism: {
    paperCount: number;
    meanFraction: MetricSpread;
    sdFraction: MetricSpread;
    kr20: MetricSpread;
    meanDifficulty: MetricSpread;
    flags: string[];
    isParallel: boolean;
  };
  /** Absent in the paper-statistics answer (no keys). */
  items?: ItemRow[];
}

/** Report settings. */
export interface ReportSettings {
  itemAnalysis: { minDifficulty: number; maxDifficulty: number; minDiscrimination: number; groupFraction: number; minimumCandidateCount: number };
  parallelism: { maxMeanRange: number; maxSdRange: number; maxKr20Range: number; maxDifficultyRange: number };
}

/** A stored item-analysis report. */
export interface ItemAnalysisReport {
  batchId: string;
  batchCode: string;
  batchName: string;
  analysedAt: string;
  analysedByName: string;
  runCount: number;
  attemptCount: number;
  flaggedItemCount: number;
  queuedItemCount: number;
  measuredItemCount: number;
  settings: ReportSettings;
  scopes: ScopeAnalysis[];
}

/** What running the analysis answers. */
export interface ItemAnalysisRunSummary {
  batchId: string;
  runCount: number;
  attemptCount: number;
  flaggedItemCount: number;
  queuedItemCount: number;
  measuredItemCount: number;
  returnedToReviewItemIds: string[];
}

/** One batch of the report index. */
export interface ReportBatch {
  batchId: string;
  batchCode: string;
  batchName: string;
  status: string;
  startsOn: string;
  scopes: Array<{ scopeId: string; occupationCode: string; occupationName: string; workType: string; level: number }>;
  submittedAttemptCount: number;
  analysis: { analysedAt: string; runCount: number; flaggedItemCount: number; queuedItemCount: number } | null;
}

/** Pass-rate dimensions. */
export const passRateDimensions = ['occupation', 'work_type', 'level', 'department', 'batch'] as const;
export type PassRateDimension = (typeof passRateDimensions)[number];

/** One group of the pass-rate report. */
export interface PassRateRow {
  key: string;
  label: string;
  resultCount: number;
  passedCount: number;
  failedCount: number;
  passRate: number | null;
  meanTotalScore: number | null;
  components: Array<{ key: string; resultCount: number; passedCount: number; passRate: number | null }>;
}

/** The pass-rate report. */
export interface PassRateReport {
  dimension: PassRateDimension;
  includeComputed: boolean;
  batchCount: number;
  rows: PassRateRow[];
  total: Omit<PassRateRow, 'key' | 'label'>;
}

/** Feedback kinds (R20). */
export const feedbackKinds = ['participant', 'staff', 'department'] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];

/** Feedback summary of one kind. */
export interface FeedbackSummary {
  count: number;
  meanRating: number | null;
  distribution: number[];
}

/** R20 figures. */
export interface IndicatorFigures {
  registeredCount: number;
  attendedCount: number;
  participationRate: number | null;
  resultCount: number;
  passedCount: number;
  passRate: number | null;
  objectionCount: number;
  complaintCount: number;
  rescoringCount: number;
  complaintRate: number | null;
  feedback: Record<FeedbackKind, FeedbackSummary>;
}

/** R20 figures of one batch. */
export interface BatchIndicators extends IndicatorFigures {
  batchId: string;
  batchCode: string;
  batchName: string;
  status: string;
  startsOn: string;
}

/** The indicator report. */
export interface IndicatorReport {
  batches: BatchIndicators[];
  total: IndicatorFigures;
}

/** One feedback entry (anonymous). */
export interface FeedbackEntry {
  id: string;
  batchId: string;
  kind: FeedbackKind;
  department: string | null;
  rating: number;
  comment: string | null;
  submittedAt: string;
}

/** A batch the user may give feedback on. */
export interface FeedbackTarget {
  batchId: string;
  batchCode: string;
  batchName: string;
  status: string;
  kinds: FeedbackKind[];
  given: FeedbackEntry[];
}

/** One item of the review queue. */
export interface ReviewQueueItem {
  itemId: string;
  scopeId: string;
  type: string | null;
  status: string;
  version: number;
  knowledgePoint: string | null;
  stemExcerpt: string;
  measuredDifficulty: number | null;
  flags: Array<{
    reason: string;
    batchId: string | null;
    at: string;
    evidence: { paperCode?: string; batchCode?: string; candidateCount?: number; difficulty?: number; discrimination?: number | null; flags?: Array<{ code: ItemFlagCode; optionIndex?: number }> } | null;
  }>;
}
