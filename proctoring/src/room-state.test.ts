import { describe, expect, it } from 'vitest';
import type { Incident } from './rules/incident';
import { RoomState, computeRemainingMs, createSnapshotBatcher } from './room-state';

const t0 = 1_750_000_000_000;
const s = (seconds: number) => t0 + seconds * 1000;
const hour = 3_600_000;

function roomOfThree(): RoomState {
  return new RoomState('exam:batch-1', [
    { attemptId: 'a1', candidateId: 'c1', candidateName: '张三', seat: 'A-01', totalCount: 100 },
    { attemptId: 'a2', candidateId: 'c2', candidateName: '李四', seat: 'A-02', totalCount: 100 },
    { attemptId: 'a3', candidateId: 'c3', candidateName: '王五' },
  ]);
}

const incident = (attemptId: string): Incident => ({
  rule: 'copy_paste_attempt',
  severity: 'medium',
  attemptId,
  at: s(1),
  detail: { action: 'copy' },
});

describe('RoomState', () => {
  it('R10: lists every roster candidate as waiting, offline and unmarked before any event', () => {
    const snapshot = roomOfThree().snapshot(s(0));
    expect(snapshot.isFull).toBe(true);
    expect(snapshot.rows[0]).toEqual({
      attemptId: 'a1',
      candidateId: 'c1',
      candidateName: '张三',
      seat: 'A-01',
      status: 'waiting',
      attendance: 'unmarked',
      isOnline: false,
      offlineSince: null,
      answeredCount: 0,
      totalCount: 100,
      flaggedCount: 0,
      deadlineAt: null,
      remainingMs: null,
      lastActivityAt: null,
      incidentCount: 0,
    });
    expect(snapshot.rows[2].seat).toBeNull();
    expect(snapshot.summary).toEqual({
      candidateCount: 3,
      onlineCount: 0,
      incidentCount: 0,
      byStatus: { waiting: 3, in_progress: 0, paused: 0, submitted: 0, voided: 0 },
    });
  });

  it('R10: tracks connection, progress, flags, activity and remaining time of a candidate', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'connection', attemptId: 'a1', at: s(0), ip: '10.0.0.1', userAgent: 'Chrome' }, s(0));
    room.applyEvent({ type: 'attempt_started', attemptId: 'a1', at: s(5), deadlineAt: s(5) + hour, totalCount: 80 }, s(5));
    room.applyEvent({ type: 'answer_saved', attemptId: 'a1', at: s(60), answeredCount: 7, flaggedCount: 2 }, s(61));
    const row = room.snapshot(s(65)).rows[0];
    expect(row).toMatchObject({
      status: 'in_progress',
      isOnline: true,
      answeredCount: 7,
      totalCount: 80,
      flaggedCount: 2,
      deadlineAt: s(5) + hour,
      remainingMs: hour - 60_000,
      lastActivityAt: s(61),
    });
  });

  it('R10: records offline since the disconnect and clears it on reconnection', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'connection', attemptId: 'a2', at: s(0), ip: 'x', userAgent: 'y' }, s(0));
    room.applyEvent({ type: 'disconnect', attemptId: 'a2', at: s(30) }, s(30));
    expect(room.snapshot(s(40)).rows[1]).toMatchObject({ isOnline: false, offlineSince: s(30), lastActivityAt: s(0) });
    room.applyEvent({ type: 'connection', attemptId: 'a2', at: s(50), ip: 'x', userAgent: 'y' }, s(50));
    expect(room.snapshot(s(50)).rows[1]).toMatchObject({ isOnline: true, offlineSince: null });
  });

  it('R10: freezes remaining time while paused and moves the deadline by the pause on resume', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'attempt_started', attemptId: 'a1', at: s(0), deadlineAt: s(0) + hour, totalCount: 100 }, s(0));
    room.applyEvent({ type: 'attempt_paused', attemptId: 'a1', at: s(600) }, s(600));
    expect(room.snapshot(s(900)).rows[0]).toMatchObject({ status: 'paused', remainingMs: hour - 600_000 });
    room.applyEvent({ type: 'attempt_resumed', attemptId: 'a1', at: s(900) }, s(900));
    expect(room.snapshot(s(1000)).rows[0]).toMatchObject({
      status: 'in_progress',
      deadlineAt: s(300) + hour,
      remainingMs: hour - 700_000,
    });
  });

  it('R10: adds an extension to the deadline and reports zero once time is up', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'attempt_started', attemptId: 'a1', at: s(0), deadlineAt: s(0) + hour, totalCount: 100 }, s(0));
    room.applyEvent({ type: 'attempt_extended', attemptId: 'a1', at: s(10), extraMs: 300_000 }, s(10));
    expect(room.snapshot(s(10)).rows[0].deadlineAt).toBe(s(300) + hour);
    expect(room.snapshot(s(99_999)).rows[0].remainingMs).toBe(0);
  });

  it('R10: shows submitted and voided attempts without remaining time and keeps them ended', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'attempt_started', attemptId: 'a1', at: s(0), deadlineAt: s(0) + hour, totalCount: 100 }, s(0));
    room.applyEvent({ type: 'attempt_started', attemptId: 'a2', at: s(0), deadlineAt: s(0) + hour, totalCount: 100 }, s(0));
    room.applyEvent({ type: 'attempt_submitted', attemptId: 'a1', at: s(100), submittedBy: 'forced' }, s(100));
    room.applyEvent({ type: 'attempt_voided', attemptId: 'a2', at: s(100) }, s(100));
    room.applyEvent({ type: 'answer_saved', attemptId: 'a1', at: s(101), answeredCount: 99 }, s(101));
    room.applyEvent({ type: 'attempt_started', attemptId: 'a2', at: s(102), deadlineAt: s(102) + hour, totalCount: 1 }, s(102));
    const snapshot = room.snapshot(s(200));
    expect(snapshot.rows.map((row) => [row.status, row.remainingMs, row.answeredCount])).toEqual([
      ['submitted', null, 0],
      ['voided', null, 0],
      ['waiting', null, 0],
    ]);
    expect(snapshot.summary.byStatus).toEqual({ waiting: 1, in_progress: 0, paused: 0, submitted: 1, voided: 1 });
  });

  it('R10: records attendance and absence marks', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'attendance_marked', attemptId: 'a1', at: s(0), attendance: 'present' }, s(0));
    room.applyEvent({ type: 'attendance_marked', attemptId: 'a3', at: s(0), attendance: 'absent' }, s(0));
    expect(room.snapshot(s(1)).rows.map((row) => row.attendance)).toEqual(['present', 'unmarked', 'absent']);
  });

  it('R10: counts incidents per candidate and in the summary', () => {
    const room = roomOfThree();
    expect(room.recordIncidents([incident('a1'), incident('a1'), incident('a3'), incident('elsewhere')])).toBe(3);
    const snapshot = room.snapshot(s(2));
    expect(snapshot.rows.map((row) => row.incidentCount)).toEqual([2, 0, 1]);
    expect(snapshot.summary.incidentCount).toBe(3);
  });

  it('ignores events of attempts outside the room', () => {
    const room = roomOfThree();
    expect(room.applyEvent({ type: 'copy', attemptId: 'zz', at: s(0) }, s(0))).toBe(false);
    expect(room.candidateCount).toBe(3);
  });
});

