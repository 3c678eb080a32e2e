/**
 * Incident rules (R10) as pure, incremental functions over one candidate's rule state.
 *
 * Each call is O(1): the state holds a fixed set of fields (no event history). The caller keeps one
 * state per attempt, feeds every telemetry and lifecycle event to {@link evaluateIncidents} and calls
 * {@link tick} periodically (every second is plenty) for the time-based rules.
 *
 * Clocks. `event.at` is the client's clock for client-reported events; `now` is the server's clock
 * when the event arrived. Intervals between two client events (how long focus was lost, how fast
 * answers followed) use client times, so events buffered during a network drop and delivered
 * together still measure correctly. Time-based rules in {@link tick} (disconnect, idle, focus still
 * lost) use server times only, so a skewed client clock cannot trigger them. `Incident.at` is always
 * the server time the rule fired.
 *
 * Rules apply while the attempt is in progress, except `second_login_attempt` and `client_changed`,
 * which apply from the first connection until the attempt ends. Nothing fires after submission or
 * voiding; a pause suspends the focus, burst, idle and disconnect clocks.
 */
import type { ProctoringEvent } from '../events';
import { type Incident, type IncidentRuleId, severityByRule } from './incident';
import { type IncidentSettings, defaultIncidentSettings } from './settings';

/** Where the attempt is, as far as the rules care. */
export type RulePhase = 'waiting' | 'in_progress' | 'paused' | 'ended';

/**
 * One candidate's rule state: plain, immutable data (safe to store or log).
 * `…At` are client times (ms epoch), `…ReceivedAt` server times.
 */
export interface CandidateRuleState {
  readonly attemptId: string;
  readonly phase: RulePhase;
  /** Start of the current away period (focus lost or page hidden), client time; null when present. */
  readonly awayAt: number | null;
  readonly awayReceivedAt: number | null;
  readonly isAwayReported: boolean;
  readonly isOnline: boolean;
  readonly offlineReceivedAt: number | null;
  readonly isDisconnectReported: boolean;
  /** IP and user agent of the accepted device (first connection or last approved change). */
  readonly knownIp: string | null;
  readonly knownUserAgent: string | null;
  readonly isDeviceChangeApproved: boolean;
  /** Burst window: opened when focus returns after a long loss (client time). */
  readonly burstWindowStartAt: number | null;
  readonly burstFocusLossMs: number;
  readonly burstAnswerCount: number;
  readonly isBurstReported: boolean;
  /** Last candidate activity, server time; null before any. */
  readonly lastActivityReceivedAt: number | null;
  readonly isIdleReported: boolean;
}

/** Result of one evaluation: the next state and the incidents raised (often none). */
export interface IncidentEvaluation {
  state: CandidateRuleState;
  incidents: Incident[];
}

/** A fresh rule state for an attempt that has not connected yet. */
export function createCandidateRuleState(attemptId: string): CandidateRuleState {
  return {
    attemptId,
    phase: 'waiting',
    awayAt: null,
    awayReceivedAt: null,
    isAwayReported: false,
    isOnline: false,
    offlineReceivedAt: null,
    isDisconnectReported: false,
    knownIp: null,
    knownUserAgent: null,
    isDeviceChangeApproved: false,
    burstWindowStartAt: null,
    burstFocusLossMs: 0,
    burstAnswerCount: 0,
    isBurstReported: false,
    lastActivityReceivedAt: null,
    isIdleReported: false,
  };
}

type Detail = Incident['detail'];

/** Collects incidents for one call, dropping those of disabled rules. */
class IncidentCollector {
  readonly incidents: Incident[] = [];
  constructor(
    private readonly attemptId: string,
    private readonly now: number,
    private readonly settings: IncidentSettings,
  ) {}

  raise(rule: IncidentRuleId, detail: Detail): void {
    if (this.settings.disabledRules.includes(rule)) return;
    this.incidents.push({ rule, severity: severityByRule[rule], attemptId: this.attemptId, at: this.now, detail });
  }
}

/** Events that show the candidate is at the exam (reset the idle clock). */
function isCandidateActivity(event: ProctoringEvent): boolean {
  switch (event.type) {
    case 'focus_lost':
    case 'focus_regained':
    case 'visibility_hidden':
    case 'visibility_visible':
    case 'fullscreen_exit':
    case 'copy':
    case 'paste':
    case 'context_menu':
    case 'connection':
    case 'answer_saved':
      return true;
    default:
      return false;
  }
}

