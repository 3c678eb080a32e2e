/**
 * Ledger operations on an issued certificate (R15): printing, destruction of copies, reissue (old
 * version withdrawn, same number, next issue version) and revocation — each with its reason, in the
 * ledger and the audit chain.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { type CalendarDate, calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { appendLedgerEntry } from './certificate-ledger';
import { CertificateModel, type CertificateHolder, type CertificateRecord, type CertificateVersion } from './certificate.model';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * Certificate `certificateId` of the actor's organisation.
 * @throws AppError `not_found` when unknown or of another organisation.
 */
export async function loadCertificate(actor: Pick<Actor, 'organisationId'>, certificateId: string): Promise<CertificateRecord> {
  if (!Types.ObjectId.isValid(certificateId)) throw new AppError('not_found', `Certificate ${certificateId} does not exist`);
  const certificate = await CertificateModel.findOne({
    _id: new Types.ObjectId(certificateId),
    organisationId: new Types.ObjectId(actor.organisationId),
  }).lean<CertificateRecord>();
  if (!certificate) throw new AppError('not_found', `Certificate ${certificateId} does not exist`);
  return certificate;
}

function assertIssued(certificate: CertificateRecord, action: string): void {
  if (certificate.status !== 'issued') {
    throw new AppError('conflict', `Certificate ${certificate.number} is revoked; it cannot be ${action}`, { status: certificate.status });
  }
}

/**
 * Records that `copies` copies of the current version were printed (R15 "printed, never
 * handwritten"): ledger `printed`, `printedCount` raised. Audited `certificate.printed`.
 * @throws AppError `not_found`; `conflict` for a revoked certificate.
 */
export async function recordCertificatePrinted(options: { actor: Actor; certificateId: string; reason: string; copies: number }): Promise<CertificateRecord> {
  const certificate = await loadCertificate(options.actor, options.certificateId);
  assertIssued(certificate, 'printed');
  await runInTransaction(async (session) => {
    const updated = await CertificateModel.updateOne(
      { _id: certificate._id, status: 'issued', issueVersion: certificate.issueVersion },
      { $inc: { printedCount: options.copies } },
      { session },
    );
    if (updated.modifiedCount !== 1) throw new AppError('conflict', `Certificate ${certificate.number} changed meanwhile; try again`);
    await appendLedgerEntry(
      { actor: options.actor, certificate, issueVersion: certificate.issueVersion, action: 'printed', reason: options.reason, copies: options.copies },
      session,
    );
  });
  return loadCertificate(options.actor, options.certificateId);
}

/**
 * Records the destruction 销毁 of `copies` copies of issue version `issueVersion` (default the
 * current one), e.g. misprints or a withdrawn version handed back (R15). Audited
 * `certificate.destroyed`.
 * @throws AppError `not_found`; `validation_failed` for a version the certificate never had.
 */
export async function recordCertificateDestroyed(options: {
  actor: Actor;
  certificateId: string;
  reason: string;
  copies: number;
  issueVersion?: number;
}): Promise<CertificateRecord> {
  const certificate = await loadCertificate(options.actor, options.certificateId);
  const issueVersion = options.issueVersion ?? certificate.issueVersion;
  if (!certificate.versions.some((version) => version.issueVersion === issueVersion)) {
    throw new AppError('validation_failed', `issueVersion: certificate ${certificate.number} has no issue version ${issueVersion}`, { field: 'issueVersion' });
  }
  await runInTransaction(async (session) => {
    await appendLedgerEntry(
      { actor: options.actor, certificate, issueVersion, action: 'destroyed', reason: options.reason, copies: options.copies },
      session,
    );
  });
  return certificate;
}

