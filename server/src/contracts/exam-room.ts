/**
 * Exam room contracts (issue 7): zod schemas and inferred types of every socket payload of the
 * `/exam` namespace and of the exam HTTP routes. The protocol is described in
 * `server/src/realtime/README.md`.
 *
 * Candidates only ever see slot numbers (1-based display positions), displayed option indexes
 * (0-based, in the order shown to them), their own answers and times: never answer keys, bank item
 * ids, paper ids or other candidates' data (R17).
 *
 * Times are milliseconds since the Unix epoch (`…At`, `serverNow`); durations end in `Ms`.
 */
import { z } from 'zod';
import { objectIdSchema } from './common';

/** socket.io namespace of the candidate exam room. */
export const examNamespace = '/exam';

/** Socket event names (`area:action`, house rule 5). */
export const examEvents = {
  /** client → server, ack {@link AttemptJoinResult}. */
  join: 'attempt:join',
  /** client → server, ack {@link AttemptState}. */
  start: 'attempt:start',
  /** client → server, ack {@link AnswerSaved}. */
  answer: 'attempt:answer',
  /** client → server, ack {@link FlagSaved}. */
  flag: 'attempt:flag',
  /** client → server, ack {@link PositionSaved}. */
  position: 'attempt:position',
  /** client → server, ack {@link SubmitResult}. */
  submit: 'attempt:submit',
  /** client → server, ack `{ accepted: true }`. */
  telemetry: 'attempt:telemetry',
  /** server → client: full resumable state. */
  state: 'attempt:state',
  /** server → client: the timer changed (pause, resume, extension). */
  deadline: 'attempt:deadline',
  /** server → client: a proctor's message. */
  warning: 'attempt:warning',
  /** server → client: the attempt ended (candidate, deadline or proctor). */
  submitted: 'attempt:submitted',
  /** server → client: this connection waits for a proctor's approval of the device change. */
  held: 'attempt:held',
  /** server → client: another connection took over; this socket is closed right after. */
  superseded: 'session:superseded',
  /** server → client (room `exam:<batchId>`): a theory session opened; join again to get the attempt. */
  sessionOpened: 'session:opened',
} as const;

/** Milliseconds since the Unix epoch. */
export const epochMsSchema = z.number().int().nonnegative();

/** A 1-based slot number of the candidate's form. */
export const slotSchema = z.number().int().min(1, 'slot must be 1 or more').max(10_000);

/**
 * Selected options as displayed indexes (0-based, the candidate's order). Single and judge: one
 * index; multiple: one or more distinct indexes; `[]` clears the answer (counted as unanswered).
 * The per-item shape and range are checked against the form by `saveAnswer`.
 */
export const displayedResponseSchema = z.array(z.number().int().min(0).max(25)).max(26);

/** Attempt statuses (proctoring's `candidateStatuses`). */
export const attemptStatuses = ['waiting', 'in_progress', 'paused', 'submitted', 'voided'] as const;
export type AttemptStatus = (typeof attemptStatuses)[number];

/** Theory item types. */
export const formItemTypes = ['single', 'multiple', 'judge'] as const;

/** Submit reasons. */
export const submitReasons = ['candidate', 'deadline', 'proctor'] as const;

/** Telemetry types the exam client may report; the others are observed by the server. */
export const clientTelemetryTypes = [
  'focus_lost',
  'focus_regained',
  'visibility_hidden',
  'visibility_visible',
  'fullscreen_exit',
  'copy',
  'paste',
  'context_menu',
] as const;

// ----- client → server -----------------------------------------------------------------------

/** `attempt:join`: the attempt of the admission ticket signed in with, or `attemptId` explicitly. */
export const attemptJoinRequestSchema = z.object({ attemptId: objectIdSchema.optional() }).strict();
export type AttemptJoinRequest = z.infer<typeof attemptJoinRequestSchema>;

/** `attempt:start`: starts the joined attempt (the session must be open). */
export const attemptStartRequestSchema = z.object({}).strict();

/**
 * `attempt:answer`: `seq` increases with every change the client makes (per attempt; continue from
 * `lastSeq` of the state). An older seq never overwrites a newer one; a repeated seq is acknowledged
 * again without a write.
 */
export const attemptAnswerRequestSchema = z
  .object({ slot: slotSchema, response: displayedResponseSchema, seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) })
  .strict();
export type AttemptAnswerRequest = z.infer<typeof attemptAnswerRequestSchema>;

/** `attempt:flag`: marks a slot for review (set semantics, not a toggle). */
export const attemptFlagRequestSchema = z.object({ slot: slotSchema, isFlagged: z.boolean() }).strict();
export type AttemptFlagRequest = z.infer<typeof attemptFlagRequestSchema>;

