/**
 * In-memory state of the embedded store: databases, collections, documents keyed by their
 * canonical `_id` key, and index maps (index key → ids) that enforce unique indexes and narrow
 * equality lookups. State changes only through `applyOp`, the same function that replays the
 * journal, so memory and disk cannot disagree about what an operation means.
 *
 * Stored documents are never mutated: an update stores a new object. Cursors and snapshots may
 * therefore hold references to documents without copying them.
 */
import { Binary, UUID } from 'bson';
import { pathValues, valueKey, getPath, type Doc, isPlainObject } from './bson-values';
import { CommandError, ErrorCode } from './command-error';
import { compileFilter, type CompiledFilter } from './query-engine';
import { formatValue } from './bson-values';
import { applyPatch } from './document-patch';

/** An index as listIndexes reports it. */
export interface IndexSpec {
  v?: number;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

/**
 * One journal/replay operation. Updates carry the full new document (`u`) or, in the journal
 * only, the changed fields of the document with `_id` `id` (`p`, see document-patch.ts).
 */
export type StoreOp =
  | { o: 'i'; ns: string; d: Doc }
  | { o: 'u'; ns: string; d: Doc }
  | { o: 'p'; ns: string; id: unknown; s: Array<{ p: string[]; v: unknown }>; x: string[][] }
  | { o: 'd'; ns: string; id: unknown }
  | { o: 'cc'; ns: string; opts: Doc; uuid?: Binary }
  | { o: 'dc'; ns: string }
  | { o: 'ci'; ns: string; spec: IndexSpec }
  | { o: 'di'; ns: string; name: string }
  | { o: 'dd'; db: string }
  | { o: 'rc'; from: string; to: string };

/** Splits `db.collection` (collection names may contain dots). */
export function splitNamespace(ns: string): { db: string; coll: string } {
  const i = ns.indexOf('.');
  return { db: ns.slice(0, i), coll: ns.slice(i + 1) };
}

/** Canonical map key of a document `_id`. */
export function idKeyOf(id: unknown): string {
  return valueKey(id);
}

interface IndexEntryKey {
  key: string;
  values: unknown[];
}

/** A secondary index: metadata plus, for ascending/descending keys, a key → ids map. */
export class IndexState {
  readonly fields: string[];
  /** True when every key part is 1/-1, so the key map is maintained. */
  readonly isMapped: boolean;
  readonly isUnique: boolean;
  readonly isSparse: boolean;
  readonly partial?: CompiledFilter;
  readonly entries = new Map<string, Set<string>>();

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.isMapped = Object.values(spec.key).every((v) => v === 1 || v === -1);
    this.isUnique = spec.unique === true;
    this.isSparse = spec.sparse === true;
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
  }

  get name(): string {
    return this.spec.name;
  }

  /** Index keys of a document, or [] when the document is not in the index (sparse/partial). */
  keysOf(doc: Doc): IndexEntryKey[] {
    if (!this.isMapped) return [];
    if (this.partial && !this.partial.test(doc)) return [];
    const perField: unknown[][] = [];
    let allMissing = true;
    let multikeyFields = 0;
    for (const f of this.fields) {
      const raw = pathValues(doc, f);
      const seen = new Map<string, unknown>();
      for (const v of raw) {
        const k = valueKey(v);
        if (!seen.has(k)) seen.set(k, v === undefined ? null : v);
      }
      if (raw.some((v) => v !== undefined) || getPath(doc, f) !== undefined) allMissing = false;
      const values = [...seen.values()];
      if (values.length > 1) multikeyFields++;
      perField.push(values);
    }
    if (this.isSparse && allMissing) return [];
    if (multikeyFields > 1) {
      throw new CommandError(ErrorCode.CannotIndexParallelArrays, `cannot index parallel arrays in index ${this.name}`);
    }
    const out: IndexEntryKey[] = [];
    const build = (i: number, values: unknown[]): void => {
      if (i === perField.length) {
        const key = values.length === 1 ? valueKey(values[0]) : JSON.stringify(values.map(valueKey));
        out.push({ key, values: values.slice() });
        return;
      }
      for (const v of perField[i]) {
        values.push(v);
        build(i + 1, values);
        values.pop();
      }
    };
    build(0, []);
    return out;
  }

  /** Key for an equality lookup on all index fields, in index field order. */
  lookupKey(values: unknown[]): string {
    return values.length === 1 ? valueKey(values[0]) : JSON.stringify(values.map(valueKey));
  }

  add(idKey: string, doc: Doc): void {
    for (const { key } of this.keysOf(doc)) {
      let set = this.entries.get(key);
      if (!set) this.entries.set(key, (set = new Set()));
      set.add(idKey);
    }
  }

