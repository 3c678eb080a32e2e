/**
 * Dashboard aggregation of one exam room for proctors (R10): per candidate connection, progress,
 * flags, remaining time, last activity, incidents and status, plus change tracking so the namespace
 * sends at most one snapshot per interval holding only the rows that changed.
 *
 * Cost: applying an event and recording incidents are O(1); a delta snapshot is O(changed rows +
 * candidates) (the summary is recounted); a full snapshot is O(candidates). No I/O, no timers: the
 * namespace owns the clock and passes `now` (server time, ms epoch).
 */
import type {
  Attendance,
  CandidateRow,
  CandidateStatus,
  ProctoringEvent,
  RoomSnapshot,
  RoomSummary,
} from './events';
import type { Incident } from './rules/incident';

/** A candidate on the room's roster (before any event arrives). */
export interface RosterEntry {
  attemptId: string;
  candidateId: string;
  candidateName: string;
  seat?: string | null;
  /** Item count of the candidate's paper, if known before the start. */
  totalCount?: number;
}

/**
 * The state of a row as stored elsewhere (the database, when a room is rebuilt on a proctor's join):
 * every field optional; given fields replace the row's. `pausedAt` is the start of the current
 * pause (server time, ms epoch), needed to freeze the remaining time of a paused attempt.
 */
export interface RowStateInit {
  status?: CandidateStatus;
  attendance?: Attendance;
  isOnline?: boolean;
  offlineSince?: number | null;
  answeredCount?: number;
  flaggedCount?: number;
  deadlineAt?: number | null;
  pausedAt?: number | null;
  lastActivityAt?: number | null;
  incidentCount?: number;
  hasPendingDeviceChange?: boolean;
  latestSnapshotId?: string | null;
  latestSnapshotAt?: number | null;
}

/** Row fields that are not carried by events: flags changed alone, the newest webcam snapshot. */
export interface RowPatch {
  flaggedCount?: number;
  latestSnapshotId?: string;
  latestSnapshotAt?: number;
}

interface RowRecord {
  attemptId: string;
  candidateId: string;
  candidateName: string;
  seat: string | null;
  status: CandidateStatus;
  attendance: Attendance;
  isOnline: boolean;
  offlineSince: number | null;
  answeredCount: number;
  totalCount: number;
  flaggedCount: number;
  deadlineAt: number | null;
  /** Server time the current pause began; null unless paused. */
  pausedAt: number | null;
  lastActivityAt: number | null;
  incidentCount: number;
  hasPendingDeviceChange: boolean;
  latestSnapshotId: string | null;
  latestSnapshotAt: number | null;
}

const emptyStatusCounts = (): Record<CandidateStatus, number> => ({
  waiting: 0,
  in_progress: 0,
  paused: 0,
  submitted: 0,
  voided: 0,
});

/**
 * Room state for the proctor dashboard. Mutable by design (one instance per room in the namespace
 * process); every read returns fresh plain objects, so payloads never alias internal state.
 */
export class RoomState {
  private readonly rows = new Map<string, RowRecord>();
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  private sequence = 0;

  /**
   * @param roomId room id (`exam:<batchId>` or a finer room of the batch)
   * @param roster candidates expected in the room, optionally with their stored state; more can be added with {@link addCandidate}
   */
  constructor(
    readonly roomId: string,
    roster: ReadonlyArray<RosterEntry & RowStateInit> = [],
  ) {
    for (const entry of roster) this.addCandidate(entry);
  }

  /** Number of candidates in the room. */
  get candidateCount(): number {
    return this.rows.size;
  }

  /**
   * Adds a candidate or updates the roster fields (name, seat, total) of one already present. State
   * fields given in `entry` (see {@link RowStateInit}: a room rebuilt from the database) replace the
   * row's; absent ones keep their value (new rows start waiting, offline, unmarked).
   * @throws Error when `attemptId` is empty
   */
  addCandidate(entry: RosterEntry & RowStateInit): void {
    if (!entry.attemptId) throw new Error('RoomState.addCandidate: attemptId must not be empty');
    let row = this.rows.get(entry.attemptId);
    if (row) {
      row.candidateId = entry.candidateId;
      row.candidateName = entry.candidateName;
      row.seat = entry.seat ?? null;
      if (entry.totalCount !== undefined) row.totalCount = entry.totalCount;
    } else {
      row = {
        attemptId: entry.attemptId,
        candidateId: entry.candidateId,
        candidateName: entry.candidateName,
        seat: entry.seat ?? null,
        status: 'waiting',
        attendance: 'unmarked',
        isOnline: false,
        offlineSince: null,
        answeredCount: 0,
        totalCount: entry.totalCount ?? 0,
        flaggedCount: 0,
        deadlineAt: null,
        pausedAt: null,
        lastActivityAt: null,
        incidentCount: 0,
        hasPendingDeviceChange: false,
        latestSnapshotId: null,
        latestSnapshotAt: null,
      };
      this.rows.set(entry.attemptId, row);
    }
    applyStateInit(row, entry);
    this.removed.delete(entry.attemptId);
    this.changed.add(entry.attemptId);
  }

