/**
 * The proctoring contract (R10): what the exam client reports about a candidate (telemetry), what the
 * attempt use cases publish after changing an attempt (lifecycle), what a proctor may ask for
 * (actions) and what proctors receive (room snapshots). Zod schemas validate every payload that
 * crosses the socket boundary (house rule 4); the types are inferred from them.
 *
 * Times are milliseconds since the Unix epoch (`at`, `…At`); durations end in `Ms`.
 */
import { z } from 'zod';

/** A point in time, milliseconds since the Unix epoch. */
export const epochMsSchema = z.number().int().nonnegative();

/** Attempt id (one candidate's sitting of one paper). */
export const attemptIdSchema = z.string().trim().min(1, 'attemptId must not be empty');

const baseEventShape = { attemptId: attemptIdSchema, at: epochMsSchema };

/**
 * Candidate telemetry event types. `connection` and `disconnect` are observed by the server (socket
 * handshake and close) and stamped with server time; the others are reported by the exam client and
 * carry the client's clock.
 */
export const candidateEventTypes = [
  'focus_lost',
  'focus_regained',
  'visibility_hidden',
  'visibility_visible',
  'fullscreen_exit',
  'copy',
  'paste',
  'context_menu',
  'second_login_attempt',
  'connection',
  'disconnect',
  'answer_saved',
] as const;

/** One of {@link candidateEventTypes}. */
export type CandidateEventType = (typeof candidateEventTypes)[number];

const simpleCandidateEvent = <T extends CandidateEventType>(type: T) =>
  z.object({ type: z.literal(type), ...baseEventShape }).strict();

/**
 * A telemetry event about one candidate's attempt (R10: irregularities leave a trace).
 * - `connection`: socket connected; `ip` and `userAgent` as the server saw them.
 * - `second_login_attempt`: another session tried to open the same attempt; `ip`/`userAgent` of it.
 * - `answer_saved`: the autosave was stored; `answeredCount` and `flaggedCount` are the attempt's
 *   counts after the save (absolute, so a repeated event is harmless), `itemId` the saved item.
 */
export const candidateEventSchema = z.discriminatedUnion('type', [
  simpleCandidateEvent('focus_lost'),
  simpleCandidateEvent('focus_regained'),
  simpleCandidateEvent('visibility_hidden'),
  simpleCandidateEvent('visibility_visible'),
  simpleCandidateEvent('fullscreen_exit'),
  simpleCandidateEvent('copy'),
  simpleCandidateEvent('paste'),
  simpleCandidateEvent('context_menu'),
  z
    .object({
      type: z.literal('second_login_attempt'),
      ...baseEventShape,
      ip: z.string().trim().min(1).optional(),
      userAgent: z.string().trim().min(1).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('connection'),
      ...baseEventShape,
      ip: z.string().trim().min(1, 'ip must not be empty'),
      userAgent: z.string().trim().min(1, 'userAgent must not be empty'),
    })
    .strict(),
  simpleCandidateEvent('disconnect'),
  z
    .object({
      type: z.literal('answer_saved'),
      ...baseEventShape,
      itemId: z.string().trim().min(1).optional(),
      answeredCount: z.number().int().nonnegative(),
      flaggedCount: z.number().int().nonnegative().optional(),
    })
    .strict(),
]);

/** A validated candidate telemetry event. */
export type CandidateEvent = z.infer<typeof candidateEventSchema>;

/**
 * Attempt lifecycle events, published by the attempt use cases once a change is stored (the server
 * is the authority; a proctor action becomes one of these only if the use case accepted it).
 * - `attempt_started`: timer started; `deadlineAt` is when time runs out, `totalCount` the item count.
 * - `attempt_paused` / `attempt_resumed`: the timer stops and restarts; the deadline moves by the
 *   paused duration on resume (`deadlineAt`, when given, is the stored deadline after the resume).
 * - `attempt_extended`: the deadline moves by `extraMs` (`deadlineAt`, when given, is the stored
 *   deadline after the extension, so applying the event twice is harmless).
 * - `device_change_approved`: the next connection may come from a new IP or browser.
 * - `attempt_submitted`: by the candidate, by a proctor (`forced`) or by the timer (`timeout`).
 * - `attempt_voided`: the attempt is void (confirmed by the internal quality supervisor).
 * - `attendance_marked`: sign-in 签到 (`present`) or absence (`absent`), R10.
 */
