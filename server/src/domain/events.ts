/**
 * The typed in-process domain event bus (house rule 5): use cases emit after their change is
 * stored; the realtime layer (exam room), proctoring and the deadline scheduler listen. Delivery is
 * synchronous and in-process only; cross-process fan-out is the realtime layer's job (socket.io
 * rooms through the Redis adapter), so every process's listeners see the events of the use cases
 * that ran in that process.
 *
 * Times are milliseconds since the Unix epoch (`at`, `…At`); durations end in `Ms`.
 */
import type { CandidateEvent } from '@skillcert/proctoring/events';

/** Who an attempt event is about; present on every `attempt.*` event. */
export interface AttemptEventBase {
  attemptId: string;
  organisationId: string;
  batchId: string;
  /** Theory session of the batch. */
  sessionId: string;
  /** Exam room 考场 of the candidate's registration. */
  roomId: string;
  candidateId: string;
  /** When the change was stored (server time, ms epoch). */
  at: number;
}

/** Why an attempt was submitted. */
export type SubmitReason = 'candidate' | 'deadline' | 'proctor';

/** Every domain event and its payload. */
export interface DomainEventMap {
  /** A theory session was opened; `attemptsCreated` waiting attempts were prepared. */
  'session.opened': {
    organisationId: string;
    batchId: string;
    sessionId: string;
    roomId: string;
    attemptsCreated: number;
    at: number;
  };
  /** The candidate started: the timer runs until `deadlineAt`; `totalCount` items on the form. */
  'attempt.started': AttemptEventBase & { startedAt: number; deadlineAt: number; totalCount: number };
  /**
   * An answer was stored durably. `answeredCount` counts slots with a non-empty response as known to
   * this process (exact while the candidate's active socket is served here).
   */
  'attempt.answered': AttemptEventBase & { slot: number; seq: number; isCleared: boolean; answeredCount: number };
  /** A slot was flagged or unflagged; `flaggedCount` after the change. */
  'attempt.flagged': AttemptEventBase & { slot: number; isFlagged: boolean; flaggedCount: number };
  /** The attempt ended; counts as stored. */
  'attempt.submitted': AttemptEventBase & {
    reason: SubmitReason;
    submittedAt: number;
    answeredCount: number;
    flaggedCount: number;
    totalCount: number;
  };
  /** A proctor stopped the timer; `remainingMs` is frozen until resume. */
  'attempt.paused': AttemptEventBase & { pausedAt: number; remainingMs: number; reason: string; byUserId: string };
  /** The timer runs again; the deadline moved by the paused duration. */
  'attempt.resumed': AttemptEventBase & { deadlineAt: number; pausedMs: number; reason: string; byUserId: string };
  /**
   * The deadline moved by `extraMs` (status unchanged). `remainingMs` as of `at` (frozen while
   * paused); `pausedAt` is the start of the current pause, null while running.
   */
  'attempt.extended': AttemptEventBase & {
    extraMs: number;
    deadlineAt: number;
    remainingMs: number;
    pausedAt: number | null;
    status: 'in_progress' | 'paused';
    reason: string;
    byUserId: string;
  };
  /** A second connection (another device/login) asked for the attempt and is held. */
  'attempt.device_change_requested': AttemptEventBase & { socketId: string; ip?: string; userAgent?: string };
  /**
   * A proctor approved the held device: `socketId` becomes the active connection and
   * `previousSocketId` (if any) is superseded.
   */
  'attempt.device_change_approved': AttemptEventBase & {
    socketId: string;
    previousSocketId: string | null;
    reason: string;
    byUserId: string;
  };
  /**
   * The same login (same browser session) took the attempt over from an older socket (reload, second
   * tab, reconnect): `previousSocketId` is superseded without approval.
   */
  'attempt.connection_replaced': AttemptEventBase & { socketId: string; previousSocketId: string };
  /** A proctor's message to the candidate (R10 irregularity handling). */
  'attempt.warned': AttemptEventBase & { message: string; reason: string; byUserId: string };
  /**
   * Candidate telemetry, validated with proctoring's `candidateEventSchema` (client-reported
   * focus/visibility/fullscreen/copy/paste/context-menu with the client's clock; connection,
   * disconnect and second_login_attempt observed by the server).
   */
  'attempt.telemetry': AttemptEventBase & { event: CandidateEvent; receivedAt: number };
}

/** Name of a domain event. */
export type DomainEventName = keyof DomainEventMap;

/** A listener of one event. */
export type DomainEventHandler<Name extends DomainEventName> = (payload: DomainEventMap[Name]) => void;

/** Receives errors thrown by listeners (they never reach the emitting use case). */
export type ListenerErrorReporter = (error: unknown, eventName: DomainEventName) => void;

/**
 * A typed, synchronous event bus. Listeners run in subscription order inside `emit`; a throwing
 * listener is reported and skipped, so a failing subscriber never fails a stored change.
 */
export class DomainEventBus {
  private readonly handlers = new Map<DomainEventName, Set<(payload: never) => void>>();
  private reportError: ListenerErrorReporter = (error, eventName) => {
    process.emitWarning(`domain event listener of ${eventName} failed: ${(error as Error)?.stack ?? String(error)}`);
  };

  /**
   * Subscribes `handler` to `name`.
   * @returns a function that unsubscribes it.
   */
  on<Name extends DomainEventName>(name: Name, handler: DomainEventHandler<Name>): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    const stored = handler as (payload: never) => void;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  /** Delivers `payload` to every listener of `name`, synchronously. */
  emit<Name extends DomainEventName>(name: Name, payload: DomainEventMap[Name]): void {
    const set = this.handlers.get(name);
    if (!set || set.size === 0) return;
    for (const handler of [...set]) {
      try {
        (handler as DomainEventHandler<Name>)(payload);
      } catch (error) {
        this.reportError(error, name);
      }
    }
  }

  /** Number of listeners of `name` (tests, diagnostics). */
  listenerCount(name: DomainEventName): number {
    return this.handlers.get(name)?.size ?? 0;
  }

  /** Replaces the reporter of listener errors (the realtime layer routes them to pino). */
  setErrorReporter(reporter: ListenerErrorReporter): void {
    this.reportError = reporter;
  }
}

/** The process-wide bus every use case emits on. */
export const domainEvents = new DomainEventBus();
