/**
 * The one error type of SkillCert (house rule 3). Use cases throw it; the HTTP error middleware and
 * socket acknowledgements turn it into `{ error: { code, message, details } }`.
 */

/** Stable error codes. Add a code here and a status in {@link httpStatusByCode}. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'duplicate',
  'rate_limited',
  'precondition_failed',
  'readiness_failed',
  'lead_time_violation',
  'role_conflict',
  'assessor_not_qualified',
  'calendar_out_of_range',
  'infeasible',
  'attempt_closed',
  'browser_unavailable',
  'database_unavailable',
  'configuration_invalid',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Code → HTTP status: the only such table in the project. */
export const httpStatusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  rate_limited: 429,
  precondition_failed: 412,
  readiness_failed: 422,
  lead_time_violation: 422,
  role_conflict: 422,
  assessor_not_qualified: 422,
  calendar_out_of_range: 422,
  infeasible: 422,
  attempt_closed: 409,
  browser_unavailable: 503,
  database_unavailable: 503,
  configuration_invalid: 500,
  internal: 500,
};

/** JSON body of every error answer (HTTP and socket acknowledgement). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * An expected failure with a stable code, a human message naming what is wrong and where, and
 * optional structured details (for example row errors or the list of readiness shortfalls).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return httpStatusByCode[this.code];
  }

  /** The JSON body; internals are never included for `internal`. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** MongoDB driver errors meaning "no server answers right now" (network, selection, closed topology). */
const unreachableDatabaseErrorNames = new Set([
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/**
 * Translates a MongoDB driver error into an AppError: duplicate key (11000) → `duplicate` naming the
 * fields, an unreachable database → `database_unavailable`. Anything else → null.
 */
export function translateDatabaseError(error: unknown): AppError | null {
  const candidate = error as { name?: string; code?: number; keyValue?: Record<string, unknown> } | null;
  if (!candidate || typeof candidate !== 'object') return null;
  if (candidate.code === 11000) {
    const fields = Object.keys(candidate.keyValue ?? {});
    return new AppError('duplicate', `${fields.join(', ') || 'record'}: already exists`, { fields });
  }
  if (candidate.name && unreachableDatabaseErrorNames.has(candidate.name)) {
    return new AppError('database_unavailable', 'The database is not reachable; try again shortly');
  }
  return null;
}

/**
 * Turns any thrown value into an error body (HTTP answers and socket acknowledgements): AppErrors as
 * they are, driver errors translated by {@link translateDatabaseError}, anything else a bare `internal`.
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  const translated = translateDatabaseError(error);
  if (translated) return translated.toBody();
  return { error: { code: 'internal', message: 'Internal error' } };
}
