/**
 * An application 报名 through the API (R9): a candidate applying for themself, or staff entering one.
 * The ID number is validated, eligibility is evaluated and the verdict with its reasons stored.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { hasAnyRole, type Actor } from '../identity/actor';
import { UserModel } from '../identity/user.model';
import { recordAudit } from '../audit/record-audit';
import { type CalendarDate, calendarDateInChina } from '../calendar/calendar-date';
import { AnnouncementModel } from './announcement.model';
import { ApplicationModel, type ApplicationRecord } from './application.model';
import { presentApplication } from './application.presenter';
import { evaluateApplication, findEligibilityReferenceDate } from './application-eligibility';
import type { CandidateProfile, EducationLevel } from './eligibility';
import { assertValidIdNumber, type IdType } from './id-number';
import { assertBatchStatus, loadBatch } from './load-batch';
import { loadEnterpriseUnits } from './load-plan-settings';
import type { ApplicationView, SubmitApplicationRequest } from './plans.contracts';

/** Identity ID types (user accounts) → plans ID types. */
const planIdTypeByIdentityIdType: Readonly<Record<string, IdType>> = Object.freeze({
  resident_identity_card: 'resident_id',
  passport: 'passport',
  hong_kong_macao_permit: 'hk_macau_permit',
  taiwan_permit: 'taiwan_permit',
});

/**
 * R8: a candidate applies only to a batch whose announcement is published, within its application
 * period when it states one.
 * @throws AppError `precondition_failed` naming the reason otherwise.
 */
async function assertApplicationsOpen(batchId: Types.ObjectId, batchCode: string): Promise<void> {
  const announcement = await AnnouncementModel.findOne({ batchId, status: 'published' }, { published: 1 }).lean();
  if (!announcement?.published) {
    throw new AppError('precondition_failed', `R8: batch ${batchCode} has no published announcement; applications open once it is published`);
  }
  const period = announcement.published.page.applicationPeriod;
  const today = calendarDateInChina(new Date());
  if (period && (today < period.opensOn || today > period.closesOn)) {
    throw new AppError(
      'precondition_failed',
      `R8: applications to batch ${batchCode} are taken from ${period.opensOn} to ${period.closesOn}; today is ${today}`,
      { applicationPeriod: period },
    );
  }
}

/**
 * Submits one application to a batch (draft, filed or announced) and audits
 * `application.submitted`. A candidate applies for themself: name and ID come from the account (an
 * ID number given must be theirs). Eligible or rejected, the application is stored with the
 * verdict (R9; dispatched workers need >= 1 year, employer must be one of the enterprise units).
 * Self-applications need the batch's published announcement and its application period (R8).
 * @throws AppError `not_found`; `conflict` when the batch no longer takes applications;
 *   `validation_failed` for a scope not in the batch, a missing name/ID (staff), an invalid ID
 *   number (positions named) or a birth date differing from the ID; `forbidden` when a candidate
 *   applies for someone else; `precondition_failed` for a self-application without a published
 *   announcement or outside its application period; `duplicate` when the person already applied.
 */
