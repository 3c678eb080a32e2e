/**
 * Rebuilds a dashboard room from the database (R10): the session's attempts in the room with status,
 * deadline, pause, progress, flags and pending device change; names, seats and attendance from the
 * registrations; stored incident keys; the newest webcam snapshot; and which candidates are online
 * (asked of the exam room's sockets on every process, see `attach-proctoring.ts`).
 */
import { Types } from 'mongoose';
import type { RoomLoad } from '@skillcert/proctoring/namespace';
import type { RoomInfo } from '@skillcert/proctoring/protocol';
import { countAnswered } from '../attempts/attempt-access';
import { AttemptModel, type AttemptRecord } from '../attempts/attempt.model';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { IncidentModel } from './incident.model';
import { seatLabel } from './proctoring.presenter';
import { findLatestSnapshots } from './webcam';

type RosterAttempt = Pick<
  AttemptRecord,
  '_id' | 'registrationId' | 'candidateId' | 'status' | 'deadlineAt' | 'pausedAt' | 'answers' | 'flaggedSlots' | 'form' | 'pendingDeviceChange'
>;

/**
 * The rows of a room, in seat order.
 * @param findOnlineAttemptIds which of the given attempts have an active exam connection now
 */
export async function loadRoomRoster(room: RoomInfo, findOnlineAttemptIds: (attemptIds: string[]) => Promise<Set<string>>): Promise<RoomLoad> {
  const sessionId = new Types.ObjectId(room.sessionId);
  const roomId = new Types.ObjectId(room.roomId);
  const attempts = await AttemptModel.find(
    { sessionId, roomId },
    { registrationId: 1, candidateId: 1, status: 1, deadlineAt: 1, pausedAt: 1, answers: 1, flaggedSlots: 1, 'form.totalCount': 1, pendingDeviceChange: 1 },
  ).lean<RosterAttempt[]>();
  const attemptIds = attempts.map((attempt) => String(attempt._id));
  const [registrations, incidents, latestSnapshots, online] = await Promise.all([
    RegistrationModel.find({ _id: { $in: attempts.map((attempt) => attempt.registrationId) } }, { candidateName: 1, seatNumber: 1, attendanceBySession: 1 }).lean<
      Pick<RegistrationRecord, '_id' | 'candidateName' | 'seatNumber' | 'attendanceBySession'>[]
    >(),
    IncidentModel.find({ sessionId, roomId }, { key: 1, attemptId: 1 }).lean(),
    findLatestSnapshots(room.sessionId, room.roomId),
    attemptIds.length > 0 ? findOnlineAttemptIds(attemptIds) : Promise.resolve(new Set<string>()),
  ]);
  const registrationById = new Map(registrations.map((registration) => [String(registration._id), registration]));
  const incidentKeysByAttempt: Record<string, string[]> = {};
  for (const incident of incidents) (incidentKeysByAttempt[String(incident.attemptId)] ??= []).push(incident.key);
  const roster = attempts.map((attempt) => {
    const attemptId = String(attempt._id);
    const registration = registrationById.get(String(attempt.registrationId));
    const mark = (registration?.attendanceBySession ?? []).find((entry) => String(entry.sessionId) === room.sessionId);
    const snapshot = latestSnapshots.get(attemptId);
    const isEnded = attempt.status === 'submitted' || attempt.status === 'voided';
    return {
      attemptId,
      candidateId: String(attempt.candidateId),
      candidateName: registration?.candidateName ?? '',
      seat: seatLabel(registration?.seatNumber),
      totalCount: attempt.form?.totalCount ?? 0,
      status: attempt.status,
      attendance: mark?.status ?? ('unmarked' as const),
      isOnline: online.has(attemptId),
      offlineSince: null,
      answeredCount: countAnswered(attempt.answers),
      flaggedCount: attempt.flaggedSlots?.length ?? 0,
      deadlineAt: attempt.deadlineAt ? new Date(attempt.deadlineAt).getTime() : null,
      pausedAt: attempt.status === 'paused' && attempt.pausedAt ? new Date(attempt.pausedAt).getTime() : null,
      hasPendingDeviceChange: !isEnded && Boolean(attempt.pendingDeviceChange),
      ...(snapshot ? { latestSnapshotId: snapshot.id, latestSnapshotAt: snapshot.takenAt } : {}),
      seatNumber: registration?.seatNumber ?? Number.MAX_SAFE_INTEGER,
    };
  });
  roster.sort((a, b) => a.seatNumber - b.seatNumber || a.candidateName.localeCompare(b.candidateName));
  return { roster: roster.map(({ seatNumber: _seatNumber, ...row }) => row), incidentKeysByAttempt };
}
