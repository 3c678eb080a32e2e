/**
 * Progress forwarding (house rule 5): a realtime module that mounts the staff namespace
 * `/progress` and forwards long-running domain events to the browsers that wait for them:
 *
 * | domain event | socket event | room |
 * |---|---|---|
 * | `bank.import_progress` (R1 import: parse / write) | `bank:import_progress` | `user:<userId>` of the uploading user |
 * | `certificates.render_progress` (R15 batch render) | `certificates:render_progress` | `user:<userId>` when the event names the acting user, else `certificate-staff:<organisationId>` |
 *
 * The handshake resolves the `skillcert_session` cookie like the HTTP middleware and the `/exam`
 * namespace (identity `resolveSession`); candidates are refused (`forbidden`), missing or expired
 * sessions get `unauthenticated`, both as `connect_error` with `error.data = { code, message }`.
 * Every staff socket joins `user:<userId>`; administrators and HR staff — the roles that may render
 * certificates — also join `certificate-staff:<organisationId>`, because the certificate render
 * event carries the organisation and batch but no user.
 *
 * The namespace takes no client messages. Events are emitted through the adapter, so with Redis
 * (`REDIS_URL`) a user connected to another process still receives them.
 */
import cookieParser from 'cookie-parser';
import type { Namespace, Server as IoServer, Socket } from 'socket.io';
import '../domain/bank/bank-events';
import type { BankImportProgressEvent } from '../domain/bank/bank-events';
import '../domain/certificates/certificate-events';
import type { CertificateRenderProgressEvent } from '../domain/certificates/certificate-events';
import { domainEvents, type DomainEventBus } from '../domain/events';
import type { Actor } from '../domain/identity/actor';
import { resolveSession, sessionCookieName } from '../domain/identity/session-tokens';
import { AppError } from '../errors';
import type { AppContext } from '../http/context';
import type { Logger } from '../logger';

/** The namespace staff browsers connect to for progress events. */
export const progressNamespace = '/progress';

/** Socket events sent by {@link mountProgressForwarding} (server → client only). */
export const progressEvents = {
  bankImport: 'bank:import_progress',
  certificateRender: 'certificates:render_progress',
} as const;

/** Payload of `bank:import_progress`: `done` of `total` rows parsed (`parse`) or items written (`write`). */
export interface BankImportProgressMessage {
  importId: string;
  scopeId: string;
  phase: BankImportProgressEvent['phase'];
  done: number;
  total: number;
}

/** Payload of `certificates:render_progress`: `completed` of `total` PDFs of run `jobId`; `at` in ms epoch. */
export interface CertificateRenderProgressMessage {
  batchId: string;
  jobId: string;
  completed: number;
  total: number;
  at: number;
}

/** Server → client events of `/progress`. */
export interface ProgressServerEvents {
  'bank:import_progress': (message: BankImportProgressMessage) => void;
  'certificates:render_progress': (message: CertificateRenderProgressMessage) => void;
}

/** Per-socket data set by the handshake. */
export interface ProgressSocketData {
  actor: Actor;
}

type ProgressNamespace = Namespace<Record<string, never>, ProgressServerEvents, Record<string, never>, ProgressSocketData>;
type ProgressSocket = Socket<Record<string, never>, ProgressServerEvents, Record<string, never>, ProgressSocketData>;

/** Roles that may render certificates (the `/api/batches/:batchId/certificates/render` route). */
export const certificateRenderRoles = ['admin', 'hr'] as const;

/** Room of one user's progress sockets (every tab, every process). */
export const userRoom = (userId: string) => `user:${userId}`;
/** Room of the organisation's certificate staff. */
export const certificateStaffRoom = (organisationId: string) => `certificate-staff:${organisationId}`;

/** Options of {@link mountProgressForwarding}. */
export interface ProgressForwardingOptions {
  sessionSecret: string;
  logger: Logger;
  /** Event bus to follow (default: the process's `domainEvents`). */
  bus?: DomainEventBus;
}

const parseCookies = cookieParser();

function readSessionCookie(socket: ProgressSocket): Promise<string | undefined> {
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
 * Which rooms a certificate render event goes to: the acting user's room when the event names a
 * `userId`, otherwise the organisation's certificate staff room (R15 render progress).
 */
export function certificateRenderRooms(event: CertificateRenderProgressEvent & { userId?: string }): string[] {
  return typeof event.userId === 'string' && event.userId !== '' ? [userRoom(event.userId)] : [certificateStaffRoom(event.organisationId)];
}

/**
 * Mounts `/progress` on `io` (staff handshake, rooms of the module comment) and subscribes the
 * forwarding of `bank.import_progress` and `certificates.render_progress` to the bus.
 * @returns a function that unsubscribes the forwarding (the namespace closes with `io`).
 */
export function mountProgressForwarding(io: IoServer, options: ProgressForwardingOptions): () => void {
  const nsp = io.of(progressNamespace) as unknown as ProgressNamespace;
  const logger = options.logger.child({ component: 'progress-forwarding' });
  const bus = options.bus ?? domainEvents;

  nsp.use(async (socket, next) => {
    try {
      const resolved = await resolveSession(await readSessionCookie(socket), options.sessionSecret);
      if (!resolved) return next(handshakeError(new AppError('unauthenticated', 'Sign in first: no valid session')));
      if (resolved.actor.roles.every((role) => role === 'candidate')) {
        return next(handshakeError(new AppError('forbidden', 'Progress events are for staff; candidates use /exam')));
      }
      socket.data = { actor: resolved.actor };
      next();
    } catch (error) {
      logger.error({ err: error }, 'progress handshake failed');
      next(handshakeError(error instanceof AppError ? error : new AppError('internal', 'Internal error')));
    }
  });

  nsp.on('connection', (socket) => {
    const { actor } = socket.data;
    const rooms = [userRoom(actor.userId)];
    if (actor.roles.some((role) => (certificateRenderRoles as readonly string[]).includes(role))) rooms.push(certificateStaffRoom(actor.organisationId));
    void socket.join(rooms);
  });

  const unsubscribes = [
    bus.on('bank.import_progress', (event) => {
      const message: BankImportProgressMessage = { importId: event.importId, scopeId: event.scopeId, phase: event.phase, done: event.done, total: event.total };
      nsp.to(userRoom(event.userId)).emit(progressEvents.bankImport, message);
    }),
    bus.on('certificates.render_progress', (event) => {
      const message: CertificateRenderProgressMessage = { batchId: event.batchId, jobId: event.jobId, completed: event.completed, total: event.total, at: event.at };
      nsp.to(certificateRenderRooms(event)).emit(progressEvents.certificateRender, message);
    }),
  ];
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

/**
 * The progress realtime module (`RealtimeModule` of main.ts): {@link mountProgressForwarding} with
 * the process's event bus, unsubscribed when the HTTP server closes.
 */
export function attachProgressForwarding(io: IoServer, context: AppContext): void {
  const unmount = mountProgressForwarding(io, { sessionSecret: context.config.sessionSecret, logger: context.logger });
  const httpServer = (io as IoServer & { httpServer?: { once(event: 'close', listener: () => void): unknown } }).httpServer;
  httpServer?.once('close', unmount);
}