describe('RoomState.takeDelta', () => {
  it('sends only rows that changed since the previous delta, with an increasing sequence', () => {
    const room = roomOfThree();
    const first = room.takeDelta(s(0));
    expect(first?.rows.map((row) => row.attemptId)).toEqual(['a1', 'a2', 'a3']);
    expect(first?.sequence).toBe(1);
    expect(room.takeDelta(s(1))).toBeNull();

    room.applyEvent({ type: 'answer_saved', attemptId: 'a2', at: s(2), answeredCount: 1 }, s(2));
    const second = room.takeDelta(s(3));
    expect(second).toMatchObject({ isFull: false, sequence: 2, removedAttemptIds: [] });
    expect(second?.rows.map((row) => row.attemptId)).toEqual(['a2']);
    expect(second?.summary.byStatus.in_progress).toBe(1);
  });

  it('does not resend a row whose fields did not change (repeated save, running clock)', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'attempt_started', attemptId: 'a1', at: s(0), deadlineAt: s(0) + hour, totalCount: 100 }, s(0));
    room.applyEvent({ type: 'answer_saved', attemptId: 'a1', at: s(5), answeredCount: 4 }, s(5));
    room.takeDelta(s(5));
    room.applyEvent({ type: 'answer_saved', attemptId: 'a1', at: s(5), answeredCount: 4 }, s(5));
    room.applyEvent({ type: 'attempt_resumed', attemptId: 'a1', at: s(6) }, s(6));
    expect(room.takeDelta(s(60))).toBeNull();
  });

  it('lists removed candidates once', () => {
    const room = roomOfThree();
    room.takeDelta(s(0));
    expect(room.removeCandidate('a2')).toBe(true);
    expect(room.removeCandidate('a2')).toBe(false);
    const delta = room.takeDelta(s(1));
    expect(delta).toMatchObject({ rows: [], removedAttemptIds: ['a2'] });
    expect(delta?.summary.candidateCount).toBe(2);
    expect(room.takeDelta(s(2))).toBeNull();
  });

  it('keeps pending changes when a full snapshot is taken for a joining proctor', () => {
    const room = roomOfThree();
    room.takeDelta(s(0));
    room.applyEvent({ type: 'copy', attemptId: 'a3', at: s(1) }, s(1));
    expect(room.snapshot(s(1)).sequence).toBe(1);
    expect(room.takeDelta(s(2))?.rows.map((row) => row.attemptId)).toEqual(['a3']);
  });
});

