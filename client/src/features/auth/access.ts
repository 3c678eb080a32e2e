/**
 * What each role may use, mirroring the server's route roles (the `<context>.routes.ts` files of server/src/domain):
 * the navigation shows only areas the signed-in user's roles may open, and screens hide actions
 * the server would refuse (R17 access control). The server stays the authority: a hidden button is
 * a courtesy, a refused request still shows the server's error.
 */

/** Every role of the platform. */
export type Role = 'admin' | 'bank_editor' | 'bank_reviewer' | 'exam_admin' | 'proctor' | 'assessor' | 'supervisor' | 'hr' | 'candidate';

/** Capabilities the client distinguishes, each the union of the roles of its server routes. */
export const capabilityRoles = {
  /** /api/admin/* (users, organisation settings, audit). */
  administer: ['admin'],
  /** GET /api/bank/scopes, items, readiness, blueprint; paper libraries (keys hidden for exam_admin). */
  readBank: ['admin', 'bank_editor', 'bank_reviewer', 'exam_admin'],
  /** Import, export, duplicates, versions, retire (bank roles: answer keys visible). */
  maintainBank: ['admin', 'bank_editor', 'bank_reviewer'],
  /** Create and edit scopes, items, blueprints; merge or mark duplicates distinct. */
  editBank: ['admin', 'bank_editor'],
  /** Approve or return items in review. */
  reviewBank: ['admin', 'bank_reviewer'],
  /** Confirm an import with the items approved at once (the confirming reviewer is recorded). */
  importApproved: ['bank_reviewer'],
  /** POST /api/papers/libraries. */
  assemblePapers: ['admin', 'bank_editor', 'bank_reviewer', 'exam_admin'],
  /** GET /api/batches, calendar, deadlines (planners and internal quality supervisors). */
  readPlans: ['admin', 'exam_admin', 'supervisor'],
  /** Batch wizard, announcements, roster, admission tickets. */
  planBatches: ['admin', 'exam_admin'],
  /** The proctor console (/proctor namespace): room proctors, supervisors and exam administrators observe. */
  proctorRooms: ['admin', 'exam_admin', 'proctor', 'supervisor'],
  /** GET /api/reports/batches: item analysis, paper statistics, pass rates and R20 indicators. */
  readReports: ['admin', 'exam_admin', 'supervisor', 'hr', 'bank_editor', 'bank_reviewer'],
  /** Candidate's own applications and admission tickets. */
  candidateSelfService: ['candidate'],
} as const satisfies Record<string, readonly Role[]>;

/** A capability name. */
export type Capability = keyof typeof capabilityRoles;

/** True when any of `roles` grants `capability`. */
export function hasCapability(roles: readonly string[], capability: Capability): boolean {
  const allowed: readonly string[] = capabilityRoles[capability];
  return roles.some((role) => allowed.includes(role));
}

/** Navigation areas of the staff shell. */
export type Area = 'admin' | 'bank' | 'plans' | 'proctor' | 'reports';

/** The capability that opens each area. */
export const areaCapability: Record<Area, Capability> = { admin: 'administer', bank: 'readBank', plans: 'readPlans', proctor: 'proctorRooms', reports: 'readReports' };

/** Areas `roles` may open, in navigation order. */
export function visibleAreas(roles: readonly string[]): Area[] {
  return (Object.keys(areaCapability) as Area[]).filter((area) => hasCapability(roles, areaCapability[area]));
}
