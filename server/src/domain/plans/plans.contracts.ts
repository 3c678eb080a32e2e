/**
 * Plans contracts: zod schemas and inferred types for every HTTP body and query of the plans
 * context (organisation calendar, batches, announcements, applications, roster import, admission
 * tickets, attendance) and the plain JSON views the routes answer with.
 * Meant to be re-exported by `server/src/contracts` for the client (`@skillcert/server/contracts`).
 */
import { z } from 'zod';
import { levelSchema, objectIdSchema } from '../../contracts/common';
import type { Level } from '@skillcert/bank-tools/types';
import { isCalendarDate } from '../calendar/calendar-date';

/** A real calendar date `YYYY-MM-DD` (China time, no time of day). */
export const calendarDateTextSchema = z
  .string()
  .trim()
  .refine((value): boolean => isCalendarDate(value), 'must be a real date written YYYY-MM-DD');

const fraction = z.number().min(0, 'must be a fraction 0..1').max(1, 'must be a fraction 0..1');
const text = (maximum: number) => z.string().trim().min(1, 'is required').max(maximum, `must be at most ${maximum} characters`);

// ---- organisation calendar and enterprise units ------------------------------------------------

/** One year of the State Council's holiday schedule not yet in the calendar data (e.g. 2027). */
export const supplementaryYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Statutory holiday days 放假日期. */
  restDays: z.array(calendarDateTextSchema).max(60),
  /** Adjusted working days 调休上班日. */
  workingDays: z.array(calendarDateTextSchema).max(30),
  /** The notice the dates come from, e.g. `国务院办公厅关于2027年部分节假日安排的通知`. */
  source: text(300),
});
export type SupplementaryYearInput = z.infer<typeof supplementaryYearSchema>;

/** PUT /api/organisation/calendar: the organisation's whole calendar setting (replaces it). */
export const organisationCalendarRequestSchema = z
  .object({
    extraRestDays: z.array(calendarDateTextSchema).max(366).default([]),
    extraWorkingDays: z.array(calendarDateTextSchema).max(366).default([]),
    supplementaryYears: z.array(supplementaryYearSchema).max(10).default([]),
  })
  .strict();
export type OrganisationCalendarRequest = z.infer<typeof organisationCalendarRequestSchema>;

/** The organisation's calendar setting and the range the resulting calendar covers. */
export interface OrganisationCalendarView {
  extraRestDays: string[];
  extraWorkingDays: string[];
  supplementaryYears: SupplementaryYearInput[];
  coveredRange: { first: string; last: string };
  updatedAt?: string;
}

/** GET /api/organisation/calendar/days query: at most 366 days. */
export const calendarDaysQuerySchema = z.object({ from: calendarDateTextSchema, to: calendarDateTextSchema });
export type CalendarDaysQuery = z.infer<typeof calendarDaysQuerySchema>;

/** PUT /api/organisation/enterprise-units: names of the enterprise and its subsidiaries (R9). */
export const enterpriseUnitsRequestSchema = z
  .object({ enterpriseUnits: z.array(text(200)).min(1, 'needs at least one unit').max(200) })
  .strict();
export type EnterpriseUnitsRequest = z.infer<typeof enterpriseUnitsRequestSchema>;

// ---- batches ------------------------------------------------------------------------------------

/** Evaluation modes (R19). */
export const evaluationModes = ['grading', 'promotion'] as const;

/** Component weights of one scope, fractions summing to 1 (R4). */
export const componentWeightsSchema = z.object({ theory: fraction, practical: fraction, review: fraction.optional() }).strict();

/** One scope of a batch with its component weights. */
export const batchScopeInputSchema = z.object({ scopeId: objectIdSchema, weights: componentWeightsSchema }).strict();

/** POST /api/batches. */
export const createBatchRequestSchema = z
  .object({
    code: text(64),
    name: text(200),
    mode: z.enum(evaluationModes),
    scopes: z.array(batchScopeInputSchema).min(1, 'needs at least one scope').max(20),
  })
  .strict();
export type CreateBatchRequest = z.infer<typeof createBatchRequestSchema>;

/** PATCH /api/batches/:batchId (draft only); scopes, when given, replace the list. */
export const updateBatchRequestSchema = createBatchRequestSchema.partial().strict();
export type UpdateBatchRequest = z.infer<typeof updateBatchRequestSchema>;

