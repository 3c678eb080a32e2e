/**
 * A second connection from another login (device or browser) asks for an attempt that another
 * login holds: it is HELD until a proctor approves (R10, R17 one active session per candidate). The
 * request is audited, emitted as `attempt.device_change_requested` and reported to proctoring as
 * `second_login_attempt` telemetry.
 */
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { attemptAuditTarget, loadOwnAttempt, toEventBase } from './attempt-access';
import { AttemptModel, type AttemptRecord } from './attempt.model';

/** Options of {@link requestDeviceChange}. */
export interface RequestDeviceChangeOptions {
  attemptId: string;
  actor: Actor;
  /** The login asking. */
  authSessionId: string;
  socketId: string;
  ip?: string;
  userAgent?: string;
  now?: Date;
}

/**
 * Records the held connection as the attempt's pending device change (the latest request of a
 * login replaces its earlier one; a new login replaces another pending login).
 * @returns when the request was made (ms epoch) and whether it is new (audited) or a repeat.
 * @throws AppError `not_found`, `precondition_failed` when the caller's login already holds the
 *   attempt (nothing to approve).
 */
export async function requestDeviceChange(options: RequestDeviceChangeOptions): Promise<{ requestedAt: number; isNew: boolean }> {
  const attempt = await loadOwnAttempt(options.attemptId, options.actor);
  const now = options.now ?? new Date();
  const existing = attempt.pendingDeviceChange;
  const isNew = existing?.authSessionId !== options.authSessionId;
  const requestedAt = isNew ? now : new Date(existing!.requestedAt);
  const before = await AttemptModel.findOneAndUpdate(
    { _id: attempt._id, 'activeConnection.authSessionId': { $ne: options.authSessionId } },
    {
      $set: {
        pendingDeviceChange: {
          authSessionId: options.authSessionId,
          socketId: options.socketId,
          ip: options.ip,
          userAgent: options.userAgent?.slice(0, 300),
          connectedAt: now,
          requestedAt,
        },
      },
      $inc: { stateVersion: 1 },
    },
    { returnDocument: 'before', projection: { _id: 1 } },
  ).lean<Pick<AttemptRecord, '_id'>>();
  if (!before) throw new AppError('precondition_failed', 'This login already holds the attempt; join again');
  if (isNew) {
    await recordAudit({
      actor: options.actor,
      action: 'attempt.device_change_requested',
      target: attemptAuditTarget(attempt),
      payload: {
        held: { ip: options.ip ?? null, userAgent: options.userAgent ?? null },
        active: { ip: attempt.activeConnection?.ip ?? null, userAgent: attempt.activeConnection?.userAgent ?? null },
      },
    });
  }
  const base = toEventBase(attempt, now.getTime());
  domainEvents.emit('attempt.device_change_requested', { ...base, socketId: options.socketId, ip: options.ip, userAgent: options.userAgent });
  domainEvents.emit('attempt.telemetry', {
    ...base,
    receivedAt: now.getTime(),
    event: {
      type: 'second_login_attempt',
      attemptId: base.attemptId,
      at: now.getTime(),
      ...(options.ip ? { ip: options.ip } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    },
  });
  return { requestedAt: requestedAt.getTime(), isNew };
}
