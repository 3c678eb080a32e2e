/**
 * The proctor console's room state, kept outside React (issue 8, R10): rows from full snapshots and
 * deltas in sequence order (a gap asks for a resync), the incident feed without duplicates, actions,
 * void requests; filters and sorting of the grid; remaining time counted down on the server's clock.
 * Pure functions, no I/O.
 */
import type { CandidateRow, CandidateStatus, RoomSnapshot, RoomSummary } from '@skillcert/proctoring/events';
import type { IncidentHandledView, IncidentView, ProctorActionView, VoidRequestView } from '@skillcert/proctoring/protocol';

/** Rows of a room and the sequence of the last snapshot applied. */
export interface RoomRows {
  rows: Map<string, CandidateRow>;
  /** Attempt ids in roster (seat) order. */
  order: string[];
  sequence: number;
  summary: RoomSummary | null;
}

/** An empty room (before the join answers). */
export function emptyRoomRows(): RoomRows {
  return { rows: new Map(), order: [], sequence: -1, summary: null };
}

/**
 * Applies a snapshot: a full one replaces everything; a delta with the next sequence replaces the
 * changed rows (whole rows) and drops removed ones.
 * @returns the next rows and whether a resync is needed (a delta skipped a sequence number); an old
 *   or repeated delta is ignored.
 */
export function applySnapshot(current: RoomRows, snapshot: RoomSnapshot): { next: RoomRows; needsResync: boolean } {
  if (snapshot.isFull) {
    const rows = new Map(snapshot.rows.map((row) => [row.attemptId, row]));
    return { next: { rows, order: snapshot.rows.map((row) => row.attemptId), sequence: snapshot.sequence, summary: snapshot.summary }, needsResync: false };
  }
  if (snapshot.sequence <= current.sequence) return { next: current, needsResync: false };
  if (current.sequence >= 0 && snapshot.sequence !== current.sequence + 1) return { next: current, needsResync: true };
  const rows = new Map(current.rows);
  const order = [...current.order];
  for (const row of snapshot.rows) {
    if (!rows.has(row.attemptId)) order.push(row.attemptId);
    rows.set(row.attemptId, row);
  }
  const removed = new Set(snapshot.removedAttemptIds);
  for (const attemptId of removed) rows.delete(attemptId);
  return {
    next: { rows, order: removed.size > 0 ? order.filter((attemptId) => !removed.has(attemptId)) : order, sequence: snapshot.sequence, summary: snapshot.summary },
    needsResync: false,
  };
}

/** Adds incidents (newest last) without duplicates, keeping at most `limit`. */
export function mergeIncidents(current: readonly IncidentView[], added: readonly IncidentView[], limit = 500): IncidentView[] {
  const byId = new Map(current.map((incident) => [incident.id, incident]));
  for (const incident of added) byId.set(incident.id, { ...incident, handling: incident.handling ?? byId.get(incident.id)?.handling ?? null });
  return [...byId.values()].sort((a, b) => a.at - b.at).slice(-limit);
}

/** Sets the handling of a listed incident. */
export function applyIncidentHandled(current: readonly IncidentView[], handled: IncidentHandledView): IncidentView[] {
  return current.map((incident) => (incident.id === handled.id ? { ...incident, handling: handled.handling } : incident));
}

/** Adds actions (newest last) without duplicates. */
export function mergeActions(current: readonly ProctorActionView[], added: readonly ProctorActionView[], limit = 500): ProctorActionView[] {
  const byId = new Map(current.map((action) => [action.id, action]));
  for (const action of added) byId.set(action.id, action);
  return [...byId.values()].sort((a, b) => a.at - b.at).slice(-limit);
}

/** Adds or replaces a void request; pending first, then newest first. */
export function upsertVoidRequest(current: readonly VoidRequestView[], request: VoidRequestView): VoidRequestView[] {
  const others = current.filter((candidate) => candidate.id !== request.id);
  const rank = (view: VoidRequestView) => (view.status === 'pending' ? 0 : 1);
  return [...others, request].sort((a, b) => rank(a) - rank(b) || b.requestedAt - a.requestedAt);
}

/** Filters of the grid. */
export interface RowFilter {
  status: CandidateStatus | 'all';
  connection: 'all' | 'online' | 'offline';
  /** Only rows with at least one incident. */
  hasIncidents: boolean;
  /** Only rows waiting for a device change approval. */
  hasPendingDeviceChange: boolean;
  /** Name or seat contains the text. */
  text: string;
}

/** Sort keys of the grid. */
export const rowSortKeys = ['seat', 'name', 'progress', 'remaining', 'incidents', 'lastActivity'] as const;
export type RowSortKey = (typeof rowSortKeys)[number];

/** The filter showing everything. */
export const noRowFilter: RowFilter = { status: 'all', connection: 'all', hasIncidents: false, hasPendingDeviceChange: false, text: '' };

/**
 * Remaining time of a row at the client's `nowMs`, on the server clock (`offsetMs = serverNow -
 * Date.now()`): frozen while paused, counted down while in progress, null otherwise; never negative.
 */
export function remainingMsOf(row: Pick<CandidateRow, 'status' | 'deadlineAt' | 'remainingMs'>, nowMs: number, offsetMs: number): number | null {
  if (row.status === 'paused') return row.remainingMs;
  if (row.status !== 'in_progress' || row.deadlineAt === null) return null;
  return Math.max(0, row.deadlineAt - (nowMs + offsetMs));
}

/** Answered share of a row, 0..1. */
export function progressOf(row: Pick<CandidateRow, 'answeredCount' | 'totalCount'>): number {
  return row.totalCount > 0 ? row.answeredCount / row.totalCount : 0;
}

/** Rows passing `filter`, sorted by `sortKey` (ties by seat), in roster order otherwise. */
export function selectRows(state: RoomRows, filter: RowFilter, sortKey: RowSortKey, options: { nowMs: number; offsetMs: number; isDescending?: boolean }): CandidateRow[] {
  const text = filter.text.trim().toLowerCase();
  const rows = state.order
    .map((attemptId) => state.rows.get(attemptId))
    .filter((row): row is CandidateRow => row !== undefined)
    .filter((row) => filter.status === 'all' || row.status === filter.status)
    .filter((row) => filter.connection === 'all' || (filter.connection === 'online') === row.isOnline)
    .filter((row) => !filter.hasIncidents || row.incidentCount > 0)
    .filter((row) => !filter.hasPendingDeviceChange || row.hasPendingDeviceChange === true)
    .filter((row) => text === '' || row.candidateName.toLowerCase().includes(text) || (row.seat ?? '').includes(text));
  const seatOf = (row: CandidateRow) => row.seat ?? '';
  const value = (row: CandidateRow): number | string => {
    switch (sortKey) {
      case 'seat':
        return seatOf(row);
      case 'name':
        return row.candidateName;
      case 'progress':
        return progressOf(row);
      case 'remaining':
        return remainingMsOf(row, options.nowMs, options.offsetMs) ?? Number.POSITIVE_INFINITY;
      case 'incidents':
        return row.incidentCount;
      case 'lastActivity':
        return row.lastActivityAt ?? 0;
      default: {
        const unreachable: never = sortKey;
        return unreachable;
      }
    }
  };
  const direction = options.isDescending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = value(a);
    const right = value(b);
    const compared = typeof left === 'string' && typeof right === 'string' ? left.localeCompare(right, 'zh-CN') : Number(left) - Number(right);
    return compared * direction || seatOf(a).localeCompare(seatOf(b));
  });
}

/** `H:MM:SS` (or `M:SS` under an hour) of a duration in ms. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}
