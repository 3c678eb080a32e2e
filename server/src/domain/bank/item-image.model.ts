/**
 * Pictures of items (R17: part of the confidential bank), stored once per organisation under a
 * content id `<first 32 hex of sha256>.<extension>` that `TheoryItem.images` refers to.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** Stored shape of an item picture. */
export interface ItemImageRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  imageId: string;
  contentType: string;
  data: Buffer;
  createdAt: Date;
}

const itemImageSchema = new Schema<ItemImageRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    imageId: { type: String, required: true },
    contentType: { type: String, required: true },
    data: { type: Buffer, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'item_images' },
);

itemImageSchema.index({ organisationId: 1, imageId: 1 }, { unique: true });

/** Item picture model (collection `item_images`). */
export const ItemImageModel: Model<ItemImageRecord> =
  (mongoose.models.ItemImage as Model<ItemImageRecord> | undefined) ?? model<ItemImageRecord>('ItemImage', itemImageSchema);
