/**
 * A proctor's request to void an attempt, confirmed by an internal quality supervisor 内督员 of the
 * batch (R6, R10: an irregularity and its handling are recorded). The attempt becomes `voided`
 * (no more saves, no scoring); audited `attempt.voided` with the reason and the confirmation, and
 * emitted as `attempt.voided` (declared here on the domain event map).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents, type AttemptEventBase } from '../events';
import type { Actor } from '../identity/actor';
import { UserModel } from '../identity/user.model';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { attemptAuditTarget, loadAttemptForProctor, maximumStateRetries, toEventBase } from './attempt-access';
import { attemptCache } from './attempt-cache';
import { AttemptModel } from './attempt.model';
import { parseReason } from './submit-attempt';

declare module '../events' {
  interface DomainEventMap {
    /** An attempt was voided by a proctor with a supervisor's confirmation (R6, R10). */
    'attempt.voided': AttemptEventBase & {
      reason: string;
      byUserId: string;
      supervisorId: string;
      confirmedAt: number;
      /** Status before the void. */
      previousStatus: 'waiting' | 'in_progress' | 'paused' | 'submitted';
    };
  }
}

/** Result of {@link voidAttempt}: times in ms epoch. */
export interface VoidResult {
  attemptId: string;
  status: 'voided';
  voidedAt: number;
  previousStatus: 'waiting' | 'in_progress' | 'paused' | 'submitted';
  supervisorId: string;
}

/**
 * Voids an attempt (any status but voided) at a proctor's request confirmed by a supervisor.
 * @param options.actor the proctor who asked (assigned to the room or an exam administrator of the batch)
 * @param options.supervisorConfirmation the supervisor of the batch who confirmed, and when (ms epoch)
 * @throws AppError `validation_failed` (empty reason, bad ids), `not_found`, `forbidden` (the actor is
 *   not assigned; the confirmer is not an active supervisor of the batch, or is the actor),
 *   `attempt_closed` (already voided), `conflict` (concurrent changes kept winning).
 */
export async function voidAttempt(options: {
  attemptId: string;
  actor: Actor;
  reason: string;
  supervisorConfirmation: { supervisorId: string; confirmedAt: number };
  now?: Date;
}): Promise<VoidResult> {
  const reason = parseReason(options.reason);
  const { supervisorId, confirmedAt } = options.supervisorConfirmation;
  if (!/^[0-9a-f]{24}$/i.test(supervisorId)) {
    throw new AppError('validation_failed', 'supervisorConfirmation.supervisorId: must be a 24-character hexadecimal id', {
      issues: [{ field: 'supervisorConfirmation.supervisorId', message: 'must be a 24-character hexadecimal id' }],
    });
  }
  if (supervisorId === options.actor.userId) throw new AppError('forbidden', 'R6: the proctor who asks for a void cannot also confirm it');
  for (let retry = 0; retry < maximumStateRetries; retry += 1) {
    const attempt = await loadAttemptForProctor(options.attemptId, options.actor);
    if (attempt.status === 'voided') throw new AppError('attempt_closed', 'The attempt is already voided', { status: 'voided' });
    const batch = await BatchModel.findById(attempt.batchId, { staff: 1, code: 1 }).lean<Pick<BatchRecord, 'staff' | 'code'>>();
    const isBatchSupervisor = batch?.staff.some((staff) => staff.role === 'supervisor' && String(staff.userId) === supervisorId) ?? false;
    const supervisor = isBatchSupervisor
      ? await UserModel.findOne({ _id: new Types.ObjectId(supervisorId), organisationId: attempt.organisationId, isActive: true, roles: 'supervisor' }, { name: 1 }).lean()
      : null;
    if (!supervisor) throw new AppError('forbidden', `User ${supervisorId} is not an active supervisor of batch ${batch?.code ?? String(attempt.batchId)}`);
    const now = options.now ?? new Date();
    const previousStatus = attempt.status as VoidResult['previousStatus'];
    const result = await AttemptModel.updateOne(
      { _id: attempt._id, status: previousStatus, stateVersion: attempt.stateVersion },
      { $set: { status: 'voided' }, $unset: { pausedAt: 1 }, $inc: { stateVersion: 1 } },
    );
    if (result.matchedCount === 0) continue;
    const cached = attemptCache.peek(options.attemptId);
    if (cached) cached.status = 'voided';
    await recordAudit({
      actor: options.actor,
      action: 'attempt.voided',
      target: attemptAuditTarget(attempt),
      payload: {
        reason,
        previousStatus,
        voidedAt: now.toISOString(),
        supervisorConfirmation: { supervisorId, supervisorName: supervisor.name, confirmedAt: new Date(confirmedAt).toISOString() },
      },
    });
    domainEvents.emit('attempt.voided', {
      ...toEventBase(attempt, now.getTime()),
      reason,
      byUserId: options.actor.userId,
      supervisorId,
      confirmedAt,
      previousStatus,
    });
    return { attemptId: options.attemptId, status: 'voided', voidedAt: now.getTime(), previousStatus, supervisorId };
  }
  throw new AppError('conflict', `Attempt ${options.attemptId} kept changing; void again`);
}
