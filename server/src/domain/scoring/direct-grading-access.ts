/**
 * Shared parts of the direct-grading use cases (R5, R19): loading a registration of a grading batch
 * with its record, recomputing the form's result with `gradeDirectly`, the signatures still missing
 * and the plain JSON view.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { BatchRecord } from '../plans/batch.model';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import {
  type DirectGradingRater,
  type DirectGradingResult,
  type DirectGradingSignatory,
  type DirectGradingSignature,
  directGradingRaters,
  gradeDirectly,
  listMissingDirectGradingSignatures,
  validateDirectGrading,
} from './direct-grading';
import type { DirectGradingRecord } from './direct-grading-record.model';
import { DirectGradingRecordModel } from './direct-grading-record.model';
import { loadScoringBatch, loadScoringSettings, toObjectId } from './scoring-access';

/** A registration of a grading batch and its record (null before the form is saved). */
export interface DirectGradingContext {
  registration: RegistrationRecord;
  batch: BatchRecord;
  record: DirectGradingRecord | null;
}

/**
 * Loads the registration `registrationId` of the actor's organisation, its batch and record.
 * @throws AppError `not_found` (registration), `precondition_failed` when the batch is not a
 *   grading batch (R19: promotion batches are scored by theory, practical and review).
 */
export async function loadDirectGradingContext(organisationId: string, registrationId: string): Promise<DirectGradingContext> {
  const registration = await RegistrationModel.findOne({
    _id: toObjectId(registrationId, 'Registration'),
    organisationId: new Types.ObjectId(organisationId),
  }).lean<RegistrationRecord>();
  if (!registration) throw new AppError('not_found', `Registration ${registrationId} does not exist`);
  const batch = await loadScoringBatch(organisationId, registration.batchId);
  if (batch.mode !== 'grading') {
    throw new AppError('precondition_failed', `batch ${batch.code} is a promotion batch (R19); direct grading applies to grading batches`, { mode: batch.mode });
  }
  const record = await DirectGradingRecordModel.findOne({ registrationId: registration._id }).lean<DirectGradingRecord>();
  return { registration, batch, record };
}

/** Signatory key of each rater on table 3 (R5). */
export const signatoryByRater: Readonly<Record<DirectGradingRater, DirectGradingSignatory>> = Object.freeze({
  team_leader: 'team_leader',
  workshop_head: 'workshop_head',
  competent_department: 'competent_department_head',
  hr_department: 'hr_department_head',
});

/**
 * Signatories still missing on table 3 (R5): each rater who weighs in some section, the assessor and
 * the internal quality supervisor.
 */
export function listMissingSignatures(record: Pick<DirectGradingRecord, 'form' | 'raterSignatures' | 'assessorSignature' | 'supervisorSignature'>): DirectGradingSignatory[] {
  const signatures: Partial<Record<DirectGradingSignatory, DirectGradingSignature>> = {};
  for (const rater of directGradingRaters) {
    const weighs = record.form.sections.some((section) => (section.weightsPercent[rater] ?? 0) > 0);
    const signature = record.raterSignatures?.[rater];
    if (!weighs) signatures[signatoryByRater[rater]] = { signerId: 'not_rating', signedAt: 0 };
    else if (signature) signatures[signatoryByRater[rater]] = { signerId: signature.raterName, signedAt: new Date(signature.signedAt).getTime() };
  }
  if (record.assessorSignature) signatures.assessor = { signerId: String(record.assessorSignature.userId), signedAt: new Date(record.assessorSignature.signedAt).getTime() };
  if (record.supervisorSignature) {
    signatures.internal_quality_supervisor = { signerId: String(record.supervisorSignature.userId), signedAt: new Date(record.supervisorSignature.signedAt).getTime() };
  }
  return listMissingDirectGradingSignatures(signatures);
}

/**
 * The form's result when every rater has scored every criterion they weigh in (R5), else null.
 * Levels 2 and 1 pass the on-site review and certificate facts recorded so far (R5, R19); the batch
 * being a grading batch of that level (checked by the plans) is the organisation's permission.
 */
