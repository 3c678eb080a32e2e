/**
 * Files an objection 异议 against a published result during the publication 公示 (R11).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { type Actor, hasAnyRole } from '../identity/actor';
import { loadBatch } from '../plans/load-batch';
import { ResultModel } from '../scoring/result.model';
import { loadPublication } from './get-publication';
import { loadResultHolders } from './load-result-holders';
import { ObjectionModel, type ObjectionRecord } from './objection.model';
import { presentObjection } from './objection.presenter';
import type { FileObjectionRequest, ObjectionView } from './publication.contracts';
import { runInTransaction } from '../../db/run-in-transaction';

/** Staff roles that may file an objection on a candidate's behalf. */
export const objectionStaffRoles = ['admin', 'exam_admin'] as const;

/**
 * Files an objection (complaint or re-scoring request) about result `resultId` of batch `batchId`
 * while its publication is open (R11). A candidate may object only to their own result; staff
 * (admin, exam administrator) file on a candidate's behalf. One open objection per result and kind.
 * Audits `objection.filed`.
 * @throws AppError `not_found` (batch, publication or a result not in the batch); `forbidden` when a
 *   candidate objects to someone else's result; `conflict` when the publication is closed or the
 *   same objection is already open.
 */
export async function fileObjection(options: { actor: Actor; batchId: string; request: FileObjectionRequest }): Promise<ObjectionView> {
  const { actor, request } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  const publication = await loadPublication(batch);
  if (publication.status !== 'open') {
    throw new AppError('conflict', `Batch ${batch.code}: the publication closed on ${publication.endDate}; objections are no longer accepted`, {
      publicationId: String(publication._id),
    });
  }
  const result = await ResultModel.findOne({ _id: new Types.ObjectId(request.resultId), batchId: batch._id }).lean();
  if (!result) throw new AppError('not_found', `Result ${request.resultId} is not a result of batch ${batch.code}`);
  const isStaff = hasAnyRole(actor, objectionStaffRoles);
  if (!isStaff && String(result.candidateId) !== actor.userId) {
    throw new AppError('forbidden', 'A candidate may object only to their own result; staff may file on a candidate\'s behalf');
  }
  const objectionId = new Types.ObjectId();
  const filedAt = new Date();
  await runInTransaction(async (session) => {
    const duplicate = await ObjectionModel.exists({ resultId: result._id, kind: request.kind, status: 'open' }).session(session);
    if (duplicate) {
      throw new AppError('conflict', `Result ${request.resultId} already has an open ${request.kind} objection`, { objectionId: String(duplicate._id) });
    }
    await ObjectionModel.create(
      [
        {
          _id: objectionId,
          organisationId: batch.organisationId,
          batchId: batch._id,
          publicationId: publication._id,
          resultId: result._id,
          candidateId: result.candidateId,
          kind: request.kind,
          reason: request.reason,
          filedBy: new Types.ObjectId(actor.userId),
          filedByName: actor.name,
          isFiledOnBehalf: String(result.candidateId) !== actor.userId,
          filedAt,
          status: 'open',
        },
      ],
      { session },
    );
    await recordAudit(
      {
        actor,
        action: 'objection.filed',
        target: { kind: 'objection', id: String(objectionId), label: batch.code },
        payload: { batchId: String(batch._id), resultId: request.resultId, kind: request.kind, isFiledOnBehalf: String(result.candidateId) !== actor.userId },
      },
      session,
    );
  });
  const created = (await ObjectionModel.findById(objectionId).lean<ObjectionRecord>())!;
  const holders = await loadResultHolders([result]);
  return presentObjection(created, holders.get(String(result._id))?.candidateName ?? '');
}
