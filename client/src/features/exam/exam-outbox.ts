/**
 * The exam page's outbox (issue 7): answer and flag changes not yet acknowledged by the server,
 * kept in IndexedDB (through `idb`) so they survive a reload, a crash or a lost connection, and are
 * resent after the reconnect. One entry per attempt + slot: the latest change (highest `seq`) wins.
 * The last sequence number handed out is kept per attempt so numbering continues after a reload,
 * and the slot on screen until the server has it.
 *
 * When IndexedDB cannot be opened (private windows of some browsers) the outbox lives in memory:
 * changes still survive reconnects, not reloads.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PendingAnswer, PendingFlag } from './exam-model';

/** Name of the IndexedDB database (tests read it to check the queue). */
export const outboxDatabaseName = 'skillcert-exam';
const databaseVersion = 1;

interface SequenceRecord {
  attemptId: string;
  lastSeq: number;
}

interface PositionRecord {
  attemptId: string;
  slot: number;
}

interface OutboxSchema extends DBSchema {
  answers: { key: [string, number]; value: PendingAnswer; indexes: { byAttempt: string } };
  flags: { key: [string, number]; value: PendingFlag; indexes: { byAttempt: string } };
  sequences: { key: string; value: SequenceRecord };
  positions: { key: string; value: PositionRecord };
}

/** What the outbox holds for one attempt. */
export interface OutboxContents {
  answers: PendingAnswer[];
  flags: PendingFlag[];
  /** Highest sequence number this browser handed out for the attempt (0 when none). */
  lastSeq: number;
  /** Slot on screen not yet acknowledged by the server (null when none). */
  position: number | null;
}

/** Storage of pending changes, per attempt + slot. */
export interface ExamOutbox {
  /** True when the entries survive a reload (IndexedDB). */
  readonly isDurable: boolean;
  /** Everything pending for `attemptId`. */
  load(attemptId: string): Promise<OutboxContents>;
  /** Stores `entry` unless a change with a higher seq is stored for the slot; records its seq. */
  putAnswer(entry: PendingAnswer): Promise<void>;
  /** Removes the slot's entry when its seq is at most `acknowledgedSeq` (a newer change stays). */
  removeAnswer(attemptId: string, slot: number, acknowledgedSeq: number): Promise<void>;
  /** Stores the slot's latest flag change. */
  putFlag(entry: PendingFlag): Promise<void>;
  /** Removes the slot's flag change when it still says `isFlagged` (a newer opposite change stays). */
  removeFlag(attemptId: string, slot: number, isFlagged: boolean): Promise<void>;
  /** Remembers the slot on screen until the server acknowledges it. */
  putPosition(attemptId: string, slot: number): Promise<void>;
  /** Forgets the pending position when it is still `slot`. */
  removePosition(attemptId: string, slot: number): Promise<void>;
  /** Forgets everything of `attemptId` (after the submission). */
  clear(attemptId: string): Promise<void>;
}

/** An outbox in memory (fallback, and for unit tests). */
export function createMemoryOutbox(): ExamOutbox {
  const answers = new Map<string, PendingAnswer>();
  const flags = new Map<string, PendingFlag>();
  const sequences = new Map<string, number>();
  const positions = new Map<string, number>();
  const keyOf = (attemptId: string, slot: number) => `${attemptId}:${slot}`;
  return {
    isDurable: false,
    async load(attemptId) {
      return {
        answers: [...answers.values()].filter((entry) => entry.attemptId === attemptId).map((entry) => ({ ...entry, response: [...entry.response] })),
        flags: [...flags.values()].filter((entry) => entry.attemptId === attemptId).map((entry) => ({ ...entry })),
        lastSeq: sequences.get(attemptId) ?? 0,
        position: positions.get(attemptId) ?? null,
      };
    },
    async putAnswer(entry) {
      const key = keyOf(entry.attemptId, entry.slot);
      const existing = answers.get(key);
      if (!existing || existing.seq < entry.seq) answers.set(key, { ...entry, response: [...entry.response] });
      sequences.set(entry.attemptId, Math.max(sequences.get(entry.attemptId) ?? 0, entry.seq));
    },
    async removeAnswer(attemptId, slot, acknowledgedSeq) {
      const key = keyOf(attemptId, slot);
      const existing = answers.get(key);
      if (existing && existing.seq <= acknowledgedSeq) answers.delete(key);
    },
    async putFlag(entry) {
      flags.set(keyOf(entry.attemptId, entry.slot), { ...entry });
    },
    async removeFlag(attemptId, slot, isFlagged) {
      const key = keyOf(attemptId, slot);
      if (flags.get(key)?.isFlagged === isFlagged) flags.delete(key);
    },
    async putPosition(attemptId, slot) {
      positions.set(attemptId, slot);
    },
    async removePosition(attemptId, slot) {
      if (positions.get(attemptId) === slot) positions.delete(attemptId);
    },
    async clear(attemptId) {
      positions.delete(attemptId);
      for (const [key, entry] of answers) if (entry.attemptId === attemptId) answers.delete(key);
      for (const [key, entry] of flags) if (entry.attemptId === attemptId) flags.delete(key);
      sequences.delete(attemptId);
    },
  };
}

