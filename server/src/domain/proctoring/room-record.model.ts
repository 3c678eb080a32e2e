/**
 * Room records 考场记录表 (R10, R16 archive): one per theory session and room, generated from the
 * stored events (attendance, incidents, actions, staff on duty, outcomes) as JSON plus a PDF in the
 * GridFS bucket `room_record_pdfs`. The collection is `room_records` with `batchId` as an ObjectId,
 * which the batch archive reads. Regenerating replaces the record (version + 1) and its PDF.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { RoomRecordDocument } from './proctoring.contracts';

/** Stored shape of a room record. */
export interface RoomRecordRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  sessionId: Types.ObjectId;
  roomId: Types.ObjectId;
  roomName: string;
  version: number;
  generatedAt: Date;
  generatedBy: Types.ObjectId;
  generatedByName: string;
  /** The record as JSON (see `RoomRecordDocument`). */
  record: RoomRecordDocument;
  /** GridFS file of the PDF in bucket `room_record_pdfs`. */
  pdfFileId: Types.ObjectId;
  pdfFileName: string;
  pdfSha256: string;
  pdfByteLength: number;
  /** R16: an electronic record, kept >= 5 years. */
  retentionKind: 'electronic';
  createdAt: Date;
  updatedAt: Date;
}

const roomRecordSchema = new Schema<RoomRecordRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    sessionId: { type: Schema.Types.ObjectId, required: true },
    roomId: { type: Schema.Types.ObjectId, required: true },
    roomName: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    generatedAt: { type: Date, required: true },
    generatedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    generatedByName: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
    pdfFileId: { type: Schema.Types.ObjectId, required: true },
    pdfFileName: { type: String, required: true },
    pdfSha256: { type: String, required: true },
    pdfByteLength: { type: Number, required: true },
    retentionKind: { type: String, enum: ['electronic'], required: true, default: 'electronic' },
  },
  { timestamps: true, collection: 'room_records', minimize: false },
);

roomRecordSchema.index({ sessionId: 1, roomId: 1 }, { unique: true });
roomRecordSchema.index({ batchId: 1 });

/** Room record model (collection `room_records`). */
export const RoomRecordModel: Model<RoomRecordRecord> =
  (mongoose.models.RoomRecord as Model<RoomRecordRecord> | undefined) ?? model<RoomRecordRecord>('RoomRecord', roomRecordSchema);