/** `attempt:position`: the slot on screen, restored on resume. */
export const attemptPositionRequestSchema = z.object({ slot: slotSchema }).strict();
export type AttemptPositionRequest = z.infer<typeof attemptPositionRequestSchema>;

/** `attempt:submit`: the candidate hands in. */
export const attemptSubmitRequestSchema = z.object({}).strict();

/** `attempt:telemetry`: a browser event with the client's clock; never blocked, only recorded. */
export const attemptTelemetryRequestSchema = z.object({ type: z.enum(clientTelemetryTypes), at: epochMsSchema }).strict();
export type AttemptTelemetryRequest = z.infer<typeof attemptTelemetryRequestSchema>;

// ----- server → client -----------------------------------------------------------------------

/** One item as the candidate sees it: key-free, options in the candidate's order. */
export const formItemViewSchema = z
  .object({
    slot: slotSchema,
    /** Number printed next to the item (equals `slot`: continuous numbering 1..n). */
    number: z.number().int().min(1),
    type: z.enum(formItemTypes),
    points: z.number().nonnegative(),
    stem: z.string(),
    /** Displayed options; judge items keep 正确/错误. */
    options: z.array(z.string()),
    images: z.array(z.string()).optional(),
  })
  .strict();
export type FormItemView = z.infer<typeof formItemViewSchema>;

/** A stored answer. */
export const savedAnswerViewSchema = z.object({ response: displayedResponseSchema, seq: z.number().int(), savedAt: epochMsSchema }).strict();
export type SavedAnswerView = z.infer<typeof savedAnswerViewSchema>;

/**
 * Full resumable state (`attempt:state`, join and start acknowledgements). `form.items` is empty
 * while `waiting` (the paper is shown only after the start). `answers` is keyed by slot number.
 * `remainingMs` is as of `serverNow`; clients compute their clock offset as `serverNow - Date.now()`
 * on receipt and count down to `deadlineAt` (frozen while `paused`).
 */
export const attemptStateSchema = z
  .object({
    attemptId: objectIdSchema,
    batchId: objectIdSchema,
    sessionId: objectIdSchema,
    status: z.enum(attemptStatuses),
    form: z
      .object({ items: z.array(formItemViewSchema), totalCount: z.number().int().nonnegative(), totalPoints: z.number().nonnegative() })
      .strict(),
    answers: z.record(z.string().regex(/^\d+$/), savedAnswerViewSchema),
    flaggedSlots: z.array(slotSchema),
    position: slotSchema.nullable(),
    /** Highest seq stored for any slot; the client continues above it. */
    lastSeq: z.number().int().nonnegative(),
    durationMs: z.number().int().nonnegative(),
    startedAt: epochMsSchema.nullable(),
    deadlineAt: epochMsSchema.nullable(),
    pausedAt: epochMsSchema.nullable(),
    remainingMs: z.number().int().nonnegative().nullable(),
    serverNow: epochMsSchema,
    submittedAt: epochMsSchema.nullable(),
    submitReason: z.enum(submitReasons).nullable(),
    /** Increases with every status, deadline or connection change. */
    stateVersion: z.number().int().nonnegative(),
  })
  .strict();
export type AttemptState = z.infer<typeof attemptStateSchema>;

/** The session a candidate's admission ticket belongs to. */
export const examSessionViewSchema = z
  .object({
    batchId: objectIdSchema,
    sessionId: objectIdSchema,
    status: z.enum(['scheduled', 'open', 'closed']),
    startsAt: epochMsSchema,
    durationMinutes: z.number().int().positive(),
    lateEntryUntil: epochMsSchema,
  })
  .strict();
export type ExamSessionView = z.infer<typeof examSessionViewSchema>;

/**
 * Acknowledgement data of `attempt:join`: `connection` is `active` (this socket drives the attempt),
 * `held` (another device holds it; wait for `attempt:state` after a proctor's approval) or `none`
 * (no attempt yet: the session is not open; wait for `session:opened`).
 */
export const attemptJoinResultSchema = z
  .object({
    connection: z.enum(['active', 'held', 'none']),
    session: examSessionViewSchema,
    attempt: attemptStateSchema.nullable(),
  })
  .strict();
export type AttemptJoinResult = z.infer<typeof attemptJoinResultSchema>;

/**
 * Acknowledgement data of `attempt:answer`. `isDuplicate`: this seq was already stored (no write);
 * `isStale`: a newer seq (`storedSeq`) is stored for the slot, this one was ignored. Either way the
 * client drops the save from its outbox.
 */