function createIndexedDbOutbox(database: IDBPDatabase<OutboxSchema>): ExamOutbox {
  // Writes run one after another so a removal never overtakes the put it acknowledges.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    isDurable: true,
    load: (attemptId) =>
      serial(async () => {
        const transaction = database.transaction(['answers', 'flags', 'sequences', 'positions'], 'readonly');
        const [answers, flags, sequence, position] = await Promise.all([
          transaction.objectStore('answers').index('byAttempt').getAll(attemptId),
          transaction.objectStore('flags').index('byAttempt').getAll(attemptId),
          transaction.objectStore('sequences').get(attemptId),
          transaction.objectStore('positions').get(attemptId),
        ]);
        return { answers, flags, lastSeq: sequence?.lastSeq ?? 0, position: position?.slot ?? null };
      }),
    putAnswer: (entry) =>
      serial(async () => {
        const transaction = database.transaction(['answers', 'sequences'], 'readwrite');
        const answers = transaction.objectStore('answers');
        const sequences = transaction.objectStore('sequences');
        const existing = await answers.get([entry.attemptId, entry.slot]);
        if (!existing || existing.seq < entry.seq) await answers.put({ ...entry, response: [...entry.response] });
        const sequence = await sequences.get(entry.attemptId);
        if (!sequence || sequence.lastSeq < entry.seq) await sequences.put({ attemptId: entry.attemptId, lastSeq: entry.seq });
        await transaction.done;
      }),
    removeAnswer: (attemptId, slot, acknowledgedSeq) =>
      serial(async () => {
        const transaction = database.transaction('answers', 'readwrite');
        const existing = await transaction.store.get([attemptId, slot]);
        if (existing && existing.seq <= acknowledgedSeq) await transaction.store.delete([attemptId, slot]);
        await transaction.done;
      }),
    putFlag: (entry) => serial(() => database.put('flags', { ...entry }).then(() => undefined)),
    removeFlag: (attemptId, slot, isFlagged) =>
      serial(async () => {
        const transaction = database.transaction('flags', 'readwrite');
        const existing = await transaction.store.get([attemptId, slot]);
        if (existing && existing.isFlagged === isFlagged) await transaction.store.delete([attemptId, slot]);
        await transaction.done;
      }),
    putPosition: (attemptId, slot) => serial(() => database.put('positions', { attemptId, slot }).then(() => undefined)),
    removePosition: (attemptId, slot) =>
      serial(async () => {
        const transaction = database.transaction('positions', 'readwrite');
        if ((await transaction.store.get(attemptId))?.slot === slot) await transaction.store.delete(attemptId);
        await transaction.done;
      }),
    clear: (attemptId) =>
      serial(async () => {
        const transaction = database.transaction(['answers', 'flags', 'sequences', 'positions'], 'readwrite');
        for (const name of ['answers', 'flags'] as const) {
          const store = transaction.objectStore(name);
          for (const key of await store.index('byAttempt').getAllKeys(attemptId)) await store.delete(key);
        }
        await transaction.objectStore('sequences').delete(attemptId);
        await transaction.objectStore('positions').delete(attemptId);
        await transaction.done;
      }),
  };
}

/**
 * Opens the IndexedDB outbox, or an in-memory one when IndexedDB is unavailable (never throws).
 */
export async function openExamOutbox(): Promise<ExamOutbox> {
  if (typeof indexedDB === 'undefined') return createMemoryOutbox();
  try {
    const database = await openDB<OutboxSchema>(outboxDatabaseName, databaseVersion, {
      upgrade(upgrading) {
        const answers = upgrading.createObjectStore('answers', { keyPath: ['attemptId', 'slot'] });
        answers.createIndex('byAttempt', 'attemptId');
        const flags = upgrading.createObjectStore('flags', { keyPath: ['attemptId', 'slot'] });
        flags.createIndex('byAttempt', 'attemptId');
        upgrading.createObjectStore('sequences', { keyPath: 'attemptId' });
        upgrading.createObjectStore('positions', { keyPath: 'attemptId' });
      },
    });
    return createIndexedDbOutbox(database);
  } catch {
    return createMemoryOutbox();
  }
}
