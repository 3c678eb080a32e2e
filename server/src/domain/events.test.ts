import { describe, expect, it } from 'vitest';
import { DomainEventBus, type DomainEventMap } from './events';

const base = { attemptId: 'a', organisationId: 'o', batchId: 'b', sessionId: 's', roomId: 'r', candidateId: 'c', at: 1 };

describe('DomainEventBus', () => {
  it('delivers events to listeners in subscription order until they unsubscribe', () => {
    const bus = new DomainEventBus();
    const seen: string[] = [];
    const stopFirst = bus.on('attempt.warned', (event) => seen.push(`first:${event.message}`));
    bus.on('attempt.warned', (event) => seen.push(`second:${event.message}`));
    const event: DomainEventMap['attempt.warned'] = { ...base, message: 'm1', reason: 'r', byUserId: 'u' };
    bus.emit('attempt.warned', event);
    stopFirst();
    bus.emit('attempt.warned', { ...event, message: 'm2' });
    expect(seen).toEqual(['first:m1', 'second:m1', 'second:m2']);
    expect(bus.listenerCount('attempt.warned')).toBe(1);
  });

  it('reports a throwing listener and still delivers to the others', () => {
    const bus = new DomainEventBus();
    const errors: string[] = [];
    bus.setErrorReporter((error, name) => errors.push(`${name}:${(error as Error).message}`));
    const seen: number[] = [];
    bus.on('attempt.paused', () => {
      throw new Error('boom');
    });
    bus.on('attempt.paused', (event) => seen.push(event.remainingMs));
    expect(() => bus.emit('attempt.paused', { ...base, pausedAt: 1, remainingMs: 5, reason: 'r', byUserId: 'u' })).not.toThrow();
    expect(seen).toEqual([5]);
    expect(errors).toEqual(['attempt.paused:boom']);
  });
});
