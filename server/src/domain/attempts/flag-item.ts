/**
 * The candidate flags or unflags a slot for review 标记 (set semantics, so a repeated request is
 * harmless). Guarded like an answer save; not audited one by one (candidate UI state, like saves).
 */
import type { FlagSaved } from '../../contracts/exam-room';
import { AppError } from '../../errors';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { assertCandidate } from './attempt-access';
import { attemptCache } from './attempt-cache';
import { explainRefusal, refusalProjection, writableAttemptFilter } from './attempt-guards';
import { AttemptModel, type AttemptRecord } from './attempt.model';

/**
 * Sets the flag of `slot` to `isFlagged`.
 * @returns the slot, its flag and the attempt's flagged count after the change.
 * @throws AppError `not_found`, `validation_failed` (slot not on the form), `attempt_closed`,
 *   `precondition_failed` (waiting, paused), `conflict` (another login holds the attempt).
 */
export async function flagItem(options: {
  attemptId: string;
  slot: number;
  isFlagged: boolean;
  actor: Actor;
  authSessionId: string;
  now?: Date;
}): Promise<FlagSaved> {
  assertCandidate(options.actor);
  const entry = await attemptCache.get(options.attemptId);
  if (!entry || entry.candidateId !== options.actor.userId) throw new AppError('not_found', `Attempt ${options.attemptId} not found`);
  if (!entry.shapes[options.slot - 1]) {
    throw new AppError('validation_failed', `slot: ${options.slot} is not on your form (slots 1-${entry.shapes.length})`, {
      issues: [{ field: 'slot', message: `must be 1-${entry.shapes.length}` }],
    });
  }
  const now = options.now ?? new Date();
  const updated = await AttemptModel.findOneAndUpdate(
    writableAttemptFilter(entry.id, options.authSessionId, now),
    options.isFlagged ? { $addToSet: { flaggedSlots: options.slot } } : { $pull: { flaggedSlots: options.slot } },
    { returnDocument: 'after', projection: { flaggedSlots: 1 } },
  ).lean<Pick<AttemptRecord, 'flaggedSlots'>>();
  if (!updated) {
    const current = await AttemptModel.findById(entry.id, refusalProjection).lean<Pick<AttemptRecord, 'status' | 'deadlineAt' | 'activeConnection'>>();
    if (!current) throw new AppError('not_found', `Attempt ${options.attemptId} not found`);
    entry.status = current.status;
    explainRefusal(current, options.authSessionId, now.getTime());
    throw new AppError('conflict', `The flag of slot ${options.slot} could not be saved; retry`, { retryable: true });
  }
  entry.flaggedSlots = new Set(updated.flaggedSlots);
  domainEvents.emit('attempt.flagged', {
    attemptId: entry.attemptId,
    organisationId: entry.organisationId,
    batchId: entry.batchId,
    sessionId: entry.sessionId,
    roomId: entry.roomId,
    candidateId: entry.candidateId,
    at: now.getTime(),
    slot: options.slot,
    isFlagged: options.isFlagged,
    flaggedCount: updated.flaggedSlots.length,
  });
  return { slot: options.slot, isFlagged: options.isFlagged, flaggedCount: updated.flaggedSlots.length };
}
