/**
 * Edits a draft batch: code, name, mode and scopes with their weights (R4, R19).
 */
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import { BatchModel } from './batch.model';
import { presentBatch } from './batch.presenter';
import { resolveBatchScopes } from './batch-scopes';
import { checkBatchStaff } from './batch-staff';
import { assertBatchStatus, loadBatch, updateDraftBatch } from './load-batch';
import { loadPlanOrganisation } from './load-plan-settings';
import type { BatchView, UpdateBatchRequest } from './plans.contracts';

/**
 * Changes the given fields of a draft batch and audits `batch.updated`. Scopes, when given, replace
 * the list (weights re-checked, R4); a mode change re-checks every scope's weights (R19).
 * @throws AppError `not_found`; `conflict` when not a draft; `duplicate` for a code in use;
 *   `validation_failed` for bad scopes or weights, or a removed scope that still has sessions;
 *   `assessor_not_qualified` when an assigned assessor's grade does not cover a new level (R6).
 */
export async function updateBatch(options: { batchId: string; request: UpdateBatchRequest; actor: Actor }): Promise<BatchView> {
  const { request, actor } = options;
  const batch = await loadBatch(actor.organisationId, options.batchId);
  assertBatchStatus(batch, ['draft'], 'editing the batch');
  const set: Record<string, unknown> = {};
  if (request.name !== undefined) set.name = request.name;
  if (request.code !== undefined && request.code !== batch.code) {
    if (await BatchModel.exists({ organisationId: batch.organisationId, code: request.code, _id: { $ne: batch._id } })) {
      throw new AppError('duplicate', `code: a batch with code "${request.code}" already exists`, { field: 'code' });
    }
    set.code = request.code;
  }
  const mode = request.mode ?? batch.mode;
  if (request.mode !== undefined) set.mode = mode;
  if (request.scopes !== undefined || request.mode !== undefined) {
    const organisation = await loadPlanOrganisation(actor.organisationId);
    const inputs =
      request.scopes ??
      batch.scopes.map((scope) => ({
        scopeId: String(scope.scopeId),
        weights: { theory: scope.weights.theory, practical: scope.weights.practical, ...(scope.weights.review ? { review: scope.weights.review } : {}) },
      }));
    const scopes = await resolveBatchScopes({
      organisationId: actor.organisationId,
      inputs,
      mode,
      minimumPracticalWeight: organisation.jurisdiction.minimumPracticalWeight,
    });
    const kept = new Set(scopes.map((scope) => String(scope.scopeId)));
    const orphan = batch.sessions.find((session) => !kept.has(String(session.scopeId)));
    if (orphan) {
      throw new AppError(
        'validation_failed',
        `scopes: scope ${String(orphan.scopeId)} still has sessions (${orphan.kind} on ${new Date(orphan.startsAt).toISOString()}); remove them first`,
        { field: 'scopes' },
      );
    }
    await checkBatchStaff({
      organisationId: actor.organisationId,
      staff: batch.staff.map((entry) => ({ userId: String(entry.userId), role: entry.role })),
      levels: scopes.map((scope) => scope.level),
    });
    set.scopes = scopes;
  }
  const updated = Object.keys(set).length === 0 ? batch : await updateDraftBatch(batch, { $set: set }, 'editing the batch');
  await recordAudit({
    actor,
    action: 'batch.updated',
    target: { kind: 'batch', id: String(batch._id), label: updated.code },
    payload: { changes: Object.keys(set), ...request },
  });
  return presentBatch(updated);
}
