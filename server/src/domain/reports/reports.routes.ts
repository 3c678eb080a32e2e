/**
 * HTTP routes of the reports context (issue 12; R1 bank upkeep, R17 access to bank-derived data,
 * R20 effectiveness indicators). Item rows carry option keys, so the item analysis and its exports
 * are for bank roles; outcomes (pass rates, indicators, feedback, the PDF) for the evaluation's
 * organisers and overseers.
 */
import type { Response } from 'express';
import type { Role } from '../../contracts/identity';
import type { AppContext } from '../../http/context';
import { requireActor } from '../../http/request-actor';
import type { RouteRegistry } from '../../http/route-registry';
import { parseInput } from '../../http/validate';
import { getSharedRenderPool } from '../../render/shared-render-pool';
import { computeIndicators } from './compute-indicators';
import { computePassRates } from './compute-pass-rates';
import { exportItemAnalysis, exportPassRates } from './export-reports';
import { getItemAnalysis, getPaperStatistics } from './get-item-analysis';
import { listReviewQueue } from './list-review-queue';
import { renderBatchReportPdf } from './render-batch-report-pdf';
import type { ExportFile } from './report-exports';
import { loadReportSettings, updateReportSettings } from './report-settings';
import {
  batchParamsSchema,
  exportQuerySchema,
  feedbackKinds,
  indicatorsQuerySchema,
  passRatesExportQuerySchema,
  passRatesQuerySchema,
  reviewQueueQuerySchema,
  submitFeedbackRequestSchema,
  updateReportSettingsRequestSchema,
} from './reports.contracts';
import { runItemAnalysis } from './run-item-analysis';
import { listFeedback, listMyFeedbackTargets, submitFeedback } from './submit-feedback';
import { listReportBatches } from './list-report-batches';
import { z } from 'zod';

/** Bank roles: see item rows with keys, the review queue and item exports. */
export const itemAnalysisReaderRoles: readonly Role[] = ['admin', 'bank_editor', 'bank_reviewer'];
/** May run the analysis (answer: counts only). */
export const itemAnalysisRunnerRoles: readonly Role[] = ['admin', 'exam_admin', 'bank_reviewer'];
/** Paper statistics and parallelism (no item rows). */
export const paperStatisticsReaderRoles: readonly Role[] = ['admin', 'exam_admin', 'supervisor', 'bank_editor', 'bank_reviewer'];
/** Pass rates, R20 indicators, feedback listings and the PDF report. */
export const outcomeReaderRoles: readonly Role[] = ['admin', 'exam_admin', 'supervisor', 'hr'];
/** The report index: everyone who reads any report. */
export const reportIndexRoles: readonly Role[] = ['admin', 'exam_admin', 'supervisor', 'hr', 'bank_editor', 'bank_reviewer'];
/** Read the report settings. */
export const settingsReaderRoles: readonly Role[] = ['admin', 'exam_admin', 'bank_editor', 'bank_reviewer'];

const feedbackQuerySchema = z.object({ kind: z.enum(feedbackKinds).optional() }).strict();
const reportBatchesQuerySchema = indicatorsQuerySchema.omit({ batchId: true });

function sendFile(response: Response, file: ExportFile): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  response.send(file.body);
}

