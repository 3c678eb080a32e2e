/**
 * The guard every candidate write shares (R10 the server is the authority): the attempt is in
 * progress, before its deadline, and held by the caller's login. Used as the filter of one
 * conditional update; when it does not match, {@link explainRefusal} names the reason.
 */
import type { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { AttemptRecord } from './attempt.model';

/** Filter of a candidate write on `attemptObjectId` by `authSessionId` at `now`. */
export function writableAttemptFilter(attemptObjectId: Types.ObjectId, authSessionId: string, now: Date): Record<string, unknown> {
  return { _id: attemptObjectId, status: 'in_progress', deadlineAt: { $gt: now }, 'activeConnection.authSessionId': authSessionId };
}

/** Projection {@link explainRefusal} needs. */
export const refusalProjection = { status: 1, deadlineAt: 1, 'activeConnection.authSessionId': 1 } as const;

/**
 * Throws the error that explains why a guarded write did not match; returns when the guard holds
 * now (a concurrent change: the caller may retry).
 * @throws AppError `precondition_failed` (paused, with `details.retryable`; waiting),
 *   `attempt_closed` (submitted, voided, past the deadline), `conflict` (another login holds it).
 */
export function explainRefusal(
  current: Pick<AttemptRecord, 'status' | 'deadlineAt' | 'activeConnection'>,
  authSessionId: string,
  nowMs: number,
): void {
  if (current.status === 'paused') {
    throw new AppError('precondition_failed', 'The attempt is paused by the proctor; nothing was saved', { status: 'paused', retryable: true });
  }
  if (current.status === 'submitted' || current.status === 'voided') {
    throw new AppError('attempt_closed', `The attempt is ${current.status}; answers can no longer change`, { status: current.status });
  }
  if (current.status === 'waiting') throw new AppError('precondition_failed', 'The attempt has not started', { status: 'waiting' });
  if (current.deadlineAt && new Date(current.deadlineAt).getTime() <= nowMs) {
    throw new AppError('attempt_closed', `Time is up: the deadline was ${new Date(current.deadlineAt).toISOString()}`, {
      status: current.status,
      deadlineAt: new Date(current.deadlineAt).getTime(),
    });
  }
  if (current.activeConnection?.authSessionId !== authSessionId) {
    throw new AppError('conflict', 'Another device holds this attempt; this connection may no longer change it', { connection: 'superseded' });
  }
}
