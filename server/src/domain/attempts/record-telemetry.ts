/**
 * Candidate telemetry (R10 trace of irregularities): focus, visibility, fullscreen, copy, paste and
 * context-menu events reported by the exam client, validated with proctoring's
 * `candidateEventSchema` and emitted as `attempt.telemetry` for the incident rules. Never blocks the
 * candidate and writes nothing itself (proctoring keeps incidents); connection events observed by
 * the server go through {@link emitServerTelemetry}.
 */
import { candidateEventSchema, type CandidateEvent } from '@skillcert/proctoring/events';
import type { AttemptTelemetryRequest } from '../../contracts/exam-room';
import { AppError } from '../../errors';
import { domainEvents } from '../events';
import type { Actor } from '../identity/actor';
import { assertCandidate } from './attempt-access';
import { attemptCache, type CachedAttempt } from './attempt-cache';

function baseOf(entry: CachedAttempt, atMs: number) {
  return {
    attemptId: entry.attemptId,
    organisationId: entry.organisationId,
    batchId: entry.batchId,
    sessionId: entry.sessionId,
    roomId: entry.roomId,
    candidateId: entry.candidateId,
    at: atMs,
  };
}

/**
 * Validates and emits one client-reported event of the candidate's own attempt.
 * @returns the validated event.
 * @throws AppError `not_found` (not the actor's attempt), `validation_failed` (schema).
 */
export async function recordTelemetry(options: { attemptId: string; actor: Actor; report: AttemptTelemetryRequest; now?: Date }): Promise<CandidateEvent> {
  assertCandidate(options.actor);
  const entry = await attemptCache.get(options.attemptId);
  if (!entry || entry.candidateId !== options.actor.userId) throw new AppError('not_found', `Attempt ${options.attemptId} not found`);
  const parsed = candidateEventSchema.safeParse({ type: options.report.type, at: options.report.at, attemptId: entry.attemptId });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation_failed', `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}`, { issues: parsed.error.issues });
  }
  const receivedAt = (options.now ?? new Date()).getTime();
  domainEvents.emit('attempt.telemetry', { ...baseOf(entry, receivedAt), event: parsed.data, receivedAt });
  return parsed.data;
}

/**
 * Emits a server-observed `connection` or `disconnect` event of an attempt (server clock).
 * Quietly does nothing when the attempt is unknown.
 */
export async function emitServerTelemetry(options: { attemptId: string; type: 'connection' | 'disconnect'; ip?: string; userAgent?: string; now?: Date }): Promise<void> {
  const entry = await attemptCache.get(options.attemptId);
  if (!entry) return;
  const at = (options.now ?? new Date()).getTime();
  const candidate =
    options.type === 'connection'
      ? { type: 'connection' as const, attemptId: entry.attemptId, at, ip: options.ip || 'unknown', userAgent: options.userAgent || 'unknown' }
      : { type: 'disconnect' as const, attemptId: entry.attemptId, at };
  const parsed = candidateEventSchema.safeParse(candidate);
  if (!parsed.success) return;
  domainEvents.emit('attempt.telemetry', { ...baseOf(entry, at), event: parsed.data, receivedAt: at });
}
