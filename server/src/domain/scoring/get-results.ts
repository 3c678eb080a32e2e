/**
 * Reading results: staff of the organisation read any result; a candidate reads only their own
 * results once published (R11: results are made known through the publication 公示).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { ResultModel, type ResultRecord } from './result.model';
import { presentResult } from './result.presenter';
import { assertBatchReader, loadScoringBatch, toObjectId } from './scoring-access';
import type { ResultView } from './scoring.contracts';

/** Statuses a candidate may see (publication open or closed). */
export const candidateVisibleStatuses: readonly ResultRecord['status'][] = ['published', 'locked'];

/**
 * One result. A candidate sees it only when it is their own and published; otherwise it answers as
 * missing (no existence leak).
 * @throws AppError `not_found`; `forbidden` for staff not entitled to the batch.
 */
export async function getResult(options: { resultId: string; actor: Actor }): Promise<ResultView> {
  const { actor } = options;
  const result = await ResultModel.findOne({ _id: toObjectId(options.resultId, 'Result'), organisationId: new Types.ObjectId(actor.organisationId) }).lean<ResultRecord>();
  const isCandidate = actor.roles.includes('candidate');
  if (!result || (isCandidate && (String(result.candidateId) !== actor.userId || !candidateVisibleStatuses.includes(result.status)))) {
    throw new AppError('not_found', `Result ${options.resultId} does not exist`);
  }
  if (!isCandidate) assertBatchReader(await loadScoringBatch(actor.organisationId, result.batchId), actor);
  return presentResult(result);
}

/** The signed-in candidate's published results, newest first (R11). */
export async function listOwnResults(options: { actor: Actor }): Promise<ResultView[]> {
  const results = await ResultModel.find({
    candidateId: new Types.ObjectId(options.actor.userId),
    organisationId: new Types.ObjectId(options.actor.organisationId),
    status: { $in: candidateVisibleStatuses },
  })
    .sort({ createdAt: -1 })
    .lean<ResultRecord[]>();
  return results.map(presentResult);
}