export const attemptLifecycleEventSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('attempt_started'),
      ...baseEventShape,
      deadlineAt: epochMsSchema,
      totalCount: z.number().int().nonnegative(),
    })
    .strict(),
  z.object({ type: z.literal('attempt_paused'), ...baseEventShape }).strict(),
  z.object({ type: z.literal('attempt_resumed'), ...baseEventShape, deadlineAt: epochMsSchema.optional() }).strict(),
  z
    .object({
      type: z.literal('attempt_extended'),
      ...baseEventShape,
      extraMs: z.number().int().positive(),
      deadlineAt: epochMsSchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal('device_change_approved'), ...baseEventShape }).strict(),
  z
    .object({
      type: z.literal('attempt_submitted'),
      ...baseEventShape,
      submittedBy: z.enum(['candidate', 'forced', 'timeout']),
    })
    .strict(),
  z.object({ type: z.literal('attempt_voided'), ...baseEventShape }).strict(),
  z
    .object({ type: z.literal('attendance_marked'), ...baseEventShape, attendance: z.enum(['present', 'absent']) })
    .strict(),
]);

/** A validated attempt lifecycle event. */
export type AttemptLifecycleEvent = z.infer<typeof attemptLifecycleEventSchema>;

/** Everything the incident rules and the room state consume. */
export type ProctoringEvent = CandidateEvent | AttemptLifecycleEvent;

/** Validates either kind of event (telemetry or lifecycle). */
export const proctoringEventSchema = z.union([candidateEventSchema, attemptLifecycleEventSchema]);

/** A reason every proctor action must carry (R10: irregularities and their handling are recorded). */
export const actionReasonSchema = z.string().trim().min(1, 'reason must not be empty').max(2000);

/**
 * Ids of the incidents an action handles (R10 irregularities and their handling): the room record
 * lists the action as their handling. At most 50.
 */
export const handledIncidentIdsSchema = z.array(z.string().trim().min(1).max(300)).max(50);

const baseActionShape = { attemptId: attemptIdSchema, reason: actionReasonSchema, incidentIds: handledIncidentIdsSchema.optional() };

/** Proctor action names; the socket event is `proctor:<action>` (see {@link proctorActionEventName}). */
export const proctorActionTypes = [
  'warn',
  'pause',
  'resume',
  'extend',
  'approve_device_change',
  'force_submit',
  'void',
  'mark_attendance',
  'mark_absence',
] as const;

/** One of {@link proctorActionTypes}. */
export type ProctorActionType = (typeof proctorActionTypes)[number];

/**
 * Confirmation of a void by the internal quality supervisor 内督员 (R6, R10): who confirmed and when.
 * The use case checks that `supervisorId` holds the supervisor role in the batch.
 */
export const supervisorConfirmationSchema = z
  .object({ supervisorId: z.string().trim().min(1, 'supervisorId must not be empty'), confirmedAt: epochMsSchema })
  .strict();

/**
 * A proctor action on one attempt. Every action needs a non-empty `reason` (R10); `incidentIds`
 * optionally names the incidents it handles.
 * - `warn`: `message` shown to the candidate (defaults to the reason).
 * - `extend`: `extraMs` more time, 1 ms to 4 h.
 * - `void`: needs `supervisorConfirmation`.
 * - `mark_attendance` / `mark_absence`: sign-in or absence on the attendance sheet.
 */
export const proctorActionSchema = z.discriminatedUnion('action', [
  z
    .object({ action: z.literal('warn'), ...baseActionShape, message: z.string().trim().min(1).max(500).optional() })
    .strict(),
  z.object({ action: z.literal('pause'), ...baseActionShape }).strict(),
  z.object({ action: z.literal('resume'), ...baseActionShape }).strict(),
  z
    .object({
      action: z.literal('extend'),
      ...baseActionShape,
      extraMs: z.number().int().positive().max(4 * 60 * 60 * 1000),
    })
    .strict(),
  z.object({ action: z.literal('approve_device_change'), ...baseActionShape }).strict(),
  z.object({ action: z.literal('force_submit'), ...baseActionShape }).strict(),
  z
    .object({ action: z.literal('void'), ...baseActionShape, supervisorConfirmation: supervisorConfirmationSchema })
    .strict(),
  z.object({ action: z.literal('mark_attendance'), ...baseActionShape }).strict(),
  z.object({ action: z.literal('mark_absence'), ...baseActionShape }).strict(),
]);

