/**
 * Plain JSON of a registration (admitted candidate with ticket, room, seat, sessions, attendance).
 */
import type { BatchRecord } from './batch.model';
import type { RegistrationRecord } from './registration.model';
import type { RegistrationView } from './plans.contracts';

/** Presents a stored registration; room names come from the batch. */
export function presentRegistration(registration: RegistrationRecord, batch: Pick<BatchRecord, 'rooms'>): RegistrationView {
  const room = batch.rooms.find((candidate) => String(candidate._id) === String(registration.roomId));
  const optionalId = (key: 'applicationId' | 'theorySessionId' | 'practicalSessionId' | 'reviewSessionId') =>
    registration[key] ? { [key]: String(registration[key]) } : {};
  return {
    id: String(registration._id),
    batchId: String(registration.batchId),
    candidateId: String(registration.candidateId),
    ...optionalId('applicationId'),
    scopeId: String(registration.scopeId),
    level: registration.level,
    admissionTicketNumber: registration.admissionTicketNumber,
    candidateName: registration.candidateName,
    ...(registration.department ? { department: registration.department } : {}),
    roomId: String(registration.roomId),
    roomName: room?.name ?? '',
    seatNumber: registration.seatNumber,
    ...(registration.workstationNumber !== undefined && registration.workstationNumber !== null
      ? { workstationNumber: registration.workstationNumber }
      : {}),
    ...optionalId('theorySessionId'),
    ...optionalId('practicalSessionId'),
    ...optionalId('reviewSessionId'),
    ...(registration.attendance
      ? {
          attendance: {
            status: registration.attendance.status,
            markedAt: new Date(registration.attendance.markedAt).toISOString(),
            markedBy: String(registration.attendance.markedBy),
            ...(registration.attendance.reason ? { reason: registration.attendance.reason } : {}),
          },
        }
      : {}),
    attendanceBySession: (registration.attendanceBySession ?? []).map((entry) => ({
      sessionId: String(entry.sessionId),
      status: entry.status,
      markedAt: new Date(entry.markedAt).toISOString(),
      markedBy: String(entry.markedBy),
      ...(entry.reason ? { reason: entry.reason } : {}),
    })),
  };
}
