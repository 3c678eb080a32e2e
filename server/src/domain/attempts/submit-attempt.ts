/**
 * Ends an attempt (R3, R10): by the candidate, by a proctor (forced, with a reason) or by the
 * server at the deadline, even when the candidate is gone. One conditional update makes exactly one
 * of concurrent submitters win; the winner audits `attempt.submitted` and emits `attempt.submitted`
 * with the final counts. Submitting a submitted attempt again answers with the stored result.
 */
import type { SubmitResult } from '../../contracts/exam-room';
import { AppError } from '../../errors';
import { systemActor, type AuditActor } from '../audit/record-audit';
import { appendPendingAudit, submittedAuditFacts, toPendingAudit } from './attempt-audit-outbox';
import { domainEvents, type SubmitReason } from '../events';
import type { Actor } from '../identity/actor';
import { actionReasonSchema } from '@skillcert/proctoring/events';
import { attemptAuditTarget, loadAttemptForProctor, loadOwnAttempt, toEventBase, toObjectId } from './attempt-access';
import { explainRefusal, writableAttemptFilter } from './attempt-guards';
import { AttemptModel, type AttemptRecord } from './attempt.model';
import { presentSubmitResult, submitResultProjection } from './attempt.presenter';

/** The submit result's fields plus the identifiers the `attempt.submitted` event carries. */
const resultProjection = { organisationId: 1, batchId: 1, sessionId: 1, roomId: 1, candidateId: 1, ...submitResultProjection } as const;

type SubmittedView = Pick<
  AttemptRecord,
  '_id' | 'organisationId' | 'batchId' | 'sessionId' | 'roomId' | 'candidateId' | 'status' | 'deadlineAt' | 'submittedAt' | 'submitReason' | 'answers' | 'flaggedSlots' | 'form'
>;

async function finishSubmission(options: {
  attempt: Pick<AttemptRecord, '_id' | 'organisationId' | 'candidateId'>;
  filter: Record<string, unknown>;
  reason: SubmitReason;
  submittedBy: string | null;
  auditActor: AuditActor;
  note?: string;
  now: Date;
}): Promise<SubmitResult | null> {
  // One update: the status change and its audit entry (outbox) land together or not at all. The
  // facts known only after the write (deadline, final counts) join the entry when it is appended.
  const pendingAudit = toPendingAudit({
    action: 'attempt.submitted',
    at: options.now,
    actor: options.auditActor,
    organisationId: String(options.attempt.organisationId),
    target: attemptAuditTarget(options.attempt),
    payload: { reason: options.reason, ...(options.note ? { note: options.note } : {}), submittedAt: options.now.toISOString() },
  });
  const submitted = await AttemptModel.findOneAndUpdate(
    { ...options.filter, _id: options.attempt._id },
    {
      $set: {
        status: 'submitted',
        submittedAt: options.now,
        submitReason: options.reason,
        submittedBy: options.submittedBy ? toObjectId(options.submittedBy, 'submittedBy') : null,
        pendingAudit,
      },
      $unset: { pausedAt: 1 },
      $inc: { stateVersion: 1 },
    },
    { returnDocument: 'after', projection: resultProjection },
  ).lean<SubmittedView>();
  if (!submitted) return null;
  const result = presentSubmitResult(submitted);
  await appendPendingAudit(submitted._id, pendingAudit, { extraPayload: submittedAuditFacts(submitted, result) });
  domainEvents.emit('attempt.submitted', {
    ...toEventBase(submitted, options.now.getTime()),
    reason: options.reason,
    submittedAt: options.now.getTime(),
    answeredCount: result.answeredCount,
    flaggedCount: result.flaggedCount,
    totalCount: result.totalCount,
  });
  return result;
}

async function readResult(attemptId: AttemptRecord['_id']): Promise<SubmittedView | null> {
  return AttemptModel.findById(attemptId, resultProjection).lean<SubmittedView>();
}

/**
 * Auto-submit at the deadline (reason `deadline`), by the system. Does nothing unless the attempt is
 * in progress and its deadline has passed (a paused attempt's timer is stopped).
 * @returns the result when this call submitted the attempt, null otherwise.
 */
