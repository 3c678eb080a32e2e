/**
 * Sign-off storage (R6, R10): the internal quality supervisor 内督员 of a batch signs off the
 * batch's practical scoring (and comprehensive-review scoring) once every card is final. One per
 * batch and component.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { ScoreCardComponent } from './score-card.model';

/** Stored shape of a sign-off. */
export interface ScoringSignOffRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  component: ScoreCardComponent;
  signedBy: Types.ObjectId;
  signerName: string;
  signedAt: Date;
  /** Cards final at sign-off time. */
  cardCount: number;
  note?: string;
}

const scoringSignOffSchema = new Schema<ScoringSignOffRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    component: { type: String, enum: ['practical', 'review'], required: true },
    signedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    signerName: { type: String, required: true },
    signedAt: { type: Date, required: true },
    cardCount: { type: Number, required: true, min: 0 },
    note: { type: String },
  },
  { collection: 'scoring_sign_offs' },
);

scoringSignOffSchema.index({ batchId: 1, component: 1 }, { unique: true });

/** Scoring sign-off model (collection `scoring_sign_offs`). */
export const ScoringSignOffModel: Model<ScoringSignOffRecord> =
  (mongoose.models.ScoringSignOff as Model<ScoringSignOffRecord> | undefined) ??
  model<ScoringSignOffRecord>('ScoringSignOff', scoringSignOffSchema);
