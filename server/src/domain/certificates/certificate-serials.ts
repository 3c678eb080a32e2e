/**
 * Atomic allocation of certificate serials 证书序列码 (R14): one counter document per organisation,
 * year of issue and level, advanced with `findOneAndUpdate` + `$inc` inside the transaction that
 * inserts the certificate. A transaction that aborts (rollover, a failed insert, a write conflict)
 * takes its increment with it, so serials run 1, 2, 3 … with no gap and no duplicate under any
 * concurrency; the unique index on the certificate number is the last line of defence.
 */
import type { ClientSession } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { CertificateSerialRolloverError, maxCertificateSerial } from './certificate-number';
import { CertificateSerialCounterModel } from './certificate.model';

/** What a serial is counted per (R14). */
export interface SerialScope {
  organisationId: string;
  /** Full year of issue, e.g. 2026. */
  issueYear: number;
  /** Level 1-5. */
  level: number;
}

/** `_id` of the counter of a scope: `<organisationId>:<year>:<level>`. */
export function serialCounterId(scope: SerialScope): string {
  return `${scope.organisationId}:${scope.issueYear}:${scope.level}`;
}

/**
 * Creates the counter of `scope` at 0 when it does not exist (outside any transaction, so concurrent
 * first issues do not collide on the upsert inside their transactions). Idempotent.
 */
export async function ensureSerialCounter(scope: SerialScope): Promise<void> {
  try {
    await CertificateSerialCounterModel.updateOne(
      { _id: serialCounterId(scope) },
      {
        $setOnInsert: {
          organisationId: new Types.ObjectId(scope.organisationId),
          issueYear: scope.issueYear,
          level: scope.level,
          lastSerial: 0,
        },
      },
      { upsert: true },
    );
  } catch (error) {
    // A concurrent first issue created it: fine.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

/**
 * Takes the next serial of `scope` inside `session`'s transaction (R14).
 * @throws CertificateSerialRolloverError (`infeasible`) when the serial would pass 999999 (the
 *   transaction must abort, which undoes the increment); AppError `internal` when the counter is
 *   missing (call {@link ensureSerialCounter} first).
 */
export async function allocateCertificateSerial(scope: SerialScope, session: ClientSession): Promise<number> {
  const counter = await CertificateSerialCounterModel.findOneAndUpdate(
    { _id: serialCounterId(scope) },
    { $inc: { lastSerial: 1 } },
    { returnDocument: 'after', session },
  ).lean();
  if (!counter) throw new AppError('internal', `Certificate serial counter ${serialCounterId(scope)} is missing`);
  if (counter.lastSerial > maxCertificateSerial) throw new CertificateSerialRolloverError(counter.lastSerial);
  return counter.lastSerial;
}

/** The last serial handed out in `scope` (0 before the first), for reports and tests. */
export async function readLastSerial(scope: SerialScope): Promise<number> {
  const counter = await CertificateSerialCounterModel.findById(serialCounterId(scope)).lean();
  return counter?.lastSerial ?? 0;
}
