/**
 * Reads the `details` of an API error (`{ error: { code, message, details } }`) into the parts the
 * screens show: field issues (validation), row errors (imports), R6 role conflicts and assessor
 * shortfalls, the R7 lead-time dates, R1 readiness shortfalls per scope, assembly infeasibility
 * and missing plan parts. Pure: no React, so it is unit-tested in Node.
 */

/** One field problem: `field` is dotted, e.g. `body.roles.0`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** One rejected row of an import: 1-based row, column (letter and header) and the reason. */
export interface RowErrorDetail {
  sheet?: string;
  row: number;
  column: string;
  reason: string;
}

/** R6: one person holding two roles in a batch. */
export interface RoleConflictDetail {
  personId: string;
  personName: string;
  roles: string[];
}

/** R6: an assessor whose grade does not cover a level. */
export interface AssessorShortfallDetail {
  personName: string;
  grade?: string;
  uncoveredLevels: number[];
}

/** R7: the dates of a lead-time violation. */
export interface LeadTimeDetail {
  filingDate: string;
  firstSessionDate: string;
  requiredWorkingDays: number;
  leadWorkingDays: number;
  earliestSessionDate: string;
  latestFilingDate: string;
}

/** R1/R2: one readiness shortfall. */
export interface ShortfallDetail {
  rule: string;
  code: string;
  message: string;
  required?: number;
  actual?: number;
}

/** R1: one scope that failed the readiness gate, with its shortfalls. */
export interface ScopeFailureDetail {
  label: string;
  message: string;
  shortfalls: ShortfallDetail[];
}

/** Everything the error view can show besides the message. */
export interface ErrorDetailParts {
  ruleId?: string;
  issues: FieldIssue[];
  rowErrors: RowErrorDetail[];
  conflicts: RoleConflictDetail[];
  assessorShortfalls: AssessorShortfallDetail[];
  leadTime?: LeadTimeDetail;
  shortfalls: ShortfallDetail[];
  scopeFailures: ScopeFailureDetail[];
  infeasibility: string[];
  missing: string[];
}

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Loose[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function readShortfalls(value: unknown): ShortfallDetail[] {
  return records(value).map((entry) => ({
    rule: text(entry.rule),
    code: text(entry.code),
    message: text(entry.message),
    ...(typeof entry.required === 'number' ? { required: entry.required } : {}),
    ...(typeof entry.actual === 'number' ? { actual: entry.actual } : {}),
  }));
}

/**
 * Splits `details` into the parts above; unknown shapes give empty parts (the message is always
 * shown, so nothing is lost).
 */
export function readErrorDetails(details: unknown): ErrorDetailParts {
  const parts: ErrorDetailParts = {
    issues: [],
    rowErrors: [],
    conflicts: [],
    assessorShortfalls: [],
    shortfalls: [],
    scopeFailures: [],
    infeasibility: [],
    missing: [],
  };
  if (!isRecord(details)) return parts;
  if (typeof details.ruleId === 'string') parts.ruleId = details.ruleId;
  parts.issues = records(details.issues).map((issue) => ({ field: text(issue.field), message: text(issue.message) }));
  parts.rowErrors = records(details.rowErrors ?? details.rejected).map((row) => ({
    ...(row.sheet !== undefined ? { sheet: text(row.sheet) } : {}),
    row: Number(row.row),
    column: text(row.column),
    reason: text(row.reason),
  }));
  parts.conflicts = records(details.conflicts).map((conflict) => ({
    personId: text(conflict.personId),
    personName: text(conflict.personName),
    roles: Array.isArray(conflict.roles) ? conflict.roles.map(text) : [],
  }));
  parts.assessorShortfalls = records(details.shortfalls)
    .filter((entry) => 'personName' in entry)
    .map((entry) => ({
      personName: text(entry.personName),
      ...(entry.grade !== undefined ? { grade: text(entry.grade) } : {}),
      uncoveredLevels: Array.isArray(entry.uncoveredLevels) ? entry.uncoveredLevels.map(Number) : [],
    }));
  if (typeof details.earliestSessionDate === 'string' && typeof details.latestFilingDate === 'string') {
    parts.leadTime = {
      filingDate: text(details.filingDate),
      firstSessionDate: text(details.firstSessionDate),
      requiredWorkingDays: Number(details.requiredWorkingDays),
      leadWorkingDays: Number(details.leadWorkingDays),
      earliestSessionDate: details.earliestSessionDate,
      latestFilingDate: details.latestFilingDate,
    };
  }
  parts.shortfalls = readShortfalls(records(details.shortfalls).filter((entry) => !('personName' in entry)));
  parts.scopeFailures = records(details.scopes).map((scope) => ({
    label: text(scope.label),
    message: text(scope.message),
    shortfalls: isRecord(scope.details) ? readShortfalls(scope.details.shortfalls) : [],
  }));
  parts.infeasibility = records(details.infeasibility).map((entry) => text(entry.message));
  parts.missing = Array.isArray(details.missing) ? details.missing.map(text) : [];
  return parts;
}

/** True when {@link readErrorDetails} found anything worth listing. */
export function hasDetailParts(parts: ErrorDetailParts): boolean {
  return (
    parts.issues.length > 0 ||
    parts.rowErrors.length > 0 ||
    parts.conflicts.length > 0 ||
    parts.assessorShortfalls.length > 0 ||
    parts.leadTime !== undefined ||
    parts.shortfalls.length > 0 ||
    parts.scopeFailures.length > 0 ||
    parts.infeasibility.length > 0 ||
    parts.missing.length > 0
  );
}

/**
 * The message for `field` of an error: the first issue on it (or on a field below it), e.g.
 * `fieldMessage(error, 'body.username')` finds `body.username` and `body.username.0`; or the error's
 * own message when its details name that field (`{ field: 'filingDate' }` matches `body.filingDate`).
 * Undefined when the error is not about `field`.
 */
export function fieldMessage(error: { message?: string; details?: unknown } | null | undefined, field: string): string | undefined {
  if (!error) return undefined;
  const issues = readErrorDetails(error.details).issues;
  const found = issues.find((issue) => issue.field === field || issue.field.startsWith(`${field}.`));
  if (found) return found.message;
  const named = isRecord(error.details) ? error.details.field : undefined;
  if (typeof named === 'string' && (named === field || field.endsWith(`.${named}`))) return error.message;
  return undefined;
}
