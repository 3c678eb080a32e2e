/**
 * Levels 2 and 1 of direct grading (R5, R19): the on-site review or defence 现场评审或答辩 and the
 * check of the next-lower certificate (normally required, 原则上). When a certificate number is
 * given, its level digit (R14 position 16) must be the next-lower level.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { parseCertificateNumber } from '../certificates/certificate-number';
import type { Actor } from '../identity/actor';
import { assertUnsigned, computeDirectGradingResult, loadDirectGradingContext, presentDirectGrading, type DirectGradingView } from './direct-grading-access';
import { DirectGradingRecordModel, type DirectGradingRecord } from './direct-grading-record.model';
import type { DirectGradingReviewRequest } from './scoring.contracts';

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, { issues: [{ field, message }] });
}

/**
 * Records the on-site review result and the lower-level certificate check, recomputes the result
 * (`awaiting_review` becomes passed or failed) and audits `direct_grading.reviewed`.
 * @throws AppError `not_found`, `precondition_failed` (level 5-3: no review; no form yet),
 *   `validation_failed` (a certificate number that is not a valid R14 number or not of the
 *   next-lower level, or given while `hasLowerLevelCertificate` is false), `conflict` (signed form)
 */
export async function recordDirectGradingReview(options: { registrationId: string; request: DirectGradingReviewRequest; actor: Actor; now?: Date }): Promise<DirectGradingView> {
  const { actor, request } = options;
  const { registration, record } = await loadDirectGradingContext(actor.organisationId, options.registrationId);
  if (registration.level > 2) {
    throw new AppError('precondition_failed', `level ${registration.level} is graded by the form alone; the on-site review applies to levels 2 and 1 (R5)`);
  }
  if (!record) throw new AppError('precondition_failed', `The direct-grading form of ${registration.candidateName} has not been saved yet`);
  assertUnsigned(record);
  if (request.lowerLevelCertificateNumber !== undefined) {
    if (!request.hasLowerLevelCertificate) throw fieldError('body.lowerLevelCertificateNumber', 'is given but hasLowerLevelCertificate is false');
    let level: number;
    try {
      level = parseCertificateNumber(request.lowerLevelCertificateNumber).level;
    } catch (error) {
      throw fieldError('body.lowerLevelCertificateNumber', (error as Error).message);
    }
    if (level !== registration.level + 1) {
      throw fieldError(
        'body.lowerLevelCertificateNumber',
        `the certificate is of level ${level} (position 16); a level ${registration.level} candidate needs the next-lower level ${registration.level + 1} certificate (R5)`,
      );
    }
  }
  const now = options.now ?? new Date();
  const onSiteReview = { isPassed: request.isOnSiteReviewPassed, recordedBy: new Types.ObjectId(actor.userId), recordedAt: now, ...(request.note ? { note: request.note } : {}) };
  const lowerLevelCertificate = {
    hasCertificate: request.hasLowerLevelCertificate,
    ...(request.lowerLevelCertificateNumber ? { certificateNumber: request.lowerLevelCertificateNumber } : {}),
    checkedBy: new Types.ObjectId(actor.userId),
    checkedAt: now,
  };
  const result = await computeDirectGradingResult({ ...record, onSiteReview, lowerLevelCertificate });
  const updated = await DirectGradingRecordModel.findOneAndUpdate(
    { _id: record._id, revision: record.revision },
    { $set: { onSiteReview, lowerLevelCertificate, ...(result ? { result } : {}), updatedAt: now }, $inc: { revision: 1 } },
    { returnDocument: 'after' },
  ).lean<DirectGradingRecord>();
  if (!updated) throw new AppError('conflict', 'The direct-grading form changed meanwhile; reload and retry', { retryable: true });
  await recordAudit({
    actor,
    action: 'direct_grading.reviewed',
    target: { kind: 'registration', id: String(registration._id), label: registration.admissionTicketNumber },
    payload: { ...request, outcome: result?.outcome ?? null },
  });
  return presentDirectGrading(updated);
}
