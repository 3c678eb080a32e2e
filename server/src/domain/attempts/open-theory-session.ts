/**
 * Opens a theory session of a batch (R3, R10): the session's status becomes `open` (and the batch's
 * `in_progress` when it was filed or announced), every candidate
 * on its roster gets a waiting attempt with a paper from the library (balanced seeded assignment)
 * and a shuffled form, the change is audited and `session.opened` is emitted.
 */
import type { OpenSessionResult } from '../../contracts/exam-room';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { assertProctorOf, toObjectId } from './attempt-access';
import { prepareSessionAttempts } from './prepare-attempts';

/** Batch statuses in which a theory session may be opened (the plan is filed, R7). */
export const sessionOpenableBatchStatuses = ['filed', 'announced', 'in_progress'] as const;

/**
 * Opens `sessionId` of `batchId`. Idempotent: opening an open session again prepares attempts for
 * candidates registered since, and audits only when something changed.
 * @param options.now server time (defaults to the clock).
 * @throws AppError `not_found` (batch or session), `forbidden` (not an exam administrator of the
 *   batch nor a proctor of the session's room), `precondition_failed` (not a theory session, closed,
 *   batch not filed, no usable paper library), `validation_failed` (bad ids).
 */
export async function openTheorySession(options: { batchId: string; sessionId: string; actor: Actor; now?: Date }): Promise<OpenSessionResult> {
  const now = options.now ?? new Date();
  const batchObjectId = toObjectId(options.batchId, 'batchId');
  const sessionObjectId = toObjectId(options.sessionId, 'sessionId');
  const batch = await BatchModel.findById(batchObjectId).lean<BatchRecord>();
  if (!batch || String(batch.organisationId) !== options.actor.organisationId) throw new AppError('not_found', `Batch ${options.batchId} not found`);
  const session = batch.sessions.find((candidate) => String(candidate._id) === options.sessionId);
  if (!session) throw new AppError('not_found', `Session ${options.sessionId} not found in batch ${batch.code}`);
  assertProctorOf(options.actor, batch, String(session.roomId));
  if (session.kind !== 'theory') throw new AppError('precondition_failed', `session ${options.sessionId} is a ${session.kind} session, not a theory session`);
  if (session.status === 'closed') throw new AppError('precondition_failed', `session ${options.sessionId} is closed`);
  if (!(sessionOpenableBatchStatuses as readonly string[]).includes(batch.status)) {
    throw new AppError('precondition_failed', `batch ${batch.code} is ${batch.status}; a session opens once the plan is filed (R7)`, {
      batchStatus: batch.status,
    });
  }

  const prepared = await prepareSessionAttempts({ batch, session, now });
  const wasOpen = session.status === 'open';
  if (!wasOpen) {
    // The first opened session starts the evaluation: the batch moves on to `in_progress`, so the
    // scoring and proctoring screens list it (batch life cycle: filed → announced → in_progress).
    await BatchModel.updateOne(
      { _id: batchObjectId, status: { $in: sessionOpenableBatchStatuses }, sessions: { $elemMatch: { _id: sessionObjectId, status: 'scheduled' } } },
      { $set: { 'sessions.$.status': 'open', status: 'in_progress' } },
    );
  }
  if (!wasOpen || prepared.created > 0) {
    await recordAudit({
      actor: options.actor,
      action: wasOpen ? 'session.attempts_prepared' : 'session.opened',
      target: { kind: 'session', id: options.sessionId, label: `${batch.code} theory ${session.startsAt.toISOString()}` },
      payload: {
        batchId: options.batchId,
        sessionId: options.sessionId,
        libraryId: prepared.libraryId,
        ...(wasOpen || batch.status === 'in_progress' ? {} : { batchStatus: { from: batch.status, to: 'in_progress' } }),
        attemptsCreated: prepared.created,
        attemptCount: prepared.attemptCount,
        candidatesPerPaper: prepared.candidatesPerPaper,
      },
    });
    domainEvents.emit('session.opened', {
      organisationId: String(batch.organisationId),
      batchId: options.batchId,
      sessionId: options.sessionId,
      roomId: String(session.roomId),
      attemptsCreated: prepared.created,
      at: now.getTime(),
    });
  }
  return {
    batchId: options.batchId,
    sessionId: options.sessionId,
    status: 'open',
    attemptsCreated: prepared.created,
    attemptCount: prepared.attemptCount,
    candidatesPerPaper: prepared.candidatesPerPaper,
  };
}
