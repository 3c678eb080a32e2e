/**
 * Attempt storage (R3, R10, R17): one candidate's sitting of one theory paper in one session. Holds
 * the candidate's form (item order, per-item option permutation, points; the bank mapping stays
 * server-side), the seeds that reproduce it, the server-authoritative timer, answers keyed by slot,
 * flags, position, the active connection and the submit facts.
 *
 * The displayed, key-free content snapshot of the form lives in `attempt_forms`
 * (attempt-form.model.ts, same `_id`): it is written once and read on join, so the hot answer
 * update touches a small document.
 *
 * Answers are keyed by slot number (`answers.<slot>`) so `saveAnswer` is ONE conditional `$set`.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { AttemptStatus } from '../../contracts/exam-room';
import type { SubmitReason } from '../events';

/** One slot of the candidate's form (server-side; candidates see only slot, type, points). */
export interface AttemptSlotRecord {
  /** 1-based display position (the number shown). */
  slot: number;
  /** 0-based index of the item in the paper's slots. */
  paperSlotIndex: number;
  /** Pinned bank item and version (never sent to candidates). */
  itemId: Types.ObjectId;
  version: number;
  type: 'single' | 'multiple' | 'judge';
  points: number;
  optionCount: number;
  /** optionOrder[displayedIndex] = bank option index (identity for judge items). */
  optionOrder: number[];
}

/** A stored answer: displayed option indexes; mapped to the bank at scoring time. */
export interface AttemptAnswerRecord {
  response: number[];
  seq: number;
  savedAt: Date;
}

/** A connection (socket) of the candidate and the login (auth session) it belongs to. */
export interface AttemptConnectionRecord {
  /** Id of the identity session (the device/browser login). */
  authSessionId: string;
  socketId: string;
  ip?: string;
  userAgent?: string;
  connectedAt: Date;
}

/** A timer pause (R10: recorded with who and why). */
export interface AttemptPauseRecord {
  pausedAt: Date;
  resumedAt?: Date;
  pausedBy: Types.ObjectId;
  reason: string;
}

/** A deadline extension. */
export interface AttemptExtensionRecord {
  extraMs: number;
  at: Date;
  by: Types.ObjectId;
  reason: string;
}

/** Stored shape of an attempt. */
export interface AttemptRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  roomId: Types.ObjectId;
  registrationId: Types.ObjectId;
  candidateId: Types.ObjectId;
  scopeId: Types.ObjectId;
  libraryId: Types.ObjectId;
  paperId: Types.ObjectId;
  /** 0-based position of the paper in its library. */
  paperIndex: number;
  /** Roster position used by the balanced paper assignment. */
  candidateIndex: number;
  /** Seed of the paper assignment (library seed + session). */
  assignmentSeed: string;
  /** Per-candidate seed of the item and option order (`shuffleForm`). */
  seed: string;
  form: { slots: AttemptSlotRecord[]; totalCount: number; totalPoints: number };
  status: AttemptStatus;
  /** Allowed time from start, in milliseconds. */
  durationMs: number;
  startedAt?: Date;
  /** When time runs out (server clock); moves with pauses and extensions. */
  deadlineAt?: Date;
  /** Start of the current pause (status `paused`). */
  pausedAt?: Date;
  pauses: AttemptPauseRecord[];
  extensions: AttemptExtensionRecord[];
  /** Keyed by slot number as a string. */
  answers: Record<string, AttemptAnswerRecord>;
  flaggedSlots: number[];
  position: number | null;
  activeConnection?: AttemptConnectionRecord | null;
  pendingDeviceChange?: (AttemptConnectionRecord & { requestedAt: Date }) | null;
  submittedAt?: Date;
  submitReason?: SubmitReason;
  submittedBy?: Types.ObjectId | null;
  /**
   * Audit outbox: the audit entry of the last state change, written in the SAME update as the
   * change and removed once appended to the audit log. Left behind only when the process died in
   * between; `reconcilePendingAttemptAudits` appends it then (R10, R17).
   */
  pendingAudit?: PendingAttemptAudit | null;
  /** Increases with every status, deadline or connection change. */
  stateVersion: number;
  /** Increases with every stored answer. */
  answersVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An audit entry waiting in the attempt document (see `pendingAudit`). */
