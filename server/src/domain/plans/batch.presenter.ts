/**
 * Plain JSON of a batch for the wizard (never a mongoose document).
 */
import type { BatchRecord } from './batch.model';
import { computeBatchWarnings } from './batch-warnings';
import { sessionDate } from './load-batch';
import type { BatchView } from './plans.contracts';

/** Presents a stored batch as {@link BatchView}; `staffNames` maps user ids to names when known. */
export function presentBatch(batch: BatchRecord, staffNames: ReadonlyMap<string, string> = new Map()): BatchView {
  return {
    id: String(batch._id),
    code: batch.code,
    name: batch.name,
    mode: batch.mode,
    status: batch.status,
    scopes: batch.scopes.map((scope) => ({
      scopeId: String(scope.scopeId),
      occupationCode: scope.occupationCode,
      occupationName: scope.occupationName,
      workType: scope.workType,
      level: scope.level,
      weights: {
        theory: scope.weights.theory,
        practical: scope.weights.practical,
        ...(scope.weights.review !== undefined && scope.weights.review !== null ? { review: scope.weights.review } : {}),
      },
    })),
    rooms: batch.rooms.map((room) => ({
      id: String(room._id),
      name: room.name,
      seats: room.seats,
      workstations: room.workstations,
      proctorIds: room.proctorIds.map(String),
    })),
    sessions: [...batch.sessions]
      .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())
      .map((session) => ({
        id: String(session._id),
        kind: session.kind,
        scopeId: String(session.scopeId),
        roomId: String(session.roomId),
        startsAt: new Date(session.startsAt).toISOString(),
        date: sessionDate(session.startsAt),
        durationMinutes: session.durationMinutes,
        ...(session.lateEntryUntil ? { lateEntryUntil: new Date(session.lateEntryUntil).toISOString() } : {}),
        status: session.status,
      })),
    staff: batch.staff.map((entry) => {
      const name = staffNames.get(String(entry.userId));
      return { userId: String(entry.userId), role: entry.role, ...(name ? { name } : {}) };
    }),
    ...(batch.announcementId ? { announcementId: String(batch.announcementId) } : {}),
    ...(batch.filingDate ? { filingDate: batch.filingDate } : {}),
    ...(batch.admissionTicketPrefix ? { admissionTicketPrefix: batch.admissionTicketPrefix } : {}),
    warnings: computeBatchWarnings(batch),
    createdAt: new Date(batch.createdAt).toISOString(),
    updatedAt: new Date(batch.updatedAt).toISOString(),
  };
}
