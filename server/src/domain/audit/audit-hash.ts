/**
 * The canonical audit record and its hash (R10, R17). Shared by `recordAudit` and
 * `verifyAuditChain` so both compute exactly the same bytes.
 */
import type { AuditActorRecord, AuditTargetRecord } from './audit-entry.model';
import { sha256Hex, toCanonicalJson } from './canonical-json';

/** previousHash of the first entry. */
export const genesisHash = '0'.repeat(64);

/** Fields covered by an entry's hash. */
export interface AuditHashInput {
  seq: number;
  organisationId: string | null;
  actor: AuditActorRecord;
  action: string;
  target: AuditTargetRecord;
  at: Date;
  payloadDigest: string;
  previousHash: string;
}

/** SHA-256 hex of the canonical JSON of the record (nullable fields normalised to null). */
export function computeAuditHash(record: AuditHashInput): string {
  return sha256Hex(
    toCanonicalJson({
      seq: record.seq,
      organisationId: record.organisationId ?? null,
      actor: { userId: record.actor.userId ?? null, name: record.actor.name, roles: [...(record.actor.roles ?? [])] },
      action: record.action,
      target: { kind: record.target.kind, id: record.target.id ?? null, label: record.target.label ?? null },
      at: record.at.toISOString(),
      payloadDigest: record.payloadDigest,
      previousHash: record.previousHash,
    }),
  );
}

/** SHA-256 hex of a payload's canonical JSON. */
export function computePayloadDigest(payloadJson: string): string {
  return sha256Hex(payloadJson);
}
