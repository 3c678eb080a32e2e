/**
 * The internal quality supervisor 内督员 signs off a batch's practical (or comprehensive-review)
 * scoring once every card of the component is final (R6 supervision, R10 trace). Results of a
 * promotion batch cannot be approved before the sign-off.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { assertBatchSupervisor, loadScoringBatch } from './scoring-access';
import type { SignOffRequest } from './scoring.contracts';
import { ScoreCardModel } from './score-card.model';
import { ScoringSignOffModel } from './scoring-sign-off.model';

/** A sign-off as presented. */
export interface ScoringSignOffView {
  batchId: string;
  component: 'practical' | 'review';
  signedBy: string;
  signerName: string;
  signedAt: string;
  cardCount: number;
  note?: string;
}

/**
 * Records the supervisor's sign-off of `component` for the batch and audits `scoring.signed_off`.
 * @throws AppError `not_found` (batch), `forbidden` (not the batch's supervisor, R6),
 *   `precondition_failed` (no card of the component, or cards not final: the message counts them),
 *   `conflict` (already signed off)
 */
export async function signOffScoring(options: { batchId: string; request: SignOffRequest; actor: Actor; now?: Date }): Promise<ScoringSignOffView> {
  const { actor, request } = options;
  const batch = await loadScoringBatch(actor.organisationId, options.batchId);
  assertBatchSupervisor(batch, actor);
  const cards = await ScoreCardModel.find({ batchId: batch._id, component: request.component }, { status: 1, admissionTicketNumber: 1 }).lean();
  if (cards.length === 0) throw new AppError('precondition_failed', `Batch ${batch.code} has no ${request.component} score card to sign off`);
  const pending = cards.filter((card) => card.status !== 'final');
  if (pending.length > 0) {
    throw new AppError('precondition_failed', `${pending.length} of ${cards.length} ${request.component} score cards of batch ${batch.code} are not final`, {
      pending: pending.map((card) => ({ admissionTicketNumber: card.admissionTicketNumber, status: card.status })),
    });
  }
  if (await ScoringSignOffModel.exists({ batchId: batch._id, component: request.component })) {
    throw new AppError('conflict', `The ${request.component} scoring of batch ${batch.code} is already signed off`);
  }
  const signedAt = options.now ?? new Date();
  const record = {
    organisationId: batch.organisationId,
    batchId: batch._id,
    component: request.component,
    signedBy: new Types.ObjectId(actor.userId),
    signerName: actor.name,
    signedAt,
    cardCount: cards.length,
    ...(request.note ? { note: request.note } : {}),
  };
  try {
    await ScoringSignOffModel.create(record);
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw new AppError('conflict', `The ${request.component} scoring of batch ${batch.code} is already signed off`);
    throw error;
  }
  await recordAudit({
    actor,
    action: 'scoring.signed_off',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: { component: request.component, cardCount: cards.length, ...(request.note ? { note: request.note } : {}) },
  });
  return {
    batchId: String(batch._id),
    component: request.component,
    signedBy: actor.userId,
    signerName: actor.name,
    signedAt: signedAt.toISOString(),
    cardCount: cards.length,
    ...(request.note ? { note: request.note } : {}),
  };
}
