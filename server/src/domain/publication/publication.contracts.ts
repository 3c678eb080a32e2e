/**
 * HTTP contracts of the publication 公示 (R11, R12): zod schemas of the bodies and queries and the
 * JSON views answered.
 */
import { z } from 'zod';
import type { PublicationContact, PublicationNoticeRow } from './publication.model';

const calendarDateText = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const objectIdText = z.string().trim().regex(/^[0-9a-fA-F]{24}$/, 'must be a 24-character hex id');

const contactSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    department: z.string().trim().max(100).optional(),
    phone: z.string().trim().max(50).optional(),
    email: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((contact) => Boolean(contact.phone || contact.email || contact.department), {
    message: 'needs a phone, an email or a department to reach',
  });

/** POST /api/batches/:batchId/publication: opens the publication (R11). */
export const openPublicationRequestSchema = z
  .object({
    /** First day of the publication; today in China when absent. Not before the committee's approval. */
    startDate: calendarDateText.optional(),
    /** 投诉渠道; the announcement's contacts when absent. */
    complaintContacts: z.array(contactSchema).min(1).max(20).optional(),
    /** 复核渠道; the announcement's contacts when absent. */
    rescoringContacts: z.array(contactSchema).min(1).max(20).optional(),
    remarks: z.string().trim().max(2000).optional(),
  })
  .strict();
export type OpenPublicationRequest = z.infer<typeof openPublicationRequestSchema>;

/** GET /api/batches/:batchId/publication query: the day deadline warnings are computed for. */
export const publicationQuerySchema = z.object({ asOf: calendarDateText.optional() });

/** POST /api/batches/:batchId/publication/objections (R11). */
export const fileObjectionRequestSchema = z
  .object({
    resultId: objectIdText,
    kind: z.enum(['complaint', 'rescoring']),
    reason: z.string().trim().min(1, 'is required').max(2000),
  })
  .strict();
export type FileObjectionRequest = z.infer<typeof fileObjectionRequestSchema>;

const rescoredComponentSchema = z
  .object({
    component: z.enum(['theory', 'practical', 'review', 'direct_grading']),
    score: z.number().min(0).max(100),
  })
  .strict();

/** POST /api/objections/:objectionId/decision: the committee's decision (R11). */
export const decideObjectionRequestSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('rejected'), reason: z.string().trim().min(1, 'is required').max(2000) }).strict(),
  z
    .object({
      outcome: z.literal('upheld'),
      reason: z.string().trim().min(1, 'is required').max(2000),
      /** Re-scored components (0..100 points each); the others keep their scores. */
      changes: z.array(rescoredComponentSchema).min(1, 'name at least one component change').max(4),
    })
    .strict(),
]);
export type DecideObjectionRequest = z.infer<typeof decideObjectionRequestSchema>;

/** GET /api/batches/:batchId/publication/objections query. */
export const listObjectionsQuerySchema = z.object({ status: z.enum(['open', 'rejected', 'upheld']).optional() });

/** POST /api/batches/:batchId/publication/results-submission (R12). */
export const recordResultsSubmissionRequestSchema = z.object({ submittedOn: calendarDateText }).strict();

/** An objection as answered. */
export interface ObjectionView {
  id: string;
  batchId: string;
  resultId: string;
  candidateId: string;
  candidateName: string;
  kind: 'complaint' | 'rescoring';
  reason: string;
  filedByName: string;
  isFiledOnBehalf: boolean;
  filedAt: string;
  status: 'open' | 'rejected' | 'upheld';
  decision?: {
    outcome: 'rejected' | 'upheld';
    reason: string;
    decidedByName: string;
    decidedAt: string;
    rescoring?: {
      changes: { component: string; score: number }[];
      previous: { totalScore: number; isPass: boolean };
      current: { totalScore: number; isPass: boolean };
    };
  };
}

/** One deadline row (R11-R13) as computed on the organisation calendar. */
export interface PublicationDeadlineRow {
  ruleId: string;
  kind: string;
  direction: 'due_by' | 'not_before';
  date: string | null;
  description: string;
  isDone: boolean;
  pendingOn?: string;
}

/** A warning about an open deadline (R12, R13). */
export interface PublicationDeadlineWarning {
  ruleId: string;
  kind: string;
  date: string;
  level: 'approaching' | 'due_today' | 'overdue';
  workingDaysLeft: number;
  message: string;
}

/** GET /api/batches/:batchId/publication answer. */
export interface PublicationView {
  id: string;
  batchId: string;
  batchCode: string;
  batchName: string;
  organisationName: string;
  status: 'open' | 'closed';
  startDate: string;
  periodWorkingDays: number;
  /** R11: the earliest day the publication may end. */
  earliestEndDate: string;
  /** Last day, once closed. */
  endDate?: string;
  channels: { complaint: PublicationContact[]; rescoring: PublicationContact[]; source: 'announcement' | 'request' };
  remarks?: string;
  notice: { rows: PublicationNoticeRow[]; totalCount: number; passCount: number };
  objectionCounts: { open: number; rejected: number; upheld: number };
  /** R11-R13 deadlines of the batch on the organisation calendar. */
  deadlines: PublicationDeadlineRow[];
  /** Warnings for open R12/R13 deadlines as of `asOf`. */
  deadlineWarnings: PublicationDeadlineWarning[];
  /** Why deadlines or warnings could not be computed (e.g. `asOf` outside the calendar data). */
  deadlineProblem?: string;
  asOf: string;
  openedAt: string;
  closedAt?: string;
  /** sha256 of the frozen notice, once closed (R16). */
  finalNoticeHash?: string;
}
