/**
 * R20 feedback: submitting a rating 1..5 with an optional comment about a batch, and reading the
 * batch's feedback. Who gives which kind:
 * - participant: a candidate registered in the batch (the default for candidates);
 * - staff: any staff role (the default for staff);
 * - department: admin or hr on behalf of a named department (用人部门 / 主管部门).
 * One entry per respondent, kind and department; submitting again replaces it. Listings never name
 * the respondent.
 */
import { Types } from 'mongoose';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { hasAnyRole, type Actor } from '../identity/actor';
import { BatchModel } from '../plans/batch.model';
import { loadBatch } from '../plans/load-batch';
import { RegistrationModel } from '../plans/registration.model';
import { FeedbackModel, type FeedbackRecord } from './feedback.model';
import type { FeedbackKind, SubmitFeedbackRequest } from './reports.contracts';

/** Plain JSON of one feedback entry (anonymous). */
export interface FeedbackView {
  id: string;
  batchId: string;
  kind: FeedbackKind;
  department: string | null;
  rating: number;
  comment: string | null;
  submittedAt: string;
}

/** POST /api/reports/batches/:batchId/feedback: the stored entry and whether it replaced one. */
export type SubmittedFeedbackView = FeedbackView & { isReplacement: boolean };

/** Roles that may speak for a department. */
export const departmentFeedbackRoles = ['admin', 'hr'] as const;

function presentFeedback(record: FeedbackRecord): FeedbackView {
  return {
    id: String(record._id),
    batchId: String(record.batchId),
    kind: record.kind,
    department: record.department || null,
    rating: record.rating,
    comment: record.comment ?? null,
    submittedAt: new Date(record.updatedAt ?? record.createdAt).toISOString(),
  };
}

function isCandidateOnly(actor: Actor): boolean {
  return actor.roles.every((role) => role === 'candidate');
}

/**
 * Stores (or replaces) the actor's feedback on the batch and audits `feedback.submitted`.
 * @returns the stored entry and whether an earlier one was replaced
 * @throws AppError `not_found` (batch); `forbidden` when a candidate is not registered in the batch,
 *   a candidate asks for another kind than participant, staff ask for participant, or someone other
 *   than admin/hr gives department feedback; `validation_failed` (field `body.department`) when
 *   department feedback names no department or another kind names one
 */
export async function submitFeedback(options: { actor: Actor; batchId: string; request: SubmitFeedbackRequest }): Promise<FeedbackView & { isReplacement: boolean }> {
  const { actor, request } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  const isCandidate = isCandidateOnly(actor);
  const kind: FeedbackKind = request.kind ?? (isCandidate ? 'participant' : 'staff');
  if (isCandidate) {
    if (kind !== 'participant') throw new AppError('forbidden', `A candidate gives participant feedback, not ${kind} feedback (R20)`);
    const isRegistered = await RegistrationModel.exists({ batchId: batch._id, candidateId: new Types.ObjectId(actor.userId) });
    if (!isRegistered) throw new AppError('forbidden', `You are not registered in batch ${batch.code}; only its participants give participant feedback (R20)`);
  } else if (kind === 'participant') {
    throw new AppError('forbidden', 'Participant feedback comes from candidates; staff give staff or department feedback (R20)');
  } else if (kind === 'department' && !hasAnyRole(actor, departmentFeedbackRoles)) {
    throw new AppError('forbidden', `Department feedback is entered by ${departmentFeedbackRoles.join(' or ')} (R20)`);
  }
  if (kind === 'department' && !request.department) {
    throw new AppError('validation_failed', 'body.department: is required for department feedback', { issues: [{ field: 'body.department', message: 'is required' }] });
  }
  if (kind !== 'department' && request.department) {
    throw new AppError('validation_failed', `body.department: only department feedback names a department, this is ${kind} feedback`, {
      issues: [{ field: 'body.department', message: 'only for department feedback' }],
    });
  }
  const department = kind === 'department' ? request.department! : '';
  const filter = { batchId: batch._id, respondentId: new Types.ObjectId(actor.userId), kind, department };
  const existing = await FeedbackModel.exists(filter);
  const stored = await FeedbackModel.findOneAndUpdate(
    filter,
    {
      $set: {
        organisationId: batch.organisationId,
        respondentRoles: [...actor.roles],
        rating: request.rating,
        ...(request.comment ? { comment: request.comment } : {}),
      },
      ...(request.comment ? {} : { $unset: { comment: 1 } }),
    },
    { upsert: true, returnDocument: 'after' },
  ).lean<FeedbackRecord>();
  await recordAudit({
    actor,
    action: 'feedback.submitted',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: { kind, department: department || null, rating: request.rating, hasComment: Boolean(request.comment), isReplacement: Boolean(existing) },
  });
  return { ...presentFeedback(stored!), isReplacement: Boolean(existing) };
}

/**
 * The batch's feedback, newest first, without respondents.
 * @param options.kind only this kind
 * @throws AppError `not_found` (batch)
 */
export async function listFeedback(options: { actor: Actor; batchId: string; kind?: FeedbackKind }): Promise<FeedbackView[]> {
  const batch = await loadBatch(options.actor.organisationId, options.batchId);
  const entries = await FeedbackModel.find({ batchId: batch._id, ...(options.kind ? { kind: options.kind } : {}) }).lean<FeedbackRecord[]>();
  return entries
    .sort((a, b) => new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime() || String(b._id).localeCompare(String(a._id)))
    .map(presentFeedback);
}

/** A batch the actor may give feedback on, with the kinds allowed and what they gave so far. */
export interface FeedbackTargetView {
  batchId: string;
  batchCode: string;
  batchName: string;
  status: string;
  kinds: FeedbackKind[];
  given: FeedbackView[];
}

/** Most batches offered to staff. */
export const feedbackTargetLimit = 30;

/**
 * Batches the actor may give feedback on: a candidate's own batches (participant), otherwise the
 * organisation's latest batches past the draft stage (staff; department for admin and hr), newest
 * first, each with the actor's feedback already given.
 */
export async function listMyFeedbackTargets(options: { actor: Actor }): Promise<FeedbackTargetView[]> {
  const { actor } = options;
  const organisationId = new Types.ObjectId(actor.organisationId);
  const isCandidate = isCandidateOnly(actor);
  let batchIds: Types.ObjectId[] | null = null;
  if (isCandidate) {
    const registrations = await RegistrationModel.find({ organisationId, candidateId: new Types.ObjectId(actor.userId) }, { batchId: 1 }).lean();
    batchIds = registrations.map((registration) => registration.batchId);
  }
  const batches = await BatchModel.find(
    { organisationId, status: { $ne: 'draft' }, ...(batchIds ? { _id: { $in: batchIds } } : {}) },
    { code: 1, name: 1, status: 1, createdAt: 1 },
  ).lean();
  const latest = batches.sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime()).slice(0, feedbackTargetLimit);
  const given = await FeedbackModel.find({ respondentId: new Types.ObjectId(actor.userId), batchId: { $in: latest.map((batch) => batch._id) } }).lean<FeedbackRecord[]>();
  const kinds: FeedbackKind[] = isCandidate ? ['participant'] : hasAnyRole(actor, departmentFeedbackRoles) ? ['staff', 'department'] : ['staff'];
  return latest.map((batch) => ({
    batchId: String(batch._id),
    batchCode: batch.code,
    batchName: batch.name,
    status: batch.status,
    kinds,
    given: given.filter((entry) => String(entry.batchId) === String(batch._id)).map(presentFeedback),
  }));
}
