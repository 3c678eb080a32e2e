/**
 * Appends to the certificate ledger 证书台账 (R15) and, in the same transaction, to the audit chain.
 */
import type { ClientSession } from 'mongoose';
import { Types } from 'mongoose';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import { CertificateLedgerEntryModel, type CertificateLedgerAction, type CertificateRecord } from './certificate.model';

/**
 * Records `action` on `certificate` with its reason (R15): an audit entry `certificate.<action>`
 * (payload: number, issue version, reason, copies and `details`) and a ledger entry pointing at it.
 * Must run inside the transaction that changes the certificate.
 */
export async function appendLedgerEntry(
  options: {
    actor: AuditActor;
    certificate: Pick<CertificateRecord, '_id' | 'organisationId' | 'batchId' | 'number'>;
    issueVersion: number;
    action: CertificateLedgerAction;
    reason: string;
    copies?: number;
    details?: Record<string, unknown>;
  },
  session: ClientSession,
): Promise<void> {
  const { actor, certificate } = options;
  const audit = await recordAudit(
    {
      actor,
      action: `certificate.${options.action}`,
      target: { kind: 'certificate', id: String(certificate._id), label: certificate.number },
      payload: {
        number: certificate.number,
        batchId: String(certificate.batchId),
        issueVersion: options.issueVersion,
        reason: options.reason,
        ...(options.copies !== undefined ? { copies: options.copies } : {}),
        ...(options.details ?? {}),
      },
      organisationId: String(certificate.organisationId),
    },
    session,
  );
  await CertificateLedgerEntryModel.create(
    [
      {
        organisationId: certificate.organisationId,
        batchId: certificate.batchId,
        certificateId: certificate._id,
        number: certificate.number,
        issueVersion: options.issueVersion,
        action: options.action,
        reason: options.reason,
        ...(options.copies !== undefined ? { copies: options.copies } : {}),
        at: audit.at,
        byUserId: actor.userId ? new Types.ObjectId(actor.userId) : null,
        byName: actor.name,
        auditSeq: audit.seq,
        auditHash: audit.hash,
      },
    ],
    { session },
  );
}
