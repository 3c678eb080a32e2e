/**
 * Staff on duty in a room (R10: attendance of staff is recorded): who watched a session's room in
 * the proctor console, in which capacity, first join and last leave. One document per person, session
 * and room; the room record lists them next to the assigned proctors.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** Stored shape of a duty entry. */
export interface ProctorDutyRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  roomId: Types.ObjectId;
  userId: Types.ObjectId;
  name: string;
  /** `proctor` (assigned to the room) or `observer` (supervisor / exam administrator of the batch). */
  mode: 'proctor' | 'observer';
  /** Batch role (`exam_admin`, `supervisor`) or `proctor` for a room proctor. */
  capacity: string;
  firstJoinedAt: Date;
  lastJoinedAt: Date;
  lastLeftAt: Date | null;
}

const proctorDutySchema = new Schema<ProctorDutyRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    roomId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    name: { type: String, required: true },
    mode: { type: String, enum: ['proctor', 'observer'], required: true },
    capacity: { type: String, required: true },
    firstJoinedAt: { type: Date, required: true },
    lastJoinedAt: { type: Date, required: true },
    lastLeftAt: { type: Date, default: null },
  },
  { collection: 'proctor_duties', minimize: false },
);

proctorDutySchema.index({ sessionId: 1, roomId: 1, userId: 1 }, { unique: true });

/** Duty model (collection `proctor_duties`). */
export const ProctorDutyModel: Model<ProctorDutyRecord> =
  (mongoose.models.ProctorDuty as Model<ProctorDutyRecord> | undefined) ?? model<ProctorDutyRecord>('ProctorDuty', proctorDutySchema);
