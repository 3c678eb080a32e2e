/**
 * A candidate's connection joins their attempt (R10, R17 one active session per candidate): finds
 * the attempt of the admission ticket signed in with (or the given one), prepares it when the
 * session is open and it is missing (registered after the opening), and claims the attempt for the
 * caller's login. The first login to join holds the attempt; the same login may take over from its
 * own older socket at once (reload, reconnect, second tab); another login is HELD until a proctor
 * approves (`requestDeviceChange` / `approveDeviceChange`).
 */
import type { AttemptState, ExamSessionView } from '../../contracts/exam-room';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { BatchModel, type BatchRecord, type BatchSession } from '../plans/batch.model';
import { RegistrationModel, type RegistrationRecord } from '../plans/registration.model';
import { assertCandidate, loadOwnAttempt, toEventBase } from './attempt-access';
import { AttemptFormModel, type AttemptFormRecord } from './attempt-form.model';
import { AttemptModel, type AttemptRecord } from './attempt.model';
import { presentAttemptState } from './attempt.presenter';
import { prepareSessionAttempts } from './prepare-attempts';
import { requestDeviceChange } from './request-device-change';
import { defaultLateEntryMs } from './start-attempt';

/** Options of {@link joinAttempt}. */
export interface JoinAttemptOptions {
  actor: Actor;
  /** The attempt to join; by default the one of the admission ticket the candidate signed in with. */
  attemptId?: string;
  /** The login (identity session id) of the connection. */
  authSessionId: string;
  socketId: string;
  ip?: string;
  userAgent?: string;
  now?: Date;
}

/** Result of {@link joinAttempt}. */
export interface JoinedAttempt {
  /** `active`: this connection drives the attempt; `held`: waits for approval; `none`: no attempt yet. */
  connection: 'active' | 'held' | 'none';
  session: ExamSessionView;
  /** Full state for an active connection; null when held or none. */
  attempt: AttemptState | null;
  attemptId: string | null;
  batchId: string;
  /** Older socket of the same login that this join superseded. */
  previousSocketId: string | null;
  /** When the held request was made (held only), ms epoch. */
  requestedAt: number | null;
}

/** Presents a batch session for candidates. */
export function presentExamSession(batch: Pick<BatchRecord, '_id'>, session: BatchSession): ExamSessionView {
  const startsAt = new Date(session.startsAt).getTime();
  return {
    batchId: String(batch._id),
    sessionId: String(session._id),
    status: session.status,
    startsAt,
    durationMinutes: session.durationMinutes,
    lateEntryUntil: session.lateEntryUntil ? new Date(session.lateEntryUntil).getTime() : startsAt + defaultLateEntryMs,
  };
}

/**
 * The registration, batch, session and attempt (if prepared) of the candidate's signed-in ticket.
 * @throws AppError `not_found` when the ticket has no registration or no theory session.
 */
export async function findTicketSession(actor: Actor): Promise<{ registration: RegistrationRecord; batch: BatchRecord; session: BatchSession; attempt: AttemptRecord | null }> {
  assertCandidate(actor);
  if (!actor.admissionTicketNumber) throw new AppError('not_found', 'This sign-in has no admission ticket; sign in with your admission ticket number');
  const registration = await RegistrationModel.findOne({ admissionTicketNumber: actor.admissionTicketNumber, candidateId: actor.userId }).lean<RegistrationRecord>();
  if (!registration) throw new AppError('not_found', `No registration for admission ticket ${actor.admissionTicketNumber}`);
  if (!registration.theorySessionId) throw new AppError('not_found', `Admission ticket ${actor.admissionTicketNumber} has no theory session`);
  const batch = await BatchModel.findById(registration.batchId).lean<BatchRecord>();
  const session = batch?.sessions.find((candidate) => String(candidate._id) === String(registration.theorySessionId));
  if (!batch || !session) throw new AppError('not_found', `Theory session of admission ticket ${actor.admissionTicketNumber} not found`);
  const attempt = await AttemptModel.findOne({ sessionId: session._id, registrationId: registration._id }).lean<AttemptRecord>();
  return { registration, batch, session, attempt };
}

/**
 * Joins (and claims) the candidate's attempt for this connection.
 * @throws AppError `not_found` (no registration, session or attempt of the actor),
 *   `forbidden` (not a candidate), `precondition_failed` (no usable paper library).
 */
