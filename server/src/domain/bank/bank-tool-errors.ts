/**
 * Maps errors of bank-tools (which must not import the server) onto AppError codes.
 */
import { isBankImportError } from '@skillcert/bank-tools/importers/bank-import-error';
import { AppError } from '../../errors';

/**
 * Runs `work`; a `BankImportError` becomes AppError `validation_failed` (file problems: not xlsx,
 * no header, rejected rows, invalid JSON or blueprint) or `precondition_failed` (`NOT_EXPORTABLE`),
 * keeping its message (which names sheet, row and column) and details. Other errors pass through.
 */
export async function translateBankToolErrors<T>(work: () => T | Promise<T>, where = 'file'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isBankImportError(error)) {
      const code = error.code === 'NOT_EXPORTABLE' ? 'precondition_failed' : 'validation_failed';
      const details = error.details && typeof error.details === 'object' ? error.details : {};
      throw new AppError(code, `${where}: ${error.message}`, { reason: error.code, ...details });
    }
    throw error;
  }
}
