/**
 * JSON shapes of the certificate and archive routes (R13-R16) as the client reads them (mirrors
 * server/src/domain/certificates/certificate.presenter.ts, issue-certificates.ts, verify-certificate.ts
 * and archive/archive.routes.ts).
 */

/** A certificate as answered to staff (and to its holder). */
export interface CertificateView {
  id: string;
  batchId: string;
  resultId: string;
  candidateId: string;
  number: string;
  serial: number;
  issueYear: number;
  level: number;
  levelName: string;
  candidateName: string;
  idType: string;
  idTypeName: string;
  idNumber: string;
  department?: string;
  occupationCode: string;
  occupationName: string;
  workTypeName: string;
  assessmentDate: string;
  issueDate: string;
  firstIssueDate: string;
  organisationName: string;
  issueVersion: number;
  status: 'issued' | 'revoked';
  revokedAt?: string;
  revokedReason?: string;
  printedCount: number;
  versions: { issueVersion: number; issueDate: string; issuedAt: string; withdrawnAt?: string; withdrawnReason?: string }[];
}

/** A ledger entry 证书台账 (R15). */
export interface CertificateLedgerEntryView {
  id: string;
  certificateId: string;
  number: string;
  issueVersion: number;
  action: string;
  reason: string;
  copies?: number;
  at: string;
  byName: string;
  auditSeq: number;
}

/** POST /api/batches/:batchId/certificates answer. */
export interface BatchIssueSummary {
  batchId: string;
  issued: { certificateId: string; resultId: string; number: string }[];
  alreadyIssuedCount: number;
  notPassedCount: number;
}

/** Public verification status (R15). */
export type VerificationStatus = 'valid' | 'revoked' | 'replaced' | 'not_verifiable';

/** GET /api/verify/:number?t= answer. */
export interface CertificateVerificationView {
  status: VerificationStatus;
  message: string;
  certificate?: {
    number: string;
    maskedName: string;
    idTypeName: string;
    maskedIdNumber: string;
    occupationCode: string;
    occupationName: string;
    workTypeName: string;
    level: number;
    levelName: string;
    organisationName: string;
    issueDate: string;
    issueVersion: number;
    currentIssueVersion: number;
    revokedOn?: string;
    withdrawnOn?: string;
  };
}

/** Retention kinds of the archive (R16). */
export type RetentionKind = 'paper' | 'electronic' | 'video';

/** An archive build as answered (R16). */
export interface ArchiveView {
  id: string;
  batchId: string;
  batchCode: string;
  version: number;
  status: 'current' | 'superseded';
  builtAt: string;
  retentionBaseDate: string;
  retentionDates: Record<RetentionKind, string>;
  fileName: string;
  zipSha256: string;
  zipBytes: number;
  isZipStored: boolean;
  files: { path: string; document: string; retentionUntil: string; sha256: string; bytes: number; destroyedAt?: string }[];
  paperRecords: { document: string; title: string; retentionUntil: string; electronicCopies: string[]; destroyedAt?: string }[];
  missing: { document: string; title: string; retentionKind: RetentionKind; retentionUntil: string; reason: string }[];
  auditCheck: { isIntact: boolean; checkedCount: number; lastSeq: number; lastHash: string | null; excerptCount: number; isExcerptConsistent: boolean };
  destructions: { at: string; destroyedOn: string; byName: string; retentionKind: RetentionKind; reason: string; approvalReference: string; paths: string[]; auditSeq: number }[];
}
