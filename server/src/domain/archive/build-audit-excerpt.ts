/**
 * The audit excerpt of a batch for its archive (R10, R16, R17): every audit entry about the batch
 * or its records, in chain order, with the verification of the whole chain and a recomputation of
 * each excerpt entry's hash, so the excerpt can be checked offline.
 */
import { Types } from 'mongoose';
import type { AuditVerification } from '../../contracts/identity';
import { AuditEntryModel, type AuditEntryRecord } from '../audit/audit-entry.model';
import { computeAuditHash, computePayloadDigest } from '../audit/audit-hash';
import { verifyAuditChain } from '../audit/verify-audit-chain';

/** One entry as written to the excerpt: the full canonical record plus its hashes. */
export interface AuditExcerptEntry {
  seq: number;
  at: string;
  organisationId: string | null;
  actor: { userId: string | null; name: string; roles: string[] };
  action: string;
  target: { kind: string; id: string | null; label?: string };
  payloadJson: string;
  payloadDigest: string;
  previousHash: string;
  hash: string;
}

/** The excerpt file's content. */
export interface AuditExcerpt {
  /** Verification of the whole chain at build time. */
  chain: AuditVerification;
  /** Every excerpt entry's digest and hash recompute to the stored values. */
  isExcerptConsistent: boolean;
  /** Seqs whose recomputation failed (empty when consistent). */
  inconsistentSeqs: number[];
  entries: AuditExcerptEntry[];
  /** How to check: recompute sha256 of the canonical record (see server/src/domain/audit/audit-hash.ts). */
  method: string;
}

/**
 * Builds the excerpt of entries of `organisationId` whose target id is one of `targetIds` or whose
 * payload names `batchId`, oldest first, and verifies the chain.
 */
export async function buildAuditExcerpt(options: { organisationId: string; batchId: string; targetIds: readonly string[] }): Promise<AuditExcerpt> {
  const chain = await verifyAuditChain();
  const entries = await AuditEntryModel.find({
    organisationId: new Types.ObjectId(options.organisationId),
    $or: [{ 'target.id': { $in: [...new Set([options.batchId, ...options.targetIds])] } }, { payloadJson: { $regex: options.batchId } }],
  })
    .sort({ seq: 1 })
    .lean<AuditEntryRecord[]>();
  const inconsistentSeqs: number[] = [];
  const excerptEntries = entries.map((entry) => {
    const recomputed = computeAuditHash({
      seq: entry.seq,
      organisationId: entry.organisationId ? String(entry.organisationId) : null,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      at: new Date(entry.at),
      payloadDigest: entry.payloadDigest,
      previousHash: entry.previousHash,
    });
    if (recomputed !== entry.hash || computePayloadDigest(entry.payloadJson) !== entry.payloadDigest) inconsistentSeqs.push(entry.seq);
    return {
      seq: entry.seq,
      at: new Date(entry.at).toISOString(),
      organisationId: entry.organisationId ? String(entry.organisationId) : null,
      actor: { userId: entry.actor.userId, name: entry.actor.name, roles: [...entry.actor.roles] },
      action: entry.action,
      target: { kind: entry.target.kind, id: entry.target.id, ...(entry.target.label !== undefined ? { label: entry.target.label } : {}) },
      payloadJson: entry.payloadJson,
      payloadDigest: entry.payloadDigest,
      previousHash: entry.previousHash,
      hash: entry.hash,
    };
  });
  return {
    chain,
    isExcerptConsistent: inconsistentSeqs.length === 0,
    inconsistentSeqs,
    entries: excerptEntries,
    method:
      'hash = sha256(canonical JSON of {seq, organisationId, actor{userId,name,roles}, action, target{kind,id,label}, at (ISO), payloadDigest, previousHash}); payloadDigest = sha256(payloadJson); chain verified from seq 1 to lastSeq',
  };
}
