/**
 * Pending and finished bank imports (R1, R17): the dry run stores the parsed items and the report
 * here under an import id (the confirmation token); confirming writes them all-or-nothing.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { TheoryItem } from '@skillcert/bank-tools/types';
import type { RowError, RowWarning, SheetReport, TypeCounts } from '@skillcert/bank-tools/importers/import-report';

/** Lifetime of an unconfirmed import, milliseconds (24 h). */
export const bankImportLifetimeMs = 24 * 60 * 60 * 1000;

/** A picture of the file, renamed to its content id (`<32 hex>.<ext>`). */
export interface BankImportImage {
  imageId: string;
  extension: string;
  data: Buffer;
}

/** Stored shape of a bank import. */
export interface BankImportRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  scopeId: Types.ObjectId;
  fileName: string;
  /** SHA-256 hex of the uploaded bytes. */
  fileSha256: string;
  fileBytes: number;
  format: 'xlsx' | 'json';
  status: 'pending' | 'confirmed';
  counts: TypeCounts;
  dataRows: number;
  rejected: RowError[];
  warnings: RowWarning[];
  sheets: SheetReport[];
  /** Parsed items (with knowledge points when the scope has a blueprint); emptied once confirmed. */
  items: TheoryItem[];
  images: BankImportImage[];
  createdBy: Types.ObjectId;
  expiresAt: Date;
  confirmedAt?: Date;
  confirmedBy?: Types.ObjectId;
  confirmedStatus?: 'draft' | 'approved';
  createdAt: Date;
  updatedAt: Date;
}

const bankImportSchema = new Schema<BankImportRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    fileName: { type: String, required: true },
    fileSha256: { type: String, required: true },
    fileBytes: { type: Number, required: true },
    format: { type: String, enum: ['xlsx', 'json'], required: true },
    status: { type: String, enum: ['pending', 'confirmed'], required: true, default: 'pending' },
    counts: { type: Schema.Types.Mixed, required: true },
    dataRows: { type: Number, required: true },
    rejected: { type: Schema.Types.Mixed, default: [] },
    warnings: { type: Schema.Types.Mixed, default: [] },
    sheets: { type: Schema.Types.Mixed, default: [] },
    items: { type: Schema.Types.Mixed, default: [] },
    images: { type: Schema.Types.Mixed, default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    confirmedAt: { type: Date },
    confirmedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    confirmedStatus: { type: String, enum: ['draft', 'approved'] },
  },
  { timestamps: true, collection: 'bank_imports' },
);

bankImportSchema.index({ organisationId: 1, scopeId: 1, createdAt: -1 });

/** Bank import model (collection `bank_imports`). */
export const BankImportModel: Model<BankImportRecord> =
  (mongoose.models.BankImport as Model<BankImportRecord> | undefined) ?? model<BankImportRecord>('BankImport', bankImportSchema);
