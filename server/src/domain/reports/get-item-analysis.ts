/**
 * Reading a batch's stored item-analysis report (issue 12): the full report with item rows and
 * option keys for bank roles, or the paper statistics and parallelism only (no item rows) for the
 * wider circle of report readers (R17: keys stay with the bank roles).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { loadBatch } from '../plans/load-batch';
import { ItemAnalysisReportModel, type ItemAnalysisReportRecord, type ScopeAnalysis } from './item-analysis-report.model';
import type { ReportSettings } from './reports.contracts';

/** Plain JSON of a stored report. */
export interface ItemAnalysisReportView {
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

/** The report without item rows (paper statistics and parallelism only). */
export interface PaperStatisticsView extends Omit<ItemAnalysisReportView, 'scopes'> {
  scopes: Array<Omit<ScopeAnalysis, 'items'>>;
}

/** Presents a stored report as plain JSON. */
export function presentItemAnalysisReport(record: ItemAnalysisReportRecord): ItemAnalysisReportView {
  return {
    batchId: String(record.batchId),
    batchCode: record.batchCode,
    batchName: record.batchName,
    analysedAt: new Date(record.analysedAt).toISOString(),
    analysedByName: record.analysedByName,
    runCount: record.runCount,
    attemptCount: record.attemptCount,
    flaggedItemCount: record.flaggedItemCount,
    queuedItemCount: record.queuedItemCount,
    measuredItemCount: record.measuredItemCount,
    settings: record.settings,
    scopes: record.scopes,
  };
}

/**
 * The stored report of a batch of the actor's organisation, or null when none was run yet.
 * @throws AppError `not_found` for an unknown batch
 */
export async function findItemAnalysisReport(actor: Actor, batchId: string): Promise<ItemAnalysisReportView | null> {
  const batch = await loadBatch(actor.organisationId, batchId);
  const record = await ItemAnalysisReportModel.findOne({
    batchId: batch._id,
    organisationId: new Types.ObjectId(actor.organisationId),
  }).lean<ItemAnalysisReportRecord>();
  return record ? presentItemAnalysisReport(record) : null;
}

/**
 * The stored report (item rows with option keys: bank roles only, enforced by the route).
 * @throws AppError `not_found` for an unknown batch or when the analysis was never run
 */
export async function getItemAnalysis(options: { actor: Actor; batchId: string }): Promise<ItemAnalysisReportView> {
  const report = await findItemAnalysisReport(options.actor, options.batchId);
  if (!report) throw new AppError('not_found', `Batch ${options.batchId} has no item analysis yet; run it first`);
  return report;
}

/**
 * Paper statistics, histograms and parallelism of the batch's stored report, without item rows.
 * @throws AppError `not_found` for an unknown batch or when the analysis was never run
 */
export async function getPaperStatistics(options: { actor: Actor; batchId: string }): Promise<PaperStatisticsView> {
  const report = await getItemAnalysis(options);
  return { ...report, scopes: report.scopes.map(({ items: _items, ...scope }) => scope) };
}
