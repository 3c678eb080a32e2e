/**
 * The `/exam` socket.io namespace (issue 7): handshake authentication from the session cookie,
 * thin handlers (rate limit → zod parse → one use case → acknowledgement) and the fan-out of the
 * attempt domain events to the rooms `exam:<batchId>` and `attempt:<attemptId>`. The protocol is
 * documented in ./README.md.
 *
 * Authority to change an attempt = membership of its `attempt:<id>` room (joined by an active
 * connection, granted remotely after a device-change approval, revoked when superseded), backed by
 * the database guard on the active login in every write.
 */
import cookieParser from 'cookie-parser';
import type { Namespace, Server as IoServer, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  attemptAnswerRequestSchema,
  attemptFlagRequestSchema,
  attemptJoinRequestSchema,
  attemptPositionRequestSchema,
  attemptStartRequestSchema,
  attemptSubmitRequestSchema,
  attemptTelemetryRequestSchema,
  examEvents,
  examNamespace,
  type Ack,
  type AttemptHeld,
  type AttemptJoinResult,
  type AttemptState,
  type AttemptWarning,
  type DeadlineChange,
  type SessionOpened,
  type SessionSuperseded,
  type SubmitResult,
} from '../contracts/exam-room';
import { flagItem } from '../domain/attempts/flag-item';
import { joinAttempt, loadAttemptStateForApprovedConnection } from '../domain/attempts/join-attempt';
import { emitServerTelemetry, recordTelemetry } from '../domain/attempts/record-telemetry';
import { saveAnswer, type AnswerWriter } from '../domain/attempts/save-answer';
import { setPosition } from '../domain/attempts/set-position';
import { startAttempt } from '../domain/attempts/start-attempt';
import { submitAttempt } from '../domain/attempts/submit-attempt';
import type { DomainEventBus } from '../domain/events';
import type { Actor } from '../domain/identity/actor';
import { resolveSession, sessionCookieName } from '../domain/identity/session-tokens';
import { assertDatabaseConnected } from '../db/connect';
import { AppError, toErrorBody } from '../errors';
import type { Logger } from '../logger';
import { parseInput } from '../http/validate';
import { TokenBucket, examRoomRateLimit, type TokenBucketOptions } from './token-bucket';

/** Events the server sends to candidates. */
export interface ExamServerEvents {
  'attempt:state': (state: AttemptState) => void;
  'attempt:deadline': (change: DeadlineChange) => void;
  'attempt:warning': (warning: AttemptWarning) => void;
  'attempt:submitted': (result: SubmitResult) => void;
  'attempt:held': (held: AttemptHeld) => void;
  'session:superseded': (superseded: SessionSuperseded) => void;
  'session:opened': (opened: SessionOpened) => void;
}

/** Per-socket data set by the handshake. */
export interface ExamSocketData {
  actor: Actor;
  /** Identity session id of the login (the device/browser). */
  authSessionId: string;
  ip: string;
  userAgent: string;
  bucket: TokenBucket;
  /** The joined attempt (active or held). */
  attemptId: string | null;
}

type ExamNamespace = Namespace<Record<string, (...args: unknown[]) => void>, ExamServerEvents, Record<string, never>, ExamSocketData>;
type ExamSocket = Socket<Record<string, (...args: unknown[]) => void>, ExamServerEvents, Record<string, never>, ExamSocketData>;

/** Room of a batch's candidates (session-level announcements only). */
export const examRoom = (batchId: string) => `exam:${batchId}`;
/** Room of an attempt's active connection. */
export const attemptRoom = (attemptId: string) => `attempt:${attemptId}`;

/** Options of {@link mountExamNamespace}. */
export interface ExamNamespaceOptions {
  sessionSecret: string;
  logger: Logger;
  bus: DomainEventBus;
  /** Per-socket rate limit (default {@link examRoomRateLimit}). */
  rateLimit?: TokenBucketOptions;
  /** Answer store (benchmarks measure the path without the database); the database by default. */
  answerWriter?: AnswerWriter;
  /** Delay between `session:superseded` and closing the superseded socket (default 250 ms). */
  supersedeCloseDelayMs?: number;
}

const parseCookies = cookieParser();

function readCookieToken(socket: ExamSocket): Promise<string | undefined> {
  const request = socket.request as typeof socket.request & { cookies?: Record<string, unknown> };
  return new Promise((resolve) => {
    parseCookies(request as never, {} as never, () => {
      const value = request.cookies?.[sessionCookieName];
      resolve(typeof value === 'string' && value !== '' ? value : undefined);
    });
  });
}

function handshakeError(error: AppError): Error & { data: unknown } {
  return Object.assign(new Error(error.message), { data: error.toBody().error });
}

/**
 * Mounts `/exam` on `io` and subscribes the fan-out to `bus`.
 * @returns a function that unsubscribes the fan-out (the namespace itself closes with `io`).
 */
