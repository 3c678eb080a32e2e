/**
 * Answers of the /api/reports routes as the screens read them (R1 bank upkeep, R17 keys with the
 * bank roles, R20 effectiveness indicators): the server's own view types (server/src/contracts/
 * reports.ts, which gathers the reports use cases' and presenters' views, and
 * domain/reports/reports.contracts.ts), imported as types only so no server code reaches the
 * bundle. The views are JSON-safe as the server declares them (times ISO strings, dates
 * `YYYY-MM-DD`), so they are used as they are; the few client-side shapes below say why.
 * Units: fractions 0..1 for rates and P, −1..1 for D, points for scores, ratings 1..5.
 */
import type {
  ItemAnalysisEvidence,
  ItemAnalysisReportView,
  ItemAnalysisRow,
  PassRateDimension,
  ReviewQueueFlagView,
  ReviewQueueItemView,
  ReviewQueueView,
  ScopeAnalysis as ServerScopeAnalysis,
} from '@skillcert/server/contracts';

export type {
  BatchIndicators,
  FeedbackKind,
  FeedbackSummary,
  HistogramBin,
  IndicatorFigures,
  IndicatorReport,
  ItemAnalysisRunSummary,
  ItemFlagCode,
  MetricSpread,
  PassRateDimension,
  PassRateReport,
  PassRateRow,
  ReportSettings,
  SubmittedFeedbackView,
  SubmitFeedbackRequest,
  FeedbackTargetView as FeedbackTarget,
  FeedbackView as FeedbackEntry,
  ItemAnalysisRow as ItemRow,
  OptionAnalysis as OptionRow,
  PaperStatisticsRow as PaperRow,
  ReportBatchView as ReportBatch,
} from '@skillcert/server/contracts';

/**
 * One scope's analysis. Client-side only in that `items` is optional: the same query reads the
 * item-analysis answer (`ItemAnalysisReportView`, item rows with keys, bank roles) and the
 * paper-statistics answer (`PaperStatisticsView`, scopes without `items`, R17).
 */
export type ScopeAnalysis = Omit<ServerScopeAnalysis, 'items'> & { items?: ItemAnalysisRow[] };

/** A stored item-analysis report: `ItemAnalysisReportView` or `PaperStatisticsView` (see {@link ScopeAnalysis}). */
export type ItemAnalysisReport = Omit<ItemAnalysisReportView, 'scopes'> & { scopes: ScopeAnalysis[] };

/**
 * One flag of a queued item. Client-side because the server declares `evidence` as `unknown` (the
 * item's `reviewFlags` are stored as mixed documents); today only item analysis writes them, so
 * the page reads that evidence, each field optional.
 */
export type ReviewQueueFlag = Omit<ReviewQueueFlagView, 'evidence'> & { evidence: Partial<ItemAnalysisEvidence> | null };

/** One item of the review queue, with its flags' evidence typed for the page (R1). */
export type ReviewQueueItem = Omit<ReviewQueueItemView, 'flags'> & { flags: ReviewQueueFlag[] };

/** GET /api/reports/review-queue, with {@link ReviewQueueItem}s. */
export type ReviewQueue = Omit<ReviewQueueView, 'items'> & { items: ReviewQueueItem[] };

// The dimension list is a runtime value: `import type` cannot bring it, and importing the server's
// reports.contracts.ts as a value would put zod and server code into the bundle. `satisfies`
// keeps it equal to the server's `PassRateDimension` (a missing or an extra key fails tsc).
const passRateDimensionSet = { occupation: true, work_type: true, level: true, department: true, batch: true } satisfies Record<PassRateDimension, true>;

/** Pass-rate dimensions in the order the page offers them. */
export const passRateDimensions = Object.keys(passRateDimensionSet) as PassRateDimension[];