/**
 * Reissues certificate `certificateId` (R15: lost or wrong certificate reissued, the old one
 * withdrawn): the same number (one certificate one number), issue version + 1, optional corrected
 * holder data, a new issue date (default today, not before the previous one). The withdrawn
 * version's QR code then verifies as "replaced". Audited `certificate.reissued`.
 * @throws AppError `not_found`; `conflict` for a revoked certificate or a concurrent change;
 *   `validation_failed` for a bad issue date.
 */
export async function reissueCertificate(options: {
  actor: Actor;
  certificateId: string;
  reason: string;
  corrections?: Partial<Pick<CertificateHolder, 'candidateName' | 'idType' | 'idNumber'>>;
  issueDate?: string;
  today?: CalendarDate;
}): Promise<CertificateRecord> {
  const certificate = await loadCertificate(options.actor, options.certificateId);
  assertIssued(certificate, 'reissued');
  const today = options.today ?? calendarDateInChina(new Date());
  const issueDate = options.issueDate ? parseCalendarDate(options.issueDate, 'issueDate') : today;
  if (issueDate < certificate.issueDate || issueDate > today) {
    throw new AppError('validation_failed', `issueDate ${issueDate} must lie between the current issue date ${certificate.issueDate} and today ${today}`, {
      field: 'issueDate',
    });
  }
  const corrections = options.corrections ?? {};
  const holder: CertificateHolder = {
    ...certificate.holder,
    ...(corrections.candidateName ? { candidateName: corrections.candidateName } : {}),
    ...(corrections.idType ? { idType: corrections.idType } : {}),
    ...(corrections.idNumber ? { idNumber: corrections.idNumber.toUpperCase() } : {}),
  };
  const now = new Date();
  const newVersion = certificate.issueVersion + 1;
  const versions: CertificateVersion[] = certificate.versions.map((version) =>
    version.issueVersion === certificate.issueVersion ? { ...version, withdrawnAt: now, withdrawnReason: options.reason } : version,
  );
  versions.push({ issueVersion: newVersion, issueDate, holder, issuedAt: now });
  await runInTransaction(async (session) => {
    const updated = await CertificateModel.updateOne(
      { _id: certificate._id, status: 'issued', issueVersion: certificate.issueVersion },
      { $set: { issueVersion: newVersion, holder, issueDate, versions, printedCount: 0 } },
      { session },
    );
    if (updated.modifiedCount !== 1) throw new AppError('conflict', `Certificate ${certificate.number} changed meanwhile; try again`);
    await appendLedgerEntry(
      {
        actor: options.actor,
        certificate,
        issueVersion: newVersion,
        action: 'reissued',
        reason: options.reason,
        details: {
          withdrawnIssueVersion: certificate.issueVersion,
          issueDate,
          correctedFields: Object.keys(corrections).filter((key) => corrections[key as keyof typeof corrections]),
        },
      },
      session,
    );
  });
  return loadCertificate(options.actor, options.certificateId);
}

/**
 * Revokes certificate `certificateId` for good (撤销, e.g. a result annulled): status `revoked`; its
 * QR codes verify as "revoked". A revoked certificate's number is never reused. Audited
 * `certificate.revoked`.
 * @throws AppError `not_found`; `conflict` when already revoked.
 */
export async function revokeCertificate(options: { actor: Actor; certificateId: string; reason: string }): Promise<CertificateRecord> {
  const certificate = await loadCertificate(options.actor, options.certificateId);
  assertIssued(certificate, 'revoked again');
  await runInTransaction(async (session) => {
    const updated = await CertificateModel.updateOne(
      { _id: certificate._id, status: 'issued' },
      { $set: { status: 'revoked', revokedAt: new Date(), revokedReason: options.reason } },
      { session },
    );
    if (updated.modifiedCount !== 1) throw new AppError('conflict', `Certificate ${certificate.number} changed meanwhile; try again`);
    await appendLedgerEntry(
      { actor: options.actor, certificate, issueVersion: certificate.issueVersion, action: 'revoked', reason: options.reason },
      session,
    );
  });
  return loadCertificate(options.actor, options.certificateId);
}
