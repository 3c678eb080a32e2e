/**
 * Lists the objections of a batch's publication (R11).
 */
import { Types } from 'mongoose';
import { type Actor, hasAnyRole } from '../identity/actor';
import { loadBatch } from '../plans/load-batch';
import { ResultModel } from '../scoring/result.model';
import { loadResultHolders } from './load-result-holders';
import { ObjectionModel, type ObjectionRecord, type ObjectionStatus } from './objection.model';
import { presentObjection } from './objection.presenter';
import type { ObjectionView } from './publication.contracts';

/** Roles that see every objection of a batch; anyone else (candidates) sees only their own. */
export const objectionReaderRoles = ['admin', 'exam_admin', 'supervisor'] as const;

/**
 * Objections of batch `batchId`, oldest first, optionally of one status. Staff (admin, exam
 * administrator, supervisor) see all; a candidate sees only objections about their own results.
 * @throws AppError `not_found` for an unknown batch.
 */
export async function listObjections(options: { actor: Actor; batchId: string; status?: ObjectionStatus }): Promise<ObjectionView[]> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  const filter: Record<string, unknown> = { batchId: batch._id };
  if (options.status) filter.status = options.status;
  if (!hasAnyRole(options.actor, objectionReaderRoles)) filter.candidateId = new Types.ObjectId(options.actor.userId);
  const objections = await ObjectionModel.find(filter).sort({ filedAt: 1, _id: 1 }).lean<ObjectionRecord[]>();
  const results = await ResultModel.find({ _id: { $in: objections.map((objection) => objection.resultId) } }, { registrationId: 1, candidateId: 1 }).lean();
  const holders = await loadResultHolders(results);
  return objections.map((objection) => presentObjection(objection, holders.get(String(objection.resultId))?.candidateName ?? ''));
}
