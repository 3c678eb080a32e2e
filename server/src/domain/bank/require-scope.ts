/**
 * Loads a scope of the actor's organisation or fails with `not_found` (other organisations' scopes
 * do not exist for the caller, R17).
 */
import type { ClientSession } from 'mongoose';
import { AppError } from '../../errors';
import { BankScopeModel, type BankScopeRecord } from './bank-scope.model';

/**
 * The scope `scopeId` of `organisationId`.
 * @throws AppError `not_found` naming the scope id.
 */
export async function requireScope(organisationId: string, scopeId: string, session?: ClientSession): Promise<BankScopeRecord> {
  const scope = await BankScopeModel.findOne({ _id: scopeId, organisationId })
    .session(session ?? null)
    .lean<BankScopeRecord>();
  if (!scope) throw new AppError('not_found', `scopeId: bank scope ${scopeId} does not exist`);
  return scope;
}

/** Short human label of a scope for audit entries: `6-31-01-03 电工 L4`. */
export function describeScope(scope: Pick<BankScopeRecord, 'occupationCode' | 'workType' | 'level'>): string {
  return `${scope.occupationCode} ${scope.workType} L${scope.level}`;
}
