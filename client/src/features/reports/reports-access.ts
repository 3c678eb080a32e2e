/**
 * Who may use which reports screen, mirroring the roles of server/src/domain/reports/reports.routes.ts
 * (R17: item rows with keys for bank roles only). The server stays the authority.
 */

/** Report capabilities and their roles. */
export const reportRoles = {
  /** GET /api/reports/batches. */
  index: ['admin', 'exam_admin', 'supervisor', 'hr', 'bank_editor', 'bank_reviewer'],
  /** GET item analysis with keys, item exports, review queue. */
  readItems: ['admin', 'bank_editor', 'bank_reviewer'],
  /** POST item analysis. */
  runAnalysis: ['admin', 'exam_admin', 'bank_reviewer'],
  /** GET paper statistics and parallelism. */
  readPapers: ['admin', 'exam_admin', 'supervisor', 'bank_editor', 'bank_reviewer'],
  /** Pass rates, indicators, feedback listing, the PDF. */
  readOutcomes: ['admin', 'exam_admin', 'supervisor', 'hr'],
  /** GET settings. */
  readSettings: ['admin', 'exam_admin', 'bank_editor', 'bank_reviewer'],
  /** PUT settings. */
  changeSettings: ['admin'],
} as const;

/** A report capability. */
export type ReportCapability = keyof typeof reportRoles;

/** True when one of `roles` grants `capability`. */
export function canReport(roles: readonly string[], capability: ReportCapability): boolean {
  const allowed: readonly string[] = reportRoles[capability];
  return roles.some((role) => allowed.includes(role));
}