export async function joinAttempt(options: JoinAttemptOptions): Promise<JoinedAttempt> {
  const now = options.now ?? new Date();
  let batch: BatchRecord;
  let session: BatchSession;
  let attempt: AttemptRecord | null;
  if (options.attemptId) {
    attempt = await loadOwnAttempt(options.attemptId, options.actor);
    const found = await BatchModel.findById(attempt.batchId).lean<BatchRecord>();
    const foundSession = found?.sessions.find((candidate) => String(candidate._id) === String(attempt!.sessionId));
    if (!found || !foundSession) throw new AppError('not_found', `Session of attempt ${options.attemptId} not found`);
    batch = found;
    session = foundSession;
  } else {
    const found = await findTicketSession(options.actor);
    ({ batch, session, attempt } = found);
    if (!attempt && session.status === 'open') {
      const prepared = await prepareSessionAttempts({ batch, session, registrationId: String(found.registration._id), now });
      attempt = await AttemptModel.findOne({ sessionId: session._id, registrationId: found.registration._id }).lean<AttemptRecord>();
      if (prepared.created > 0) {
        await recordAudit({
          actor: options.actor,
          action: 'session.attempts_prepared',
          target: { kind: 'session', id: String(session._id), label: `${batch.code} theory` },
          payload: { batchId: String(batch._id), registrationId: String(found.registration._id), attemptsCreated: prepared.created, libraryId: prepared.libraryId },
        });
      }
    }
  }
  const sessionView = presentExamSession(batch, session);
  const common = { session: sessionView, batchId: String(batch._id) };
  if (!attempt) return { ...common, connection: 'none', attempt: null, attemptId: null, previousSocketId: null, requestedAt: null };
  const attemptId = String(attempt._id);
  const readForm = () => AttemptFormModel.findById(attempt!._id, { items: 1 }).lean<AttemptFormRecord>();
  if (attempt.status === 'submitted' || attempt.status === 'voided') {
    return { ...common, connection: 'active', attempt: presentAttemptState(attempt, await readForm(), Date.now()), attemptId, previousSocketId: null, requestedAt: null };
  }
  const connection = {
    authSessionId: options.authSessionId,
    socketId: options.socketId,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 300),
    connectedAt: now,
  };
  const before = await AttemptModel.findOneAndUpdate(
    { _id: attempt._id, $or: [{ activeConnection: null }, { 'activeConnection.authSessionId': options.authSessionId }] },
    { $set: { activeConnection: connection }, $inc: { stateVersion: 1 } },
    { returnDocument: 'before', projection: { activeConnection: 1 } },
  ).lean<Pick<AttemptRecord, 'activeConnection'>>();
  if (!before) {
    const { requestedAt } = await requestDeviceChange({ ...options, attemptId, now });
    return { ...common, connection: 'held', attempt: null, attemptId, previousSocketId: null, requestedAt };
  }
  const previousSocketId = before.activeConnection?.socketId && before.activeConnection.socketId !== options.socketId ? before.activeConnection.socketId : null;
  if (previousSocketId) {
    domainEvents.emit('attempt.connection_replaced', { ...toEventBase(attempt, now.getTime()), socketId: options.socketId, previousSocketId });
  }
  const current = (await AttemptModel.findById(attempt._id).lean<AttemptRecord>()) ?? attempt;
  return { ...common, connection: 'active', attempt: presentAttemptState(current, await readForm(), Date.now()), attemptId, previousSocketId, requestedAt: null };
}

/**
 * The full state of the candidate's own attempt (HTTP fallback, state refresh after approval).
 * @throws AppError `not_found`, `forbidden`.
 */
export async function getAttemptState(options: { attemptId: string; actor: Actor }): Promise<AttemptState> {
  const attempt = await loadOwnAttempt(options.attemptId, options.actor);
  const form = await AttemptFormModel.findById(attempt._id, { items: 1 }).lean<AttemptFormRecord>();
  return presentAttemptState(attempt, form, Date.now());
}

/**
 * The state of `attemptId` for a connection the server itself promotes (after a device change was
 * approved); no actor check, so callers must target the approved connection only.
 * @returns null when the attempt does not exist.
 */
export async function loadAttemptStateForApprovedConnection(attemptId: string): Promise<AttemptState | null> {
  if (!/^[0-9a-f]{24}$/i.test(attemptId)) return null;
  const attempt = await AttemptModel.findById(attemptId).lean<AttemptRecord>();
  if (!attempt) return null;
  const form = await AttemptFormModel.findById(attempt._id, { items: 1 }).lean<AttemptFormRecord>();
  return presentAttemptState(attempt, form, Date.now());
}
