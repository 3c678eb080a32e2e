/**
 * Builds the room record 考场记录表 of a theory session in a room (R10) from what was stored during
 * the exam: the staff assigned and on duty, attendance, incidents with their handling, actions, void
 * requests and the attempts' outcomes. Pure reading; `generate-room-record.ts` stores it.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { AttemptModel, type AttemptRecord } from '../attempts/attempt.model';
import type { Actor } from '../identity/actor';
import { UserModel } from '../identity/user.model';
import type { BatchRecord, BatchRoom, BatchSession } from '../plans/batch.model';
import { loadPlanOrganisation } from '../plans/load-plan-settings';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { IncidentModel, type IncidentRecord } from './incident.model';
import { ProctorActionModel, type ProctorActionRecord } from './proctor-action.model';
import { ProctorDutyModel } from './proctor-duty.model';
import type { RoomRecordDocument, RoomRecordPerson } from './proctoring.contracts';
import { summarizeIncident } from './proctoring-labels';
import { seatLabel } from './proctoring.presenter';
import { VoidRequestModel, type VoidRequestRecord } from './void-request.model';

const iso = (value: Date | null | undefined) => (value ? new Date(value).toISOString() : null);

async function namesOf(ids: readonly Types.ObjectId[]): Promise<RoomRecordPerson[]> {
  if (ids.length === 0) return [];
  const users = await UserModel.find({ _id: { $in: [...ids] } }, { name: 1 }).lean();
  const byId = new Map(users.map((user) => [String(user._id), user.name]));
  return ids.map((id) => ({ userId: String(id), name: byId.get(String(id)) ?? String(id) }));
}

/**
 * The room record document of `session` in `room` of `batch` (R10).
 * @param options.version version number the document will be stored as
 * @param options.conditions room conditions 考场情况 as written by the proctor (optional)
 * @throws AppError `validation_failed` when the session is not a theory session of the room.
 */
