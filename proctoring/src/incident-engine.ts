/**
 * The incident engine (R10): one rule state per attempt, fed with every telemetry and lifecycle event
 * and ticked every second, raising incidents with a stable, deterministic key.
 *
 * Why a key. With several server processes each process receives every proctoring event (the
 * `/proctor` namespace relays them), so every process evaluates the same events in the same way and
 * raises the same incidents. The key names the incident's episode (which focus loss, which offline
 * period, which event), not the moment a process noticed it, so the store keeps one incident however
 * many processes raised it. Keys are computed from the rule state BEFORE the call that raised the
 * incident:
 * - `focus_lost_too_long`: server receipt of the focus loss (`awayReceivedAt`), whether raised by the
 *   tick (still away) or on return;
 * - `disconnect_too_long`: server receipt of the disconnect (`offlineReceivedAt`);
 * - `idle_too_long`: server receipt of the last activity (`lastActivityReceivedAt`);
 * - `answer_burst_after_focus_loss`: start of the burst window (`burstWindowStartAt`);
 * - event rules (`fullscreen_exit`, `copy_paste_attempt`, `second_login_attempt`, `client_changed`):
 *   the triggering event's type, client time and server receipt time.
 *
 * Pure and synchronous: the caller passes the organisation's settings and the server time.
 * Cost: O(1) per event; O(attempts in progress) per tick.
 */
import type { ProctoringEvent } from './events';
import { type CandidateRuleState, createCandidateRuleState, evaluateIncidents, tick } from './rules/evaluate-incidents';
import type { Incident, IncidentRuleId } from './rules/incident';
import type { IncidentSettings } from './rules/settings';

/** Where an attempt belongs: every event and incident carries it (ids are hex strings). */
export interface AttemptContext {
  organisationId: string;
  batchId: string;
  /** Theory session of the batch. */
  sessionId: string;
  /** Exam room 考场 of the batch. */
  roomId: string;
  attemptId: string;
  candidateId: string;
}

/** An incident with its deterministic key and the attempt's context. */
export interface RaisedIncident extends Incident {
  /** `<attemptId>:<rule>:<episode>`; equal on every process that raised it. */
  key: string;
  context: AttemptContext;
}

interface Entry {
  state: CandidateRuleState;
  context: AttemptContext;
  /** Server time of the last event, ms epoch. */
  lastEventAt: number;
}

/** Options of {@link IncidentEngine}. */
export interface IncidentEngineOptions {
  /** Ended attempts' states are dropped this long after their last event (default 6 h). */
  endedRetentionMs?: number;
  /** States without any event for this long are dropped (default 24 h). */
  idleRetentionMs?: number;
}

/** Episode part of the key of an incident raised from `previous` (see the module comment). */
function episodeOf(rule: IncidentRuleId, previous: CandidateRuleState, event: ProctoringEvent | null, now: number): string {
  switch (rule) {
    case 'focus_lost_too_long':
      return String(previous.awayReceivedAt ?? now);
    case 'disconnect_too_long':
      return String(previous.offlineReceivedAt ?? now);
    case 'idle_too_long':
      return String(previous.lastActivityReceivedAt ?? now);
    case 'answer_burst_after_focus_loss':
      return String(previous.burstWindowStartAt ?? now);
    default:
      return event ? `${event.type}@${event.at}/${now}` : String(now);
  }
}

/**
 * Keeps the rule states of many attempts and evaluates the incident rules on them (R10).
 * Mutable by design: one instance per server process.
 */
export class IncidentEngine {
  private readonly entries = new Map<string, Entry>();
  private readonly endedRetentionMs: number;
  private readonly idleRetentionMs: number;

  constructor(options: IncidentEngineOptions = {}) {
    this.endedRetentionMs = options.endedRetentionMs ?? 6 * 60 * 60 * 1000;
    this.idleRetentionMs = options.idleRetentionMs ?? 24 * 60 * 60 * 1000;
  }

  /** Number of attempts with a rule state. */
  get size(): number {
    return this.entries.size;
  }

  /** The rule state of an attempt, if this engine has seen it. */
  peek(attemptId: string): CandidateRuleState | undefined {
    return this.entries.get(attemptId)?.state;
  }

  /**
   * Applies one event of `context.attemptId` (creating its state on first sight) and returns the
   * incidents it raises.
   * @param settings the organisation's resolved thresholds
   * @param now      server time the event was received (at its origin process), ms epoch
   * @throws Error when `event.attemptId` differs from `context.attemptId`
   */
  ingest(context: AttemptContext, event: ProctoringEvent, settings: IncidentSettings, now: number): RaisedIncident[] {
    if (event.attemptId !== context.attemptId) {
      throw new Error(`IncidentEngine.ingest: event of attempt ${event.attemptId} given with the context of attempt ${context.attemptId}`);
    }
    let entry = this.entries.get(context.attemptId);
    if (!entry) {
      entry = { state: createCandidateRuleState(context.attemptId), context, lastEventAt: now };
      this.entries.set(context.attemptId, entry);
    }
    const previous = entry.state;
    const result = evaluateIncidents(previous, event, settings, now);
    entry.state = result.state;
    entry.context = context;
    entry.lastEventAt = Math.max(entry.lastEventAt, now);
    return result.incidents.map((incident) => this.toRaised(incident, previous, event, now, context));
  }

  /**
   * Runs the time-based rules of every attempt in progress and drops states past their retention.
   * @param now         server time, ms epoch
   * @param settingsFor the resolved settings of an organisation; attempts of organisations without
   *                    loaded settings are skipped this time
   */
  tick(now: number, settingsFor: (organisationId: string) => IncidentSettings | undefined): RaisedIncident[] {
    const raised: RaisedIncident[] = [];
    for (const [attemptId, entry] of this.entries) {
      const phase = entry.state.phase;
      if (phase === 'ended') {
        if (now - entry.lastEventAt >= this.endedRetentionMs) this.entries.delete(attemptId);
        continue;
      }
      if (now - entry.lastEventAt >= this.idleRetentionMs) {
        this.entries.delete(attemptId);
        continue;
      }
      if (phase !== 'in_progress') continue;
      const settings = settingsFor(entry.context.organisationId);
      if (!settings) continue;
      const previous = entry.state;
      const result = tick(previous, now, settings);
      if (result.state === previous) continue;
      entry.state = result.state;
      for (const incident of result.incidents) raised.push(this.toRaised(incident, previous, null, now, entry.context));
    }
    return raised;
  }

  /** Forgets every state (server stop, tests). */
  clear(): void {
    this.entries.clear();
  }

  private toRaised(incident: Incident, previous: CandidateRuleState, event: ProctoringEvent | null, now: number, context: AttemptContext): RaisedIncident {
    return { ...incident, key: `${incident.attemptId}:${incident.rule}:${episodeOf(incident.rule, previous, event, now)}`, context };
  }
}
