import { describe, expect, it } from 'vitest';
import type { ProctoringEvent } from './events';
import { IncidentEngine, type AttemptContext } from './incident-engine';
import { resolveIncidentSettings } from './rules/settings';

const t0 = 1_750_000_000_000;
const s = (seconds: number) => t0 + seconds * 1000;
const settings = resolveIncidentSettings({ focusLostThresholdMs: 10_000, disconnectThresholdMs: 30_000 });
const context: AttemptContext = { organisationId: 'o1', batchId: 'b1', sessionId: 's1', roomId: 'r1', attemptId: 'a1', candidateId: 'c1' };
const settingsFor = () => settings;

type EventInput = ProctoringEvent extends infer E ? (E extends { attemptId: string } ? Omit<E, 'attemptId'> : never) : never;
type Step = { event: EventInput; now: number } | { tickAt: number };

function run(engine: IncidentEngine, steps: Step[]) {
  return steps.flatMap((step) =>
    'tickAt' in step ? engine.tick(step.tickAt, settingsFor) : engine.ingest(context, { ...step.event, attemptId: 'a1' } as ProctoringEvent, settings, step.now),
  );
}

const start: Step[] = [
  { event: { type: 'connection', at: s(0), ip: '10.0.0.5', userAgent: 'Chrome/140' }, now: s(0) },
  { event: { type: 'attempt_started', at: s(1), deadlineAt: s(3601), totalCount: 50 }, now: s(1) },
];

describe('IncidentEngine', () => {
  it('R10: gives the same key to an incident however many processes raise it, so it is stored once', () => {
    const steps: Step[] = [...start, { event: { type: 'copy', at: s(5) }, now: s(5) }, { event: { type: 'focus_lost', at: s(6) }, now: s(6) }, { tickAt: s(20) }];
    const first = run(new IncidentEngine(), steps);
    const second = run(new IncidentEngine(), steps);
    expect(first.map((incident) => incident.rule)).toEqual(['copy_paste_attempt', 'focus_lost_too_long']);
    expect(second.map((incident) => incident.key)).toEqual(first.map((incident) => incident.key));
    expect(first[1].context).toEqual(context);
  });

  it('R10: keys one focus loss the same whether the tick or the return reported it', () => {
    const away: Step[] = [...start, { event: { type: 'focus_lost', at: s(10) }, now: s(10) }];
    const byTick = run(new IncidentEngine(), [...away, { tickAt: s(21) }]);
    const byReturn = run(new IncidentEngine(), [...away, { event: { type: 'focus_regained', at: s(25) }, now: s(25) }]);
    expect(byTick).toHaveLength(1);
    expect(byReturn).toHaveLength(1);
    expect(byTick[0].detail.isOngoing).toBe(true);
    expect(byReturn[0].detail.isOngoing).toBe(false);
    expect(byTick[0].key).toBe(byReturn[0].key);
  });

  it('R10: gives two focus losses two keys', () => {
    const incidents = run(new IncidentEngine(), [
      ...start,
      { event: { type: 'focus_lost', at: s(10) }, now: s(10) },
      { event: { type: 'focus_regained', at: s(30) }, now: s(30) },
      { event: { type: 'focus_lost', at: s(40) }, now: s(40) },
      { event: { type: 'focus_regained', at: s(60) }, now: s(60) },
    ]);
    expect(incidents).toHaveLength(2);
    expect(new Set(incidents.map((incident) => incident.key)).size).toBe(2);
  });

  it('R10: ticks only attempts in progress and skips organisations without loaded settings', () => {
    const engine = new IncidentEngine();
    run(engine, [...start, { event: { type: 'disconnect', at: s(5) }, now: s(5) }]);
    expect(engine.tick(s(100), () => undefined)).toEqual([]);
    expect(engine.tick(s(100), settingsFor).map((incident) => incident.rule)).toEqual(['disconnect_too_long']);
    expect(engine.peek('a1')?.isDisconnectReported).toBe(true);
  });

  it('drops ended attempts after their retention', () => {
    const engine = new IncidentEngine({ endedRetentionMs: 60_000 });
    run(engine, [...start, { event: { type: 'attempt_submitted', at: s(10), submittedBy: 'candidate' }, now: s(10) }]);
    engine.tick(s(30), settingsFor);
    expect(engine.size).toBe(1);
    engine.tick(s(80), settingsFor);
    expect(engine.size).toBe(0);
  });

  it('refuses an event given with another attempt’s context', () => {
    expect(() => new IncidentEngine().ingest(context, { type: 'copy', attemptId: 'a2', at: s(1) }, settings, s(1))).toThrow(/attempt a2/);
  });
});
