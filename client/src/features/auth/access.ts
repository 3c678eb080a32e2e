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
  /** POST /api/papers/:paperId/retire (retire one paper and, by default, draw its replacement; the bank roles). */
  retirePapers: ['admin', 'bank_editor', 'bank_reviewer'],
  /** GET /api/batches, calendar, deadlines, session sign-in sheets (planners and internal quality supervisors). */
  readPlans: ['admin', 'exam_admin', 'supervisor'],
  /** Batch wizard, announcements, roster, admission tickets. */
  planBatches: ['admin', 'exam_admin'],
  /** POST /api/exam/batches/:batchId/sessions/:sessionId/open (the room's staff open a theory session). */
  openSessions: ['exam_admin', 'proctor'],
  /** The proctor console (/proctor namespace): room proctors, supervisors and exam administrators observe. */
  proctorRooms: ['admin', 'exam_admin', 'proctor', 'supervisor'],
  /** GET /api/reports/batches: item analysis, paper statistics, pass rates and R20 indicators. */
  readReports: ['admin', 'exam_admin', 'supervisor', 'hr', 'bank_editor', 'bank_reviewer'],
  /** Candidate's own applications and admission tickets. */
  candidateSelfService: ['candidate'],
  /** GET score cards of a batch, one card, direct-grading forms (R6: other assessors' points hidden until all are in). */
  readScoreCards: ['admin', 'exam_admin', 'supervisor', 'assessor'],
  /** Prepare score cards, enter direct-grading forms and reviews, compute results. */
  prepareScoring: ['admin', 'exam_admin'],
  /** POST …/score-cards/:cardId/scores: the assessor's own signed score. */
  scoreCards: ['assessor'],
  /** Committee decisions on cards, result approval and re-scoring for the evaluation committee. */
  decideForCommittee: ['admin', 'supervisor'],
  /** POST …/sign-offs: the batch's internal quality supervisor signs off scoring. */
  signOffScoring: ['supervisor'],
  /** POST direct-grading ratings (R5). */
  rateDirectGrading: ['admin', 'exam_admin', 'assessor'],
  /** POST direct-grading signatures (R5): the assessor and the supervisor. */
  signDirectGrading: ['assessor', 'supervisor'],
  /** GET the result summary 评价结果汇总表 and the score-sheet and summary PDFs. */
  readResults: ['admin', 'exam_admin', 'supervisor'],
  /** The results and publication area: staff who read publications and objections, candidates their own results (R11). */
  readPublication: ['admin', 'exam_admin', 'supervisor', 'candidate'],
  /** Open and close the publication, file objections on a candidate's behalf, record the R12 submission. */
  managePublication: ['admin', 'exam_admin'],
  /** Decide objections for the evaluation committee (R11). */
  decideObjections: ['admin'],
  /** GET the certificates of a batch (R15). */
  readCertificates: ['admin', 'hr', 'exam_admin'],
  /** Issue, render, ledger actions, HR export, R13 data report. */
  keepCertificates: ['admin', 'hr'],
  /** Revoke a certificate for good (R15). */
  revokeCertificates: ['admin'],
  /** Build and list batch archives (R16). */
  buildArchives: ['admin', 'exam_admin'],
  /** Download archive zips and record destructions (R16). */
  destroyArchives: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

/** A capability name. */
export type Capability = keyof typeof capabilityRoles;

/** True when any of `roles` grants `capability`. */
export function hasCapability(roles: readonly string[], capability: Capability): boolean {
  const allowed: readonly string[] = capabilityRoles[capability];
  return roles.some((role) => allowed.includes(role));
}

/** Navigation areas of the staff shell. */
export type Area = 'admin' | 'bank' | 'plans' | 'proctor' | 'scoring' | 'results' | 'certificates' | 'reports';

/** The capability that opens each area. */
export const areaCapability: Record<Area, Capability> = {
  admin: 'administer',
  bank: 'readBank',
  plans: 'readPlans',
  proctor: 'proctorRooms',
  scoring: 'readScoreCards',
  results: 'readPublication',
  certificates: 'readCertificates',
  reports: 'readReports',
};

/** Areas `roles` may open, in navigation order. */
export function visibleAreas(roles: readonly string[]): Area[] {
  return (Object.keys(areaCapability) as Area[]).filter((area) => hasCapability(roles, areaCapability[area]));
}
