/**
 * Table 3 signatures of the direct-grading form (R5): the assessor 考评员 of the batch (grade
 * covering the level, R6) and the internal quality supervisor 内督员 sign electronically once every
 * rater has scored (and, for levels 2 and 1, the on-site review is recorded). After the first staff
 * signature the form and ratings are frozen.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { loadDirectGradingContext, presentDirectGrading, type DirectGradingView } from './direct-grading-access';
import { DirectGradingRecordModel, type DirectGradingRecord } from './direct-grading-record.model';
import { assertBatchReader, assertBatchSupervisor, assertQualifiedAssessor } from './scoring-access';
import type { DirectGradingSignatureRequest } from './scoring.contracts';

/**
 * Signs the form as the signed-in assessor or supervisor (time recorded) and audits
 * `direct_grading.signed`.
 * @throws AppError `not_found`, `forbidden` (not the batch's assessor or supervisor, R6),
 *   `assessor_not_qualified` (R6), `precondition_failed` (ratings incomplete; level 2/1 review not
 *   recorded), `conflict` (already signed in that role)
 */
export async function signDirectGrading(options: { registrationId: string; request: DirectGradingSignatureRequest; actor: Actor; now?: Date }): Promise<DirectGradingView> {
  const { actor, request } = options;
  const { registration, batch, record } = await loadDirectGradingContext(actor.organisationId, options.registrationId);
  if (request.role === 'assessor') assertQualifiedAssessor(batch, actor, registration.level);
  else assertBatchSupervisor(batch, actor);
  if (!record?.result) {
    throw new AppError('precondition_failed', `The direct-grading form of ${registration.candidateName} is not fully rated yet; sign after every rater has scored`);
  }
  if (record.result.outcome === 'awaiting_review') {
    throw new AppError('precondition_failed', `Level ${registration.level}: record the on-site review or defence before signing (R5)`);
  }
  const field = request.role === 'assessor' ? 'assessorSignature' : 'supervisorSignature';
  if (record[field]) throw new AppError('conflict', `The form is already signed by the ${request.role === 'assessor' ? 'assessor' : 'supervisor'} ${record[field]!.name}`);
  const now = options.now ?? new Date();
  const signature = { userId: new Types.ObjectId(actor.userId), name: actor.name, signedAt: now };
  const updated = await DirectGradingRecordModel.findOneAndUpdate(
    { _id: record._id, revision: record.revision, [field]: { $exists: false } },
    { $set: { [field]: signature, updatedAt: now }, $inc: { revision: 1 } },
    { returnDocument: 'after' },
  ).lean<DirectGradingRecord>();
  if (!updated) throw new AppError('conflict', 'The direct-grading form changed meanwhile; reload and retry', { retryable: true });
  await recordAudit({
    actor,
    action: 'direct_grading.signed',
    target: { kind: 'registration', id: String(registration._id), label: registration.admissionTicketNumber },
    payload: { role: request.role, signedAt: now.toISOString(), totalPoints: record.result.totalPoints, outcome: record.result.outcome },
  });
  return presentDirectGrading(updated);
}

/**
 * The candidate's direct-grading record as presented.
 * @throws AppError `not_found` (registration or no form yet), `precondition_failed` (not a grading
 *   batch), `forbidden` (not an administrator, exam administrator or staff of the batch)
 */
export async function getDirectGrading(options: { registrationId: string; actor: Actor }): Promise<DirectGradingView> {
  const { record, registration, batch } = await loadDirectGradingContext(options.actor.organisationId, options.registrationId);
  assertBatchReader(batch, options.actor);
  if (!record) throw new AppError('not_found', `No direct-grading form for ${registration.candidateName} yet`);
  return presentDirectGrading(record);
}
