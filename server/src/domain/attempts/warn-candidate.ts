/**
 * A proctor warns a candidate (R10: irregularities and their handling are recorded): the message
 * reaches the candidate's screen as `attempt:warning` and the audit log keeps it with the reason.
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { attemptAuditTarget, loadAttemptForProctor, toEventBase } from './attempt-access';
import { parseReason } from './submit-attempt';

/** Longest warning shown to a candidate, in characters. */
export const maximumWarningLength = 500;

/**
 * Sends `message` (default: the reason) to the candidate of `attemptId`.
 * @throws AppError `validation_failed` (empty reason, message too long), `not_found`, `forbidden`,
 *   `attempt_closed` (submitted or voided).
 */
export async function warnCandidate(options: { attemptId: string; actor: Actor; reason: string; message?: string; now?: Date }): Promise<{ attemptId: string; message: string; at: number }> {
  const reason = parseReason(options.reason);
  const message = (options.message ?? reason).trim();
  if (message.length === 0 || message.length > maximumWarningLength) {
    throw new AppError('validation_failed', `message: must be 1-${maximumWarningLength} characters`, { issues: [{ field: 'message', message: `must be 1-${maximumWarningLength} characters` }] });
  }
  const attempt = await loadAttemptForProctor(options.attemptId, options.actor);
  if (attempt.status === 'submitted' || attempt.status === 'voided') throw new AppError('attempt_closed', `The attempt is ${attempt.status}`);
  const now = options.now ?? new Date();
  await recordAudit({ actor: options.actor, action: 'attempt.warned', target: attemptAuditTarget(attempt), payload: { reason, message } });
  domainEvents.emit('attempt.warned', { ...toEventBase(attempt, now.getTime()), message, reason, byUserId: options.actor.userId });
  return { attemptId: options.attemptId, message, at: now.getTime() };
}
