/**
 * Creates a bank scope: occupation + work type + level of the actor's organisation (R1, R18).
 */
import type { Level } from '@skillcert/bank-tools/types';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import type { CreateScopeRequest } from './bank-contracts';
import { BankScopeModel, type BankScopeRecord } from './bank-scope.model';
import { emptyItemCounts, presentScope, type BankScopeView } from './bank-scope.presenter';
import { describeScope } from './require-scope';

/**
 * Creates the scope and audits `bank_scope.created` (R17).
 * @throws AppError `duplicate` when the organisation already has a scope with the same occupation
 *   code, work type and level.
 */
export async function createScope(options: { request: CreateScopeRequest; actor: Actor }): Promise<BankScopeView> {
  const { request, actor } = options;
  const key = { organisationId: actor.organisationId, occupationCode: request.occupationCode, workType: request.workType, level: request.level as Level };
  if (await BankScopeModel.exists(key)) {
    throw new AppError('duplicate', `scope: ${request.occupationCode} ${request.workType} level ${request.level} already exists`, {
      fields: ['occupationCode', 'workType', 'level'],
    });
  }
  let scope: BankScopeRecord;
  try {
    scope = (await BankScopeModel.create({ ...key, occupationName: request.occupationName, practicalTasksPerPaper: request.practicalTasksPerPaper })).toObject();
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new AppError('duplicate', `scope: ${request.occupationCode} ${request.workType} level ${request.level} already exists`);
    }
    throw error;
  }
  await recordAudit({
    actor,
    action: 'bank_scope.created',
    target: { kind: 'bank_scope', id: String(scope._id), label: describeScope(scope) },
    payload: { ...request },
  });
  return presentScope(scope, { itemCounts: emptyItemCounts() });
}
