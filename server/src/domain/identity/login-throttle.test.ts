import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongoose } from '../../db/connect';
import { startTestDatabase } from '../../db/test-database';
import { AppError } from '../../errors';
import { createLoginThrottle, maximumFailedLogins, toLoginThrottleKey, type LoginThrottle } from './login-throttle';

async function captureError(run: () => Promise<unknown>): Promise<AppError | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('createLoginThrottle', () => {
  let database: Awaited<ReturnType<typeof startTestDatabase>>;

  beforeAll(async () => {
    database = await startTestDatabase();
    await connectMongoose(database.uri);
  });

  afterAll(async () => {
    await mongoose.disconnect();
    await database?.stop();
  });

  const stores: Array<[string, () => LoginThrottle]> = [
    ['memory', () => createLoginThrottle({ store: 'memory' })],
    ['mongo', () => createLoginThrottle({ store: 'mongo', connection: mongoose.connection })],
  ];

  for (const [storeName, makeThrottle] of stores) {
    it(`R17 (${storeName}): refuses the attempt after ${maximumFailedLogins} failures with rate_limited and retry seconds`, async () => {
      const throttle = makeThrottle();
      const key = toLoginThrottleKey(`staff:${storeName}-user`, '10.0.0.1');
      for (let attempt = 1; attempt <= maximumFailedLogins; attempt += 1) {
        await throttle.assertAllowed(key);
        await throttle.recordFailure(key);
      }
      const error = await captureError(() => throttle.assertAllowed(key));
      expect(error?.code).toBe('rate_limited');
      expect((error?.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
      expect(await captureError(() => throttle.assertAllowed(toLoginThrottleKey(`staff:${storeName}-user`, '10.0.0.2')))).toBeNull();
    });

    it(`R17 (${storeName}): forgets earlier failures after a successful login`, async () => {
      const throttle = makeThrottle();
      const key = toLoginThrottleKey(`staff:${storeName}-reset`, '10.0.0.1');
      for (let attempt = 1; attempt < maximumFailedLogins; attempt += 1) await throttle.recordFailure(key);
      await throttle.reset(key);
      for (let attempt = 1; attempt < maximumFailedLogins; attempt += 1) await throttle.recordFailure(key);
      expect(await captureError(() => throttle.assertAllowed(key))).toBeNull();
    });
  }

  it('keys accounts case-insensitively per address', () => {
    expect(toLoginThrottleKey(' Admin ', '1.2.3.4')).toBe(toLoginThrottleKey('admin', '1.2.3.4'));
    expect(toLoginThrottleKey('admin', '1.2.3.4')).not.toBe(toLoginThrottleKey('admin', '1.2.3.5'));
  });
});