export async function computeDirectGradingResult(record: Pick<DirectGradingRecord, 'organisationId' | 'form' | 'ratings' | 'onSiteReview' | 'lowerLevelCertificate'>): Promise<DirectGradingResult | null> {
  const settings = await loadScoringSettings(record.organisationId);
  const input = {
    form: record.form,
    ratings: record.ratings ?? {},
    ...(record.onSiteReview ? { isOnSiteReviewPassed: record.onSiteReview.isPassed } : {}),
    ...(record.lowerLevelCertificate ? { hasLowerLevelCertificate: record.lowerLevelCertificate.hasCertificate } : {}),
  };
  const gradingSettings = { passMark: settings.directGradingPassMark, canGradeLevels2And1: true };
  if (validateDirectGrading(input, gradingSettings).length > 0) return null;
  return gradeDirectly(input, gradingSettings);
}

/** A direct grading record as presented. */
export interface DirectGradingView {
  id: string;
  batchId: string;
  registrationId: string;
  candidateId: string;
  candidateName: string;
  level: number;
  form: DirectGradingRecord['form'];
  ratings: DirectGradingRecord['ratings'];
  raterSignatures: Partial<Record<DirectGradingRater, { raterName: string; signedAt: string }>>;
  assessorSignature: { userId: string; name: string; signedAt: string } | null;
  supervisorSignature: { userId: string; name: string; signedAt: string } | null;
  onSiteReview: { isPassed: boolean; recordedAt: string; note?: string } | null;
  lowerLevelCertificate: { hasCertificate: boolean; certificateNumber?: string; checkedAt: string } | null;
  result: DirectGradingResult | null;
  missingSignatures: DirectGradingSignatory[];
}

/** Plain JSON of a record. */
export function presentDirectGrading(record: DirectGradingRecord): DirectGradingView {
  const staff = (signature: DirectGradingRecord['assessorSignature']) =>
    signature ? { userId: String(signature.userId), name: signature.name, signedAt: new Date(signature.signedAt).toISOString() } : null;
  return {
    id: String(record._id),
    batchId: String(record.batchId),
    registrationId: String(record.registrationId),
    candidateId: String(record.candidateId),
    candidateName: record.candidateName,
    level: record.level,
    form: record.form,
    ratings: record.ratings ?? {},
    raterSignatures: Object.fromEntries(
      Object.entries(record.raterSignatures ?? {}).map(([rater, signature]) => [rater, { raterName: signature!.raterName, signedAt: new Date(signature!.signedAt).toISOString() }]),
    ),
    assessorSignature: staff(record.assessorSignature),
    supervisorSignature: staff(record.supervisorSignature),
    onSiteReview: record.onSiteReview
      ? { isPassed: record.onSiteReview.isPassed, recordedAt: new Date(record.onSiteReview.recordedAt).toISOString(), ...(record.onSiteReview.note ? { note: record.onSiteReview.note } : {}) }
      : null,
    lowerLevelCertificate: record.lowerLevelCertificate
      ? {
          hasCertificate: record.lowerLevelCertificate.hasCertificate,
          ...(record.lowerLevelCertificate.certificateNumber ? { certificateNumber: record.lowerLevelCertificate.certificateNumber } : {}),
          checkedAt: new Date(record.lowerLevelCertificate.checkedAt).toISOString(),
        }
      : null,
    result: record.result ?? null,
    missingSignatures: listMissingSignatures(record),
  };
}

/**
 * Guards changes to the form and ratings: nothing may change once the assessor or the supervisor
 * has signed (R5).
 * @throws AppError `conflict` naming who signed.
 */
export function assertUnsigned(record: Pick<DirectGradingRecord, 'assessorSignature' | 'supervisorSignature' | 'candidateName'>): void {
  const signer = record.assessorSignature ?? record.supervisorSignature;
  if (signer) {
    throw new AppError('conflict', `The direct-grading form of ${record.candidateName} was signed by ${signer.name}; a signed form cannot change (objections go to re-scoring)`);
  }
}