/** A validated proctor action. */
export type ProctorAction = z.infer<typeof proctorActionSchema>;

/** Socket event name of a proctor action, e.g. `proctor:force_submit` (house rule 5). */
export function proctorActionEventName(action: ProctorActionType): `proctor:${ProctorActionType}` {
  return `proctor:${action}`;
}

/** Socket event names the proctor console listens to. */
export const proctorSnapshotEventName = 'proctor:snapshot';
export const proctorIncidentEventName = 'proctor:incident';

/** Attempt status as the dashboard shows it. */
export const candidateStatuses = ['waiting', 'in_progress', 'paused', 'submitted', 'voided'] as const;

/** One of {@link candidateStatuses}. */
export type CandidateStatus = (typeof candidateStatuses)[number];

/** Attendance on the sign-in sheet (R10). */
export const attendanceValues = ['unmarked', 'present', 'absent'] as const;

/** One of {@link attendanceValues}. */
export type Attendance = (typeof attendanceValues)[number];

/**
 * One dashboard row (one candidate's attempt).
 * - `offlineSince`: when the connection dropped (null while online or never connected).
 * - `deadlineAt`: current deadline including extensions and completed pauses; null before start.
 * - `remainingMs`: time left as of the snapshot's `at` (frozen while paused, 0 once time is up, null
 *   before start). A running row's remaining time at time t is `deadlineAt - t`, so rows are not
 *   re-sent merely because the clock moved; consoles count down locally.
 * - `lastActivityAt`: last telemetry from the candidate (server receipt time).
 * - `hasPendingDeviceChange`: present (true) while another login of the candidate waits for a
 *   proctor's approval (R17 one active session); absent otherwise.
 * - `latestSnapshotId` / `latestSnapshotAt`: the newest webcam snapshot (when webcam snapshots are
 *   on); absent otherwise.
 *
 * A delta carries whole rows: a console replaces a row, it never merges fields, so an absent
 * optional field means false / none.
 */
export const candidateRowSchema = z
  .object({
    attemptId: attemptIdSchema,
    candidateId: z.string(),
    candidateName: z.string(),
    seat: z.string().nullable(),
    status: z.enum(candidateStatuses),
    attendance: z.enum(attendanceValues),
    isOnline: z.boolean(),
    offlineSince: epochMsSchema.nullable(),
    answeredCount: z.number().int().nonnegative(),
    totalCount: z.number().int().nonnegative(),
    flaggedCount: z.number().int().nonnegative(),
    deadlineAt: epochMsSchema.nullable(),
    remainingMs: z.number().int().nonnegative().nullable(),
    lastActivityAt: epochMsSchema.nullable(),
    incidentCount: z.number().int().nonnegative(),
    hasPendingDeviceChange: z.literal(true).optional(),
    latestSnapshotId: z.string().min(1).optional(),
    latestSnapshotAt: epochMsSchema.optional(),
  })
  .strict();

/** One dashboard row. */
export type CandidateRow = z.infer<typeof candidateRowSchema>;

/** Room totals shown above the rows. */
export const roomSummarySchema = z
  .object({
    candidateCount: z.number().int().nonnegative(),
    onlineCount: z.number().int().nonnegative(),
    incidentCount: z.number().int().nonnegative(),
    byStatus: z.record(z.enum(candidateStatuses), z.number().int().nonnegative()),
  })
  .strict();

/** Room totals. */
export type RoomSummary = z.infer<typeof roomSummarySchema>;

/**
 * What proctors receive on `proctor:snapshot`. `isFull` true: `rows` is the whole room (on join);
 * false: `rows` holds only rows changed since the previous snapshot and `removedAttemptIds` rows to
 * drop. `sequence` increases by one per snapshot of a room so a console can detect a gap and ask
 * for a full snapshot.
 */
export const roomSnapshotSchema = z
  .object({
    roomId: z.string().min(1),
    at: epochMsSchema,
    sequence: z.number().int().nonnegative(),
    isFull: z.boolean(),
    rows: z.array(candidateRowSchema),
    removedAttemptIds: z.array(attemptIdSchema),
    summary: roomSummarySchema,
  })
  .strict();

/** A full or delta room snapshot. */
export type RoomSnapshot = z.infer<typeof roomSnapshotSchema>;