/**
 * Applies one event to a candidate's rule state and returns the incidents it raises (R10).
 *
 * Rules evaluated here: `focus_lost_too_long` (on return, if the loss lasted >=
 * `focusLostThresholdMs` and {@link tick} has not reported it), `fullscreen_exit`,
 * `copy_paste_attempt` (copy or paste), `second_login_attempt`, `client_changed` (IP or user agent of
 * a reconnection differs from the accepted device, unless a device change was approved),
 * `disconnect_too_long` (on reconnection, if not already reported by {@link tick}) and
 * `answer_burst_after_focus_loss` (>= `burstMinAnswers` saves within `burstWindowMs` after
 * regaining focus from a loss >= `burstMinFocusLossMs`). `focus_lost` and `visibility_hidden` both
 * start an away period; `focus_regained` or `visibility_visible` ends it. A `context_menu` raises no
 * incident (it only counts as activity). An `answer_saved` while waiting moves the phase to in progress.
 *
 * @param state   the attempt's current rule state (not modified)
 * @param event   a validated telemetry or lifecycle event of the same attempt
 * @param settings resolved thresholds (see `resolveIncidentSettings`)
 * @param now     server time the event was received, ms epoch
 * @returns the next state and the incidents raised, each `{ rule, severity, attemptId, at: now, detail }`
 * @throws Error when the event belongs to another attempt
 */
export function evaluateIncidents(
  state: CandidateRuleState,
  event: ProctoringEvent,
  settings: IncidentSettings = defaultIncidentSettings,
  now: number = event.at,
): IncidentEvaluation {
  if (event.attemptId !== state.attemptId) {
    throw new Error(`evaluateIncidents: event for attempt ${event.attemptId} applied to the state of attempt ${state.attemptId}`);
  }
  if (state.phase === 'ended') return { state, incidents: [] };

  const out = new IncidentCollector(state.attemptId, now, settings);
  let next: CandidateRuleState = state;
  if (isCandidateActivity(event)) {
    next = { ...next, lastActivityReceivedAt: now, isIdleReported: false };
  }
  const isInProgress = next.phase === 'in_progress';

  switch (event.type) {
    case 'focus_lost':
    case 'visibility_hidden':
      if (next.awayAt === null && isInProgress) {
        next = { ...next, awayAt: event.at, awayReceivedAt: now, isAwayReported: false };
      }
      break;

    case 'focus_regained':
    case 'visibility_visible': {
      if (next.awayAt === null) break;
      const lossMs = Math.max(0, event.at - next.awayAt);
      if (lossMs >= settings.focusLostThresholdMs && !next.isAwayReported) {
        out.raise('focus_lost_too_long', { durationMs: lossMs, isOngoing: false });
      }
      next = { ...next, awayAt: null, awayReceivedAt: null, isAwayReported: false };
      if (lossMs >= settings.burstMinFocusLossMs) {
        next = { ...next, burstWindowStartAt: event.at, burstFocusLossMs: lossMs, burstAnswerCount: 0, isBurstReported: false };
      }
      break;
    }

    case 'fullscreen_exit':
      if (isInProgress) out.raise('fullscreen_exit', {});
      break;

    case 'copy':
    case 'paste':
      if (isInProgress) out.raise('copy_paste_attempt', { action: event.type });
      break;

    case 'context_menu':
      break;

    case 'second_login_attempt':
      out.raise('second_login_attempt', { ip: event.ip ?? null, userAgent: event.userAgent ?? null });
      break;

    case 'connection': {
      if (!next.isOnline && next.offlineReceivedAt !== null) {
        const offlineMs = Math.max(0, now - next.offlineReceivedAt);
        if (isInProgress && offlineMs >= settings.disconnectThresholdMs && !next.isDisconnectReported) {
          out.raise('disconnect_too_long', { durationMs: offlineMs, isOngoing: false });
        }
      }
      next = { ...next, isOnline: true, offlineReceivedAt: null, isDisconnectReported: false };
      if (next.knownIp === null || next.knownUserAgent === null) {
        next = { ...next, knownIp: event.ip, knownUserAgent: event.userAgent };
        break;
      }
      const isIpChanged = event.ip !== next.knownIp;
      const isUserAgentChanged = event.userAgent !== next.knownUserAgent;
      if (!isIpChanged && !isUserAgentChanged) break;
      if (!next.isDeviceChangeApproved && next.phase !== 'waiting') {
        out.raise('client_changed', {
          changed: isIpChanged && isUserAgentChanged ? 'ip_and_user_agent' : isIpChanged ? 'ip' : 'user_agent',
          previousIp: next.knownIp,
          ip: event.ip,
          previousUserAgent: next.knownUserAgent,
          userAgent: event.userAgent,
        });
      }
      // The new device becomes the known one, so one change raises one incident.
      next = { ...next, knownIp: event.ip, knownUserAgent: event.userAgent, isDeviceChangeApproved: false };
      break;
    }

    case 'disconnect':
      if (next.isOnline) {
        next = { ...next, isOnline: false, offlineReceivedAt: now, isDisconnectReported: false };
      }
      break;

    case 'answer_saved': {
      if (next.phase === 'waiting') next = { ...next, phase: 'in_progress' };
      if (next.phase !== 'in_progress' || next.burstWindowStartAt === null) break;
      const sinceRegainMs = event.at - next.burstWindowStartAt;
      if (sinceRegainMs > settings.burstWindowMs) {
        next = { ...next, burstWindowStartAt: null, burstAnswerCount: 0 };
        break;
      }
      if (sinceRegainMs < 0) break;
      const count = next.burstAnswerCount + 1;
      next = { ...next, burstAnswerCount: count };
      if (count >= settings.burstMinAnswers && !next.isBurstReported) {
        out.raise('answer_burst_after_focus_loss', {
          answerCount: count,
          withinMs: sinceRegainMs,
          focusLossMs: next.burstFocusLossMs,
        });
        next = { ...next, isBurstReported: true };
      }
      break;
    }

    case 'attempt_started':
      next = { ...next, phase: 'in_progress', lastActivityReceivedAt: now, isIdleReported: false };
      break;

    case 'attempt_paused':
      next = {
        ...next,
        phase: 'paused',
        awayAt: null,
        awayReceivedAt: null,
        isAwayReported: false,
        burstWindowStartAt: null,
        burstAnswerCount: 0,
      };
      break;

    case 'attempt_resumed':
      if (next.phase !== 'paused') break;
      next = {
        ...next,
        phase: 'in_progress',
        lastActivityReceivedAt: now,
        isIdleReported: false,
        // An offline candidate's disconnect clock restarts at the resume.
        offlineReceivedAt: next.isOnline ? null : now,
        isDisconnectReported: false,
      };
      break;

    case 'attempt_extended':
      break;

    case 'device_change_approved':
      next = { ...next, isDeviceChangeApproved: true };
      break;

    case 'attempt_submitted':
    case 'attempt_voided':
      next = { ...next, phase: 'ended' };
      break;

    case 'attendance_marked':
      if (event.attendance === 'absent' && next.phase === 'waiting') next = { ...next, phase: 'ended' };
      break;

    default: {
      const unreachable: never = event;
      throw new Error(`evaluateIncidents: unknown event ${JSON.stringify(unreachable)}`);
    }
  }

  return { state: next, incidents: out.incidents };
}

