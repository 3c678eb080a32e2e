/**
 * Shared checks of the attempt use cases: id parsing, the candidate owning an attempt, the proctor
 * assigned to its batch or room (R6 role per batch, R10 who handled what), and the common payload
 * of attempt domain events.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { AttemptEventBase } from '../events';
import type { Actor } from '../identity/actor';
import { hasAnyRole } from '../identity/actor';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { AttemptModel, type AttemptRecord } from './attempt.model';

/** Roles that may act as proctor 监考 (exam administrators and proctors). */
export const proctorRoles = ['exam_admin', 'proctor'] as const;

/**
 * Parses a 24-hex id.
 * @throws AppError `validation_failed` naming `field`.
 */
export function toObjectId(id: string, field: string): Types.ObjectId {
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/i.test(id)) {
    throw new AppError('validation_failed', `${field}: ${JSON.stringify(id)} is not a 24-character hexadecimal id`, {
      issues: [{ field, message: 'must be a 24-character hexadecimal id' }],
    });
  }
  return new Types.ObjectId(id);
}

/**
 * Throws unless the actor is a candidate.
 * @throws AppError `forbidden`.
 */
export function assertCandidate(actor: Actor): void {
  if (!actor.roles.includes('candidate')) throw new AppError('forbidden', 'Only a candidate may sit an attempt');
}

/**
 * Loads the actor's own attempt. Someone else's attempt answers as missing (no existence leak).
 * @throws AppError `not_found`, `forbidden` (not a candidate), `validation_failed` (bad id).
 */
export async function loadOwnAttempt(attemptId: string, actor: Actor): Promise<AttemptRecord> {
  assertCandidate(actor);
  const id = toObjectId(attemptId, 'attemptId');
  const attempt = await AttemptModel.findById(id).lean<AttemptRecord>();
  if (!attempt || String(attempt.candidateId) !== actor.userId) {
    throw new AppError('not_found', `Attempt ${attemptId} not found`);
  }
  return attempt;
}

/**
 * Throws unless `actor` may proctor `roomId` of `batch`: same organisation, role exam_admin or
 * proctor, and assigned to the batch as exam administrator or to the room as proctor (R6, R10).
 * @throws AppError `not_found` (other organisation), `forbidden` (role or assignment missing).
 */
export function assertProctorOf(actor: Actor, batch: Pick<BatchRecord, '_id' | 'organisationId' | 'staff' | 'rooms' | 'code'>, roomId: string): void {
  if (String(batch.organisationId) !== actor.organisationId) throw new AppError('not_found', `Batch ${String(batch._id)} not found`);
  if (!hasAnyRole(actor, proctorRoles)) {
    throw new AppError('forbidden', `This action requires one of the roles: ${proctorRoles.join(', ')}`, { requiredRoles: proctorRoles });
  }
  const isBatchAdmin = batch.staff.some((staff) => String(staff.userId) === actor.userId && staff.role === 'exam_admin');
  const room = batch.rooms.find((candidate) => String(candidate._id) === roomId);
  const isRoomProctor = room?.proctorIds.some((id) => String(id) === actor.userId) ?? false;
  if (!isBatchAdmin && !isRoomProctor) {
    throw new AppError('forbidden', `You are not assigned to batch ${batch.code} as exam administrator nor to room ${room?.name ?? roomId} as proctor`);
  }
}

/**
 * Loads an attempt for a proctor action and checks the actor's assignment.
 * @throws AppError `not_found`, `forbidden`, `validation_failed`.
 */
export async function loadAttemptForProctor(attemptId: string, actor: Actor): Promise<AttemptRecord> {
  const id = toObjectId(attemptId, 'attemptId');
  const attempt = await AttemptModel.findById(id).lean<AttemptRecord>();
  if (!attempt || String(attempt.organisationId) !== actor.organisationId) throw new AppError('not_found', `Attempt ${attemptId} not found`);
  const batch = await BatchModel.findById(attempt.batchId, { organisationId: 1, staff: 1, rooms: 1, code: 1 }).lean<BatchRecord>();
  if (!batch) throw new AppError('not_found', `Batch ${String(attempt.batchId)} of attempt ${attemptId} not found`);
  assertProctorOf(actor, batch, String(attempt.roomId));
  return attempt;
}

/** The common payload of `attempt.*` events. */
export function toEventBase(
  attempt: Pick<AttemptRecord, '_id' | 'organisationId' | 'batchId' | 'sessionId' | 'roomId' | 'candidateId'>,
  atMs: number,
): AttemptEventBase {
  return {
    attemptId: String(attempt._id),
    organisationId: String(attempt.organisationId),
    batchId: String(attempt.batchId),
    sessionId: String(attempt.sessionId),
    roomId: String(attempt.roomId),
    candidateId: String(attempt.candidateId),
    at: atMs,
  };
}

/** Counts slots with a non-empty stored response. */
export function countAnswered(answers: AttemptRecord['answers'] | undefined): number {
  let count = 0;
  for (const answer of Object.values(answers ?? {})) if (answer && answer.response.length > 0) count += 1;
  return count;
}

/** Audit target of an attempt. */
export function attemptAuditTarget(attempt: Pick<AttemptRecord, '_id' | 'candidateId'>): { kind: string; id: string; label: string } {
  return { kind: 'attempt', id: String(attempt._id), label: `candidate ${String(attempt.candidateId)}` };
}

/** Largest number of conditional-update retries of the proctor use cases before `conflict`. */
export const maximumStateRetries = 5;
