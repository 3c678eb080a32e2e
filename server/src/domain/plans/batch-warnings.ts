/**
 * Warnings shown with a batch, never refusals: R21 workstations per work type, R6 roles nobody
 * holds yet, R4 components without a session.
 */
import type { BatchRecord } from './batch.model';
import type { BatchWarning } from './plans.contracts';
import { staffRoleLabels } from './staff-assignment';
import { checkWorkstations } from './workstations';

/**
 * R21: workstations available per work type: the distinct rooms hosting practical sessions of
 * that work type, or every room of the batch when it has no practical session yet.
 */
export function countWorkstationsByWorkType(batch: Pick<BatchRecord, 'scopes' | 'rooms' | 'sessions'>): { workType: string; workstationCount: number }[] {
  const workTypeByScope = new Map(batch.scopes.map((scope) => [String(scope.scopeId), scope.workType]));
  const roomsByWorkType = new Map<string, Set<string>>();
  for (const session of batch.sessions) {
    if (session.kind !== 'practical') continue;
    const workType = workTypeByScope.get(String(session.scopeId));
    if (workType === undefined) continue;
    const rooms = roomsByWorkType.get(workType) ?? new Set<string>();
    rooms.add(String(session.roomId));
    roomsByWorkType.set(workType, rooms);
  }
  const workstationsByRoom = new Map(batch.rooms.map((room) => [String(room._id), room.workstations]));
  const allRooms = batch.rooms.reduce((sum, room) => sum + room.workstations, 0);
  return [...new Set(batch.scopes.map((scope) => scope.workType))].map((workType) => {
    const rooms = roomsByWorkType.get(workType);
    const workstationCount = rooms ? [...rooms].reduce((sum, roomId) => sum + (workstationsByRoom.get(roomId) ?? 0), 0) : allRooms;
    return { workType, workstationCount };
  });
}

/**
 * Warnings of a batch: R21 (promotion batches, or any batch with practical sessions), R6 roles
 * without anyone, R4 scopes lacking a theory/practical session or, for levels 2 and 1, a review.
 */
export function computeBatchWarnings(batch: Pick<BatchRecord, 'mode' | 'scopes' | 'rooms' | 'sessions' | 'staff'>): BatchWarning[] {
  const warnings: BatchWarning[] = [];
  const hasPractical = batch.sessions.some((session) => session.kind === 'practical');
  if (batch.mode === 'promotion' || hasPractical) {
    for (const warning of checkWorkstations(countWorkstationsByWorkType(batch))) {
      warnings.push({ ruleId: 'R21', message: warning.message, workType: warning.workType });
    }
  }
  const roles = new Set(batch.staff.map((entry) => entry.role));
  for (const role of ['exam_admin', 'assessor', 'supervisor'] as const) {
    if (!roles.has(role)) warnings.push({ ruleId: 'R6', message: `R6: no ${staffRoleLabels[role]} assigned` });
  }
  for (const message of findMissingComponents(batch)) warnings.push({ ruleId: 'R4', message });
  return warnings;
}

/**
 * R4: for promotion batches, scopes without a theory or practical session and levels 2/1 without a
 * comprehensive review session; for grading batches, scopes without any session.
 */
export function findMissingComponents(batch: Pick<BatchRecord, 'mode' | 'scopes' | 'sessions'>): string[] {
  const problems: string[] = [];
  for (const scope of batch.scopes) {
    const kinds = new Set(batch.sessions.filter((session) => String(session.scopeId) === String(scope.scopeId)).map((session) => session.kind));
    const label = `${scope.occupationName} ${scope.workType} level ${scope.level}`;
    if (batch.mode === 'promotion') {
      if (!kinds.has('theory')) problems.push(`R4: ${label} has no theory session`);
      if (!kinds.has('practical')) problems.push(`R4: ${label} has no practical session`);
      if (scope.level <= 2 && !kinds.has('review')) problems.push(`R4: ${label} (level ${scope.level}) has no comprehensive review session`);
    } else if (kinds.size === 0) {
      problems.push(`R5: ${label} has no session for the direct grading`);
    }
  }
  return problems;
}
