/**
 * Who may watch and act in a room (R6, R10, R17): a proctor 监考 assigned to the room acts; the
 * batch's exam administrators observe (they act only when the organisation allows it) and the batch's
 * internal quality supervisors 内督员 observe and confirm voids. Everyone else is refused. Also the
 * room list of the console and the access check of candidate timelines.
 */
import { Types } from 'mongoose';
import type { RoomAccess } from '@skillcert/proctoring/namespace';
import { toRoomKey, type RoomAccessMode, type RoomInfo } from '@skillcert/proctoring/protocol';
import { AppError } from '../../errors';
import { AttemptModel, type AttemptRecord } from '../attempts/attempt.model';
import { hasAnyRole, type Actor } from '../identity/actor';
import { BatchModel, type BatchRecord, type BatchRoom, type BatchSession } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import type { ProctorRoomEntry } from './proctoring.contracts';
import { loadProctoringSettings } from './proctoring-settings';

/** In what capacity a viewer watches: room proctor, batch exam administrator or batch supervisor. */
export type ViewerCapacity = 'proctor' | 'exam_admin' | 'supervisor';

/** The outcome of {@link decideRoomAccess}. */
export interface RoomAccessDecision {
  mode: RoomAccessMode;
  canAct: boolean;
  canConfirmVoids: boolean;
  capacity: ViewerCapacity;
}

/**
 * The access of `actor` to `room` of `batch` (R6 roles per batch, R10): room proctor (act), batch
 * exam administrator (observe; act when `batchExamAdminsMayAct`), batch supervisor (observe, confirm
 * voids); null when none applies or the batch is another organisation's.
 */
export function decideRoomAccess(
  actor: Pick<Actor, 'userId' | 'organisationId' | 'roles'>,
  batch: Pick<BatchRecord, 'organisationId' | 'staff'>,
  room: Pick<BatchRoom, 'proctorIds'>,
  options: { batchExamAdminsMayAct: boolean },
): RoomAccessDecision | null {
  if (String(batch.organisationId) !== actor.organisationId) return null;
  const isRoomProctor = room.proctorIds.some((id) => String(id) === actor.userId) && hasAnyRole(actor, ['exam_admin', 'proctor']);
  if (isRoomProctor) return { mode: 'proctor', canAct: true, canConfirmVoids: false, capacity: 'proctor' };
  const batchRoles = batch.staff.filter((staff) => String(staff.userId) === actor.userId).map((staff) => staff.role);
  if (batchRoles.includes('exam_admin') && hasAnyRole(actor, ['exam_admin', 'proctor'])) {
    return { mode: 'observer', canAct: options.batchExamAdminsMayAct, canConfirmVoids: false, capacity: 'exam_admin' };
  }
  if (batchRoles.includes('supervisor') && actor.roles.includes('supervisor')) {
    return { mode: 'observer', canAct: false, canConfirmVoids: true, capacity: 'supervisor' };
  }
  return null;
}

/**
 * The theory session of a room to watch: `sessionId` when given, else the room's open theory
 * session, else the one starting closest to now.
 * @throws AppError `not_found` naming the room or session.
 */
export function pickTheorySession(batch: BatchRecord, room: BatchRoom, sessionId?: string, now = Date.now()): BatchSession {
  const sessions = batch.sessions.filter((session) => session.kind === 'theory' && String(session.roomId) === String(room._id));
  if (sessionId) {
    const session = sessions.find((candidate) => String(candidate._id) === sessionId);
    if (!session) throw new AppError('not_found', `Room ${room.name} of batch ${batch.code} has no theory session ${sessionId}`);
    return session;
  }
  const open = sessions.find((session) => session.status === 'open');
  if (open) return open;
  const closest = [...sessions].sort((a, b) => Math.abs(new Date(a.startsAt).getTime() - now) - Math.abs(new Date(b.startsAt).getTime() - now))[0];
  if (!closest) throw new AppError('not_found', `Room ${room.name} of batch ${batch.code} has no theory session`);
  return closest;
}

/** The room description the console shows. */
export function toRoomInfo(batch: BatchRecord, room: BatchRoom, session: BatchSession): RoomInfo {
  const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === String(session.scopeId));
  return {
    roomKey: toRoomKey(String(session._id), String(room._id)),
    organisationId: String(batch.organisationId),
    batchId: String(batch._id),
    batchCode: batch.code,
    batchName: batch.name,
    roomId: String(room._id),
    roomName: room.name,
    sessionId: String(session._id),
    sessionStatus: session.status,
    sessionStartsAt: new Date(session.startsAt).getTime(),
    durationMs: session.durationMinutes * 60_000,
    occupationName: scope?.occupationName ?? '',
    workType: scope?.workType ?? '',
    level: scope?.level ?? 0,
  };
}

