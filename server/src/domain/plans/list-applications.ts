/**
 * Reads applications with their eligibility verdicts (R9): a batch's for planners, a candidate's own.
 */
import { Types } from 'mongoose';
import type { Actor } from '../identity/actor';
import { UserModel } from '../identity/user.model';
import { ApplicationModel } from './application.model';
import { presentApplication } from './application.presenter';
import { loadBatch } from './load-batch';
import type { ApplicationStatus, ApplicationView } from './plans.contracts';

/**
 * Applications of a batch in roster/submission order, optionally of one status, with counts.
 * @throws AppError `not_found` when the batch is not the organisation's.
 */
export async function listApplications(options: {
  organisationId: string;
  batchId: string;
  status?: ApplicationStatus;
  limit: number;
  offset: number;
}): Promise<{ applications: ApplicationView[]; total: number; counts: Record<ApplicationStatus, number> }> {
  const batch = await loadBatch(options.organisationId, options.batchId);
  const filter: Record<string, unknown> = { batchId: batch._id };
  if (options.status) filter.status = options.status;
  const [applications, total, grouped] = await Promise.all([
    ApplicationModel.find(filter).sort({ createdAt: 1, rosterRow: 1, _id: 1 }).skip(options.offset).limit(options.limit).lean(),
    ApplicationModel.countDocuments(filter),
    ApplicationModel.aggregate<{ _id: ApplicationStatus; count: number }>([{ $match: { batchId: batch._id } }, { $group: { _id: '$status', count: { $sum: 1 } } }]),
  ]);
  const counts: Record<ApplicationStatus, number> = { eligible: 0, rejected: 0, admitted: 0 };
  for (const group of grouped) counts[group._id] = group.count;
  return { applications: applications.map(presentApplication), total, counts };
}

/** The signed-in candidate's own applications (by account or ID number), newest first. */
export async function listMyApplications(options: { actor: Actor }): Promise<{ applications: ApplicationView[] }> {
  const { actor } = options;
  const user = await UserModel.findById(actor.userId, { idNumber: 1 }).lean();
  const or: Record<string, unknown>[] = [{ candidateId: new Types.ObjectId(actor.userId) }];
  if (user?.idNumber) or.push({ idNumber: user.idNumber });
  const applications = await ApplicationModel.find({ organisationId: new Types.ObjectId(actor.organisationId), $or: or })
    .sort({ createdAt: -1 })
    .limit(200)
    .lean();
  return { applications: applications.map(presentApplication) };
}
