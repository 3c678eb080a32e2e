/**
 * Item version storage (R17): immutable content of every version of an item, pinned by papers, so a
 * paper drawn last year still shows exactly what candidates saw.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { ItemContent } from './item.model';

/** Stored shape of one item version. */
export interface ItemVersionRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  itemId: Types.ObjectId;
  scopeId: Types.ObjectId;
  version: number;
  content: ItemContent;
  /** sha256 of the canonical content: part of the bank snapshot hash. */
  contentHash: string;
  createdBy: Types.ObjectId;
  createdAt: Date;
}

const itemVersionSchema = new Schema<ItemVersionRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    itemId: { type: Schema.Types.ObjectId, ref: 'Item', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    version: { type: Number, required: true, min: 1 },
    content: { type: Schema.Types.Mixed, required: true },
    contentHash: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'item_versions' },
);

itemVersionSchema.index({ itemId: 1, version: 1 }, { unique: true });
itemVersionSchema.index({ scopeId: 1 });

/** Item version model (collection `item_versions`). */
export const ItemVersionModel: Model<ItemVersionRecord> =
  (mongoose.models.ItemVersion as Model<ItemVersionRecord> | undefined) ??
  model<ItemVersionRecord>('ItemVersion', itemVersionSchema);
