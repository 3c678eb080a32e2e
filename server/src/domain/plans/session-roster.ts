/**
 * The candidates of one session in its room (R10): lookup helpers and the attendance list.
 */
import { AppError } from '../../errors';
import type { BatchRecord, BatchSession } from './batch.model';
import { loadBatch } from './load-batch';
import type { SessionAttendanceView } from './plans.contracts';
import { RegistrationModel, type RegistrationRecord } from './registration.model';

/** Field of a registration that points at a session of each kind. */
export const sessionFieldByKind = Object.freeze({
  theory: 'theorySessionId',
  practical: 'practicalSessionId',
  review: 'reviewSessionId',
} as const);

/**
 * The session `sessionId` of `batch`.
 * @throws AppError `not_found` when the batch has no such session.
 */
export function findSession(batch: BatchRecord, sessionId: string): BatchSession {
  const session = batch.sessions.find((candidate) => String(candidate._id) === sessionId);
  if (!session) throw new AppError('not_found', `Batch ${batch.code} has no session ${sessionId}`);
  return session;
}

/** Registrations of a session in seat (theory) or workstation (practical) order. */
export async function loadSessionRegistrations(batch: BatchRecord, session: BatchSession): Promise<RegistrationRecord[]> {
  const registrations = await RegistrationModel.find({ batchId: batch._id, [sessionFieldByKind[session.kind]]: session._id }).lean<RegistrationRecord[]>();
  const position = (registration: RegistrationRecord) =>
    session.kind === 'practical' ? (registration.workstationNumber ?? 0) : session.kind === 'theory' ? registration.seatNumber : 0;
  return registrations.sort((a, b) => position(a) - position(b) || a.admissionTicketNumber.localeCompare(b.admissionTicketNumber));
}

/** The attendance mark of `registration` at `session`, if any. */
export function attendanceAt(registration: RegistrationRecord, session: BatchSession) {
  return (registration.attendanceBySession ?? []).find((entry) => String(entry.sessionId) === String(session._id));
}

/**
 * The attendance list of a session (R10): every candidate with present/absent/unmarked and counts.
 * @throws AppError `not_found` for an unknown batch or session.
 */
export async function getSessionAttendance(options: { organisationId: string; batchId: string; sessionId: string }): Promise<SessionAttendanceView> {
  const batch = await loadBatch(options.organisationId, options.batchId);
  const session = findSession(batch, options.sessionId);
  const registrations = await loadSessionRegistrations(batch, session);
  const room = batch.rooms.find((candidate) => String(candidate._id) === String(session.roomId));
  const candidates = registrations.map((registration) => {
    const mark = attendanceAt(registration, session);
    return {
      registrationId: String(registration._id),
      admissionTicketNumber: registration.admissionTicketNumber,
      candidateName: registration.candidateName,
      seatNumber: registration.seatNumber,
      ...(registration.workstationNumber !== undefined && registration.workstationNumber !== null ? { workstationNumber: registration.workstationNumber } : {}),
      status: mark?.status ?? ('unmarked' as const),
      ...(mark?.reason ? { reason: mark.reason } : {}),
      ...(mark ? { markedAt: new Date(mark.markedAt).toISOString() } : {}),
    };
  });
  const count = (status: 'present' | 'absent' | 'unmarked') => candidates.filter((candidate) => candidate.status === status).length;
  return {
    sessionId: String(session._id),
    kind: session.kind,
    roomId: String(session.roomId),
    roomName: room?.name ?? '',
    startsAt: new Date(session.startsAt).toISOString(),
    candidates,
    counts: { present: count('present'), absent: count('absent'), unmarked: count('unmarked') },
  };
}

/** Whether `userId` may record attendance at `session`: an exam administrator of the batch or a proctor of its room. */
export function isSessionStaff(batch: BatchRecord, session: BatchSession, userId: string): boolean {
  const room = batch.rooms.find((candidate) => String(candidate._id) === String(session.roomId));
  return (
    batch.staff.some((entry) => entry.role === 'exam_admin' && String(entry.userId) === userId) ||
    (room?.proctorIds ?? []).some((id) => String(id) === userId)
  );
}
