/**
 * Re-scoring 复核 after an objection (R11: objections during publication are handled by the
 * evaluation committee): component scores (0..100) are changed, the result is recomputed with the
 * same weights and pass marks, the previous state is appended as a revision and the change is
 * audited. Exported for the publication context, which handles objections.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import { type CombinationScheme, type ComponentScore, type ResultComponent as CombinedComponentKey, combineResults } from './combine-results';
import { overallPassMark } from './compute-results';
import { ResultModel, type ResultComponent, type ResultRecord, type ResultRevision } from './result.model';
import { presentResult } from './result.presenter';
import type { Actor } from '../identity/actor';
import { assertBatchSupervisor, loadJurisdiction, loadScoringBatch, toObjectId } from './scoring-access';
import type { ResultView, RescoreResultRequest } from './scoring.contracts';

/** Recomputes total and pass of `components` (R4, R5). */
function recombine(result: ResultRecord, components: ResultComponent[], minPracticalWeight: number): { components: ResultComponent[]; totalScore: number; isPass: boolean } {
  const direct = components.find((component) => component.key === 'direct_grading');
  if (direct) {
    const isPass = direct.score >= direct.passMark;
    return { components: [{ ...direct, isPass }], totalScore: direct.score, isPass };
  }
  const scheme: CombinationScheme = {
    occupationCode: 'result',
    level: result.level,
    weights: Object.fromEntries(components.map((component) => [component.key, component.weight])),
    passMarks: Object.fromEntries(components.map((component) => [component.key, component.passMark])),
    overallPassMark,
  };
  const scores: Partial<Record<CombinedComponentKey, ComponentScore>> = Object.fromEntries(
    components.map((component) => [component.key, { points: component.score, maxPoints: 100 }]),
  );
  const combined = combineResults(scheme, scores, { minPracticalWeight });
  return {
    components: combined.components.map((component) => ({ key: component.component, score: component.points, weight: component.weight, passMark: component.passMark, isPass: component.isPassed })),
    totalScore: combined.totalPoints,
    isPass: combined.isPassed,
  };
}

/**
 * Re-scores one result: applies `changes` (component → new score of 100), recomputes total and pass,
 * appends `{ at, by, reason, previous, changes }` to `revisions` and audits `result.rescored` with the
 * previous and new scores. The status is kept (a published result stays published).
 *
 * @param options.resultId the result (24-hex id)
 * @param options.reason   why (the objection and the committee's finding)
 * @param options.changes  components to change, each once, scores 0..100
 * @param options.actor    who re-scores (its organisation must own the result; the HTTP route
 *   allows administrators and supervisors acting for the evaluation committee)
 * @throws AppError `not_found` (result), `conflict` (locked after publication closed, or changed
 *   meanwhile), `validation_failed` (a component not on the result, repeated, or a score outside
 *   0..100; weights no longer valid under the organisation's minimum practical weight, R4)
 */
export async function rescoreResult(options: {
  resultId: string;
  reason: string;
  changes: RescoreResultRequest['changes'];
  actor: AuditActor & { userId: string; organisationId: string };
  now?: Date;
}): Promise<ResultView> {
  const { actor } = options;
  const reason = options.reason.trim();
  if (!reason) throw new AppError('validation_failed', 'reason: is required', { issues: [{ field: 'reason', message: 'is required' }] });
  const result = await ResultModel.findOne({ _id: toObjectId(options.resultId, 'Result'), organisationId: new Types.ObjectId(actor.organisationId) }).lean<ResultRecord>();
  if (!result) throw new AppError('not_found', `Result ${options.resultId} does not exist`);
  if (result.status === 'locked') throw new AppError('conflict', 'The result is locked: its publication has closed (R11); it can no longer be re-scored');
  const seen = new Set<string>();
  const components = result.components.map((component) => ({ ...component }));
  options.changes.forEach((change, index) => {
    const field = `changes.${index}`;
    if (seen.has(change.component)) throw new AppError('validation_failed', `${field}.component: ${change.component} is changed twice`, { issues: [{ field: `${field}.component`, message: 'changed twice' }] });
    seen.add(change.component);
    const component = components.find((candidate) => candidate.key === change.component);
    if (!component) {
      throw new AppError('validation_failed', `${field}.component: the result has no ${change.component} component (${components.map((entry) => entry.key).join(', ')})`, {
        issues: [{ field: `${field}.component`, message: 'not a component of the result' }],
      });
    }
    if (!(change.score >= 0 && change.score <= 100)) {
      throw new AppError('validation_failed', `${field}.score: a component score is 0..100, got ${change.score}`, { issues: [{ field: `${field}.score`, message: 'must be 0..100' }] });
    }
    component.score = change.score;
  });
  const jurisdiction = await loadJurisdiction(result.organisationId);
  const next = recombine(result, components, jurisdiction.minimumPracticalWeight);
  const at = options.now ?? new Date();
  const revision: ResultRevision = {
    at,
    by: new Types.ObjectId(actor.userId),
    reason,
    previous: { components: result.components.map((component) => ({ ...component })), totalScore: result.totalScore, isPass: result.isPass },
    changes: options.changes.map((change) => ({ component: change.component, score: change.score })),
  };
  const updated = await ResultModel.findOneAndUpdate(
    { _id: result._id, updatedAt: result.updatedAt, status: { $ne: 'locked' } },
    { $set: { components: next.components, totalScore: next.totalScore, isPass: next.isPass }, $push: { revisions: revision } },
    { returnDocument: 'after', runValidators: true },
  ).lean<ResultRecord>();
  if (!updated) throw new AppError('conflict', 'The result changed meanwhile; reload and retry', { retryable: true });
  await recordAudit({
    actor,
    organisationId: actor.organisationId,
    action: 'result.rescored',
    target: { kind: 'result', id: String(result._id) },
    payload: {
      batchId: String(result.batchId),
      registrationId: String(result.registrationId),
      reason,
      changes: revision.changes,
      previous: revision.previous,
      next: { components: next.components, totalScore: next.totalScore, isPass: next.isPass },
      revisionNumber: (result.revisions?.length ?? 0) + 1,
    },
  });
  return presentResult(updated);
}

/**
 * Re-scoring through the HTTP route (R11): an administrator, or the internal quality supervisor of the
 * result's batch, acting for the evaluation committee, then {@link rescoreResult}.
 * @throws AppError `not_found`, `forbidden` (a supervisor of another batch), and as {@link rescoreResult}
 */
export async function rescoreResultAsCommittee(options: { resultId: string; request: RescoreResultRequest; actor: Actor }): Promise<ResultView> {
  const { actor } = options;
  const result = await ResultModel.findOne(
    { _id: toObjectId(options.resultId, 'Result'), organisationId: new Types.ObjectId(actor.organisationId) },
    { batchId: 1 },
  ).lean<Pick<ResultRecord, 'batchId'>>();
  if (!result) throw new AppError('not_found', `Result ${options.resultId} does not exist`);
  if (!actor.roles.includes('admin')) assertBatchSupervisor(await loadScoringBatch(actor.organisationId, result.batchId), actor);
  return rescoreResult({ resultId: options.resultId, reason: options.request.reason, changes: options.request.changes, actor });
}