  /** Whether `attemptId` is in this room. */
  has(attemptId: string): boolean {
    return this.rows.has(attemptId);
  }

  /**
   * One row as the dashboard shows it, or null when the attempt is not in this room.
   * @param now server time, ms epoch (for `remainingMs`)
   */
  getRow(attemptId: string, now: number): CandidateRow | null {
    const row = this.rows.get(attemptId);
    return row ? toCandidateRow(row, now) : null;
  }

  /** Attempt ids of the room, in roster order. */
  attemptIds(): string[] {
    return [...this.rows.keys()];
  }

  /**
   * Sets fields no event carries (flag count after a flag change, the newest webcam snapshot).
   * Marks the row changed only when a value really changed.
   * @returns false when the attempt is not in this room
   */
  patchRow(attemptId: string, patch: RowPatch): boolean {
    const row = this.rows.get(attemptId);
    if (!row) return false;
    const before = rowFingerprint(row);
    if (patch.flaggedCount !== undefined && row.status !== 'submitted' && row.status !== 'voided') row.flaggedCount = patch.flaggedCount;
    if (patch.latestSnapshotId !== undefined) {
      const at = patch.latestSnapshotAt ?? null;
      if (row.latestSnapshotAt === null || at === null || at >= row.latestSnapshotAt) {
        row.latestSnapshotId = patch.latestSnapshotId;
        row.latestSnapshotAt = at;
      }
    }
    if (rowFingerprint(row) !== before) this.changed.add(attemptId);
    return true;
  }

  /** Removes a candidate (moved to another room); the next delta lists it in `removedAttemptIds`. */
  removeCandidate(attemptId: string): boolean {
    if (!this.rows.delete(attemptId)) return false;
    this.changed.delete(attemptId);
    this.removed.add(attemptId);
    return true;
  }

  /**
   * Applies a telemetry or lifecycle event (R10). Telemetry sets `lastActivityAt` to `now` (except
   * `disconnect` and `second_login_attempt`, which are not the candidate's activity); `connection`
   * and `disconnect` switch `isOnline`/`offlineSince`; `answer_saved` sets the progress counts (and
   * moves a waiting attempt to in progress). Lifecycle events drive the status and the deadline:
   * a resume moves the deadline by the paused duration, an extension by `extraMs` (both take the
   * event's absolute `deadlineAt` when given, so a replayed event is harmless). A
   * `second_login_attempt` marks a device change as pending until it is approved or the attempt ends.
   * Events after submission or voiding only update connection and activity.
   *
   * @param event validated event
   * @param now   server time the event arrived, ms epoch
   * @returns false when the attempt is not in this room (the event is ignored), else true
   */
  applyEvent(event: ProctoringEvent, now: number): boolean {
    const row = this.rows.get(event.attemptId);
    if (!row) return false;
    const before = rowFingerprint(row);
    const isEnded = row.status === 'submitted' || row.status === 'voided';

    switch (event.type) {
      case 'connection':
        row.isOnline = true;
        row.offlineSince = null;
        row.lastActivityAt = now;
        break;
      case 'disconnect':
        if (row.isOnline || row.offlineSince === null) {
          row.isOnline = false;
          row.offlineSince = now;
        }
        break;
      case 'second_login_attempt':
        if (!isEnded) row.hasPendingDeviceChange = true;
        break;
      case 'answer_saved':
        row.lastActivityAt = now;
        if (isEnded) break;
        row.answeredCount = event.answeredCount;
        if (event.flaggedCount !== undefined) row.flaggedCount = event.flaggedCount;
        if (row.status === 'waiting') row.status = 'in_progress';
        break;
      case 'focus_lost':
      case 'focus_regained':
      case 'visibility_hidden':
      case 'visibility_visible':
      case 'fullscreen_exit':
      case 'copy':
      case 'paste':
      case 'context_menu':
        row.lastActivityAt = now;
        break;
      case 'attempt_started':
        if (isEnded) break;
        row.status = 'in_progress';
        row.deadlineAt = event.deadlineAt;
        row.totalCount = event.totalCount;
        row.pausedAt = null;
        break;
      case 'attempt_paused':
        if (row.status !== 'in_progress') break;
        row.status = 'paused';
        row.pausedAt = event.at;
        break;
      case 'attempt_resumed':
        if (row.status !== 'paused') break;
        if (event.deadlineAt !== undefined) {
          row.deadlineAt = event.deadlineAt;
        } else if (row.deadlineAt !== null && row.pausedAt !== null) {
          row.deadlineAt += Math.max(0, event.at - row.pausedAt);
        }
        row.status = 'in_progress';
        row.pausedAt = null;
        break;
      case 'attempt_extended':
        if (isEnded) break;
        if (event.deadlineAt !== undefined) row.deadlineAt = event.deadlineAt;
        else if (row.deadlineAt !== null) row.deadlineAt += event.extraMs;
        break;
      case 'device_change_approved':
        row.hasPendingDeviceChange = false;
        break;
      case 'attempt_submitted':
        if (row.status === 'voided') break;
        row.status = 'submitted';
        row.pausedAt = null;
        row.hasPendingDeviceChange = false;
        break;
      case 'attempt_voided':
        row.status = 'voided';
        row.pausedAt = null;
        row.hasPendingDeviceChange = false;
        break;
      case 'attendance_marked':
        row.attendance = event.attendance;
        break;
      default: {
        const unreachable: never = event;
        throw new Error(`RoomState.applyEvent: unknown event ${JSON.stringify(unreachable)}`);
      }
    }

    if (rowFingerprint(row) !== before) this.changed.add(row.attemptId);
    return true;
  }

