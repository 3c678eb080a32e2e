/**
 * JSON shapes of the certificate and archive routes (R13-R16) as the client reads them: the
 * server's own view types (certificate.presenter.ts, issue-certificates.ts, verify-certificate.ts),
 * imported as types only so no server code reaches the bundle.
 */

export type { CertificateLedgerEntryView, CertificateView } from '@skillcert/server/domain/certificates/certificate.presenter';
export type { BatchIssueSummary } from '@skillcert/server/domain/certificates/issue-certificates';
export type { CertificateVerificationView, VerificationStatus } from '@skillcert/server/domain/certificates/verify-certificate';
import type { RetentionKind } from '@skillcert/server/domain/archive/retention';

export type { RetentionKind } from '@skillcert/server/domain/archive/retention';

/**
 * An archive build as answered (R16). Client-side: the server's `presentArchive` spreads the
 * stored file and paper records, whose inferred type still carries `Date` fields that JSON
 * delivers as ISO strings.
 */
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
