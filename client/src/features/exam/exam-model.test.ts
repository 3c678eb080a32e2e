import { describe, expect, it } from 'vitest';
import {
  chooseOption,
  countProgress,
  formatDuration,
  mergeAnswers,
  mergeFlags,
  nextSequence,
  remainingMsAt,
  resolveExamKey,
  type ExamTimer,
  type PendingAnswer,
} from './exam-model';
import { createMemoryOutbox } from './exam-outbox';

const attemptId = '65a000000000000000000001';
const pending = (slot: number, seq: number, response: number[]): PendingAnswer => ({ attemptId, slot, seq, response, changedAt: 0 });

describe('mergeAnswers', () => {
  it('lets an outbox entry with a newer seq win over the stored answer (offline change)', () => {
    const merged = mergeAnswers({ '1': { response: [0], seq: 3, savedAt: 1000 } }, [pending(1, 5, [2])]);
    expect(merged.responses.get(1)).toEqual([2]);
    expect(merged.pending.map((entry) => entry.seq)).toEqual([5]);
    expect(merged.obsolete).toEqual([]);
  });

  it('drops an outbox entry the server already holds (same or older seq)', () => {
    const merged = mergeAnswers({ '1': { response: [0], seq: 5, savedAt: 1000 }, '2': { response: [1], seq: 7, savedAt: 2000 } }, [pending(1, 5, [0]), pending(2, 6, [3])]);
    expect(merged.responses.get(1)).toEqual([0]);
    expect(merged.responses.get(2)).toEqual([1]);
    expect(merged.pending).toEqual([]);
    expect(merged.obsolete.map((entry) => entry.slot)).toEqual([1, 2]);
  });

  it('treats a pending clear (empty response) as unanswered and keeps the save time of the stored answer', () => {
    const merged = mergeAnswers({ '4': { response: [1, 2], seq: 2, savedAt: 3000 } }, [pending(4, 9, [])]);
    expect(merged.responses.has(4)).toBe(false);
    expect(merged.savedAtBySlot.get(4)).toBe(3000);
    expect(merged.pending).toHaveLength(1);
  });

  it('adds a pending answer for a slot the server never saw', () => {
    const merged = mergeAnswers({}, [pending(3, 1, [1])]);
    expect([...merged.responses.entries()]).toEqual([[3, [1]]]);
  });
});

describe('mergeFlags', () => {
  it('applies pending flag changes on top of the server set', () => {
    expect(mergeFlags([2, 5], [{ attemptId, slot: 5, isFlagged: false, changedAt: 0 }, { attemptId, slot: 1, isFlagged: true, changedAt: 0 }])).toEqual([1, 2]);
  });
});

describe('nextSequence', () => {
  it('continues above the server, the local counter and every outbox seq', () => {
    expect(nextSequence(4, 2, [])).toBe(5);
    expect(nextSequence(4, 9, [])).toBe(10);
    expect(nextSequence(4, 2, [{ seq: 12 }])).toBe(13);
  });
});

describe('remainingMsAt', () => {
  const base: ExamTimer = { status: 'in_progress', deadlineAt: 100_000, remainingMs: 50_000, offsetMs: 0, durationMs: 60_000 };

  it('counts down to the server deadline corrected by the clock offset', () => {
    // This clock is 5 s behind the server: at client 40 000 the server is at 45 000.
    expect(remainingMsAt({ ...base, offsetMs: 5000 }, 40_000)).toBe(55_000);
    expect(remainingMsAt(base, 40_000)).toBe(60_000);
  });

  it('freezes while paused, shows the duration while waiting and never goes below zero', () => {
    expect(remainingMsAt({ ...base, status: 'paused', remainingMs: 12_345 }, 99_999_999)).toBe(12_345);
    expect(remainingMsAt({ ...base, status: 'waiting', deadlineAt: null }, 0)).toBe(60_000);
    expect(remainingMsAt(base, 200_000)).toBe(0);
    expect(remainingMsAt({ ...base, status: 'submitted' }, 0)).toBe(0);
  });
});

