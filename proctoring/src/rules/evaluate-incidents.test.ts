import { describe, expect, it } from 'vitest';
import type { ProctoringEvent } from '../events';
import {
  type CandidateRuleState,
  createCandidateRuleState,
  evaluateIncidents,
  tick,
} from './evaluate-incidents';
import type { Incident } from './incident';
import { defaultIncidentSettings, resolveIncidentSettings, type IncidentSettings } from './settings';

const attemptId = 'attempt-1';
const t0 = 1_750_000_000_000;
const s = (seconds: number) => t0 + seconds * 1000;

type EventInput = ProctoringEvent extends infer E ? (E extends { attemptId: string } ? Omit<E, 'attemptId'> : never) : never;

/** Feeds events (received at their own `at` unless `now` is given) and collects every incident. */
function run(
  steps: Array<{ event: EventInput; now?: number } | { tickAt: number }>,
  settings: IncidentSettings = defaultIncidentSettings,
  initial: CandidateRuleState = createCandidateRuleState(attemptId),
): { state: CandidateRuleState; incidents: Incident[] } {
  let state = initial;
  const incidents: Incident[] = [];
  for (const step of steps) {
    const result =
      'tickAt' in step
        ? tick(state, step.tickAt, settings)
        : evaluateIncidents(state, { ...step.event, attemptId } as ProctoringEvent, settings, step.now ?? step.event.at);
    state = result.state;
    incidents.push(...result.incidents);
  }
  return { state, incidents };
}

const started = [
  { event: { type: 'connection', at: s(0), ip: '10.0.0.5', userAgent: 'Chrome/140' } },
  { event: { type: 'attempt_started', at: s(1), deadlineAt: s(3601), totalCount: 100 } },
] as const;

const rules = (incidents: Incident[]) => incidents.map((incident) => incident.rule);

describe('resolveIncidentSettings', () => {
  it('R10: fills the documented defaults (10 s focus, 60 s disconnect, 3 answers in 20 s, 600 s idle)', () => {
    expect(resolveIncidentSettings()).toEqual({
      focusLostThresholdMs: 10_000,
      disconnectThresholdMs: 60_000,
      burstMinAnswers: 3,
      burstWindowMs: 20_000,
      burstMinFocusLossMs: 10_000,
      idleThresholdMs: 600_000,
      disabledRules: [],
    });
  });

  it('rejects a non-positive threshold, naming the field', () => {
    expect(() => resolveIncidentSettings({ idleThresholdMs: 0 })).toThrow(/idleThresholdMs/);
  });
});

