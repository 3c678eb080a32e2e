/**
 * User storage: staff (username + password) and candidates (ID type + ID number + admission ticket
 * numbers + password). One user may hold several staff roles; R6 conflicts are checked per batch by
 * the plans domain, not here. The password is stored as an argon2id hash only (R17).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import { assessorGrades, idTypes, roles, type AssessorGrade, type IdType, type Role } from '../../contracts/identity';

/** Stored shape of a user. */
export interface UserRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  name: string;
  roles: Role[];
  /** Staff login name (lower case), unique across the platform; absent for candidates. */
  username?: string;
  passwordHash: string;
  /** R6: `assessor` assesses levels 5-3, `senior_assessor` levels 5-1; only for the `assessor` role. */
  assessorGrade?: AssessorGrade;
  idType?: IdType;
  /** Upper-cased identity document number (candidates; optional for staff). */
  idNumber?: string;
  /** Admission ticket numbers (准考证号) the candidate may log in with; issued by the plans domain. */
  admissionTicketNumbers: string[];
  isActive: boolean;
  lastLoginAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true, index: true },
    name: { type: String, required: true, trim: true },
    roles: { type: [{ type: String, enum: roles }], required: true },
    username: { type: String, trim: true, lowercase: true },
    passwordHash: { type: String, required: true },
    assessorGrade: { type: String, enum: assessorGrades },
    idType: { type: String, enum: idTypes },
    idNumber: { type: String, trim: true, uppercase: true },
    admissionTicketNumbers: { type: [String], default: [] },
    isActive: { type: Boolean, default: true },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, collection: 'users' },
);

userSchema.index({ username: 1 }, { unique: true, partialFilterExpression: { username: { $type: 'string' } } });
userSchema.index({ idNumber: 1, admissionTicketNumbers: 1 });
userSchema.index({ organisationId: 1, roles: 1 });

/** User model (collection `users`). */
export const UserModel: Model<UserRecord> =
  (mongoose.models.User as Model<UserRecord> | undefined) ?? model<UserRecord>('User', userSchema);
