/**
 * Plain JSON of an audit entry for administrators.
 */
import type { AuditEntryRecord } from './audit-entry.model';

/** An audit entry as listed by GET /api/admin/audit. */
export interface AuditEntryView {
  id: string;
  seq: number;
  organisationId: string | null;
  actor: { userId: string | null; name: string; roles: string[] };
  action: string;
  target: { kind: string; id: string | null; label?: string };
  at: string;
  payload: unknown;
  payloadDigest: string;
  previousHash: string;
  hash: string;
}

/** Presents a stored entry; the payload is parsed back from its canonical JSON. */
export function presentAuditEntry(entry: AuditEntryRecord): AuditEntryView {
  let payload: unknown;
  try {
    payload = JSON.parse(entry.payloadJson);
  } catch {
    payload = entry.payloadJson;
  }
  return {
    id: String(entry._id),
    seq: entry.seq,
    organisationId: entry.organisationId ? String(entry.organisationId) : null,
    actor: { userId: entry.actor.userId ?? null, name: entry.actor.name, roles: [...(entry.actor.roles ?? [])] },
    action: entry.action,
    target: {
      kind: entry.target.kind,
      id: entry.target.id ?? null,
      ...(entry.target.label !== undefined && entry.target.label !== null ? { label: entry.target.label } : {}),
    },
    at: new Date(entry.at).toISOString(),
    payload,
    payloadDigest: entry.payloadDigest,
    previousHash: entry.previousHash,
    hash: entry.hash,
  };
}
