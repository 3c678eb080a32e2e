/**
 * The proctoring realtime module (R10): mounts `/proctor` with the server backend and feeds it from
 * the domain event bus. `main.ts` passes {@link attachProctoring} in `realtimeModules`.
 *
 * Multi-process design (documented in ./README.md): domain events reach only the process whose use
 * case emitted them, so this process turns them into feed items and the namespace relays each item to
 * the other processes with `serverSideEmit` (Redis adapter, when `REDIS_URL` is set). Every process
 * therefore sees every candidate's events, keeps the dashboards of the rooms its own proctors watch
 * (rebuilt from the database on the first join) and evaluates the incident rules; incidents are
 * stored once thanks to their deterministic keys. Notices (actions, void requests, incident handling)
 * are emitted once, here, through the adapter.
 */
import type { Server as IoServer } from 'socket.io';
import type { AttemptContext } from '@skillcert/proctoring/incident-engine';
import { mountProctorNamespace, type ProctorNamespaceHandle, type ProctoringFeedItem } from '@skillcert/proctoring/namespace';
import { examNamespace } from '../../contracts/exam-room';
import type { AppContext } from '../../http/context';
import type { TokenBucketOptions } from '../../realtime/token-bucket';
import type { AttemptEventBase, DomainEventBus } from '../events';
import { domainEvents } from '../events';
import { createProctorBackend } from './proctor-backend';
import '../attempts/void-attempt';
import './proctoring-events';

/** Server → candidate event on `/exam` when a proctor's void request was confirmed. */
export const attemptVoidedEvent = 'attempt:voided';

/** Options of {@link attachProctoringRoom} (tests and benchmarks; production uses the defaults). */
export interface ProctoringOptions {
  /** Least time between two deltas of a room, ms (default 1 000). */
  snapshotMinIntervalMs?: number;
  /** Period of the time-based incident rules, ms (default 1 000). */
  tickIntervalMs?: number;
  /** Per-socket message budget of the console. */
  rateLimit?: TokenBucketOptions;
  /** Event bus to follow (default: the process's `domainEvents`). */
  bus?: DomainEventBus;
}

/** A running proctoring module. */
export interface ProctoringHandle {
  namespace: ProctorNamespaceHandle;
  /** Unsubscribes the feed and stops the namespace's timers (also done when the HTTP server closes). */
  stop(): void;
}

function contextOf(event: AttemptEventBase): AttemptContext {
  return {
    organisationId: event.organisationId,
    batchId: event.batchId,
    sessionId: event.sessionId,
    roomId: event.roomId,
    attemptId: event.attemptId,
    candidateId: event.candidateId,
  };
}

/**
 * Subscribes the proctoring feed and notices to `bus`.
 * @returns a function that unsubscribes everything
 */
