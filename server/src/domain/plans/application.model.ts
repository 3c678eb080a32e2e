/**
 * Application 报名 storage (R9): one person applying for one scope of a batch, entered through the
 * API or imported from a roster, with the eligibility verdict and its reasons kept as evaluated.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Level } from '@skillcert/bank-tools/types';
import type { EducationLevel } from './eligibility';
import type { IdType } from './id-number';

/** Application statuses: eligible or rejected by the R9 check; admitted once a ticket is issued. */
export type ApplicationStatus = 'eligible' | 'rejected' | 'admitted';

/** The eligibility verdict as evaluated (R9); reasons are kept for rejected applications. */
export interface ApplicationEligibility {
  isEligible: boolean;
  pathId?: string;
  path?: string;
  reasons: string[];
  notes: string[];
  /** Reference date of the evaluation (YYYY-MM-DD). */
  asOf: string;
  evaluatedAt: Date;
}

/** A certificate the applicant holds. */
export interface ApplicationCertificate {
  level: Level;
  issueDate: string;
  number?: string;
}

/** Stored shape of an application. */
export interface ApplicationRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  scopeId: Types.ObjectId;
  level: Level;
  source: 'api' | 'roster';
  /** Roster import id and 1-based row, for roster applications. */
  rosterImportId?: string;
  rosterRow?: number;
  /** The candidate account, when the applicant has one (self-application or after admission). */
  candidateId?: Types.ObjectId;
  name: string;
  idType: IdType;
  /** Normalised (trimmed, upper case). */
  idNumber: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  employer: string;
  department?: string;
  hireDate?: string;
  employmentType: 'employee' | 'dispatched';
  yearsInOccupation: number;
  certificates: ApplicationCertificate[];
  education?: EducationLevel;
  isRelatedSpecialty?: boolean;
  hasCompletedApprenticeship?: boolean;
  hasPreparatoryTechnicianCertificate?: boolean;
  eligibility: ApplicationEligibility;
  status: ApplicationStatus;
  registrationId?: Types.ObjectId;
  submittedBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const dateText = { type: String, match: /^\d{4}-\d{2}-\d{2}$/ };

const applicationSchema = new Schema<ApplicationRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    level: { type: Number, enum: [1, 2, 3, 4, 5], required: true },
    source: { type: String, enum: ['api', 'roster'], required: true },
    rosterImportId: { type: String },
    rosterRow: { type: Number },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User' },
    name: { type: String, required: true, trim: true },
    idType: { type: String, enum: ['resident_id', 'residence_permit', 'passport', 'hk_macau_permit', 'taiwan_permit'], required: true },
    idNumber: { type: String, required: true, trim: true, uppercase: true },
    birthDate: dateText,
    sex: { type: String, enum: ['male', 'female'] },
    employer: { type: String, required: true, trim: true },
    department: { type: String, trim: true },
    hireDate: dateText,
    employmentType: { type: String, enum: ['employee', 'dispatched'], required: true },
    yearsInOccupation: { type: Number, required: true, min: 0 },
    certificates: {
      type: [
        new Schema<ApplicationCertificate>(
          {
            level: { type: Number, enum: [1, 2, 3, 4, 5], required: true },
            issueDate: { ...dateText, required: true },
            number: { type: String },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    education: { type: String },
    isRelatedSpecialty: { type: Boolean },
    hasCompletedApprenticeship: { type: Boolean },
    hasPreparatoryTechnicianCertificate: { type: Boolean },
    eligibility: {
      type: new Schema<ApplicationEligibility>(
        {
          isEligible: { type: Boolean, required: true },
          pathId: { type: String },
          path: { type: String },
          reasons: { type: [String], default: [] },
          notes: { type: [String], default: [] },
          asOf: { ...dateText, required: true },
          evaluatedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    status: { type: String, enum: ['eligible', 'rejected', 'admitted'], required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration' },
    submittedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, collection: 'applications' },
);

applicationSchema.index({ batchId: 1, scopeId: 1, idNumber: 1 }, { unique: true });
applicationSchema.index({ batchId: 1, status: 1 });
applicationSchema.index({ candidateId: 1 });

/** Application model (collection `applications`). */
export const ApplicationModel: Model<ApplicationRecord> =
  (mongoose.models.Application as Model<ApplicationRecord> | undefined) ??
  model<ApplicationRecord>('Application', applicationSchema);
