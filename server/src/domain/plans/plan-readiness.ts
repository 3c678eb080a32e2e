/**
 * The bank readiness gate of a batch (R1): every scope must pass the bank's readiness check
 * before the batch is scheduled (its plan filed).
 */
import { AppError } from '../../errors';
import { assertScopeReady } from '../bank/assert-scope-ready';
import type { BatchRecord } from './batch.model';

/** One scope that failed the gate. */
export interface ScopeReadinessFailure {
  scopeId: string;
  label: string;
  message: string;
  details?: unknown;
}

/**
 * R1: runs the bank readiness check of every scope of `batch`.
 * @throws AppError `readiness_failed` naming every failing scope with the bank's message; details
 *   `{ ruleId: 'R1', scopes: ScopeReadinessFailure[] }` (each with the bank's shortfalls).
 */
export async function assertBatchScopesReady(batch: Pick<BatchRecord, 'code' | 'scopes' | 'organisationId'>): Promise<void> {
  const failures: ScopeReadinessFailure[] = [];
  for (const scope of batch.scopes) {
    const label = `${scope.occupationName} ${scope.workType} level ${scope.level}`;
    try {
      await assertScopeReady(String(scope.scopeId), { organisationId: String(batch.organisationId) });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'readiness_failed') throw error;
      failures.push({ scopeId: String(scope.scopeId), label, message: error.message, details: error.details });
    }
  }
  if (failures.length > 0) {
    throw new AppError(
      'readiness_failed',
      `R1: batch ${batch.code} cannot be scheduled: ${failures.map((failure) => `${failure.label}: ${failure.message}`).join('; ')}`,
      { ruleId: 'R1', scopes: failures },
    );
  }
}
