/**
 * Report settings storage (issue 12; context R1 bank upkeep): per organisation, the item-analysis
 * flag thresholds and the paper-library parallelism tolerances. Absent document = defaults
 * ({@link defaultReportSettings}).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { ReportSettings } from './reports.contracts';

/** Defaults: P < 0.2 or > 0.95, D < 0.2, groups of 27%, queue from 10 candidates; ranges 0.05/0.05/0.1/0.05. */
export const defaultReportSettings: ReportSettings = Object.freeze({
  itemAnalysis: Object.freeze({ minDifficulty: 0.2, maxDifficulty: 0.95, minDiscrimination: 0.2, groupFraction: 0.27, minimumCandidateCount: 10 }),
  parallelism: Object.freeze({ maxMeanRange: 0.05, maxSdRange: 0.05, maxKr20Range: 0.1, maxDifficultyRange: 0.05 }),
}) as ReportSettings;

/** Stored shape of the report settings (one per organisation). */
export interface ReportSettingsRecord extends ReportSettings {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  updatedBy?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const reportSettingsSchema = new Schema<ReportSettingsRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    itemAnalysis: { type: Schema.Types.Mixed, required: true },
    parallelism: { type: Schema.Types.Mixed, required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true, collection: 'report_settings', minimize: false },
);

reportSettingsSchema.index({ organisationId: 1 }, { unique: true });

/** Report settings model (collection `report_settings`). */
export const ReportSettingsModel: Model<ReportSettingsRecord> =
  (mongoose.models.ReportSettings as Model<ReportSettingsRecord> | undefined) ??
  model<ReportSettingsRecord>('ReportSettings', reportSettingsSchema);