describe('evaluateIncidents', () => {
  it('R10: raises focus_lost_too_long when focus returns after 10 s or more', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'focus_lost', at: s(100) } },
      { event: { type: 'focus_regained', at: s(112) } },
    ]);
    expect(incidents).toEqual([
      {
        rule: 'focus_lost_too_long',
        severity: 'medium',
        attemptId,
        at: s(112),
        detail: { durationMs: 12_000, isOngoing: false },
      },
    ]);
  });

  it('R10: stays quiet for a focus loss shorter than the threshold', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'visibility_hidden', at: s(100) } },
      { event: { type: 'visibility_visible', at: s(109.999) } },
    ]);
    expect(incidents).toEqual([]);
  });

  it('R10: measures the loss on the client clock, so events delivered late together still count', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'focus_lost', at: s(100) }, now: s(140) },
      { event: { type: 'focus_regained', at: s(125) }, now: s(140) },
    ]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ rule: 'focus_lost_too_long', at: s(140), detail: { durationMs: 25_000 } });
  });

  it('R10: honours an organisation threshold for focus loss', () => {
    const settings = resolveIncidentSettings({ focusLostThresholdMs: 30_000 });
    const { incidents } = run(
      [...started, { event: { type: 'focus_lost', at: s(100) } }, { event: { type: 'focus_regained', at: s(125) } }],
      settings,
    );
    expect(incidents).toEqual([]);
  });

  it('R10: raises fullscreen_exit and copy_paste_attempt for each attempt in progress', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'fullscreen_exit', at: s(10) } },
      { event: { type: 'copy', at: s(11) } },
      { event: { type: 'paste', at: s(12) } },
      { event: { type: 'context_menu', at: s(13) } },
    ]);
    expect(incidents.map((incident) => [incident.rule, incident.severity, incident.detail])).toEqual([
      ['fullscreen_exit', 'low', {}],
      ['copy_paste_attempt', 'medium', { action: 'copy' }],
      ['copy_paste_attempt', 'medium', { action: 'paste' }],
    ]);
  });

  it('R10: raises nothing for copy or fullscreen exit before the start', () => {
    const { incidents } = run([
      { event: { type: 'connection', at: s(0), ip: '10.0.0.5', userAgent: 'Chrome/140' } },
      { event: { type: 'copy', at: s(1) } },
      { event: { type: 'fullscreen_exit', at: s(2) } },
      { event: { type: 'focus_lost', at: s(3) } },
      { event: { type: 'focus_regained', at: s(60) } },
    ]);
    expect(incidents).toEqual([]);
  });

  it('R10: raises second_login_attempt as high severity even before the start', () => {
    const { incidents } = run([
      { event: { type: 'connection', at: s(0), ip: '10.0.0.5', userAgent: 'Chrome/140' } },
      { event: { type: 'second_login_attempt', at: s(5), ip: '10.0.0.9' } },
    ]);
    expect(incidents).toEqual([
      {
        rule: 'second_login_attempt',
        severity: 'high',
        attemptId,
        at: s(5),
        detail: { ip: '10.0.0.9', userAgent: null },
      },
    ]);
  });

  it('R10: raises client_changed once when a reconnection comes from another IP mid-exam', () => {
    const { incidents, state } = run([
      ...started,
      { event: { type: 'disconnect', at: s(50) } },
      { event: { type: 'connection', at: s(55), ip: '10.0.0.77', userAgent: 'Chrome/140' } },
      { event: { type: 'disconnect', at: s(60) } },
      { event: { type: 'connection', at: s(65), ip: '10.0.0.77', userAgent: 'Chrome/140' } },
    ]);
    expect(incidents).toEqual([
      {
        rule: 'client_changed',
        severity: 'high',
        attemptId,
        at: s(55),
        detail: {
          changed: 'ip',
          previousIp: '10.0.0.5',
          ip: '10.0.0.77',
          previousUserAgent: 'Chrome/140',
          userAgent: 'Chrome/140',
        },
      },
    ]);
    expect(state.knownIp).toBe('10.0.0.77');
  });

  it('R10: reports a user-agent change and an IP-and-user-agent change by name', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'connection', at: s(20), ip: '10.0.0.5', userAgent: 'Firefox/141' } },
      { event: { type: 'connection', at: s(30), ip: '10.0.0.6', userAgent: 'Edge/140' } },
    ]);
    expect(incidents.map((incident) => incident.detail.changed)).toEqual(['user_agent', 'ip_and_user_agent']);
  });

  it('R10: accepts a new device without an incident after a proctor approved the change', () => {
    const { incidents, state } = run([
      ...started,
      { event: { type: 'device_change_approved', at: s(40) } },
      { event: { type: 'connection', at: s(45), ip: '10.0.0.8', userAgent: 'Firefox/141' } },
      { event: { type: 'connection', at: s(50), ip: '10.0.0.9', userAgent: 'Firefox/141' } },
    ]);
    expect(rules(incidents)).toEqual(['client_changed']);
    expect(incidents[0].at).toBe(s(50));
    expect(state.isDeviceChangeApproved).toBe(false);
  });

  it('R10: raises nothing for a device change in the waiting room', () => {
    const { incidents } = run([
      { event: { type: 'connection', at: s(0), ip: '10.0.0.5', userAgent: 'Chrome/140' } },
      { event: { type: 'connection', at: s(5), ip: '10.0.0.6', userAgent: 'Chrome/140' } },
    ]);
    expect(incidents).toEqual([]);
  });

  it('R10: raises disconnect_too_long on reconnection after 60 s offline, on the server clock', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'disconnect', at: s(100) } },
      { event: { type: 'connection', at: s(161), ip: '10.0.0.5', userAgent: 'Chrome/140' } },
    ]);
    expect(incidents).toEqual([
      {
        rule: 'disconnect_too_long',
        severity: 'medium',
        attemptId,
        at: s(161),
        detail: { durationMs: 61_000, isOngoing: false },
      },
    ]);
  });

  it('R10: stays quiet for a 59 s disconnect', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'disconnect', at: s(100) } },
      { event: { type: 'connection', at: s(159), ip: '10.0.0.5', userAgent: 'Chrome/140' } },
    ]);
    expect(incidents).toEqual([]);
  });

  it('R10: raises answer_burst_after_focus_loss for 3 answers within 20 s after a 10 s loss', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'focus_lost', at: s(100) } },
      { event: { type: 'focus_regained', at: s(115) } },
      { event: { type: 'answer_saved', at: s(118), answeredCount: 10 } },
      { event: { type: 'answer_saved', at: s(125), answeredCount: 11 } },
      { event: { type: 'answer_saved', at: s(134), answeredCount: 12 } },
      { event: { type: 'answer_saved', at: s(135), answeredCount: 13 } },
    ]);
    expect(rules(incidents)).toEqual(['focus_lost_too_long', 'answer_burst_after_focus_loss']);
    expect(incidents[1]).toEqual({
      rule: 'answer_burst_after_focus_loss',
      severity: 'high',
      attemptId,
      at: s(134),
      detail: { answerCount: 3, withinMs: 19_000, focusLossMs: 15_000 },
    });
  });

  it('R10: raises no burst when the third answer comes after the 20 s window', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'focus_lost', at: s(100) } },
      { event: { type: 'focus_regained', at: s(115) } },
      { event: { type: 'answer_saved', at: s(118), answeredCount: 10 } },
      { event: { type: 'answer_saved', at: s(125), answeredCount: 11 } },
      { event: { type: 'answer_saved', at: s(135.001), answeredCount: 12 } },
    ]);
    expect(rules(incidents)).toEqual(['focus_lost_too_long']);
  });

  it('R10: raises no burst after a short focus loss however fast the answers', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'focus_lost', at: s(100) } },
      { event: { type: 'focus_regained', at: s(105) } },
      { event: { type: 'answer_saved', at: s(106), answeredCount: 10 } },
      { event: { type: 'answer_saved', at: s(107), answeredCount: 11 } },
      { event: { type: 'answer_saved', at: s(108), answeredCount: 12 } },
    ]);
    expect(incidents).toEqual([]);
  });

  it('R10: follows organisation burst settings (2 answers in 5 s after a 30 s loss)', () => {
    const settings = resolveIncidentSettings({ burstMinAnswers: 2, burstWindowMs: 5000, burstMinFocusLossMs: 30_000 });
    const short = run(
      [
        ...started,
        { event: { type: 'focus_lost', at: s(100) } },
        { event: { type: 'focus_regained', at: s(120) } },
        { event: { type: 'answer_saved', at: s(121), answeredCount: 1 } },
        { event: { type: 'answer_saved', at: s(122), answeredCount: 2 } },
      ],
      settings,
    );
    expect(rules(short.incidents)).toEqual(['focus_lost_too_long']);
    const long = run(
      [
        ...started,
        { event: { type: 'focus_lost', at: s(100) } },
        { event: { type: 'focus_regained', at: s(130) } },
        { event: { type: 'answer_saved', at: s(131), answeredCount: 1 } },
        { event: { type: 'answer_saved', at: s(135), answeredCount: 2 } },
      ],
      settings,
    );
    expect(rules(long.incidents)).toEqual(['focus_lost_too_long', 'answer_burst_after_focus_loss']);
  });

  it('R10: drops incidents of rules the organisation disabled', () => {
    const settings = resolveIncidentSettings({ disabledRules: ['fullscreen_exit'] });
    const { incidents } = run(
      [...started, { event: { type: 'fullscreen_exit', at: s(10) } }, { event: { type: 'paste', at: s(11) } }],
      settings,
    );
    expect(rules(incidents)).toEqual(['copy_paste_attempt']);
  });

  it('R10: raises nothing once the attempt is submitted', () => {
    const { incidents, state } = run([
      ...started,
      { event: { type: 'attempt_submitted', at: s(500), submittedBy: 'candidate' } },
      { event: { type: 'paste', at: s(501) } },
      { event: { type: 'second_login_attempt', at: s(502) } },
      { tickAt: s(5000) },
    ]);
    expect(incidents).toEqual([]);
    expect(state.phase).toBe('ended');
  });

  it('R10: suspends the focus rule while paused', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'attempt_paused', at: s(100) } },
      { event: { type: 'focus_lost', at: s(101) } },
      { tickAt: s(200) },
      { event: { type: 'focus_regained', at: s(300) } },
      { event: { type: 'attempt_resumed', at: s(301) } },
    ]);
    expect(incidents).toEqual([]);
  });

  it('returns the input state unchanged and never mutates it', () => {
    const initial = createCandidateRuleState(attemptId);
    const frozen = Object.freeze({ ...initial });
    const result = evaluateIncidents(frozen, { type: 'connection', attemptId, at: s(0), ip: 'a', userAgent: 'b' });
    expect(frozen).toEqual(initial);
    expect(result.state.isOnline).toBe(true);
  });

  it('throws when the event belongs to another attempt', () => {
    expect(() =>
      evaluateIncidents(createCandidateRuleState(attemptId), { type: 'copy', attemptId: 'other', at: s(0) }),
    ).toThrow(/attempt other .* attempt attempt-1/);
  });
});

