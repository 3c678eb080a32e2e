/**
 * A proctor asks to void an attempt (R10): the request waits for an internal quality supervisor 内督员
 * of the batch (R6: another person) to confirm or reject it. Audited `attempt.void_requested` and
 * emitted as `proctoring.void_requested` (supervisors' consoles are notified).
 */
import { Types } from 'mongoose';
import type { RoomAccess } from '@skillcert/proctoring/namespace';
import type { VoidRequest, VoidRequestView } from '@skillcert/proctoring/protocol';
import { AppError } from '../../errors';
import { loadAttemptForProctor } from '../attempts/attempt-access';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { loadAttemptInRoom } from './attempt-in-room';
import { presentVoidRequest } from './proctoring.presenter';
import { VoidRequestModel } from './void-request.model';
import './proctoring-events';

function isDuplicateKey(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown } | null;
  return candidate?.code === 11000 || (typeof candidate?.message === 'string' && candidate.message.includes('E11000'));
}

/**
 * Records a pending void request for an attempt of the joined room.
 * @throws AppError `not_found`, `forbidden` (another room; not assigned), `attempt_closed` (already
 *   voided), `conflict` (a request for this attempt is already pending).
 */
export async function requestVoid(options: { actor: Actor; access: RoomAccess; request: VoidRequest; now?: Date }): Promise<VoidRequestView> {
  const { actor, access, request } = options;
  const target = await loadAttemptInRoom(request.attemptId, access);
  await loadAttemptForProctor(request.attemptId, actor);
  if (target.attempt.status === 'voided') throw new AppError('attempt_closed', 'The attempt is already voided', { status: 'voided' });
  const { attempt } = target;
  const now = options.now ?? new Date();
  let created;
  try {
    created = await VoidRequestModel.create({
      organisationId: attempt.organisationId,
      batchId: attempt.batchId,
      sessionId: attempt.sessionId,
      roomId: attempt.roomId,
      attemptId: attempt._id,
      candidateId: attempt.candidateId,
      candidateName: target.candidateName,
      seat: target.seat,
      reason: request.reason,
      incidentIds: [...new Set(request.incidentIds ?? [])],
      status: 'pending',
      requestedBy: new Types.ObjectId(actor.userId),
      requestedByName: actor.name,
      requestedAt: now,
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw new AppError('conflict', `A void request for attempt ${request.attemptId} already waits for a supervisor`);
    throw error;
  }
  const view = presentVoidRequest(created.toObject());
  await recordAudit({
    actor,
    action: 'attempt.void_requested',
    target: { kind: 'attempt', id: request.attemptId, label: target.candidateName },
    payload: { requestId: view.id, reason: request.reason, incidentIds: [...new Set(request.incidentIds ?? [])] },
  });
  domainEvents.emit('proctoring.void_requested', { view });
  return view;
}
