/**
 * A proctor stops a candidate's timer (R10: disruption handled and recorded with its reason). The
 * remaining time is frozen until `resumeAttempt`; answers are refused while paused.
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { attemptAuditTarget, loadAttemptForProctor, maximumStateRetries, toEventBase } from './attempt-access';
import { AttemptModel } from './attempt.model';
import { parseReason } from './submit-attempt';

/** Result of {@link pauseAttempt}: times in ms epoch, `remainingMs` frozen. */
export interface PauseResult {
  attemptId: string;
  status: 'paused';
  pausedAt: number;
  deadlineAt: number;
  remainingMs: number;
}

/**
 * Pauses an attempt in progress.
 * @throws AppError `validation_failed` (empty reason), `not_found`, `forbidden` (not assigned to the
 *   batch or room), `precondition_failed` (not in progress), `attempt_closed` (time already up),
 *   `conflict` (concurrent changes kept winning).
 */
export async function pauseAttempt(options: { attemptId: string; actor: Actor; reason: string; now?: Date }): Promise<PauseResult> {
  const reason = parseReason(options.reason);
  for (let retry = 0; retry < maximumStateRetries; retry += 1) {
    const attempt = await loadAttemptForProctor(options.attemptId, options.actor);
    if (attempt.status !== 'in_progress') throw new AppError('precondition_failed', `Only an attempt in progress can be paused; it is ${attempt.status}`, { status: attempt.status });
    const now = options.now ?? new Date();
    const deadlineMs = new Date(attempt.deadlineAt!).getTime();
    if (deadlineMs <= now.getTime()) throw new AppError('attempt_closed', 'Time is already up; the attempt is being submitted');
    const result = await AttemptModel.updateOne(
      { _id: attempt._id, status: 'in_progress', stateVersion: attempt.stateVersion },
      {
        $set: { status: 'paused', pausedAt: now },
        $push: { pauses: { pausedAt: now, pausedBy: options.actor.userId, reason } },
        $inc: { stateVersion: 1 },
      },
    );
    if (result.matchedCount === 0) continue;
    const remainingMs = deadlineMs - now.getTime();
    await recordAudit({
      actor: options.actor,
      action: 'attempt.paused',
      target: attemptAuditTarget(attempt),
      payload: { reason, pausedAt: now.toISOString(), remainingMs },
    });
    domainEvents.emit('attempt.paused', { ...toEventBase(attempt, now.getTime()), pausedAt: now.getTime(), remainingMs, reason, byUserId: options.actor.userId });
    return { attemptId: options.attemptId, status: 'paused', pausedAt: now.getTime(), deadlineAt: deadlineMs, remainingMs };
  }
  throw new AppError('conflict', `Attempt ${options.attemptId} kept changing; pause again`);
}
