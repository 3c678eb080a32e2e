/**
 * Read/write access to one collection, either directly on committed state (every write becomes
 * a journal op) or through a transaction's copy-on-write overlay (writes become visible to
 * others only when the transaction commits).
 */
import { UUID } from 'bson';
import { valueKey, type Doc } from './bson-values';
import { CommandError, ErrorCode } from './command-error';
import { encodeOp, encodeUpdate, type EncodedOp } from './durable-log';
import type { CompiledFilter } from './query-engine';
import { duplicateKeyError, ID_INDEX_SPEC, idKeyOf, type IndexState, type StoreOp, type StoreState } from './storage';

/** One document changed by a transaction: the committed version it started from, and its new version. */
export interface OverlayEntry {
  /** Committed document when the transaction first touched it (object identity = version). */
  base: Doc | undefined;
  /** New version, or null when deleted. */
  cur: Doc | null;
}

/** A multi-document transaction's private state. */
export interface Transaction {
  readonly txnNumber: number;
  readonly startedAtMs: number;
  readonly sessionId: string;
  /** ns → idKey → entry, in first-touch order. */
  readonly writes: Map<string, Map<string, OverlayEntry>>;
  /** Collections the transaction created implicitly. */
  readonly created: Set<string>;
  state: 'active' | 'committed' | 'aborted';
}

/** Access to one namespace for the duration of a command. */
export interface CollectionView {
  readonly ns: string;
  exists(): boolean;
  /** Matching documents in natural order, at most `limit` when given. */
  scan(filter: CompiledFilter, limit?: number): Doc[];
  /** Every document (for aggregation and `$lookup`). */
  all(): Doc[];
  /** Stores a new document (already carrying `_id`); returns the stored form. Throws 11000. */
  insert(doc: Doc): Doc;
  /** Replaces `oldDoc` (same `_id`) by `newDoc`; returns the stored form. Throws 11000. */
  replace(oldDoc: Doc, newDoc: Doc): Doc;
  /** Deletes a document. */
  remove(doc: Doc): void;
  /** Secondary indexes of the committed collection. */
  indexes(): IndexState[];
}

/** Writes straight to committed state; the ops are journaled when the command finishes. */
export class CommittedView implements CollectionView {
  constructor(
    private readonly state: StoreState,
    readonly ns: string,
    private readonly ops: EncodedOp[],
  ) {}

  private apply(op: StoreOp): StoreOp {
    const encoded = encodeOp(op);
    this.state.applyOp(encoded.op);
    this.ops.push(encoded);
    return encoded.op;
  }

  exists(): boolean {
    return this.state.getCollection(this.ns) !== undefined;
  }

  /** Creates the collection if it does not exist (journaled). Returns true when created. */
  ensure(): boolean {
    if (this.exists()) return false;
    this.apply({ o: 'cc', ns: this.ns, opts: {}, uuid: new UUID() });
    return true;
  }

  scan(filter: CompiledFilter, limit?: number): Doc[] {
    const coll = this.state.getCollection(this.ns);
    if (!coll) return [];
    const source = (filter.isEmpty ? null : coll.candidates(filter.filter)) ?? coll.docs.values();
    const out: Doc[] = [];
    for (const doc of source) {
      if (filter.test(doc)) {
        out.push(doc);
        if (limit !== undefined && out.length >= limit) break;
      }
    }
    return out;
  }

  all(): Doc[] {
    const coll = this.state.getCollection(this.ns);
    return coll ? Array.from(coll.docs.values()) : [];
  }

  insert(doc: Doc): Doc {
    this.ensure();
    const coll = this.state.getCollection(this.ns)!;
    const encoded = encodeOp({ o: 'i', ns: this.ns, d: doc });
    const stored = (encoded.op as { d: Doc }).d;
    coll.checkIndexable(stored);
    coll.checkUnique(stored, idKeyOf(stored._id), true);
    this.state.applyOp(encoded.op);
    this.ops.push(encoded);
    return stored;
  }

