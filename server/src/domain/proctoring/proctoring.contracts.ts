/**
 * HTTP contracts of proctoring (R10, R16): settings, room lists, candidate timelines, void decisions,
 * room records 考场记录表 and webcam snapshots. The socket protocol of `/proctor` is in
 * `@skillcert/proctoring/protocol` (and `events` for snapshots and actions).
 */
import { z } from 'zod';
import type { ProctorActionType } from '@skillcert/proctoring/events';
import type { IncidentView, ProctorActionView, RoomAccessMode, VoidRequestView } from '@skillcert/proctoring/protocol';
import { incidentRuleIds, type IncidentRuleId, type IncidentSeverity } from '@skillcert/proctoring/rules/incident';
import type { IncidentSettings } from '@skillcert/proctoring/rules/settings';
import { objectIdSchema } from '../../contracts/common';

const positiveMs = z.number().int().positive();

/** Overrides of the incident thresholds (R10); absent fields keep the defaults. */
export const incidentThresholdsPatchSchema = z
  .object({
    focusLostThresholdMs: positiveMs.max(3_600_000).optional(),
    disconnectThresholdMs: positiveMs.max(3_600_000).optional(),
    burstMinAnswers: z.number().int().min(1).max(1000).optional(),
    burstWindowMs: positiveMs.max(3_600_000).optional(),
    burstMinFocusLossMs: positiveMs.max(3_600_000).optional(),
    idleThresholdMs: positiveMs.max(24 * 3_600_000).optional(),
    disabledRules: z.array(z.enum(incidentRuleIds)).max(incidentRuleIds.length).optional(),
  })
  .strict();
export type IncidentThresholdsPatch = z.infer<typeof incidentThresholdsPatchSchema>;

/** Webcam snapshot settings: off by default; period between frames 10 s - 10 min. */
export const webcamSettingsSchema = z
  .object({
    isEnabled: z.boolean(),
    intervalMs: z.number().int().min(10_000).max(600_000),
    consentText: z.string().trim().min(1).max(4000),
  })
  .strict();
export type WebcamSettings = z.infer<typeof webcamSettingsSchema>;

/** PATCH /api/proctoring/settings: any subset; `incidentThresholds` fields replace stored ones (null clears an override). */
export const updateProctoringSettingsRequestSchema = z
  .object({
    incidentThresholds: incidentThresholdsPatchSchema.optional(),
    clearThresholds: z.array(z.enum(['focusLostThresholdMs', 'disconnectThresholdMs', 'burstMinAnswers', 'burstWindowMs', 'burstMinFocusLossMs', 'idleThresholdMs', 'disabledRules'])).optional(),
    webcam: webcamSettingsSchema.partial().strict().optional(),
    batchExamAdminsMayAct: z.boolean().optional(),
  })
  .strict();
export type UpdateProctoringSettingsRequest = z.infer<typeof updateProctoringSettingsRequestSchema>;

/** The organisation's proctoring settings as presented (resolved thresholds plus the stored overrides). */
export interface ProctoringSettingsView {
  incidentThresholds: IncidentSettings;
  /** What the organisation set; the rest are defaults (disconnect threshold: jurisdiction `offlineAfterMs`). */
  overrides: IncidentThresholdsPatch;
  webcam: WebcamSettings;
  /** Exam administrators of a batch who are not the room's proctors may act (otherwise they observe). */
  batchExamAdminsMayAct: boolean;
}

/** One room a staff member may open in the console. */
export interface ProctorRoomEntry {
  batchId: string;
  batchCode: string;
  batchName: string;
  batchStatus: string;
  roomId: string;
  roomName: string;
  sessionId: string;
  sessionStatus: 'scheduled' | 'open' | 'closed';
  /** ISO 8601. */
  sessionStartsAt: string;
  durationMinutes: number;
  mode: RoomAccessMode;
  canAct: boolean;
  canConfirmVoids: boolean;
}

/** Params `:batchId/:sessionId/:roomId`. */
export const roomParamsSchema = z.object({ batchId: objectIdSchema, sessionId: objectIdSchema, roomId: objectIdSchema }).strict();
export type RoomParams = z.infer<typeof roomParamsSchema>;

/** Params `:attemptId`. */
export const attemptParamsSchema = z.object({ attemptId: objectIdSchema }).strict();

/** Params `:requestId`. */
export const voidRequestParamsSchema = z.object({ requestId: objectIdSchema }).strict();

/** Params `:snapshotId`. */
export const snapshotParamsSchema = z.object({ snapshotId: objectIdSchema }).strict();

/** Query of GET /api/proctoring/void-requests. */
export const voidRequestListQuerySchema = z
  .object({ batchId: objectIdSchema.optional(), status: z.enum(['pending', 'confirmed', 'rejected']).optional() })
  .strict();

/** POST /api/proctoring/void-requests/:requestId/decision: a supervisor's decision; a rejection needs a note. */
export const voidDecisionBodySchema = z
  .object({ isConfirmed: z.boolean(), note: z.string().trim().max(2000).optional() })
  .strict()
  .refine((value) => value.isConfirmed || (value.note !== undefined && value.note !== ''), {
    message: 'is required when rejecting a void request',
    path: ['note'],
  });

/** POST /api/proctoring/room-records: generate (or regenerate) the room record; `conditions` = room conditions 考场情况. */
export const generateRoomRecordRequestSchema = z
  .object({ batchId: objectIdSchema, sessionId: objectIdSchema, roomId: objectIdSchema, conditions: z.string().trim().max(2000).optional() })
  .strict();
