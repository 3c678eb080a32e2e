/**
 * Roster import 评价员工名册 (R7 roster, R9): an xlsx of candidates becomes applications of a batch,
 * each evaluated for eligibility, all or nothing — any bad row refuses the whole file, and the
 * applications and the audit entry are written in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { calendarDateInChina } from '../calendar/calendar-date';
import { ApplicationModel, type ApplicationRecord } from './application.model';
import { presentApplication } from './application.presenter';
import { evaluateApplication, findEligibilityReferenceDate } from './application-eligibility';
import type { BatchScope } from './batch.model';
import { assertBatchStatus, loadBatch } from './load-batch';
import { loadEnterpriseUnits } from './load-plan-settings';
import type { RosterImportView } from './plans.contracts';
import { assertImportable, parseRoster, type RosterField, type RosterImportResult, type RosterRowError, toCandidateProfile } from './roster-import';
import { runInTransaction } from '../../db/run-in-transaction';

/** Largest roster file accepted, in bytes. */
export const maximumRosterBytes = 10 * 1024 * 1024;

function rowError(result: RosterImportResult, row: number, field: RosterField, reason: string): RosterRowError {
  const column = result.columns[field];
  const letter = column ? column.split(' ')[0] : '';
  const header = column ? column.replace(/^[A-Z]+ \((.*)\)$/, '$1') : '';
  return { row, field, column: column ?? field, columnLetter: letter, header, reason };
}

/**
 * Imports a roster into batch `batchId` (draft, filed or announced) and audits `roster.imported`.
 * Each row's level (申报等级, else the scope's) chooses the batch scope: with `scopeId` every row
 * must be of that scope's level; without it the level must match exactly one scope of the batch.
 * Rows whose person already applied for the scope are row errors too.
 * @returns counts and the applications with their eligibility verdicts (R9 reasons kept on
 *   rejected ones).
 * @throws AppError `not_found`; `conflict` when the batch takes no applications; `validation_failed`
 *   for an unreadable file, a missing column, or any row error — nothing is imported, details
 *   `{ file, sheet, rowErrors: [{ row, column, reason, … }] }`.
 */
