/**
 * The `/proctor` socket protocol (R10): event names, payload schemas (zod, `.strict()`) of what a
 * proctor console sends, and the shapes of what it receives. Room snapshots and actions are in
 * ./events.ts. Times are milliseconds since the Unix epoch; durations end in `Ms`.
 *
 * A dashboard room is one theory session in one exam room 考场 of a batch; its key is
 * `<sessionId>:<roomId>` ({@link toRoomKey}).
 */
import { z } from 'zod';
import {
  actionReasonSchema,
  attemptIdSchema,
  handledIncidentIdsSchema,
  type CandidateStatus,
  type ProctorActionType,
  type RoomSnapshot,
} from './events';
import type { IncidentRuleId, IncidentSeverity } from './rules/incident';

/** The socket.io namespace of proctors, exam administrators and supervisors. */
export const proctorNamespace = '/proctor';

/** Socket event names of the namespace (house rule 5: `area:action`). */
export const proctorEvents = {
  /** Client → server: watch a room; ack {@link RoomJoinResult}. */
  join: 'proctor:join',
  /** Client → server: stop watching a room (`{ roomKey }`). */
  leave: 'proctor:leave',
  /** Client → server: a full snapshot again (`{ roomKey }`, after a sequence gap). */
  resync: 'proctor:resync',
  /** Client → server: ask the batch's supervisor to void an attempt; ack {@link VoidRequestView}. */
  void: 'proctor:void',
  /** Client → server (supervisor): confirm or reject a void request; ack {@link VoidRequestView}. */
  confirmVoid: 'proctor:confirm_void',
  /** Client → server: record how an incident was handled without an action (a note). */
  resolveIncident: 'proctor:resolve_incident',
  /** Server → client: {@link RoomSnapshot}, full on (re)load, else deltas at most once per second. */
  snapshot: 'proctor:snapshot',
  /** Server → client: {@link IncidentView}, immediately when a rule fires. */
  incident: 'proctor:incident',
  /** Server → client: {@link IncidentHandledView}. */
  incidentHandled: 'proctor:incident_handled',
  /** Server → client: {@link ProctorActionView}, an action taken in the room by anyone. */
  action: 'proctor:action',
  /** Server → client: {@link VoidRequestView}, a new void request (room and supervisors). */
  voidRequested: 'proctor:void_requested',
  /** Server → client: {@link VoidRequestView}, a void request confirmed or rejected. */
  voidDecided: 'proctor:void_decided',
} as const;

/** Room key of a session in a room. */
export function toRoomKey(sessionId: string, roomId: string): string {
  return `${sessionId}:${roomId}`;
}

/** The socket.io room of a dashboard room's watchers. */
export function roomChannel(roomKey: string): string {
  return `proctor:${roomKey}`;
}

/** The socket.io room of a batch's supervisors (void requests). */
export function supervisorChannel(batchId: string): string {
  return `supervisors:${batchId}`;
}

const hexIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hexadecimal id');

/** `proctor:join`: the batch and room; the session defaults to the room's open theory session. */
export const roomJoinRequestSchema = z.object({ batchId: hexIdSchema, roomId: hexIdSchema, sessionId: hexIdSchema.optional() }).strict();
export type RoomJoinRequest = z.infer<typeof roomJoinRequestSchema>;

/** `proctor:leave` and `proctor:resync`. */
export const roomKeyRequestSchema = z.object({ roomKey: z.string().trim().min(1).max(100) }).strict();
export type RoomKeyRequest = z.infer<typeof roomKeyRequestSchema>;

/**
 * `proctor:void`: the proctor's request to void an attempt (R10). It takes effect only when a
 * supervisor 内督员 of the batch confirms it (`proctor:confirm_void` or the HTTP decision route).
 */
export const voidRequestSchema = z
  .object({ attemptId: attemptIdSchema, reason: actionReasonSchema, incidentIds: handledIncidentIdsSchema.optional() })
  .strict();
export type VoidRequest = z.infer<typeof voidRequestSchema>;

