/**
 * The shared tail of staff and candidate login: throttle bookkeeping, session rotation and the
 * audit entries for success and failure (R10, R17).
 */
import type { Me } from '../../contracts/identity';
import { AppError } from '../../errors';
import { anonymousActor, recordAudit } from '../audit/record-audit';
import type { LoginThrottle } from './login-throttle';
import { OrganisationModel } from './organisation.model';
import { openSession } from './session-tokens';
import { UserModel, type UserRecord } from './user.model';

/** Request facts a login needs (never `req` itself). */
export interface LoginContext {
  ip?: string;
  userAgent?: string;
  /** Session token the browser presented, deleted at login (rotation). */
  previousToken?: string;
  sessionSecret: string;
  loginThrottle: LoginThrottle;
}

/** Result of a successful login: the raw token for the cookie and the signed-in user. */
export interface LoginResult {
  token: string;
  expiresAt: Date;
  me: Me;
}

/**
 * Records a failed login (throttle count, audit `auth.login_failed`) and throws.
 * @throws AppError `unauthenticated` (401), or `rate_limited` (429) when this failure exhausts the limit.
 */
export async function rejectLogin(options: {
  throttleKey: string;
  account: string;
  kind: 'staff' | 'candidate';
  reason: 'unknown_account' | 'wrong_password' | 'inactive' | 'unknown_ticket';
  user: Pick<UserRecord, '_id' | 'organisationId'> | null;
  context: LoginContext;
  message: string;
}): Promise<never> {
  const organisationId = options.user ? String(options.user.organisationId) : null;
  await recordAudit({
    actor: anonymousActor(options.account, organisationId),
    action: 'auth.login_failed',
    target: { kind: 'user', id: options.user ? String(options.user._id) : null, label: options.account },
    payload: { kind: options.kind, reason: options.reason, ip: options.context.ip ?? null },
  });
  await options.context.loginThrottle.recordFailure(options.throttleKey);
  throw new AppError('unauthenticated', options.message);
}

/** Opens the session of a verified user, audits `auth.login` and returns the cookie token and `Me`. */
export async function acceptLogin(options: {
  throttleKey: string;
  user: UserRecord;
  kind: 'staff' | 'candidate';
  admissionTicketNumber?: string;
  context: LoginContext;
}): Promise<LoginResult> {
  const { user, context } = options;
  await context.loginThrottle.reset(options.throttleKey);
  const organisation = await OrganisationModel.findById(user.organisationId, { name: 1 }).lean();
  if (!organisation) throw new AppError('not_found', `Organisation ${String(user.organisationId)} of user ${String(user._id)} does not exist`);
  const { token, expiresAt } = await openSession({
    user,
    kind: options.kind,
    admissionTicketNumber: options.admissionTicketNumber,
    ip: context.ip,
    userAgent: context.userAgent,
    previousToken: context.previousToken,
    sessionSecret: context.sessionSecret,
  });
  await UserModel.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
  await recordAudit({
    actor: {
      userId: String(user._id),
      organisationId: String(user.organisationId),
      name: user.name,
      roles: user.roles,
    },
    action: 'auth.login',
    target: { kind: 'user', id: String(user._id), label: user.username ?? user.idNumber ?? user.name },
    payload: {
      kind: options.kind,
      ip: context.ip ?? null,
      ...(options.admissionTicketNumber ? { admissionTicketNumber: options.admissionTicketNumber } : {}),
    },
  });
  return {
    token,
    expiresAt,
    me: {
      userId: String(user._id),
      organisationId: String(user.organisationId),
      organisationName: organisation.name,
      name: user.name,
      roles: [...user.roles],
      ...(user.assessorGrade ? { assessorGrade: user.assessorGrade } : {}),
      ...(user.username ? { username: user.username } : {}),
      ...(user.idNumber ? { idNumber: user.idNumber } : {}),
      sessionExpiresAt: expiresAt.toISOString(),
    },
  };
}