export async function importRoster(options: {
  batchId: string;
  data: Buffer;
  fileName?: string;
  scopeId?: string;
  actor: Actor;
}): Promise<RosterImportView> {
  const { actor } = options;
  const file = options.fileName ?? 'roster.xlsx';
  if (options.data.length === 0) throw new AppError('validation_failed', `${file}: the request body holds no file; send the xlsx bytes`, { field: 'body' });
  if (options.data.length > maximumRosterBytes) {
    throw new AppError('validation_failed', `${file}: ${options.data.length} bytes exceeds the ${maximumRosterBytes}-byte limit`, { field: 'body' });
  }
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['draft', 'filed', 'announced'], 'importing a roster');
  let fixedScope: BatchScope | undefined;
  if (options.scopeId !== undefined) {
    fixedScope = batch.scopes.find((scope) => String(scope.scopeId) === options.scopeId);
    if (!fixedScope) throw new AppError('validation_failed', `scopeId: scope ${options.scopeId} is not offered in batch ${batch.code}`, { field: 'scopeId' });
  } else if (batch.scopes.length === 1) {
    fixedScope = batch.scopes[0];
  }

  const today = calendarDateInChina(new Date());
  const result = await parseRoster(options.data, { file, today, ...(fixedScope ? { level: fixedScope.level } : {}) });

  const scopesByLevel = new Map<Level, BatchScope[]>();
  for (const scope of batch.scopes) scopesByLevel.set(scope.level, [...(scopesByLevel.get(scope.level) ?? []), scope]);
  const extraErrors: RosterRowError[] = [];
  const scopeOfRow = new Map<number, BatchScope>();
  for (const application of result.applications) {
    const level = application.appliedLevel;
    if (fixedScope) {
      if (level !== undefined && level !== fixedScope.level) {
        extraErrors.push(rowError(result, application.row, 'appliedLevel', `申报等级 (applied level) ${level} differs from the scope's level ${fixedScope.level}`));
      } else {
        scopeOfRow.set(application.row, fixedScope);
      }
      continue;
    }
    const matches = level === undefined ? [] : (scopesByLevel.get(level) ?? []);
    if (level === undefined) {
      extraErrors.push(rowError(result, application.row, 'appliedLevel', '申报等级 (applied level) is required: the batch offers several scopes; or import with a scopeId'));
    } else if (matches.length !== 1) {
      extraErrors.push(
        rowError(
          result,
          application.row,
          'appliedLevel',
          matches.length === 0
            ? `申报等级 (applied level) ${level} is not offered in batch ${batch.code}`
            : `申报等级 (applied level) ${level} matches ${matches.length} scopes of the batch; import with a scopeId`,
        ),
      );
    } else {
      scopeOfRow.set(application.row, matches[0]);
    }
  }
  const existing = await ApplicationModel.find(
    { batchId: batch._id, idNumber: { $in: result.applications.map((application) => application.idNumber) } },
    { idNumber: 1, scopeId: 1 },
  ).lean();
  const existingKeys = new Set(existing.map((application) => `${String(application.scopeId)}:${application.idNumber}`));
  for (const application of result.applications) {
    const scope = scopeOfRow.get(application.row);
    if (scope && existingKeys.has(`${String(scope.scopeId)}:${application.idNumber}`)) {
      extraErrors.push(rowError(result, application.row, 'idNumber', `证件号码 (ID number) ${application.idNumber} has already applied for this scope in batch ${batch.code}`));
    }
  }
  const rowErrors = [...result.rowErrors, ...extraErrors].sort((a, b) => a.row - b.row);
  const rows = assertImportable({ ...result, rowErrors });

  const asOf = await findEligibilityReferenceDate(batch);
  const enterpriseUnits = await loadEnterpriseUnits(actor.organisationId);
  const rosterImportId = randomUUID();
  const submittedBy = new Types.ObjectId(actor.userId);
  const documents = rows.map((row) => {
    const scope = scopeOfRow.get(row.row)!;
    const eligibility = evaluateApplication({ profile: toCandidateProfile(row), level: scope.level, mode: batch.mode, asOf, enterpriseUnits });
    return {
      _id: new Types.ObjectId(),
      organisationId: batch.organisationId,
      batchId: batch._id,
      scopeId: scope.scopeId,
      level: scope.level,
      source: 'roster' as const,
      rosterImportId,
      rosterRow: row.row,
      name: row.name,
      idType: row.idType,
      idNumber: row.idNumber,
      ...(row.birthDate ? { birthDate: row.birthDate } : {}),
      ...(row.sex ? { sex: row.sex } : {}),
      employer: row.employer,
      department: row.department,
      hireDate: row.hireDate,
      employmentType: row.isDispatched ? ('dispatched' as const) : ('employee' as const),
      yearsInOccupation: row.yearsInOccupation,
      certificates: row.currentCertificate
        ? [{ level: row.currentCertificate.level, issueDate: row.currentCertificate.issueDate, ...(row.currentCertificate.number ? { number: row.currentCertificate.number } : {}) }]
        : [],
      ...(row.education ? { education: row.education } : {}),
      eligibility,
      status: eligibility.isEligible ? ('eligible' as const) : ('rejected' as const),
      submittedBy,
    };
  });
  const eligible = documents.filter((document) => document.status === 'eligible').length;

  await runInTransaction(async (session) => {
    await ApplicationModel.insertMany(documents, { session });
    await recordAudit(
      {
        actor,
        action: 'roster.imported',
        target: { kind: 'batch', id: String(batch._id), label: batch.code },
        payload: { rosterImportId, file, sheet: result.sheet, imported: documents.length, eligible, rejected: documents.length - eligible },
      },
      session,
    );
  });
  const stored = await ApplicationModel.find({ rosterImportId }).sort({ rosterRow: 1 }).lean<ApplicationRecord[]>();
  return {
    file,
    sheet: result.sheet,
    imported: stored.length,
    eligible,
    rejected: stored.length - eligible,
    applications: stored.map(presentApplication),
  };
}
