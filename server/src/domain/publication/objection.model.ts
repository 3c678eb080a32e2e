/**
 * Objection 异议 storage (R11): a complaint or a re-scoring request about one published result,
 * filed by the candidate or by staff on the candidate's behalf, decided by the evaluation
 * committee: rejected, or upheld with re-scoring (the result changes and keeps a revision).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** What the objection asks: a complaint about the process or a re-scoring 成绩复核. */
export type ObjectionKind = 'complaint' | 'rescoring';

/** Open until the committee decides. */
export type ObjectionStatus = 'open' | 'rejected' | 'upheld';

/** A component score set by the re-scoring (0..100 points). */
export interface RescoredComponent {
  component: 'theory' | 'practical' | 'review' | 'direct_grading';
  score: number;
}

/** The committee's decision. */
export interface ObjectionDecision {
  outcome: 'rejected' | 'upheld';
  reason: string;
  decidedBy: Types.ObjectId;
  decidedByName: string;
  decidedAt: Date;
  /** Upheld: the component scores set and the result before/after. */
  rescoring?: {
    changes: RescoredComponent[];
    previous: { totalScore: number; isPass: boolean };
    current: { totalScore: number; isPass: boolean };
  };
}

/** Stored shape of an objection. */
export interface ObjectionRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  publicationId: Types.ObjectId;
  resultId: Types.ObjectId;
  candidateId: Types.ObjectId;
  kind: ObjectionKind;
  reason: string;
  /** Who filed it: the candidate, or staff on the candidate's behalf. */
  filedBy: Types.ObjectId;
  filedByName: string;
  isFiledOnBehalf: boolean;
  filedAt: Date;
  status: ObjectionStatus;
  /** Set while an upheld decision re-scores the result (a claim, so two decisions cannot both re-score). */
  decisionClaimedAt?: Date;
  decision?: ObjectionDecision;
  createdAt: Date;
  updatedAt: Date;
}

const objectionSchema = new Schema<ObjectionRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    publicationId: { type: Schema.Types.ObjectId, ref: 'Publication', required: true },
    resultId: { type: Schema.Types.ObjectId, ref: 'Result', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    kind: { type: String, enum: ['complaint', 'rescoring'], required: true },
    reason: { type: String, required: true, trim: true },
    filedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    filedByName: { type: String, required: true },
    isFiledOnBehalf: { type: Boolean, required: true },
    filedAt: { type: Date, required: true },
    status: { type: String, enum: ['open', 'rejected', 'upheld'], required: true, default: 'open' },
    decisionClaimedAt: { type: Date },
    decision: { type: Schema.Types.Mixed },
  },
  { timestamps: true, collection: 'objections' },
);

objectionSchema.index({ batchId: 1, status: 1 });
objectionSchema.index({ resultId: 1, kind: 1, status: 1 });

/** Objection model (collection `objections`). */
export const ObjectionModel: Model<ObjectionRecord> =
  (mongoose.models.Objection as Model<ObjectionRecord> | undefined) ?? model<ObjectionRecord>('Objection', objectionSchema);
