/**
 * Certificate 职业技能等级证书 storage (R13, R14, R15): the certificate with its number, the serial
 * counters that number it, and the ledger 证书台账 of printing, issue, destruction, reissue and
 * revocation.
 *
 * One certificate, one number (R15): a reissue 补发/换发 (lost or wrong certificate) keeps the number
 * and raises `issueVersion`; the previous version is withdrawn 收回 and its QR code no longer
 * verifies as valid (it answers "replaced"). A certificate whose number itself would be wrong (the
 * level or the year of issue) is revoked and a new certificate, with a new number, is issued.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** `issued` while valid; `revoked` (撤销) for good. */
export type CertificateStatus = 'issued' | 'revoked';

/** The holder's data as printed on one issue version (R15). */
export interface CertificateHolder {
  candidateName: string;
  /** ID type code as filed (`resident_identity_card`, `resident_id` …). */
  idType: string;
  idNumber: string;
  department?: string;
}

/** One issue version of a certificate (R15): version 1 at issue, +1 at every reissue. */
export interface CertificateVersion {
  issueVersion: number;
  /** Issue date 发证日期 printed on this version (YYYY-MM-DD). */
  issueDate: string;
  holder: CertificateHolder;
  issuedAt: Date;
  /** Set when a reissue withdrew this version. */
  withdrawnAt?: Date;
  withdrawnReason?: string;
}

/** Stored shape of a certificate. */
export interface CertificateRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  resultId: Types.ObjectId;
  registrationId: Types.ObjectId;
  candidateId: Types.ObjectId;
  /** The 22-character certificate number (R14). */
  number: string;
  /** Serial [17-22] of the number, per organisation, year and level. */
  serial: number;
  /** Year of issue encoded in the number [14-15]. */
  issueYear: number;
  level: number;
  occupationCode: string;
  occupationName: string;
  workTypeName: string;
  /** Last day of the assessment (R13), YYYY-MM-DD. */
  assessmentDate: string;
  organisationName: string;
  /** Current issue version (the last of `versions`). */
  issueVersion: number;
  /** Current holder data and issue date (copies of the current version, for queries and export). */
  holder: CertificateHolder;
  issueDate: string;
  /** First issue date of the certificate (version 1); the R13 report counts from it. */
  firstIssueDate: string;
  versions: CertificateVersion[];
  status: CertificateStatus;
  revokedAt?: Date;
  revokedReason?: string;
  /** Times the current version was recorded printed. */
  printedCount: number;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const holderSchema = new Schema<CertificateHolder>(
  {
    candidateName: { type: String, required: true },
    idType: { type: String, required: true },
    idNumber: { type: String, required: true },
    department: { type: String },
  },
  { _id: false },
);

const dateText = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ };

const certificateSchema = new Schema<CertificateRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    resultId: { type: Schema.Types.ObjectId, ref: 'Result', required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: 'Registration', required: true },
    candidateId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    number: { type: String, required: true, match: /^[YS]\d{21}$/ },
    serial: { type: Number, required: true, min: 1, max: 999_999 },
    issueYear: { type: Number, required: true },
    level: { type: Number, required: true, enum: [1, 2, 3, 4, 5] },
    occupationCode: { type: String, required: true },
    occupationName: { type: String, required: true },
    workTypeName: { type: String, default: '' },
    assessmentDate: dateText,
    organisationName: { type: String, required: true },
    issueVersion: { type: Number, required: true, min: 1 },
    holder: { type: holderSchema, required: true },
    issueDate: dateText,
    firstIssueDate: dateText,
    versions: {
      type: [
        new Schema<CertificateVersion>(
          {
            issueVersion: { type: Number, required: true },
            issueDate: dateText,
            holder: { type: holderSchema, required: true },
            issuedAt: { type: Date, required: true },
            withdrawnAt: { type: Date },
            withdrawnReason: { type: String },
          },
          { _id: false },
        ),
      ],
      required: true,
    },
    status: { type: String, enum: ['issued', 'revoked'], required: true, default: 'issued' },
    revokedAt: { type: Date },
    revokedReason: { type: String },
    printedCount: { type: Number, required: true, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, collection: 'certificates' },
);

/** R15 one certificate one number: the number is unique across the platform. */
certificateSchema.index({ number: 1 }, { unique: true });
/** One valid certificate per result. */
certificateSchema.index({ resultId: 1 }, { unique: true, partialFilterExpression: { status: 'issued' } });
certificateSchema.index({ organisationId: 1, batchId: 1 });
certificateSchema.index({ organisationId: 1, issueDate: 1 });

/** Certificate model (collection `certificates`). */
export const CertificateModel: Model<CertificateRecord> =
  (mongoose.models.Certificate as Model<CertificateRecord> | undefined) ?? model<CertificateRecord>('Certificate', certificateSchema);

/** Stored shape of a serial counter: `_id` is `<organisationId>:<year>:<level>` (R14). */
export interface CertificateSerialCounterRecord {
  _id: string;
  organisationId: Types.ObjectId;
  issueYear: number;
  level: number;
  /** Last serial handed out; 0 before the first certificate. */
  lastSerial: number;
}

const counterSchema = new Schema<CertificateSerialCounterRecord>(
  {
    _id: { type: String, required: true },
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    issueYear: { type: Number, required: true },
    level: { type: Number, required: true },
    lastSerial: { type: Number, required: true, default: 0 },
  },
  { collection: 'certificate_serial_counters', versionKey: false },
);

/** Serial counter model (collection `certificate_serial_counters`). */
export const CertificateSerialCounterModel: Model<CertificateSerialCounterRecord> =
  (mongoose.models.CertificateSerialCounter as Model<CertificateSerialCounterRecord> | undefined) ??
  model<CertificateSerialCounterRecord>('CertificateSerialCounter', counterSchema);

/** Ledger actions (R15). */
export const certificateLedgerActions = ['issued', 'printed', 'destroyed', 'reissued', 'revoked'] as const;
export type CertificateLedgerAction = (typeof certificateLedgerActions)[number];

/** Stored shape of a ledger entry 证书台账 (R15); each one is also in the audit chain. */
export interface CertificateLedgerEntryRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  certificateId: Types.ObjectId;
  number: string;
  /** The issue version the entry is about (for `reissued`: the new version). */
  issueVersion: number;
  action: CertificateLedgerAction;
  reason: string;
  /** Printed or destroyed copies. */
  copies?: number;
  at: Date;
  byUserId: Types.ObjectId | null;
  byName: string;
  /** Position and hash of the matching audit entry. */
  auditSeq: number;
  auditHash: string;
}

const ledgerSchema = new Schema<CertificateLedgerEntryRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    certificateId: { type: Schema.Types.ObjectId, ref: 'Certificate', required: true },
    number: { type: String, required: true },
    issueVersion: { type: Number, required: true },
    action: { type: String, enum: certificateLedgerActions, required: true },
    reason: { type: String, required: true },
    copies: { type: Number },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    byName: { type: String, required: true },
    auditSeq: { type: Number, required: true },
    auditHash: { type: String, required: true },
  },
  { collection: 'certificate_ledger', versionKey: false },
);

ledgerSchema.index({ certificateId: 1, at: 1 });
ledgerSchema.index({ organisationId: 1, batchId: 1, at: 1 });

/** Ledger model (collection `certificate_ledger`). Append only. */
export const CertificateLedgerEntryModel: Model<CertificateLedgerEntryRecord> =
  (mongoose.models.CertificateLedgerEntry as Model<CertificateLedgerEntryRecord> | undefined) ??
  model<CertificateLedgerEntryRecord>('CertificateLedgerEntry', ledgerSchema);
