/**
 * Login throttling per account and client address (R17 account protection) with
 * rate-limiter-flexible: after 5 failed logins for one account from one address within 15 minutes,
 * further attempts for that pair are refused with 429 `rate_limited` until the window ends.
 */
import type { Connection } from 'mongoose';
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../../errors';

/** Failed attempts allowed per account+address within {@link loginThrottleWindowMs}. */
export const maximumFailedLogins = 5;
/** Window of the failed-attempt count, in milliseconds (15 minutes). */
export const loginThrottleWindowMs = 15 * 60 * 1000;

/** Login throttle: check before verifying a password, record failures, reset on success. */
export interface LoginThrottle {
  /**
   * @throws AppError `rate_limited` (429) with details `{ retryAfterSeconds }` when the key is
   *   exhausted.
   */
  assertAllowed(key: string): Promise<void>;
  /** Counts one failed attempt; throws `rate_limited` when this attempt exceeds the limit. */
  recordFailure(key: string): Promise<void>;
  /** Clears the count after a successful login. */
  reset(key: string): Promise<void>;
}

/** Throttle key of an account (username or ID number) and client address. */
export function toLoginThrottleKey(account: string, ip: string | undefined): string {
  return `${account.trim().toLowerCase()}|${ip ?? 'unknown'}`;
}

function rateLimited(msBeforeNext: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError(
    'rate_limited',
    `Too many failed logins for this account from this address; try again in ${retryAfterSeconds} seconds`,
    { retryAfterSeconds },
  );
}

/**
 * Creates a login throttle. `memory` keeps counts in this process (embedded store, single
 * process); `mongo` keeps them in the `login_throttle` collection so several server processes
 * share them.
 */
export function createLoginThrottle(
  options: { store: 'memory' } | { store: 'mongo'; connection: Connection },
): LoginThrottle {
  const points = maximumFailedLogins;
  const duration = loginThrottleWindowMs / 1000;
  const limiter: RateLimiterAbstract =
    options.store === 'memory'
      ? new RateLimiterMemory({ keyPrefix: 'login', points, duration })
      : new RateLimiterMongo({
          storeClient: options.connection,
          tableName: 'login_throttle',
          keyPrefix: 'login',
          points,
          duration,
        });
  return {
    async assertAllowed(key) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= points) throw rateLimited(state.msBeforeNext);
    },
    async recordFailure(key) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw rateLimited(rejection.msBeforeNext);
        throw rejection;
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}
