/**
 * Paper library 卷库 storage (R1, R2, R3): the k papers assembled together with the seed and the bank
 * snapshot hash that reproduce them, the overlap matrix, blueprint coverage and difficulty statistics.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Blueprint } from '@skillcert/bank-tools/types';

/** A paper retired and replaced inside a library, with what reproduces the replacement. */
export interface PaperReplacementRecord {
  retiredPaperId: Types.ObjectId;
  paperId: Types.ObjectId;
  seed: string;
  snapshotHash: string;
  reason: string;
  at: Date;
}

/** Stored shape of a paper library. */
export interface PaperLibraryRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  scopeId: Types.ObjectId;
  kind: 'theory' | 'practical';
  seed: string;
  /** sha256 over the sorted (itemId, version, contentHash) of the approved items used as input. */
  snapshotHash: string;
  /** Maximum pairwise overlap allowed (fraction 0..1, R2). */
  maxOverlap: number;
  paperIds: Types.ObjectId[];
  /** overlap[i][j] as fractions 0..1 (R2 interpretation). */
  overlapMatrix: number[][];
  /** Blueprint coverage: per knowledge point and type, the count per paper. */
  coverage: unknown;
  difficulty: { meanByPaper: number[]; spread: number; target?: number; maxDeviation?: number };
  /** Blueprint the theory library was assembled with (copy, so the library stays reproducible). */
  blueprint?: Blueprint;
  /** Practical libraries: tasks per paper. */
  tasksPerPaper?: number;
  /** Approved items given to the assembler. */
  inputItemCount?: number;
  /** Items per paper. */
  paperSize?: number;
  /** Local-search iterations the assembler spent (deterministic budget). */
  iterations?: number;
  /** Papers retired and replaced one at a time, in order. */
  replacements?: PaperReplacementRecord[];
  retiredReason?: string;
  /** The library that superseded this one (a later assembly for the same scope and kind). */
  supersededBy?: Types.ObjectId;
  status: 'active' | 'retired';
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const paperLibrarySchema = new Schema<PaperLibraryRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    kind: { type: String, enum: ['theory', 'practical'], required: true },
    seed: { type: String, required: true },
    snapshotHash: { type: String, required: true },
    maxOverlap: { type: Number, required: true, min: 0, max: 1 },
    paperIds: { type: [Schema.Types.ObjectId], ref: 'Paper', required: true },
    overlapMatrix: { type: [[Number]], required: true },
    coverage: { type: Schema.Types.Mixed },
    difficulty: { meanByPaper: [Number], spread: Number, target: Number, maxDeviation: Number },
    blueprint: { type: Schema.Types.Mixed },
    tasksPerPaper: { type: Number },
    inputItemCount: { type: Number },
    paperSize: { type: Number },
    iterations: { type: Number },
    replacements: { type: Schema.Types.Mixed, default: undefined },
    retiredReason: { type: String },
    supersededBy: { type: Schema.Types.ObjectId, ref: 'PaperLibrary' },
    status: { type: String, enum: ['active', 'retired'], required: true, default: 'active' },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, collection: 'paper_libraries' },
);

paperLibrarySchema.index({ scopeId: 1, kind: 1, status: 1 });

/** Paper library model (collection `paper_libraries`). */
export const PaperLibraryModel: Model<PaperLibraryRecord> =
  (mongoose.models.PaperLibrary as Model<PaperLibraryRecord> | undefined) ??
  model<PaperLibraryRecord>('PaperLibrary', paperLibrarySchema);
