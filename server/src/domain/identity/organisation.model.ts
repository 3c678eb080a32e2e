/**
 * Organisation (enterprise) storage: name plus settings — certificate-code fields (R14) and
 * jurisdiction settings whose defaults are the strictest of the sources (R4, R7, R11, R12, R13).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import { defaultJurisdictionSettings, type OrganisationSettings } from '../../contracts/identity';

/** Stored shape of an organisation. */
export interface OrganisationRecord {
  _id: Types.ObjectId;
  name: string;
  /** True for the demo organisation seeded on first run. */
  isDemo: boolean;
  settings: OrganisationSettings;
  createdAt: Date;
  updatedAt: Date;
}

const certificateCodeSchema = new Schema(
  {
    organisationClass: { type: String, enum: ['Y', 'S'], required: true, default: 'Y' },
    organisationCode: { type: String, required: true, match: /^\d{4}$/, default: '0000' },
    provinceCode: { type: String, required: true, match: /^\d{2}$/, default: '44' },
    cityCode: { type: String, required: true, match: /^\d{2}$/, default: '00' },
    ownershipType: { type: Number, enum: [1, 2, 3], required: true, default: 1 },
    siteSequence: { type: String, required: true, match: /^\d{3}$/, default: '001' },
  },
  { _id: false },
);

const defaults = defaultJurisdictionSettings;

const jurisdictionSchema = new Schema(
  {
    planLeadTimeWorkingDays: { type: Number, required: true, min: 0, default: defaults.planLeadTimeWorkingDays },
    publicationWorkingDays: { type: Number, required: true, min: 1, default: defaults.publicationWorkingDays },
    resultsSubmissionWorkingDays: {
      type: Number,
      required: true,
      min: 1,
      default: defaults.resultsSubmissionWorkingDays,
    },
    certificateDataWorkingDays: { type: Number, required: true, min: 1, default: defaults.certificateDataWorkingDays },
    minimumPracticalWeight: { type: Number, required: true, min: 0, max: 1, default: defaults.minimumPracticalWeight },
    passMarks: {
      theory: { type: Number, required: true, default: defaults.passMarks.theory },
      practical: { type: Number, required: true, default: defaults.passMarks.practical },
      review: { type: Number, required: true, default: defaults.passMarks.review },
    },
    practicalScoreDifferenceThreshold: {
      type: Number,
      required: true,
      min: 0,
      max: 1,
      default: defaults.practicalScoreDifferenceThreshold,
    },
    proctoring: {
      focusLossAlertCount: { type: Number, required: true, default: defaults.proctoring.focusLossAlertCount },
      offlineAfterMs: { type: Number, required: true, default: defaults.proctoring.offlineAfterMs },
    },
  },
  { _id: false },
);

const organisationSchema = new Schema<OrganisationRecord>(
  {
    name: { type: String, required: true, trim: true },
    isDemo: { type: Boolean, default: false },
    settings: {
      certificateCode: { type: certificateCodeSchema, required: true, default: () => ({}) },
      jurisdiction: { type: jurisdictionSchema, required: true, default: () => ({}) },
    },
  },
  { timestamps: true, collection: 'organisations' },
);

/** Organisation model (collection `organisations`). */
export const OrganisationModel: Model<OrganisationRecord> =
  (mongoose.models.Organisation as Model<OrganisationRecord> | undefined) ?? model<OrganisationRecord>('Organisation', organisationSchema);
