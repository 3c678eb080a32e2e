/**
 * Shapes of the plans API as the client reads them: the server's own view types
 * (server/src/domain/plans/plans.contracts.ts), imported as types only so no server code reaches
 * the bundle.
 */
import type { DayDetail as ServerDayDetail } from '@skillcert/server/domain/calendar/working-days';
import type { BatchStaffRequest, BatchView } from '@skillcert/server/contracts';
import type { getEnterpriseUnits } from '@skillcert/server/domain/plans/update-enterprise-units';

export type { Level } from '@skillcert/bank-tools/types';
export type {
  AdmissionTicketView,
  AnnouncementPage,
  AnnouncementView,
  ApplicationView,
  BatchDeadlinesView,
  BatchView,
  BatchWarning,
  EnterpriseUnitsRequest,
  IssuedAdmissionTicketsView,
  OrganisationCalendarRequest,
  OrganisationCalendarView,
  RosterImportView,
  SupplementaryYearInput,
} from '@skillcert/server/contracts';

/** GET/PUT /api/organisation/enterprise-units answer (R9): the server use case's own return type. */
export type EnterpriseUnitsView = Awaited<ReturnType<typeof getEnterpriseUnits>>;

/** Kinds of session of a batch. */
export type SessionKind = BatchView['sessions'][number]['kind'];
/** Roles of batch staff (R6). */
export type BatchStaffRole = BatchStaffRequest['staff'][number]['role'];

/**
 * Status of one calendar day. Client-side because the server's `date` is the branded
 * `CalendarDate`, a brand JSON does not carry: here it is the plain `YYYY-MM-DD` string.
 */
export type DayDetail = Omit<ServerDayDetail, 'date'> & { date: string };

/**
 * Filing answer: the filed batch and the R7 lead-time figures. Client-side for the same reason as
 * `DayDetail`: the server's lead-time dates are branded `CalendarDate`s, plain strings in JSON.
 */
export interface FiledBatchPlan {
  batch: BatchView;
  leadTime: { leadWorkingDays: number; requiredWorkingDays: number; earliestSessionDate: string; latestFilingDate: string } | null;
}
