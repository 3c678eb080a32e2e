/**
 * Answers of the /api/admin routes as the administration screens read them: the server's own
 * types (server/src/contracts/identity.ts for users, organisation settings R14 and jurisdiction
 * settings, audit verification R10/R17; server/src/contracts/admin.ts for audit entries and the
 * settings change list), imported as types only so no server code reaches the bundle. They are
 * JSON-safe as the server declares them (times ISO strings, ids strings), so they are used as they
 * are. Units: fractions 0..1 for weights and thresholds, points out of 100 for pass marks, working
 * days for deadlines, milliseconds for `offlineAfterMs`.
 */
import type { CertificateCodeSettings, IdType, JurisdictionSettings, Role } from '@skillcert/server/contracts';

export type {
  AssessorGrade,
  AuditEntryView,
  AuditVerification,
  CertificateCodeSettings,
  IdType,
  JurisdictionSettings,
  OrganisationSettingsUpdate,
  OrganisationView,
  Role,
  SettingChange,
  UserSummary,
} from '@skillcert/server/contracts';

/**
 * The strictest defaults of the source documents (R4, R7, R11, R12, R13), shown next to each
 * jurisdiction field. A runtime value: `import type` cannot bring the server's
 * `defaultJurisdictionSettings`, and importing contracts/identity.ts as a value would put zod into
 * the bundle; admin-types.test.ts checks the two are equal.
 */
export const defaultJurisdictionSettings: JurisdictionSettings = {
  planLeadTimeWorkingDays: 10,
  publicationWorkingDays: 5,
  resultsSubmissionWorkingDays: 15,
  certificateDataWorkingDays: 30,
  minimumPracticalWeight: 0.5,
  passMarks: { theory: 60, practical: 60, review: 60 },
  practicalScoreDifferenceThreshold: 0.1,
  proctoring: { focusLossAlertCount: 3, offlineAfterMs: 60_000 },
};

/** Bounds of one numeric setting in the server's units, as the server's zod schema checks them. */
export interface NumberBounds {
  min: number;
  max: number;
  /** True when the server accepts whole numbers only. */
  isInteger: boolean;
}

/** {@link NumberBounds} for every numeric leaf of `T`, nested like `T`. */
export type NumberBoundsOf<T> = { [K in keyof T]: T[K] extends number ? NumberBounds : NumberBoundsOf<T[K]> };

/**
 * Bounds of every jurisdiction setting as the server's `jurisdictionSettingsSchema` checks them
 * (server/src/contracts/identity.ts), in the server's units: working days (R7 from 0, R11-R13 from
 * 1, at most 365), fractions 0..1 (R4 practical share, arbitration threshold), points 0..100 (pass
 * marks), focus losses 1..1000, milliseconds 1000..3 600 000 (offline after). The settings form
 * derives each input's min/max from them. A runtime copy for the same reason as the defaults;
 * admin-types.test.ts checks it against the server's schema.
 */
export const jurisdictionSettingBounds: NumberBoundsOf<JurisdictionSettings> = {
  planLeadTimeWorkingDays: { min: 0, max: 365, isInteger: true },
  publicationWorkingDays: { min: 1, max: 365, isInteger: true },
  resultsSubmissionWorkingDays: { min: 1, max: 365, isInteger: true },
  certificateDataWorkingDays: { min: 1, max: 365, isInteger: true },
  minimumPracticalWeight: { min: 0, max: 1, isInteger: false },
  passMarks: {
    theory: { min: 0, max: 100, isInteger: false },
    practical: { min: 0, max: 100, isInteger: false },
    review: { min: 0, max: 100, isInteger: false },
  },
  practicalScoreDifferenceThreshold: { min: 0, max: 1, isInteger: false },
  proctoring: {
    focusLossAlertCount: { min: 1, max: 1000, isInteger: true },
    offlineAfterMs: { min: 1000, max: 3_600_000, isInteger: true },
  },
};

// The value lists below are runtime values for the same reason; `satisfies` keeps each equal to
// the server's union (a missing or an extra key fails tsc).
const roleSet = {
  admin: true,
  bank_editor: true,
  bank_reviewer: true,
  exam_admin: true,
  proctor: true,
  assessor: true,
  supervisor: true,
  hr: true,
  candidate: true,
} satisfies Record<Role, true>;
const idTypeSet = {
  resident_identity_card: true,
  passport: true,
  hong_kong_macao_permit: true,
  taiwan_permit: true,
  foreign_permanent_residence_card: true,
} satisfies Record<IdType, true>;

/** Roles an administrator may grant, in the order the users page lists them (the candidate role excludes every other, R6). */
export const grantableRoles = Object.keys(roleSet) as Role[];

/** Identity document types of candidates (R15 prints the type on the certificate), in the order offered. */
export const idTypes = Object.keys(idTypeSet) as IdType[];

/**
 * The first 13 characters of a certificate number from the organisation's code fields (R14):
 * class, organisation code, province, city, ownership type, site sequence.
 */
export function certificateNumberPrefix(code: CertificateCodeSettings): string {
  return `${code.organisationClass}${code.organisationCode}${code.provinceCode}${code.cityCode}${code.ownershipType}${code.siteSequence}`;
}