/** A granted room access with what it was decided from. */
export interface AuthorizedRoom {
  access: RoomAccess;
  capacity: ViewerCapacity;
  batch: BatchRecord;
  room: BatchRoom;
  session: BatchSession;
}

/**
 * Authorizes `actor` to watch a room's theory session (R10).
 * @throws AppError `not_found` (batch, room or session of this organisation), `forbidden` when the
 *   actor is neither the room's proctor nor an exam administrator or supervisor of the batch.
 */
export async function authorizeRoom(actor: Actor, request: { batchId: string; roomId: string; sessionId?: string }): Promise<AuthorizedRoom> {
  const batch = await loadBatch(actor.organisationId, request.batchId);
  const room = batch.rooms.find((candidate) => String(candidate._id) === request.roomId);
  if (!room) throw new AppError('not_found', `Batch ${batch.code} has no room ${request.roomId}`);
  const settings = await loadProctoringSettings(actor.organisationId);
  const decision = decideRoomAccess(actor, batch, room, { batchExamAdminsMayAct: settings.batchExamAdminsMayAct });
  if (!decision) {
    throw new AppError('forbidden', `You are not a proctor of room ${room.name} nor an exam administrator or supervisor of batch ${batch.code}`);
  }
  const session = pickTheorySession(batch, room, request.sessionId);
  return {
    access: { mode: decision.mode, canAct: decision.canAct, canConfirmVoids: decision.canConfirmVoids, room: toRoomInfo(batch, room, session) },
    capacity: decision.capacity,
    batch,
    room,
    session,
  };
}

/** Batch statuses whose rooms the console lists. */
const watchableStatuses = ['filed', 'announced', 'in_progress', 'scoring', 'results_approved', 'published', 'closed'] as const;

/**
 * The rooms (theory session × room) `actor` may open in the console, open sessions first, then by
 * start time (latest first).
 */
export async function listProctorRooms(actor: Actor): Promise<ProctorRoomEntry[]> {
  const userId = new Types.ObjectId(actor.userId);
  const batches = await BatchModel.find({
    organisationId: new Types.ObjectId(actor.organisationId),
    status: { $in: watchableStatuses },
    $or: [{ 'rooms.proctorIds': userId }, { 'staff.userId': userId }],
  }).lean<BatchRecord[]>();
  const settings = await loadProctoringSettings(actor.organisationId);
  const entries: ProctorRoomEntry[] = [];
  for (const batch of batches) {
    for (const room of batch.rooms) {
      const decision = decideRoomAccess(actor, batch, room, { batchExamAdminsMayAct: settings.batchExamAdminsMayAct });
      if (!decision) continue;
      for (const session of batch.sessions.filter((candidate) => candidate.kind === 'theory' && String(candidate.roomId) === String(room._id))) {
        entries.push({
          batchId: String(batch._id),
          batchCode: batch.code,
          batchName: batch.name,
          batchStatus: batch.status,
          roomId: String(room._id),
          roomName: room.name,
          sessionId: String(session._id),
          sessionStatus: session.status,
          sessionStartsAt: new Date(session.startsAt).toISOString(),
          durationMinutes: session.durationMinutes,
          mode: decision.mode,
          canAct: decision.canAct,
          canConfirmVoids: decision.canConfirmVoids,
        });
      }
    }
  }
  const rank = (entry: ProctorRoomEntry) => (entry.sessionStatus === 'open' ? 0 : 1);
  return entries.sort((a, b) => rank(a) - rank(b) || b.sessionStartsAt.localeCompare(a.sessionStartsAt));
}

/**
 * Loads an attempt for a viewer of its room (timeline, webcam snapshots).
 * @throws AppError `validation_failed` (bad id), `not_found` (unknown or another organisation's),
 *   `forbidden` (not a proctor, exam administrator or supervisor of the attempt's room or batch).
 */
export async function authorizeAttemptViewer(actor: Actor, attemptId: string): Promise<{ attempt: AttemptRecord; authorized: AuthorizedRoom }> {
  if (!/^[0-9a-f]{24}$/i.test(attemptId)) throw new AppError('validation_failed', `attemptId: ${JSON.stringify(attemptId)} is not a 24-character hexadecimal id`);
  const attempt = await AttemptModel.findById(attemptId).lean<AttemptRecord>();
  if (!attempt || String(attempt.organisationId) !== actor.organisationId) throw new AppError('not_found', `Attempt ${attemptId} not found`);
  const authorized = await authorizeRoom(actor, { batchId: String(attempt.batchId), roomId: String(attempt.roomId), sessionId: String(attempt.sessionId) });
  return { attempt, authorized };
}
