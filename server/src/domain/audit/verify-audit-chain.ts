/**
 * Walks the audit chain and names the first broken record (R10, R17).
 */
import type { AuditVerification } from '../../contracts/identity';
import { AuditEntryModel } from './audit-entry.model';
import { computeAuditHash, computePayloadDigest, genesisHash } from './audit-hash';

type BrokenRecord = NonNullable<AuditVerification['firstBroken']>;

/**
 * Verifies the whole audit chain in seq order: seq must run 1, 2, 3 … without gaps or repeats
 * (`missing` names the first absent seq, `out_of_order` a repeated or shuffled one), each
 * previousHash must equal the preceding entry's hash (`out_of_order`: an entry moved or inserted),
 * and each payloadDigest and hash must match a recomputation (`modified`).
 * Deleting entries from the end of the log is not detectable from the log alone: keep the returned
 * `lastSeq` / `lastHash` outside the database to detect that.
 *
 * @returns `{ isIntact, checkedCount, lastSeq, lastHash, firstBroken }`; never throws for a broken chain.
 */
export async function verifyAuditChain(): Promise<AuditVerification> {
  let expectedSeq = 1;
  let previousHash = genesisHash;
  let checkedCount = 0;
  let lastSeq = 0;
  let lastHash: string | null = null;
  const fail = (firstBroken: BrokenRecord): AuditVerification => ({
    isIntact: false,
    checkedCount,
    lastSeq,
    lastHash,
    firstBroken,
  });

  const cursor = AuditEntryModel.find({}).sort({ seq: 1, _id: 1 }).lean().cursor({ batchSize: 1000 });
  try {
    for await (const entry of cursor) {
      const entryId = String(entry._id);
      if (entry.seq > expectedSeq) {
        return fail({
          seq: expectedSeq,
          entryId: null,
          reason: 'missing',
          message: `Audit record seq ${expectedSeq} is missing (the next record present is seq ${entry.seq}, id ${entryId})`,
        });
      }
      if (entry.seq < expectedSeq) {
        return fail({
          seq: entry.seq,
          entryId,
          reason: 'out_of_order',
          message: `Audit record id ${entryId} repeats seq ${entry.seq} (expected seq ${expectedSeq})`,
        });
      }
      if (entry.previousHash !== previousHash) {
        return fail({
          seq: entry.seq,
          entryId,
          reason: 'out_of_order',
          message: `Audit record seq ${entry.seq} (id ${entryId}) does not follow record seq ${entry.seq - 1}: its previousHash does not match (record moved, reordered or inserted)`,
        });
      }
      const payloadDigest = computePayloadDigest(entry.payloadJson);
      const hash = computeAuditHash({
        seq: entry.seq,
        organisationId: entry.organisationId ? String(entry.organisationId) : null,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        at: new Date(entry.at),
        payloadDigest: entry.payloadDigest,
        previousHash: entry.previousHash,
      });
      if (payloadDigest !== entry.payloadDigest || hash !== entry.hash) {
        const part = payloadDigest !== entry.payloadDigest ? 'payload' : 'content';
        return fail({
          seq: entry.seq,
          entryId,
          reason: 'modified',
          message: `Audit record seq ${entry.seq} (id ${entryId}, action ${entry.action}) was modified: its ${part} does not match its hash`,
        });
      }
      checkedCount += 1;
      lastSeq = entry.seq;
      lastHash = entry.hash;
      previousHash = entry.hash;
      expectedSeq += 1;
    }
  } finally {
    await cursor.close().catch(() => undefined);
  }
  return { isIntact: true, checkedCount, lastSeq, lastHash, firstBroken: null };
}
