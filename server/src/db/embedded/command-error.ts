/**
 * MongoDB server errors as the embedded store reports them (`{ ok: 0, code, codeName, errmsg }`).
 */

/** Server error codes used by the embedded store, with mongod's code names. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  OperationNotSupported: 115,
  InvalidPipelineOperator: 168,
  CannotIndexParallelArrays: 171,
  NotImplemented: 238,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
  UnrecognizedPipelineStage: 40324,
  UnknownGroupOperator: 15952,
} as const;

const CODE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(ErrorCode).map(([name, code]) => [code, name]),
);
CODE_NAMES[40324] = 'Location40324';
CODE_NAMES[15952] = 'Location15952';

/** Code name for a server error code (`Location<code>` when mongod has none). */
export function codeNameOf(code: number): string {
  return CODE_NAMES[code] ?? `Location${code}`;
}

/**
 * A command failure with a MongoDB error code. `extra` is merged into the error reply
 * (e.g. keyPattern/keyValue for 11000) and `errorLabels` such as TransientTransactionError.
 */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly errorLabels: string[] = [],
  ) {
    super(message);
    this.name = 'CommandError';
  }

  /** The error as the fields of a write error or command reply. */
  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: codeNameOf(this.code),
      ...this.extra,
    };
    if (this.errorLabels.length > 0) reply.errorLabels = this.errorLabels;
    return reply;
  }
}

/** Shorthand for `new CommandError(...)`. */
export function commandError(code: number, message: string, extra?: Record<string, unknown>): CommandError {
  return new CommandError(code, message, extra);
}
