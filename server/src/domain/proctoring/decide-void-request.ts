/**
 * An internal quality supervisor 内督员 of the batch confirms or rejects a void request (R6, R10).
 * Confirming voids the attempt through `voidAttempt` (the requesting proctor's action with the
 * supervisor's confirmation), records the `void` action and marks the named incidents handled;
 * rejecting is audited `attempt.void_rejected`. Both emit `proctoring.void_decided`.
 */
import { Types } from 'mongoose';
import type { VoidRequestView } from '@skillcert/proctoring/protocol';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { voidAttempt } from '../attempts/void-attempt';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { UserModel } from '../identity/user.model';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { recordProctorAction } from './attempt-in-room';
import { presentVoidRequest } from './proctoring.presenter';
import { VoidRequestModel, type VoidRequestRecord } from './void-request.model';
import './proctoring-events';

/**
 * Decides void request `requestId`.
 * @throws AppError `not_found` (unknown request of this organisation), `forbidden` (the actor is not
 *   a supervisor of the batch), `conflict` (already decided), and the errors of `voidAttempt`
 *   (the request returns to pending when the void fails).
 */
export async function decideVoidRequest(options: { actor: Actor; requestId: string; isConfirmed: boolean; note?: string; now?: Date }): Promise<VoidRequestView> {
  const { actor } = options;
  const requestId = new Types.ObjectId(options.requestId);
  const request = await VoidRequestModel.findById(requestId).lean<VoidRequestRecord>();
  if (!request || String(request.organisationId) !== actor.organisationId) throw new AppError('not_found', `Void request ${options.requestId} not found`);
  const batch = await BatchModel.findById(request.batchId, { staff: 1, code: 1 }).lean<Pick<BatchRecord, 'staff' | 'code'>>();
  const isSupervisor = actor.roles.includes('supervisor') && (batch?.staff.some((staff) => staff.role === 'supervisor' && String(staff.userId) === actor.userId) ?? false);
  if (!isSupervisor) throw new AppError('forbidden', `Only a supervisor of batch ${batch?.code ?? String(request.batchId)} confirms or rejects void requests`);
  if (request.status !== 'pending') throw new AppError('conflict', `Void request ${options.requestId} was already ${request.status}`, { status: request.status });
  const now = options.now ?? new Date();
  const note = options.note?.trim() ? options.note.trim() : null;
  const claimed = await VoidRequestModel.findOneAndUpdate(
    { _id: requestId, status: 'pending' },
    { $set: { status: options.isConfirmed ? 'confirmed' : 'rejected', decidedBy: new Types.ObjectId(actor.userId), decidedByName: actor.name, decidedAt: now, note } },
    { returnDocument: 'after' },
  ).lean<VoidRequestRecord>();
  if (!claimed) throw new AppError('conflict', `Void request ${options.requestId} was decided meanwhile`);
  if (options.isConfirmed) {
    try {
      const requester = await UserModel.findById(request.requestedBy, { name: 1, roles: 1, organisationId: 1 }).lean();
      if (!requester) throw new AppError('not_found', `The proctor who asked for void request ${options.requestId} no longer exists`);
      const proctor: Actor = { userId: String(requester._id), organisationId: String(requester.organisationId), roles: [...requester.roles], name: requester.name };
      await voidAttempt({
        attemptId: String(request.attemptId),
        actor: proctor,
        reason: request.reason,
        supervisorConfirmation: { supervisorId: actor.userId, confirmedAt: now.getTime() },
        now,
      });
      await recordProctorAction({
        target: {
          attempt: {
            _id: request.attemptId,
            organisationId: request.organisationId,
            batchId: request.batchId,
            sessionId: request.sessionId,
            roomId: request.roomId,
            candidateId: request.candidateId,
          },
          candidateName: request.candidateName,
          seat: request.seat,
        },
        action: 'void',
        reason: request.reason,
        detail: { requestId: options.requestId, supervisorId: actor.userId, supervisorName: actor.name, confirmedAt: now.getTime(), note },
        incidentIds: request.incidentIds,
        by: proctor,
        at: now,
      });
    } catch (error) {
      await VoidRequestModel.updateOne({ _id: requestId, status: 'confirmed' }, { $set: { status: 'pending', decidedBy: null, decidedByName: null, decidedAt: null, note: null } });
      throw error;
    }
  } else {
    await recordAudit({
      actor,
      action: 'attempt.void_rejected',
      target: { kind: 'attempt', id: String(request.attemptId), label: request.candidateName },
      payload: { requestId: options.requestId, reason: request.reason, note, requestedBy: request.requestedByName },
    });
  }
  const view = presentVoidRequest(claimed);
  domainEvents.emit('proctoring.void_decided', { view });
  return view;
}
