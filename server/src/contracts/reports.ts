/**
 * Answers of the /api/reports routes (issue 12; R1 bank upkeep, R17 keys with the bank roles, R20
 * effectiveness indicators): the view types the reports use cases and presenters return, gathered
 * for the client. Type-only re-exports, so importing this module loads no server code; the request
 * schemas and their types are in `domain/reports/reports.contracts.ts`.
 *
 * Every type here is JSON-safe as declared (times are ISO strings, dates `YYYY-MM-DD` strings, ids
 * strings). Units: fractions 0..1 for rates and P, −1..1 for D and point-biserial, points for
 * scores, ratings 1..5.
 */
export type { ItemAnalysisReportView, PaperStatisticsView } from '../domain/reports/get-item-analysis';
export type { ItemAnalysisRow, PaperStatisticsRow, ScopeAnalysis } from '../domain/reports/item-analysis-report.model';
export type { ItemFlag, ItemFlagCode, OptionAnalysis } from '../domain/reports/item-analysis';
export type { HistogramBin, MetricSpread, ParallelismSummary } from '../domain/reports/paper-statistics';
export type { ItemAnalysisEvidence, ItemAnalysisRunSummary, ScopeRunSummary } from '../domain/reports/run-item-analysis';
export type { ReportBatchView } from '../domain/reports/list-report-batches';
export type { ReviewQueueFlagView, ReviewQueueItemView, ReviewQueueView } from '../domain/reports/list-review-queue';
export type { ComponentPassRate, PassRateReport, PassRateRow } from '../domain/reports/compute-pass-rates';
export type { BatchIndicators, FeedbackSummary, IndicatorFigures, IndicatorReport } from '../domain/reports/compute-indicators';
export type { FeedbackTargetView, FeedbackView, SubmittedFeedbackView } from '../domain/reports/submit-feedback';