export interface PendingAttemptAudit {
  /** `attempt.submitted`; the (action, attempt) pair identifies the entry. */
  action: string;
  /** When the change was written. */
  at: Date;
  actor: { userId: string | null; organisationId: string | null; name: string; roles: string[] };
  organisationId: string;
  target: { kind: string; id: string; label: string };
  /** The entry's payload, as JSON. */
  payloadJson: string;
  /** Set while a reconciling process appends the entry. */
  claimedUntil?: Date;
}

const connectionSchema = {
  authSessionId: { type: String, required: true },
  socketId: { type: String, required: true },
  ip: { type: String },
  userAgent: { type: String },
  connectedAt: { type: Date, required: true },
};

const attemptSchema = new Schema<AttemptRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    roomId: { type: Schema.Types.ObjectId, required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    libraryId: { type: Schema.Types.ObjectId, ref: 'PaperLibrary', required: true },
    paperId: { type: Schema.Types.ObjectId, ref: 'Paper', required: true },
    paperIndex: { type: Number, required: true, min: 0 },
    candidateIndex: { type: Number, required: true, min: 0 },
    assignmentSeed: { type: String, required: true },
    seed: { type: String, required: true },
    form: {
      slots: {
        type: [
          new Schema<AttemptSlotRecord>(
            {
              slot: { type: Number, required: true, min: 1 },
              paperSlotIndex: { type: Number, required: true, min: 0 },
              itemId: { type: Schema.Types.ObjectId, ref: 'Item', required: true },
              version: { type: Number, required: true, min: 1 },
              type: { type: String, enum: ['single', 'multiple', 'judge'], required: true },
              points: { type: Number, required: true, min: 0 },
              optionCount: { type: Number, required: true, min: 1 },
              optionOrder: { type: [Number], required: true },
            },
            { _id: false },
          ),
        ],
        required: true,
      },
      totalCount: { type: Number, required: true },
      totalPoints: { type: Number, required: true },
    },
    status: { type: String, enum: ['waiting', 'in_progress', 'paused', 'submitted', 'voided'], required: true, default: 'waiting' },
    durationMs: { type: Number, required: true, min: 1 },
    startedAt: { type: Date },
    deadlineAt: { type: Date },
    pausedAt: { type: Date },
    pauses: {
      type: [
        new Schema<AttemptPauseRecord>(
          {
            pausedAt: { type: Date, required: true },
            resumedAt: { type: Date },
            pausedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
            reason: { type: String, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    extensions: {
      type: [
        new Schema<AttemptExtensionRecord>(
          {
            extraMs: { type: Number, required: true },
            at: { type: Date, required: true },
            by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
            reason: { type: String, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    answers: { type: Schema.Types.Mixed, default: () => ({}) },
    flaggedSlots: { type: [Number], default: [] },
    position: { type: Number, default: null },
    activeConnection: { type: new Schema(connectionSchema, { _id: false }), default: null },
    pendingDeviceChange: {
      type: new Schema({ ...connectionSchema, requestedAt: { type: Date, required: true } }, { _id: false }),
      default: null,
    },
    submittedAt: { type: Date },
    submitReason: { type: String, enum: ['candidate', 'deadline', 'proctor'] },
    submittedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    pendingAudit: { type: Schema.Types.Mixed, default: undefined },
    stateVersion: { type: Number, required: true, default: 0 },
    answersVersion: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, collection: 'attempts', minimize: false },
);

attemptSchema.index({ sessionId: 1, registrationId: 1 }, { unique: true });
attemptSchema.index({ candidateId: 1, status: 1 });
attemptSchema.index({ status: 1, deadlineAt: 1 });
attemptSchema.index({ batchId: 1, roomId: 1 });
attemptSchema.index({ 'pendingAudit.at': 1 }, { sparse: true });

/** Attempt model (collection `attempts`). */
export const AttemptModel: Model<AttemptRecord> =
  (mongoose.models.Attempt as Model<AttemptRecord> | undefined) ?? model<AttemptRecord>('Attempt', attemptSchema);
