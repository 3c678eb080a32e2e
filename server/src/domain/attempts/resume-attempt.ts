/**
 * A proctor restarts a paused timer (R10): the deadline moves later by the paused duration, so the
 * candidate keeps exactly the time that was left.
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { attemptAuditTarget, loadAttemptForProctor, maximumStateRetries, toEventBase } from './attempt-access';
import { AttemptModel } from './attempt.model';
import { parseReason } from './submit-attempt';

/** Result of {@link resumeAttempt}: times in ms epoch. */
export interface ResumeResult {
  attemptId: string;
  status: 'in_progress';
  deadlineAt: number;
  pausedMs: number;
  remainingMs: number;
}

/**
 * Resumes a paused attempt.
 * @throws AppError `validation_failed` (empty reason), `not_found`, `forbidden`,
 *   `precondition_failed` (not paused), `conflict`.
 */
export async function resumeAttempt(options: { attemptId: string; actor: Actor; reason: string; now?: Date }): Promise<ResumeResult> {
  const reason = parseReason(options.reason);
  for (let retry = 0; retry < maximumStateRetries; retry += 1) {
    const attempt = await loadAttemptForProctor(options.attemptId, options.actor);
    if (attempt.status !== 'paused' || !attempt.pausedAt || !attempt.deadlineAt) {
      throw new AppError('precondition_failed', `Only a paused attempt can be resumed; it is ${attempt.status}`, { status: attempt.status });
    }
    const now = options.now ?? new Date();
    const pausedMs = Math.max(0, now.getTime() - new Date(attempt.pausedAt).getTime());
    const deadlineAt = new Date(new Date(attempt.deadlineAt).getTime() + pausedMs);
    const lastPause = attempt.pauses.length - 1;
    const result = await AttemptModel.updateOne(
      { _id: attempt._id, status: 'paused', stateVersion: attempt.stateVersion },
      {
        $set: { status: 'in_progress', deadlineAt, ...(lastPause >= 0 ? { [`pauses.${lastPause}.resumedAt`]: now } : {}) },
        $unset: { pausedAt: 1 },
        $inc: { stateVersion: 1 },
      },
    );
    if (result.matchedCount === 0) continue;
    await recordAudit({
      actor: options.actor,
      action: 'attempt.resumed',
      target: attemptAuditTarget(attempt),
      payload: { reason, resumedAt: now.toISOString(), pausedMs, deadlineAt: deadlineAt.toISOString() },
    });
    domainEvents.emit('attempt.resumed', {
      ...toEventBase(attempt, now.getTime()),
      deadlineAt: deadlineAt.getTime(),
      pausedMs,
      reason,
      byUserId: options.actor.userId,
    });
    return { attemptId: options.attemptId, status: 'in_progress', deadlineAt: deadlineAt.getTime(), pausedMs, remainingMs: deadlineAt.getTime() - now.getTime() };
  }
  throw new AppError('conflict', `Attempt ${options.attemptId} kept changing; resume again`);
}
