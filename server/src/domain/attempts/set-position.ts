/**
 * Remembers the slot on the candidate's screen so a reload or a new device resumes there. Guarded
 * like an answer save; not audited (navigation state).
 */
import type { PositionSaved } from '../../contracts/exam-room';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { assertCandidate } from './attempt-access';
import { attemptCache } from './attempt-cache';
import { explainRefusal, refusalProjection, writableAttemptFilter } from './attempt-guards';
import { AttemptModel, type AttemptRecord } from './attempt.model';

/**
 * Stores `slot` as the attempt's position.
 * @throws AppError `not_found`, `validation_failed` (slot not on the form), `attempt_closed`,
 *   `precondition_failed` (waiting, paused), `conflict` (another login holds the attempt).
 */
export async function setPosition(options: { attemptId: string; slot: number; actor: Actor; authSessionId: string; now?: Date }): Promise<PositionSaved> {
  assertCandidate(options.actor);
  const entry = await attemptCache.get(options.attemptId);
  if (!entry || entry.candidateId !== options.actor.userId) throw new AppError('not_found', `Attempt ${options.attemptId} not found`);
  if (!entry.shapes[options.slot - 1]) {
    throw new AppError('validation_failed', `slot: ${options.slot} is not on your form (slots 1-${entry.shapes.length})`, {
      issues: [{ field: 'slot', message: `must be 1-${entry.shapes.length}` }],
    });
  }
  const now = options.now ?? new Date();
  const result = await AttemptModel.collection.updateOne(writableAttemptFilter(entry.id, options.authSessionId, now), { $set: { position: options.slot } });
  if (result.matchedCount === 0) {
    const current = await AttemptModel.findById(entry.id, refusalProjection).lean<Pick<AttemptRecord, 'status' | 'deadlineAt' | 'activeConnection'>>();
    if (!current) throw new AppError('not_found', `Attempt ${options.attemptId} not found`);
    entry.status = current.status;
    explainRefusal(current, options.authSessionId, now.getTime());
    throw new AppError('conflict', 'The position could not be saved; retry', { retryable: true });
  }
  return { slot: options.slot };
}