  replace(_oldDoc: Doc, newDoc: Doc): Doc {
    const coll = this.state.getCollection(this.ns)!;
    // The journal patch is relative to the version stored now, which is what a replay will hold.
    const current = coll.docs.get(idKeyOf(newDoc._id));
    const encoded = current ? encodeUpdate(this.ns, current, newDoc) : encodeOp({ o: 'u', ns: this.ns, d: newDoc });
    const stored = (encoded.op as { d: Doc }).d;
    coll.checkIndexable(stored);
    coll.checkUnique(stored, idKeyOf(stored._id), false);
    this.state.applyOp(encoded.op);
    this.ops.push(encoded);
    return stored;
  }

  remove(doc: Doc): void {
    this.apply({ o: 'd', ns: this.ns, id: doc._id });
  }

  indexes(): IndexState[] {
    return this.state.getCollection(this.ns)?.indexes ?? [];
  }
}

/** Raised when two writers touch the same document concurrently (driver retries the transaction). */
export function writeConflict(): CommandError {
  return new CommandError(
    ErrorCode.WriteConflict,
    'Caused by :: Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    ['TransientTransactionError'],
  );
}

/** Reads committed state merged with the transaction's overlay; writes go to the overlay. */
export class TransactionView implements CollectionView {
  private readonly overlay: Map<string, OverlayEntry>;

  constructor(
    private readonly state: StoreState,
    readonly ns: string,
    private readonly txn: Transaction,
    private readonly activeTransactions: Set<Transaction>,
  ) {
    let overlay = txn.writes.get(ns);
    if (!overlay) txn.writes.set(ns, (overlay = new Map()));
    this.overlay = overlay;
  }

  exists(): boolean {
    return this.state.getCollection(this.ns) !== undefined || this.txn.created.has(this.ns);
  }

  scan(filter: CompiledFilter, limit?: number): Doc[] {
    const coll = this.state.getCollection(this.ns);
    const out: Doc[] = [];
    if (coll) {
      const source = (filter.isEmpty ? null : coll.candidates(filter.filter)) ?? coll.docs.values();
      for (const doc of source) {
        const key = idKeyOf(doc._id);
        if (this.overlay.has(key)) continue;
        if (filter.test(doc)) {
          out.push(doc);
          if (limit !== undefined && out.length >= limit) return out;
        }
      }
    }
    for (const entry of this.overlay.values()) {
      if (entry.cur && filter.test(entry.cur)) {
        out.push(entry.cur);
        if (limit !== undefined && out.length >= limit) return out;
      }
    }
    return out;
  }

  all(): Doc[] {
    const coll = this.state.getCollection(this.ns);
    const out: Doc[] = [];
    if (coll) for (const [key, doc] of coll.docs) if (!this.overlay.has(key)) out.push(doc);
    for (const entry of this.overlay.values()) if (entry.cur) out.push(entry.cur);
    return out;
  }

  private current(key: string): Doc | undefined {
    const entry = this.overlay.get(key);
    if (entry) return entry.cur ?? undefined;
    return this.state.getCollection(this.ns)?.docs.get(key);
  }

  private claim(key: string): OverlayEntry {
    for (const other of this.activeTransactions) {
      if (other !== this.txn && other.state === 'active' && other.writes.get(this.ns)?.has(key)) throw writeConflict();
    }
    let entry = this.overlay.get(key);
    if (!entry) {
      const base = this.state.getCollection(this.ns)?.docs.get(key);
      entry = { base, cur: base ?? null };
      this.overlay.set(key, entry);
    }
    return entry;
  }

