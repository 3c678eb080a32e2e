/**
 * A proctor gives a candidate extra time (R10: recorded with its reason): the deadline moves later
 * by `extraMs`, whether the attempt runs or is paused.
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { attemptAuditTarget, loadAttemptForProctor, maximumStateRetries, toEventBase } from './attempt-access';
import { AttemptModel } from './attempt.model';
import { parseReason } from './submit-attempt';

/** Largest single extension: 4 hours (proctoring's action contract). */
export const maximumExtensionMs = 4 * 60 * 60 * 1000;

/** Result of {@link extendAttempt}: times in ms epoch. */
export interface ExtendResult {
  attemptId: string;
  status: 'in_progress' | 'paused';
  deadlineAt: number;
  extraMs: number;
}

/**
 * Moves the deadline of a running or paused attempt by `extraMs` (1 ms to 4 h).
 * @throws AppError `validation_failed` (reason or extraMs), `not_found`, `forbidden`,
 *   `precondition_failed` (waiting), `attempt_closed` (submitted, voided, or time already up),
 *   `conflict`.
 */
export async function extendAttempt(options: { attemptId: string; actor: Actor; extraMs: number; reason: string; now?: Date }): Promise<ExtendResult> {
  const reason = parseReason(options.reason);
  if (!Number.isInteger(options.extraMs) || options.extraMs < 1 || options.extraMs > maximumExtensionMs) {
    throw new AppError('validation_failed', `extraMs: must be a whole number of milliseconds from 1 to ${maximumExtensionMs}, got ${options.extraMs}`, {
      issues: [{ field: 'extraMs', message: `must be 1-${maximumExtensionMs}` }],
    });
  }
  for (let retry = 0; retry < maximumStateRetries; retry += 1) {
    const attempt = await loadAttemptForProctor(options.attemptId, options.actor);
    const now = options.now ?? new Date();
    if (attempt.status === 'waiting') throw new AppError('precondition_failed', 'The attempt has not started; nothing to extend');
    if (attempt.status !== 'in_progress' && attempt.status !== 'paused') throw new AppError('attempt_closed', `The attempt is ${attempt.status}`);
    const deadlineMs = new Date(attempt.deadlineAt!).getTime();
    if (attempt.status === 'in_progress' && deadlineMs <= now.getTime()) throw new AppError('attempt_closed', 'Time is already up; the attempt is being submitted');
    const deadlineAt = new Date(deadlineMs + options.extraMs);
    const result = await AttemptModel.updateOne(
      { _id: attempt._id, status: attempt.status, stateVersion: attempt.stateVersion },
      {
        $set: { deadlineAt },
        $push: { extensions: { extraMs: options.extraMs, at: now, by: options.actor.userId, reason } },
        $inc: { stateVersion: 1 },
      },
    );
    if (result.matchedCount === 0) continue;
    await recordAudit({
      actor: options.actor,
      action: 'attempt.extended',
      target: attemptAuditTarget(attempt),
      payload: { reason, extraMs: options.extraMs, previousDeadlineAt: new Date(deadlineMs).toISOString(), deadlineAt: deadlineAt.toISOString() },
    });
    const pausedAtMs = attempt.status === 'paused' && attempt.pausedAt ? new Date(attempt.pausedAt).getTime() : null;
    domainEvents.emit('attempt.extended', {
      ...toEventBase(attempt, now.getTime()),
      extraMs: options.extraMs,
      deadlineAt: deadlineAt.getTime(),
      remainingMs: Math.max(0, deadlineAt.getTime() - (pausedAtMs ?? now.getTime())),
      pausedAt: pausedAtMs,
      status: attempt.status,
      reason,
      byUserId: options.actor.userId,
    });
    return { attemptId: options.attemptId, status: attempt.status, deadlineAt: deadlineAt.getTime(), extraMs: options.extraMs };
  }
  throw new AppError('conflict', `Attempt ${options.attemptId} kept changing; extend again`);
}