export function mountExamNamespace(io: IoServer, options: ExamNamespaceOptions): () => void {
  const nsp = io.of(examNamespace) as unknown as ExamNamespace;
  const logger = options.logger.child({ component: 'exam-room' });
  const rateLimit = options.rateLimit ?? examRoomRateLimit;
  const closeDelayMs = options.supersedeCloseDelayMs ?? 250;

  nsp.use(async (socket, next) => {
    try {
      const resolved = await resolveSession(await readCookieToken(socket), options.sessionSecret);
      if (!resolved) return next(handshakeError(new AppError('unauthenticated', 'Sign in first: no valid session')));
      if (!resolved.actor.roles.includes('candidate')) {
        return next(handshakeError(new AppError('forbidden', 'The exam room is for candidates; proctors use /proctor')));
      }
      const userAgent = socket.handshake.headers['user-agent'];
      socket.data = {
        actor: resolved.actor,
        authSessionId: resolved.sessionId,
        ip: socket.handshake.address,
        userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 300) : '',
        bucket: new TokenBucket(rateLimit),
        attemptId: null,
      };
      next();
    } catch (error) {
      logger.error({ err: error }, 'exam handshake failed');
      next(handshakeError(error instanceof AppError ? error : new AppError('internal', 'Internal error')));
    }
  });

  /** Registers a handler: rate limit → zod → use case → `{ ok, data } | { ok: false, error }`. */
  const handle = <Schema extends z.ZodType, Data>(
    socket: ExamSocket,
    event: string,
    schema: Schema,
    run: (input: z.output<Schema>) => Promise<Data>,
  ): void => {
    socket.on(event, async (...args: unknown[]) => {
      const reply = args.find((arg): arg is (ack: Ack<Data>) => void => typeof arg === 'function');
      const payload = typeof args[0] === 'function' ? undefined : args[0];
      if (!reply) return;
      if (!socket.data.bucket.tryTake()) {
        reply({
          ok: false,
          error: { code: 'rate_limited', message: `Too many messages; retry in ${socket.data.bucket.retryAfterMs} ms`, details: { retryAfterMs: socket.data.bucket.retryAfterMs } },
        });
        return;
      }
      try {
        const input = parseInput(schema, payload ?? {}, event);
        assertDatabaseConnected();
        reply({ ok: true, data: await run(input) });
      } catch (error) {
        if (!(error instanceof AppError)) logger.error({ err: error, event, userId: socket.data.actor.userId }, 'exam handler failed');
        const body = toErrorBody(error).error;
        reply({ ok: false, error: body.code === 'internal' ? { code: 'internal', message: 'Internal error' } : body });
      }
    });
  };

  /** The joined attempt of an active connection. */
  const requireActive = (socket: ExamSocket): string => {
    const attemptId = socket.data.attemptId;
    if (!attemptId) throw new AppError('precondition_failed', 'Join the attempt first (attempt:join)');
    if (!socket.rooms.has(attemptRoom(attemptId))) {
      throw new AppError('precondition_failed', 'This connection is held or superseded: another device holds the attempt', { connection: 'held' });
    }
    return attemptId;
  };

  nsp.on('connection', (socket) => {
    const { actor, authSessionId } = socket.data;

    handle(socket, examEvents.join, attemptJoinRequestSchema, async (input): Promise<AttemptJoinResult> => {
      const joined = await joinAttempt({
        actor,
        attemptId: input.attemptId,
        authSessionId,
        socketId: socket.id,
        ip: socket.data.ip,
        userAgent: socket.data.userAgent,
      });
      await socket.join(examRoom(joined.batchId));
      if (socket.data.attemptId && socket.data.attemptId !== joined.attemptId) await socket.leave(attemptRoom(socket.data.attemptId));
      socket.data.attemptId = joined.attemptId;
      if (joined.attemptId && joined.connection === 'active') {
        await socket.join(attemptRoom(joined.attemptId));
        void emitServerTelemetry({ attemptId: joined.attemptId, type: 'connection', ip: socket.data.ip, userAgent: socket.data.userAgent }).catch(
          (error: unknown) => logger.warn({ err: error }, 'connection telemetry failed'),
        );
      } else if (joined.attemptId && joined.connection === 'held') {
        await socket.leave(attemptRoom(joined.attemptId));
        socket.emit('attempt:held', { attemptId: joined.attemptId, requestedAt: joined.requestedAt ?? Date.now() });
      }
      return { connection: joined.connection, session: joined.session, attempt: joined.attempt };
    });

    handle(socket, examEvents.start, attemptStartRequestSchema, async () => startAttempt({ attemptId: requireActive(socket), actor, authSessionId }));

    handle(socket, examEvents.answer, attemptAnswerRequestSchema, async (input) =>
      saveAnswer({ attemptId: requireActive(socket), slot: input.slot, response: input.response, seq: input.seq, actor, authSessionId }, options.answerWriter),
    );

    handle(socket, examEvents.flag, attemptFlagRequestSchema, async (input) =>
      flagItem({ attemptId: requireActive(socket), slot: input.slot, isFlagged: input.isFlagged, actor, authSessionId }),
    );

    handle(socket, examEvents.position, attemptPositionRequestSchema, async (input) =>
      setPosition({ attemptId: requireActive(socket), slot: input.slot, actor, authSessionId }),
    );

    handle(socket, examEvents.submit, attemptSubmitRequestSchema, async () => submitAttempt({ attemptId: requireActive(socket), actor, authSessionId }));

    handle(socket, examEvents.telemetry, attemptTelemetryRequestSchema, async (input) => {
      const attemptId = socket.data.attemptId;
      if (!attemptId) throw new AppError('precondition_failed', 'Join the attempt first (attempt:join)');
      await recordTelemetry({ attemptId, actor, report: input });
      return { accepted: true as const };
    });

    socket.on('disconnecting', () => {
      // Rooms are still known here (emptied before 'disconnect'): report only the active connection.
      const attemptId = socket.data.attemptId;
      if (attemptId && socket.rooms.has(attemptRoom(attemptId))) {
        void emitServerTelemetry({ attemptId, type: 'disconnect' }).catch(() => undefined);
      }
    });
  });

  // ----- fan-out of domain events (only those of use cases run in this process; the adapter
  // carries the emits to sockets on other processes) -----
  const supersede = (socketId: string, attemptId: string, reason: SessionSuperseded['reason']) => {
    nsp.to(socketId).emit('session:superseded', { attemptId, reason, at: Date.now() });
    nsp.in(socketId).socketsLeave(attemptRoom(attemptId));
    setTimeout(() => nsp.in(socketId).disconnectSockets(true), closeDelayMs).unref();
  };

  const unsubscribes = [
    options.bus.on('session.opened', (event) => {
      nsp.to(examRoom(event.batchId)).emit('session:opened', { batchId: event.batchId, sessionId: event.sessionId, at: event.at });
    }),
    options.bus.on('attempt.submitted', (event) => {
      nsp.to(attemptRoom(event.attemptId)).emit('attempt:submitted', {
        attemptId: event.attemptId,
        status: 'submitted',
        submittedAt: event.submittedAt,
        submitReason: event.reason,
        answeredCount: event.answeredCount,
        unansweredCount: Math.max(0, event.totalCount - event.answeredCount),
        flaggedCount: event.flaggedCount,
        totalCount: event.totalCount,
      });
    }),
    options.bus.on('attempt.paused', (event) => {
      nsp.to(attemptRoom(event.attemptId)).emit('attempt:deadline', {
        attemptId: event.attemptId,
        status: 'paused',
        deadlineAt: event.pausedAt + event.remainingMs,
        pausedAt: event.pausedAt,
        remainingMs: event.remainingMs,
        serverNow: Date.now(),
        cause: 'paused',
      });
    }),
    options.bus.on('attempt.resumed', (event) => {
      const serverNow = Date.now();
      nsp.to(attemptRoom(event.attemptId)).emit('attempt:deadline', {
        attemptId: event.attemptId,
        status: 'in_progress',
        deadlineAt: event.deadlineAt,
        pausedAt: null,
        remainingMs: Math.max(0, event.deadlineAt - serverNow),
        serverNow,
        cause: 'resumed',
      });
    }),
    options.bus.on('attempt.extended', (event) => {
      nsp.to(attemptRoom(event.attemptId)).emit('attempt:deadline', {
        attemptId: event.attemptId,
        status: event.status,
        deadlineAt: event.deadlineAt,
        pausedAt: event.pausedAt,
        remainingMs: event.status === 'paused' ? event.remainingMs : Math.max(0, event.deadlineAt - Date.now()),
        serverNow: Date.now(),
        cause: 'extended',
        extraMs: event.extraMs,
      });
    }),
    options.bus.on('attempt.warned', (event) => {
      nsp.to(attemptRoom(event.attemptId)).emit('attempt:warning', { attemptId: event.attemptId, message: event.message, at: event.at });
    }),
    options.bus.on('attempt.connection_replaced', (event) => {
      supersede(event.previousSocketId, event.attemptId, 'replaced_by_same_login');
    }),
    options.bus.on('attempt.device_change_approved', (event) => {
      if (event.previousSocketId && event.previousSocketId !== event.socketId) supersede(event.previousSocketId, event.attemptId, 'device_change_approved');
      nsp.in(event.socketId).socketsJoin(attemptRoom(event.attemptId));
      // The approved device is now the attempt's connection: proctoring shows it online (R10).
      void nsp
        .in(event.socketId)
        .fetchSockets()
        .then(([approved]) => {
          if (approved) return emitServerTelemetry({ attemptId: event.attemptId, type: 'connection', ip: approved.data.ip, userAgent: approved.data.userAgent });
        })
        .catch((error: unknown) => logger.warn({ err: error, attemptId: event.attemptId }, 'connection telemetry after device change failed'));
      void loadAttemptStateForApprovedConnection(event.attemptId)
        .then((state) => {
          if (state) nsp.to(event.socketId).emit('attempt:state', state);
        })
        .catch((error: unknown) => logger.error({ err: error, attemptId: event.attemptId }, 'state after device change failed'));
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
