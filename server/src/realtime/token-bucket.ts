/**
 * A token bucket for per-socket rate limits: `capacity` tokens, refilled continuously at
 * `refillPerSecond`; each message takes one. Synchronous and allocation-free, so it costs nothing on
 * the answer hot path (rate-limiter-flexible offers fixed windows with promises, not a bucket).
 */

/** Shape of a bucket. */
export interface TokenBucketOptions {
  /** Largest burst accepted at once (tokens). */
  capacity: number;
  /** Sustained rate accepted (tokens per second). */
  refillPerSecond: number;
}

/**
 * Exam-room default: bursts of 50 and 25 messages per second sustained, so an answer every 10 s and a
 * reconnect replay of 20 per second pass while 200 per second is refused.
 */
export const examRoomRateLimit: TokenBucketOptions = { capacity: 50, refillPerSecond: 25 };

/** One bucket (one socket). */
export class TokenBucket {
  private tokens: number;
  private refilledAtMs: number;

  /** @param now clock in milliseconds (tests pass a fake one). */
  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) {
      throw new RangeError(`token bucket needs capacity >= 1 and refillPerSecond > 0, got ${options.capacity} and ${options.refillPerSecond}`);
    }
    this.tokens = options.capacity;
    this.refilledAtMs = now();
  }

  private refill(): void {
    const nowMs = this.now();
    const elapsedMs = nowMs - this.refilledAtMs;
    if (elapsedMs > 0) {
      this.tokens = Math.min(this.options.capacity, this.tokens + (elapsedMs * this.options.refillPerSecond) / 1000);
      this.refilledAtMs = nowMs;
    }
  }

  /** Takes one token; false (nothing taken) when the bucket is empty. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token (0 when one is available). */
  get retryAfterMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.options.refillPerSecond);
  }
}
