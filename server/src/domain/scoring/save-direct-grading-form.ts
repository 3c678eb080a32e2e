/**
 * Stores the weighted multi-rater form 定级评价表 of one candidate of a grading batch (R5, R19):
 * sections professional ethics (10 points), core abilities (10) and occupational abilities (80,
 * split by competency), each with its weight row a%+b%+c%+d% = 100%.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { type DirectGradingForm, validateDirectGrading } from './direct-grading';
import { assertUnsigned, loadDirectGradingContext, presentDirectGrading, type DirectGradingView } from './direct-grading-access';
import { DirectGradingRecordModel, type DirectGradingRecord } from './direct-grading-record.model';
import type { DirectGradingFormRequest } from './scoring.contracts';

async function createRecord(fields: Omit<DirectGradingRecord, '_id' | 'createdAt' | 'updatedAt'>): Promise<DirectGradingRecord | null> {
  try {
    return (await DirectGradingRecordModel.create(fields)).toObject() as DirectGradingRecord;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return null;
    throw error;
  }
}

/**
 * Saves (or replaces, before any rating) the candidate's form and audits `direct_grading.form_saved`.
 * @throws AppError `not_found` (registration), `precondition_failed` (not a grading batch),
 *   `validation_failed` with `{ issues }` naming `body.sections[i]…` (weights not summing to 100%,
 *   section points not 10/10/80, missing competency, duplicate codes), `conflict` (raters have
 *   already scored the form, or it is signed)
 */
export async function saveDirectGradingForm(options: { registrationId: string; request: DirectGradingFormRequest; actor: Actor }): Promise<DirectGradingView> {
  const { actor } = options;
  const { registration, batch, record } = await loadDirectGradingContext(actor.organisationId, options.registrationId);
  if (record) {
    assertUnsigned(record);
    if (Object.keys(record.raterSignatures ?? {}).length > 0) {
      throw new AppError('conflict', `Raters have already scored the form of ${registration.candidateName}; it can no longer be replaced`);
    }
  }
  const form: DirectGradingForm = {
    level: registration.level,
    sections: options.request.sections.map((section) => ({
      key: section.key,
      weightsPercent: { ...section.weightsPercent },
      criteria: section.criteria.map((criterion) => ({ ...criterion })),
    })),
  };
  const issues = validateDirectGrading({ form, ratings: {} }, { canGradeLevels2And1: true })
    .filter((issue) => issue.code !== 'score_missing')
    .map((issue) => ({ ...issue, field: `body.${issue.field.replace(/^form\./, '')}` }));
  if (issues.length > 0) {
    throw new AppError('validation_failed', issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues });
  }
  const now = new Date();
  const saved = record
    ? await DirectGradingRecordModel.findOneAndUpdate(
        { _id: record._id, revision: record.revision },
        { $set: { form, ratings: {}, raterSignatures: {}, updatedAt: now }, $unset: { result: 1 }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      ).lean<DirectGradingRecord>()
    : await createRecord({
        organisationId: registration.organisationId,
        batchId: batch._id,
        registrationId: registration._id,
        candidateId: registration.candidateId,
        candidateName: registration.candidateName,
        scopeId: registration.scopeId,
        level: registration.level,
        form,
        ratings: {},
        raterSignatures: {},
        revision: 1,
        createdBy: new Types.ObjectId(actor.userId),
      });
  if (!saved) throw new AppError('conflict', 'The direct-grading form changed meanwhile; reload and retry', { retryable: true });
  await recordAudit({
    actor,
    action: 'direct_grading.form_saved',
    target: { kind: 'registration', id: String(registration._id), label: registration.admissionTicketNumber },
    payload: { batchId: String(batch._id), level: registration.level, sections: form.sections.map((section) => ({ key: section.key, weightsPercent: section.weightsPercent, criteriaCount: section.criteria.length })) },
  });
  return presentDirectGrading(saved);
}
