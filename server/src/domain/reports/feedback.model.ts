/**
 * Feedback storage (R20 effectiveness indicators): a rating 1..5 with an optional comment about one
 * batch from a participant (candidate), a staff member or a department. One entry per respondent,
 * kind and department in a batch; submitting again replaces it.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { FeedbackKind } from './reports.contracts';

/** Stored shape of one feedback entry. */
export interface FeedbackRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  kind: FeedbackKind;
  /** Who submitted it (kept for the one-entry rule; reports never show it). */
  respondentId: Types.ObjectId;
  /** Roles the respondent held when submitting. */
  respondentRoles: string[];
  /** Department feedback: the department speaking; '' for other kinds. */
  department: string;
  /** 1 (poor) .. 5 (very good). */
  rating: number;
  comment?: string;
  createdAt: Date;
  updatedAt: Date;
}

const feedbackSchema = new Schema<FeedbackRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    kind: { type: String, enum: ['participant', 'staff', 'department'], required: true },
    respondentId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    respondentRoles: { type: [String], default: [] },
    department: { type: String, default: '' },
    rating: { type: Number, required: true, min: 1, max: 5 },
    comment: { type: String },
  },
  { timestamps: true, collection: 'feedback' },
);

feedbackSchema.index({ batchId: 1, respondentId: 1, kind: 1, department: 1 }, { unique: true });
feedbackSchema.index({ organisationId: 1, batchId: 1, kind: 1 });

/** Feedback model (collection `feedback`). */
export const FeedbackModel: Model<FeedbackRecord> =
  (mongoose.models.Feedback as Model<FeedbackRecord> | undefined) ?? model<FeedbackRecord>('Feedback', feedbackSchema);
