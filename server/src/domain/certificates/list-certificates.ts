/**
 * Reads certificates, their ledger (R15) and records the R13 certificate data report.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { type CalendarDate, calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { BatchModel } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import { CertificateLedgerEntryModel, CertificateModel, type CertificateLedgerEntryRecord, type CertificateRecord } from './certificate.model';
import { presentCertificate, presentLedgerEntry, type CertificateLedgerEntryView, type CertificateView } from './certificate.presenter';
import { loadCertificate } from './change-certificate';

/**
 * Certificates of batch `batchId`, in number order (R15).
 * @throws AppError `not_found` for an unknown batch.
 */
export async function listBatchCertificates(options: { actor: Actor; batchId: string }): Promise<CertificateView[]> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  const certificates = await CertificateModel.find({ organisationId: batch.organisationId, batchId: batch._id }).sort({ number: 1 }).lean<CertificateRecord[]>();
  return certificates.map(presentCertificate);
}

/**
 * One certificate with its ledger, oldest entry first (R15).
 * @throws AppError `not_found`.
 */
export async function getCertificate(options: { actor: Actor; certificateId: string }): Promise<CertificateView & { ledger: CertificateLedgerEntryView[] }> {
  const certificate = await loadCertificate(options.actor, options.certificateId);
  const ledger = await CertificateLedgerEntryModel.find({ certificateId: certificate._id }).sort({ at: 1, auditSeq: 1 }).lean<CertificateLedgerEntryRecord[]>();
  return { ...presentCertificate(certificate), ledger: ledger.map(presentLedgerEntry) };
}

/** The ledger of a batch's certificates, oldest first (R15, R16 archive). */
export async function listBatchLedger(organisationId: string, batchId: Types.ObjectId): Promise<CertificateLedgerEntryView[]> {
  const entries = await CertificateLedgerEntryModel.find({ organisationId: new Types.ObjectId(organisationId), batchId })
    .sort({ auditSeq: 1 })
    .lean<CertificateLedgerEntryRecord[]>();
  return entries.map(presentLedgerEntry);
}

/**
 * The candidate's own valid certificates (R15).
 */
export async function listOwnCertificates(actor: Actor): Promise<CertificateView[]> {
  const certificates = await CertificateModel.find({
    organisationId: new Types.ObjectId(actor.organisationId),
    candidateId: new Types.ObjectId(actor.userId),
  })
    .sort({ issueDate: -1 })
    .lean<CertificateRecord[]>();
  return certificates.map(presentCertificate);
}

/**
 * Records the day the certificate data of batch `batchId` were reported to the guidance body (R13):
 * batch milestone `certificateDataReportedDate`, which ends the R13 warnings. Audited
 * `certificate_data.reported`.
 * @throws AppError `not_found`; `precondition_failed` before any certificate was issued;
 *   `validation_failed` for a day before the first issue or in the future.
 */
export async function recordCertificateDataReport(options: {
  actor: Actor;
  batchId: string;
  reportedOn: string;
  today?: CalendarDate;
}): Promise<{ batchId: string; certificateDataReportedDate: string }> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  const issueDate = batch.milestones?.certificateIssueDate;
  if (!issueDate) throw new AppError('precondition_failed', `Batch ${batch.code} has no certificate issued yet (R13 counts from the issue date)`);
  const reportedOn = parseCalendarDate(options.reportedOn, 'reportedOn');
  const today = options.today ?? calendarDateInChina(new Date());
  if (reportedOn < issueDate || reportedOn > today) {
    throw new AppError('validation_failed', `reportedOn ${reportedOn} must lie between the issue date ${issueDate} and today ${today}`, { field: 'reportedOn' });
  }
  await BatchModel.updateOne({ _id: batch._id }, { $set: { 'milestones.certificateDataReportedDate': reportedOn } });
  await recordAudit({
    actor: options.actor,
    action: 'certificate_data.reported',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: { reportedOn },
  });
  return { batchId: String(batch._id), certificateDataReportedDate: reportedOn };
}
