/**
 * Shapes of the administration API as the client reads them (mirror of
 * server/src/contracts/identity.ts and the audit presenter).
 */

/** Certificate-number fields of the organisation (R14). */
export interface CertificateCodeSettings {
  organisationClass: 'Y' | 'S';
  organisationCode: string;
  provinceCode: string;
  cityCode: string;
  ownershipType: 1 | 2 | 3;
  siteSequence: string;
}

/** Jurisdiction settings (R4, R7, R11-R13; proctoring thresholds R10). */
export interface JurisdictionSettings {
  planLeadTimeWorkingDays: number;
  publicationWorkingDays: number;
  resultsSubmissionWorkingDays: number;
  certificateDataWorkingDays: number;
  /** Fraction 0..1. */
  minimumPracticalWeight: number;
  passMarks: { theory: number; practical: number; review: number };
  /** Fraction 0..1 of the maximum. */
  practicalScoreDifferenceThreshold: number;
  proctoring: { focusLossAlertCount: number; offlineAfterMs: number };
}

/** GET /api/admin/organisation. */
export interface OrganisationView {
  id: string;
  name: string;
  settings: { certificateCode: CertificateCodeSettings; jurisdiction: JurisdictionSettings };
  createdAt: string;
  updatedAt: string;
}

/** The strictest defaults of the source documents, shown next to each jurisdiction field. */
export const defaultJurisdictionSettings: JurisdictionSettings = {
  planLeadTimeWorkingDays: 10,
  publicationWorkingDays: 5,
  resultsSubmissionWorkingDays: 15,
  certificateDataWorkingDays: 30,
  minimumPracticalWeight: 0.5,
  passMarks: { theory: 60, practical: 60, review: 60 },
  practicalScoreDifferenceThreshold: 0.1,
  proctoring: { focusLossAlertCount: 3, offlineAfterMs: 60_000 },
};

/** A user as listed to administrators. */
export interface UserSummary {
  id: string;
  organisationId: string;
  name: string;
  roles: string[];
  username?: string;
  assessorGrade?: 'assessor' | 'senior_assessor';
  idType?: string;
  idNumber?: string;
  admissionTicketNumbers: string[];
  isActive: boolean;
  createdAt: string;
  lastLoginAt?: string;
}

/** GET /api/admin/audit/verify (R10, R17). */
export interface AuditVerification {
  isIntact: boolean;
  checkedCount: number;
  lastSeq: number;
  lastHash: string | null;
  firstBroken: { seq: number | null; entryId: string | null; reason: 'modified' | 'missing' | 'out_of_order'; message: string } | null;
}

/** One audit entry. */
export interface AuditEntryView {
  id: string;
  seq: number;
  actor: { userId: string | null; name: string; roles: string[] };
  action: string;
  target: { kind: string; id: string | null; label?: string };
  at: string;
  payload: unknown;
  hash: string;
}

/**
 * The first 13 characters of a certificate number from the organisation's code fields (R14):
 * class, organisation code, province, city, ownership type, site sequence.
 */
export function certificateNumberPrefix(code: CertificateCodeSettings): string {
  return `${code.organisationClass}${code.organisationCode}${code.provinceCode}${code.cityCode}${code.ownershipType}${code.siteSequence}`;
}