/**
 * Time-based rules (R10), on the server clock, each raised once per episode:
 * `focus_lost_too_long` while focus is still lost after `focusLostThresholdMs` (detail `isOngoing:
 * true`), `disconnect_too_long` while still offline after `disconnectThresholdMs`, and
 * `idle_too_long` when an online candidate in progress showed no activity for `idleThresholdMs`
 * (an offline candidate is covered by the disconnect rule instead). O(1).
 *
 * @param state    the attempt's rule state (not modified)
 * @param now      server time, ms epoch
 * @param settings resolved thresholds
 * @returns the next state and the incidents raised
 */
export function tick(
  state: CandidateRuleState,
  now: number,
  settings: IncidentSettings = defaultIncidentSettings,
): IncidentEvaluation {
  if (state.phase !== 'in_progress') return { state, incidents: [] };
  const out = new IncidentCollector(state.attemptId, now, settings);
  let next = state;

  if (next.awayReceivedAt !== null && !next.isAwayReported) {
    const awayMs = now - next.awayReceivedAt;
    if (awayMs >= settings.focusLostThresholdMs) {
      out.raise('focus_lost_too_long', { durationMs: awayMs, isOngoing: true });
      next = { ...next, isAwayReported: true };
    }
  }

  if (!next.isOnline && next.offlineReceivedAt !== null && !next.isDisconnectReported) {
    const offlineMs = now - next.offlineReceivedAt;
    if (offlineMs >= settings.disconnectThresholdMs) {
      out.raise('disconnect_too_long', { durationMs: offlineMs, isOngoing: true });
      next = { ...next, isDisconnectReported: true };
    }
  }

  if (next.isOnline && next.lastActivityReceivedAt !== null && !next.isIdleReported) {
    const idleMs = now - next.lastActivityReceivedAt;
    if (idleMs >= settings.idleThresholdMs) {
      out.raise('idle_too_long', { idleMs });
      next = { ...next, isIdleReported: true };
    }
  }

  return { state: next, incidents: out.incidents };
}
