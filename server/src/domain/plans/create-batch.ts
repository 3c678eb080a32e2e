/**
 * Creates a batch 批次 (draft) with its scopes, evaluation mode and component weights (R4, R19).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { BatchModel, type BatchRecord } from './batch.model';
import { presentBatch } from './batch.presenter';
import { resolveBatchScopes } from './batch-scopes';
import { loadPlanOrganisation } from './load-plan-settings';
import type { BatchView, CreateBatchRequest } from './plans.contracts';

/**
 * Creates a draft batch in the actor's organisation and audits `batch.created`.
 * @throws AppError `duplicate` when the code is taken in the organisation; `validation_failed` for
 *   unknown or repeated scopes, weights not summing to 1, a practical weight under the
 *   organisation's `minimumPracticalWeight` (R4), a missing review weight for levels 2/1 or direct
 *   grading of levels 2/1 (R19).
 */
export async function createBatch(options: { request: CreateBatchRequest; actor: Actor }): Promise<BatchView> {
  const { request, actor } = options;
  const organisation = await loadPlanOrganisation(actor.organisationId);
  const scopes = await resolveBatchScopes({
    organisationId: actor.organisationId,
    inputs: request.scopes,
    mode: request.mode,
    minimumPracticalWeight: organisation.jurisdiction.minimumPracticalWeight,
  });
  const organisationId = new Types.ObjectId(actor.organisationId);
  if (await BatchModel.exists({ organisationId, code: request.code })) {
    throw new AppError('duplicate', `code: a batch with code "${request.code}" already exists`, { field: 'code' });
  }
  const created = await BatchModel.create({
    organisationId,
    code: request.code,
    name: request.name,
    mode: request.mode,
    scopes,
    rooms: [],
    sessions: [],
    staff: [],
    status: 'draft',
    createdBy: new Types.ObjectId(actor.userId),
  });
  const batch = created.toObject() as BatchRecord;
  await recordAudit({
    actor,
    action: 'batch.created',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: {
      code: batch.code,
      name: batch.name,
      mode: batch.mode,
      scopes: scopes.map((scope) => ({ scopeId: String(scope.scopeId), level: scope.level, weights: scope.weights })),
    },
  });
  return presentBatch(batch);
}
