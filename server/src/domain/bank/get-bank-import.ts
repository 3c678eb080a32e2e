/**
 * A bank import report again (e.g. after a page reload during review of a dry run).
 */
import { AppError } from '../../errors';
import type { Actor } from '../identity/actor';
import { BankImportModel, type BankImportRecord } from './bank-import.model';
import { presentBankImport, type BankImportView } from './bank-import.presenter';

/**
 * The import `importId` of `scopeId`.
 * @throws AppError `not_found` for an unknown import.
 */
export async function getBankImport(options: { scopeId: string; importId: string; actor: Actor }): Promise<BankImportView> {
  const record = await BankImportModel.findOne(
    { _id: options.importId, scopeId: options.scopeId, organisationId: options.actor.organisationId },
    { items: 0, 'images.data': 0 },
  ).lean<BankImportRecord>();
  if (!record) throw new AppError('not_found', `importId: import ${options.importId} of scope ${options.scopeId} does not exist`);
  return presentBankImport(record);
}