describe('formatDuration', () => {
  it('shows hh:mm:ss rounded up to the whole second', () => {
    expect(formatDuration(3_600_000 + 61_000)).toBe('01:01:01');
    expect(formatDuration(1)).toBe('00:00:01');
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(-5)).toBe('00:00:00');
  });
});

describe('chooseOption', () => {
  it('takes exactly one option for single and judge items', () => {
    expect(chooseOption('single', [1], 3)).toEqual([3]);
    expect(chooseOption('judge', [], 1)).toEqual([1]);
  });

  it('toggles options of multiple-choice items, sorted and distinct', () => {
    expect(chooseOption('multiple', [3], 0)).toEqual([0, 3]);
    expect(chooseOption('multiple', [0, 3], 3)).toEqual([0]);
  });
});

describe('countProgress', () => {
  it('counts answered (non-empty), unanswered and flagged slots of the form', () => {
    const items = [{ slot: 1 }, { slot: 2 }, { slot: 3 }];
    const responses = new Map([
      [1, [0]],
      [2, []],
    ]);
    expect(countProgress(items, responses, [2, 3, 99])).toEqual({ totalCount: 3, answeredCount: 1, unansweredCount: 2, flaggedCount: 2 });
  });
});

describe('resolveExamKey', () => {
  it('maps arrows, PageUp/PageDown and J/K to item navigation', () => {
    for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp', 'k', 'K']) expect(resolveExamKey({ key }, 4)).toEqual({ kind: 'previous' });
    for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', 'j', 'J']) expect(resolveExamKey({ key }, 4)).toEqual({ kind: 'next' });
  });

  it('maps 1-8 and A-H to the option of that position when the item has it', () => {
    expect(resolveExamKey({ key: '1' }, 4)).toEqual({ kind: 'choose', index: 0 });
    expect(resolveExamKey({ key: 'c' }, 4)).toEqual({ kind: 'choose', index: 2 });
    expect(resolveExamKey({ key: 'D' }, 4)).toEqual({ kind: 'choose', index: 3 });
    expect(resolveExamKey({ key: '5' }, 4)).toBeNull();
    expect(resolveExamKey({ key: 'E' }, 2)).toBeNull();
    expect(resolveExamKey({ key: '6' }, 6)).toEqual({ kind: 'choose', index: 5 });
  });

  it('flags with F and leaves keys with Ctrl, Alt or Meta to the browser', () => {
    expect(resolveExamKey({ key: 'f' }, 6)).toEqual({ kind: 'flag' });
    expect(resolveExamKey({ key: 'c', ctrlKey: true }, 4)).toBeNull();
    expect(resolveExamKey({ key: 'ArrowLeft', altKey: true }, 4)).toBeNull();
    expect(resolveExamKey({ key: 'Enter' }, 4)).toBeNull();
  });
});

describe('createMemoryOutbox', () => {
  it('keeps the latest seq per attempt and slot and removes an entry only when its seq is acknowledged', async () => {
    const outbox = createMemoryOutbox();
    await outbox.putAnswer(pending(1, 4, [1]));
    await outbox.putAnswer(pending(1, 3, [0]));
    await outbox.putAnswer(pending(2, 5, [2]));
    let contents = await outbox.load(attemptId);
    expect(contents.answers.map((entry) => [entry.slot, entry.seq])).toEqual([
      [1, 4],
      [2, 5],
    ]);
    expect(contents.lastSeq).toBe(5);
    await outbox.removeAnswer(attemptId, 1, 3);
    await outbox.removeAnswer(attemptId, 2, 5);
    contents = await outbox.load(attemptId);
    expect(contents.answers.map((entry) => entry.seq)).toEqual([4]);
    await outbox.clear(attemptId);
    expect(await outbox.load(attemptId)).toEqual({ answers: [], flags: [], lastSeq: 0, position: null });
  });
});
