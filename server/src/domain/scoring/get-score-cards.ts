/**
 * Reads score cards for assessors, the supervisor and administrators, with the independence rule
 * of the presenter applied (R6).
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import type { BatchRecord } from '../plans/batch.model';
import { assertBatchReader, loadScoringBatch, toObjectId } from './scoring-access';
import type { CardComponent, ScoreCardView } from './scoring.contracts';
import { presentScoreCard } from './score-card.presenter';
import { ScoreCardModel, type ScoreCardRecord } from './score-card.model';

/**
 * The card `cardId` of the actor's organisation and its batch.
 * @throws AppError `not_found` otherwise.
 */
export async function loadScoreCard(organisationId: string, cardId: string): Promise<{ card: ScoreCardRecord; batch: BatchRecord }> {
  const card = await ScoreCardModel.findOne({ _id: toObjectId(cardId, 'Score card'), organisationId: new Types.ObjectId(organisationId) }).lean<ScoreCardRecord>();
  if (!card) throw new AppError('not_found', `Score card ${cardId} does not exist`);
  const batch = await loadScoringBatch(organisationId, card.batchId);
  return { card, batch };
}

/**
 * One card as the actor may see it (R6).
 * @throws AppError `not_found`; `forbidden` when the actor is neither an administrator, an exam
 *   administrator, nor an assessor or the supervisor of the card's batch.
 */
export async function getScoreCard(options: { cardId: string; actor: Actor }): Promise<ScoreCardView> {
  const { card, batch } = await loadScoreCard(options.actor.organisationId, options.cardId);
  assertBatchReader(batch, options.actor);
  return presentScoreCard(card, batch, options.actor);
}

/**
 * The batch's cards (optionally one component) in admission-ticket order, as the actor may see them.
 * @throws AppError `not_found` (batch), `forbidden` as {@link getScoreCard}.
 */
export async function listScoreCards(options: { batchId: string; component?: CardComponent; actor: Actor }): Promise<ScoreCardView[]> {
  const batch = await loadScoringBatch(options.actor.organisationId, options.batchId);
  assertBatchReader(batch, options.actor);
  const cards = await ScoreCardModel.find({ batchId: batch._id, ...(options.component ? { component: options.component } : {}) })
    .sort({ component: 1, admissionTicketNumber: 1 })
    .lean<ScoreCardRecord[]>();
  return cards.map((card) => presentScoreCard(card, batch, options.actor));
}
