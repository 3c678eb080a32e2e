/**
 * The evaluation committee 评价工作委员会 decides a practical score the assessors could not
 * reconcile (R4, R6): after two scores too far apart (instead of, or before, a third assessor) or
 * after the arbitration score still failed. The decision is final. It is recorded by an
 * administrator or by the batch's internal quality supervisor acting for the committee, with the
 * committee's decision reference (minutes or resolution number).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { assertBatchSupervisor } from './scoring-access';
import type { CommitteeDecisionRequest, ScoreCardView } from './scoring.contracts';
import { loadScoreCard } from './get-score-cards';
import { presentScoreCard } from './score-card.presenter';
import { ScoreCardModel, type CommitteeDecisionRecord, type ScoreCardRecord } from './score-card.model';
import { reconcileCard } from './submit-card-score';

/**
 * Records the committee's final practical score on `cardId` and audits `score_card.committee_decided`.
 * @param options.request `finalPoints` (0..card max), `isVetoed`, `decisionReference`
 * @throws AppError `not_found` (card), `forbidden` (neither an administrator nor the batch's
 *   supervisor), `precondition_failed` (not a practical card awaiting arbitration or the committee),
 *   `validation_failed` (points outside 0..max), `conflict` (changed meanwhile)
 */
export async function recordCommitteeDecision(options: { cardId: string; request: CommitteeDecisionRequest; actor: Actor; now?: Date }): Promise<ScoreCardView> {
  const { actor, request } = options;
  const { card, batch } = await loadScoreCard(actor.organisationId, options.cardId);
  if (!actor.roles.includes('admin')) assertBatchSupervisor(batch, actor);
  if (card.component !== 'practical' || (card.status !== 'needs_arbitration' && card.status !== 'needs_committee')) {
    throw new AppError('precondition_failed', `The score card of ${card.candidateName} is ${card.status}; the committee decides only practical scores awaiting arbitration`, {
      status: card.status,
    });
  }
  if (request.finalPoints > card.maxPoints) {
    throw new AppError('validation_failed', `body.finalPoints: ${request.finalPoints} is outside 0..${card.maxPoints}`, {
      issues: [{ field: 'body.finalPoints', message: `must be within 0..${card.maxPoints}` }],
    });
  }
  const now = options.now ?? new Date();
  const decision: CommitteeDecisionRecord = {
    finalPoints: request.finalPoints,
    isVetoed: request.isVetoed,
    decisionReference: request.decisionReference,
    decidedBy: new Types.ObjectId(actor.userId),
    decidedByName: actor.name,
    decidedAt: now,
  };
  const next = reconcileCard(card, card.entries, decision);
  const updated = await ScoreCardModel.findOneAndUpdate(
    { _id: card._id, revision: card.revision },
    {
      $set: { status: next.status, reconciliation: next.reconciliation, committeeDecision: decision, finalPoints: next.finalPoints, isVetoed: next.isVetoed, updatedAt: now },
      $inc: { revision: 1 },
    },
    { returnDocument: 'after' },
  ).lean<ScoreCardRecord>();
  if (!updated) throw new AppError('conflict', 'The score card changed meanwhile; reload and retry', { retryable: true });
  await recordAudit({
    actor,
    action: 'score_card.committee_decided',
    target: { kind: 'score_card', id: String(card._id), label: `${card.component} ${card.admissionTicketNumber}` },
    payload: { batchId: String(card.batchId), registrationId: String(card.registrationId), previousStatus: card.status, ...request },
  });
  return presentScoreCard(updated, batch, actor);
}
