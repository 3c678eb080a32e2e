/**
 * Multi-document transactions: every use case whose writes must commit together with their audit
 * entry (R10, R17) runs them through {@link runInTransaction}.
 */
import mongoose, { type ClientSession } from 'mongoose';

/**
 * Runs `work` in a transaction on the default connection; retried by the driver on transient
 * errors (for example an audit sequence race), so `work` must be safe to run more than once.
 * @returns what `work` returns once the transaction has committed
 */
export async function runInTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await mongoose.connection.transaction(async (session) => {
    result = await work(session);
  });
  return result as T;
}
