import { describe, expect, it } from 'vitest';
import { TokenBucket, examRoomRateLimit } from './token-bucket';

/** Sends `count` messages evenly over `seconds` against a fake clock; returns how many passed. */
function send(bucket: TokenBucket, clock: { ms: number }, count: number, seconds: number): number {
  let passed = 0;
  for (let index = 0; index < count; index += 1) {
    clock.ms += (seconds * 1000) / count;
    if (bucket.tryTake()) passed += 1;
  }
  return passed;
}

describe('TokenBucket', () => {
  it('passes an answer save every 10 s for a whole exam', () => {
    const clock = { ms: 0 };
    const bucket = new TokenBucket(examRoomRateLimit, () => clock.ms);
    expect(send(bucket, clock, 720, 7200)).toBe(720);
  });

  it('passes a reconnect replay of 20 per second for 10 s', () => {
    const clock = { ms: 0 };
    const bucket = new TokenBucket(examRoomRateLimit, () => clock.ms);
    expect(send(bucket, clock, 200, 10)).toBe(200);
  });

  it('passes an instant burst of 20 (outbox flushed at once)', () => {
    const clock = { ms: 0 };
    const bucket = new TokenBucket(examRoomRateLimit, () => clock.ms);
    expect(send(bucket, clock, 20, 0)).toBe(20);
  });

  it('refuses most of 200 per second', () => {
    const clock = { ms: 0 };
    const bucket = new TokenBucket(examRoomRateLimit, () => clock.ms);
    const passed = send(bucket, clock, 200, 1);
    expect(passed).toBeLessThanOrEqual(examRoomRateLimit.capacity + examRoomRateLimit.refillPerSecond);
    expect(bucket.retryAfterMs).toBeGreaterThan(0);
  });

  it('refuses a bucket without capacity', () => {
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
  });
});
