/**
 * One rater's scores on the direct-grading form (R5): the team leader 班组长, workshop head 车间主管,
 * competent department 主管部门 or HR department 人力资源部门 scores every criterion of every section
 * in which their weight is above 0, and signs (name and time recorded). Entered by an exam
 * administrator or an assessor of the batch from the rater's signed paper or at the rater's side.
 * When every rater has scored, the weighted result (`gradeDirectly`) is stored.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { assertUnsigned, computeDirectGradingResult, loadDirectGradingContext, presentDirectGrading, type DirectGradingView } from './direct-grading-access';
import { DirectGradingRecordModel, type DirectGradingRecord } from './direct-grading-record.model';
import { assertQualifiedAssessor } from './scoring-access';
import type { DirectGradingRatingsRequest } from './scoring.contracts';

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, { issues: [{ field, message }] });
}

/**
 * Records `request.rater`'s scores (replacing that rater's earlier ones) with the rater's signature
 * time, recomputes the result and audits `direct_grading.rated`.
 * @param options.request `rater`, `raterName`, `scores` (criterion code → points)
 * @throws AppError `not_found`, `precondition_failed` (no form yet; not a grading batch), `forbidden`
 *   (an assessor not of the batch), `assessor_not_qualified` (R6), `validation_failed` naming
 *   `body.scores.<code>` (unknown code, a criterion the rater does not weigh in, missing, above the
 *   criterion maximum), `conflict` (signed form; changed meanwhile)
 */
export async function recordDirectGradingRatings(options: { registrationId: string; request: DirectGradingRatingsRequest; actor: Actor; now?: Date }): Promise<DirectGradingView> {
  const { actor, request } = options;
  const { registration, batch, record } = await loadDirectGradingContext(actor.organisationId, options.registrationId);
  if (!actor.roles.includes('exam_admin') && !actor.roles.includes('admin')) assertQualifiedAssessor(batch, actor, registration.level);
  if (!record) throw new AppError('precondition_failed', `The direct-grading form of ${registration.candidateName} has not been saved yet`);
  assertUnsigned(record);
  const rated = new Map<string, number>();
  for (const section of record.form.sections) {
    if (!((section.weightsPercent[request.rater] ?? 0) > 0)) continue;
    for (const criterion of section.criteria) rated.set(criterion.code, criterion.maxPoints);
  }
  if (rated.size === 0) throw fieldError('body.rater', `${request.rater} carries no weight on this form`);
  for (const [code, points] of Object.entries(request.scores)) {
    const maxPoints = rated.get(code);
    if (maxPoints === undefined) throw fieldError(`body.scores.${code}`, `${request.rater} does not score criterion ${code} (not on the form, or no weight in its section)`);
    if (points > maxPoints) throw fieldError(`body.scores.${code}`, `criterion ${code} is worth 0..${maxPoints} points, got ${points}`);
  }
  const missing = [...rated.keys()].filter((code) => request.scores[code] === undefined);
  if (missing.length > 0) throw fieldError('body.scores', `${request.rater} has not scored criteria ${missing.join(', ')}`);

  const now = options.now ?? new Date();
  const ratings: DirectGradingRecord['ratings'] = {};
  for (const section of record.form.sections) {
    for (const criterion of section.criteria) {
      const row = { ...(record.ratings?.[criterion.code] ?? {}) };
      if (rated.has(criterion.code)) row[request.rater] = request.scores[criterion.code];
      if (Object.keys(row).length > 0) ratings[criterion.code] = row;
    }
  }
  const raterSignatures = { ...(record.raterSignatures ?? {}), [request.rater]: { raterName: request.raterName, signedAt: now, recordedBy: new Types.ObjectId(actor.userId) } };
  const result = await computeDirectGradingResult({ ...record, ratings });
  const updated = await DirectGradingRecordModel.findOneAndUpdate(
    { _id: record._id, revision: record.revision },
    { $set: { ratings, raterSignatures, ...(result ? { result } : {}), updatedAt: now }, ...(result ? {} : { $unset: { result: 1 } }), $inc: { revision: 1 } },
    { returnDocument: 'after' },
  ).lean<DirectGradingRecord>();
  if (!updated) throw new AppError('conflict', 'The direct-grading form changed meanwhile; reload and retry', { retryable: true });
  await recordAudit({
    actor,
    action: 'direct_grading.rated',
    target: { kind: 'registration', id: String(registration._id), label: registration.admissionTicketNumber },
    payload: { batchId: String(batch._id), rater: request.rater, raterName: request.raterName, scores: request.scores, totalPoints: result?.totalPoints ?? null },
  });
  return presentDirectGrading(updated);
}
