/**
 * The report index (issue 12): the organisation's batches past the draft stage, newest first, with
 * their scopes, how many theory attempts were submitted and the state of the item analysis — the
 * list the reports screens choose a batch from (bank roles cannot list batches through the plans
 * routes).
 */
import { Types } from 'mongoose';
import { AttemptModel } from '../attempts/attempt.model';
import type { Actor } from '../identity/actor';
import { ItemAnalysisReportModel } from './item-analysis-report.model';
import { selectReportBatches } from './select-report-batches';

/** One batch of the index. */
export interface ReportBatchView {
  batchId: string;
  batchCode: string;
  batchName: string;
  status: string;
  /** YYYY-MM-DD (China). */
  startsOn: string;
  scopes: Array<{ scopeId: string; occupationCode: string; occupationName: string; workType: string; level: number }>;
  submittedAttemptCount: number;
  /** Null when the item analysis was never run. */
  analysis: { analysedAt: string; runCount: number; flaggedItemCount: number; queuedItemCount: number } | null;
}

/**
 * Batches of the actor's organisation for the reports screens, newest first.
 * @param options.from / options.to YYYY-MM-DD range of the batch date (inclusive)
 * @throws AppError `validation_failed` for from > to
 */
export async function listReportBatches(options: { actor: Actor; from?: string; to?: string }): Promise<ReportBatchView[]> {
  const organisationId = new Types.ObjectId(options.actor.organisationId);
  const batches = await selectReportBatches(options.actor.organisationId, { from: options.from, to: options.to });
  const batchIds = batches.map((entry) => entry.batch._id);
  const [attempts, reports] = await Promise.all([
    AttemptModel.find({ organisationId, batchId: { $in: batchIds }, status: 'submitted' }, { batchId: 1 }).lean(),
    ItemAnalysisReportModel.find({ organisationId, batchId: { $in: batchIds } }, { batchId: 1, analysedAt: 1, runCount: 1, flaggedItemCount: 1, queuedItemCount: 1 }).lean(),
  ]);
  const submitted = new Map<string, number>();
  for (const attempt of attempts) submitted.set(String(attempt.batchId), (submitted.get(String(attempt.batchId)) ?? 0) + 1);
  const reportByBatch = new Map(reports.map((report) => [String(report.batchId), report]));
  return batches
    .map(({ batch, startsOn }): ReportBatchView => {
      const report = reportByBatch.get(String(batch._id));
      return {
        batchId: String(batch._id),
        batchCode: batch.code,
        batchName: batch.name,
        status: batch.status,
        startsOn,
        scopes: batch.scopes.map((scope) => ({
          scopeId: String(scope.scopeId),
          occupationCode: scope.occupationCode,
          occupationName: scope.occupationName,
          workType: scope.workType,
          level: scope.level,
        })),
        submittedAttemptCount: submitted.get(String(batch._id)) ?? 0,
        analysis: report
          ? { analysedAt: new Date(report.analysedAt).toISOString(), runCount: report.runCount, flaggedItemCount: report.flaggedItemCount, queuedItemCount: report.queuedItemCount }
          : null,
      };
    })
    .reverse();
}
