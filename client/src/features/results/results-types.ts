/**
 * JSON shapes of the publication 公示 routes (R11-R13) as the client reads them (mirrors
 * server/src/domain/publication/publication.contracts.ts).
 */

/** A contact of a complaint or re-scoring channel. */
export interface PublicationContact {
  name: string;
  department?: string;
  phone?: string;
  email?: string;
}

/** One row of the notice; the ID number is masked (R11). */
export interface PublicationNoticeRow {
  resultId: string;
  candidateName: string;
  maskedIdNumber: string;
  occupationCode: string;
  occupationName: string;
  workType: string;
  level: number;
  levelName: string;
  totalScore: number;
  isPass: boolean;
  resultText: string;
}

/** One deadline row (R11-R13) on the organisation calendar. */
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

/** GET /api/batches/:batchId/publication. */
export interface PublicationView {
  id: string;
  batchId: string;
  batchCode: string;
  batchName: string;
  organisationName: string;
  status: 'open' | 'closed';
  startDate: string;
  periodWorkingDays: number;
  earliestEndDate: string;
  endDate?: string;
  channels: { complaint: PublicationContact[]; rescoring: PublicationContact[]; source: 'announcement' | 'request' };
  remarks?: string;
  notice: { rows: PublicationNoticeRow[]; totalCount: number; passCount: number };
  objectionCounts: { open: number; rejected: number; upheld: number };
  deadlines: PublicationDeadlineRow[];
  deadlineWarnings: PublicationDeadlineWarning[];
  deadlineProblem?: string;
  asOf: string;
  openedAt: string;
  closedAt?: string;
  finalNoticeHash?: string;
}

/** Kinds of objection (R11): a complaint about the process or a re-scoring request 成绩复核. */
export type ObjectionKind = 'complaint' | 'rescoring';

/** An objection as answered. */
export interface ObjectionView {
  id: string;
  batchId: string;
  resultId: string;
  candidateId: string;
  candidateName: string;
  kind: ObjectionKind;
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
