/**
 * Issues certificates 职业技能等级证书 for passing locked results (R13, R14, R15).
 */
import { Types } from 'mongoose';
import type { CertificateCodeSettings } from '../../contracts/identity';
import { AppError } from '../../errors';
import { type CalendarDate, calendarDateInChina, parseCalendarDate } from '../calendar/calendar-date';
import type { Actor } from '../identity/actor';
import { OrganisationModel } from '../identity/organisation.model';
import { BatchModel, type BatchRecord } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import { findResultScope, loadResultHolders } from '../publication/load-result-holders';
import { PublicationModel } from '../publication/publication.model';
import { ResultModel, type ResultRecord } from '../scoring/result.model';
import {
  type CertificateLevelCode,
  type CertificateNumberFields,
  CertificateSerialRolloverError,
  formatCertificateNumber,
} from './certificate-number';
import { appendLedgerEntry } from './certificate-ledger';
import { allocateCertificateSerial, ensureSerialCounter, type SerialScope } from './certificate-serials';
import { CertificateModel, type CertificateRecord } from './certificate.model';
import { runInTransaction } from '../../db/run-in-transaction';

/**
 * The certificate-number fields (R14) of an organisation's code settings for one certificate: an
 * employer (`Y`) uses city code, ownership (site) type and site sequence; a social organisation or
 * school (`S`) uses the same six digits as assigned.
 */
export function toCertificateNumberFields(
  code: CertificateCodeSettings,
  issueYear: number,
  level: number,
  serial: number,
): CertificateNumberFields {
  const siteSequence = /^\d{3}$/.test(code.siteSequence) ? Number(code.siteSequence) : Number.NaN;
  return {
    organisationClass: code.organisationClass,
    organisationCode: code.organisationCode,
    provinceCode: code.provinceCode,
    siteSerial:
      code.organisationClass === 'S'
        ? { kind: 'assigned', digits: `${code.cityCode}${code.ownershipType}${code.siteSequence}` }
        : { kind: 'employer', cityCode: code.cityCode, siteType: code.ownershipType, siteSequence },
    issueYear,
    level: level as CertificateLevelCode,
    serial,
  };
}

/** What an issue needs that does not change between the certificates of one batch. */
interface IssueContext {
  batch: BatchRecord;
  organisationName: string;
  code: CertificateCodeSettings;
  publicationEndDate: string;
  issueDate: CalendarDate;
}

async function loadIssueContext(actor: Actor, batchId: Types.ObjectId | string, issueDateText: string | undefined, today: CalendarDate): Promise<IssueContext> {
  const batch = await loadBatch(actor.organisationId, String(batchId));
  const publication = await PublicationModel.findOne({ batchId: batch._id }, { status: 1, endDate: 1 }).lean();
  if (!publication || publication.status !== 'closed' || !publication.endDate) {
    throw new AppError('precondition_failed', `Batch ${batch.code}: certificates are issued after the publication closes and the results are locked (R11, R15)`);
  }
  const issueDate = issueDateText ? parseCalendarDate(issueDateText, 'issueDate') : today;
  if (issueDate < publication.endDate || issueDate > today) {
    throw new AppError('validation_failed', `issueDate ${issueDate} must lie between the publication's last day ${publication.endDate} and today ${today}`, {
      field: 'issueDate',
    });
  }
  const organisation = await OrganisationModel.findById(actor.organisationId, { name: 1, settings: 1 }).lean();
  if (!organisation) throw new AppError('not_found', `Organisation ${actor.organisationId} does not exist`);
  return { batch, organisationName: organisation.name, code: organisation.settings.certificateCode, publicationEndDate: publication.endDate, issueDate };
}

async function issueOne(actor: Actor, context: IssueContext, result: ResultRecord): Promise<CertificateRecord> {
  const { batch, code, issueDate } = context;
  if (result.status !== 'locked') {
    throw new AppError('precondition_failed', `Result ${String(result._id)} is ${result.status}; a certificate is issued only for a locked result (R11)`);
  }
  if (!result.isPass) throw new AppError('precondition_failed', `Result ${String(result._id)} did not pass; no certificate is issued`);
  const scope = findResultScope(batch, result);
  if (!scope) throw new AppError('not_found', `Batch ${batch.code} has no scope ${String(result.scopeId)} of result ${String(result._id)}`);
  const holder = (await loadResultHolders([result])).get(String(result._id));
  if (!holder || !holder.candidateName || !holder.idNumber) {
    throw new AppError('precondition_failed', `Result ${String(result._id)}: the candidate's name or ID number is missing; a certificate must print both (R15)`);
  }
  const issueYear = Number(issueDate.slice(0, 4));
  // Validate every R14 field before a serial is taken (the error names the field and position).
  formatCertificateNumber(toCertificateNumberFields(code, issueYear, result.level, 1));
  const serialScope: SerialScope = { organisationId: actor.organisationId, issueYear, level: result.level };
  await ensureSerialCounter(serialScope);

  const certificateId = new Types.ObjectId();
  const holderRecord = {
    candidateName: holder.candidateName,
    idType: holder.idType,
    idNumber: holder.idNumber,
    ...(holder.department ? { department: holder.department } : {}),
  };
  await runInTransaction(async (session) => {
    const existing = await CertificateModel.exists({ resultId: result._id, status: 'issued' }).session(session);
    if (existing) throw new AppError('conflict', `Result ${String(result._id)} already has a certificate`, { certificateId: String(existing._id) });
    const serial = await allocateCertificateSerial(serialScope, session);
    const number = formatCertificateNumber(toCertificateNumberFields(code, issueYear, result.level, serial));
    const issuedAt = new Date();
    const [created] = await CertificateModel.create(
      [
        {
          _id: certificateId,
          organisationId: batch.organisationId,
          batchId: batch._id,
          resultId: result._id,
          registrationId: result.registrationId,
          candidateId: result.candidateId,
          number,
          serial,
          issueYear,
          level: result.level,
          occupationCode: scope.occupationCode,
          occupationName: scope.occupationName,
          workTypeName: scope.workType,
          assessmentDate: result.assessmentDate,
          organisationName: context.organisationName,
          issueVersion: 1,
          holder: holderRecord,
          issueDate,
          firstIssueDate: issueDate,
          versions: [{ issueVersion: 1, issueDate, holder: holderRecord, issuedAt }],
          status: 'issued',
          printedCount: 0,
          createdBy: new Types.ObjectId(actor.userId),
        },
      ],
      { session },
    );
    await appendLedgerEntry(
      {
        actor,
        certificate: created,
        issueVersion: 1,
        action: 'issued',
        reason: `Result ${String(result._id)} passed and locked after the publication`,
        details: { resultId: String(result._id), serial, issueDate, level: result.level },
      },
      session,
    );
  });
  // R13 counts from the (earliest) issue date of the batch.
  await BatchModel.updateOne({ _id: batch._id }, { $min: { 'milestones.certificateIssueDate': issueDate } });
  return (await CertificateModel.findById(certificateId).lean<CertificateRecord>())!;
}