/** PUT /api/batches/:batchId/rooms: the whole room list; give `id` to keep a room (sessions refer to it). */
export const batchRoomsRequestSchema = z
  .object({
    rooms: z
      .array(
        z
          .object({
            id: objectIdSchema.optional(),
            name: text(100),
            seats: z.number().int().min(0).max(2000),
            workstations: z.number().int().min(0).max(2000).default(0),
            proctorIds: z.array(objectIdSchema).max(20).default([]),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();
export type BatchRoomsRequest = z.infer<typeof batchRoomsRequestSchema>;

/** Session kinds: theory window, practical session, comprehensive review (R4). */
export const sessionKinds = ['theory', 'practical', 'review'] as const;

/** PUT /api/batches/:batchId/sessions: the whole session list; `startsAt` is ISO 8601 with an offset. */
export const batchSessionsRequestSchema = z
  .object({
    sessions: z
      .array(
        z
          .object({
            id: objectIdSchema.optional(),
            kind: z.enum(sessionKinds),
            scopeId: objectIdSchema,
            roomId: objectIdSchema,
            startsAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-10-20T09:00:00+08:00' }),
            durationMinutes: z.number().int().min(1).max(1440),
            /** Theory only: minutes after the start a candidate may still begin (default 30). */
            lateEntryMinutes: z.number().int().min(0).max(240).optional(),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type BatchSessionsRequest = z.infer<typeof batchSessionsRequestSchema>;

/** Batch staff roles (R6). */
export const batchStaffRoleValues = ['exam_admin', 'assessor', 'supervisor'] as const;

/** PUT /api/batches/:batchId/staff: the whole staff list (R6). */
export const batchStaffRequestSchema = z
  .object({
    staff: z.array(z.object({ userId: objectIdSchema, role: z.enum(batchStaffRoleValues) }).strict()).max(200),
  })
  .strict();
export type BatchStaffRequest = z.infer<typeof batchStaffRequestSchema>;

/** POST /api/batches/:batchId/filing (R7): the day the plan is filed; default today in China. */
export const fileBatchPlanRequestSchema = z.object({ filingDate: calendarDateTextSchema.optional() }).strict();
export type FileBatchPlanRequest = z.infer<typeof fileBatchPlanRequestSchema>;

/** GET /api/batches/:batchId/deadlines query: the day warnings are computed for; default today. */
export const batchDeadlinesQuerySchema = z.object({ asOf: calendarDateTextSchema.optional() });

/** GET /api/batches query. */
export const listBatchesQuerySchema = z.object({
  status: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A warning returned with a batch (R6 empty roles, R21 workstations, R4 missing components). */
export interface BatchWarning {
  ruleId: string;
  message: string;
  workType?: string;
}

/** A batch as the wizard sees it. */
export interface BatchView {
  id: string;
  code: string;
  name: string;
  mode: 'grading' | 'promotion';
  status: string;
  scopes: {
    scopeId: string;
    occupationCode: string;
    occupationName: string;
    workType: string;
    level: Level;
    weights: { theory: number; practical: number; review?: number };
  }[];
  rooms: { id: string; name: string; seats: number; workstations: number; proctorIds: string[] }[];
  sessions: {
    id: string;
    kind: 'theory' | 'practical' | 'review';
    scopeId: string;
    roomId: string;
    startsAt: string;
    /** Calendar date of the start in China. */
    date: string;
    durationMinutes: number;
    lateEntryUntil?: string;
    status: string;
  }[];
  staff: { userId: string; role: string; name?: string }[];
  announcementId?: string;
  filingDate?: string;
  admissionTicketPrefix?: string;
  warnings: BatchWarning[];
  createdAt: string;
  updatedAt: string;
}

// ---- announcements (R8) ------------------------------------------------------------------------

const placeSchema = z.object({ name: text(100), address: text(300) }).strict();
const contactSchema = z
  .object({
    name: text(100),
    department: z.string().trim().max(100).optional(),
    phone: z.string().trim().max(50).optional(),
    email: z.string().trim().max(200).optional(),
  })
  .strict();

/** Fields of an announcement the planner writes; the rest is derived from the batch. */
export const announcementFieldsSchema = z
  .object({
    title: text(200),
    introduction: z.string().trim().max(5000).optional(),
    applicationPeriod: z
      .object({ opensOn: calendarDateTextSchema, closesOn: calendarDateTextSchema })
      .strict()
      .refine((period) => period.opensOn <= period.closesOn, { message: 'closesOn must not be before opensOn', path: ['closesOn'] })
      .optional(),
    places: z.array(placeSchema).max(50).default([]),
    materials: z.array(text(500)).max(50).default([]),
    contacts: z.array(contactSchema).max(20).default([]),
    /** Steps of the process; a standard list when empty. */
    process: z.array(text(500)).max(30).default([]),
    notes: z.string().trim().max(5000).optional(),
  })
  .strict();
export type AnnouncementFields = z.infer<typeof announcementFieldsSchema>;

/** POST /api/batches/:batchId/announcement. */
export const createAnnouncementRequestSchema = announcementFieldsSchema;
export type CreateAnnouncementRequest = z.infer<typeof createAnnouncementRequestSchema>;

/** PATCH /api/announcements/:announcementId (draft only). */
export const updateAnnouncementRequestSchema = z
  .object({
    title: announcementFieldsSchema.shape.title.optional(),
    introduction: announcementFieldsSchema.shape.introduction,
    applicationPeriod: announcementFieldsSchema.shape.applicationPeriod,
    places: z.array(placeSchema).max(50).optional(),
    materials: z.array(text(500)).max(50).optional(),
    contacts: z.array(contactSchema).max(20).optional(),
    process: z.array(text(500)).max(30).optional(),
    notes: announcementFieldsSchema.shape.notes,
  })
  .strict();
export type UpdateAnnouncementRequest = z.infer<typeof updateAnnouncementRequestSchema>;

/** One occupation/level offered, with its method and eligibility (R8, R9, R4, R19). */
export interface AnnouncementOffering {
  scopeId: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: Level;
  levelName: string;
  method: {
    mode: 'grading' | 'promotion';
    modeName: string;
    components: { kind: 'theory' | 'practical' | 'review'; name: string; weight: number }[];
    description: string;
  };
  eligibility: { pathId: string; description: string }[];
}

/** One line of the schedule. */
export interface AnnouncementScheduleEntry {
  kind: 'theory' | 'practical' | 'review';
  kindName: string;
  occupationName: string;
  workType: string;
  level: Level;
  /** China calendar date and local times `HH:mm`. */
  date: string;
  startTime: string;
  endTime: string;
  roomName: string;
}

/** The announcement page (JSON), as shown to employees and printed (R8). */
export interface AnnouncementPage {
  title: string;
  organisationName: string;
  batchCode: string;
  batchName: string;
  introduction?: string;
  generalConditions: string[];
  offerings: AnnouncementOffering[];
  schedule: AnnouncementScheduleEntry[];
  places: { name: string; address: string }[];
  /** Places 名额 per scope: seats of the theory (or practical) sessions. */
  placesAvailable: { scopeId: string; occupationName: string; workType: string; level: Level; count: number }[];
  applicationPeriod?: { opensOn: string; closesOn: string };
  materials: string[];
  contacts: { name: string; department?: string; phone?: string; email?: string }[];
  process: string[];
  notes?: string;
}

/** An announcement with its page; `contentHash` (sha256 of the canonical page JSON) once published. */
export interface AnnouncementView {
  id: string;
  batchId: string;
  status: 'draft' | 'published';
  page: AnnouncementPage;
  publishedAt?: string;
  contentHash?: string;
  createdAt: string;
  updatedAt: string;
}

// ---- applications and roster (R9) --------------------------------------------------------------

/** ID types of the plans rules (id-number.ts). */
export const planIdTypes = ['resident_id', 'residence_permit', 'passport', 'hk_macau_permit', 'taiwan_permit'] as const;

/** Education levels of the eligibility rules. */
export const educationLevels = [
  'junior_high',
  'senior_high',
  'secondary_vocational',
  'technical_school',
  'advanced_technical_school',
  'technician_college',
  'higher_vocational',
  'associate',
  'bachelor',
  'postgraduate',
] as const;

/**
 * POST /api/batches/:batchId/applications. A candidate applying for themself may omit name and ID
 * (taken from the account); staff entering an application give them.
 */
export const submitApplicationRequestSchema = z
  .object({
    scopeId: objectIdSchema,
    name: text(100).optional(),
    idType: z.enum(planIdTypes).default('resident_id'),
    idNumber: z.string().trim().min(5).max(32).optional(),
    birthDate: calendarDateTextSchema.optional(),
    employer: text(200),
    department: z.string().trim().max(100).optional(),
    hireDate: calendarDateTextSchema.optional(),
    employmentType: z.enum(['employee', 'dispatched']).default('employee'),
    yearsInOccupation: z.number().min(0).max(60),
    certificates: z
      .array(z.object({ level: levelSchema, issueDate: calendarDateTextSchema, number: z.string().trim().max(40).optional() }).strict())
      .max(10)
      .default([]),
    education: z.enum(educationLevels).optional(),
    isRelatedSpecialty: z.boolean().optional(),
    hasCompletedApprenticeship: z.boolean().optional(),
    hasPreparatoryTechnicianCertificate: z.boolean().optional(),
  })
  .strict();
export type SubmitApplicationRequest = z.infer<typeof submitApplicationRequestSchema>;

/** Application statuses: evaluated eligible or rejected (R9), admitted with a ticket. */
export const applicationStatuses = ['eligible', 'rejected', 'admitted'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** GET /api/batches/:batchId/applications query. */
export const listApplicationsQuerySchema = z.object({
  status: z.enum(applicationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

/** POST /api/batches/:batchId/roster query (the body is the xlsx file itself). */
export const importRosterQuerySchema = z.object({
  scopeId: objectIdSchema.optional(),
  file: z.string().trim().max(200).optional(),
});

/** An application with its eligibility verdict (R9). */
export interface ApplicationView {
  id: string;
  batchId: string;
  scopeId: string;
  level: Level;
  source: 'api' | 'roster';
  rosterRow?: number;
  name: string;
  idType: string;
  idNumber: string;
  employer: string;
  department?: string;
  employmentType: 'employee' | 'dispatched';
  status: ApplicationStatus;
  eligibility: { isEligible: boolean; pathId?: string; path?: string; reasons: string[]; notes: string[]; asOf: string };
  registrationId?: string;
  candidateId?: string;
  createdAt: string;
}

/** Answer of a roster import. */
export interface RosterImportView {
  file: string;
  sheet: string;
  imported: number;
  eligible: number;
  rejected: number;
  applications: ApplicationView[];
}

// ---- admission tickets, sign-in, attendance (R10) ----------------------------------------------

/** POST /api/batches/:batchId/admission-tickets: admit these eligible applications (default all). */
export const issueAdmissionTicketsRequestSchema = z
  .object({ applicationIds: z.array(objectIdSchema).max(5000).optional() })
  .strict();
export type IssueAdmissionTicketsRequest = z.infer<typeof issueAdmissionTicketsRequestSchema>;

/** POST /api/batches/:batchId/sessions/:sessionId/attendance. */
export const recordAttendanceRequestSchema = z
  .object({
    registrationId: objectIdSchema,
    status: z.enum(['present', 'absent']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((value) => value.status !== 'absent' || (value.reason !== undefined && value.reason !== ''), {
    message: 'is required when marking a candidate absent',
    path: ['reason'],
  });
export type RecordAttendanceRequest = z.infer<typeof recordAttendanceRequestSchema>;

/** A registration: admitted candidate with ticket, room, seat and sessions. */
export interface RegistrationView {
  id: string;
  batchId: string;
  candidateId: string;
  applicationId?: string;
  scopeId: string;
  level: Level;
  admissionTicketNumber: string;
  candidateName: string;
  department?: string;
  roomId: string;
  roomName: string;
  seatNumber: number;
  workstationNumber?: number;
  theorySessionId?: string;
  practicalSessionId?: string;
  reviewSessionId?: string;
  attendance?: { status: 'present' | 'absent'; markedAt: string; markedBy: string; reason?: string };
  attendanceBySession: { sessionId: string; status: 'present' | 'absent'; markedAt: string; markedBy: string; reason?: string }[];
}

/** Answer of a ticket issue: the new registrations and, once, the initial passwords of new accounts. */
export interface IssuedAdmissionTicketsView {
  issued: RegistrationView[];
  /** Initial passwords of candidate accounts created now; shown once, stored only as a hash (R17). */
  initialPasswords: { admissionTicketNumber: string; idNumber: string; name: string; password: string }[];
}

/** The attendance list of one session. */
export interface SessionAttendanceView {
  sessionId: string;
  kind: 'theory' | 'practical' | 'review';
  roomId: string;
  roomName: string;
  startsAt: string;
  candidates: {
    registrationId: string;
    admissionTicketNumber: string;
    candidateName: string;
    seatNumber: number;
    workstationNumber?: number;
    status: 'present' | 'absent' | 'unmarked';
    reason?: string;
    markedAt?: string;
  }[];
  counts: { present: number; absent: number; unmarked: number };
}

// ---- deadlines (R7, R11, R12, R13) -------------------------------------------------------------

/** A batch's deadlines with the warnings due as of `asOf`. */
export interface BatchDeadlinesView {
  batchId: string;
  asOf: string;
  deadlines: {
    ruleId: 'R7' | 'R11' | 'R12' | 'R13';
    kind: string;
    direction: 'due_by' | 'not_before';
    date: string | null;
    description: string;
    /** Whether the act is done (filed, submitted, reported). */
    isDone: boolean;
    /** Why `date` is null: the event it counts from has not happened yet. */
    pendingOn?: string;
  }[];
  warnings: { ruleId: string; kind: string; date: string; level: string; workingDaysLeft: number; message: string }[];
}

/** An admission ticket as the candidate (and the ticket PDF) sees it. */
export interface AdmissionTicketView {
  registrationId: string;
  batchId: string;
  admissionTicketNumber: string;
  candidateName: string;
  idTypeName: string;
  idNumber: string;
  department?: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: Level;
  levelName: string;
  organisationName: string;
  batchCode: string;
  batchName: string;
  sessions: {
    sessionId: string;
    kind: 'theory' | 'practical' | 'review';
    kindName: string;
    date: string;
    startTime: string;
    endTime: string;
    startsAt: string;
    roomName: string;
    position: string;
  }[];
}
