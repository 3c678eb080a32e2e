/**
 * Boundary validation for HTTP handlers (house rule 4): parse body, query or params with a zod
 * schema from `contracts/`, or fail with `validation_failed` naming the field.
 */
import type { z } from 'zod';
import { AppError } from '../errors';

/** One field problem in a `validation_failed` answer. */
export interface FieldIssue {
  /** Dotted location, e.g. `body.roles.0` or `query.limit`. */
  field: string;
  message: string;
}

/** Turns zod issues into field issues under `where` (`body`, `query`, `params`, …). */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[], where: string): FieldIssue[] {
  return issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/**
 * Parses `value` with `schema`.
 * @param where the part of the request, used in field names (`body.username`).
 * @throws AppError `validation_failed` (400) whose message names the first bad field
 *   (`body.username: is required`) and whose details hold `{ issues: FieldIssue[] }`.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error.issues, where);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new AppError('validation_failed', `${first.field}: ${first.message}${more}`, { issues });
}
