/**
 * Result storage (R4, R11, R19): one candidate's evaluation result for one scope in one batch —
 * component scores (theory, practical, comprehensive review for levels 2 and 1) or the direct-grading
 * total, the weights, pass per component and overall. Results are approved by the evaluation
 * committee before publication (R11) and locked when the publication closes.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';

/** Result life cycle: computed → approved (committee) → published (公示 open) → locked (公示 closed). */
export const resultStatuses = ['computed', 'approved', 'published', 'locked'] as const;
export type ResultStatus = (typeof resultStatuses)[number];

/** One component of a result; scores on a 0..100 scale. */
export interface ResultComponent {
  key: 'theory' | 'practical' | 'review' | 'direct_grading';
  score: number;
  /** Fraction 0..1 of the overall result (R4). */
  weight: number;
  passMark: number;
  isPass: boolean;
}

/** A change of the result after an objection (re-scoring), kept for the audit trail. */
export interface ResultRevision {
  at: Date;
  by: Types.ObjectId;
  reason: string;
  previous: { components: ResultComponent[]; totalScore: number; isPass: boolean };
  /** The component scores set by the re-scoring (0..100), when recorded. */
  changes?: Array<{ component: ResultComponent['key']; score: number }>;
}

/** Stored shape of a result. */
export interface ResultRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  registrationId: Types.ObjectId;
  candidateId: Types.ObjectId;
  scopeId: Types.ObjectId;
  level: Level;
  mode: 'grading' | 'promotion';
  components: ResultComponent[];
  /** Weighted total on 0..100. */
  totalScore: number;
  /** Passes every component and the total. */
  isPass: boolean;
  status: ResultStatus;
  approvedBy?: Types.ObjectId;
  approvedAt?: Date;
  /** Last day of the assessment (the certificate's assessment date, R13), YYYY-MM-DD. */
  assessmentDate: string;
  revisions: ResultRevision[];
  createdAt: Date;
  updatedAt: Date;
}

const componentSchema = new Schema<ResultComponent>(
  {
    key: { type: String, enum: ['theory', 'practical', 'review', 'direct_grading'], required: true },
    score: { type: Number, required: true, min: 0, max: 100 },
    weight: { type: Number, required: true, min: 0, max: 1 },
    passMark: { type: Number, required: true },
    isPass: { type: Boolean, required: true },
  },
  { _id: false },
);

const resultSchema = new Schema<ResultRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    level: { type: Number, enum: [1, 2, 3, 4, 5], required: true },
    mode: { type: String, enum: ['grading', 'promotion'], required: true },
    components: { type: [componentSchema], required: true },
    totalScore: { type: Number, required: true, min: 0, max: 100 },
    isPass: { type: Boolean, required: true },
    status: { type: String, enum: resultStatuses, required: true, default: 'computed' },
    approvedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    approvedAt: { type: Date },
    assessmentDate: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    revisions: { type: Schema.Types.Mixed, default: () => [] },
  },
  { timestamps: true, collection: 'results' },
);

resultSchema.index({ registrationId: 1 }, { unique: true });
resultSchema.index({ batchId: 1, status: 1 });

/** Result model (collection `results`). */
export const ResultModel: Model<ResultRecord> =
  (mongoose.models.Result as Model<ResultRecord> | undefined) ?? model<ResultRecord>('Result', resultSchema);
