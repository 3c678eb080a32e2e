/**
 * Publication 公示 storage (R11): one per batch. Opened after the evaluation committee approved all
 * results; runs at least the organisation's number of working days; states the complaint and
 * re-scoring channels; closed (results locked) only when no objection is open. On closing, the
 * notice as it stood is frozen (rows, HTML, sha256) for the batch archive (R16).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** A contact of a complaint or re-scoring channel. */
export interface PublicationContact {
  name: string;
  department?: string;
  phone?: string;
  email?: string;
}

/** The channels stated on the notice (R11). */
export interface PublicationChannels {
  /** 投诉渠道: where to complain about the process. */
  complaint: PublicationContact[];
  /** 复核渠道: where to ask for re-scoring 成绩复核. */
  rescoring: PublicationContact[];
  /** Where the contacts came from. */
  source: 'announcement' | 'request';
}

/** One row of the notice (R11). The ID number is stored masked only. */
export interface PublicationNoticeRow {
  resultId: string;
  candidateName: string;
  /** e.g. `4401**********123X`. */
  maskedIdNumber: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: number;
  levelName: string;
  /** Weighted total on 0..100 points. */
  totalScore: number;
  isPass: boolean;
  /** 合格 / 不合格. */
  resultText: string;
}

/** The notice frozen at closing (R16 publication document). */
export interface FrozenPublicationNotice {
  rows: PublicationNoticeRow[];
  html: string;
  /** sha256 (hex) of the canonical JSON of `rows`. */
  contentHash: string;
  frozenAt: Date;
}

/** Stored shape of a publication. */
export interface PublicationRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  status: 'open' | 'closed';
  /** First day of the publication (YYYY-MM-DD, China); the period counts from the next day (R11). */
  startDate: string;
  /** R11 length in working days when opened (organisation setting). */
  periodWorkingDays: number;
  /** R11: the earliest day the publication may end (start + N working days on the organisation calendar). */
  earliestEndDate: string;
  channels: PublicationChannels;
  /** Free text printed under the notice. */
  remarks?: string;
  openedBy: Types.ObjectId;
  openedAt: Date;
  /** Last day of the publication (the day it was closed); R12 counts from it. */
  endDate?: string;
  closedBy?: Types.ObjectId;
  closedAt?: Date;
  finalNotice?: FrozenPublicationNotice;
  createdAt: Date;
  updatedAt: Date;
}

const contactSchema = new Schema<PublicationContact>(
  { name: { type: String, required: true }, department: String, phone: String, email: String },
  { _id: false },
);

const dateText = { type: String, match: /^\d{4}-\d{2}-\d{2}$/ };

const publicationSchema = new Schema<PublicationRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    status: { type: String, enum: ['open', 'closed'], required: true, default: 'open' },
    startDate: { ...dateText, required: true },
    periodWorkingDays: { type: Number, required: true, min: 1 },
    earliestEndDate: { ...dateText, required: true },
    channels: {
      complaint: { type: [contactSchema], default: [] },
      rescoring: { type: [contactSchema], default: [] },
      source: { type: String, enum: ['announcement', 'request'], required: true },
    },
    remarks: { type: String },
    openedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    openedAt: { type: Date, required: true },
    endDate: dateText,
    closedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    closedAt: { type: Date },
    finalNotice: { type: Schema.Types.Mixed },
  },
  { timestamps: true, collection: 'publications' },
);

publicationSchema.index({ batchId: 1 }, { unique: true });
publicationSchema.index({ organisationId: 1, status: 1 });

/** Publication model (collection `publications`). */
export const PublicationModel: Model<PublicationRecord> =
  (mongoose.models.Publication as Model<PublicationRecord> | undefined) ?? model<PublicationRecord>('Publication', publicationSchema);
