/**
 * Plain JSON of certificates and ledger entries (R15); never a mongoose document.
 */
import { describeIdType } from '../publication/mask-personal-data';
import { certificateLevelNames, type CertificateLevelCode } from './certificate-number';
import type { CertificateLedgerEntryRecord, CertificateRecord } from './certificate.model';

/** A certificate as answered to staff. */
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

/** A ledger entry as answered (R15). */
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

/** Presents a certificate. */
export function presentCertificate(certificate: CertificateRecord): CertificateView {
  const names = certificateLevelNames[certificate.level as CertificateLevelCode];
  return {
    id: String(certificate._id),
    batchId: String(certificate.batchId),
    resultId: String(certificate.resultId),
    candidateId: String(certificate.candidateId),
    number: certificate.number,
    serial: certificate.serial,
    issueYear: certificate.issueYear,
    level: certificate.level,
    levelName: names ? `${names.grade}/${names.title}` : String(certificate.level),
    candidateName: certificate.holder.candidateName,
    idType: certificate.holder.idType,
    idTypeName: describeIdType(certificate.holder.idType),
    idNumber: certificate.holder.idNumber,
    ...(certificate.holder.department ? { department: certificate.holder.department } : {}),
    occupationCode: certificate.occupationCode,
    occupationName: certificate.occupationName,
    workTypeName: certificate.workTypeName,
    assessmentDate: certificate.assessmentDate,
    issueDate: certificate.issueDate,
    firstIssueDate: certificate.firstIssueDate,
    organisationName: certificate.organisationName,
    issueVersion: certificate.issueVersion,
    status: certificate.status,
    ...(certificate.revokedAt ? { revokedAt: new Date(certificate.revokedAt).toISOString() } : {}),
    ...(certificate.revokedReason ? { revokedReason: certificate.revokedReason } : {}),
    printedCount: certificate.printedCount,
    versions: certificate.versions.map((version) => ({
      issueVersion: version.issueVersion,
      issueDate: version.issueDate,
      issuedAt: new Date(version.issuedAt).toISOString(),
      ...(version.withdrawnAt ? { withdrawnAt: new Date(version.withdrawnAt).toISOString() } : {}),
      ...(version.withdrawnReason ? { withdrawnReason: version.withdrawnReason } : {}),
    })),
  };
}

/** Presents a ledger entry. */
export function presentLedgerEntry(entry: CertificateLedgerEntryRecord): CertificateLedgerEntryView {
  return {
    id: String(entry._id),
    certificateId: String(entry.certificateId),
    number: entry.number,
    issueVersion: entry.issueVersion,
    action: entry.action,
    reason: entry.reason,
    ...(entry.copies !== undefined && entry.copies !== null ? { copies: entry.copies } : {}),
    at: new Date(entry.at).toISOString(),
    byName: entry.byName,
    auditSeq: entry.auditSeq,
  };
}