  /**
   * Counts incidents raised by the rules against their attempts' rows. Incidents of attempts not in
   * this room are ignored.
   * @returns how many incidents were counted
   */
  recordIncidents(incidents: readonly Incident[]): number {
    let counted = 0;
    for (const incident of incidents) {
      const row = this.rows.get(incident.attemptId);
      if (!row) continue;
      row.incidentCount += 1;
      this.changed.add(row.attemptId);
      counted += 1;
    }
    return counted;
  }

  /** Whether any row changed or was removed since the last {@link takeDelta}. */
  hasChanges(): boolean {
    return this.changed.size > 0 || this.removed.size > 0;
  }

  /**
   * The whole room, for a proctor who just joined. Does not consume pending changes; its `sequence`
   * is the last delta's, so the console applies the next delta on top.
   * @param now server time, ms epoch (for `remainingMs`)
   */
  snapshot(now: number): RoomSnapshot {
    const rows: CandidateRow[] = [];
    for (const row of this.rows.values()) rows.push(toCandidateRow(row, now));
    return {
      roomId: this.roomId,
      at: now,
      sequence: this.sequence,
      isFull: true,
      rows,
      removedAttemptIds: [],
      summary: this.summarize(),
    };
  }

  /**
   * Rows changed (and attempts removed) since the previous delta, then clears the change set.
   * A row counts as changed only when one of its fields really changed.
   * @param now server time, ms epoch
   * @returns a delta snapshot (`isFull: false`, `sequence` + 1), or null when nothing changed
   */
  takeDelta(now: number): RoomSnapshot | null {
    if (!this.hasChanges()) return null;
    const rows: CandidateRow[] = [];
    for (const attemptId of this.changed) {
      const row = this.rows.get(attemptId);
      if (row) rows.push(toCandidateRow(row, now));
    }
    const removedAttemptIds = [...this.removed];
    this.changed.clear();
    this.removed.clear();
    this.sequence += 1;
    return {
      roomId: this.roomId,
      at: now,
      sequence: this.sequence,
      isFull: false,
      rows,
      removedAttemptIds,
      summary: this.summarize(),
    };
  }

  /** Room totals: candidates, online, incidents, candidates per status. O(candidates). */
  summarize(): RoomSummary {
    const byStatus = emptyStatusCounts();
    let onlineCount = 0;
    let incidentCount = 0;
    for (const row of this.rows.values()) {
      byStatus[row.status] += 1;
      if (row.isOnline) onlineCount += 1;
      incidentCount += row.incidentCount;
    }
    return { candidateCount: this.rows.size, onlineCount, incidentCount, byStatus };
  }
}

/** Fields whose change makes a row worth re-sending (everything shown except derived remainingMs). */
function rowFingerprint(row: RowRecord): string {
  return `${row.status}|${row.attendance}|${row.isOnline}|${row.offlineSince}|${row.answeredCount}|${row.totalCount}|${row.flaggedCount}|${row.deadlineAt}|${row.pausedAt}|${row.lastActivityAt}|${row.incidentCount}|${row.hasPendingDeviceChange}|${row.latestSnapshotId}`;
}

