/**
 * Scoring settings of an organisation (R4, R5): multiple-choice credit of the theory test, the pass
 * mark of the direct-grading form and the comprehensive-review panel size. Jurisdiction settings
 * (pass marks, minimum practical weight, practical difference threshold) stay on the organisation.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { MultipleChoiceCredit } from './objective-scoring';

/** Stored shape of the scoring settings (one per organisation). */
export interface ScoringSettingsRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  multipleChoiceCredit: MultipleChoiceCredit;
  /** Points of 100 (R5). */
  directGradingPassMark: number;
  /** Panel members scoring each comprehensive review (R4). */
  reviewPanelSize: number;
  updatedBy?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const scoringSettingsSchema = new Schema<ScoringSettingsRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    multipleChoiceCredit: { type: Schema.Types.Mixed, required: true, default: () => ({ kind: 'all_or_nothing' }) },
    directGradingPassMark: { type: Number, required: true, min: 0, max: 100, default: 60 },
    reviewPanelSize: { type: Number, required: true, min: 2, max: 7, default: 3 },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, collection: 'scoring_settings', minimize: false },
);

scoringSettingsSchema.index({ organisationId: 1 }, { unique: true });

/** Scoring settings model (collection `scoring_settings`). */
export const ScoringSettingsModel: Model<ScoringSettingsRecord> =
  (mongoose.models.ScoringSettings as Model<ScoringSettingsRecord> | undefined) ??
  model<ScoringSettingsRecord>('ScoringSettings', scoringSettingsSchema);
