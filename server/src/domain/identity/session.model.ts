/**
 * Server-side sessions (R17 account management): the cookie carries a random 32-byte token, the
 * database only its keyed hash, so a copy of the collection cannot be replayed as cookies.
 * Expired sessions are removed by a TTL index and ignored on lookup.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** Stored shape of a session. */
export interface SessionRecord {
  _id: Types.ObjectId;
  /** HMAC-SHA256 (keyed with SESSION_SECRET) of the cookie token, hex. */
  tokenHash: string;
  userId: Types.ObjectId;
  organisationId: Types.ObjectId;
  /** How the session was opened. */
  kind: 'staff' | 'candidate';
  /** Admission ticket number the candidate logged in with (candidate sessions only). */
  admissionTicketNumber?: string;
  ip?: string;
  userAgent?: string;
  createdAt: Date;
  expiresAt: Date;
}

const sessionSchema = new Schema<SessionRecord>(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    kind: { type: String, enum: ['staff', 'candidate'], required: true },
    admissionTicketNumber: { type: String },
    ip: { type: String },
    userAgent: { type: String },
    createdAt: { type: Date, required: true, default: () => new Date() },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sessions', versionKey: false },
);

sessionSchema.index({ tokenHash: 1 }, { unique: true });
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** Session model (collection `sessions`). */
export const SessionModel: Model<SessionRecord> =
  (mongoose.models.Session as Model<SessionRecord> | undefined) ?? model<SessionRecord>('Session', sessionSchema);
