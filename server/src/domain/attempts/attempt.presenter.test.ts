import { describe, expect, it } from 'vitest';
import { computeRemainingMs } from './attempt.presenter';

describe('computeRemainingMs', () => {
  const deadlineAt = new Date(10_000);
  it('R10: counts down while in progress, never below 0', () => {
    expect(computeRemainingMs({ status: 'in_progress', durationMs: 60_000, deadlineAt }, 4_000)).toBe(6_000);
    expect(computeRemainingMs({ status: 'in_progress', durationMs: 60_000, deadlineAt }, 12_000)).toBe(0);
  });
  it('R10: is frozen at the pause while paused', () => {
    expect(computeRemainingMs({ status: 'paused', durationMs: 60_000, deadlineAt, pausedAt: new Date(7_000) }, 9_999)).toBe(3_000);
  });
  it('is the full duration while waiting and 0 once ended', () => {
    expect(computeRemainingMs({ status: 'waiting', durationMs: 60_000 }, 0)).toBe(60_000);
    expect(computeRemainingMs({ status: 'submitted', durationMs: 60_000, deadlineAt }, 0)).toBe(0);
  });
});
