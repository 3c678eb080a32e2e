/**
 * Committee approval of a batch's results (R11: results are approved before publication 公示).
 *
 * Role choice: the platform has no "evaluation committee" account. The approval is entered by an
 * administrator (who keeps the committee's records) or by the batch's internal quality supervisor
 * 内督员 (who sits on the evaluation committee 评价工作委员会), acting for the committee; the
 * committee's decision reference (minutes) is recorded with the approval. Exam administrators and
 * assessors, who produced the scores, cannot approve them (R6 separation).
 *
 * Preconditions: a promotion batch's practical (and review) scoring is signed off by the supervisor;
 * a grading batch's forms carry every table 3 signature (R5).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { BatchModel } from '../plans/batch.model';
import { listMissingSignatures } from './direct-grading-access';
import { DirectGradingRecordModel, type DirectGradingRecord } from './direct-grading-record.model';
import { ResultModel } from './result.model';
import { assertBatchSupervisor, loadScoringBatch } from './scoring-access';
import type { ApproveResultsRequest } from './scoring.contracts';
import { ScoreCardModel } from './score-card.model';
import { ScoringSignOffModel } from './scoring-sign-off.model';

/** What {@link approveBatchResults} did. */
export interface ApprovedResults {
  batchId: string;
  approvedCount: number;
  approvedAt: string;
  approvedBy: string;
}

/**
 * Sets every `computed` result of the batch to `approved` (approvedBy, approvedAt), moves the batch
 * to `results_approved` and audits `results.approved`.
 * @throws AppError `not_found` (batch), `forbidden` (neither an administrator nor the batch's
 *   supervisor), `precondition_failed` (scoring not signed off; direct-grading signatures missing;
 *   no computed result)
 */
export async function approveBatchResults(options: { batchId: string; request: ApproveResultsRequest; actor: Actor; now?: Date }): Promise<ApprovedResults> {
  const { actor } = options;
  const batch = await loadScoringBatch(actor.organisationId, options.batchId);
  if (!actor.roles.includes('admin')) assertBatchSupervisor(batch, actor);
  if (batch.mode === 'promotion') {
    for (const component of ['practical', 'review'] as const) {
      const hasCards = await ScoreCardModel.exists({ batchId: batch._id, component });
      if (hasCards && !(await ScoringSignOffModel.exists({ batchId: batch._id, component }))) {
        throw new AppError('precondition_failed', `The ${component} scoring of batch ${batch.code} is not signed off by the internal quality supervisor yet`, { component });
      }
    }
  } else {
    const records = await DirectGradingRecordModel.find({ batchId: batch._id }).lean<DirectGradingRecord[]>();
    const unsigned = records
      .map((record) => ({ candidateName: record.candidateName, missing: listMissingSignatures(record) }))
      .filter((entry) => entry.missing.length > 0);
    if (unsigned.length > 0) {
      throw new AppError('precondition_failed', `${unsigned.length} direct-grading form(s) of batch ${batch.code} lack signatures (R5): ${unsigned.map((entry) => `${entry.candidateName} (${entry.missing.join(', ')})`).join('; ')}`, {
        unsigned,
      });
    }
  }
  const approvedAt = options.now ?? new Date();
  const update = await ResultModel.updateMany(
    { batchId: batch._id, status: 'computed' },
    { $set: { status: 'approved', approvedBy: new Types.ObjectId(actor.userId), approvedAt } },
  );
  if (update.modifiedCount === 0) throw new AppError('precondition_failed', `Batch ${batch.code} has no computed result to approve; compute the results first`);
  await BatchModel.updateOne({ _id: batch._id, status: { $in: ['announced', 'in_progress', 'scoring'] } }, { $set: { status: 'results_approved' } });
  await recordAudit({
    actor,
    action: 'results.approved',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: { approvedCount: update.modifiedCount, ...(options.request.decisionReference ? { decisionReference: options.request.decisionReference } : {}) },
  });
  return { batchId: String(batch._id), approvedCount: update.modifiedCount, approvedAt: approvedAt.toISOString(), approvedBy: actor.userId };
}
