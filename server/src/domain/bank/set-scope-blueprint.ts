/**
 * Sets a scope's blueprint 认定要素细目表 from a JSON body or an uploaded xlsx / JSON file, validated
 * (weights of siblings sum to 1, unique codes, a paper structure), audited (R2, R17).
 */
import { importBlueprintXlsx, parseBlueprintJson } from '@skillcert/bank-tools/blueprint/blueprint-io';
import { assertValidBlueprint } from '@skillcert/bank-tools/blueprint/validate-blueprint';
import type { Blueprint } from '@skillcert/bank-tools/types';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../identity/actor';
import { BankScopeModel } from './bank-scope.model';
import { translateBankToolErrors } from './bank-tool-errors';
import { describeScope, requireScope } from './require-scope';

/** Where a blueprint came from. */
export type BlueprintSource = { kind: 'json' } | { kind: 'file'; fileName: string; bytes: Buffer };

function looksLikeJson(bytes: Buffer): boolean {
  const text = bytes.subarray(0, 64).toString('utf8').trimStart();
  return text.startsWith('{') || text.startsWith('[');
}

/**
 * Reads a blueprint file: JSON (`skillcert.blueprint` document or bare `{ nodes, structure }`) or
 * xlsx (`细目表` + `试卷结构` sheets), validated.
 * @throws AppError `validation_failed` naming sheet/row/path of each problem.
 */
export async function readBlueprintFile(fileName: string, bytes: Buffer): Promise<Blueprint> {
  return translateBankToolErrors(
    () => (looksLikeJson(bytes) ? parseBlueprintJson(bytes.toString('utf8')) : importBlueprintXlsx(bytes)),
    fileName,
  );
}

/**
 * Validates and stores `blueprint` on the scope, replacing the previous one, and audits
 * `bank_scope.blueprint_set` with the new blueprint and its source.
 * @throws AppError `not_found` (scope), `validation_failed` with `details.issues` (path, message).
 */
export async function setScopeBlueprint(options: {
  scopeId: string;
  blueprint: Blueprint;
  source: string;
  actor: Actor;
}): Promise<{ blueprint: Blueprint }> {
  const { scopeId, blueprint, actor } = options;
  const scope = await requireScope(actor.organisationId, scopeId);
  await translateBankToolErrors(() => assertValidBlueprint(blueprint), 'blueprint');
  await BankScopeModel.updateOne({ _id: scopeId, organisationId: actor.organisationId }, { $set: { blueprint } });
  await recordAudit({
    actor,
    action: 'bank_scope.blueprint_set',
    target: { kind: 'bank_scope', id: scopeId, label: describeScope(scope) },
    payload: { source: options.source, blueprint },
  });
  return { blueprint };
}
