/**
 * Plain JSON views of proctoring records (never a mongoose document): incidents, actions and void
 * requests as the console, the timeline and the room record show them.
 */
import type { IncidentHandling, IncidentView, ProctorActionView, VoidRequestView } from '@skillcert/proctoring/protocol';
import { toRoomKey } from '@skillcert/proctoring/protocol';
import type { IncidentHandlingRecord, IncidentRecord } from './incident.model';
import type { ProctorActionRecord } from './proctor-action.model';
import type { VoidRequestRecord } from './void-request.model';

/** The handling of an incident, or null. */
export function presentHandling(handling: IncidentHandlingRecord | null | undefined): IncidentHandling | null {
  if (!handling) return null;
  return {
    kind: handling.kind,
    action: (handling.action ?? null) as IncidentHandling['action'],
    note: handling.note,
    byUserId: String(handling.byUserId),
    byName: handling.byName,
    at: new Date(handling.at).getTime(),
  };
}

/** An incident; its id is the rule engine's key. */
export function presentIncident(record: IncidentRecord): IncidentView {
  return {
    id: record.key,
    roomKey: toRoomKey(String(record.sessionId), String(record.roomId)),
    attemptId: String(record.attemptId),
    candidateId: String(record.candidateId),
    candidateName: record.candidateName,
    seat: record.seat ?? null,
    rule: record.rule,
    severity: record.severity,
    at: new Date(record.at).getTime(),
    detail: record.detail ?? {},
    handling: presentHandling(record.handling),
  };
}

/** A proctor action. */
export function presentAction(record: ProctorActionRecord): ProctorActionView {
  return {
    id: String(record._id),
    roomKey: toRoomKey(String(record.sessionId), String(record.roomId)),
    attemptId: String(record.attemptId),
    candidateName: record.candidateName,
    seat: record.seat ?? null,
    action: record.action,
    reason: record.reason,
    detail: record.detail ?? {},
    incidentIds: [...(record.incidentIds ?? [])],
    byUserId: String(record.byUserId),
    byName: record.byName,
    at: new Date(record.at).getTime(),
  };
}

/** A void request. */
export function presentVoidRequest(record: VoidRequestRecord): VoidRequestView {
  return {
    id: String(record._id),
    roomKey: toRoomKey(String(record.sessionId), String(record.roomId)),
    batchId: String(record.batchId),
    attemptId: String(record.attemptId),
    candidateName: record.candidateName,
    seat: record.seat ?? null,
    reason: record.reason,
    status: record.status,
    requestedBy: { userId: String(record.requestedBy), name: record.requestedByName },
    requestedAt: new Date(record.requestedAt).getTime(),
    decidedBy: record.decidedBy ? { userId: String(record.decidedBy), name: record.decidedByName ?? '' } : null,
    decidedAt: record.decidedAt ? new Date(record.decidedAt).getTime() : null,
    note: record.note ?? null,
  };
}

/** Seat label of a registration's seat number (theory rooms). */
export function seatLabel(seatNumber: number | null | undefined): string | null {
  return seatNumber === null || seatNumber === undefined ? null : String(seatNumber).padStart(2, '0');
}
