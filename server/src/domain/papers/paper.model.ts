/**
 * Paper storage (R1-R3): a theory or practical paper of a scope's paper library 卷库, drawn only from
 * the bank, pinning item versions. Candidates never see this document; attempts carry their own
 * shuffled, key-free form.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** One slot of a paper: a pinned item version with its points. */
export interface PaperSlot {
  itemId: Types.ObjectId;
  version: number;
  /** Theory item type, or `practical`. */
  type: 'single' | 'multiple' | 'judge' | 'practical';
  points: number;
  knowledgePoint?: string;
  /** Practical tasks only: time limit in minutes. */
  timeLimitMinutes?: number;
}

/** Stored shape of a paper. */
export interface PaperRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  scopeId: Types.ObjectId;
  libraryId: Types.ObjectId;
  kind: 'theory' | 'practical';
  /** 0-based position in its library. */
  index: number;
  /** Human code such as `T-2026-01` shown on prints. */
  code: string;
  slots: PaperSlot[];
  totalPoints: number;
  /** Practical papers: total time in minutes. */
  totalTimeMinutes?: number;
  meanDifficulty?: number;
  status: 'active' | 'retired';
  retiredReason?: string;
  /** Replacement paper when retired and replaced. */
  replacedBy?: Types.ObjectId;
  /** A replacement paper: the paper it replaces. */
  replaces?: Types.ObjectId;
  /** A replacement paper: its own seed and bank snapshot hash (library papers use the library's). */
  seed?: string;
  snapshotHash?: string;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const paperSchema = new Schema<PaperRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    libraryId: { type: Schema.Types.ObjectId, ref: 'PaperLibrary', required: true },
    kind: { type: String, enum: ['theory', 'practical'], required: true },
    index: { type: Number, required: true, min: 0 },
    code: { type: String, required: true },
    slots: {
      type: [
        new Schema<PaperSlot>(
          {
            itemId: { type: Schema.Types.ObjectId, ref: 'Item', required: true },
            version: { type: Number, required: true, min: 1 },
            type: { type: String, enum: ['single', 'multiple', 'judge', 'practical'], required: true },
            points: { type: Number, required: true, min: 0 },
            knowledgePoint: { type: String },
            timeLimitMinutes: { type: Number },
          },
          { _id: false },
        ),
      ],
      required: true,
    },
    totalPoints: { type: Number, required: true },
    totalTimeMinutes: { type: Number },
    meanDifficulty: { type: Number },
    status: { type: String, enum: ['active', 'retired'], required: true, default: 'active' },
    retiredReason: { type: String },
    replacedBy: { type: Schema.Types.ObjectId, ref: 'Paper' },
    replaces: { type: Schema.Types.ObjectId, ref: 'Paper' },
    seed: { type: String },
    snapshotHash: { type: String },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, collection: 'papers' },
);

paperSchema.index({ scopeId: 1, kind: 1, status: 1 });
paperSchema.index({ libraryId: 1, index: 1 });

/** Paper model (collection `papers`). */
export const PaperModel: Model<PaperRecord> =
  (mongoose.models.Paper as Model<PaperRecord> | undefined) ?? model<PaperRecord>('Paper', paperSchema);