/** Registers the /api/reports routes. */
export function registerReportRoutes(registry: RouteRegistry, context: AppContext): void {
  registry
    .add({
      method: 'get',
      path: '/api/reports/settings',
      roles: settingsReaderRoles,
      summary: 'Item-analysis thresholds and paper parallelism tolerances of the organisation',
      handler: async (request, response) => {
        response.json(await loadReportSettings(requireActor(request).organisationId));
      },
    })
    .add({
      method: 'put',
      path: '/api/reports/settings',
      roles: ['admin'],
      summary: 'Changes item-analysis thresholds and parallelism tolerances (audited)',
      handler: async (request, response) => {
        const body = parseInput(updateReportSettingsRequestSchema, request.body ?? {}, 'body');
        response.json(await updateReportSettings({ actor: requireActor(request), request: body }));
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/batches',
      roles: reportIndexRoles,
      summary: 'Batches for the reports screens with submitted attempts and the item-analysis state',
      handler: async (request, response) => {
        const query = parseInput(reportBatchesQuerySchema, request.query, 'query');
        response.json({ batches: await listReportBatches({ actor: requireActor(request), ...query }) });
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/my/feedback',
      roles: 'authenticated',
      summary: 'Batches the signed-in user may give R20 feedback on, with the feedback given so far',
      handler: async (request, response) => {
        response.json({ batches: await listMyFeedbackTargets({ actor: requireActor(request) }) });
      },
    })
    .add({
      method: 'post',
      path: '/api/reports/batches/:batchId/item-analysis',
      roles: itemAnalysisRunnerRoles,
      summary: 'Analyses the items and papers of the batch, updates measured difficulty and the review queue (R1)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        response.json(await runItemAnalysis({ actor: requireActor(request), batchId }));
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/batches/:batchId/item-analysis',
      roles: itemAnalysisReaderRoles,
      summary: 'The stored item analysis of the batch with option keys (R17: bank roles)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        response.json(await getItemAnalysis({ actor: requireActor(request), batchId }));
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/batches/:batchId/item-analysis/export',
      roles: itemAnalysisReaderRoles,
      summary: 'The item analysis as CSV or xlsx (formula-safe, audited, R17)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const { format } = parseInput(exportQuerySchema, request.query, 'query');
        sendFile(response, await exportItemAnalysis({ actor: requireActor(request), batchId, format }));
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/batches/:batchId/paper-statistics',
      roles: paperStatisticsReaderRoles,
      summary: 'KR-20, score distribution, mean and SD per paper and the parallelism of the paper library',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        response.json(await getPaperStatistics({ actor: requireActor(request), batchId }));
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/review-queue',
      roles: itemAnalysisReaderRoles,
      summary: 'Items flagged by item analysis awaiting review, with the evidence (R1, R17)',
      handler: async (request, response) => {
        const query = parseInput(reviewQueueQuerySchema, request.query, 'query');
        response.json(await listReviewQueue({ actor: requireActor(request), ...(query.scopeId ? { scopeId: query.scopeId } : {}) }));
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/pass-rates',
      roles: outcomeReaderRoles,
      summary: 'Pass rates by occupation, work type, level, department or batch',
      handler: async (request, response) => {
        const query = parseInput(passRatesQuerySchema, request.query, 'query');
        response.json(await computePassRates({ actor: requireActor(request), query }));
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/pass-rates/export',
      roles: outcomeReaderRoles,
      summary: 'Pass rates as CSV or xlsx (formula-safe, audited)',
      handler: async (request, response) => {
        const { format, ...query } = parseInput(passRatesExportQuerySchema, request.query, 'query');
        sendFile(response, await exportPassRates({ actor: requireActor(request), query, format }));
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/indicators',
      roles: outcomeReaderRoles,
      summary: 'R20 indicators per batch (trend) and in total: participation, pass, complaint rates, feedback',
      handler: async (request, response) => {
        const query = parseInput(indicatorsQuerySchema, request.query, 'query');
        response.json(await computeIndicators({ actor: requireActor(request), query }));
      },
    })
    .add({
      method: 'post',
      path: '/api/reports/batches/:batchId/feedback',
      roles: 'authenticated',
      summary: 'Submits participant, staff or department feedback on the batch: rating 1-5 and comment (R20)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const body = parseInput(submitFeedbackRequestSchema, request.body, 'body');
        const stored = await submitFeedback({ actor: requireActor(request), batchId, request: body });
        response.status(stored.isReplacement ? 200 : 201).json(stored);
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/batches/:batchId/feedback',
      roles: outcomeReaderRoles,
      summary: 'Feedback on the batch without respondents (R20)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const query = parseInput(feedbackQuerySchema, request.query, 'query');
        response.json({ feedback: await listFeedback({ actor: requireActor(request), batchId, ...(query.kind ? { kind: query.kind } : {}) }) });
      },
    })
    .add({
      method: 'get',
      path: '/api/reports/batches/:batchId/report.pdf',
      roles: outcomeReaderRoles,
      summary: 'The batch analysis report as a PDF with charts (R20, item analysis)',
      handler: async (request, response) => {
        const { batchId } = parseInput(batchParamsSchema, request.params, 'params');
        const { pdf, fileName } = await renderBatchReportPdf({ actor: requireActor(request), batchId, renderPool: getSharedRenderPool(context.config) });
        response.setHeader('Content-Type', 'application/pdf');
        response.setHeader('Content-Disposition', `inline; filename="${encodeURIComponent(fileName)}"`);
        response.send(pdf);
      },
    });
}
