/**
 * Sets the rooms 考场 of a draft batch with their seats, workstations 工位 (R21) and proctors
 * (R6: proctors are the batch's exam administrators).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import type { BatchRoom } from './batch.model';
import { presentBatch } from './batch.presenter';
import { assertRoomProctors } from './batch-staff';
import { assertBatchStatus, loadBatch, updateDraftBatch } from './load-batch';
import type { BatchRoomsRequest, BatchView } from './plans.contracts';

/**
 * Replaces the rooms of a draft batch (rooms given with their `id` keep it) and audits
 * `batch.rooms_set`. Under 10 workstations for a work type is a warning in the answer (R21), not
 * a refusal.
 * @throws AppError `not_found`; `conflict` when not a draft; `validation_failed` for a repeated
 *   room name, an unknown room id, or removing a room that sessions use; `role_conflict` when a
 *   proctor is not an exam administrator of the batch (R6).
 */
export async function setBatchRooms(options: { batchId: string; request: BatchRoomsRequest; actor: Actor }): Promise<BatchView> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['draft'], 'changing rooms');
  const existing = new Set(batch.rooms.map((room) => String(room._id)));
  const names = new Set<string>();
  const rooms: BatchRoom[] = options.request.rooms.map((room, index) => {
    if (names.has(room.name)) {
      throw new AppError('validation_failed', `rooms[${index}].name: room name "${room.name}" is used twice`, { field: `rooms[${index}].name` });
    }
    names.add(room.name);
    if (room.id !== undefined && !existing.has(room.id)) {
      throw new AppError('validation_failed', `rooms[${index}].id: the batch has no room ${room.id}`, { field: `rooms[${index}].id` });
    }
    return {
      _id: new Types.ObjectId(room.id),
      name: room.name,
      seats: room.seats,
      workstations: room.workstations,
      proctorIds: [...new Set(room.proctorIds)].map((id) => new Types.ObjectId(id)),
    };
  });
  const kept = new Set(rooms.map((room) => String(room._id)));
  const orphan = batch.sessions.find((session) => !kept.has(String(session.roomId)));
  if (orphan) {
    const room = batch.rooms.find((candidate) => String(candidate._id) === String(orphan.roomId));
    throw new AppError(
      'validation_failed',
      `rooms: room ${room?.name ?? String(orphan.roomId)} is used by a ${orphan.kind} session; move or remove the session first`,
      { field: 'rooms', roomId: String(orphan.roomId) },
    );
  }
  assertRoomProctors(
    rooms,
    batch.staff.map((entry) => ({ userId: String(entry.userId), role: entry.role })),
  );
  const updated = await updateDraftBatch(batch, { $set: { rooms } }, 'changing rooms');
  const view = presentBatch(updated);
  await recordAudit({
    actor,
    action: 'batch.rooms_set',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: {
      rooms: rooms.map((room) => ({ id: String(room._id), name: room.name, seats: room.seats, workstations: room.workstations, proctorIds: room.proctorIds.map(String) })),
      warnings: view.warnings.filter((warning) => warning.ruleId === 'R21'),
    },
  });
  return view;
}