  private checkUnique(doc: Doc, key: string, isNew: boolean): void {
    if (isNew && this.current(key)) {
      throw duplicateKeyError(this.ns, { name: '_id_', spec: ID_INDEX_SPEC }, { _id: doc._id });
    }
    const coll = this.state.getCollection(this.ns);
    if (!coll) return;
    coll.checkIndexable(doc);
    for (const index of coll.indexes) {
      if (!index.isUnique) continue;
      for (const { key: indexKey, values } of index.keysOf(doc)) {
        for (const other of index.entries.get(indexKey) ?? []) {
          if (other !== key && !this.overlay.has(other)) throw duplicateKeyError(this.ns, index, index.keyValue(values));
        }
        for (const [otherKey, entry] of this.overlay) {
          if (otherKey === key || !entry.cur) continue;
          if (index.keysOf(entry.cur).some((k) => k.key === indexKey)) throw duplicateKeyError(this.ns, index, index.keyValue(values));
        }
      }
    }
  }

  insert(doc: Doc): Doc {
    const stored = (encodeOp({ o: 'i', ns: this.ns, d: doc }).op as { d: Doc }).d;
    const key = idKeyOf(stored._id);
    this.checkUnique(stored, key, true);
    if (!this.state.getCollection(this.ns)) this.txn.created.add(this.ns);
    this.claim(key).cur = stored;
    return stored;
  }

  replace(_oldDoc: Doc, newDoc: Doc): Doc {
    const stored = (encodeOp({ o: 'u', ns: this.ns, d: newDoc }).op as { d: Doc }).d;
    const key = idKeyOf(stored._id);
    this.checkUnique(stored, key, false);
    this.claim(key).cur = stored;
    return stored;
  }

  remove(doc: Doc): void {
    this.claim(idKeyOf(doc._id)).cur = null;
  }

  indexes(): IndexState[] {
    return this.state.getCollection(this.ns)?.indexes ?? [];
  }
}

/**
 * Applies a transaction's overlay to committed state atomically. Every touched document must
 * still be the version the transaction started from, and unique indexes must hold; otherwise
 * nothing is applied and WriteConflict (TransientTransactionError) is thrown.
 * Returns the encoded ops to journal as one record.
 */
export function commitOverlay(state: StoreState, txn: Transaction): EncodedOp[] {
  const applied: StoreOp[] = [];
  const undo: StoreOp[] = [];
  const encodedOps: EncodedOp[] = [];
  const run = (op: StoreOp, inverse: StoreOp, before?: Doc): void => {
    const encoded = op.o === 'u' && before ? encodeUpdate(op.ns, before, op.d) : encodeOp(op);
    state.applyOp(encoded.op);
    applied.push(encoded.op);
    undo.push(inverse);
    encodedOps.push(encoded);
  };
  try {
    for (const [ns, entries] of txn.writes) {
      const hasWrites = [...entries.values()].some((e) => e.cur !== null || e.base !== undefined);
      if (!hasWrites && !txn.created.has(ns)) continue;
      if (!state.getCollection(ns)) run({ o: 'cc', ns, opts: {}, uuid: new UUID() }, { o: 'dc', ns });
      const coll = state.getCollection(ns)!;
      for (const [key, entry] of entries) {
        if (coll.docs.get(key) !== entry.base) throw writeConflict();
      }
      const ordered = [...entries.entries()].sort((a, b) => rank(a[1]) - rank(b[1]));
      for (const [key, entry] of ordered) {
        if (entry.cur === null) {
          if (entry.base) run({ o: 'd', ns, id: entry.base._id }, { o: 'i', ns, d: entry.base });
        } else if (entry.base) {
          if (valueKey(entry.cur) === valueKey(entry.base)) continue;
          try {
            coll.checkUnique(entry.cur, key, false);
          } catch {
            throw writeConflict();
          }
          run({ o: 'u', ns, d: entry.cur }, { o: 'u', ns, d: entry.base }, entry.base);
        } else {
          try {
            coll.checkUnique(entry.cur, key, true);
          } catch {
            throw writeConflict();
          }
          run({ o: 'i', ns, d: entry.cur }, { o: 'd', ns, id: entry.cur._id });
        }
      }
    }
  } catch (error) {
    for (let i = undo.length - 1; i >= 0; i--) state.applyOp(undo[i]);
    throw error;
  }
  return encodedOps;
}

function rank(entry: OverlayEntry): number {
  if (entry.cur === null) return 0;
  return entry.base ? 1 : 2;
}