export type GenerateRoomRecordRequest = z.infer<typeof generateRoomRecordRequestSchema>;

/** POST /api/proctoring/webcam/attempts/:attemptId/consent. */
export const webcamConsentRequestSchema = z.object({ isGiven: z.boolean(), consentTextSha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict();

/** What a candidate (or console) needs to know about webcam snapshots. */
export interface WebcamSettingsView {
  isEnabled: boolean;
  intervalMs: number;
  consentText: string;
  /** SHA-256 (hex) of `consentText`, sent back with the consent. */
  consentTextSha256: string;
}

/** A stored webcam snapshot (the JPEG is at GET /api/proctoring/webcam/snapshots/:id). */
export interface WebcamSnapshotView {
  id: string;
  attemptId: string;
  /** ms epoch. */
  takenAt: number;
  byteLength: number;
  /** R16 video >= 5 years: first day it may be destroyed (YYYY-MM-DD). */
  retentionUntil: string;
}

/** One entry of a candidate's timeline. */
export interface TimelineEntry {
  /** ms epoch. */
  at: number;
  kind:
    | 'attendance'
    | 'started'
    | 'paused'
    | 'resumed'
    | 'extended'
    | 'submitted'
    | 'voided'
    | 'incident'
    | 'action'
    | 'void_request'
    | 'snapshot';
  /** Facts (rule, action, reason, extraMs, submit reason, …). */
  detail: Record<string, string | number | boolean | null>;
}

/** GET /api/proctoring/attempts/:attemptId/timeline. */
export interface AttemptTimelineView {
  attemptId: string;
  roomKey: string;
  candidate: { id: string; name: string; admissionTicketNumber: string; seat: string | null };
  status: 'waiting' | 'in_progress' | 'paused' | 'submitted' | 'voided';
  startedAt: number | null;
  deadlineAt: number | null;
  submittedAt: number | null;
  submitReason: string | null;
  attendance: { status: 'present' | 'absent' | 'unmarked'; reason: string | null; markedAt: number | null };
  entries: TimelineEntry[];
  incidents: IncidentView[];
  actions: ProctorActionView[];
  voidRequests: VoidRequestView[];
  snapshots: WebcamSnapshotView[];
}

/** A person in the room record. */
export interface RoomRecordPerson {
  userId: string;
  name: string;
}

/** The room record 考场记录表 as JSON (R10): what the PDF prints, generated from the stored events. */
export interface RoomRecordDocument {
  title: '考场记录表';
  version: number;
  /** ISO 8601. */
  generatedAt: string;
  generatedBy: RoomRecordPerson;
  organisation: { id: string; name: string };
  batch: { id: string; code: string; name: string; mode: string };
  scope: { occupationCode: string; occupationName: string; workType: string; level: number };
  session: { id: string; kind: 'theory'; status: string; startsAt: string; endsAt: string; durationMinutes: number };
  room: { id: string; name: string; seats: number };
  staff: {
    assignedProctors: RoomRecordPerson[];
    examAdministrators: RoomRecordPerson[];
    supervisors: RoomRecordPerson[];
    /** Who watched the room in the console (R10 staff attendance). */
    onDuty: Array<RoomRecordPerson & { mode: RoomAccessMode; capacity: string; firstJoinedAt: string; lastLeftAt: string | null }>;
  };
  attendance: {
    expectedCount: number;
    presentCount: number;
    absentCount: number;
    unmarkedCount: number;
    candidates: Array<{
      registrationId: string;
      admissionTicketNumber: string;
      candidateName: string;
      seat: string;
      status: 'present' | 'absent' | 'unmarked';
      reason: string | null;
      markedAt: string | null;
    }>;
  };
  incidents: Array<{
    id: string;
    at: string;
    candidateName: string;
    seat: string | null;
    rule: IncidentRuleId;
    severity: IncidentSeverity;
    /** A sentence in Chinese (rule and facts). */
    summary: string;
    detail: Record<string, string | number | boolean | null>;
    handling: { kind: 'action' | 'note'; action: string | null; note: string; byName: string; at: string } | null;
  }>;
  actions: Array<{
    id: string;
    at: string;
    candidateName: string;
    seat: string | null;
    action: ProctorActionType;
    reason: string;
    detail: Record<string, string | number | boolean | null>;
    byName: string;
    incidentIds: string[];
  }>;
  voidRequests: Array<{
    id: string;
    candidateName: string;
    seat: string | null;
    reason: string;
    status: 'pending' | 'confirmed' | 'rejected';
    requestedByName: string;
    requestedAt: string;
    decidedByName: string | null;
    decidedAt: string | null;
    note: string | null;
  }>;
  outcomes: {
    submittedByCandidate: number;
    submittedAtDeadline: number;
    submittedByProctor: number;
    voided: number;
    inProgress: number;
    notStarted: number;
  };
  /** Room conditions 考场情况 as written by the proctor when generating. */
  conditions: string | null;
  summary: { incidentCount: number; unhandledIncidentCount: number; actionCount: number };
}

/** Answer of POST /api/proctoring/room-records and GET …/room-records/:batchId/:sessionId/:roomId. */
export interface RoomRecordView {
  id: string;
  batchId: string;
  sessionId: string;
  roomId: string;
  version: number;
  generatedAt: string;
  pdfFileName: string;
  pdfSha256: string;
  pdfByteLength: number;
  record: RoomRecordDocument;
}
