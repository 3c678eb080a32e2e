/**
 * Assigns a draft batch's staff: exam administrators 考务人员, assessors 考评员 and internal
 * quality supervisors 内部质量督导员 (R6).
 */
import { Types } from 'mongoose';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { presentBatch } from './batch.presenter';
import { assertRoomProctors, checkBatchStaff } from './batch-staff';
import { assertBatchStatus, loadBatch, updateDraftBatch } from './load-batch';
import type { BatchStaffRequest, BatchView } from './plans.contracts';

/**
 * Replaces the staff of a draft batch after the R6 checks and audits `batch.staff_assigned`.
 * @throws AppError `not_found`; `conflict` when the batch is not a draft; `validation_failed` for
 *   unknown users or users without the platform role; `role_conflict` when someone would hold two
 *   roles (message names the person and both roles) or a room's proctor is no longer an exam
 *   administrator; `assessor_not_qualified` when an assessor's grade does not cover a level.
 */
export async function assignBatchStaff(options: { batchId: string; request: BatchStaffRequest; actor: Actor }): Promise<BatchView> {
  const { actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['draft'], 'assigning staff');
  const unique = new Map(options.request.staff.map((entry) => [`${entry.userId}:${entry.role}`, entry]));
  const staff = [...unique.values()];
  const { summary, names } = await checkBatchStaff({ organisationId: actor.organisationId, staff, levels: batch.scopes.map((scope) => scope.level) });
  assertRoomProctors(batch.rooms, staff, names);
  const updated = await updateDraftBatch(
    batch,
    { $set: { staff: staff.map((entry) => ({ userId: new Types.ObjectId(entry.userId), role: entry.role })) } },
    'assigning staff',
  );
  await recordAudit({
    actor,
    action: 'batch.staff_assigned',
    target: { kind: 'batch', id: String(batch._id), label: batch.code },
    payload: {
      staff: staff.map((entry) => ({ userId: entry.userId, name: names.get(entry.userId) ?? null, role: entry.role })),
      warnings: summary.warnings,
    },
  });
  return presentBatch(updated, names);
}
