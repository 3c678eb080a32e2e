/**
 * Webcam consent (R10 video monitoring, personal information): a candidate's answer to the consent
 * text before webcam snapshots of an attempt are accepted. One document per attempt; the hash of the
 * text shown is kept so the record shows what was agreed to.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** Stored shape of a consent. */
export interface WebcamConsentRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  attemptId: Types.ObjectId;
  candidateId: Types.ObjectId;
  isGiven: boolean;
  /** SHA-256 (hex) of the consent text the candidate saw. */
  consentTextSha256: string;
  decidedAt: Date;
}

const webcamConsentSchema = new Schema<WebcamConsentRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    attemptId: { type: Schema.Types.ObjectId, ref: 'Attempt', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    isGiven: { type: Boolean, required: true },
    consentTextSha256: { type: String, required: true },
    decidedAt: { type: Date, required: true },
  },
  { collection: 'webcam_consents' },
);

webcamConsentSchema.index({ attemptId: 1 }, { unique: true });

/** Webcam consent model (collection `webcam_consents`). */
export const WebcamConsentModel: Model<WebcamConsentRecord> =
  (mongoose.models.WebcamConsent as Model<WebcamConsentRecord> | undefined) ?? model<WebcamConsentRecord>('WebcamConsent', webcamConsentSchema);