/** `proctor:confirm_void`: a supervisor's decision; a rejection needs a note. */
export const voidDecisionSchema = z
  .object({
    requestId: hexIdSchema,
    isConfirmed: z.boolean(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((value) => value.isConfirmed || (value.note !== undefined && value.note !== ''), {
    message: 'is required when rejecting a void request',
    path: ['note'],
  });
export type VoidDecision = z.infer<typeof voidDecisionSchema>;

/** `proctor:resolve_incident`: how an incident was handled when no action was needed. */
export const resolveIncidentSchema = z.object({ incidentId: z.string().trim().min(1).max(300), note: actionReasonSchema }).strict();
export type ResolveIncidentRequest = z.infer<typeof resolveIncidentSchema>;

/** Error JSON of an acknowledgement (the server's error codes). */
export interface ProctorErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Acknowledgement of every client → server event. */
export type ProctorAck<Data> = { ok: true; data: Data } | { ok: false; error: ProctorErrorBody };

/**
 * How a viewer watches a room: `proctor` (a proctor 监考 assigned to the room: may act) or
 * `observer` (a supervisor or an exam administrator of the batch: read-only unless the organisation
 * lets the batch's exam administrators act).
 */
export type RoomAccessMode = 'proctor' | 'observer';

/** What a viewer may do in a room. */
export interface RoomAccessView {
  mode: RoomAccessMode;
  canAct: boolean;
  /** Supervisors of the batch confirm or reject void requests. */
  canConfirmVoids: boolean;
}

/** The room being watched. */
export interface RoomInfo {
  roomKey: string;
  organisationId: string;
  batchId: string;
  batchCode: string;
  batchName: string;
  roomId: string;
  roomName: string;
  sessionId: string;
  sessionStatus: 'scheduled' | 'open' | 'closed';
  sessionStartsAt: number;
  /** Attempt duration, ms. */
  durationMs: number;
  occupationName: string;
  workType: string;
  level: number;
}

/** How an incident was handled: by an action or by a note. */
export interface IncidentHandling {
  kind: 'action' | 'note';
  action: ProctorActionType | 'void_request' | null;
  note: string;
  byUserId: string;
  byName: string;
  at: number;
}

/** An incident as consoles show it; `id` is the incident's deterministic key. */
export interface IncidentView {
  id: string;
  roomKey: string;
  attemptId: string;
  candidateId: string;
  candidateName: string;
  seat: string | null;
  rule: IncidentRuleId;
  severity: IncidentSeverity;
  at: number;
  detail: Record<string, string | number | boolean | null>;
  handling: IncidentHandling | null;
}

/** `proctor:incident_handled`. */
export interface IncidentHandledView {
  id: string;
  roomKey: string;
  attemptId: string;
  handling: IncidentHandling;
}

/** An action taken in a room (R10: who, what, why, when). */
export interface ProctorActionView {
  id: string;
  roomKey: string;
  attemptId: string;
  candidateName: string;
  seat: string | null;
  action: ProctorActionType;
  reason: string;
  /** Action facts: message of a warning, extraMs of an extension, supervisor of a void, … */
  detail: Record<string, string | number | boolean | null>;
  incidentIds: string[];
  byUserId: string;
  byName: string;
  at: number;
}

/** A void request and its decision. */
export interface VoidRequestView {
  id: string;
  roomKey: string;
  batchId: string;
  attemptId: string;
  candidateName: string;
  seat: string | null;
  reason: string;
  status: 'pending' | 'confirmed' | 'rejected';
  requestedBy: { userId: string; name: string };
  requestedAt: number;
  decidedBy: { userId: string; name: string } | null;
  decidedAt: number | null;
  note: string | null;
}

/** Acknowledgement data of an action (`proctor:<action>`). */
export interface ProctorActionResult {
  action: ProctorActionView;
  /** The attempt's status after the action, when it has one. */
  status: CandidateStatus | null;
  /** Use-case result (deadline after an extension, submit counts, attendance, …). */
  result: unknown;
}

/** Webcam snapshot settings as a console needs them. */
export interface WebcamView {
  isEnabled: boolean;
  intervalMs: number;
}

/** Acknowledgement data of `proctor:join`. */
export interface RoomJoinResult {
  access: RoomAccessView;
  room: RoomInfo;
  snapshot: RoomSnapshot;
  /** Incidents of the room, newest last (at most 500). */
  incidents: IncidentView[];
  /** Actions of the room, newest last (at most 500). */
  actions: ProctorActionView[];
  /** Void requests of the room (pending ones first). */
  voidRequests: VoidRequestView[];
  webcam: WebcamView;
  /** Server clock when answering: consoles compute `offset = serverNow - Date.now()`. */
  serverNow: number;
}
