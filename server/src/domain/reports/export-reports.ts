/**
 * Export use cases (issue 12; R17 every copy of bank-derived data is logged): the item analysis of a
 * batch and the pass rates as CSV or xlsx, audited as `reports.exported`.
 */
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { computePassRates } from './compute-pass-rates';
import { getItemAnalysis } from './get-item-analysis';
import { buildItemAnalysisSheets, buildPassRateSheet, dimensionNames, writeExport, type ExportFile } from './report-exports';
import type { ExportFormat, PassRatesQuery } from './reports.contracts';

/**
 * The batch's item analysis as a file: CSV (item table) or xlsx (items, options, papers,
 * parallelism). File name `试题分析-<batch code>.<ext>`.
 * @throws AppError `not_found` (batch, or no analysis yet)
 */
export async function exportItemAnalysis(options: { actor: Actor; batchId: string; format: ExportFormat }): Promise<ExportFile> {
  const report = await getItemAnalysis(options);
  const file = await writeExport(buildItemAnalysisSheets(report), options.format, `试题分析-${report.batchCode}`);
  await recordAudit({
    actor: options.actor,
    action: 'reports.exported',
    target: { kind: 'batch', id: report.batchId, label: report.batchCode },
    payload: { report: 'item_analysis', format: options.format, rowCount: report.scopes.reduce((sum, scope) => sum + scope.items.length, 0) },
  });
  return file;
}

/**
 * Pass rates by a dimension as a file (one row per group plus `合计`). File name
 * `合格率-<dimension name>.<ext>`.
 * @throws AppError `not_found` (batch filter); `validation_failed` (from > to)
 */
export async function exportPassRates(options: { actor: Actor; query: PassRatesQuery; format: ExportFormat }): Promise<ExportFile> {
  const report = await computePassRates({ actor: options.actor, query: options.query });
  const file = await writeExport([buildPassRateSheet(report)], options.format, `合格率-${dimensionNames[report.dimension]}`);
  await recordAudit({
    actor: options.actor,
    action: 'reports.exported',
    target: { kind: 'report', id: null, label: 'pass_rates' },
    payload: { report: 'pass_rates', format: options.format, query: options.query, rowCount: report.rows.length },
  });
  return file;
}
