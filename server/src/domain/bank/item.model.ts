/**
 * Item storage (R1, R17): theory items 试题 (single, multiple, judge) and practical items of a bank
 * scope. The `current` content is the latest version; every edit appends an ItemVersion and papers
 * pin (itemId, version). Answer keys live in `current.answer` and in versions: never send them to
 * candidates (presenters strip them).
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { PracticalItem, TheoryItem } from '@skillcert/bank-tools/types';

/** Review workflow: draft → in_review → approved → retired (a reviewer cannot approve their own item). */
export const itemStatuses = ['draft', 'in_review', 'approved', 'retired'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Content of one version: a theory or a practical item (bank-tools shapes). */
export type ItemContent = TheoryItem | PracticalItem;

/** Stored shape of an item. */
export interface ItemRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  scopeId: Types.ObjectId;
  kind: 'theory' | 'practical';
  /** Theory item type; absent for practical items. */
  type?: 'single' | 'multiple' | 'judge';
  status: ItemStatus;
  /** Version number of `current` (1-based). */
  version: number;
  current: ItemContent;
  /** Knowledge point 鉴定点 code, copied from `current` for indexing. */
  knowledgePoint?: string;
  /** Measured difficulty P (proportion correct, 0..1) after use in a batch. */
  measuredDifficulty?: number;
  /** Near-duplicate cluster id (items sharing it count as the same item, R2). */
  clusterId?: string;
  /** Items an editor marked as distinct from this one (excluded from duplicate reports). */
  distinctFrom: Types.ObjectId[];
  authorId: Types.ObjectId;
  reviewerId?: Types.ObjectId;
  reviewNote?: string;
  /** Review queue evidence from item analysis (issue 12), when flagged. */
  reviewFlags?: { reason: string; evidence: unknown; batchId?: Types.ObjectId; at: Date }[];
  /** Who wrote the current version (the reviewer must differ from the author and from this editor). */
  lastEditedBy?: Types.ObjectId;
  /** Why the item was retired (required when retiring). */
  retiredReason?: string;
  /** Set when the item was retired as a near duplicate of the item it was merged into. */
  mergedIntoId?: Types.ObjectId;
  /** Bank import that created the item, if any. */
  importId?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const itemSchema = new Schema<ItemRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    scopeId: { type: Schema.Types.ObjectId, ref: 'BankScope', required: true },
    kind: { type: String, enum: ['theory', 'practical'], required: true },
    type: { type: String, enum: ['single', 'multiple', 'judge'] },
    status: { type: String, enum: itemStatuses, required: true, default: 'draft' },
    version: { type: Number, required: true, min: 1, default: 1 },
    current: { type: Schema.Types.Mixed, required: true },
    knowledgePoint: { type: String },
    measuredDifficulty: { type: Number, min: 0, max: 1 },
    clusterId: { type: String },
    distinctFrom: { type: [Schema.Types.ObjectId], default: [] },
    authorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    reviewerId: { type: Schema.Types.ObjectId, ref: 'User' },
    reviewNote: { type: String },
    reviewFlags: { type: [Schema.Types.Mixed], default: undefined },
    lastEditedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    retiredReason: { type: String },
    mergedIntoId: { type: Schema.Types.ObjectId, ref: 'Item' },
    importId: { type: Schema.Types.ObjectId, ref: 'BankImport' },
  },
  { timestamps: true, collection: 'items' },
);

itemSchema.index({ scopeId: 1, kind: 1, status: 1, type: 1 });
itemSchema.index({ scopeId: 1, knowledgePoint: 1 });
itemSchema.index({ organisationId: 1, status: 1 });

/** Item model (collection `items`). */
export const ItemModel: Model<ItemRecord> =
  (mongoose.models.Item as Model<ItemRecord> | undefined) ?? model<ItemRecord>('Item', itemSchema);
