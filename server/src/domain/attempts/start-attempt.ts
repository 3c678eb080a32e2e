/**
 * The candidate starts their theory attempt (R3, R10): the server sets `startedAt` and the
 * authoritative `deadlineAt` (start + the session's duration), audits `attempt.started` and emits
 * `attempt.started` (the deadline scheduler arms the auto-submit).
 */
import type { AttemptState } from '../../contracts/exam-room';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { attemptAuditTarget, loadOwnAttempt, toEventBase } from './attempt-access';
import { AttemptFormModel, type AttemptFormRecord } from './attempt-form.model';
import { AttemptModel, type AttemptRecord } from './attempt.model';
import { presentAttemptState } from './attempt.presenter';

/** Late entry window after a session's start when the batch does not set `lateEntryUntil`. */
export const defaultLateEntryMs = 30 * 60_000;

/**
 * Starts `attemptId` for its candidate. Starting an attempt that already runs (reload, double
 * click) returns its state unchanged; so does a submitted one.
 * @param options.authSessionId when given, the attempt's active connection must belong to this
 *   login (the realtime layer passes the socket's session).
 * @returns the full state including the form.
 * @throws AppError `not_found` (not the actor's attempt), `precondition_failed` (session not open,
 *   late entry over, held connection), `attempt_closed` (voided).
 */
export async function startAttempt(options: { attemptId: string; actor: Actor; authSessionId?: string; now?: Date }): Promise<AttemptState> {
  const attempt = await loadOwnAttempt(options.attemptId, options.actor);
  const form = await AttemptFormModel.findById(attempt._id, { items: 1 }).lean<AttemptFormRecord>();
  if (attempt.status === 'voided') throw new AppError('attempt_closed', `Attempt ${options.attemptId} was voided`);
  if (attempt.status !== 'waiting') return presentAttemptState(attempt, form, Date.now());
  if (options.authSessionId !== undefined && attempt.activeConnection?.authSessionId !== options.authSessionId) {
    throw new AppError('precondition_failed', 'Another device holds this attempt; wait for the proctor to approve the change', { connection: 'held' });
  }
  const batch = await BatchModel.findById(attempt.batchId, { sessions: 1, code: 1 }).lean<BatchRecord>();
  const session = batch?.sessions.find((candidate) => String(candidate._id) === String(attempt.sessionId));
  if (!batch || !session) throw new AppError('not_found', `Session ${String(attempt.sessionId)} of attempt ${options.attemptId} not found`);
  if (session.status !== 'open') throw new AppError('precondition_failed', `The session has not been opened yet (status ${session.status})`, { sessionStatus: session.status });
  const now = options.now ?? new Date();
  const lateEntryUntil = session.lateEntryUntil ?? new Date(new Date(session.startsAt).getTime() + defaultLateEntryMs);
  if (now.getTime() > lateEntryUntil.getTime()) {
    throw new AppError('precondition_failed', `Late entry closed at ${lateEntryUntil.toISOString()}`, { lateEntryUntil: lateEntryUntil.getTime() });
  }
  if (!form) throw new AppError('precondition_failed', `Attempt ${options.attemptId} has no form`);

  const deadlineAt = new Date(now.getTime() + attempt.durationMs);
  const started = await AttemptModel.findOneAndUpdate(
    { _id: attempt._id, status: 'waiting' },
    { $set: { status: 'in_progress', startedAt: now, deadlineAt }, $inc: { stateVersion: 1 } },
    { returnDocument: 'after' },
  ).lean<AttemptRecord>();
  if (!started) {
    // Someone else started it in between (another tab): answer with the current state.
    const current = await loadOwnAttempt(options.attemptId, options.actor);
    return presentAttemptState(current, form, Date.now());
  }
  await recordAudit({
    actor: options.actor,
    action: 'attempt.started',
    target: attemptAuditTarget(started),
    payload: {
      batchId: String(started.batchId),
      sessionId: String(started.sessionId),
      paperId: String(started.paperId),
      paperIndex: started.paperIndex,
      seed: started.seed,
      startedAt: now.toISOString(),
      deadlineAt: deadlineAt.toISOString(),
    },
  });
  domainEvents.emit('attempt.started', {
    ...toEventBase(started, now.getTime()),
    startedAt: now.getTime(),
    deadlineAt: deadlineAt.getTime(),
    totalCount: started.form.totalCount,
  });
  return presentAttemptState(started, form, Date.now());
}
