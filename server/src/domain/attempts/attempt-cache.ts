/**
 * Per-process cache of what the answer hot path needs about an attempt: owner, slot shapes
 * (immutable once prepared), status, deadline and the answered/flagged slot sets. Status and
 * deadline follow the domain events of this process; changes made by another process are caught by
 * the conditional update in the database (the source of truth), after which the entry is reloaded.
 * Only terminal statuses (submitted, voided) are trusted to refuse a save without the database.
 */
import { Types } from 'mongoose';
import type { AttemptStatus } from '../../contracts/exam-room';
import { domainEvents, type DomainEventBus } from '../events';
import type { SlotShape } from './answer-shape';
import { AttemptModel, type AttemptRecord } from './attempt.model';

/** What the hot path knows about one attempt. */
export interface CachedAttempt {
  id: Types.ObjectId;
  attemptId: string;
  organisationId: string;
  batchId: string;
  sessionId: string;
  roomId: string;
  candidateId: string;
  /** shapes[slot - 1]. */
  shapes: SlotShape[];
  status: AttemptStatus;
  deadlineAtMs: number | null;
  answeredSlots: Set<number>;
  flaggedSlots: Set<number>;
}

/** Fields read to fill an entry. */
const cacheProjection = {
  organisationId: 1,
  batchId: 1,
  sessionId: 1,
  roomId: 1,
  candidateId: 1,
  'form.slots.type': 1,
  'form.slots.optionCount': 1,
  status: 1,
  deadlineAt: 1,
  answers: 1,
  flaggedSlots: 1,
} as const;

type CacheSource = Pick<
  AttemptRecord,
  '_id' | 'organisationId' | 'batchId' | 'sessionId' | 'roomId' | 'candidateId' | 'status' | 'deadlineAt' | 'answers' | 'flaggedSlots'
> & { form: { slots: Pick<AttemptRecord['form']['slots'][number], 'type' | 'optionCount'>[] } };

/** Builds an entry from a stored attempt (at least the fields of the cache projection). */
export function toCachedAttempt(record: CacheSource): CachedAttempt {
  const answeredSlots = new Set<number>();
  for (const [slot, answer] of Object.entries(record.answers ?? {})) {
    if (answer && answer.response.length > 0) answeredSlots.add(Number(slot));
  }
  return {
    id: record._id,
    attemptId: String(record._id),
    organisationId: String(record.organisationId),
    batchId: String(record.batchId),
    sessionId: String(record.sessionId),
    roomId: String(record.roomId),
    candidateId: String(record.candidateId),
    shapes: record.form.slots.map((slot) => ({ type: slot.type, optionCount: slot.optionCount })),
    status: record.status,
    deadlineAtMs: record.deadlineAt ? new Date(record.deadlineAt).getTime() : null,
    answeredSlots,
    flaggedSlots: new Set(record.flaggedSlots ?? []),
  };
}

/** A bounded map of attempt id → {@link CachedAttempt}, kept current by the domain events. */
export class AttemptCache {
  private readonly entries = new Map<string, CachedAttempt>();
  private readonly loading = new Map<string, Promise<CachedAttempt | null>>();
  private readonly unsubscribes: Array<() => void> = [];

  /**
   * @param bus the events to follow; @param maxEntries oldest entries are dropped beyond it.
   */
  constructor(
    bus: DomainEventBus,
    private readonly maxEntries = 50_000,
  ) {
    const update = (attemptId: string, change: Partial<Pick<CachedAttempt, 'status' | 'deadlineAtMs'>>) => {
      const entry = this.entries.get(attemptId);
      if (entry) Object.assign(entry, change);
    };
    this.unsubscribes.push(
      bus.on('attempt.started', (event) => update(event.attemptId, { status: 'in_progress', deadlineAtMs: event.deadlineAt })),
      bus.on('attempt.paused', (event) => update(event.attemptId, { status: 'paused' })),
      bus.on('attempt.resumed', (event) => update(event.attemptId, { status: 'in_progress', deadlineAtMs: event.deadlineAt })),
      bus.on('attempt.extended', (event) => update(event.attemptId, { deadlineAtMs: event.deadlineAt })),
      bus.on('attempt.submitted', (event) => update(event.attemptId, { status: 'submitted' })),
    );
  }

  /** The cached entry, if any (no I/O). */
  peek(attemptId: string): CachedAttempt | undefined {
    return this.entries.get(attemptId);
  }

  /**
   * The entry of `attemptId`, read from the database on a miss (concurrent misses share one read).
   * @returns null when the attempt does not exist or the id is malformed.
   */
  async get(attemptId: string): Promise<CachedAttempt | null> {
    const cached = this.entries.get(attemptId);
    if (cached) return cached;
    return this.reload(attemptId);
  }

  /** Reads the attempt again (after the database refused a write the cache allowed). */
  reload(attemptId: string): Promise<CachedAttempt | null> {
    const pending = this.loading.get(attemptId);
    if (pending) return pending;
    if (!Types.ObjectId.isValid(attemptId) || !/^[0-9a-f]{24}$/i.test(attemptId)) return Promise.resolve(null);
    const load = (async () => {
      try {
        const record = await AttemptModel.findById(attemptId, cacheProjection).lean<CacheSource>();
        if (!record) {
          this.entries.delete(attemptId);
          return null;
        }
        return this.put(toCachedAttempt(record));
      } finally {
        this.loading.delete(attemptId);
      }
    })();
    this.loading.set(attemptId, load);
    return load;
  }

  /** Stores an entry (replacing an older one), evicting the oldest beyond the bound. */
  put(entry: CachedAttempt): CachedAttempt {
    this.entries.delete(entry.attemptId);
    this.entries.set(entry.attemptId, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry;
  }

  /** Drops one entry. */
  delete(attemptId: string): void {
    this.entries.delete(attemptId);
  }

  /** Drops every entry (server stop). */
  clear(): void {
    this.entries.clear();
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }
}

/** The process-wide cache used by the attempt use cases. */
export const attemptCache = new AttemptCache(domainEvents);
