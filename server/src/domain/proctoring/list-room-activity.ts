/**
 * What a console shows besides the rows (R10): a room's incidents, actions and void requests, and
 * the void requests a supervisor has to decide.
 */
import { Types } from 'mongoose';
import type { IncidentView, ProctorActionView, VoidRequestView } from '@skillcert/proctoring/protocol';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { IncidentModel, type IncidentRecord } from './incident.model';
import { ProctorActionModel, type ProctorActionRecord } from './proctor-action.model';
import { presentAction, presentIncident, presentVoidRequest } from './proctoring.presenter';
import { VoidRequestModel, type VoidRequestRecord } from './void-request.model';

/** Most items of each kind a console receives on join. */
export const roomActivityLimit = 500;

/** Incidents of a session's room, oldest first (the newest {@link roomActivityLimit}). */
export async function listRoomIncidents(sessionId: string, roomId: string): Promise<IncidentView[]> {
  const records = await IncidentModel.find({ sessionId: new Types.ObjectId(sessionId), roomId: new Types.ObjectId(roomId) })
    .sort({ at: -1 })
    .limit(roomActivityLimit)
    .lean<IncidentRecord[]>();
  return records.reverse().map(presentIncident);
}

/** Actions of a session's room, oldest first (the newest {@link roomActivityLimit}). */
export async function listRoomActions(sessionId: string, roomId: string): Promise<ProctorActionView[]> {
  const records = await ProctorActionModel.find({ sessionId: new Types.ObjectId(sessionId), roomId: new Types.ObjectId(roomId) })
    .sort({ at: -1 })
    .limit(roomActivityLimit)
    .lean<ProctorActionRecord[]>();
  return records.reverse().map(presentAction);
}

/** Void requests of a session's room: pending first, then newest first. */
export async function listRoomVoidRequests(sessionId: string, roomId: string): Promise<VoidRequestView[]> {
  const records = await VoidRequestModel.find({ sessionId: new Types.ObjectId(sessionId), roomId: new Types.ObjectId(roomId) }).lean<VoidRequestRecord[]>();
  return sortVoidRequests(records.map(presentVoidRequest));
}

function sortVoidRequests(views: VoidRequestView[]): VoidRequestView[] {
  const rank = (view: VoidRequestView) => (view.status === 'pending' ? 0 : 1);
  return views.sort((a, b) => rank(a) - rank(b) || b.requestedAt - a.requestedAt);
}

/**
 * Void requests of the batches where `actor` is staff (supervisor, exam administrator) or a room
 * proctor; optionally of one batch and status.
 * @throws AppError `not_found` when `batchId` names no batch of the organisation.
 */
export async function listVoidRequests(options: { actor: Actor; batchId?: string; status?: 'pending' | 'confirmed' | 'rejected' }): Promise<VoidRequestView[]> {
  const { actor } = options;
  const userId = new Types.ObjectId(actor.userId);
  const organisationId = new Types.ObjectId(actor.organisationId);
  if (options.batchId && !(await BatchModel.exists({ _id: new Types.ObjectId(options.batchId), organisationId }))) {
    throw new AppError('not_found', `Batch ${options.batchId} not found`);
  }
  const batches = await BatchModel.find(
    {
      organisationId,
      ...(options.batchId ? { _id: new Types.ObjectId(options.batchId) } : {}),
      $or: [{ 'staff.userId': userId }, { 'rooms.proctorIds': userId }],
    },
    { _id: 1, staff: 1, rooms: 1 },
  ).lean<Pick<BatchRecord, '_id' | 'staff' | 'rooms'>[]>();
  if (batches.length === 0) return [];
  const records = await VoidRequestModel.find({
    batchId: { $in: batches.map((batch) => batch._id) },
    ...(options.status ? { status: options.status } : {}),
  }).lean<VoidRequestRecord[]>();
  const visible = records.filter((record) => {
    const batch = batches.find((candidate) => String(candidate._id) === String(record.batchId));
    if (!batch) return false;
    if (batch.staff.some((staff) => String(staff.userId) === actor.userId)) return true;
    return batch.rooms.some((room) => String(room._id) === String(record.roomId) && room.proctorIds.some((id) => String(id) === actor.userId));
  });
  return sortVoidRequests(visible.map(presentVoidRequest));
}