/**
 * Issues the certificate of result `resultId` (R14, R15): the result must be locked (publication
 * closed) and passing and have no valid certificate yet. The number comes from the organisation's
 * code fields, the year of `issueDate` (default today in China; between the publication's last day
 * and today) and the result's level; the serial is allocated atomically in the transaction that
 * stores the certificate and its ledger entry `issued` (audited `certificate.issued`).
 *
 * @param options.today the current China date (tests); default from the clock.
 * @throws AppError `not_found` (result of another organisation or unknown); `precondition_failed`
 *   (not locked, not passed, publication open, holder data missing); `conflict` (already issued);
 *   `validation_failed` naming the R14 field and positions when the organisation's code fields are
 *   out of their tables, or for a bad issue date; CertificateSerialRolloverError (`infeasible`) when
 *   the serial of the organisation, year and level would pass 999999.
 */
export async function issueCertificate(options: { actor: Actor; resultId: string; issueDate?: string; today?: CalendarDate }): Promise<CertificateRecord> {
  const { actor } = options;
  if (!Types.ObjectId.isValid(options.resultId)) throw new AppError('not_found', `Result ${options.resultId} does not exist`);
  const result = await ResultModel.findOne({
    _id: new Types.ObjectId(options.resultId),
    organisationId: new Types.ObjectId(actor.organisationId),
  }).lean<ResultRecord>();
  if (!result) throw new AppError('not_found', `Result ${options.resultId} does not exist`);
  const context = await loadIssueContext(actor, result.batchId, options.issueDate, options.today ?? calendarDateInChina(new Date()));
  return issueOne(actor, context, result);
}

/** Outcome of a batch issue. */
export interface BatchIssueSummary {
  batchId: string;
  issued: { certificateId: string; resultId: string; number: string }[];
  /** Passing locked results that already had a certificate. */
  alreadyIssuedCount: number;
  /** Results that did not pass (no certificate). */
  notPassedCount: number;
}

/**
 * Issues certificates for every passing locked result of batch `batchId` that has none yet (R14,
 * R15), one transaction per certificate, in notice order. Stops at the first error (serial
 * rollover, invalid code fields): certificates issued before it stay issued; running it again
 * continues.
 * @throws as {@link issueCertificate}; `precondition_failed` while the publication is open.
 */
export async function issueBatchCertificates(options: { actor: Actor; batchId: string; issueDate?: string; today?: CalendarDate }): Promise<BatchIssueSummary> {
  const { actor } = options;
  const context = await loadIssueContext(actor, options.batchId, options.issueDate, options.today ?? calendarDateInChina(new Date()));
  const results = await ResultModel.find({ batchId: context.batch._id, status: 'locked' }).sort({ scopeId: 1, _id: 1 }).lean<ResultRecord[]>();
  const withCertificate = new Set(
    (await CertificateModel.find({ batchId: context.batch._id, status: 'issued' }, { resultId: 1 }).lean()).map((certificate) => String(certificate.resultId)),
  );
  const summary: BatchIssueSummary = { batchId: String(context.batch._id), issued: [], alreadyIssuedCount: 0, notPassedCount: 0 };
  for (const result of results) {
    if (!result.isPass) {
      summary.notPassedCount += 1;
      continue;
    }
    if (withCertificate.has(String(result._id))) {
      summary.alreadyIssuedCount += 1;
      continue;
    }
    try {
      const certificate = await issueOne(actor, context, result);
      summary.issued.push({ certificateId: String(certificate._id), resultId: String(result._id), number: certificate.number });
    } catch (error) {
      if (error instanceof AppError && !(error instanceof CertificateSerialRolloverError) && error.code === 'conflict') {
        summary.alreadyIssuedCount += 1;
        continue;
      }
      if (error instanceof AppError) {
        throw new AppError(error.code, `${error.message} (after ${summary.issued.length} certificate(s) issued in this run)`, {
          ...(typeof error.details === 'object' && error.details !== null ? error.details : {}),
          issuedInThisRun: summary.issued,
        });
      }
      throw error;
    }
  }
  return summary;
}
