/**
 * Batch 批次 storage (R4, R6, R7, R10, R19, R21): one evaluation of one or more scopes, with its
 * sessions (theory windows, practical sessions, comprehensive reviews), rooms, staff and filing.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';

/** Batch life cycle, in order. */
export const batchStatuses = [
  'draft',
  'filed',
  'announced',
  'in_progress',
  'scoring',
  'results_approved',
  'published',
  'closed',
  'archived',
] as const;
export type BatchStatus = (typeof batchStatuses)[number];

/** Evaluation mode (R19): direct grading 定级 or promotion 晋级. */
export type EvaluationMode = 'grading' | 'promotion';

/** Staff roles of a batch; R6 allows one person one of them. Proctors (监考) are exam administrators. */
export const batchStaffRoles = ['exam_admin', 'assessor', 'supervisor'] as const;
export type BatchStaffRole = (typeof batchStaffRoles)[number];

/** A scope evaluated in the batch, denormalised for display. */
export interface BatchScope {
  scopeId: Types.ObjectId;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: Level;
  /** Paper libraries used (R3): the active ones when the batch was filed. */
  theoryLibraryId?: Types.ObjectId;
  practicalLibraryId?: Types.ObjectId;
  /** Component weights (fractions summing to 1; practical >= organisation minimum, R4). */
  weights: { theory: number; practical: number; review?: number };
}

/** A room 考场 with seats and practical workstations 工位 (R21) and its proctors. */
export interface BatchRoom {
  _id: Types.ObjectId;
  name: string;
  seats: number;
  workstations: number;
  /** Users watching this room live (exam administrators acting as proctors). */
  proctorIds: Types.ObjectId[];
}

/** A session: a theory window, a practical session or a comprehensive review. */
export interface BatchSession {
  _id: Types.ObjectId;
  kind: 'theory' | 'practical' | 'review';
  scopeId: Types.ObjectId;
  roomId: Types.ObjectId;
  startsAt: Date;
  /** Theory: attempt duration in minutes; practical/review: session length. */
  durationMinutes: number;
  /** Latest moment a candidate may start a theory attempt (defaults to startsAt + 30 min). */
  lateEntryUntil?: Date;
  status: 'scheduled' | 'open' | 'closed';
}

/** A staff assignment (R6). */
export interface BatchStaff {
  userId: Types.ObjectId;
  role: BatchStaffRole;
}

/** Milestone dates of a batch (YYYY-MM-DD, China time); see {@link BatchRecord.milestones}. */
export interface BatchMilestones {
  publicationStartDate?: string;
  publicationEndDate?: string;
  resultsSubmittedDate?: string;
  certificateIssueDate?: string;
  certificateDataReportedDate?: string;
}

/** Stored shape of a batch. */
export interface BatchRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  /** Human code such as `2026-电工-04`. */
  code: string;
  name: string;
  mode: EvaluationMode;
  scopes: BatchScope[];
  rooms: BatchRoom[];
  sessions: BatchSession[];
  staff: BatchStaff[];
  announcementId?: Types.ObjectId;
  /** R7: the date the plan was filed with the guidance body (YYYY-MM-DD, China time). */
  filingDate?: string;
  /** Prefix of the batch's admission ticket numbers, allocated with the first ticket (unique). */
  admissionTicketPrefix?: string;
  /**
   * Dates (YYYY-MM-DD, China time) the later deadlines count from, set by the domains that reach
   * them: publication 公示 start/end (R11, R12), results submission (R12), certificate issue and
   * certificate data report (R13).
   */
  milestones?: BatchMilestones;
  status: BatchStatus;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const batchScopeSchema = new Schema<BatchScope>(
  {
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    occupationCode: { type: String, required: true },
    occupationName: { type: String, required: true },
    workType: { type: String, required: true },
    level: { type: Number, enum: [1, 2, 3, 4, 5], required: true },
    theoryLibraryId: { type: Schema.Types.ObjectId, ref: 'PaperLibrary' },
    practicalLibraryId: { type: Schema.Types.ObjectId, ref: 'PaperLibrary' },
    weights: {
      theory: { type: Number, required: true, min: 0, max: 1 },
      practical: { type: Number, required: true, min: 0, max: 1 },
      review: { type: Number, min: 0, max: 1 },
    },
  },
  { _id: false },
);

const batchRoomSchema = new Schema<BatchRoom>({
  name: { type: String, required: true },
  seats: { type: Number, required: true, min: 0 },
  workstations: { type: Number, required: true, min: 0, default: 0 },
  proctorIds: { type: [Schema.Types.ObjectId], ref: 'User', default: [] },
});

const batchSessionSchema = new Schema<BatchSession>({
  kind: { type: String, enum: ['theory', 'practical', 'review'], required: true },
  scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
  roomId: { type: Schema.Types.ObjectId, required: true },
  startsAt: { type: Date, required: true },
  durationMinutes: { type: Number, required: true, min: 1 },
  lateEntryUntil: { type: Date },
  status: { type: String, enum: ['scheduled', 'open', 'closed'], required: true, default: 'scheduled' },
});

const batchSchema = new Schema<BatchRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    code: { type: String, required: true, trim: true },
    name: { type: String, required: true, trim: true },
    mode: { type: String, enum: ['grading', 'promotion'], required: true },
    scopes: { type: [batchScopeSchema], required: true },
    rooms: { type: [batchRoomSchema], default: [] },
    sessions: { type: [batchSessionSchema], default: [] },
    staff: {
      type: [
        new Schema<BatchStaff>(
          {
            userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
            role: { type: String, enum: batchStaffRoles, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    announcementId: { type: Schema.Types.ObjectId, ref: 'Announcement' },
    filingDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    admissionTicketPrefix: { type: String, trim: true },
    milestones: {
      publicationStartDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
      publicationEndDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
      resultsSubmittedDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
      certificateIssueDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
      certificateDataReportedDate: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    },
    status: { type: String, enum: batchStatuses, required: true, default: 'draft' },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, collection: 'batches' },
);

batchSchema.index({ organisationId: 1, code: 1 }, { unique: true });
batchSchema.index({ organisationId: 1, status: 1 });
batchSchema.index({ admissionTicketPrefix: 1 }, { unique: true, partialFilterExpression: { admissionTicketPrefix: { $type: 'string' } } });

/** Batch model (collection `batches`). */
export const BatchModel: Model<BatchRecord> =
  (mongoose.models.Batch as Model<BatchRecord> | undefined) ?? model<BatchRecord>('Batch', batchSchema);
