/**
 * The readiness gate other contexts call (plans: when a batch is scheduled) — R1, R2.
 */
import { AppError } from '../../errors';
import { BankScopeModel } from './bank-scope.model';
import { getScopeReadiness, type ScopeReadiness } from './get-scope-readiness';

/**
 * Passes when the scope meets R1 (bank and paper-library sizes) and R2 (coverage); otherwise throws.
 * @param scopeId the bank scope (occupation + work type + level)
 * @param options.organisationId restricts the lookup to one organisation (default: the scope's own)
 * @returns the readiness (isReady true)
 * @throws AppError `not_found` for an unknown scope; `readiness_failed` (422) whose message lists
 *   every shortfall (e.g. `296 of 500 theory items; 0 of 5 theory papers`) and whose details hold
 *   `{ scopeId, shortfalls }`.
 */
export async function assertScopeReady(scopeId: string, options: { organisationId?: string } = {}): Promise<ScopeReadiness> {
  let organisationId = options.organisationId;
  if (!organisationId) {
    const scope = await BankScopeModel.findById(scopeId, { organisationId: 1 }).lean();
    if (!scope) throw new AppError('not_found', `scopeId: bank scope ${scopeId} does not exist`);
    organisationId = String(scope.organisationId);
  }
  const readiness = await getScopeReadiness({ scopeId, organisationId });
  if (!readiness.isReady) {
    throw new AppError(
      'readiness_failed',
      `bank scope ${readiness.scope} is not ready: ${readiness.shortfalls.map((shortfall) => shortfall.message).join('; ')}`,
      { scopeId, shortfalls: readiness.shortfalls },
    );
  }
  return readiness;
}
