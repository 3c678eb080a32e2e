import { BankImportError } from './bank-import-error';
import type { ImportReport, RowError } from './import-report';

/** One line per rejected row: `Sheet1!12 F (题目答案): answer is missing`. */
export function formatRowError(error: RowError): string {
  const more = error.problems.length > 1 ? `; ${error.problems.slice(1).map((problem) => `${problem.column}: ${problem.reason}`).join('; ')}` : '';
  return `${error.sheet}!${error.row} ${error.column}: ${error.reason}${more}`;
}

/**
 * All-or-nothing gate for callers that refuse partial imports (R17: every change to the bank is
 * deliberate): passes a report without rejected rows, otherwise throws.
 * @throws BankImportError `ROWS_REJECTED` whose message lists every rejected row and whose
 *   `details.rejected` holds the row errors
 */
export function assertImportable(report: ImportReport): void {
  if (report.rejected.length === 0) return;
  const lines = report.rejected.map(formatRowError);
  throw new BankImportError(
    'ROWS_REJECTED',
    `${report.file}: ${report.rejected.length} of ${report.dataRows} rows rejected:\n${lines.join('\n')}`,
    { rejected: report.rejected },
  );
}
