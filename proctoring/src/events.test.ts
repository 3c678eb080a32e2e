import { describe, expect, it } from 'vitest';
import {
  attemptLifecycleEventSchema,
  candidateEventSchema,
  candidateEventTypes,
  proctorActionEventName,
  proctorActionSchema,
  proctorActionTypes,
  roomSnapshotSchema,
} from './events';
import { RoomState } from './room-state';

const at = 1_750_000_000_000;

describe('candidateEventSchema', () => {
  it('R10: accepts every telemetry type with attemptId and at', () => {
    for (const type of candidateEventTypes) {
      const extra =
        type === 'connection'
          ? { ip: '10.0.0.1', userAgent: 'Chrome/140' }
          : type === 'answer_saved'
            ? { answeredCount: 3, flaggedCount: 1, itemId: 'item-9' }
            : {};
      const result = candidateEventSchema.safeParse({ type, attemptId: 'a1', at, ...extra });
      expect(result.success, type).toBe(true);
    }
  });

  it('rejects a connection without ip, naming the field', () => {
    const result = candidateEventSchema.safeParse({ type: 'connection', attemptId: 'a1', at, userAgent: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['ip']);
  });

  it('rejects a missing attemptId, a fractional time and an unknown type', () => {
    expect(candidateEventSchema.safeParse({ type: 'copy', at }).success).toBe(false);
    expect(candidateEventSchema.safeParse({ type: 'copy', attemptId: 'a1', at: 1.5 }).success).toBe(false);
    expect(candidateEventSchema.safeParse({ type: 'print', attemptId: 'a1', at }).success).toBe(false);
  });

  it('rejects unknown fields (strict payloads)', () => {
    expect(candidateEventSchema.safeParse({ type: 'copy', attemptId: 'a1', at, text: 'secret' }).success).toBe(false);
  });
});

describe('attemptLifecycleEventSchema', () => {
  it('requires a positive extraMs on an extension', () => {
    expect(attemptLifecycleEventSchema.safeParse({ type: 'attempt_extended', attemptId: 'a1', at, extraMs: 0 }).success).toBe(false);
    expect(attemptLifecycleEventSchema.safeParse({ type: 'attempt_extended', attemptId: 'a1', at, extraMs: 60_000 }).success).toBe(true);
  });
});

describe('proctorActionSchema', () => {
  it('R10: requires a non-empty reason on every action', () => {
    for (const action of proctorActionTypes) {
      const extra =
        action === 'extend'
          ? { extraMs: 300_000 }
          : action === 'void'
            ? { supervisorConfirmation: { supervisorId: 'sup-1', confirmedAt: at } }
            : {};
      expect(proctorActionSchema.safeParse({ action, attemptId: 'a1', reason: 'seen by camera 2', ...extra }).success, action).toBe(true);
      const blank = proctorActionSchema.safeParse({ action, attemptId: 'a1', reason: '   ', ...extra });
      expect(blank.success, action).toBe(false);
      expect(blank.error?.issues[0].path).toEqual(['reason']);
    }
  });

  it('R6/R10: rejects a void without the supervisor confirmation', () => {
    const result = proctorActionSchema.safeParse({ action: 'void', attemptId: 'a1', reason: 'impersonation' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['supervisorConfirmation']);
  });

  it('rejects an extension without extraMs', () => {
    expect(proctorActionSchema.safeParse({ action: 'extend', attemptId: 'a1', reason: 'power cut' }).success).toBe(false);
  });

  it('names the socket event proctor:<action>', () => {
    expect(proctorActionEventName('force_submit')).toBe('proctor:force_submit');
  });
});

describe('roomSnapshotSchema', () => {
  it('accepts the snapshots RoomState produces', () => {
    const room = new RoomState('exam:b1', [{ attemptId: 'a1', candidateId: 'c1', candidateName: '张三', seat: 'A-01' }]);
    room.applyEvent({ type: 'attempt_started', attemptId: 'a1', at, deadlineAt: at + 3_600_000, totalCount: 100 }, at);
    expect(roomSnapshotSchema.safeParse(room.snapshot(at)).success).toBe(true);
    expect(roomSnapshotSchema.safeParse(room.takeDelta(at)).success).toBe(true);
  });
});
