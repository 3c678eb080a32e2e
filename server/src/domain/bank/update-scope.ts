/**
 * Changes a scope's occupation name or practical paper shape (audited, R17).
 */
import type { Actor } from '../identity/actor';
import { recordAudit } from '../audit/record-audit';
import type { UpdateScopeRequest } from './bank-contracts';
import { BankScopeModel, type BankScopeRecord } from './bank-scope.model';
import { presentScope, type BankScopeView } from './bank-scope.presenter';
import { describeScope, requireScope } from './require-scope';

/**
 * Applies the given fields and audits `bank_scope.updated` with before/after values.
 * @throws AppError `not_found` for an unknown scope.
 */
export async function updateScope(options: { scopeId: string; request: UpdateScopeRequest; actor: Actor }): Promise<BankScopeView> {
  const { scopeId, request, actor } = options;
  const before = await requireScope(actor.organisationId, scopeId);
  const updated = await BankScopeModel.findOneAndUpdate({ _id: scopeId, organisationId: actor.organisationId }, { $set: request }, { returnDocument: 'after' }).lean<BankScopeRecord>();
  const scope = updated ?? before;
  await recordAudit({
    actor,
    action: 'bank_scope.updated',
    target: { kind: 'bank_scope', id: scopeId, label: describeScope(scope) },
    payload: {
      changes: Object.keys(request).map((field) => ({
        field,
        from: (before as unknown as Record<string, unknown>)[field] ?? null,
        to: (request as Record<string, unknown>)[field],
      })),
    },
  });
  return presentScope(scope, { withBlueprint: true });
}
