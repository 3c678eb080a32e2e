/**
 * Audit outbox of attempts (R10, R17: every mutating action is audited, the log is complete).
 * A submission and its audit entry cannot share one transaction without making concurrent
 * submits contend on the audit sequence, so the entry travels in the attempt document instead:
 * the submitting update also writes `pendingAudit`, the entry is then appended to the audit log
 * and `pendingAudit` removed. A process that dies in between leaves `pendingAudit` behind;
 * {@link reconcilePendingAttemptAudits} (run at start and by every deadline sweep) appends it,
 * once: an entry with the same action and attempt already in the log is not appended again.
 */
import type { Types } from 'mongoose';
import { AuditEntryModel } from '../audit/audit-entry.model';
import { recordAudit, type AuditActor } from '../audit/record-audit';
import { toCanonicalJson } from '../audit/canonical-json';
import type { SubmitResult } from '../../contracts/exam-room';
import { AttemptModel, type AttemptRecord, type PendingAttemptAudit } from './attempt.model';
import { presentSubmitResult, submitResultProjection } from './attempt.presenter';

/** Age after which a pending entry counts as left behind (the live path takes milliseconds). */
export const pendingAuditGraceMs = 30_000;
/** Entries reconciled per call at most (the next sweep continues). */
const reconcileBatchSize = 200;

/**
 * The outbox form of an audit entry about one attempt (R10, R17), stored in the attempt's
 * `pendingAudit` by the same update as the change it records.
 * @param options.target the attempt's audit target (`attemptAuditTarget`).
 * @param options.payload any JSON value; stored as canonical JSON text so the entry hashes the same
 *   when it is appended late.
 */
export function toPendingAudit(options: {
  action: string;
  at: Date;
  actor: AuditActor;
  organisationId: string;
  target: { kind: string; id: string; label: string };
  payload: unknown;
}): PendingAttemptAudit {
  return {
    action: options.action,
    at: options.at,
    actor: { userId: options.actor.userId, organisationId: options.actor.organisationId, name: options.actor.name, roles: [...options.actor.roles] },
    organisationId: options.organisationId,
    target: options.target,
    payloadJson: toCanonicalJson(options.payload ?? null),
  };
}

/**
 * The facts of `attempt.submitted` known once the attempt is submitted (R10): the deadline as an ISO
 * string (null when the attempt has none) and the answered, flagged and total item counts.
 */
export function submittedAuditFacts(
  attempt: Pick<AttemptRecord, 'deadlineAt'>,
  result: Pick<SubmitResult, 'answeredCount' | 'flaggedCount' | 'totalCount'>,
): Record<string, unknown> {
  return {
    deadlineAt: attempt.deadlineAt ? new Date(attempt.deadlineAt).toISOString() : null,
    answeredCount: result.answeredCount,
    flaggedCount: result.flaggedCount,
    totalCount: result.totalCount,
  };
}

/**
 * Appends the pending entry to the audit log unless the log already holds it, then removes it from
 * the attempt (only if it is still the same entry) (R10, R17).
 * Errors of the database or the audit log propagate; the entry then stays pending for the next
 * reconciliation.
 * @param options.extraPayload fields added to the stored payload (facts known after the write).
 * @param options.isLate true when reconciling: the payload then records `appendedLate: true`.
 * @returns true when this call appended the entry.
 */
export async function appendPendingAudit(
  attemptId: Types.ObjectId,
  pending: PendingAttemptAudit,
  options: { isLate?: boolean; extraPayload?: Record<string, unknown> } = {},
): Promise<boolean> {
  let isAppended = false;
  const isLogged = options.isLate ? await AuditEntryModel.exists({ 'target.kind': pending.target.kind, 'target.id': pending.target.id, action: pending.action }) : null;
  if (!isLogged) {
    const payload = JSON.parse(pending.payloadJson) as unknown;
    await recordAudit({
      actor: pending.actor,
      organisationId: pending.organisationId,
      action: pending.action,
      target: pending.target,
      payload:
        payload !== null && typeof payload === 'object' ? { ...payload, ...options.extraPayload, ...(options.isLate ? { appendedLate: true } : {}) } : payload,
    });
    isAppended = true;
  }
  await AttemptModel.updateOne({ _id: attemptId, 'pendingAudit.at': pending.at, 'pendingAudit.action': pending.action }, { $unset: { pendingAudit: 1 } });
  return isAppended;
}

/**
 * Appends the audit entries that attempts still carry after `pendingAuditGraceMs` (a process
 * died between the change and its audit entry; R10, R17). Safe to run from several processes: an
 * entry already in the log is not appended again. At most 200 entries per call; the next call
 * continues. Errors of the database propagate to the caller (the deadline sweep logs them).
 * @param options.now the reconciliation time (default now).
 * @param options.graceMs the age in ms an entry must have before it counts as left behind (default
 *   `pendingAuditGraceMs`).
 * @returns how many entries this call appended.
 */
export async function reconcilePendingAttemptAudits(options: { now?: Date; graceMs?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.graceMs ?? pendingAuditGraceMs));
  const left = await AttemptModel.find({ 'pendingAudit.at': { $lte: cutoff } }, { pendingAudit: 1 })
    .limit(reconcileBatchSize)
    .lean<Array<Pick<AttemptRecord, '_id' | 'pendingAudit'>>>();
  let appended = 0;
  for (const attempt of left) {
    if (!attempt.pendingAudit) continue;
    // Claim the entry for a minute so two processes reconciling at once do not both append it.
    const claim = await AttemptModel.updateOne(
      { _id: attempt._id, 'pendingAudit.at': attempt.pendingAudit.at, 'pendingAudit.claimedUntil': { $not: { $gt: now } } },
      { $set: { 'pendingAudit.claimedUntil': new Date(now.getTime() + 60_000) } },
    );
    if (claim.modifiedCount !== 1) continue;
    let extraPayload: Record<string, unknown> | undefined;
    if (attempt.pendingAudit.action === 'attempt.submitted') {
      const submitted = await AttemptModel.findById(attempt._id, submitResultProjection).lean<AttemptRecord>();
      if (submitted) extraPayload = submittedAuditFacts(submitted, presentSubmitResult(submitted));
    }
    if (await appendPendingAudit(attempt._id, { ...attempt.pendingAudit, at: new Date(attempt.pendingAudit.at) }, { isLate: true, extraPayload })) appended += 1;
  }
  return appended;
}