export async function submitApplication(options: { batchId: string; request: SubmitApplicationRequest; actor: Actor }): Promise<ApplicationView> {
  const { request, actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['draft', 'filed', 'announced'], 'applying');
  const scope = batch.scopes.find((candidate) => String(candidate.scopeId) === request.scopeId);
  if (!scope) throw new AppError('validation_failed', `scopeId: scope ${request.scopeId} is not offered in batch ${batch.code}`, { field: 'scopeId' });

  const isSelfApplication = !hasAnyRole(actor, ['admin', 'exam_admin']);
  let name = request.name;
  let idNumber = request.idNumber;
  let idType: IdType = request.idType;
  let candidateId: Types.ObjectId | undefined;
  if (isSelfApplication) {
    const user = await UserModel.findById(actor.userId).lean();
    if (!user?.idNumber) throw new AppError('forbidden', 'Only a candidate account with an ID number can apply for itself');
    if (idNumber !== undefined && idNumber.toUpperCase() !== user.idNumber) {
      throw new AppError('forbidden', 'idNumber: a candidate may apply only for themself', { field: 'idNumber' });
    }
    await assertApplicationsOpen(batch._id, batch.code);
    name = user.name;
    idNumber = user.idNumber;
    idType = (user.idType && planIdTypeByIdentityIdType[user.idType]) ?? request.idType;
    candidateId = user._id;
  }
  if (!name) throw new AppError('validation_failed', 'name: is required', { field: 'name' });
  if (!idNumber) throw new AppError('validation_failed', 'idNumber: is required', { field: 'idNumber' });

  const today = calendarDateInChina(new Date());
  const checked = assertValidIdNumber(idType, idNumber, { field: 'idNumber', today });
  const birthDate = (checked.birthDate ?? request.birthDate) as CalendarDate | undefined;
  if (checked.birthDate && request.birthDate && request.birthDate !== checked.birthDate) {
    throw new AppError('validation_failed', `birthDate: ${request.birthDate} differs from ${checked.birthDate} in the ID number`, { field: 'birthDate' });
  }
  if (await ApplicationModel.exists({ batchId: batch._id, scopeId: scope.scopeId, idNumber: checked.idNumber })) {
    throw new AppError('duplicate', `idNumber: ${checked.idNumber} has already applied for ${scope.occupationName} ${scope.workType} level ${scope.level} in batch ${batch.code}`, {
      field: 'idNumber',
    });
  }

  const profile: CandidateProfile = {
    name,
    ...(birthDate ? { birthDate } : {}),
    employmentType: request.employmentType,
    employer: request.employer,
    ...(request.hireDate ? { hireDate: request.hireDate as CalendarDate } : {}),
    yearsInOccupation: request.yearsInOccupation,
    certificates: request.certificates.map((certificate) => ({ ...certificate, issueDate: certificate.issueDate as CalendarDate })),
    ...(request.education ? { education: request.education as EducationLevel } : {}),
    ...(request.isRelatedSpecialty !== undefined ? { isRelatedSpecialty: request.isRelatedSpecialty } : {}),
    ...(request.hasCompletedApprenticeship !== undefined ? { hasCompletedApprenticeship: request.hasCompletedApprenticeship } : {}),
    ...(request.hasPreparatoryTechnicianCertificate !== undefined
      ? { hasPreparatoryTechnicianCertificate: request.hasPreparatoryTechnicianCertificate }
      : {}),
  };
  const eligibility = evaluateApplication({
    profile,
    level: scope.level,
    mode: batch.mode,
    asOf: await findEligibilityReferenceDate(batch),
    enterpriseUnits: await loadEnterpriseUnits(actor.organisationId),
  });
  const created = await ApplicationModel.create({
    organisationId: batch.organisationId,
    batchId: batch._id,
    scopeId: scope.scopeId,
    level: scope.level,
    source: 'api',
    ...(candidateId ? { candidateId } : {}),
    name,
    idType,
    idNumber: checked.idNumber,
    ...(birthDate ? { birthDate } : {}),
    ...(checked.sex ? { sex: checked.sex } : {}),
    employer: request.employer,
    ...(request.department ? { department: request.department } : {}),
    ...(request.hireDate ? { hireDate: request.hireDate } : {}),
    employmentType: request.employmentType,
    yearsInOccupation: request.yearsInOccupation,
    certificates: request.certificates,
    ...(request.education ? { education: request.education } : {}),
    ...(request.isRelatedSpecialty !== undefined ? { isRelatedSpecialty: request.isRelatedSpecialty } : {}),
    ...(request.hasCompletedApprenticeship !== undefined ? { hasCompletedApprenticeship: request.hasCompletedApprenticeship } : {}),
    ...(request.hasPreparatoryTechnicianCertificate !== undefined
      ? { hasPreparatoryTechnicianCertificate: request.hasPreparatoryTechnicianCertificate }
      : {}),
    eligibility,
    status: eligibility.isEligible ? 'eligible' : 'rejected',
    submittedBy: new Types.ObjectId(actor.userId),
  });
  const application = created.toObject() as ApplicationRecord;
  await recordAudit({
    actor,
    action: 'application.submitted',
    target: { kind: 'application', id: String(application._id), label: `${name} ${checked.idNumber}` },
    payload: {
      batchId: String(batch._id),
      scopeId: String(scope.scopeId),
      level: scope.level,
      isEligible: eligibility.isEligible,
      pathId: eligibility.pathId ?? null,
      reasons: eligibility.reasons,
    },
  });
  return presentApplication(application);
}
