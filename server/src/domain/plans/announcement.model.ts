/**
 * Announcement 评价公告 storage (R8, R16): the planner's fields while a draft; on publication the
 * full page (derived from the batch plus those fields), its HTML and the sha256 of its canonical
 * JSON are frozen and never change again (the batch archive keeps them).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { AnnouncementFields, AnnouncementPage } from './plans.contracts';

/** The frozen published version. */
export interface PublishedAnnouncement {
  page: AnnouncementPage;
  /** The HTML document the PDF is rendered from. */
  html: string;
  /** sha256 (hex) of the canonical JSON of `page`. */
  contentHash: string;
  publishedAt: Date;
  publishedBy: Types.ObjectId;
}

/** Stored shape of an announcement (one per batch). */
export interface AnnouncementRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  batchId: Types.ObjectId;
  status: 'draft' | 'published';
  fields: AnnouncementFields;
  published?: PublishedAnnouncement;
  createdBy: Types.ObjectId;
  updatedBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const announcementSchema = new Schema<AnnouncementRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    batchId: { type: Schema.Types.ObjectId, ref: 'Batch', required: true },
    status: { type: String, enum: ['draft', 'published'], required: true, default: 'draft' },
    fields: { type: Schema.Types.Mixed, required: true },
    published: {
      type: new Schema<PublishedAnnouncement>(
        {
          page: { type: Schema.Types.Mixed, required: true },
          html: { type: String, required: true },
          contentHash: { type: String, required: true },
          publishedAt: { type: Date, required: true },
          publishedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
        },
        { _id: false },
      ),
    },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true, collection: 'announcements', minimize: false },
);

announcementSchema.index({ batchId: 1 }, { unique: true });
announcementSchema.index({ organisationId: 1, status: 1 });

/** Announcement model (collection `announcements`). */
export const AnnouncementModel: Model<AnnouncementRecord> =
  (mongoose.models.Announcement as Model<AnnouncementRecord> | undefined) ??
  model<AnnouncementRecord>('Announcement', announcementSchema);
