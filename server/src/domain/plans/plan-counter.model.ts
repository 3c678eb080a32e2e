/**
 * Named counters of the plans context (admission ticket prefixes per year, ticket sequences per
 * batch), advanced atomically with `$inc` so concurrent issues never hand out the same number.
 */
import mongoose, { Schema, model, type ClientSession, type Model } from 'mongoose';

/** Stored shape of a counter: `_id` is its name, e.g. `ticket-prefix:2026`. */
export interface PlanCounterRecord {
  _id: string;
  value: number;
}

const planCounterSchema = new Schema<PlanCounterRecord>(
  { _id: { type: String, required: true }, value: { type: Number, required: true, default: 0 } },
  { collection: 'plan_counters', versionKey: false },
);

/** Plan counter model (collection `plan_counters`). */
export const PlanCounterModel: Model<PlanCounterRecord> =
  (mongoose.models.PlanCounter as Model<PlanCounterRecord> | undefined) ?? model<PlanCounterRecord>('PlanCounter', planCounterSchema);

/**
 * Reserves `count` consecutive values of counter `name` (created at 0) and returns the first one
 * (so values `first … first + count - 1` are the caller's).
 */
export async function reserveCounterValues(name: string, count: number, session?: ClientSession): Promise<number> {
  const updated = await PlanCounterModel.findOneAndUpdate(
    { _id: name },
    { $inc: { value: count } },
    { upsert: true, returnDocument: 'after', session: session ?? null },
  ).lean();
  return (updated?.value ?? count) - count + 1;
}
