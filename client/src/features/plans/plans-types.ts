/**
 * Shapes of the plans API as the client reads them (mirror of
 * server/src/domain/plans/plans.contracts.ts views).
 */

export type Level = 1 | 2 | 3 | 4 | 5;
export type SessionKind = 'theory' | 'practical' | 'review';
export type BatchStaffRole = 'exam_admin' | 'assessor' | 'supervisor';

export interface BatchWarning {
  ruleId: string;
  message: string;
  workType?: string;
}

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
    kind: SessionKind;
    scopeId: string;
    roomId: string;
    startsAt: string;
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

export interface AnnouncementPage {
  title: string;
  organisationName: string;
  batchCode: string;
  batchName: string;
  introduction?: string;
  generalConditions: string[];
  offerings: {
    scopeId: string;
    occupationCode: string;
    occupationName: string;
    workType: string;
    level: Level;
    levelName: string;
    method: { mode: string; modeName: string; components: { kind: SessionKind; name: string; weight: number }[]; description: string };
    eligibility: { pathId: string; description: string }[];
  }[];
  schedule: { kind: SessionKind; kindName: string; occupationName: string; workType: string; level: Level; date: string; startTime: string; endTime: string; roomName: string }[];
  places: { name: string; address: string }[];
  placesAvailable: { scopeId: string; occupationName: string; workType: string; level: Level; count: number }[];
  applicationPeriod?: { opensOn: string; closesOn: string };
  materials: string[];
  contacts: { name: string; department?: string; phone?: string; email?: string }[];
  process: string[];
  notes?: string;
}

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
  status: 'eligible' | 'rejected' | 'admitted';
  eligibility: { isEligible: boolean; pathId?: string; path?: string; reasons: string[]; notes: string[]; asOf: string };
  registrationId?: string;
  createdAt: string;
}

export interface RosterImportView {
  file: string;
  sheet: string;
  imported: number;
  eligible: number;
  rejected: number;
  applications: ApplicationView[];
}

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
  sessions: { sessionId: string; kind: SessionKind; kindName: string; date: string; startTime: string; endTime: string; startsAt: string; roomName: string; position: string }[];
}

export interface IssuedAdmissionTicketsView {
  issued: { id: string; admissionTicketNumber: string; candidateName: string; roomName: string; seatNumber: number }[];
  initialPasswords: { admissionTicketNumber: string; idNumber: string; name: string; password: string }[];
}

export interface BatchDeadlinesView {
  batchId: string;
  asOf: string;
  deadlines: {
    ruleId: 'R7' | 'R11' | 'R12' | 'R13';
    kind: string;
    direction: 'due_by' | 'not_before';
    date: string | null;
    description: string;
    isDone: boolean;
    pendingOn?: string;
  }[];
  warnings: { ruleId: string; kind: string; date: string; level: string; workingDaysLeft: number; message: string }[];
}

export interface DayDetail {
  date: string;
  isWorkingDay: boolean;
  kind: 'weekday' | 'weekend' | 'statutory_holiday' | 'adjusted_working_day' | 'organisation_rest_day' | 'organisation_working_day';
  holidayName?: string;
}

export interface OrganisationCalendarView {
  extraRestDays: string[];
  extraWorkingDays: string[];
  coveredRange: { first: string; last: string };
}

/** Filing answer: the filed batch and the R7 lead-time figures. */
export interface FiledBatchPlan {
  batch: BatchView;
  leadTime: { leadWorkingDays: number; requiredWorkingDays: number; earliestSessionDate: string; latestFilingDate: string } | null;
}
