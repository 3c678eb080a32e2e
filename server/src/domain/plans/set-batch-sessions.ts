/**
 * Sets the sessions of a draft batch: theory windows, practical sessions and comprehensive reviews
 * for levels 2 and 1 (R4), each for one scope in one room.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import type { BatchSession } from './batch.model';
import { presentBatch } from './batch.presenter';
import { assertBatchStatus, loadBatch, updateDraftBatch } from './load-batch';
import type { BatchSessionsRequest, BatchView } from './plans.contracts';

/** Default late entry for theory sessions: 30 minutes after the start. */
export const defaultLateEntryMinutes = 30;

/**
 * Replaces the sessions of a draft batch (sessions given with their `id` keep it) and audits
 * `batch.sessions_set`. Missing components (R4) and workstation shortfalls (R21) come back as
 * warnings; filing refuses missing components.
 * @throws AppError `not_found`; `conflict` when not a draft; `validation_failed` naming the session
 *   for an unknown scope, room or session id, or a review session for levels 5-3.
 */
export async function setBatchSessions(options: { batchId: string; request: BatchSessionsRequest; actor: Actor }): Promise<BatchView> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['draft'], 'changing sessions');
  const scopes = new Map(batch.scopes.map((scope) => [String(scope.scopeId), scope]));
  const rooms = new Set(batch.rooms.map((room) => String(room._id)));
  const existing = new Set(batch.sessions.map((session) => String(session._id)));
  const sessions: BatchSession[] = options.request.sessions.map((input, index) => {
    const field = `sessions[${index}]`;
    const scope = scopes.get(input.scopeId);
    if (!scope) throw new AppError('validation_failed', `${field}.scopeId: scope ${input.scopeId} is not in the batch`, { field: `${field}.scopeId` });
    if (!rooms.has(input.roomId)) {
      throw new AppError('validation_failed', `${field}.roomId: the batch has no room ${input.roomId}; set the rooms first`, { field: `${field}.roomId` });
    }
    if (input.id !== undefined && !existing.has(input.id)) {
      throw new AppError('validation_failed', `${field}.id: the batch has no session ${input.id}`, { field: `${field}.id` });
    }
    if (input.kind === 'review' && scope.level >= 3) {
      throw new AppError(
        'validation_failed',
        `${field}.kind: R4: a comprehensive review is for levels 2 and 1; ${scope.occupationName} ${scope.workType} is level ${scope.level}`,
        { field: `${field}.kind`, ruleId: 'R4' },
      );
    }
    const startsAt = new Date(input.startsAt);
    return {
      _id: new Types.ObjectId(input.id),
      kind: input.kind,
      scopeId: scope.scopeId,
      roomId: new Types.ObjectId(input.roomId),
      startsAt,
      durationMinutes: input.durationMinutes,
      ...(input.kind === 'theory'
        ? { lateEntryUntil: new Date(startsAt.getTime() + (input.lateEntryMinutes ?? defaultLateEntryMinutes) * 60_000) }
        : {}),
      status: 'scheduled',
    };
  });
  const updated = await updateDraftBatch(batch, { $set: { sessions } }, 'changing sessions');
  const view = presentBatch(updated);
  await recordAudit({
    actor,
    action: 'batch.sessions_set',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: {
      sessions: view.sessions.map((session) => ({ id: session.id, kind: session.kind, scopeId: session.scopeId, roomId: session.roomId, startsAt: session.startsAt, durationMinutes: session.durationMinutes })),
      warnings: view.warnings,
    },
  });
  return view;
}