/** Copies the given state fields onto a row. */
function applyStateInit(row: RowRecord, init: RowStateInit): void {
  if (init.status !== undefined) row.status = init.status;
  if (init.attendance !== undefined) row.attendance = init.attendance;
  if (init.isOnline !== undefined) row.isOnline = init.isOnline;
  if (init.offlineSince !== undefined) row.offlineSince = init.offlineSince;
  if (init.answeredCount !== undefined) row.answeredCount = init.answeredCount;
  if (init.flaggedCount !== undefined) row.flaggedCount = init.flaggedCount;
  if (init.deadlineAt !== undefined) row.deadlineAt = init.deadlineAt;
  if (init.pausedAt !== undefined) row.pausedAt = init.pausedAt;
  if (init.lastActivityAt !== undefined) row.lastActivityAt = init.lastActivityAt;
  if (init.incidentCount !== undefined) row.incidentCount = init.incidentCount;
  if (init.hasPendingDeviceChange !== undefined) row.hasPendingDeviceChange = init.hasPendingDeviceChange;
  if (init.latestSnapshotId !== undefined) row.latestSnapshotId = init.latestSnapshotId;
  if (init.latestSnapshotAt !== undefined) row.latestSnapshotAt = init.latestSnapshotAt;
}

/**
 * Remaining time in ms as of `now`: deadline minus now while in progress, deadline minus pause start
 * while paused (frozen), never below 0; null before the start and after the end.
 */
export function computeRemainingMs(
  status: CandidateStatus,
  deadlineAt: number | null,
  pausedAt: number | null,
  now: number,
): number | null {
  if (deadlineAt === null) return null;
  if (status === 'in_progress') return Math.max(0, Math.round(deadlineAt - now));
  if (status === 'paused') return Math.max(0, Math.round(deadlineAt - (pausedAt ?? now)));
  return null;
}

function toCandidateRow(row: RowRecord, now: number): CandidateRow {
  return {
    attemptId: row.attemptId,
    candidateId: row.candidateId,
    candidateName: row.candidateName,
    seat: row.seat,
    status: row.status,
    attendance: row.attendance,
    isOnline: row.isOnline,
    offlineSince: row.offlineSince,
    answeredCount: row.answeredCount,
    totalCount: row.totalCount,
    flaggedCount: row.flaggedCount,
    deadlineAt: row.deadlineAt,
    remainingMs: computeRemainingMs(row.status, row.deadlineAt, row.pausedAt, now),
    lastActivityAt: row.lastActivityAt,
    incidentCount: row.incidentCount,
    ...(row.hasPendingDeviceChange ? { hasPendingDeviceChange: true as const } : {}),
    ...(row.latestSnapshotId !== null ? { latestSnapshotId: row.latestSnapshotId } : {}),
    ...(row.latestSnapshotId !== null && row.latestSnapshotAt !== null ? { latestSnapshotAt: row.latestSnapshotAt } : {}),
  };
}

/** Throttle that lets the namespace send at most one delta per interval. */
export interface SnapshotBatcher {
  /**
   * Returns the room's pending delta if at least `minIntervalMs` passed since the last one sent and
   * something changed; otherwise null (changes stay pending for a later poll).
   */
  poll(now: number): RoomSnapshot | null;
  /** Server time of the last delta sent, or null. */
  readonly lastSentAt: number | null;
}

/**
 * Wraps a room in a send throttle: call `poll(now)` on every event and/or from a timer; at most one
 * delta leaves per `minIntervalMs` (default 1000 ms), holding only the rows changed since the
 * previous one (R10 dashboard).
 * @throws RangeError when `minIntervalMs` is negative or not finite
 */
export function createSnapshotBatcher(room: RoomState, options: { minIntervalMs?: number } = {}): SnapshotBatcher {
  const minIntervalMs = options.minIntervalMs ?? 1000;
  if (!Number.isFinite(minIntervalMs) || minIntervalMs < 0) {
    throw new RangeError(`createSnapshotBatcher: minIntervalMs must be a finite number >= 0, got ${minIntervalMs}`);
  }
  let lastSentAt: number | null = null;
  return {
    poll(now: number): RoomSnapshot | null {
      if (lastSentAt !== null && now - lastSentAt < minIntervalMs) return null;
      const delta = room.takeDelta(now);
      if (delta) lastSentAt = now;
      return delta;
    },
    get lastSentAt() {
      return lastSentAt;
    },
  };
}