  remove(idKey: string, doc: Doc): void {
    for (const { key } of this.keysOf(doc)) {
      const set = this.entries.get(key);
      if (!set) continue;
      set.delete(idKey);
      if (set.size === 0) this.entries.delete(key);
    }
  }

  /** The keyValue document of an index entry (for duplicate-key errors). */
  keyValue(values: unknown[]): Doc {
    const out: Doc = {};
    this.fields.forEach((f, i) => (out[f] = values[i] ?? null));
    return out;
  }
}

/** Builds mongod's duplicate-key error for an index entry. */
export function duplicateKeyError(ns: string, index: { name: string; spec: IndexSpec }, keyValue: Doc): CommandError {
  const keyText = Object.entries(keyValue)
    .map(([k, v]) => `${k}: ${formatValue(v)}`)
    .join(', ');
  return new CommandError(
    ErrorCode.DuplicateKey,
    `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: { ${keyText} }`,
    { keyPattern: index.spec.key, keyValue },
  );
}

/** The implicit `_id_` index every collection has. */
export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** A collection: documents in insertion order plus secondary indexes. */
export class CollectionState {
  readonly docs = new Map<string, Doc>();
  readonly indexes: IndexState[] = [];

  constructor(
    public ns: string,
    readonly options: Doc,
    readonly uuid: Binary,
  ) {}

  get name(): string {
    return splitNamespace(this.ns).coll;
  }

  findIndex(name: string): IndexState | undefined {
    return this.indexes.find((i) => i.name === name);
  }

  /** All index specs including `_id_`, as listIndexes reports them. */
  indexSpecs(): IndexSpec[] {
    return [ID_INDEX_SPEC, ...this.indexes.map((i) => i.spec)];
  }

  /**
   * Throws DuplicateKey (11000) if storing `doc` under `idKey` would violate a unique index.
   * `ignore` lists ids whose current entries do not count (they are being replaced).
   */
  checkUnique(doc: Doc, idKey: string, isNewId: boolean, ignore?: (idKey: string) => boolean): void {
    if (isNewId && this.docs.has(idKey) && !(ignore && ignore(idKey))) {
      throw duplicateKeyError(this.ns, { name: '_id_', spec: ID_INDEX_SPEC }, { _id: doc._id });
    }
    for (const index of this.indexes) {
      if (!index.isUnique) continue;
      for (const { key, values } of index.keysOf(doc)) {
        const ids = index.entries.get(key);
        if (!ids) continue;
        for (const other of ids) {
          if (other !== idKey && !(ignore && ignore(other))) {
            throw duplicateKeyError(this.ns, index, index.keyValue(values));
          }
        }
      }
    }
  }

  /** Validates index keys that can fail (parallel arrays) before a write is applied. */
  checkIndexable(doc: Doc): void {
    for (const index of this.indexes) index.keysOf(doc);
  }

  insertDoc(doc: Doc): void {
    const idKey = idKeyOf(doc._id);
    this.docs.set(idKey, doc);
    for (const index of this.indexes) index.add(idKey, doc);
  }

  replaceDoc(doc: Doc): void {
    const idKey = idKeyOf(doc._id);
    const old = this.docs.get(idKey);
    if (old) for (const index of this.indexes) index.remove(idKey, old);
    this.docs.set(idKey, doc);
    for (const index of this.indexes) index.add(idKey, doc);
  }

  deleteDoc(id: unknown): Doc | undefined {
    const idKey = idKeyOf(id);
    const old = this.docs.get(idKey);
    if (!old) return undefined;
    for (const index of this.indexes) index.remove(idKey, old);
    this.docs.delete(idKey);
    return old;
  }

  addIndex(spec: IndexSpec): IndexState {
    const index = new IndexState(spec);
    for (const [idKey, doc] of this.docs) index.add(idKey, doc);
    this.indexes.push(index);
    return index;
  }

  /**
   * Candidate documents for an equality filter using `_id` or a mapped index (every index field
   * must have a scalar equality), or null when a full scan is needed. Candidates are a superset
   * of the matches; callers still test the filter.
   */
  candidates(filter: Doc): Doc[] | null {
    const eq = equalityConditions(filter);
    if (eq.size === 0) return null;
    const idCond = eq.get('_id');
    if (idCond) {
      const out: Doc[] = [];
      for (const v of idCond) {
        const d = this.docs.get(idKeyOf(v));
        if (d) out.push(d);
      }
      return out;
    }
    let best: Set<string> | null = null;
    for (const index of this.indexes) {
      if (!index.isMapped || index.partial) continue;
      const lists = index.fields.map((f) => eq.get(f));
      if (lists.some((l) => l === undefined)) continue;
      if (lists.filter((l) => l!.length > 1).length > 0 && index.fields.length > 1) continue;
      const ids = new Set<string>();
      if (index.fields.length === 1) {
        for (const v of lists[0]!) for (const id of index.entries.get(index.lookupKey([v])) ?? []) ids.add(id);
      } else {
        for (const id of index.entries.get(index.lookupKey(lists.map((l) => l![0]))) ?? []) ids.add(id);
      }
      if (!best || ids.size < best.size) best = ids;
      if (best.size === 0) break;
    }
    if (!best) return null;
    const out: Doc[] = [];
    for (const id of best) {
      const d = this.docs.get(id);
      if (d) out.push(d);
    }
    return out;
  }
}

