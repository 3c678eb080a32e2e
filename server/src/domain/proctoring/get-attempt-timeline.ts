/**
 * A candidate's timeline for the console's detail view (R10): attendance, start, pauses, extensions,
 * submission or void, incidents, actions, void requests and webcam snapshots, in time order. Never
 * includes the form (items, keys, permutation).
 */
import { Types } from 'mongoose';
import { toRoomKey } from '@skillcert/proctoring/protocol';
import type { Actor } from '../identity/actor';
import { RegistrationModel } from '../plans/registration.model';
import { IncidentModel, type IncidentRecord } from './incident.model';
import { ProctorActionModel, type ProctorActionRecord } from './proctor-action.model';
import type { AttemptTimelineView, TimelineEntry } from './proctoring.contracts';
import { presentAction, presentIncident, presentVoidRequest, seatLabel } from './proctoring.presenter';
import { authorizeAttemptViewer } from './room-access';
import { VoidRequestModel, type VoidRequestRecord } from './void-request.model';
import { listWebcamSnapshots } from './webcam';

/**
 * The timeline of `attemptId` for a viewer of its room.
 * @throws AppError `validation_failed`, `not_found`, `forbidden` (see `authorizeAttemptViewer`).
 */
export async function getAttemptTimeline(options: { actor: Actor; attemptId: string }): Promise<AttemptTimelineView> {
  const { attempt } = await authorizeAttemptViewer(options.actor, options.attemptId);
  const attemptId = new Types.ObjectId(options.attemptId);
  const [registration, incidents, actions, voidRequests, snapshots] = await Promise.all([
    RegistrationModel.findById(attempt.registrationId, { candidateName: 1, admissionTicketNumber: 1, seatNumber: 1, attendanceBySession: 1 }).lean(),
    IncidentModel.find({ attemptId }).sort({ at: 1 }).lean<IncidentRecord[]>(),
    ProctorActionModel.find({ attemptId }).sort({ at: 1 }).lean<ProctorActionRecord[]>(),
    VoidRequestModel.find({ attemptId }).sort({ requestedAt: 1 }).lean<VoidRequestRecord[]>(),
    listWebcamSnapshots(options.attemptId),
  ]);
  const mark = (registration?.attendanceBySession ?? []).find((entry) => String(entry.sessionId) === String(attempt.sessionId));
  const entries: TimelineEntry[] = [];
  const time = (value: Date | undefined | null) => (value ? new Date(value).getTime() : null);
  if (mark) entries.push({ at: new Date(mark.markedAt).getTime(), kind: 'attendance', detail: { status: mark.status, reason: mark.reason ?? null } });
  const startedAt = time(attempt.startedAt);
  if (startedAt !== null) entries.push({ at: startedAt, kind: 'started', detail: { durationMs: attempt.durationMs } });
  for (const pause of attempt.pauses ?? []) {
    entries.push({ at: new Date(pause.pausedAt).getTime(), kind: 'paused', detail: { reason: pause.reason } });
    if (pause.resumedAt) entries.push({ at: new Date(pause.resumedAt).getTime(), kind: 'resumed', detail: { pausedMs: new Date(pause.resumedAt).getTime() - new Date(pause.pausedAt).getTime() } });
  }
  for (const extension of attempt.extensions ?? []) entries.push({ at: new Date(extension.at).getTime(), kind: 'extended', detail: { extraMs: extension.extraMs, reason: extension.reason } });
  const submittedAt = time(attempt.submittedAt);
  if (submittedAt !== null) entries.push({ at: submittedAt, kind: 'submitted', detail: { submitReason: attempt.submitReason ?? null } });
  for (const incident of incidents) entries.push({ at: new Date(incident.at).getTime(), kind: 'incident', detail: { id: incident.key, rule: incident.rule, severity: incident.severity } });
  for (const action of actions) {
    entries.push({ at: new Date(action.at).getTime(), kind: action.action === 'void' ? 'voided' : 'action', detail: { id: String(action._id), action: action.action, reason: action.reason, byName: action.byName } });
  }
  for (const request of voidRequests) {
    entries.push({ at: new Date(request.requestedAt).getTime(), kind: 'void_request', detail: { id: String(request._id), status: request.status, reason: request.reason, byName: request.requestedByName } });
  }
  for (const snapshot of snapshots) entries.push({ at: snapshot.takenAt, kind: 'snapshot', detail: { id: snapshot.id } });
  entries.sort((a, b) => a.at - b.at);
  return {
    attemptId: options.attemptId,
    roomKey: toRoomKey(String(attempt.sessionId), String(attempt.roomId)),
    candidate: {
      id: String(attempt.candidateId),
      name: registration?.candidateName ?? '',
      admissionTicketNumber: registration?.admissionTicketNumber ?? '',
      seat: seatLabel(registration?.seatNumber),
    },
    status: attempt.status,
    startedAt,
    deadlineAt: time(attempt.deadlineAt),
    submittedAt,
    submitReason: attempt.submitReason ?? null,
    attendance: { status: mark?.status ?? 'unmarked', reason: mark?.reason ?? null, markedAt: mark ? new Date(mark.markedAt).getTime() : null },
    entries,
    incidents: incidents.map(presentIncident),
    actions: actions.map(presentAction),
    voidRequests: voidRequests.map(presentVoidRequest),
    snapshots,
  };
}
