/**
 * The exam room's realtime module: mounts the `/exam` namespace on the server's socket.io, starts
 * the deadline scheduler (auto-submit, restart-safe) and routes domain-event listener errors to the
 * logger. Everything is stopped when the HTTP server closes. `main.ts` passes
 * {@link attachRealtime} in `realtimeModules`.
 */
import type { Server as IoServer } from 'socket.io';
import { attemptCache } from '../domain/attempts/attempt-cache';
import { startDeadlineScheduler, type DeadlineScheduler } from '../domain/attempts/deadline-scheduler';
import type { AnswerWriter } from '../domain/attempts/save-answer';
import { domainEvents } from '../domain/events';
import type { AppContext } from '../http/context';
import { mountExamNamespace } from './exam-namespace';
import type { TokenBucketOptions } from './token-bucket';

/** Options of {@link attachExamRoom} (tests and benchmarks; production uses the defaults). */
export interface ExamRoomOptions {
  rateLimit?: TokenBucketOptions;
  /** Answer store; the database by default. */
  answerWriter?: AnswerWriter;
  /** Period of the overdue-deadline sweep in milliseconds (default 5 000). */
  sweepIntervalMs?: number;
  /** Delay before a superseded socket is closed, in milliseconds (default 250). */
  supersedeCloseDelayMs?: number;
}

/** A running exam room. */
export interface ExamRoomHandle {
  scheduler: DeadlineScheduler;
  /** Stops the scheduler and the event fan-out (also done when the HTTP server closes). */
  stop(): void;
}

/**
 * Attaches the exam room to `io` with explicit options.
 * @throws whatever the scheduler's start-up read throws (database unavailable).
 */
export async function attachExamRoom(io: IoServer, context: AppContext, options: ExamRoomOptions = {}): Promise<ExamRoomHandle> {
  const logger = context.logger;
  domainEvents.setErrorReporter((error, eventName) => logger.error({ err: error, eventName }, 'domain event listener failed'));
  const unmount = mountExamNamespace(io, {
    sessionSecret: context.config.sessionSecret,
    logger,
    bus: domainEvents,
    rateLimit: options.rateLimit,
    answerWriter: options.answerWriter,
    supersedeCloseDelayMs: options.supersedeCloseDelayMs,
  });
  let scheduler: DeadlineScheduler;
  try {
    scheduler = await startDeadlineScheduler({ logger, sweepIntervalMs: options.sweepIntervalMs });
  } catch (error) {
    unmount();
    throw error;
  }
  let isStopped = false;
  const stop = () => {
    if (isStopped) return;
    isStopped = true;
    scheduler.stop();
    unmount();
    attemptCache.clear();
  };
  const httpServer = (io as IoServer & { httpServer?: { once(event: 'close', listener: () => void): unknown } }).httpServer;
  httpServer?.once('close', stop);
  return { scheduler, stop };
}

/**
 * The realtime module of the exam room (`RealtimeModule` of main.ts): {@link attachExamRoom} with
 * the production defaults.
 */
export async function attachRealtime(io: IoServer, context: AppContext): Promise<void> {
  await attachExamRoom(io, context);
}
