/**
 * Autosave of one answer: THE hot path of the exam room (R3, R10). No read per save on the fast
 * path: the slot table, owner and terminal status come from the per-process attempt cache, then ONE
 * conditional update stores the answer. The database is the source of truth: the update only
 * matches while the attempt is in progress, before its deadline, held by the caller's login, and
 * when no newer seq is stored for the slot, so stale caches and other processes stay correct.
 * The acknowledgement is returned only after the write is durable (journaled, majority).
 * Saves are not audited one by one (volume); start, submit and proctor actions are.
 */
import type { AnswerSaved } from '../../contracts/exam-room';
import { AppError } from '../../errors';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { assertResponseShape } from './answer-shape';
import { assertCandidate } from './attempt-access';
import { explainRefusal, writableAttemptFilter } from './attempt-guards';
import { attemptCache, type CachedAttempt } from './attempt-cache';
import type { Types } from 'mongoose';
import { AttemptModel, type AttemptRecord } from './attempt.model';

/** One answer write as the store receives it. */
export interface AnswerWrite {
  attemptObjectId: Types.ObjectId;
  slot: number;
  /** Displayed option indexes, ascending, distinct. */
  response: number[];
  seq: number;
  /** The login that must hold the attempt. */
  authSessionId: string;
  now: Date;
}

/**
 * Stores an answer when its guard holds; resolves true when the write matched and is durable.
 * Swappable for benchmarks that measure the path without the database.
 */
export type AnswerWriter = (write: AnswerWrite) => Promise<boolean>;

/** Durable write concern of the answer update: journaled and acknowledged by a majority. */
export const answerWriteConcern = { w: 'majority', j: true } as const;

/**
 * The conditional update of one slot: `$set answers.<slot>` guarded by status `in_progress`,
 * `deadlineAt > now`, the active login, and `answers.<slot>.seq` missing or lower than `seq`
 * (an older seq never overwrites a newer one; a repeated seq matches nothing, so it is idempotent).
 */
export const writeAnswerToDatabase: AnswerWriter = async (write) => {
  const path = `answers.${write.slot}`;
  const result = await AttemptModel.collection.updateOne(
    { ...writableAttemptFilter(write.attemptObjectId, write.authSessionId, write.now), [`${path}.seq`]: { $not: { $gte: write.seq } } },
    { $set: { [path]: { response: write.response, seq: write.seq, savedAt: write.now } }, $inc: { answersVersion: 1 } },
    { writeConcern: answerWriteConcern },
  );
  return result.matchedCount === 1;
};

/** Options of {@link saveAnswer}. */
export interface SaveAnswerOptions {
  attemptId: string;
  /** 1-based slot of the candidate's form. */
  slot: number;
  /** Displayed option indexes; `[]` clears the answer. */
  response: readonly number[];
  /** Client change counter (>= 1), increasing per attempt. */
  seq: number;
  actor: Actor;
  /** Id of the login (auth session) the caller is signed in with. */
  authSessionId: string;
  now?: Date;
}

function acknowledge(entry: CachedAttempt, options: SaveAnswerOptions, response: number[], now: Date): AnswerSaved {
  if (response.length > 0) entry.answeredSlots.add(options.slot);
  else entry.answeredSlots.delete(options.slot);
  domainEvents.emit('attempt.answered', {
    attemptId: entry.attemptId,
    organisationId: entry.organisationId,
    batchId: entry.batchId,
    sessionId: entry.sessionId,
    roomId: entry.roomId,
    candidateId: entry.candidateId,
    at: now.getTime(),
    slot: options.slot,
    seq: options.seq,
    isCleared: response.length === 0,
    answeredCount: entry.answeredSlots.size,
  });
  return { slot: options.slot, seq: options.seq, storedSeq: options.seq, savedAt: now.getTime(), isDuplicate: false, isStale: false };
}

/**
 * Saves one answer durably.
 * @returns the acknowledgement; `isDuplicate` when this seq was already stored, `isStale` when a
 *   newer seq is stored for the slot (neither writes).
 * @throws AppError `not_found` (no such attempt of the actor), `validation_failed` (slot not on the
 *   form, wrong response shape for the type, index out of range), `attempt_closed` (submitted,
 *   voided, past the deadline), `precondition_failed` (waiting, paused: retry later), `conflict`
 *   (another login holds the attempt).
 */
export async function saveAnswer(options: SaveAnswerOptions, writeAnswer: AnswerWriter = writeAnswerToDatabase): Promise<AnswerSaved> {
  assertCandidate(options.actor);
  const entry = await attemptCache.get(options.attemptId);
  if (!entry || entry.candidateId !== options.actor.userId) throw new AppError('not_found', `Attempt ${options.attemptId} not found`);
  if (entry.status === 'submitted' || entry.status === 'voided') {
    throw new AppError('attempt_closed', `The attempt is ${entry.status}; answers can no longer change`, { status: entry.status });
  }
  const shape = entry.shapes[options.slot - 1];
  if (!shape) {
    throw new AppError('validation_failed', `slot: ${options.slot} is not on your form (slots 1-${entry.shapes.length})`, {
      issues: [{ field: 'slot', message: `must be 1-${entry.shapes.length}` }],
    });
  }
  assertResponseShape(options.slot, shape, options.response);
  const response = [...options.response].sort((left, right) => left - right);
  const now = options.now ?? new Date();
  const write: AnswerWrite = { attemptObjectId: entry.id, slot: options.slot, response, seq: options.seq, authSessionId: options.authSessionId, now };

  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (await writeAnswer(write)) return acknowledge(entry, options, response, now);
    // Slow path: find out why the guard did not match (and refresh the cache).
    const current = await AttemptModel.findById(entry.id, {
      status: 1,
      deadlineAt: 1,
      'activeConnection.authSessionId': 1,
      [`answers.${options.slot}`]: 1,
    }).lean<Pick<AttemptRecord, 'status' | 'deadlineAt' | 'activeConnection' | 'answers'>>();
    if (!current) {
      attemptCache.delete(options.attemptId);
      throw new AppError('not_found', `Attempt ${options.attemptId} not found`);
    }
    entry.status = current.status;
    entry.deadlineAtMs = current.deadlineAt ? new Date(current.deadlineAt).getTime() : null;
    const stored = current.answers?.[String(options.slot)];
    if (stored && stored.seq >= options.seq) {
      return {
        slot: options.slot,
        seq: options.seq,
        storedSeq: stored.seq,
        savedAt: new Date(stored.savedAt).getTime(),
        isDuplicate: stored.seq === options.seq,
        isStale: stored.seq > options.seq,
      };
    }
    explainRefusal(current, options.authSessionId, now.getTime());
    // The guard failed for a reason that no longer holds (a concurrent change): try once more.
  }
  throw new AppError('conflict', `The answer of slot ${options.slot} could not be saved; retry`, { retryable: true });
}
