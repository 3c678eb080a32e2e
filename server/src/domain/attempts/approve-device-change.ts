/**
 * A proctor approves a held device change (R10, R17): the held login becomes the attempt's active
 * connection and the previous one is superseded (the realtime layer closes it with
 * `session:superseded`). Audited and emitted as `attempt.device_change_approved`.
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { attemptAuditTarget, loadAttemptForProctor, maximumStateRetries, toEventBase } from './attempt-access';
import { AttemptModel } from './attempt.model';
import { parseReason } from './submit-attempt';

/** Result of {@link approveDeviceChange}. */
export interface DeviceChangeApproval {
  attemptId: string;
  /** Socket of the approved (formerly held) connection. */
  socketId: string;
  /** Socket of the superseded connection, null when none was recorded. */
  previousSocketId: string | null;
}

/**
 * Approves the pending device change of `attemptId`.
 * @throws AppError `validation_failed` (empty reason), `not_found`, `forbidden` (not assigned),
 *   `precondition_failed` (no pending request), `attempt_closed` (submitted or voided), `conflict`.
 */
export async function approveDeviceChange(options: { attemptId: string; actor: Actor; reason: string; now?: Date }): Promise<DeviceChangeApproval> {
  const reason = parseReason(options.reason);
  for (let retry = 0; retry < maximumStateRetries; retry += 1) {
    const attempt = await loadAttemptForProctor(options.attemptId, options.actor);
    if (attempt.status === 'submitted' || attempt.status === 'voided') throw new AppError('attempt_closed', `The attempt is ${attempt.status}`);
    const pending = attempt.pendingDeviceChange;
    if (!pending) throw new AppError('precondition_failed', 'No device change is waiting for approval');
    const now = options.now ?? new Date();
    const result = await AttemptModel.updateOne(
      { _id: attempt._id, stateVersion: attempt.stateVersion },
      {
        $set: {
          activeConnection: { authSessionId: pending.authSessionId, socketId: pending.socketId, ip: pending.ip, userAgent: pending.userAgent, connectedAt: now },
          pendingDeviceChange: null,
        },
        $inc: { stateVersion: 1 },
      },
    );
    if (result.matchedCount === 0) continue;
    const previous = attempt.activeConnection ?? null;
    await recordAudit({
      actor: options.actor,
      action: 'attempt.device_change_approved',
      target: attemptAuditTarget(attempt),
      payload: {
        reason,
        superseded: previous ? { ip: previous.ip ?? null, userAgent: previous.userAgent ?? null, connectedAt: new Date(previous.connectedAt).toISOString() } : null,
        approved: { ip: pending.ip ?? null, userAgent: pending.userAgent ?? null, requestedAt: new Date(pending.requestedAt).toISOString() },
      },
    });
    domainEvents.emit('attempt.device_change_approved', {
      ...toEventBase(attempt, now.getTime()),
      socketId: pending.socketId,
      previousSocketId: previous?.socketId ?? null,
      reason,
      byUserId: options.actor.userId,
    });
    return { attemptId: options.attemptId, socketId: pending.socketId, previousSocketId: previous?.socketId ?? null };
  }
  throw new AppError('conflict', `Attempt ${options.attemptId} kept changing; approve again`);
}
