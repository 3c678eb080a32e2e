/**
 * Batch archive 档案 storage (R16): each build of a batch's archive zip (kept in GridFS bucket
 * `archive_zips`) with its manifest — every file with sha256 and retention date, the paper
 * originals kept outside the platform, the documents that are missing and why — and the destruction
 * ledger. Rebuilding keeps earlier versions (superseded).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { RetentionKind } from './retention';

/** One file in the zip: an electronic record, kept 5 years (R16). */
export interface ArchiveFileRecord {
  /** Path inside the zip. */
  path: string;
  /** Catalogue key of the document it belongs to, e.g. `announcement`. */
  document: string;
  retentionKind: 'electronic';
  /** First day it may be destroyed (YYYY-MM-DD). */
  retentionUntil: string;
  sha256: string;
  bytes: number;
  /** Set when a destruction ledger entry covered it. */
  destroyedAt?: Date;
}

/**
 * A paper original 纸质原件 kept outside the platform (signed sign-in sheets, score sheets, review
 * materials, signed application forms): 3 years (R16). The zip holds electronic copies or the data.
 */
export interface ArchivePaperRecord {
  document: string;
  title: string;
  retentionKind: 'paper';
  retentionUntil: string;
  /** Zip paths of the electronic copies or data of the same document. */
  electronicCopies: string[];
  destroyedAt?: Date;
}

/** A document of the R16 list the archive lacks, with the reason. */
export interface ArchiveMissingRecord {
  document: string;
  title: string;
  retentionKind: RetentionKind;
  retentionUntil: string;
  reason: string;
}

/** A destruction ledger entry 销毁登记 (R16). */
export interface ArchiveDestructionRecord {
  at: Date;
  /** China date of the destruction. */
  destroyedOn: string;
  byUserId: Types.ObjectId;
  byName: string;
  retentionKind: RetentionKind;
  reason: string;
  /** Approval reference (e.g. the committee decision number). */
  approvalReference: string;
  /** Zip paths covered (electronic) — paper and video records are outside the platform. */
  paths: string[];
  auditSeq: number;
  auditHash: string;
}

/** Stored shape of an archive build. */
export interface ArchiveRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  batchCode: string;
  /** 1 for the first build of the batch, +1 for each rebuild. */
  version: number;
  status: 'current' | 'superseded';
  builtAt: Date;
  builtBy: Types.ObjectId;
  /** Retention counts from this day: the publication's last day, else the build day. */
  retentionBaseDate: string;
  retentionDates: Record<RetentionKind, string>;
  /** GridFS id of the zip; null once the electronic records were destroyed. */
  fileId: Types.ObjectId | null;
  fileName: string;
  zipSha256: string;
  zipBytes: number;
  files: ArchiveFileRecord[];
  paperRecords: ArchivePaperRecord[];
  missing: ArchiveMissingRecord[];
  /** The audit chain check made while building (R10, R17). */
  auditCheck: { isIntact: boolean; checkedCount: number; lastSeq: number; lastHash: string | null; excerptCount: number; isExcerptConsistent: boolean };
  destructions: ArchiveDestructionRecord[];
  createdAt: Date;
  updatedAt: Date;
}

const archiveSchema = new Schema<ArchiveRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    batchCode: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    status: { type: String, enum: ['current', 'superseded'], required: true },
    builtAt: { type: Date, required: true },
    builtBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    retentionBaseDate: { type: String, required: true },
    retentionDates: { type: Schema.Types.Mixed, required: true },
    fileId: { type: Schema.Types.ObjectId, default: null },
    fileName: { type: String, required: true },
    zipSha256: { type: String, required: true },
    zipBytes: { type: Number, required: true },
    files: { type: Schema.Types.Mixed, default: () => [] },
    paperRecords: { type: Schema.Types.Mixed, default: () => [] },
    missing: { type: Schema.Types.Mixed, default: () => [] },
    auditCheck: { type: Schema.Types.Mixed, required: true },
    destructions: { type: Schema.Types.Mixed, default: () => [] },
  },
  { timestamps: true, collection: 'archives' },
);

archiveSchema.index({ batchId: 1, version: 1 }, { unique: true });
archiveSchema.index({ organisationId: 1, batchId: 1, status: 1 });

/** Archive model (collection `archives`). */
export const ArchiveModel: Model<ArchiveRecord> =
  (mongoose.models.Archive as Model<ArchiveRecord> | undefined) ?? model<ArchiveRecord>('Archive', archiveSchema);

/** Name of the GridFS bucket holding archive zips. */
export const archiveBucketName = 'archive_zips';