function isIndexableScalar(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return true;
  if (t === 'number') return !Number.isNaN(v);
  if (v instanceof Date) return true;
  return (v as { _bsontype?: string })._bsontype === 'ObjectId';
}

/** Top-level scalar equality conditions of a filter: field → allowed values. */
function equalityConditions(filter: Doc): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const visit = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (k.startsWith('$')) continue;
      let values: unknown[] | undefined;
      if (isIndexableScalar(v)) values = [v];
      else if (isPlainObject(v)) {
        const keys = Object.keys(v);
        if (keys.length === 1 && keys[0] === '$eq' && isIndexableScalar(v.$eq)) values = [v.$eq];
        else if (keys.length === 1 && keys[0] === '$in' && Array.isArray(v.$in) && v.$in.every(isIndexableScalar)) {
          values = v.$in as unknown[];
        }
      }
      if (!values) continue;
      const prev = out.get(k);
      if (!prev || values.length < prev.length) out.set(k, values);
    }
  };
  visit(filter);
  return out;
}

/** A database: named collections. */
export class DatabaseState {
  readonly collections = new Map<string, CollectionState>();
  constructor(readonly name: string) {}
}

/** All databases, mutated only via {@link StoreState.applyOp}. */
export class StoreState {
  readonly databases = new Map<string, DatabaseState>();

  getCollection(ns: string): CollectionState | undefined {
    const { db, coll } = splitNamespace(ns);
    return this.databases.get(db)?.collections.get(coll);
  }

  /** Applies one operation (live write or journal replay). Throws on an inconsistent op. */
  applyOp(op: StoreOp): void {
    switch (op.o) {
      case 'i':
      case 'u': {
        const c = this.requireCollection(op.ns);
        if (op.o === 'i') c.insertDoc(op.d);
        else c.replaceDoc(op.d);
        return;
      }
      case 'p': {
        const c = this.requireCollection(op.ns);
        const current = c.docs.get(idKeyOf(op.id));
        if (!current) throw new Error(`journal patch of a missing document ${valueKey(op.id)} in ${op.ns}`);
        c.replaceDoc(applyPatch(current, { set: op.s.map((entry) => ({ path: entry.p, value: entry.v })), unset: op.x }));
        return;
      }
      case 'd':
        this.requireCollection(op.ns).deleteDoc(op.id);
        return;
      case 'cc': {
        const { db, coll } = splitNamespace(op.ns);
        let database = this.databases.get(db);
        if (!database) this.databases.set(db, (database = new DatabaseState(db)));
        if (database.collections.has(coll)) return;
        database.collections.set(coll, new CollectionState(op.ns, op.opts ?? {}, op.uuid ?? new UUID()));
        return;
      }
      case 'dc': {
        const { db, coll } = splitNamespace(op.ns);
        const database = this.databases.get(db);
        database?.collections.delete(coll);
        if (database && database.collections.size === 0) this.databases.delete(db);
        return;
      }
      case 'ci':
        this.requireCollection(op.ns).addIndex(op.spec);
        return;
      case 'di': {
        const c = this.requireCollection(op.ns);
        const i = c.indexes.findIndex((x) => x.name === op.name);
        if (i >= 0) c.indexes.splice(i, 1);
        return;
      }
      case 'dd':
        this.databases.delete(op.db);
        return;
      case 'rc': {
        const source = this.requireCollection(op.from);
        this.applyOp({ o: 'dc', ns: op.from });
        this.applyOp({ o: 'dc', ns: op.to });
        const { db, coll } = splitNamespace(op.to);
        let database = this.databases.get(db);
        if (!database) this.databases.set(db, (database = new DatabaseState(db)));
        const target = new CollectionState(op.to, source.options, source.uuid);
        for (const [k, d] of source.docs) target.docs.set(k, d);
        for (const index of source.indexes) {
          const moved = new IndexState(index.spec);
          for (const [k, d] of source.docs) moved.add(k, d);
          target.indexes.push(moved);
        }
        database.collections.set(coll, target);
        return;
      }
    }
  }

  private requireCollection(ns: string): CollectionState {
    const c = this.getCollection(ns);
    if (!c) throw new Error(`embedded store: operation on missing collection ${ns}`);
    return c;
  }
}
