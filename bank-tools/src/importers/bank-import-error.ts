/**
 * Errors thrown by bank-tools (importers, exporters, blueprint I/O). bank-tools must not import
 * from the server; the server's bank domain maps `code` onto its own `AppError` codes.
 */

/** Machine-readable reasons a whole file (not a single row) cannot be used. */
export type BankImportErrorCode =
  /** The file cannot be read (missing, unreadable, empty path). */
  | 'FILE_UNREADABLE'
  /** The bytes are not an xlsx workbook (not a zip, or a zip without a workbook). */
  | 'NOT_XLSX'
  /** The workbook unpacks to more than the accepted size (zip-bomb guard). */
  | 'FILE_TOO_LARGE'
  /** No worksheet has a header row with 试题类型, 题目内容 and 题目答案 (R1 template). */
  | 'NO_HEADER'
  /** The report holds rejected rows and the caller asked for all-or-nothing import. */
  | 'ROWS_REJECTED'
  /** A JSON document (bank or blueprint) does not have the expected shape. */
  | 'INVALID_JSON'
  /** A blueprint file (xlsx or JSON) has rows that cannot form a blueprint tree. */
  | 'INVALID_BLUEPRINT'
  /** An item cannot be written to the template (for example a cell over Excel's 32,767 characters). */
  | 'NOT_EXPORTABLE';

/**
 * Error of a bank file as a whole. `details` carries structured data (for example every rejected
 * row for `ROWS_REJECTED`) so callers can present it without parsing the message.
 */
export class BankImportError extends Error {
  readonly code: BankImportErrorCode;
  readonly details?: unknown;

  constructor(code: BankImportErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'BankImportError';
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is a {@link BankImportError} (also across module copies, by name and code). */
export function isBankImportError(error: unknown): error is BankImportError {
  return (
    error instanceof BankImportError ||
    (error instanceof Error && error.name === 'BankImportError' && typeof (error as { code?: unknown }).code === 'string')
  );
}
