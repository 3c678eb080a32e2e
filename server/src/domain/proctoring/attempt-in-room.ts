/**
 * Shared helpers of the proctor use cases: the attempt an action names, checked to be in the room
 * the viewer joined, with the candidate's name and seat; recording an action; marking the incidents
 * it handled (R10: irregularities and their handling).
 */
import { Types } from 'mongoose';
import type { ProctorActionType } from '@skillcert/proctoring/events';
import type { RoomAccess } from '@skillcert/proctoring/namespace';
import type { IncidentHandledView, ProctorActionView } from '@skillcert/proctoring/protocol';
import { AppError } from '../../errors';
import { AttemptModel, type AttemptRecord } from '../attempts/attempt.model';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { RegistrationModel } from '../plans/registration.model';
import { IncidentModel, type IncidentHandlingRecord } from './incident.model';
import { ProctorActionModel } from './proctor-action.model';
import { presentAction, presentHandling, seatLabel } from './proctoring.presenter';
import './proctoring-events';

/** An attempt of the room with its candidate's name and seat. */
export interface AttemptInRoom {
  attempt: Pick<AttemptRecord, '_id' | 'organisationId' | 'batchId' | 'sessionId' | 'roomId' | 'candidateId' | 'registrationId' | 'status'>;
  candidateName: string;
  seat: string | null;
}

/**
 * Loads `attemptId` and checks it belongs to the joined room.
 * @throws AppError `validation_failed` (bad id), `not_found`, `forbidden` (another room's attempt).
 */
export async function loadAttemptInRoom(attemptId: string, access: RoomAccess): Promise<AttemptInRoom> {
  if (!/^[0-9a-f]{24}$/i.test(attemptId)) throw new AppError('validation_failed', `attemptId: ${JSON.stringify(attemptId)} is not a 24-character hexadecimal id`);
  const attempt = await AttemptModel.findById(attemptId, { organisationId: 1, batchId: 1, sessionId: 1, roomId: 1, candidateId: 1, registrationId: 1, status: 1 }).lean<
    AttemptInRoom['attempt']
  >();
  if (!attempt || String(attempt.organisationId) !== access.room.organisationId) throw new AppError('not_found', `Attempt ${attemptId} not found`);
  if (String(attempt.sessionId) !== access.room.sessionId || String(attempt.roomId) !== access.room.roomId) {
    throw new AppError('forbidden', `Attempt ${attemptId} is not in room ${access.room.roomName} of this session`);
  }
  const registration = await RegistrationModel.findById(attempt.registrationId, { candidateName: 1, seatNumber: 1 }).lean();
  return { attempt, candidateName: registration?.candidateName ?? '', seat: seatLabel(registration?.seatNumber) };
}

/**
 * Stores an action, marks the named incidents of the same attempt as handled by it, and emits
 * `proctoring.action_recorded` and `proctoring.incident_handled`.
 * @returns the action's view
 */
export async function recordProctorAction(options: {
  target: { attempt: Pick<AttemptRecord, '_id' | 'organisationId' | 'batchId' | 'sessionId' | 'roomId' | 'candidateId'>; candidateName: string; seat: string | null };
  action: ProctorActionType;
  reason: string;
  detail: Record<string, string | number | boolean | null>;
  incidentIds?: readonly string[];
  by: Pick<Actor, 'userId' | 'name'>;
  at: Date;
}): Promise<ProctorActionView> {
  const { attempt } = options.target;
  const created = await ProctorActionModel.create({
    organisationId: attempt.organisationId,
    batchId: attempt.batchId,
    sessionId: attempt.sessionId,
    roomId: attempt.roomId,
    attemptId: attempt._id,
    candidateId: attempt.candidateId,
    candidateName: options.target.candidateName,
    seat: options.target.seat,
    action: options.action,
    reason: options.reason,
    detail: options.detail,
    incidentIds: [...new Set(options.incidentIds ?? [])],
    byUserId: new Types.ObjectId(options.by.userId),
    byName: options.by.name,
    at: options.at,
  });
  const view = presentAction(created.toObject());
  domainEvents.emit('proctoring.action_recorded', { view });
  if (view.incidentIds.length > 0) {
    await markIncidentsHandled({
      attemptId: String(attempt._id),
      incidentIds: view.incidentIds,
      handling: { kind: 'action', action: options.action, note: options.reason, byUserId: new Types.ObjectId(options.by.userId), byName: options.by.name, at: options.at, actionId: created._id },
    });
  }
  return view;
}

/**
 * Sets the handling of the named incidents of an attempt that have none yet and emits
 * `proctoring.incident_handled` for each.
 * @returns the handled incidents' views
 */
export async function markIncidentsHandled(options: { attemptId: string; incidentIds: readonly string[]; handling: IncidentHandlingRecord }): Promise<IncidentHandledView[]> {
  const attemptId = new Types.ObjectId(options.attemptId);
  const open = await IncidentModel.find({ key: { $in: [...options.incidentIds] }, attemptId, handling: null }, { key: 1, sessionId: 1, roomId: 1 }).lean();
  const views: IncidentHandledView[] = [];
  for (const incident of open) {
    const result = await IncidentModel.updateOne({ _id: incident._id, handling: null }, { $set: { handling: options.handling } });
    if (result.modifiedCount === 0) continue;
    const view: IncidentHandledView = {
      id: incident.key,
      roomKey: `${String(incident.sessionId)}:${String(incident.roomId)}`,
      attemptId: options.attemptId,
      handling: presentHandling(options.handling)!,
    };
    views.push(view);
    domainEvents.emit('proctoring.incident_handled', { view });
  }
  return views;
}
