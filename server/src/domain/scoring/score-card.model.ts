/**
 * Score card 评分表 storage (R4, R6): one candidate's practical assessment 操作技能考核 or
 * comprehensive review 综合评审 (levels 2 and 1), scored independently by assessors. A practical card
 * pins the candidate's practical paper (tasks with criteria, maximum points and veto items 否决项);
 * a review card lists the review criteria (thesis or achievement report, defence). Entries are the
 * assessors' signed scores in submission order; `status` and `reconciliation` follow
 * `reconcilePracticalScores` (practical) or the panel mean (review). `revision` guards concurrent
 * submissions (optimistic concurrency).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Level, PracticalCriterion } from '@skillcert/bank-tools/types';
import type { AssessorGrade } from '../../contracts/identity';
import type { CriterionTotal } from './practical-scoring';

/** Components scored on cards. */
export type ScoreCardComponent = 'practical' | 'review';

/** Card life cycle: open → final, or open → needs_arbitration → final | needs_committee → final. */
export type ScoreCardStatus = 'open' | 'needs_arbitration' | 'needs_committee' | 'final';

/** One practical task of the candidate's paper (pinned item version). */
export interface ScoreCardTaskRecord {
  itemId: Types.ObjectId;
  version: number;
  title: string;
  task: string;
  /** Sum of the criteria's maximum points. */
  maxPoints: number;
  criteria: PracticalCriterion[];
  vetoItems: string[];
}

/** One review criterion. */
export interface ReviewCriterionRecord {
  code: string;
  name: string;
  maxPoints: number;
}

/** One task of an assessor's practical entry: input and totals. */
export interface EntryTaskRecord {
  deductions: Array<{ criterionIndex: number; deductedPoints: number[] }>;
  vetoItemsObserved: string[];
  totalPoints: number;
  maxPoints: number;
  isVetoed: boolean;
  byCriterion: CriterionTotal[];
}

/** One assessor's signed entry. */
export interface ScoreCardEntryRecord {
  assessorId: Types.ObjectId;
  assessorName: string;
  assessorGrade?: AssessorGrade;
  /** `independent` for the first required scores, `arbitration` for the third assessor. */
  stage: 'independent' | 'arbitration';
  tasks?: EntryTaskRecord[];
  criterionPoints?: Array<{ code: string; points: number }>;
  /** Points of the card's maximum (0 when vetoed). */
  totalPoints: number;
  /** Any veto item observed on any task: the practical assessment fails (一票否决). */
  isVetoed: boolean;
  comment?: string;
  /** Electronic signature time. */
  submittedAt: Date;
}

/** The evaluation committee's decision (final). */
export interface CommitteeDecisionRecord {
  finalPoints: number;
  isVetoed: boolean;
  decisionReference: string;
  decidedBy: Types.ObjectId;
  decidedByName: string;
  decidedAt: Date;
}

/** Stored shape of a score card. */
export interface ScoreCardRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  registrationId: Types.ObjectId;
  candidateId: Types.ObjectId;
  candidateName: string;
  admissionTicketNumber: string;
  scopeId: Types.ObjectId;
  level: Level;
  component: ScoreCardComponent;
  /** Practical: the candidate's paper and how it was assigned (seeded, R3). */
  paperId?: Types.ObjectId;
  paperCode?: string;
  libraryId?: Types.ObjectId;
  assignmentSeed?: string;
  tasks: ScoreCardTaskRecord[];
  reviewCriteria: ReviewCriterionRecord[];
  maxPoints: number;
  /** Independent scores required before anyone sees another's (2 practical; the panel size for review). */
  requiredScoreCount: number;
  /** Practical: allowed difference as a fraction of maxPoints (organisation setting at preparation). */
  differenceThreshold: number;
  entries: ScoreCardEntryRecord[];
  status: ScoreCardStatus;
  /** Latest reconciliation outcome (JSON of `reconcilePracticalScores` or the panel mean). */
  reconciliation?: unknown;
  committeeDecision?: CommitteeDecisionRecord;
  finalPoints?: number;
  isVetoed?: boolean;
  revision: number;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const scoreCardSchema = new Schema<ScoreCardRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    candidateName: { type: String, required: true },
    admissionTicketNumber: { type: String, required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    level: { type: Number, enum: [1, 2, 3, 4, 5], required: true },
    component: { type: String, enum: ['practical', 'review'], required: true },
    paperId: { type: Schema.Types.ObjectId, ref: 'Paper' },
    paperCode: { type: String },
    libraryId: { type: Schema.Types.ObjectId, ref: 'PaperLibrary' },
    assignmentSeed: { type: String },
    tasks: { type: Schema.Types.Mixed, default: () => [] },
    reviewCriteria: { type: Schema.Types.Mixed, default: () => [] },
    maxPoints: { type: Number, required: true, min: 0 },
    requiredScoreCount: { type: Number, required: true, min: 2 },
    differenceThreshold: { type: Number, required: true, min: 0, max: 1 },
    entries: { type: Schema.Types.Mixed, default: () => [] },
    status: { type: String, enum: ['open', 'needs_arbitration', 'needs_committee', 'final'], required: true, default: 'open' },
    reconciliation: { type: Schema.Types.Mixed },
    committeeDecision: { type: Schema.Types.Mixed },
    finalPoints: { type: Number },
    isVetoed: { type: Boolean },
    revision: { type: Number, required: true, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, collection: 'score_cards', minimize: false },
);

scoreCardSchema.index({ registrationId: 1, component: 1 }, { unique: true });
scoreCardSchema.index({ batchId: 1, component: 1, status: 1 });

/** Score card model (collection `score_cards`). */
export const ScoreCardModel: Model<ScoreCardRecord> =
  (mongoose.models.ScoreCard as Model<ScoreCardRecord> | undefined) ?? model<ScoreCardRecord>('ScoreCard', scoreCardSchema);