export async function buildRoomRecord(options: {
  actor: Actor;
  batch: BatchRecord;
  room: BatchRoom;
  session: BatchSession;
  version: number;
  conditions?: string | null;
  now?: Date;
}): Promise<RoomRecordDocument> {
  const { batch, room, session } = options;
  if (session.kind !== 'theory' || String(session.roomId) !== String(room._id)) {
    throw new AppError('validation_failed', `sessionId: session ${String(session._id)} is not a theory session of room ${room.name}`);
  }
  const sessionId = session._id;
  const roomId = room._id;
  const [organisation, registrations, attempts, incidents, actions, voidRequests, duties] = await Promise.all([
    loadPlanOrganisation(String(batch.organisationId)),
    RegistrationModel.find({ batchId: batch._id, theorySessionId: sessionId, roomId }).lean<RegistrationRecord[]>(),
    AttemptModel.find({ sessionId, roomId }, { registrationId: 1, status: 1, submitReason: 1 }).lean<Pick<AttemptRecord, '_id' | 'registrationId' | 'status' | 'submitReason'>[]>(),
    IncidentModel.find({ sessionId, roomId }).sort({ at: 1 }).lean<IncidentRecord[]>(),
    ProctorActionModel.find({ sessionId, roomId }).sort({ at: 1 }).lean<ProctorActionRecord[]>(),
    VoidRequestModel.find({ sessionId, roomId }).sort({ requestedAt: 1 }).lean<VoidRequestRecord[]>(),
    ProctorDutyModel.find({ sessionId, roomId }).sort({ firstJoinedAt: 1 }).lean(),
  ]);
  const staffIds = (role: string) => batch.staff.filter((staff) => staff.role === role).map((staff) => staff.userId);
  const [assignedProctors, examAdministrators, supervisors] = await Promise.all([namesOf(room.proctorIds), namesOf(staffIds('exam_admin')), namesOf(staffIds('supervisor'))]);
  registrations.sort((a, b) => a.seatNumber - b.seatNumber || a.admissionTicketNumber.localeCompare(b.admissionTicketNumber));
  const candidates = registrations.map((registration) => {
    const mark = (registration.attendanceBySession ?? []).find((entry) => String(entry.sessionId) === String(sessionId));
    return {
      registrationId: String(registration._id),
      admissionTicketNumber: registration.admissionTicketNumber,
      candidateName: registration.candidateName,
      seat: seatLabel(registration.seatNumber) ?? '',
      status: mark?.status ?? ('unmarked' as const),
      reason: mark?.reason ?? null,
      markedAt: iso(mark?.markedAt),
    };
  });
  const count = (status: 'present' | 'absent' | 'unmarked') => candidates.filter((candidate) => candidate.status === status).length;
  const outcomes = { submittedByCandidate: 0, submittedAtDeadline: 0, submittedByProctor: 0, voided: 0, inProgress: 0, notStarted: 0 };
  for (const attempt of attempts) {
    if (attempt.status === 'voided') outcomes.voided += 1;
    else if (attempt.status === 'submitted') {
      if (attempt.submitReason === 'deadline') outcomes.submittedAtDeadline += 1;
      else if (attempt.submitReason === 'proctor') outcomes.submittedByProctor += 1;
      else outcomes.submittedByCandidate += 1;
    } else if (attempt.status === 'waiting') outcomes.notStarted += 1;
    else outcomes.inProgress += 1;
  }
  const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === String(session.scopeId));
  const startsAt = new Date(session.startsAt);
  const generatedBy = { userId: options.actor.userId, name: options.actor.name };
  return {
    title: '考场记录表',
    version: options.version,
    generatedAt: (options.now ?? new Date()).toISOString(),
    generatedBy,
    organisation: { id: String(batch.organisationId), name: organisation.name },
    batch: { id: String(batch._id), code: batch.code, name: batch.name, mode: batch.mode },
    scope: { occupationCode: scope?.occupationCode ?? '', occupationName: scope?.occupationName ?? '', workType: scope?.workType ?? '', level: scope?.level ?? 0 },
    session: {
      id: String(sessionId),
      kind: 'theory',
      status: session.status,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + session.durationMinutes * 60_000).toISOString(),
      durationMinutes: session.durationMinutes,
    },
    room: { id: String(roomId), name: room.name, seats: room.seats },
    staff: {
      assignedProctors,
      examAdministrators,
      supervisors,
      onDuty: duties.map((duty) => ({
        userId: String(duty.userId),
        name: duty.name,
        mode: duty.mode,
        capacity: duty.capacity,
        firstJoinedAt: new Date(duty.firstJoinedAt).toISOString(),
        lastLeftAt: iso(duty.lastLeftAt),
      })),
    },
    attendance: {
      expectedCount: candidates.length,
      presentCount: count('present'),
      absentCount: count('absent'),
      unmarkedCount: count('unmarked'),
      candidates,
    },
    incidents: incidents.map((incident) => ({
      id: incident.key,
      at: new Date(incident.at).toISOString(),
      candidateName: incident.candidateName,
      seat: incident.seat ?? null,
      rule: incident.rule,
      severity: incident.severity,
      summary: summarizeIncident(incident.rule, incident.detail ?? {}),
      detail: incident.detail ?? {},
      handling: incident.handling
        ? { kind: incident.handling.kind, action: incident.handling.action ?? null, note: incident.handling.note, byName: incident.handling.byName, at: new Date(incident.handling.at).toISOString() }
        : null,
    })),
    actions: actions.map((action) => ({
      id: String(action._id),
      at: new Date(action.at).toISOString(),
      candidateName: action.candidateName,
      seat: action.seat ?? null,
      action: action.action,
      reason: action.reason,
      detail: action.detail ?? {},
      byName: action.byName,
      incidentIds: [...(action.incidentIds ?? [])],
    })),
    voidRequests: voidRequests.map((request) => ({
      id: String(request._id),
      candidateName: request.candidateName,
      seat: request.seat ?? null,
      reason: request.reason,
      status: request.status,
      requestedByName: request.requestedByName,
      requestedAt: new Date(request.requestedAt).toISOString(),
      decidedByName: request.decidedByName ?? null,
      decidedAt: iso(request.decidedAt),
      note: request.note ?? null,
    })),
    outcomes,
    conditions: options.conditions?.trim() ? options.conditions.trim() : null,
    summary: {
      incidentCount: incidents.length,
      unhandledIncidentCount: incidents.filter((incident) => !incident.handling).length,
      actionCount: actions.length,
    },
  };
}