describe('tick', () => {
  it('R10: raises focus_lost_too_long once while focus is still lost, not again on return', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'focus_lost', at: s(100) } },
      { tickAt: s(109) },
      { tickAt: s(110) },
      { tickAt: s(111) },
      { event: { type: 'focus_regained', at: s(150) } },
    ]);
    expect(incidents).toEqual([
      {
        rule: 'focus_lost_too_long',
        severity: 'medium',
        attemptId,
        at: s(110),
        detail: { durationMs: 10_000, isOngoing: true },
      },
    ]);
  });

  it('R10: raises disconnect_too_long once after 60 s offline, not again on reconnection', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'disconnect', at: s(100) } },
      { tickAt: s(159) },
      { tickAt: s(160) },
      { tickAt: s(170) },
      { event: { type: 'connection', at: s(200), ip: '10.0.0.5', userAgent: 'Chrome/140' } },
    ]);
    expect(incidents).toEqual([
      {
        rule: 'disconnect_too_long',
        severity: 'medium',
        attemptId,
        at: s(160),
        detail: { durationMs: 60_000, isOngoing: true },
      },
    ]);
  });

  it('R10: raises idle_too_long after 600 s without activity, and again only after new activity', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'answer_saved', at: s(100), answeredCount: 1 } },
      { tickAt: s(699) },
      { tickAt: s(700) },
      { tickAt: s(800) },
      { event: { type: 'answer_saved', at: s(900), answeredCount: 2 } },
      { tickAt: s(1499) },
      { tickAt: s(1500) },
    ]);
    expect(incidents.map((incident) => [incident.rule, incident.severity, incident.at, incident.detail])).toEqual([
      ['idle_too_long', 'low', s(700), { idleMs: 600_000 }],
      ['idle_too_long', 'low', s(1500), { idleMs: 600_000 }],
    ]);
  });

  it('R10: leaves an offline candidate to the disconnect rule instead of the idle rule', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'disconnect', at: s(10) } },
      { tickAt: s(70) },
      { tickAt: s(1000) },
    ]);
    expect(rules(incidents)).toEqual(['disconnect_too_long']);
  });

  it('R10: restarts the idle and disconnect clocks when a paused attempt resumes', () => {
    const { incidents } = run([
      ...started,
      { event: { type: 'disconnect', at: s(10) } },
      { event: { type: 'attempt_paused', at: s(20) } },
      { tickAt: s(500) },
      { event: { type: 'attempt_resumed', at: s(1000) } },
      { tickAt: s(1059) },
      { tickAt: s(1060) },
    ]);
    expect(incidents.map((incident) => [incident.rule, incident.at])).toEqual([['disconnect_too_long', s(1060)]]);
  });

  it('raises nothing before the start', () => {
    const { incidents } = run([
      { event: { type: 'connection', at: s(0), ip: '10.0.0.5', userAgent: 'Chrome/140' } },
      { tickAt: s(5000) },
    ]);
    expect(incidents).toEqual([]);
  });
});
