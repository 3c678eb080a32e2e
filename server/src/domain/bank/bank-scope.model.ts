/**
 * Bank scope storage (R1, R18): one occupation (职业) + work type (工种) + level (等级) of one
 * organisation, with its blueprint (认定要素细目表) for theory and practical items.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';
import type { Blueprint, Level } from '@skillcert/bank-tools/types';

/** Stored shape of a bank scope. */
export interface BankScopeRecord {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  /** Occupation code such as `6-31-01-03`. */
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: Level;
  /** Theory blueprint: knowledge tree with weights plus the paper structure per item type. */
  blueprint?: Blueprint;
  /** Practical blueprint: competency tree with weights; structure unused. */
  practicalBlueprint?: Blueprint;
  /** Practical paper shape: tasks per paper. */
  practicalTasksPerPaper: number;
  createdAt: Date;
  updatedAt: Date;
}

const bankScopeSchema = new Schema<BankScopeRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    occupationCode: { type: String, required: true, trim: true, match: /^\d-\d{2}-\d{2}-\d{2}$/ },
    occupationName: { type: String, required: true, trim: true },
    workType: { type: String, required: true, trim: true },
    level: { type: Number, required: true, enum: [1, 2, 3, 4, 5] },
    blueprint: { type: Schema.Types.Mixed },
    practicalBlueprint: { type: Schema.Types.Mixed },
    practicalTasksPerPaper: { type: Number, default: 2, min: 1 },
  },
  { timestamps: true, collection: 'bank_scopes' },
);

bankScopeSchema.index({ organisationId: 1, occupationCode: 1, workType: 1, level: 1 }, { unique: true });

/** Bank scope model (collection `bank_scopes`). */
export const BankScopeModel: Model<BankScopeRecord> =
  (mongoose.models.BankScope as Model<BankScopeRecord> | undefined) ?? model<BankScopeRecord>('BankScope', bankScopeSchema);
