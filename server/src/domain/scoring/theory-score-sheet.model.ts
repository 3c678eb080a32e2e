/**
 * Theory score sheet storage (R3, R4): the objective score of one submitted attempt, with the pinned
 * item versions, the candidate's option permutation per slot, the displayed and bank-mapped
 * responses, per-item outcome and per knowledge point 鉴定点 breakdown. One sheet per attempt
 * (unique), so scoring is idempotent.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { ItemOutcome, KnowledgePointScore, MultipleChoiceCredit } from './objective-scoring';

/** One scored slot of the candidate's form. */
export interface TheoryScoreItemRecord {
  slot: number;
  paperSlotIndex: number;
  itemId: Types.ObjectId;
  version: number;
  type: 'single' | 'multiple' | 'judge';
  knowledgePoint: string | null;
  /** optionOrder[displayedIndex] = bank option index (the stored permutation). */
  optionOrder: number[];
  /** Displayed option indexes the candidate chose. */
  displayedResponse: number[];
  /** The same choice in bank option indexes, ascending. */
  selected: number[];
  /** The bank key (bank option indexes). */
  answer: number[];
  outcome: ItemOutcome;
  points: number;
  maxPoints: number;
}

/** Stored shape of a theory score sheet. */
export interface TheoryScoreSheetRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  registrationId: Types.ObjectId;
  candidateId: Types.ObjectId;
  scopeId: Types.ObjectId;
  attemptId: Types.ObjectId;
  paperId: Types.ObjectId;
  libraryId: Types.ObjectId;
  /** Per-candidate seed of the form (reproduces the permutation). */
  seed: string;
  multipleChoiceCredit: MultipleChoiceCredit;
  items: TheoryScoreItemRecord[];
  byKnowledgePoint: KnowledgePointScore[];
  totalPoints: number;
  maxPoints: number;
  correctCount: number;
  submittedAt: Date;
  scoredAt: Date;
  createdAt: Date;
}

const theoryScoreSheetSchema = new Schema<TheoryScoreSheetRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    attemptId: { type: Schema.Types.ObjectId, ref: 'Attempt', required: true },
    paperId: { type: Schema.Types.ObjectId, ref: 'Paper', required: true },
    libraryId: { type: Schema.Types.ObjectId, ref: 'PaperLibrary', required: true },
    seed: { type: String, required: true },
    multipleChoiceCredit: { type: Schema.Types.Mixed, required: true },
    items: { type: Schema.Types.Mixed, required: true },
    byKnowledgePoint: { type: Schema.Types.Mixed, required: true },
    totalPoints: { type: Number, required: true, min: 0 },
    maxPoints: { type: Number, required: true, min: 0 },
    correctCount: { type: Number, required: true, min: 0 },
    submittedAt: { type: Date, required: true },
    scoredAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'theory_score_sheets', minimize: false },
);

theoryScoreSheetSchema.index({ attemptId: 1 }, { unique: true });
theoryScoreSheetSchema.index({ batchId: 1, registrationId: 1 });

/** Theory score sheet model (collection `theory_score_sheets`). */
export const TheoryScoreSheetModel: Model<TheoryScoreSheetRecord> =
  (mongoose.models.TheoryScoreSheet as Model<TheoryScoreSheetRecord> | undefined) ??
  model<TheoryScoreSheetRecord>('TheoryScoreSheet', theoryScoreSheetSchema);
