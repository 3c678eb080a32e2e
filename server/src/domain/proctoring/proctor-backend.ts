/**
 * The server's implementation of the `/proctor` namespace's backend (R10): handshake authentication
 * from the session cookie (as `/exam` does), room authorization, room rebuilds from the database,
 * the proctor use cases, incident storage and settings. Handlers stay thin: each port calls one use
 * case (house rule 1).
 */
import type { Server as IoServer, Socket } from 'socket.io';
import type { ProctorNamespaceBackend, RoomOpening } from '@skillcert/proctoring/namespace';
import { examNamespace } from '../../contracts/exam-room';
import { AppError, toErrorBody } from '../../errors';
import type { Logger } from '../../logger';
import { TokenBucket, type TokenBucketOptions } from '../../realtime/token-bucket';
import { hasAnyRole, type Actor } from '../identity/actor';
import { resolveSession, sessionCookieName } from '../identity/session-tokens';
import { decideVoidRequest } from './decide-void-request';
import { listRoomActions, listRoomIncidents, listRoomVoidRequests } from './list-room-activity';
import { loadRoomRoster } from './load-room-roster';
import { loadIncidentSettings, loadProctoringSettings } from './proctoring-settings';
import { recordDutyJoin, recordDutyLeave } from './record-duty';
import { requestVoid } from './request-void';
import { resolveIncident } from './resolve-incident';
import { authorizeRoom } from './room-access';
import { runProctorAction } from './run-proctor-action';
import { storeIncident } from './store-incident';

/** Per-socket budget of the proctor console: bursts of 30, 10 messages per second. */
export const proctorRateLimit: TokenBucketOptions = { capacity: 30, refillPerSecond: 10 };

/** Staff roles that may open the proctor console. */
export const consoleRoles = ['exam_admin', 'proctor', 'supervisor'] as const;

/** Reads the session token from a Cookie header. */
export function readSessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== sessionCookieName) continue;
    try {
      const value = decodeURIComponent(part.slice(index + 1).trim());
      return value === '' ? undefined : value;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Which attempts have an active exam connection now: members of `attempt:<id>` rooms of `/exam` on
 * every process (through the adapter; this process only when another does not answer).
 */
export async function findOnlineAttemptIds(io: IoServer, attemptIds: readonly string[], logger?: Logger): Promise<Set<string>> {
  const rooms = attemptIds.map((attemptId) => `attempt:${attemptId}`);
  const exam = io.of(examNamespace);
  let sockets: Array<{ rooms: Set<string> }>;
  try {
    sockets = await exam.in(rooms).fetchSockets();
  } catch (error) {
    logger?.warn({ err: error }, 'proctoring: other processes did not answer fetchSockets; using this process only');
    sockets = await exam.local.in(rooms).fetchSockets();
  }
  const wanted = new Set(rooms);
  const online = new Set<string>();
  for (const socket of sockets) for (const room of socket.rooms) if (wanted.has(room)) online.add(room.slice('attempt:'.length));
  return online;
}

/**
 * The backend of `/proctor` on `io`.
 * @param options.sessionSecret the cookie HMAC secret; @param options.rateLimit per-socket budget.
 */
export function createProctorBackend(io: IoServer, options: { sessionSecret: string; logger: Logger; rateLimit?: TokenBucketOptions }): ProctorNamespaceBackend<Actor> {
  const logger = options.logger;
  const rateLimit = options.rateLimit ?? proctorRateLimit;
  return {
    logger,
    async authenticate(handshake: Socket['handshake']): Promise<Actor> {
      const header = handshake.headers.cookie;
      const resolved = await resolveSession(readSessionToken(typeof header === 'string' ? header : undefined), options.sessionSecret);
      if (!resolved) throw new AppError('unauthenticated', 'Sign in first: no valid session');
      if (!hasAnyRole(resolved.actor, consoleRoles)) {
        throw new AppError('forbidden', `The proctor console is for ${consoleRoles.join(', ')}; candidates use /exam`, { requiredRoles: consoleRoles });
      }
      return resolved.actor;
    },
    async openRoom(actor, request): Promise<RoomOpening> {
      const authorized = await authorizeRoom(actor, request);
      const { room } = authorized.access;
      const [incidents, actions, voidRequests, settings] = await Promise.all([
        listRoomIncidents(room.sessionId, room.roomId),
        listRoomActions(room.sessionId, room.roomId),
        listRoomVoidRequests(room.sessionId, room.roomId),
        loadProctoringSettings(actor.organisationId),
        recordDutyJoin({ actor, access: authorized.access, capacity: authorized.capacity }),
      ]);
      return {
        access: authorized.access,
        incidents,
        actions,
        voidRequests,
        webcam: { isEnabled: settings.webcam.isEnabled, intervalMs: settings.webcam.intervalMs },
      };
    },
    loadRoom: (room) => loadRoomRoster(room, (attemptIds) => findOnlineAttemptIds(io, attemptIds, logger)),
    runAction: (actor, access, action) => runProctorAction({ actor, access, action }),
    requestVoid: (actor, access, request) => requestVoid({ actor, access, request }),
    decideVoid: (actor, decision) => decideVoidRequest({ actor, requestId: decision.requestId, isConfirmed: decision.isConfirmed, note: decision.note }),
    resolveIncident: (actor, access, request) => resolveIncident({ actor, access, request }),
    storeIncident,
    loadIncidentSettings,
    leaveRoom: (actor, access) => recordDutyLeave({ actor, access }),
    toErrorBody(error) {
      const body = toErrorBody(error).error;
      return body.code === 'internal' ? { code: 'internal', message: 'Internal error' } : body;
    },
    createRateLimiter: () => new TokenBucket(rateLimit),
  };
}
