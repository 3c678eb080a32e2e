/**
 * The evaluation committee's decision on an objection (R11): rejected, or upheld with re-scoring.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { rescoreResult } from '../scoring/rescore-result';
import { ResultModel } from '../scoring/result.model';
import { loadResultHolders } from './load-result-holders';
import { ObjectionModel, type ObjectionDecision, type ObjectionRecord } from './objection.model';
import { presentObjection } from './objection.presenter';
import type { DecideObjectionRequest, ObjectionView } from './publication.contracts';
import { PublicationModel } from './publication.model';
import { runInTransaction } from '../../db/run-in-transaction';

/** How long a claim on an objection holds before another decision may take it over (ms). */
const decisionClaimTimeoutMs = 60_000;

/**
 * Decides objection `objectionId` while its publication is open (R11).
 *
 * `rejected` closes it with the reason. `upheld` re-scores the result through the scoring
 * context's `rescoreResult` (component changes, total and pass recomputed, previous state kept as a
 * revision, audited `result.rescored`), so the notice shows the new result. Because re-scoring
 * commits on its own, the objection is first claimed (only one decision can re-score it) and the
 * claim is released if re-scoring fails. The decision is stored with `objection.rejected` /
 * `objection.upheld` in the audit chain (totals before and after).
 *
 * @throws AppError `not_found` (objection of another organisation or unknown); `conflict` when it is
 *   already decided or being decided, or the publication is closed; `validation_failed` for a
 *   component the result does not have (from re-scoring).
 */
export async function decideObjection(options: { actor: Actor; objectionId: string; request: DecideObjectionRequest }): Promise<ObjectionView> {
  const { actor, request } = options;
  if (!Types.ObjectId.isValid(options.objectionId)) throw new AppError('not_found', `Objection ${options.objectionId} does not exist`);
  const objection = await ObjectionModel.findOne({
    _id: new Types.ObjectId(options.objectionId),
    organisationId: new Types.ObjectId(actor.organisationId),
  }).lean<ObjectionRecord>();
  if (!objection) throw new AppError('not_found', `Objection ${options.objectionId} does not exist`);
  if (objection.status !== 'open') {
    throw new AppError('conflict', `Objection ${options.objectionId} was already ${objection.status}`, { status: objection.status });
  }
  const publication = await PublicationModel.findById(objection.publicationId, { status: 1 }).lean();
  if (!publication || publication.status !== 'open') {
    throw new AppError('conflict', 'The publication is closed; objections can no longer be decided');
  }
  const decidedBy = new Types.ObjectId(actor.userId);
  const decision: ObjectionDecision = { outcome: request.outcome, reason: request.reason, decidedBy, decidedByName: actor.name, decidedAt: new Date() };

  const unclaimed = (now: Date) => ({
    $or: [{ decisionClaimedAt: { $exists: false } }, { decisionClaimedAt: null }, { decisionClaimedAt: { $lt: new Date(now.getTime() - decisionClaimTimeoutMs) } }],
  });
  let finalFilter: Record<string, unknown> = { _id: objection._id, status: 'open', ...unclaimed(new Date()) };
  if (request.outcome === 'upheld') {
    const claimedAt = new Date();
    const claim = await ObjectionModel.updateOne({ _id: objection._id, status: 'open', ...unclaimed(claimedAt) }, { $set: { decisionClaimedAt: claimedAt } });
    if (claim.modifiedCount !== 1) throw new AppError('conflict', `Objection ${options.objectionId} is being decided by someone else`);
    finalFilter = { _id: objection._id, status: 'open', decisionClaimedAt: claimedAt };
    try {
      const before = await ResultModel.findById(objection.resultId, { totalScore: 1, isPass: 1 }).lean();
      const rescored = await rescoreResult({
        resultId: String(objection.resultId),
        reason: `Objection ${options.objectionId} upheld by the evaluation committee: ${request.reason}`,
        changes: request.changes,
        actor,
      });
      decision.rescoring = {
        changes: request.changes.map((change) => ({ ...change })),
        previous: { totalScore: before?.totalScore ?? 0, isPass: before?.isPass ?? false },
        current: { totalScore: rescored.totalScore, isPass: rescored.isPass },
      };
    } catch (error) {
      await ObjectionModel.updateOne({ _id: objection._id, decisionClaimedAt: claimedAt }, { $unset: { decisionClaimedAt: 1 } });
      throw error;
    }
  }

  await runInTransaction(async (session) => {
    const updated = await ObjectionModel.updateOne(
      finalFilter,
      { $set: { status: request.outcome, decision }, $unset: { decisionClaimedAt: 1 } },
      { session },
    );
    if (updated.modifiedCount !== 1) throw new AppError('conflict', `Objection ${options.objectionId} was decided meanwhile or is being decided`);
    await recordAudit(
      {
        actor,
        action: `objection.${request.outcome}`,
        target: { kind: 'objection', id: String(objection._id) },
        payload: {
          batchId: String(objection.batchId),
          resultId: String(objection.resultId),
          reason: request.reason,
          ...(decision.rescoring ? { rescoring: decision.rescoring } : {}),
        },
      },
      session,
    );
  });
  const decided = (await ObjectionModel.findById(objection._id).lean<ObjectionRecord>())!;
  const result = await ResultModel.findById(objection.resultId, { registrationId: 1, candidateId: 1 }).lean();
  const holders = result ? await loadResultHolders([result]) : new Map();
  return presentObjection(decided, holders.get(String(objection.resultId))?.candidateName ?? '');
}