export async function submitAttemptAtDeadline(options: { attemptId: string; now?: Date }): Promise<SubmitResult | null> {
  const now = options.now ?? new Date();
  const id = toObjectId(options.attemptId, 'attemptId');
  const attempt = await AttemptModel.findById(id, { organisationId: 1, candidateId: 1 }).lean<Pick<AttemptRecord, '_id' | 'organisationId' | 'candidateId'>>();
  if (!attempt) return null;
  return finishSubmission({
    attempt,
    filter: { _id: id, status: 'in_progress', deadlineAt: { $lte: now } },
    reason: 'deadline',
    submittedBy: null,
    auditActor: systemActor(String(attempt.organisationId)),
    now,
  });
}

/**
 * The candidate hands in. When the deadline has already passed the attempt is submitted with reason
 * `deadline` instead; either way the stored final counts are returned.
 * @param options.authSessionId the login that must hold the attempt.
 * @throws AppError `not_found`, `attempt_closed` (voided), `precondition_failed` (waiting, paused),
 *   `conflict` (another login holds the attempt).
 */
export async function submitAttempt(options: { attemptId: string; actor: Actor; authSessionId: string; now?: Date }): Promise<SubmitResult> {
  const attempt = await loadOwnAttempt(options.attemptId, options.actor);
  if (attempt.status === 'submitted') return presentSubmitResult(attempt);
  const now = options.now ?? new Date();
  const result = await finishSubmission({
    attempt,
    filter: writableAttemptFilter(attempt._id, options.authSessionId, now),
    reason: 'candidate',
    submittedBy: options.actor.userId,
    auditActor: options.actor,
    now,
  });
  if (result) return result;
  const current = await readResult(attempt._id);
  if (!current) throw new AppError('not_found', `Attempt ${options.attemptId} not found`);
  if (current.status === 'submitted') return presentSubmitResult(current);
  if (current.status === 'in_progress' && current.deadlineAt && new Date(current.deadlineAt).getTime() <= now.getTime()) {
    const atDeadline = await submitAttemptAtDeadline({ attemptId: options.attemptId, now });
    if (atDeadline) return atDeadline;
    const after = await readResult(attempt._id);
    if (after?.status === 'submitted') return presentSubmitResult(after);
  }
  const refusal = await AttemptModel.findById(attempt._id, { status: 1, deadlineAt: 1, 'activeConnection.authSessionId': 1 }).lean<AttemptRecord>();
  if (refusal) explainRefusal(refusal, options.authSessionId, now.getTime());
  throw new AppError('conflict', 'The attempt could not be submitted; retry', { retryable: true });
}

/**
 * A proctor ends the attempt (reason `proctor`, R10: the reason is recorded). Works while in
 * progress or paused.
 * @throws AppError `validation_failed` (empty reason), `not_found`, `forbidden` (not assigned),
 *   `attempt_closed` (already submitted or voided), `precondition_failed` (not started).
 */
export async function forceSubmitAttempt(options: { attemptId: string; actor: Actor; reason: string; now?: Date }): Promise<SubmitResult> {
  const reason = parseReason(options.reason);
  const attempt = await loadAttemptForProctor(options.attemptId, options.actor);
  if (attempt.status === 'submitted' || attempt.status === 'voided') throw new AppError('attempt_closed', `The attempt is already ${attempt.status}`);
  if (attempt.status === 'waiting') throw new AppError('precondition_failed', 'The attempt has not started');
  const now = options.now ?? new Date();
  const result = await finishSubmission({
    attempt,
    filter: { _id: attempt._id, status: { $in: ['in_progress', 'paused'] } },
    reason: 'proctor',
    submittedBy: options.actor.userId,
    auditActor: options.actor,
    note: reason,
    now,
  });
  if (!result) throw new AppError('attempt_closed', 'The attempt was submitted meanwhile');
  return result;
}

/**
 * Validates a proctor's reason with proctoring's contract (R10: every action carries a reason).
 * @throws AppError `validation_failed` naming `reason`.
 */
export function parseReason(reason: string): string {
  const parsed = actionReasonSchema.safeParse(reason);
  if (!parsed.success) {
    throw new AppError('validation_failed', `reason: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { issues: [{ field: 'reason', message: parsed.error.issues[0]?.message }] });
  }
  return parsed.data;
}