export function subscribeProctoringFeed(bus: DomainEventBus, handle: ProctorNamespaceHandle, io: IoServer): () => void {
  const publish = (item: ProctoringFeedItem) => handle.publish(item);
  const lifecycle = (base: AttemptEventBase, event: Extract<ProctoringFeedItem, { kind: 'event' }>['event']) =>
    publish({ kind: 'event', context: contextOf(base), event, receivedAt: base.at });
  const unsubscribes = [
    bus.on('attempt.telemetry', (event) => publish({ kind: 'event', context: contextOf(event), event: event.event, receivedAt: event.receivedAt })),
    bus.on('attempt.started', (event) =>
      lifecycle(event, { type: 'attempt_started', attemptId: event.attemptId, at: event.startedAt, deadlineAt: event.deadlineAt, totalCount: event.totalCount }),
    ),
    bus.on('attempt.answered', (event) => lifecycle(event, { type: 'answer_saved', attemptId: event.attemptId, at: event.at, answeredCount: event.answeredCount })),
    bus.on('attempt.flagged', (event) => publish({ kind: 'row', context: contextOf(event), patch: { flaggedCount: event.flaggedCount } })),
    bus.on('attempt.paused', (event) => lifecycle(event, { type: 'attempt_paused', attemptId: event.attemptId, at: event.pausedAt })),
    bus.on('attempt.resumed', (event) => lifecycle(event, { type: 'attempt_resumed', attemptId: event.attemptId, at: event.at, deadlineAt: event.deadlineAt })),
    bus.on('attempt.extended', (event) =>
      lifecycle(event, { type: 'attempt_extended', attemptId: event.attemptId, at: event.at, extraMs: event.extraMs, deadlineAt: event.deadlineAt }),
    ),
    bus.on('attempt.device_change_approved', (event) => lifecycle(event, { type: 'device_change_approved', attemptId: event.attemptId, at: event.at })),
    bus.on('attempt.submitted', (event) =>
      lifecycle(event, {
        type: 'attempt_submitted',
        attemptId: event.attemptId,
        at: event.submittedAt,
        submittedBy: event.reason === 'proctor' ? 'forced' : event.reason === 'deadline' ? 'timeout' : 'candidate',
      }),
    ),
    bus.on('attempt.voided', (event) => {
      lifecycle(event, { type: 'attempt_voided', attemptId: event.attemptId, at: event.at });
      io.of(examNamespace).to(`attempt:${event.attemptId}`).emit(attemptVoidedEvent, { attemptId: event.attemptId, status: 'voided', at: event.at });
    }),
    bus.on('proctoring.attendance_marked', (event) =>
      lifecycle(event, { type: 'attendance_marked', attemptId: event.attemptId, at: event.at, attendance: event.attendance }),
    ),
    bus.on('proctoring.webcam_snapshot_stored', (event) =>
      publish({ kind: 'row', context: contextOf(event), patch: { latestSnapshotId: event.snapshotId, latestSnapshotAt: event.takenAt } }),
    ),
    bus.on('session.opened', (event) => publish({ kind: 'roster', sessionId: event.sessionId, roomId: event.roomId })),
    bus.on('proctoring.settings_updated', (event) => publish({ kind: 'settings', organisationId: event.organisationId })),
    bus.on('proctoring.action_recorded', (event) => handle.notify({ kind: 'action', view: event.view })),
    bus.on('proctoring.incident_handled', (event) => handle.notify({ kind: 'incident_handled', view: event.view })),
    bus.on('proctoring.void_requested', (event) => handle.notify({ kind: 'void_requested', view: event.view })),
    bus.on('proctoring.void_decided', (event) => handle.notify({ kind: 'void_decided', view: event.view })),
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

/**
 * Mounts `/proctor` on `io` and feeds it from the domain events, with explicit options.
 * @returns the namespace handle (stats for the benchmark) and stop.
 */
export async function attachProctoringRoom(io: IoServer, context: AppContext, options: ProctoringOptions = {}): Promise<ProctoringHandle> {
  const logger = context.logger.child({ component: 'proctoring' });
  const backend = createProctorBackend(io, { sessionSecret: context.config.sessionSecret, logger, rateLimit: options.rateLimit });
  const namespace = mountProctorNamespace(io, {
    backend,
    isClustered: Boolean(context.config.redisUrl),
    snapshotMinIntervalMs: options.snapshotMinIntervalMs,
    tickIntervalMs: options.tickIntervalMs,
  });
  const unsubscribe = subscribeProctoringFeed(options.bus ?? domainEvents, namespace, io);
  let isStopped = false;
  const stop = () => {
    if (isStopped) return;
    isStopped = true;
    unsubscribe();
    namespace.stop();
  };
  const httpServer = (io as IoServer & { httpServer?: { once(event: 'close', listener: () => void): unknown } }).httpServer;
  httpServer?.once('close', stop);
  return { namespace, stop };
}

/** The proctoring realtime module (`RealtimeModule` of main.ts) with the production defaults. */
export async function attachProctoring(io: IoServer, context: AppContext): Promise<void> {
  await attachProctoringRoom(io, context);
}
