/**
 * Proctor action storage (R10: the handling of irregularities is recorded): one document per action
 * taken in a room — warning, pause, resume, extension, device change approval, forced submission,
 * void (with the supervisor's confirmation), attendance — with its reason, its facts, the incidents
 * it handled and who took it. The room record 考场记录 lists them. (The attempt use cases audit each
 * action as well.)
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import { proctorActionTypes, type ProctorActionType } from '@skillcert/proctoring/events';

/** Stored shape of an action. */
export interface ProctorActionRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  roomId: Types.ObjectId;
  attemptId: Types.ObjectId;
  candidateId: Types.ObjectId;
  candidateName: string;
  seat: string | null;
  action: ProctorActionType;
  reason: string;
  /** Facts of the action: message, extraMs, deadlineAt, supervisor, attendance, … */
  detail: Record<string, string | number | boolean | null>;
  /** Incident keys the action handled. */
  incidentIds: string[];
  byUserId: Types.ObjectId;
  byName: string;
  at: Date;
  createdAt: Date;
}

const proctorActionSchema = new Schema<ProctorActionRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    roomId: { type: Schema.Types.ObjectId, required: true },
    attemptId: { type: Schema.Types.ObjectId, ref: 'Attempt', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    candidateName: { type: String, default: '' },
    seat: { type: String, default: null },
    action: { type: String, enum: proctorActionTypes, required: true },
    reason: { type: String, required: true },
    detail: { type: Schema.Types.Mixed, default: () => ({}) },
    incidentIds: { type: [String], default: [] },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    byName: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'proctor_actions', minimize: false },
);

proctorActionSchema.index({ sessionId: 1, roomId: 1, at: 1 });
proctorActionSchema.index({ attemptId: 1, at: 1 });
proctorActionSchema.index({ batchId: 1 });

/** Proctor action model (collection `proctor_actions`). */
export const ProctorActionModel: Model<ProctorActionRecord> =
  (mongoose.models.ProctorAction as Model<ProctorActionRecord> | undefined) ?? model<ProctorActionRecord>('ProctorAction', proctorActionSchema);
