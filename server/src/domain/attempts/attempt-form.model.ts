/**
 * The displayed, key-free content snapshot of an attempt's form (R10 trace of what the candidate saw,
 * R17 no keys): stem, options in the candidate's order, type, points and number per slot. Written
 * once when the attempt is prepared; `_id` is the attempt's id. Kept apart from `attempts` so the
 * hot answer update rewrites a small document.
 */
import mongoose, { Schema, Types, model, type Model } from 'mongoose';

/** One displayed item. */
export interface AttemptFormItemRecord {
  slot: number;
  number: number;
  type: 'single' | 'multiple' | 'judge';
  points: number;
  stem: string;
  /** Option texts in displayed order. */
  options: string[];
  images?: string[];
}

/** Stored shape of a form snapshot. */
export interface AttemptFormRecord {
  /** The attempt's id. */
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  items: AttemptFormItemRecord[];
  createdAt: Date;
}

const attemptFormSchema = new Schema<AttemptFormRecord>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: 'Organisation', required: true },
    items: {
      type: [
        new Schema<AttemptFormItemRecord>(
          {
            slot: { type: Number, required: true, min: 1 },
            number: { type: Number, required: true, min: 1 },
            type: { type: String, enum: ['single', 'multiple', 'judge'], required: true },
            points: { type: Number, required: true, min: 0 },
            stem: { type: String, required: true },
            options: { type: [String], required: true },
            images: { type: [String], default: undefined },
          },
          { _id: false },
        ),
      ],
      required: true,
    },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'attempt_forms' },
);

/** Attempt form snapshot model (collection `attempt_forms`). */
export const AttemptFormModel: Model<AttemptFormRecord> =
  (mongoose.models.AttemptForm as Model<AttemptFormRecord> | undefined) ??
  model<AttemptFormRecord>('AttemptForm', attemptFormSchema);
