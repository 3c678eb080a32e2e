/**
 * Void requests (R6, R10): a proctor asks to void an attempt; an internal quality supervisor 内督员
 * of the batch confirms (the attempt is voided) or rejects (with a note). At most one pending request
 * per attempt.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** Life cycle of a void request. */
export const voidRequestStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type VoidRequestStatus = (typeof voidRequestStatuses)[number];

/** Stored shape of a void request. */
export interface VoidRequestRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  roomId: Types.ObjectId;
  attemptId: Types.ObjectId;
  candidateId: Types.ObjectId;
  candidateName: string;
  seat: string | null;
  reason: string;
  incidentIds: string[];
  status: VoidRequestStatus;
  requestedBy: Types.ObjectId;
  requestedByName: string;
  requestedAt: Date;
  decidedBy: Types.ObjectId | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const voidRequestSchema = new Schema<VoidRequestRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    roomId: { type: Schema.Types.ObjectId, required: true },
    attemptId: { type: Schema.Types.ObjectId, ref: 'Attempt', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    candidateName: { type: String, default: '' },
    seat: { type: String, default: null },
    reason: { type: String, required: true },
    incidentIds: { type: [String], default: [] },
    status: { type: String, enum: voidRequestStatuses, required: true, default: 'pending' },
    requestedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    requestedByName: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    decidedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    decidedByName: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    note: { type: String, default: null },
  },
  { timestamps: true, collection: 'void_requests', minimize: false },
);

voidRequestSchema.index({ attemptId: 1 }, { unique: true, partialFilterExpression: { status: 'pending' } });
voidRequestSchema.index({ batchId: 1, status: 1 });
voidRequestSchema.index({ sessionId: 1, roomId: 1 });

/** Void request model (collection `void_requests`). */
export const VoidRequestModel: Model<VoidRequestRecord> =
  (mongoose.models.VoidRequest as Model<VoidRequestRecord> | undefined) ?? model<VoidRequestRecord>('VoidRequest', voidRequestSchema);
