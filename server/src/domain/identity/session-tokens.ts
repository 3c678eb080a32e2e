/**
 * Session tokens (R17): a random 32-byte token goes to the browser in an httpOnly cookie; only its
 * HMAC (keyed with SESSION_SECRET) is stored. Sessions are rotated at login and deleted at logout.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Actor } from './actor';
import { OrganisationModel } from './organisation.model';
import { SessionModel } from './session.model';
import { UserModel, type UserRecord } from './user.model';

/** Name of the session cookie. */
export const sessionCookieName = 'skillcert_session';
/** Lifetime of a session from login, in milliseconds (12 hours). */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;

/** HMAC-SHA256 hex of a session token keyed with the session secret. */
export function hashSessionToken(token: string, sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update(token, 'utf8').digest('hex');
}

/** Options of {@link openSession}. */
export interface OpenSessionOptions {
  user: Pick<UserRecord, '_id' | 'organisationId'>;
  kind: 'staff' | 'candidate';
  admissionTicketNumber?: string;
  ip?: string;
  userAgent?: string;
  /** Token of the session the browser held before this login; it is deleted (no session fixation). */
  previousToken?: string;
  sessionSecret: string;
  now?: Date;
}

/**
 * Opens a new session, deleting the caller's previous one. Returns the raw token (for the cookie
 * only; never stored) and the expiry (now + {@link sessionLifetimeMs}).
 */
export async function openSession(options: OpenSessionOptions): Promise<{ token: string; expiresAt: Date }> {
  if (options.previousToken) await closeSession(options.previousToken, options.sessionSecret);
  const token = randomBytes(32).toString('base64url');
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await SessionModel.create({
    tokenHash: hashSessionToken(token, options.sessionSecret),
    userId: options.user._id,
    organisationId: options.user.organisationId,
    kind: options.kind,
    admissionTicketNumber: options.admissionTicketNumber,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 300),
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** A live session and the actor it authenticates. */
export interface ResolvedSession {
  sessionId: string;
  actor: Actor;
  organisationName: string;
  username?: string;
  idNumber?: string;
  expiresAt: Date;
}

/**
 * Finds the live session of a cookie token: not expired, user still active. Used by the HTTP
 * `authenticate` middleware and by the socket.io handshake.
 * @returns the session and actor, or null when the token is unknown, expired or its user disabled.
 */
export async function resolveSession(
  token: string | undefined,
  sessionSecret: string,
  now: Date = new Date(),
): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const session = await SessionModel.findOne({ tokenHash: hashSessionToken(token, sessionSecret) }).lean();
  if (!session || session.expiresAt.getTime() <= now.getTime()) return null;
  const [user, organisation] = await Promise.all([
    UserModel.findOne({ _id: session.userId, isActive: true }).lean(),
    OrganisationModel.findById(session.organisationId, { name: 1 }).lean(),
  ]);
  if (!user || !organisation) return null;
  return {
    sessionId: String(session._id),
    actor: {
      userId: String(user._id),
      organisationId: String(user.organisationId),
      roles: [...user.roles],
      ...(user.assessorGrade ? { assessorGrade: user.assessorGrade } : {}),
      name: user.name,
      ...(session.admissionTicketNumber ? { admissionTicketNumber: session.admissionTicketNumber } : {}),
    },
    organisationName: organisation.name,
    username: user.username ?? undefined,
    idNumber: user.idNumber ?? undefined,
    expiresAt: session.expiresAt,
  };
}

/** Deletes the session of a token (logout, rotation). Returns true when one was deleted. */
export async function closeSession(token: string, sessionSecret: string): Promise<boolean> {
  const result = await SessionModel.deleteOne({ tokenHash: hashSessionToken(token, sessionSecret) });
  return result.deletedCount > 0;
}

/** Deletes every session of a user (e.g. after disabling the account). Returns the count deleted. */
export async function closeUserSessions(userId: string): Promise<number> {
  const result = await SessionModel.deleteMany({ userId: new Types.ObjectId(userId) });
  return result.deletedCount;
}
