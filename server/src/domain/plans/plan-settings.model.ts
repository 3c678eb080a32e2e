/**
 * Per-organisation plan settings: the working-day calendar additions (extra rest days, extra
 * working days, supplementary State Council years; R7, R11-R13 deadlines) and the names of the
 * enterprise and its subsidiaries that applicants' employers must match (R9).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** One supplementary year of the statutory calendar (see working-days.ts). */
export interface SupplementaryYearRecord {
  year: number;
  restDays: string[];
  workingDays: string[];
  source: string;
}

/** Stored shape of an organisation's plan settings (one document per organisation). */
export interface PlanSettingsRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  calendar: {
    extraRestDays: string[];
    extraWorkingDays: string[];
    supplementaryYears: SupplementaryYearRecord[];
  };
  /** R9: 工作单位 names accepted as the enterprise, its subsidiaries and branches; empty = the organisation name. */
  enterpriseUnits: string[];
  createdAt: Date;
  updatedAt: Date;
}

const supplementaryYearSchema = new Schema<SupplementaryYearRecord>(
  {
    year: { type: Number, required: true },
    restDays: { type: [String], default: [] },
    workingDays: { type: [String], default: [] },
    source: { type: String, required: true },
  },
  { _id: false },
);

const planSettingsSchema = new Schema<PlanSettingsRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    calendar: {
      extraRestDays: { type: [String], default: [] },
      extraWorkingDays: { type: [String], default: [] },
      supplementaryYears: { type: [supplementaryYearSchema], default: [] },
    },
    enterpriseUnits: { type: [String], default: [] },
  },
  { timestamps: true, collection: 'plan_settings' },
);

planSettingsSchema.index({ organisationId: 1 }, { unique: true });

/** Plan settings model (collection `plan_settings`). */
export const PlanSettingsModel: Model<PlanSettingsRecord> =
  (mongoose.models.PlanSettings as Model<PlanSettingsRecord> | undefined) ??
  model<PlanSettingsRecord>('PlanSettings', planSettingsSchema);
