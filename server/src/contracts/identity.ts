/**
 * Identity, administration and platform contracts: zod schemas and inferred types for every HTTP
 * body of /api/auth, /api/admin (users, organisation settings, audit verification) and /api/health.
 * Shared with the client through `@skillcert/server/contracts`.
 */
import { z } from 'zod';

/** Every role a user can hold (R6 separates exam administrator, assessor and supervisor per batch). */
export const roles = [
  'admin',
  'bank_editor',
  'bank_reviewer',
  'exam_admin',
  'proctor',
  'assessor',
  'supervisor',
  'hr',
  'candidate',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Staff roles (log in with username and password); `candidate` logs in with ID number and ticket. */
export const staffRoles = roles.filter((role): role is Exclude<Role, 'candidate'> => role !== 'candidate');

/**
 * Assessor grade (R6): an `assessor` may assess levels 5-3, a `senior_assessor` levels 5-1.
 */
export const assessorGrades = ['assessor', 'senior_assessor'] as const;
export const assessorGradeSchema = z.enum(assessorGrades);
export type AssessorGrade = z.infer<typeof assessorGradeSchema>;

/** Levels an assessor grade may assess (R6). Level 5 初级工 … 1 高级技师. */
export const assessableLevelsByGrade: Record<AssessorGrade, readonly number[]> = {
  assessor: [5, 4, 3],
  senior_assessor: [5, 4, 3, 2, 1],
};

/** Identity document types of candidates (R15 prints the ID type on the certificate). */
export const idTypes = [
  'resident_identity_card',
  'passport',
  'hong_kong_macao_permit',
  'taiwan_permit',
  'foreign_permanent_residence_card',
] as const;
export const idTypeSchema = z.enum(idTypes);
export type IdType = z.infer<typeof idTypeSchema>;

const residentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const residentIdCheckCharacters = '10X98765432';

/**
 * Check character of an 18-character resident identity card number (GB 11643-1999, ISO 7064 MOD 11-2)
 * for its first 17 digits.
 * @throws Error when `first17` is not 17 digits.
 */
export function computeResidentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`Expected 17 digits, got "${first17}"`);
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * residentIdWeights[index];
  return residentIdCheckCharacters[sum % 11];
}

/** True when `idNumber` is an 18-character resident identity card number with a correct check character. */
export function isValidResidentIdNumber(idNumber: string): boolean {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return false;
  return computeResidentIdCheckCharacter(idNumber.slice(0, 17)) === idNumber[17];
}

