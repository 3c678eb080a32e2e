/**
 * Registration storage: an admitted candidate of a batch with the admission ticket 准考证, seat and
 * sessions, and attendance at the room (R10). Created from an eligible application (R9).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';

/** Attendance as recorded at the room (R10). */
export interface Attendance {
  status: 'present' | 'absent';
  markedAt: Date;
  markedBy: Types.ObjectId;
  reason?: string;
}

/** Attendance at one session (R10): theory, practical or review. */
export interface SessionAttendance extends Attendance {
  sessionId: Types.ObjectId;
}

/** Stored shape of a registration. */
export interface RegistrationRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  candidateId: Types.ObjectId;
  applicationId?: Types.ObjectId;
  scopeId: Types.ObjectId;
  level: Level;
  /** Admission ticket number 准考证号, unique across the platform. */
  admissionTicketNumber: string;
  roomId: Types.ObjectId;
  /** 1-based seat number in the room. */
  seatNumber: number;
  theorySessionId?: Types.ObjectId;
  practicalSessionId?: Types.ObjectId;
  reviewSessionId?: Types.ObjectId;
  /** Practical workstation number (R21). */
  workstationNumber?: number;
  /** The latest attendance mark (any session). */
  attendance?: Attendance;
  /** Attendance per session, one entry per session marked (R10). */
  attendanceBySession?: SessionAttendance[];
  /** Denormalised for rosters, sign-in sheets and the proctor grid. */
  candidateName: string;
  department?: string;
  createdAt: Date;
  updatedAt: Date;
}

const registrationSchema = new Schema<RegistrationRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    applicationId: { type: Schema.Types.ObjectId, ref: 'Application' },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    level: { type: Number, enum: [1, 2, 3, 4, 5], required: true },
    admissionTicketNumber: { type: String, required: true, trim: true },
    roomId: { type: Schema.Types.ObjectId, required: true },
    seatNumber: { type: Number, required: true, min: 1 },
    theorySessionId: { type: Schema.Types.ObjectId },
    practicalSessionId: { type: Schema.Types.ObjectId },
    reviewSessionId: { type: Schema.Types.ObjectId },
    workstationNumber: { type: Number, min: 1 },
    attendance: {
      type: new Schema<Attendance>(
        {
          status: { type: String, enum: ['present', 'absent'], required: true },
          markedAt: { type: Date, required: true },
          markedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
          reason: { type: String },
        },
        { _id: false },
      ),
    },
    attendanceBySession: {
      type: [
        new Schema<SessionAttendance>(
          {
            sessionId: { type: Schema.Types.ObjectId, required: true },
            status: { type: String, enum: ['present', 'absent'], required: true },
            markedAt: { type: Date, required: true },
            markedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
            reason: { type: String },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    candidateName: { type: String, required: true },
    department: { type: String },
  },
  { timestamps: true, collection: 'registrations' },
);

registrationSchema.index({ admissionTicketNumber: 1 }, { unique: true });
registrationSchema.index({ batchId: 1, candidateId: 1, scopeId: 1 }, { unique: true });
registrationSchema.index({ batchId: 1, roomId: 1, seatNumber: 1 });

/** Registration model (collection `registrations`). */
export const RegistrationModel: Model<RegistrationRecord> =
  (mongoose.models.Registration as Model<RegistrationRecord> | undefined) ??
  model<RegistrationRecord>('Registration', registrationSchema);
