/**
 * Item-analysis report storage (issue 12; context R1 bank upkeep, R2/R3 paper library): one report
 * per batch, replaced by every re-run. Per scope evaluated in the batch: statistics of every paper of
 * the theory paper library (KR-20, score description, histogram), the library's parallelism summary,
 * and one item row per (paper, item) with P, D, point-biserial, distractor analysis and flags.
 * Statistics follow `item-analysis.ts` and `paper-statistics.ts` (rounded to 6 decimals).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import type { ItemAnalysis } from './item-analysis';
import type { ParallelismSummary, PaperStatistics } from './paper-statistics';
import type { ReportSettings } from './reports.contracts';

/** One analysed item on one paper. */
export interface ItemAnalysisRow extends ItemAnalysis {
  paperId: string;
  paperCode: string;
  /** Pinned item version on the paper. */
  version: number;
  knowledgePoint: string | null;
  /** Points of the slot on the paper. */
  points: number;
  optionCount: number;
  /** First characters of the stem (bank roles only; never exported). */
  stemExcerpt: string;
  /** The flags of this row put the item in the bank's review queue (enough candidates, R1 upkeep). */
  isQueued: boolean;
}

/** Statistics of one paper of the library with its code and the candidates who sat it. */
export interface PaperStatisticsRow extends PaperStatistics {
  paperCode: string;
  /** 0-based position in the library. */
  paperIndex: number;
  /** g of the upper/lower groups (0 with fewer than 2 candidates). */
  groupSize: number;
}

/** The analysis of one scope (occupation, work type, level) of the batch. */
export interface ScopeAnalysis {
  scopeId: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: Level;
  libraryId: string | null;
  /** Submitted attempts analysed. */
  candidateCount: number;
  papers: PaperStatisticsRow[];
  parallelism: ParallelismSummary;
  items: ItemAnalysisRow[];
}

/** Stored shape of an item-analysis report. */
export interface ItemAnalysisReportRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  batchCode: string;
  batchName: string;
  /** The thresholds and tolerances the run used. */
  settings: ReportSettings;
  scopes: ScopeAnalysis[];
  attemptCount: number;
  /** Distinct items with at least one flag. */
  flaggedItemCount: number;
  /** Distinct items whose flags were written to the review queue. */
  queuedItemCount: number;
  /** Items whose measuredDifficulty was set. */
  measuredItemCount: number;
  analysedAt: Date;
  analysedBy: Types.ObjectId;
  analysedByName: string;
  runCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const itemAnalysisReportSchema = new Schema<ItemAnalysisReportRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    batchCode: { type: String, required: true },
    batchName: { type: String, required: true },
    settings: { type: Schema.Types.Mixed, required: true },
    scopes: { type: Schema.Types.Mixed, required: true },
    attemptCount: { type: Number, required: true, min: 0 },
    flaggedItemCount: { type: Number, required: true, min: 0 },
    queuedItemCount: { type: Number, required: true, min: 0 },
    measuredItemCount: { type: Number, required: true, min: 0 },
    analysedAt: { type: Date, required: true },
    analysedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    analysedByName: { type: String, required: true },
    runCount: { type: Number, required: true, min: 1 },
  },
  { timestamps: true, collection: 'item_analysis_reports', minimize: false },
);

itemAnalysisReportSchema.index({ batchId: 1 }, { unique: true });
itemAnalysisReportSchema.index({ organisationId: 1, analysedAt: -1 });

/** Item-analysis report model (collection `item_analysis_reports`). */
export const ItemAnalysisReportModel: Model<ItemAnalysisReportRecord> =
  (mongoose.models.ItemAnalysisReport as Model<ItemAnalysisReportRecord> | undefined) ??
  model<ItemAnalysisReportRecord>('ItemAnalysisReport', itemAnalysisReportSchema);
