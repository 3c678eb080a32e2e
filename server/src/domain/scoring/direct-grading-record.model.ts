/**
 * Direct grading record storage (R5, R19): one candidate's weighted multi-rater form 定级评价表 in a
 * grading batch: the form (sections, weight rows, criteria), each rater's scores with the rater's
 * signature time, the assessor's and the internal quality supervisor's signatures, and for levels 2
 * and 1 the on-site review or defence and the lower-level certificate check. `result` holds the last
 * `gradeDirectly` outcome once every rater has scored.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import type { DirectGradingForm, DirectGradingRater, DirectGradingResult } from './direct-grading';

/** A rater's signature: the rater needs no platform account; who recorded it is kept. */
export interface RaterSignatureRecord {
  raterName: string;
  signedAt: Date;
  recordedBy: Types.ObjectId;
}

/** A staff signature (assessor or supervisor) by the signed-in user. */
export interface StaffSignatureRecord {
  userId: Types.ObjectId;
  name: string;
  signedAt: Date;
}

/** Stored shape of a direct grading record. */
export interface DirectGradingRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  registrationId: Types.ObjectId;
  candidateId: Types.ObjectId;
  candidateName: string;
  scopeId: Types.ObjectId;
  level: Level;
  form: DirectGradingForm;
  /** Points per criterion code per rater. */
  ratings: Record<string, Partial<Record<DirectGradingRater, number>>>;
  raterSignatures: Partial<Record<DirectGradingRater, RaterSignatureRecord>>;
  assessorSignature?: StaffSignatureRecord;
  supervisorSignature?: StaffSignatureRecord;
  onSiteReview?: { isPassed: boolean; recordedBy: Types.ObjectId; recordedAt: Date; note?: string };
  lowerLevelCertificate?: { hasCertificate: boolean; certificateNumber?: string; checkedBy: Types.ObjectId; checkedAt: Date };
  result?: DirectGradingResult;
  revision: number;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const directGradingRecordSchema = new Schema<DirectGradingRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    candidateName: { type: String, required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    level: { type: Number, enum: [1, 2, 3, 4, 5], required: true },
    form: { type: Schema.Types.Mixed, required: true },
    ratings: { type: Schema.Types.Mixed, default: () => ({}) },
    raterSignatures: { type: Schema.Types.Mixed, default: () => ({}) },
    assessorSignature: { type: Schema.Types.Mixed },
    supervisorSignature: { type: Schema.Types.Mixed },
    onSiteReview: { type: Schema.Types.Mixed },
    lowerLevelCertificate: { type: Schema.Types.Mixed },
    result: { type: Schema.Types.Mixed },
    revision: { type: Number, required: true, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, collection: 'direct_grading_records', minimize: false },
);

directGradingRecordSchema.index({ registrationId: 1 }, { unique: true });
directGradingRecordSchema.index({ batchId: 1 });

/** Direct grading record model (collection `direct_grading_records`). */
export const DirectGradingRecordModel: Model<DirectGradingRecord> =
  (mongoose.models.DirectGradingRecord as Model<DirectGradingRecord> | undefined) ??
  model<DirectGradingRecord>('DirectGradingRecord', directGradingRecordSchema);