const usernameSchema = z
  .string()
  .trim()
  .min(3, 'must be 3-64 characters')
  .max(64, 'must be 3-64 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'may contain letters, digits, dot, underscore and hyphen only')
  .transform((value) => value.toLowerCase());

const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(256, 'must be at most 256 characters');

const idNumberSchema = z
  .string()
  .trim()
  .min(5, 'must be 5-32 characters')
  .max(32, 'must be 5-32 characters')
  .transform((value) => value.toUpperCase());

/** POST /api/auth/login (staff). */
export const staffLoginRequestSchema = z.object({
  username: z.string().trim().min(1, 'is required').max(64).transform((value) => value.toLowerCase()),
  password: z.string().min(1, 'is required').max(256),
});
export type StaffLoginRequest = z.infer<typeof staffLoginRequestSchema>;

/** POST /api/auth/candidate-login: ID number + admission ticket number (准考证号) + password. */
export const candidateLoginRequestSchema = z.object({
  idNumber: z.string().trim().min(1, 'is required').max(32).transform((value) => value.toUpperCase()),
  admissionTicketNumber: z.string().trim().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(256),
});
export type CandidateLoginRequest = z.infer<typeof candidateLoginRequestSchema>;

/** The signed-in user as the client sees it (GET /api/auth/me and the login answers). */
export const meSchema = z.object({
  userId: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  assessorGrade: assessorGradeSchema.optional(),
  username: z.string().optional(),
  idNumber: z.string().optional(),
  sessionExpiresAt: z.string(),
});
export type Me = z.infer<typeof meSchema>;

/** POST /api/admin/users: a staff account (username) or a candidate (ID type + number). */
export const createUserRequestSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    roles: z.array(roleSchema).min(1, 'needs at least one role'),
    username: usernameSchema.optional(),
    password: passwordSchema,
    assessorGrade: assessorGradeSchema.optional(),
    idType: idTypeSchema.optional(),
    idNumber: idNumberSchema.optional(),
    admissionTicketNumbers: z.array(z.string().trim().min(1).max(64)).optional(),
  })
  .superRefine((value, context) => {
    const isCandidate = value.roles.includes('candidate');
    if (isCandidate && value.roles.length > 1) {
      context.addIssue({ code: 'custom', path: ['roles'], message: 'a candidate account holds no staff role' });
    }
    if (!isCandidate && !value.username) {
      context.addIssue({ code: 'custom', path: ['username'], message: 'is required for staff accounts' });
    }
    if (isCandidate && (!value.idType || !value.idNumber)) {
      context.addIssue({ code: 'custom', path: ['idNumber'], message: 'idType and idNumber are required for candidates' });
    }
    if (value.idType === 'resident_identity_card' && value.idNumber && !isValidResidentIdNumber(value.idNumber)) {
      context.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message: 'is not a valid 18-character resident identity card number (check character)',
      });
    }
    if (value.roles.includes('assessor') && !value.assessorGrade) {
      context.addIssue({ code: 'custom', path: ['assessorGrade'], message: 'is required for assessors' });
    }
    if (!value.roles.includes('assessor') && value.assessorGrade) {
      context.addIssue({ code: 'custom', path: ['assessorGrade'], message: 'applies to assessors only' });
    }
  });
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** GET /api/admin/users query. */
export const listUsersQuerySchema = z.object({
  role: roleSchema.optional(),
  search: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

/** A user as listed to administrators (never the password hash). */
export const userSummarySchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  username: z.string().optional(),
  assessorGrade: assessorGradeSchema.optional(),
  idType: idTypeSchema.optional(),
  idNumber: z.string().optional(),
  admissionTicketNumbers: z.array(z.string()),
  isActive: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().optional(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/**
 * Certificate-number fields of the organisation (R14): class, organisation code, province code,
 * and the employer site serial (city code, ownership type, sequence).
 */
export const certificateCodeSettingsSchema = z.object({
  /** [1] `Y` employer, `S` social organisation or school. */
  organisationClass: z.enum(['Y', 'S']),
  /** [2-5] `0001`-`9999` (ministry) or `0000` (province). */
  organisationCode: z.string().regex(/^\d{4}$/, 'must be 4 digits'),
  /** [6-7] province code, e.g. 44 Guangdong. */
  provinceCode: z.string().regex(/^\d{2}$/, 'must be 2 digits'),
  /** [8-9] city code, e.g. 03 Shenzhen. */
  cityCode: z.string().regex(/^\d{2}$/, 'must be 2 digits'),
  /** [10] 1 state-owned, 2 non-state, 3 other. */
  ownershipType: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** [11-13] site sequence `000`-`999`. */
  siteSequence: z.string().regex(/^\d{3}$/, 'must be 3 digits'),
});
export type CertificateCodeSettings = z.infer<typeof certificateCodeSettingsSchema>;

const workingDays = (minimum: number) => z.number().int().min(minimum).max(365);
const fraction = z.number().min(0).max(1);
const passMark = z.number().min(0).max(100);

/**
 * Jurisdiction settings; defaults are the strictest of the source documents
 * (R4, R7, R11, R12, R13) and each organisation may set its own.
 */
export const jurisdictionSettingsSchema = z.object({
  /** R7: plan filed >= this many working days before the assessment (Shenzhen 10). */
  planLeadTimeWorkingDays: workingDays(0),
  /** R11: results published for >= this many working days (Jiangmen 5). */
  publicationWorkingDays: workingDays(1),
  /** R12: results sent within this many working days after publication ends (Shenzhen 15). */
  resultsSubmissionWorkingDays: workingDays(1),
  /** R13: certificate data reported within this many working days of issue. */
  certificateDataWorkingDays: workingDays(1),
  /** R4: minimum practical share of the result, fraction 0..1 (Shenzhen 0.5). */
  minimumPracticalWeight: fraction,
  /** Pass marks in points out of 100 for theory, practical and comprehensive review (R4). */
  passMarks: z.object({ theory: passMark, practical: passMark, review: passMark }),
  /** Practical double scoring: difference between two assessors above this fraction of the maximum triggers arbitration. */
  practicalScoreDifferenceThreshold: fraction,
  /** Proctoring thresholds (placeholder until the proctoring rules define them; R10). */
  proctoring: z.object({
    /** Focus losses before the proctor is alerted. */
    focusLossAlertCount: z.number().int().min(1).max(1000),
    /** Heartbeat silence, in milliseconds, before a candidate is flagged offline. */
    offlineAfterMs: z.number().int().min(1000).max(3_600_000),
  }),
});
export type JurisdictionSettings = z.infer<typeof jurisdictionSettingsSchema>;

/** Organisation settings: certificate code fields (R14) and jurisdiction settings. */
export const organisationSettingsSchema = z.object({
  certificateCode: certificateCodeSettingsSchema,
  jurisdiction: jurisdictionSettingsSchema,
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;

/** Strictest defaults of the source documents (R4, R7, R11, R12, R13). */
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

/** PATCH /api/admin/organisation/settings: any subset, nested objects merged field by field. */
export const updateOrganisationSettingsRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    certificateCode: certificateCodeSettingsSchema.partial().strict().optional(),
    jurisdiction: jurisdictionSettingsSchema
      .extend({
        passMarks: jurisdictionSettingsSchema.shape.passMarks.partial().strict(),
        proctoring: jurisdictionSettingsSchema.shape.proctoring.partial().strict(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type UpdateOrganisationSettingsRequest = z.infer<typeof updateOrganisationSettingsRequestSchema>;

/** An organisation as presented to its administrators. */
export const organisationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  settings: organisationSettingsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrganisationView = z.infer<typeof organisationViewSchema>;

/** GET /api/admin/audit/verify answer (R10, R17). */
export const auditVerificationSchema = z.object({
  isIntact: z.boolean(),
  checkedCount: z.number().int(),
  lastSeq: z.number().int(),
  lastHash: z.string().nullable(),
  firstBroken: z
    .object({
      seq: z.number().int().nullable(),
      entryId: z.string().nullable(),
      reason: z.enum(['modified', 'missing', 'out_of_order']),
      message: z.string(),
    })
    .nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** GET /api/health answer. */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']),
  database: z.object({ kind: z.enum(['external', 'local-mongod', 'embedded']), isConnected: z.boolean() }),
  browser: z.object({ found: z.boolean(), path: z.string().optional(), message: z.string().optional() }),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;
