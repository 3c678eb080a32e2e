/**
 * Reads batches of the actor's organisation for the wizard and the supervisors.
 */
import { Types } from 'mongoose';
import { UserModel } from '../identity/user.model';
import { BatchModel } from './batch.model';
import { presentBatch } from './batch.presenter';
import { loadBatch } from './load-batch';
import type { BatchView } from './plans.contracts';

async function loadStaffNames(userIds: readonly Types.ObjectId[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const users = await UserModel.find({ _id: { $in: userIds } }, { name: 1 }).lean();
  return new Map(users.map((user) => [String(user._id), user.name]));
}

/**
 * One batch with staff names and warnings (R4, R6, R21).
 * @throws AppError `not_found` when it is not a batch of the organisation.
 */
export async function getBatch(options: { organisationId: string; batchId: string }): Promise<BatchView> {
  const batch = await loadBatch(options.organisationId, options.batchId);
  return presentBatch(batch, await loadStaffNames(batch.staff.map((entry) => entry.userId)));
}

/** Batches of the organisation, newest first, optionally of one status. */
export async function listBatches(options: {
  organisationId: string;
  status?: string;
  limit: number;
  offset: number;
}): Promise<{ batches: BatchView[]; total: number }> {
  const filter: Record<string, unknown> = { organisationId: new Types.ObjectId(options.organisationId) };
  if (options.status) filter.status = options.status;
  const [batches, total] = await Promise.all([
    BatchModel.find(filter).sort({ createdAt: -1, _id: -1 }).skip(options.offset).limit(options.limit).lean(),
    BatchModel.countDocuments(filter),
  ]);
  const names = await loadStaffNames([...new Set(batches.flatMap((batch) => batch.staff.map((entry) => String(entry.userId))))].map((id) => new Types.ObjectId(id)));
  return { batches: batches.map((batch) => presentBatch(batch, names)), total };
}