export const answerSavedSchema = z
  .object({
    slot: slotSchema,
    seq: z.number().int(),
    storedSeq: z.number().int(),
    savedAt: epochMsSchema,
    isDuplicate: z.boolean(),
    isStale: z.boolean(),
  })
  .strict();
export type AnswerSaved = z.infer<typeof answerSavedSchema>;

/** Acknowledgement data of `attempt:flag`. */
export const flagSavedSchema = z.object({ slot: slotSchema, isFlagged: z.boolean(), flaggedCount: z.number().int().nonnegative() }).strict();
export type FlagSaved = z.infer<typeof flagSavedSchema>;

/** Acknowledgement data of `attempt:position`. */
export const positionSavedSchema = z.object({ slot: slotSchema }).strict();
export type PositionSaved = z.infer<typeof positionSavedSchema>;

/** Acknowledgement data of `attempt:submit` and payload of `attempt:submitted`. */
export const submitResultSchema = z
  .object({
    attemptId: objectIdSchema,
    status: z.literal('submitted'),
    submittedAt: epochMsSchema,
    submitReason: z.enum(submitReasons),
    answeredCount: z.number().int().nonnegative(),
    unansweredCount: z.number().int().nonnegative(),
    flaggedCount: z.number().int().nonnegative(),
    totalCount: z.number().int().nonnegative(),
  })
  .strict();
export type SubmitResult = z.infer<typeof submitResultSchema>;

/** Payload of `attempt:deadline`. */
export const deadlineChangeSchema = z
  .object({
    attemptId: objectIdSchema,
    status: z.enum(['in_progress', 'paused']),
    deadlineAt: epochMsSchema,
    pausedAt: epochMsSchema.nullable(),
    remainingMs: z.number().int().nonnegative(),
    serverNow: epochMsSchema,
    /** What moved the timer. */
    cause: z.enum(['paused', 'resumed', 'extended']),
    extraMs: z.number().int().optional(),
  })
  .strict();
export type DeadlineChange = z.infer<typeof deadlineChangeSchema>;

/** Payload of `attempt:warning`. */
export const attemptWarningSchema = z.object({ attemptId: objectIdSchema, message: z.string(), at: epochMsSchema }).strict();
export type AttemptWarning = z.infer<typeof attemptWarningSchema>;

/** Payload of `attempt:held`. */
export const attemptHeldSchema = z.object({ attemptId: objectIdSchema, requestedAt: epochMsSchema }).strict();
export type AttemptHeld = z.infer<typeof attemptHeldSchema>;

/** Payload of `session:superseded`. */
export const sessionSupersededSchema = z
  .object({ attemptId: objectIdSchema, reason: z.enum(['device_change_approved', 'replaced_by_same_login']), at: epochMsSchema })
  .strict();
export type SessionSuperseded = z.infer<typeof sessionSupersededSchema>;

/** Payload of `session:opened`. */
export const sessionOpenedSchema = z.object({ batchId: objectIdSchema, sessionId: objectIdSchema, at: epochMsSchema }).strict();
export type SessionOpened = z.infer<typeof sessionOpenedSchema>;

/** Error JSON of a failed acknowledgement (as in `errors.ts`). */
export const ackErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

/** Every acknowledgement: `{ ok: true, data } | { ok: false, error }` (house rule 3). */
export type Ack<Data> = { ok: true; data: Data } | { ok: false; error: z.infer<typeof ackErrorSchema> };

// ----- HTTP ----------------------------------------------------------------------------------

/** Path parameters of POST /api/exam/batches/:batchId/sessions/:sessionId/open. */
export const openSessionParamsSchema = z.object({ batchId: objectIdSchema, sessionId: objectIdSchema }).strict();

/** Answer of POST …/open. */
export const openSessionResultSchema = z
  .object({
    batchId: objectIdSchema,
    sessionId: objectIdSchema,
    status: z.literal('open'),
    attemptsCreated: z.number().int().nonnegative(),
    attemptCount: z.number().int().nonnegative(),
    /** Candidates per paper position of the library (balanced: counts differ by at most 1). */
    candidatesPerPaper: z.array(z.number().int().nonnegative()),
  })
  .strict();
export type OpenSessionResult = z.infer<typeof openSessionResultSchema>;

/** Answer of GET /api/exam/attempts/current (the signed-in ticket's session and attempt summary). */
export const currentAttemptSchema = z
  .object({
    session: examSessionViewSchema,
    attempt: z
      .object({
        attemptId: objectIdSchema,
        status: z.enum(attemptStatuses),
        totalCount: z.number().int().nonnegative(),
        deadlineAt: epochMsSchema.nullable(),
        submittedAt: epochMsSchema.nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type CurrentAttempt = z.infer<typeof currentAttemptSchema>;
