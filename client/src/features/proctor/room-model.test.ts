import { describe, expect, it } from 'vitest';
import type { CandidateRow, RoomSnapshot } from '@skillcert/proctoring/events';
import type { IncidentView } from '@skillcert/proctoring/protocol';
import { applyIncidentHandled, applySnapshot, emptyRoomRows, formatDuration, mergeIncidents, noRowFilter, remainingMsOf, selectRows } from './room-model';

const t0 = 1_750_000_000_000;

function row(attemptId: string, seat: string, patch: Partial<CandidateRow> = {}): CandidateRow {
  return {
    attemptId,
    candidateId: `c-${attemptId}`,
    candidateName: `考生${seat}`,
    seat,
    status: 'in_progress',
    attendance: 'present',
    isOnline: true,
    offlineSince: null,
    answeredCount: 0,
    totalCount: 10,
    flaggedCount: 0,
    deadlineAt: t0 + 3_600_000,
    remainingMs: 3_600_000,
    lastActivityAt: t0,
    incidentCount: 0,
    ...patch,
  };
}

const summary = { candidateCount: 3, onlineCount: 3, incidentCount: 0, byStatus: { waiting: 0, in_progress: 3, paused: 0, submitted: 0, voided: 0 } };

function snapshot(sequence: number, rows: CandidateRow[], isFull = false, removedAttemptIds: string[] = []): RoomSnapshot {
  return { roomId: 's:r', at: t0 + sequence * 1000, sequence, isFull, rows, removedAttemptIds, summary };
}

describe('applySnapshot', () => {
  const full = snapshot(4, [row('a', '01'), row('b', '02'), row('c', '03')], true);

  it('R10: replaces changed rows of the next delta and drops removed ones', () => {
    const { next } = applySnapshot(applySnapshot(emptyRoomRows(), full).next, snapshot(5, [row('b', '02', { answeredCount: 4 })], false, ['c']));
    expect(next.sequence).toBe(5);
    expect(next.order).toEqual(['a', 'b']);
    expect(next.rows.get('b')?.answeredCount).toBe(4);
  });

  it('R10: asks for a resync when a delta skips a sequence number and ignores an old delta', () => {
    const loaded = applySnapshot(emptyRoomRows(), full).next;
    expect(applySnapshot(loaded, snapshot(7, [row('a', '01')])).needsResync).toBe(true);
    const old = applySnapshot(loaded, snapshot(3, [row('a', '01', { answeredCount: 9 })]));
    expect(old).toEqual({ next: loaded, needsResync: false });
  });
});

describe('selectRows', () => {
  const state = applySnapshot(emptyRoomRows(), snapshot(1, [
    row('a', '01', { answeredCount: 5, incidentCount: 2 }),
    row('b', '02', { isOnline: false, offlineSince: t0, status: 'paused', remainingMs: 60_000 }),
    row('c', '03', { answeredCount: 9, deadlineAt: t0 + 600_000, hasPendingDeviceChange: true }),
  ], true)).next;
  const options = { nowMs: t0, offsetMs: 0 };

  it('filters by status, connection, incidents, pending device change and text', () => {
    expect(selectRows(state, { ...noRowFilter, status: 'paused' }, 'seat', options).map((candidate) => candidate.attemptId)).toEqual(['b']);
    expect(selectRows(state, { ...noRowFilter, connection: 'offline' }, 'seat', options).map((candidate) => candidate.attemptId)).toEqual(['b']);
    expect(selectRows(state, { ...noRowFilter, hasIncidents: true }, 'seat', options).map((candidate) => candidate.attemptId)).toEqual(['a']);
    expect(selectRows(state, { ...noRowFilter, hasPendingDeviceChange: true }, 'seat', options).map((candidate) => candidate.attemptId)).toEqual(['c']);
    expect(selectRows(state, { ...noRowFilter, text: '03' }, 'seat', options).map((candidate) => candidate.attemptId)).toEqual(['c']);
  });

  it('sorts by progress, remaining time and incidents', () => {
    expect(selectRows(state, noRowFilter, 'progress', { ...options, isDescending: true }).map((candidate) => candidate.attemptId)).toEqual(['c', 'a', 'b']);
    expect(selectRows(state, noRowFilter, 'remaining', options).map((candidate) => candidate.attemptId)).toEqual(['b', 'c', 'a']);
    expect(selectRows(state, noRowFilter, 'incidents', { ...options, isDescending: true })[0].attemptId).toBe('a');
  });
});

describe('remainingMsOf and formatDuration', () => {
  it('counts down on the server clock and freezes while paused', () => {
    expect(remainingMsOf(row('a', '01'), t0 + 60_000, 1000)).toBe(3_600_000 - 61_000);
    expect(remainingMsOf(row('a', '01', { status: 'paused', remainingMs: 5000 }), t0 + 999_999, 0)).toBe(5000);
    expect(remainingMsOf(row('a', '01', { status: 'submitted' }), t0, 0)).toBeNull();
    expect(formatDuration(3_661_000)).toBe('1:01:01');
    expect(formatDuration(61_000)).toBe('1:01');
  });
});

describe('mergeIncidents', () => {
  const incident = (id: string, at: number): IncidentView => ({
    id,
    roomKey: 's:r',
    attemptId: 'a',
    candidateId: 'c',
    candidateName: '张三',
    seat: '01',
    rule: 'copy_paste_attempt',
    severity: 'medium',
    at,
    detail: {},
    handling: null,
  });

  it('R10: keeps one entry per incident id in time order and records its handling', () => {
    const merged = mergeIncidents([incident('x', 2)], [incident('y', 1), incident('x', 2)]);
    expect(merged.map((entry) => entry.id)).toEqual(['y', 'x']);
    const handled = applyIncidentHandled(merged, { id: 'x', roomKey: 's:r', attemptId: 'a', handling: { kind: 'note', action: null, note: '已处理', byUserId: 'u', byName: '监考', at: 3 } });
    expect(handled[1].handling?.note).toBe('已处理');
    expect(mergeIncidents(handled, [incident('x', 2)])[1].handling?.note).toBe('已处理');
  });
});