describe('createSnapshotBatcher', () => {
  it('R10: lets at most one delta per second through and batches the changes in between', () => {
    const room = roomOfThree();
    const batcher = createSnapshotBatcher(room);
    expect(batcher.poll(s(0))?.rows).toHaveLength(3);
    room.applyEvent({ type: 'answer_saved', attemptId: 'a1', at: s(0.2), answeredCount: 1 }, s(0.2));
    expect(batcher.poll(s(0.2))).toBeNull();
    room.applyEvent({ type: 'answer_saved', attemptId: 'a2', at: s(0.7), answeredCount: 1 }, s(0.7));
    expect(batcher.poll(s(0.7))).toBeNull();
    const delta = batcher.poll(s(1));
    expect(delta?.rows.map((row) => row.attemptId)).toEqual(['a1', 'a2']);
    expect(batcher.lastSentAt).toBe(s(1));
    expect(batcher.poll(s(5))).toBeNull();
  });

  it('rejects a negative interval', () => {
    expect(() => createSnapshotBatcher(roomOfThree(), { minIntervalMs: -1 })).toThrow(/minIntervalMs/);
  });
});

describe('computeRemainingMs', () => {
  it('is null before the start and never negative', () => {
    expect(computeRemainingMs('waiting', null, null, s(0))).toBeNull();
    expect(computeRemainingMs('in_progress', s(10), null, s(20))).toBe(0);
    expect(computeRemainingMs('paused', s(100), s(40), s(90))).toBe(60_000);
  });
});

describe('RoomState rebuilt from storage and extended rows', () => {
  it('R10: takes the stored state of a row (a room rebuilt on a proctor’s join), frozen while paused', () => {
    const room = new RoomState('s1:r1', [
      {
        attemptId: 'a1',
        candidateId: 'c1',
        candidateName: '张三',
        seat: '01',
        totalCount: 100,
        status: 'paused',
        attendance: 'present',
        isOnline: true,
        answeredCount: 40,
        flaggedCount: 3,
        deadlineAt: s(3600),
        pausedAt: s(600),
        incidentCount: 2,
        hasPendingDeviceChange: true,
      },
    ]);
    expect(room.getRow('a1', s(900))).toMatchObject({ status: 'paused', attendance: 'present', answeredCount: 40, flaggedCount: 3, remainingMs: 3_000_000, incidentCount: 2, hasPendingDeviceChange: true });
    expect(room.getRow('missing', s(900))).toBeNull();
    expect(room.has('a1')).toBe(true);
    expect(room.attemptIds()).toEqual(['a1']);
  });

  it('R10: applies a replayed resume or extension with an absolute deadline only once', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'attempt_started', attemptId: 'a1', at: s(0), deadlineAt: s(3600), totalCount: 100 }, s(0));
    const extended = { type: 'attempt_extended', attemptId: 'a1', at: s(10), extraMs: 600_000, deadlineAt: s(4200) } as const;
    room.applyEvent(extended, s(10));
    room.applyEvent(extended, s(10));
    expect(room.getRow('a1', s(20))?.deadlineAt).toBe(s(4200));
    room.applyEvent({ type: 'attempt_paused', attemptId: 'a1', at: s(100) }, s(100));
    room.applyEvent({ type: 'attempt_resumed', attemptId: 'a1', at: s(160), deadlineAt: s(4260) }, s(160));
    expect(room.getRow('a1', s(200))).toMatchObject({ status: 'in_progress', deadlineAt: s(4260) });
  });

  it('R17: shows a pending device change from the second login until it is approved', () => {
    const room = roomOfThree();
    room.applyEvent({ type: 'second_login_attempt', attemptId: 'a2', at: s(1), ip: '10.0.0.9' }, s(1));
    expect(room.getRow('a2', s(1))?.hasPendingDeviceChange).toBe(true);
    room.applyEvent({ type: 'device_change_approved', attemptId: 'a2', at: s(2) }, s(2));
    expect(room.getRow('a2', s(2))).not.toHaveProperty('hasPendingDeviceChange');
  });

  it('R10: patches flags and the newest webcam snapshot, marking the row changed only on a real change', () => {
    const room = roomOfThree();
    room.takeDelta(s(0));
    expect(room.patchRow('a3', { flaggedCount: 2 })).toBe(true);
    expect(room.takeDelta(s(1))?.rows.map((row) => [row.attemptId, row.flaggedCount])).toEqual([['a3', 2]]);
    room.patchRow('a3', { flaggedCount: 2 });
    expect(room.takeDelta(s(2))).toBeNull();
    room.patchRow('a1', { latestSnapshotId: 'f2', latestSnapshotAt: s(20) });
    room.patchRow('a1', { latestSnapshotId: 'f1', latestSnapshotAt: s(10) });
    expect(room.getRow('a1', s(30))).toMatchObject({ latestSnapshotId: 'f2', latestSnapshotAt: s(20) });
    expect(room.patchRow('missing', { flaggedCount: 1 })).toBe(false);
  });
});
